//! "End this session?": asked before a session ends on q or Esc.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Overlay};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    End,
    Keep,
    Checklist,
    Help,
}

pub fn keys(_app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(
            Act::End,
            &[Key::Char('y'), Key::Enter, Key::Char('q')],
            "y",
            "end it",
            0,
        )
        .help("end it (Enter and q too)"),
        Binding::new(
            Act::Keep,
            &[Key::Char('n'), Key::Esc],
            "n Esc",
            "keep going",
            0,
        ),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 1)
            .help("red-flag checklist (in place of this question)"),
        Binding::new(Act::Help, &HELP, "?", "help", 1).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, _key: Key, now: Instant) -> bool {
    match act {
        Act::End => {
            app.overlays.pop();
            app.end_session(now);
        }
        Act::Keep => {
            app.overlays.pop();
        }
        Act::Checklist => {
            // The question gives way to the checklist.
            app.overlays.pop();
            app.open_checklist(now);
        }
        Act::Help => app.push(Overlay::Help),
    }
    true
}
