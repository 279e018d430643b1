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
    let w = &c.words;
    let s = &c.stretches[stretch];
    let mut v = Vec::new();
    if let Some(note) = app.hurt_note(stretch) {
        v.push(Line::styled(note, t.warn()));
    }
    v.extend([
        Line::from(vec![
            Span::styled(format!("{} ", w.t("detail.position")), t.title()),
            Span::raw(format!("{}, {}.", s.position.label(w), s.place)),
        ]),
        Line::from(vec![
            Span::styled(format!("{} ", w.t("detail.why")), t.title()),
            Span::raw(s.purpose.clone()),
        ]),
        Line::raw(""),
        Line::styled(w.t("show.setup").to_string(), t.accent()),
    ]);
    for (i, st) in s.setup.iter().enumerate() {
        v.push(Line::from(format!("{}. {st}", i + 1)));
    }
    v.push(Line::raw(""));
    v.push(Line::styled(
        match s.hold_kind {
            HoldKind::Single => w.t("show.stretch").to_string(),
            HoldKind::Sides => w.t("show.stretch_sides").to_string(),
            HoldKind::Phases => w.t("show.stretch_phases").to_string(),
        },
        t.accent(),
    ));
    for h in &s.holds {
        if h.name.is_empty() {
            v.push(Line::from(h.how.clone()));
        } else {
            v.push(Line::from(vec![
                Span::styled(
                    crate::tr!(w, "show.hold", name = h.name, how = ""),
                    t.title(),
                ),
                Span::raw(h.how.clone()),
            ]));
        }
    }
    if let Some(var) = &s.variation {
        v.push(Line::raw(""));
        v.push(Line::styled(w.t("show.variation").to_string(), t.accent()));
        v.push(Line::from(var.clone()));
    }
    v.push(Line::raw(""));
    v.push(Line::styled(w.t("show.how_long").to_string(), t.accent()));
    // A fixed dose is said as one number ("Hold 15 s"), never as a range of one; what
    // can be chosen is said as the range and the value now chosen.
    let (hold, reps) = (c.fixed_hold(s), c.fixed_reps(s));
    let (hb, rb) = (c.dose.hold_seconds, c.dose.repetitions);
    let hold_words = hold.map_or(
        crate::tr!(w, "detail.hold_range", min = hb.min, max = hb.max),
        |h| crate::tr!(w, "dose.hold_fixed", seconds = h),
    );
    let reps_words = reps.map_or(
        crate::tr!(w, "detail.reps_range", min = rb.min, max = rb.max),
        |r| crate::trn!(w, "dose.reps_fixed", r),
    );
    let mut how_long = crate::tr!(w, "show.dose", hold = hold_words, reps = reps_words);
    let (now_hold, now_reps) = (app.dose.hold_secs, app.dose.reps);
    let now = match (hold, reps) {
        (None, None) => Some(crate::tr!(
            w,
            "detail.now_both",
            seconds = now_hold,
            reps = now_reps
        )),
        (None, Some(_)) => Some(crate::tr!(w, "detail.now_hold", seconds = now_hold)),
        (Some(_), None) => Some(crate::tr!(w, "detail.now_reps", reps = now_reps)),
        (Some(_), Some(_)) => None,
    };
    for more in now
        .into_iter()
        .chain(s.dose.map(|_| w.t("show.prescribed").to_string()))
    {
        how_long.push(' ');
        how_long.push_str(&more);
    }
    v.push(Line::from(how_long));
    v.push(Line::raw(""));
    v.push(Line::styled(w.t("show.care").to_string(), t.accent()));
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

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(
            Act::Start,
            &[Key::Enter],
            "Enter",
            app.content.words.t("foot.start_stretch"),
            0,
        )
        .help(app.content.words.t("help.detail_start")),
        Binding::new(
            Act::Scroll,
            &UP_DOWN,
            "↑↓",
            app.content.words.t("help.scroll"),
            2,
        )
        .help(app.content.words.t("k.scroll_k_j_too")),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            0,
        )
        .help(app.content.words.t("k.red_flag_checklist")),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 0)
            .help(app.content.words.t("help.this_help")),
        Binding::new(
            Act::Back,
            &[Key::Esc, Key::Char('q'), Key::Left, Key::Backspace],
            "Esc",
            app.content.words.t("gate.back"),
            1,
        )
        .help(
            app.content
                .words
                .t("k.back_to_the_list_q_and_backspace_too"),
        ),
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
