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

pub fn keys(app: &App) -> Vec<Binding<Act>> {
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
            app.content.words.t("saved.read"),
            0,
        )
        .help(
            app.content
                .words
                .t("k.close_once_you_have_read_it_esc_space_q"),
        ),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            1,
        )
        .help(app.content.words.t("k.red_flag_checklist")),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 1)
            .help(app.content.words.t("help.this_help")),
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
