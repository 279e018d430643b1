//! The end of a session: what was done.

use super::{Theme, fmt_duration, footer, screen_header};
use crate::app::App;
use crate::content::Urgency;
use crate::lang::Words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let Some(s) = app.session.as_ref() else {
        return;
    };
    let c = &app.content;
    let w = &c.words;
    let plan = &s.plan;
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(screen_header(
            w.t("summary.title"),
            String::new(),
            area.width,
            t,
        )),
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
                w.t("summary.stopped_emergency")
            } else if app.record_unsaved {
                w.t("summary.unsaved")
            } else if all_done {
                w.t("summary.all_done")
            } else if any {
                w.t("summary.ended_some")
            } else {
                w.t("summary.ended")
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
        .and_then(|r| pain_line(w, r.pain_before, r.pain_after))
    {
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", w.t("summary.pain"))),
            Span::styled(l, t.title()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::raw(format!("{} ", w.t("summary.time_held"))),
        Span::styled(fmt_duration(w, s.held_total()), t.title()),
        Span::styled(
            format!(
                " {}",
                crate::tr!(w, "summary.of", total = fmt_duration(w, plan.hold_total()))
            ),
            t.dim(),
        ),
    ]));
    if let Some(d) = s.duration() {
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", w.t("summary.session_time"))),
            Span::styled(fmt_duration(w, d), t.title()),
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
        // A long name is cut at a word, with a mark.
        let name = super::fit(&c.stretches[si].name, name_w);
        let pad = name_w.saturating_sub(super::text_width(&name));
        let reps = crate::trn!(
            w,
            "summary.reps",
            plan.reps_of(item),
            done = st.reps_completed
        );
        // "held" gives way before a row would wrap.
        let mut held = format!(
            "  {}",
            crate::tr!(w, "summary.held", time = fmt_duration(w, st.held))
        );
        if name_w + 2 + super::text_width(&reps) + super::text_width(&held) > inner_w {
            held = format!("  {}", fmt_duration(w, st.held));
        }
        lines.push(Line::from(vec![
            Span::raw(format!("{name}{}  ", " ".repeat(pad))),
            Span::styled(reps, t.title()),
            Span::styled(held, t.dim()),
        ]));
    }
    for h in app.summary_record.iter().flat_map(|r| &r.hurt) {
        let name = c.stretch_name(&h.stretch);
        let mut l = crate::tr!(w, "summary.hurt", stretch = name, place = h.place(w));
        if let Some(then) = h.then_words(w) {
            l.push_str(&format!("; {then}"));
        }
        lines.push(Line::styled(l, t.warn()));
    }
    let mut extra = vec![crate::trn!(w, "summary.pauses", s.stats.pauses)];
    extra.push(crate::trn!(w, "summary.skips", s.stats.skips));
    if s.stats.pain_stops > 0 {
        extra.push(crate::trn!(w, "summary.pain_stops", s.stats.pain_stops));
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
        lines.push(Line::styled(format!("… {}", w.t("more.all")), t.dim()));
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
pub fn pain_line(w: &Words, before: Option<u8>, after: Option<u8>) -> Option<String> {
    Some(match (before, after) {
        (Some(b), Some(a)) => {
            let change = match i16::from(a) - i16::from(b) {
                0 => crate::tr!(w, "pain.no_change"),
                d if d < 0 => crate::tr!(w, "pain.down", n = -d),
                d => crate::tr!(w, "pain.up", n = d),
            };
            crate::tr!(
                w,
                "pain.before_after",
                before = b,
                after = a,
                change = change
            )
        }
        (Some(b), None) => crate::tr!(w, "pain.before", n = b),
        (None, Some(a)) => crate::tr!(w, "pain.after", n = a),
        (None, None) => return None,
    })
}
