//! The help: every key of the screen or popup under it, from that one's own table.

use super::{Binding, CHECKLIST, Hint, UP_DOWN, View, everywhere, hints_for, is_up};
use crate::app::{App, Overlay};
use crate::keys::Key;
use std::time::Instant;

/// How far the help is scrolled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// Rows scrolled away.
    pub scroll: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Close,
    Scroll,
    Notice,
    Checklist,
}

/// The view the help is about: the newest popup under it, else the screen.
pub fn under(app: &App) -> View {
    app.overlays
        .iter()
        .rev()
        .find(|o| !matches!(o, Overlay::Help))
        .map_or(View::Screen, |o| View::Overlay(*o))
}

/// The rows the help lists: the keys of what is under it, then the keys that work
/// everywhere.
pub fn rows(app: &App) -> Vec<Hint> {
    let mut v = hints_for(app, under(app));
    v.extend(everywhere(&app.content.words));
    v
}

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(
            Act::Close,
            &[Key::Esc, Key::Char('q'), Key::Char('?'), Key::Enter],
            "Esc",
            app.content.words.t("help.close"),
            0,
        )
        .help(app.content.words.t("k.close_the_help_q_and_enter_too")),
        Binding::new(
            Act::Scroll,
            &UP_DOWN,
            "↑↓",
            app.content.words.t("help.scroll"),
            1,
        ),
        Binding::new(
            Act::Notice,
            &[Key::Char('d')],
            "d",
            app.content.words.t("k.notice"),
            2,
        )
        .boxed(app.content.words.t("k.the_notice_on_medical_advice")),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            0,
        )
        .help(app.content.words.t("k.red_flag_checklist")),
    ]
}

pub fn run(app: &mut App, act: Act, key: Key, now: Instant) -> bool {
    match act {
        Act::Close => {
            app.overlays.pop();
            app.help.scroll = 0;
        }
        Act::Scroll => {
            let n = rows(app).len() as u16;
            app.help.scroll = if is_up(key) {
                app.help.scroll.saturating_sub(1)
            } else {
                (app.help.scroll + 1).min(n.saturating_sub(1))
            };
        }
        Act::Notice => {
            app.overlays.pop();
            app.help.scroll = 0;
            app.push(Overlay::Notice);
        }
        Act::Checklist => {
            // The help gives way to the checklist.
            app.overlays.pop();
            app.help.scroll = 0;
            app.open_checklist(now);
        }
    }
    true
}
