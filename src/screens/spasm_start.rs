//! "When did this spasm begin?": days ago, from the arrows or a digit.

use super::{Binding, CHECKLIST, HELP, is_up};
use crate::app::{App, Effect, MAX_SPASM_DAYS, Overlay};
use crate::keys::Key;
use std::time::Instant;

/// The answer while it is asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// Days before today, as chosen with the arrows.
    pub days_ago: u32,
    /// What has been typed: days ago, or a date YYYY-MM-DD.
    pub entry: String,
    /// Why Enter did not take what was typed.
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// A digit or '-': days ago, or a date, typed.
    Type,
    Erase,
    Move,
    Keep,
    Clear,
    Skip,
    Checklist,
    Help,
}

const TYPED: [Key; 11] = [
    Key::Char('-'),
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
        Binding::new(Act::Type, &TYPED, "0-9", "days ago", 1)
            .boxed("days ago, or a date YYYY-MM-DD")
            .help("that many days ago (1 then 4 is 14), or a date, YYYY-MM-DD"),
        Binding::help_only(
            Act::Erase,
            &[Key::Backspace],
            "Backspace",
            "take back a typed character",
        ),
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
            "earlier/later",
            2,
        )
        .boxed("a day earlier or later"),
        Binding::new(Act::Keep, &[Key::Enter], "Enter", "keep", 0).boxed("keep this date"),
        Binding::new(Act::Clear, &[Key::Char('c')], "c", "clear", 3).boxed("clear the date"),
        Binding::new(
            Act::Skip,
            &[Key::Char('s'), Key::Esc, Key::Char('q')],
            "s",
            "skip",
            0,
        )
        .help("skip; not asked again (Esc and q too)"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 4).help("red-flag checklist"),
        Binding::new(Act::Help, &HELP, "?", "help", 4).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, key: Key, now: Instant) -> bool {
    match act {
        Act::Type => {
            if let Key::Char(c) = key
                && app.spasm.entry.len() < 10
            {
                app.spasm.entry.push(c);
            }
            app.spasm.error = None;
        }
        Act::Erase => {
            app.spasm.entry.pop();
            app.spasm.error = None;
        }
        Act::Move => {
            // From what is shown now, typed or chosen.
            let today: Option<jiff::civil::Date> = app.today().parse().ok();
            let now_days = match (app.spasm_choice(), today) {
                (Ok(d), Some(t)) => (t - d).get_days().max(0) as u32,
                _ => app.spasm.days_ago,
            };
            app.spasm.days_ago = if is_up(key) {
                now_days.saturating_sub(1)
            } else {
                (now_days + 1).min(MAX_SPASM_DAYS)
            };
            app.spasm.entry.clear();
            app.spasm.error = None;
        }
        Act::Keep => match app.spasm_choice() {
            Ok(d) => {
                app.settings.spasm_start = Some(d.to_string());
                close(app);
            }
            Err(e) => app.spasm.error = Some(e),
        },
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
