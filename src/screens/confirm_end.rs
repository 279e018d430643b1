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

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    // The answer keys are the language's: y and n in English, s and n in Spanish.
    let (y, n) = (app.content.words.yes_key(), app.content.words.no_key());
    let no_label = if n == 'n' { "n Esc" } else { "Esc" };
    vec![
        Binding::new(
            Act::End,
            &[Key::Char(y), Key::Enter, Key::Char('q')],
            crate::lang::letter(y),
            app.content.words.t("end.yes"),
            0,
        )
        .help(app.content.words.t("k.end_it_enter_and_q_too")),
        Binding::new(
            Act::Keep,
            &[Key::Char(n), Key::Esc],
            no_label,
            app.content.words.t("end.no"),
            0,
        ),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            1,
        )
        .help(
            app.content
                .words
                .t("k.red_flag_checklist_in_place_of_this_ques"),
        ),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 1)
            .help(app.content.words.t("help.this_help")),
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
