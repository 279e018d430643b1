//! The end of a session: what was done.

use super::{Theme, fmt_duration, footer, screen_header};
use crate::app::App;
use crate::content::Urgency;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let Some(s) = app.session.as_ref() else {
        return;
    };
    let c = &app.content;
    let plan = &s.plan;
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(screen_header("Summary", String::new(), area.width, t)),
        head,
    );
    let all_done = s
        .stats
        .items
        .iter()
        .enumerate()
        .all(|(n, i)| i.reps_completed >= plan.reps_of(n));
    let any = s.stats.items.iter().any(|i| !i.held.is_zero());
    // A yes for a doctor stands (an emergency answered during the session ended it): the
    // summary says what to do, never "keep moving".
    let urgent = app
        .status()
        .urgency()
        .filter(|u| matches!(u, Urgency::Emergency | Urgency::Today));
    let mut lines = vec![
        Line::styled(
            if urgent == Some(Urgency::Emergency) {
                "Session stopped: you answered yes to an emergency sign."
            } else if app.record_unsaved {
                "This session was not saved: it is not in your history."
            } else if all_done {
                "Well done: every stretch finished."
            } else if any {
                "Session ended. Every bit of gentle movement helps."
            } else {
                "Session ended."
            },
            if urgent == Some(Urgency::Emergency) {
                t.alarm()
            } else if app.record_unsaved {
                t.warn()
            } else {
                t.good()
            },
        ),
        Line::raw(""),
    ];
    // What to do comes before the figures, so a small screen never cuts it.
    if let Some(u) = urgent {
        lines.insert(
            1,
            Line::styled(
                c.red_flags.action(u),
                if u == Urgency::Emergency {
                    t.alarm()
                } else {
                    t.warn()
                },
            ),
        );
    }
    if let Some(l) = app
        .summary_record
        .as_ref()
        .and_then(|r| pain_line(r.pain_before, r.pain_after))
    {
        lines.push(Line::from(vec![
            Span::raw("Pain: "),
            Span::styled(l, t.title()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::raw("Time held: "),
        Span::styled(fmt_duration(s.held_total()), t.title()),
        Span::styled(format!(" of {}", fmt_duration(plan.hold_total())), t.dim()),
    ]));
    if let Some(d) = s.duration() {
        lines.push(Line::from(vec![
            Span::raw("Session time: "),
            Span::styled(fmt_duration(d), t.title()),
        ]));
    }
    lines.push(Line::raw(""));
    let name_w = plan
        .stretches
        .iter()
        .map(|&i| c.stretches[i].name.chars().count())
        .max()
        .unwrap_or(0)
        .min(26);
    // The text's width inside the border and its padding.
    let inner_w = usize::from(body.width.saturating_sub(4));
    for (item, &si) in plan.stretches.iter().enumerate() {
        let st = &s.stats.items[item];
        let name: String = c.stretches[si].name.chars().take(name_w).collect();
        let reps = format!("{} of {} reps", st.reps_completed, plan.reps_of(item));
        // "held" gives way before a row would wrap.
        let mut held = format!("  held {}", fmt_duration(st.held));
        if name_w + 2 + reps.chars().count() + held.chars().count() > inner_w {
            held = format!("  {}", fmt_duration(st.held));
        }
        lines.push(Line::from(vec![
            Span::raw(format!("{name:<name_w$}  ")),
            Span::styled(reps, t.title()),
            Span::styled(held, t.dim()),
        ]));
    }
    for h in app.summary_record.iter().flat_map(|r| &r.hurt) {
        let name = c.stretch_name(&h.stretch);
        let mut l = format!("Hurt: {name}, {}", h.place());
        if let Some(then) = h.then_words() {
            l.push_str(&format!("; {then}"));
        }
        lines.push(Line::styled(l, t.warn()));
    }
    let mut extra = vec![format!(
        "{} pause{}",
        s.stats.pauses,
        if s.stats.pauses == 1 { "" } else { "s" }
    )];
    extra.push(format!(
        "{} skip{}",
        s.stats.skips,
        if s.stats.skips == 1 { "" } else { "s" }
    ));
    if s.stats.pain_stops > 0 {
        extra.push(format!(
            "{} pain stop{}",
            s.stats.pain_stops,
            if s.stats.pain_stops == 1 { "" } else { "s" }
        ));
    }
    lines.push(Line::styled(extra.join(" · "), t.dim()));
    lines.push(Line::raw(""));
    if urgent.is_none() {
        lines.push(Line::from(c.guidance.stay_active.clone()));
    }
    // Blank lines only where there is room: the figures come first. What still does not
    // fit is said, not cut.
    if area.height < 16 {
        lines.retain(|l| l.width() > 0);
    }
    let room = body.height.saturating_sub(2);
    let text_w = body.width.saturating_sub(4);
    if super::lines_height(&lines, text_w) > room {
        while lines.len() > 1 && super::lines_height(&lines, text_w) + 1 > room {
            lines.pop();
        }
        lines.push(Line::styled(
            "… more: a larger window shows it all",
            t.dim(),
        ));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_style(t.dim())
                .padding(ratatui::widgets::Padding::horizontal(1)),
        ),
        body,
    );
    f.render_widget(Paragraph::new(footer(app, area.width, t)), foot);
}

/// "7 → 5, down 2": pain before and after, and the change.
pub fn pain_line(before: Option<u8>, after: Option<u8>) -> Option<String> {
    Some(match (before, after) {
        (Some(b), Some(a)) => {
            let change = match i16::from(a) - i16::from(b) {
                0 => "no change".to_string(),
                d if d < 0 => format!("down {}", -d),
                d => format!("up {d}"),
            };
            format!("{b} → {a}, {change}")
        }
        (Some(b), None) => format!("{b} before"),
        (None, Some(a)) => format!("{a} after"),
        (None, None) => return None,
    })
}
