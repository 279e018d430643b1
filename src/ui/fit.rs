//! Whether the safety-critical words of a content file fit a small screen: the first-run
//! notice, the gate before a session and the emergency result are drawn at 40x12 exactly
//! as the app draws them, and what must be read there is looked for, whole, on the screen.

use crate::app::{App, Overlay, Wall};
use crate::content::{Content, Problem, Urgency};
use crate::keys::Key;
use crate::store::State;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;

/// The small screen every safety text must fit.
pub const SMALL: (u16, u16) = (40, 12);

/// The words on screen, in reading order, with borders and runs of spaces taken out.
fn screen_words(app: &App, now: Instant) -> String {
    let (w, h) = SMALL;
    let mut t = match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    if t.draw(|f| super::draw(f, app, now)).is_err() {
        return String::new();
    }
    let buf = t.backend().buffer();
    let mut rows = Vec::new();
    for y in 0..h {
        let row: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        rows.push(row);
    }
    words(&rows.join(" "))
}

/// Text as a run of words separated by single spaces, without box-drawing characters.
fn words(s: &str) -> String {
    s.chars()
        .map(|c| {
            if ('\u{2500}'..='\u{257f}').contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn wall() -> Box<dyn Fn() -> Wall> {
    Box::new(|| Wall {
        date: "2026-01-15".into(),
        at: "2026-01-15T09:00:00+00:00".into(),
    })
}

/// An app on a 40x12 screen, past the notice unless `notice`.
fn small_app(c: &Content, notice: bool) -> App {
    let state = State {
        notice_seen: !notice,
        ..State::default()
    };
    let mut a = App::new(c.clone(), state, wall());
    a.settings.checkins = false;
    a.resize(SMALL.0, SMALL.1);
    a
}

/// Asks to start the first routine: the gate comes up.
fn start(a: &mut App, now: Instant) {
    if !a.content.routines.is_empty() {
        let plan = a.routine_plan(0);
        a.request_start(plan, now);
    }
}

/// Answers every question of the checklist: yes to `yes`, no to the rest.
fn answer(a: &mut App, yes: Option<usize>, now: Instant) {
    a.on_key(Key::Char('!'), now);
    let (y, n) = (a.content.words.yes_key(), a.content.words.no_key());
    for _ in 0..a.content.red_flags.signs.len() {
        if a.checklist.result.is_some() {
            break;
        }
        let here = a.checklist.current();
        a.on_key(Key::Char(if Some(here) == yes { y } else { n }), now);
    }
    // An early emergency result (the rest are optional): see it.
    if a.checklist.result.is_none() {
        a.on_key(Key::Enter, now);
    }
}

/// Each safety text that a 40x12 screen does not show whole, as a warning.
pub fn safety_problems(c: &Content) -> Vec<Problem> {
    let now = Instant::now();
    let mut out = Vec::new();
    let mut check = |what: &str, app: &App, must: &[(String, String)]| {
        let shown = screen_words(app, now);
        for (path, text) in must {
            let want = words(text);
            if !want.is_empty() && !shown.contains(&want) {
                out.push(Problem {
                    path: path.clone(),
                    line_col: None,
                    message: format!(
                        "does not fit whole on {what} at {}x{}: shorten it so a small screen shows every word",
                        SMALL.0, SMALL.1
                    ),
                });
            }
        }
    };
    let w = &c.words;
    let action = |u: Urgency| c.red_flags.action(u);
    let level_path = |u: Urgency| {
        c.red_flags
            .levels
            .iter()
            .position(|l| l.urgency == u)
            .map_or("red_flags.levels".to_string(), |i| {
                format!("red_flags.levels[{i}].action")
            })
    };

    // The first-run notice: what to do in an emergency.
    let a = small_app(c, true);
    if a.top() == Some(Overlay::Notice) {
        check(
            "the first-run notice",
            &a,
            &[
                (
                    "ui.notice.if_short".into(),
                    crate::tr!(w, "notice.if_short", action = ""),
                ),
                (level_path(Urgency::Emergency), action(Urgency::Emergency)),
            ],
        );
    }

    // The gate before the first session of the day.
    let mut a = small_app(c, false);
    start(&mut a, now);
    if a.top() == Some(Overlay::Gate(crate::app::Gate::Offer)) {
        check(
            "the gate before a session",
            &a,
            &[
                ("ui.gate.offer".into(), w.t("gate.offer").to_string()),
                (
                    "ui.gate.none_apply".into(),
                    w.t("gate.none_apply").to_string(),
                ),
            ],
        );
    }

    // An emergency answer: its result, then the blocked gate.
    let first_emergency = c
        .red_flags
        .signs
        .iter()
        .position(|s| s.urgency == Urgency::Emergency);
    if let Some(i) = first_emergency {
        let mut a = small_app(c, false);
        answer(&mut a, Some(i), now);
        if a.checklist.result.is_some() {
            check(
                "the emergency result",
                &a,
                &[(level_path(Urgency::Emergency), action(Urgency::Emergency))],
            );
        }
        a.on_key(Key::Enter, now);
        start(&mut a, now);
        if a.top() == Some(Overlay::Gate(crate::app::Gate::Blocked)) {
            check(
                "the blocked session",
                &a,
                &[
                    (
                        "ui.gate.blocked_banner".into(),
                        w.t("gate.blocked_banner").to_string(),
                    ),
                    (level_path(Urgency::Emergency), action(Urgency::Emergency)),
                ],
            );
        }
    }

    // A sign for a doctor today: the question before starting anyway.
    let first_today = c
        .red_flags
        .signs
        .iter()
        .position(|s| s.urgency == Urgency::Today);
    if let Some(i) = first_today {
        let mut a = small_app(c, false);
        answer(&mut a, Some(i), now);
        a.on_key(Key::Enter, now);
        start(&mut a, now);
        if a.top() == Some(Overlay::Gate(crate::app::Gate::ConfirmToday)) {
            check(
                "the question before starting against advice",
                &a,
                &[
                    (level_path(Urgency::Today), action(Urgency::Today)),
                    (
                        "ui.gate.today_anyway".into(),
                        w.t("gate.today_anyway").to_string(),
                    ),
                ],
            );
        }
    }
    out.dedup_by(|a, b| a.path == b.path);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_safety_words_fit_a_small_screen_in_both_languages() {
        for lang in ["en", "es"] {
            let c = Content::built_in(lang);
            let p = safety_problems(&c);
            assert!(p.is_empty(), "{lang}: {p:?}");
        }
    }

    #[test]
    fn a_long_emergency_action_is_reported() {
        let mut c = Content::built_in("es");
        let long = "Deje de estirar ahora mismo. ".repeat(12);
        for l in &mut c.red_flags.levels {
            if l.urgency == Urgency::Emergency {
                l.action = format!("{long}Llame a su número local de emergencias.");
            }
        }
        let p = safety_problems(&c);
        assert!(
            p.iter().any(|p| p.path == "red_flags.levels[0].action"),
            "{p:?}"
        );
        let mut c = Content::built_in("en");
        c.ui.insert("gate.offer".into(), "word ".repeat(80));
        c.words = crate::lang::Words::new("en", &c.ui);
        let p = safety_problems(&c);
        assert!(p.iter().any(|p| p.path == "ui.gate.offer"), "{p:?}");
    }
}
