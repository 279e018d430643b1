//! "It hurts: ease off": the box a pain stop opens over the paused session.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Overlay};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Skip,
    End,
    Checklist,
    Back,
    Help,
}

pub fn keys(_app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(Act::Skip, &[Key::Char('s')], "s", "skip this stretch", 0)
            .help("skip the rest of this stretch"),
        Binding::new(Act::End, &[Key::Char('e')], "e", "end the session", 0),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "warning signs", 0)
            .help("go through the warning signs"),
        Binding::new(
            Act::Back,
            &[Key::Esc, Key::Enter, Key::Char('q')],
            "Esc",
            "back to the paused hold",
            1,
        )
        .help("back to the paused hold (Enter and q too)"),
        Binding::new(Act::Help, &HELP, "?", "help", 2).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, _key: Key, now: Instant) -> bool {
    match act {
        Act::Skip => {
            app.overlays.pop();
            if let Some(s) = app.session.as_mut() {
                let cues = s.skip_stretch(now);
                app.cues(&cues);
            }
        }
        Act::End => {
            app.overlays.pop();
            app.end_session(now);
        }
        // The box stays under the checklist: leaving the checklist comes back to it.
        Act::Checklist => app.open_checklist(now),
        Act::Back => {
            app.overlays.pop();
        }
        Act::Help => app.push(Overlay::Help),
    }
    true
}
