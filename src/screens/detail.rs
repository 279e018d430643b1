//! The how-to of one stretch: its words, how far they scroll, and its keys.

use super::{Binding, CHECKLIST, HELP, UP_DOWN, is_up};
use crate::app::{App, Overlay, Screen};
use crate::content::HoldKind;
use crate::keys::Key;
use crate::theme::Theme;
use ratatui::text::{Line, Span};
use std::time::Instant;

/// The how-to as lines, shared by the screen and its tests.
pub fn lines(app: &App, stretch: usize, t: Theme) -> Vec<Line<'static>> {
    let c = &app.content;
    let s = &c.stretches[stretch];
    let mut v = Vec::new();
    if let Some(note) = app.hurt_note(stretch) {
        v.push(Line::styled(note, t.warn()));
    }
    v.extend([
        Line::from(vec![
            Span::styled("Position: ", t.title()),
            Span::raw(format!("{}, {}.", s.position.label(), s.place)),
        ]),
        Line::from(vec![
            Span::styled("Why: ", t.title()),
            Span::raw(s.purpose.clone()),
        ]),
        Line::raw(""),
        Line::styled("Get into position", t.accent()),
    ]);
    for (i, st) in s.setup.iter().enumerate() {
        v.push(Line::from(format!("{}. {st}", i + 1)));
    }
    v.push(Line::raw(""));
    v.push(Line::styled(
        match s.hold_kind {
            HoldKind::Single => "The stretch",
            HoldKind::Sides => "The stretch, one side then the other",
            HoldKind::Phases => "The stretch, in two phases",
        },
        t.accent(),
    ));
    for h in &s.holds {
        if h.name.is_empty() {
            v.push(Line::from(h.how.clone()));
        } else {
            v.push(Line::from(vec![
                Span::styled(format!("{}: ", h.name), t.title()),
                Span::raw(h.how.clone()),
            ]));
        }
    }
    if let Some(var) = &s.variation {
        v.push(Line::raw(""));
        v.push(Line::styled("Variation", t.accent()));
        v.push(Line::from(var.clone()));
    }
    v.push(Line::raw(""));
    v.push(Line::styled("How long", t.accent()));
    // A fixed dose is said as one number ("Hold 15 s"), never as a range of one; what
    // can be chosen is said as the range and the value now chosen.
    let (hold, reps) = (c.fixed_hold(s), c.fixed_reps(s));
    let (hb, rb) = (c.dose.hold_seconds, c.dose.repetitions);
    let mut how_long = format!(
        "Hold {}, {}.",
        hold.map_or(format!("{}-{} s", hb.min, hb.max), |h| format!("{h} s")),
        reps.map_or(format!("{}-{} repetitions", rb.min, rb.max), |r| format!(
            "{r} repetitions"
        )),
    );
    match (hold, reps) {
        (None, None) => how_long.push_str(&format!(
            " Now set to {} s, {} repetitions.",
            app.dose.hold_secs, app.dose.reps
        )),
        (None, Some(_)) => how_long.push_str(&format!(" Now set to {} s.", app.dose.hold_secs)),
        (Some(_), None) => {
            how_long.push_str(&format!(" Now set to {} repetitions.", app.dose.reps))
        }
        (Some(_), Some(_)) => {}
    }
    if s.dose.is_some() {
        how_long.push_str(" Set by your prescription.");
    }
    v.push(Line::from(how_long));
    v.push(Line::raw(""));
    v.push(Line::styled("Take care", t.accent()));
    v.push(Line::from(s.caution.clone()));
    v.push(Line::from(c.guidance.tight_not_pain.clone()));
    v
}

/// The furthest the how-to can scroll at this terminal size: its last line at the top.
pub fn max_scroll(app: &App, stretch: usize) -> u16 {
    let (w, _) = app.size;
    // The text's width, less the drawings' column when they sit beside it.
    let beside = app.content.stretches[stretch].picture.is_some() && w >= 78;
    let width = w.saturating_sub(4 + if beside { 31 } else { 0 }).max(10);
    let t = Theme { kind: app.theme };
    crate::layout::lines_height(&lines(app, stretch, t), width).saturating_sub(1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Back,
    Start,
    Scroll,
    Checklist,
    Help,
}

pub fn keys(_app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(Act::Start, &[Key::Enter], "Enter", "start this stretch", 0)
            .help("start this stretch on its own"),
        Binding::new(Act::Scroll, &UP_DOWN, "↑↓", "scroll", 2).help("scroll (k j too)"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 0).help("red-flag checklist"),
        Binding::new(Act::Help, &HELP, "?", "help", 0).help("this help"),
        Binding::new(
            Act::Back,
            &[Key::Esc, Key::Char('q'), Key::Left, Key::Backspace],
            "Esc",
            "back",
            1,
        )
        .help("back to the list (q, ← and Backspace too)"),
    ]
}

pub fn run(app: &mut App, act: Act, key: Key, now: Instant) -> bool {
    let Screen::Detail { stretch, scroll } = app.screen else {
        return false;
    };
    match act {
        Act::Back => app.screen = Screen::Home,
        Act::Start => {
            let plan = app.plan_for(None, vec![stretch]);
            app.request_start(plan, now);
        }
        Act::Scroll => {
            let scroll = if is_up(key) {
                scroll.saturating_sub(1)
            } else {
                scroll.saturating_add(1).min(max_scroll(app, stretch))
            };
            app.screen = Screen::Detail { stretch, scroll };
        }
        Act::Checklist => app.open_checklist(now),
        Act::Help => app.push(Overlay::Help),
    }
    true
}
