//! "It hurts: ease off": the box a pain stop opens over the paused session.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Overlay};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Gentler,
    Skip,
    End,
    Checklist,
    Back,
    Help,
}

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(Act::Gentler, &[Key::Char('g')], "g", "gentler", 0)
            .boxed(format!(
                "try it gentler ({} s, less far)",
                app.content.dose.hold_seconds.min
            ))
            .help("try it gentler: a shorter hold, going less far"),
        Binding::new(Act::Skip, &[Key::Char('s')], "s", "skip stretch", 0)
            .boxed("skip this stretch")
            .help("skip the rest of this stretch"),
        Binding::new(Act::End, &[Key::Char('e')], "e", "end session", 0).boxed("end the session"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 0)
            .boxed("go through the warning signs"),
        Binding::new(
            Act::Back,
            &[Key::Esc, Key::Enter, Key::Char('q')],
            "Esc",
            "back",
            0,
        )
        .boxed("back to the paused hold")
        .help("back to the paused hold (Enter and q too)"),
        Binding::new(Act::Help, &HELP, "?", "help", 2).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, _key: Key, now: Instant) -> bool {
    match act {
        Act::Gentler => {
            app.overlays.pop();
            app.pain_stop_then("gentler");
            let min = app.content.dose.hold_seconds.min;
            if let Some(s) = app.session.as_mut() {
                s.gentler(now, min);
            }
        }
        Act::Skip => {
            app.overlays.pop();
            app.pain_stop_then("skip");
            if let Some(s) = app.session.as_mut() {
                // The next stretch waits for the person, whatever the setting.
                s.skip_stretch(now);
            }
        }
        Act::End => {
            app.overlays.pop();
            app.pain_stop_then("end");
            app.end_session(now);
        }
        // The box stays under the checklist: leaving the checklist comes back to it.
        Act::Checklist => app.open_checklist(now),
        Act::Back => {
            app.overlays.pop();
            app.pain_stop_then("paused");
        }
        Act::Help => app.push(Overlay::Help),
    }
    true
}
