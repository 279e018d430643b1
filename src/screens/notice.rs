//! The first-run notice: education, not medical advice, and when to get help.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Overlay};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Understood,
    Checklist,
    Help,
    Quit,
}

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    let quit = if app.state.notice_seen {
        Binding::new(
            Act::Quit,
            &[Key::Char('q')],
            "q",
            app.content.words.t("help.close"),
            3,
        )
    } else {
        Binding::new(
            Act::Quit,
            &[Key::Char('q')],
            "q",
            app.content.words.t("help.quit"),
            3,
        )
        .help(
            app.content
                .words
                .t("k.quit_the_notice_shows_again_next_time"),
        )
    };
    vec![
        Binding::new(
            Act::Understood,
            &[Key::Enter, Key::Char(' '), Key::Esc],
            "Enter",
            app.content.words.t("notice.understand"),
            0,
        )
        .help(app.content.words.t("k.i_understand_space_and_esc_too")),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("k.warning_signs"),
            0,
        )
        .boxed(app.content.words.t("notice.go_through")),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 2)
            .help(app.content.words.t("help.this_help")),
        quit,
    ]
}

pub fn run(app: &mut App, act: Act, _key: Key, now: Instant) -> bool {
    match act {
        Act::Understood => {
            app.overlays.pop();
            app.notice_seen();
            if let Some(plan) = app.pending.take() {
                app.request_start(plan, now);
            }
        }
        Act::Checklist => {
            // Going through the signs counts as having read the notice.
            app.overlays.pop();
            app.notice_seen();
            app.open_checklist(now);
        }
        Act::Help => app.push(Overlay::Help),
        // On the first run, q quits and the notice stays unread: it shows next time.
        // Opened again from the help, q only closes it.
        Act::Quit if !app.state.notice_seen => app.quit = true,
        Act::Quit => {
            app.overlays.pop();
        }
    }
    true
}
