//! The progress screen: pain by day, sessions this week, streak and totals.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Overlay, Screen};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Home,
    Checklist,
    Help,
}

pub fn keys(_app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(
            Act::Home,
            &[
                Key::Esc,
                Key::Char('q'),
                Key::Enter,
                Key::Char('p'),
                Key::Left,
            ],
            "Esc",
            "back",
            0,
        )
        .help("back home (q, Enter, p and ← too)"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 0).help("red-flag checklist"),
        Binding::new(Act::Help, &HELP, "?", "help", 0).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, _key: Key, now: Instant) -> bool {
    match act {
        Act::Home => app.screen = Screen::Home,
        Act::Checklist => app.open_checklist(now),
        Act::Help => app.push(Overlay::Help),
    }
    true
}
