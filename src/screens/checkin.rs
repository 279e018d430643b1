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
            Binding::new(Act::Rate, &DIGITS, "0-9 x", "rating", 0)
                .boxed("press a number for your rating (x is 10)")
                .help("your pain now, 0 (none) to 9, or x for 10, the worst imaginable"),
            Binding::new(Act::Move, &ALONG, "← →", "move", 2)
                .boxed("the scale")
                .help("move along the scale (h l j k too)"),
        ],
        Some(c) => vec![
            Binding::new(Act::Rate, &DIGITS, "0-9 x", "rating", 0)
                .boxed("your rating (x is 10)")
                .help("your pain now, 0 (none) to 9, or x for 10, the worst imaginable"),
            Binding::new(Act::Choose, &[Key::Enter], "Enter", format!("keep {c}"), 1)
                .help("the rating under the cursor (once one is chosen)"),
            Binding::new(Act::Move, &ALONG, "← →", "move", 2)
                .help("move along the scale (h l j k too)"),
        ],
    };
    match when {
        When::Before => v.extend([
            Binding::new(Act::Skip, &[Key::Char('s')], "s", "skip", 0)
                .boxed("skip: start without a rating"),
            Binding::new(Act::Back, &[Key::Esc], "Esc", "back", 0)
                .boxed("back: do not start")
                .help("back home: nothing starts, nothing is written"),
        ]),
        When::After => v.push(
            Binding::new(Act::Skip, &[Key::Char('s'), Key::Esc], "s", "skip", 0)
                .help("no rating this time; the session is kept (Esc too)"),
        ),
    }
    v.extend([
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 3).help("red-flag checklist"),
        Binding::new(Act::Help, &HELP, "?", "help", 3).help("this help"),
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
