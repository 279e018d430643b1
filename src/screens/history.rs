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

pub fn keys(app: &App) -> Vec<Binding<Act>> {
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
            app.content.words.t("gate.back"),
            0,
        )
        .help(app.content.words.t("k.back_home_q_enter_p_and_too")),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            0,
        )
        .help(app.content.words.t("k.red_flag_checklist")),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 0)
            .help(app.content.words.t("help.this_help")),
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
