//! "When did this spasm begin?": days ago, from the arrows or a digit.

use super::{Binding, CHECKLIST, HELP, is_up};
use crate::app::{App, Effect, Overlay};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Days,
    Move,
    Keep,
    Clear,
    Skip,
    Checklist,
    Help,
}

const DIGITS: [Key; 10] = [
    Key::Char('0'),
    Key::Char('1'),
    Key::Char('2'),
    Key::Char('3'),
    Key::Char('4'),
    Key::Char('5'),
    Key::Char('6'),
    Key::Char('7'),
    Key::Char('8'),
    Key::Char('9'),
];

pub fn keys(_app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(Act::Days, &DIGITS, "0-9", "days ago", 1).help("that many days ago"),
        Binding::new(
            Act::Move,
            &[
                Key::Left,
                Key::Down,
                Key::Char('j'),
                Key::Right,
                Key::Up,
                Key::Char('k'),
            ],
            "← →",
            "a day earlier or later",
            2,
        ),
        Binding::new(Act::Keep, &[Key::Enter], "Enter", "keep this date", 0),
        Binding::new(Act::Clear, &[Key::Char('c')], "c", "clear the date", 3),
        Binding::new(
            Act::Skip,
            &[Key::Char('s'), Key::Esc, Key::Char('q')],
            "s",
            "skip",
            0,
        )
        .help("skip; not asked again (Esc and q too)"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 4)
            .help("red-flag checklist"),
        Binding::new(Act::Help, &HELP, "?", "help", 4).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, key: Key, now: Instant) -> bool {
    match act {
        Act::Days => {
            if let Key::Char(c @ '0'..='9') = key {
                app.spasm_days_ago = u32::from(c as u8 - b'0');
            }
        }
        Act::Move => {
            app.spasm_days_ago = if is_up(key) {
                app.spasm_days_ago.saturating_sub(1)
            } else {
                (app.spasm_days_ago + 1).min(365)
            };
        }
        Act::Keep => {
            let today: Option<jiff::civil::Date> = app.today().parse().ok();
            let start = today.and_then(|t| {
                t.checked_sub(jiff::Span::new().days(i64::from(app.spasm_days_ago)))
                    .ok()
            });
            app.settings.spasm_start = start.map(|d| d.to_string());
            close(app);
        }
        Act::Skip => close(app),
        Act::Clear => {
            app.settings.spasm_start = None;
            close(app);
        }
        Act::Checklist => app.open_checklist(now),
        Act::Help => app.push(Overlay::Help),
    }
    true
}

/// Answered or skipped: not asked again.
fn close(app: &mut App) {
    app.settings.spasm_asked = true;
    app.effects.push(Effect::SaveSettings);
    app.overlays.pop();
}
