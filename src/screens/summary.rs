//! The summary after a session.

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
            &[Key::Enter, Key::Esc, Key::Char('q'), Key::Char(' ')],
            "Enter",
            app.content.words.t("foot.home"),
            0,
        )
        .help(app.content.words.t("k.back_home_esc_q_and_space_too")),
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
        Act::Home => {
            app.flush_finished();
            app.session = None;
            app.screen = Screen::Home;
        }
        Act::Checklist => app.open_checklist(now),
        Act::Help => app.push(Overlay::Help),
    }
    true
}
