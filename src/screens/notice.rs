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
        Binding::new(Act::Quit, &[Key::Char('q')], "q", "close", 3)
    } else {
        Binding::new(Act::Quit, &[Key::Char('q')], "q", "quit", 3)
            .help("quit; the notice shows again next time")
    };
    vec![
        Binding::new(
            Act::Understood,
            &[Key::Enter, Key::Char(' '), Key::Esc],
            "Enter",
            "I understand",
            0,
        )
        .help("I understand (Space and Esc too)"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "warning signs", 0)
            .boxed("go through the warning signs"),
        Binding::new(Act::Help, &HELP, "?", "help", 2).help("this help"),
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
