//! "Not saved": what could not be written, shown until it is acknowledged.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Overlay};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Read,
    Checklist,
    Help,
}

pub fn keys(_app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(
            Act::Read,
            &[
                Key::Enter,
                Key::Esc,
                Key::Char(' '),
                Key::Char('q'),
                Key::Char('o'),
            ],
            "Enter",
            "I have read this",
            0,
        )
        .help("close, once you have read it (Esc, Space, q and o too)"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 1).help("red-flag checklist"),
        Binding::new(Act::Help, &HELP, "?", "help", 1).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, _key: Key, now: Instant) -> bool {
    match act {
        Act::Read => {
            app.overlays.retain(|o| *o != Overlay::SaveFailed);
            app.save_errors.clear();
        }
        // The message stays under the checklist until it is read.
        Act::Checklist => app.open_checklist(now),
        Act::Help => app.push(Overlay::Help),
    }
    true
}
