//! The pain check-in, before or after a session: a rating from 0 to 10, or none.

use super::{Binding, CHECKLIST, HELP, is_up};
use crate::app::{App, Overlay, When};
use crate::keys::Key;
use std::time::Instant;

/// The scale while it is asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// The cursor, 0-10; `None` until a rating is chosen.
    pub cursor: Option<u8>,
    /// Where the scale started, when it did not start empty: the rating and whose it was
    /// ("before this session", "your last rating").
    pub start: Option<(u8, &'static str)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// 0-9, or x for 10.
    Rate,
    /// Along the scale.
    Move,
    /// The rating under the cursor.
    Choose,
    /// No rating this time; the session goes on (or is kept).
    Skip,
    /// Before a session: back home, nothing starts.
    Back,
    Checklist,
    Help,
}

const DIGITS: [Key; 11] = [
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
    Key::Char('x'),
];

const ALONG: [Key; 8] = [
    Key::Left,
    Key::Down,
    Key::Char('h'),
    Key::Char('j'),
    Key::Right,
    Key::Up,
    Key::Char('l'),
    Key::Char('k'),
];

pub fn keys(app: &App, when: When) -> Vec<Binding<Act>> {
    let mut v = match app.checkin.cursor {
        // Enter does nothing until a rating is chosen: it is not offered, and the first
        // arrow lands in the middle of the scale.
        None => vec![
            Binding::new(
                Act::Rate,
                &DIGITS,
                "0-9 x",
                app.content.words.t("k.rating"),
                0,
            )
            .boxed(app.content.words.t("checkin.press"))
            .help(
                app.content
                    .words
                    .t("k.your_pain_now_0_none_to_9_or_x_for_10_th"),
            ),
            Binding::new(
                Act::Move,
                &ALONG,
                "← →",
                app.content.words.t("help.move"),
                2,
            )
            .boxed(app.content.words.t("k.the_scale"))
            .help(app.content.words.t("k.move_along_the_scale_h_l_j_k_too")),
        ],
        Some(c) => vec![
            Binding::new(
                Act::Rate,
                &DIGITS,
                "0-9 x",
                app.content.words.t("k.rating"),
                0,
            )
            .boxed(app.content.words.t("checkin.rating"))
            .help(
                app.content
                    .words
                    .t("k.your_pain_now_0_none_to_9_or_x_for_10_th"),
            ),
            Binding::new(
                Act::Choose,
                &[Key::Enter],
                "Enter",
                crate::tr!(app.content.words, "k.keep_n", n = c),
                1,
            )
            .help(app.content.words.t("help.checkin_enter")),
            Binding::new(
                Act::Move,
                &ALONG,
                "← →",
                app.content.words.t("help.move"),
                2,
            )
            .help(app.content.words.t("k.move_along_the_scale_h_l_j_k_too")),
        ],
    };
    match when {
        When::Before => v.extend([
            Binding::new(
                Act::Skip,
                &[Key::Char('s')],
                "s",
                app.content.words.t("help.spasm_skip"),
                0,
            )
            .boxed(app.content.words.t("k.skip_start_without_a_rating")),
            Binding::new(
                Act::Back,
                &[Key::Esc],
                "Esc",
                app.content.words.t("gate.back"),
                0,
            )
            .boxed(app.content.words.t("k.back_do_not_start"))
            .help(
                app.content
                    .words
                    .t("k.back_home_nothing_starts_nothing_is_writ"),
            ),
        ]),
        When::After => v.push(
            Binding::new(
                Act::Skip,
                &[Key::Char('s'), Key::Esc],
                "s",
                app.content.words.t("help.spasm_skip"),
                0,
            )
            .help(
                app.content
                    .words
                    .t("k.no_rating_this_time_the_session_is_kept"),
            ),
        ),
    }
    v.extend([
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            3,
        )
        .help(app.content.words.t("k.red_flag_checklist")),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 3)
            .help(app.content.words.t("help.this_help")),
    ]);
    v
}

pub fn run(app: &mut App, when: When, act: Act, key: Key, now: Instant) -> bool {
    let rating = match act {
        Act::Rate => match key {
            Key::Char(c @ '0'..='9') => Some(c as u8 - b'0'),
            _ => Some(10),
        },
        Act::Choose => match app.checkin.cursor {
            Some(c) => Some(c),
            None => return false,
        },
        Act::Skip => None,
        Act::Move => {
            // The first move on an empty scale lands in the middle, in view, not chosen
            // until Enter.
            app.checkin.cursor = Some(match app.checkin.cursor {
                None => 5,
                Some(c) if is_up(key) => (c + 1).min(10),
                Some(c) => c.saturating_sub(1),
            });
            return true;
        }
        Act::Back => {
            // Nothing starts and nothing is written: the start is dropped with its
            // one-off options.
            app.overlays.pop();
            app.pending = None;
            app.skip_checkin_once = false;
            return true;
        }
        Act::Checklist => {
            app.open_checklist(now);
            return true;
        }
        Act::Help => {
            app.push(Overlay::Help);
            return true;
        }
    };
    app.rated(when, rating, now);
    true
}
