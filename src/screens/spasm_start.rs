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

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(
            Act::Type,
            &TYPED,
            "0-9",
            app.content.words.t("k.days_ago"),
            1,
        )
        .boxed(app.content.words.t("spasm.key_days"))
        .help(
            app.content
                .words
                .t("k.that_many_days_ago_1_then_4_is_14_or_a_d"),
        ),
        Binding::help_only(
            Act::Erase,
            &[Key::Backspace],
            "Backspace",
            app.content.words.t("help.spasm_back"),
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
            app.content.words.t("k.earlier_later"),
            2,
        )
        .boxed(app.content.words.t("help.spasm_move")),
        Binding::new(
            Act::Keep,
            &[Key::Enter],
            "Enter",
            app.content.words.t("k.keep"),
            0,
        )
        .boxed(app.content.words.t("help.spasm_keep")),
        Binding::new(
            Act::Clear,
            &[Key::Char('c')],
            "c",
            app.content.words.t("k.clear"),
            3,
        )
        .boxed(app.content.words.t("help.spasm_clear")),
        Binding::new(
            Act::Skip,
            &[Key::Char('s'), Key::Esc, Key::Char('q')],
            "s",
            app.content.words.t("help.spasm_skip"),
            0,
        )
        .help(app.content.words.t("k.skip_not_asked_again_esc_and_q_too")),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            4,
        )
        .help(app.content.words.t("k.red_flag_checklist")),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 4)
            .help(app.content.words.t("help.this_help")),
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
