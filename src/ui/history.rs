//! Progress: pain before and after by day, sessions this week, the streak and totals.

use super::{Theme, fmt_duration, footer, screen_header};
use crate::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Wrap};

/// The tallest the pain chart gets: ten rows of bars (one a point), their labels, the
/// border.
const CHART_MAX_H: u16 = 10 + 1 + 2;
/// Columns of the chart's scale ("10", " 5") and the gap after it.
const SCALE_W: u16 = 3;

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let w = &app.content.words;
    let today = app.today();
    // Figures, not records: small whatever the length of the history.
    let sum = app.history_summary();
    // Whole lines only, in order of importance, in what the chart leaves.
    // One cell from each edge; what is left out is said, on the last row.
    let room = area.height.saturating_sub(7).max(2);
    let text_w = area.width.saturating_sub(2);
    let mut lines = stat_lines(app, t);
    if super::lines_height(&lines, text_w) > room {
        while lines.len() > 1 && super::lines_height(&lines, text_w) + 1 > room {
            lines.pop();
        }
        lines.push(Line::styled(
            format!("… {}", app.content.words.t("more.all")),
            t.dim(),
        ));
    }
    let stats_h = super::lines_height(&lines, text_w).min(room);
    // The pain chart is at most one row a point of pain (with its labels and border): on
    // a tall terminal the room left over stays empty rather than stretching the bars.
    let week_h = if area.height >= 20 { 6 } else { 0 };
    let avail = area.height.saturating_sub(2 + stats_h + week_h);
    let chart_h = avail.min(CHART_MAX_H);
    let [head, stats, chart, week, _, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(stats_h),
        Constraint::Length(chart_h),
        Constraint::Length(week_h),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let right = match app.spasm_day() {
        Some(d) => crate::tr!(w, "progress.day", n = d),
        None => String::new(),
    };
    f.render_widget(
        Paragraph::new(screen_header(w.t("progress.title"), right, area.width, t)),
        head,
    );

    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        Rect::new(stats.x + 1, stats.y, text_w, stats.height),
    );

    // Pain before and after, by day: the latest days that fit.
    let days = sum.by_day();
    // Two bars of 2 with a gap between, and 2 columns between days, as ratatui lays it out;
    // the scale takes the first columns.
    let group_w = 7;
    let fit = usize::from(chart.width.saturating_sub(2 + SCALE_W) / group_w).max(1);
    let shown = &days[days.len().saturating_sub(fit)..];
    let left_out = days.len() - shown.len();
    // The legend, whole at every width: shorter words where the long ones do not fit.
    let room = usize::from(chart.width.saturating_sub(2));
    let (title, before, after) = match room {
        52.. => (
            format!(" {} ", w.t("progress.pain_by_day")),
            w.t("progress.left_bar"),
            w.t("progress.right_bar"),
        ),
        36.. => (
            format!(" {} ", w.t("progress.pain_mid")),
            w.t("progress.left_short"),
            w.t("progress.right_short"),
        ),
        _ => (
            format!(" {} ", w.t("summary.pain")),
            w.t("progress.left_short"),
            w.t("progress.right_short"),
        ),
    };
    let mut block = Block::bordered()
        .border_style(t.dim())
        .title(Line::from(vec![
            Span::styled(title, t.title()),
            Span::styled(before, t.warn()),
            Span::raw(", "),
            Span::styled(after, t.good()),
            Span::raw(" "),
        ]));
    // The oldest days that do not fit are named, not dropped silently.
    if left_out > 0 {
        block = block.title_bottom(Line::styled(
            format!(" {} ", crate::trn!(w, "progress.earlier_days", left_out)),
            t.dim(),
        ));
    }
    if shown
        .iter()
        .all(|d| d.before.is_none() && d.after.is_none())
    {
        f.render_widget(
            Paragraph::new(Line::styled(
                if app.reading_past() {
                    w.t("progress.reading_short")
                } else {
                    w.t("progress.no_ratings")
                },
                t.dim(),
            ))
            .wrap(Wrap { trim: true })
            .block(block),
            chart,
        );
    } else {
        let inner = block.inner(chart);
        f.render_widget(block, chart);
        // The scale: 10 at the top of the bars, 5 half way.
        let bar_rows = inner.height.saturating_sub(1);
        if bar_rows >= 2 && inner.width > SCALE_W {
            let mark = |v: u16| bar_rows - (v * bar_rows).div_ceil(10);
            for (v, text) in [(10u16, "10"), (5, " 5")] {
                f.render_widget(
                    Paragraph::new(Line::styled(text, t.dim())),
                    Rect::new(inner.x, inner.y + mark(v), SCALE_W, 1),
                );
            }
        }
        let bars_area = Rect::new(
            inner.x + SCALE_W,
            inner.y,
            inner.width.saturating_sub(SCALE_W),
            inner.height,
        );
        let mut bc = BarChart::default()
            .bar_width(2)
            .bar_gap(1)
            .group_gap(1)
            .max(10);
        for d in shown {
            let bar = |v: Option<f64>, style: Style| {
                let n = v.map_or(0, |v| v.round() as u64);
                Bar::default()
                    .value(n)
                    .text_value(v.map_or("-".to_string(), |_| n.to_string()))
                    .style(style)
            };
            let label = d.date.get(8..10).unwrap_or("").to_string();
            bc = bc.data(
                BarGroup::default()
                    .label(Line::from(label))
                    .bars(&[bar(d.before, t.warn()), bar(d.after, t.good())]),
            );
        }
        f.render_widget(bc, bars_area);
    }

    if week.height > 0 {
        let wk = sum.last_week(&today, w);
        let bars: Vec<Bar> = wk
            .iter()
            .map(|(name, n)| {
                Bar::default()
                    .value(*n)
                    .label(Line::from(name.clone()))
                    .style(t.accent())
            })
            .collect();
        f.render_widget(
            BarChart::default()
                .block(Block::bordered().border_style(t.dim()).title(Line::styled(
                    format!(" {} ", w.t("progress.week")),
                    t.title(),
                )))
                .bar_width(5)
                .bar_gap(2)
                .max(wk.iter().map(|(_, n)| *n).max().unwrap_or(0).max(3))
                .data(BarGroup::default().bars(&bars)),
            week,
        );
    }
    f.render_widget(Paragraph::new(footer(app, area.width, t)), foot);
}

/// The figures at the top: totals, the trend or what is missing for one, the doctor note,
/// and the stretches that hurt lately.
pub fn stat_lines(app: &App, t: Theme) -> Vec<Line<'static>> {
    let w = &app.content.words;
    let sum = app.history_summary();
    let today = app.today();
    let held = sum.held_seconds;
    let stops = sum.pain_stops;
    let streak = sum.streak(&today);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {}", sum.sessions), t.title()),
        Span::raw(format!(
            " {}   ",
            crate::trn!(w, "progress.sessions", sum.sessions)
        )),
        Span::styled(
            fmt_duration(w, std::time::Duration::from_secs_f64(held)),
            t.title(),
        ),
        Span::raw(format!(" {}   ", w.t("progress.held"))),
        Span::styled(format!("{streak}"), t.title()),
        Span::raw(format!(" {}", crate::trn!(w, "progress.streak", streak))),
        Span::raw(if stops > 0 {
            format!("   {}", crate::trn!(w, "summary.pain_stops", stops))
        } else {
            String::new()
        }),
    ])];
    if app.reading_past() {
        // A long history may still be being read: until then these figures are this
        // run's only.
        lines.push(Line::styled(
            format!(" {}", w.t("progress.reading")),
            t.dim(),
        ));
    }
    let report = sum.trend();
    if let Some(tr) = report.trend {
        lines.push(Line::styled(
            format!(" {}", tr.words(w)),
            if tr.clearly_falling() {
                t.good()
            } else {
                t.warn()
            },
        ));
    }
    if app.suggest_doctor() {
        lines.push(Line::styled(
            format!(" {}", app.content.guidance.not_improving),
            t.warn(),
        ));
    }
    // Advice about what is missing waits until the whole history is in.
    if let Some(a) = report.advice(w).filter(|_| !app.reading_past()) {
        lines.push(Line::styled(format!(" {a}"), t.dim()));
    }
    for h in app.recent_hurts() {
        let name = app.content.stretch_name(&h.stretch);
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", w.t("progress.hurt_lately")), t.warn()),
            Span::raw(crate::tr!(
                w,
                "progress.hurt_on",
                stretch = name,
                day = h.day_name(w),
                place = h.place
            )),
        ]));
    }
    let by_stretch: Vec<String> = sum
        .stops_by_stretch()
        .into_iter()
        .map(|(id, n)| format!("{} {n}", app.content.stretch_name(&id)))
        .collect();
    if !by_stretch.is_empty() {
        lines.push(Line::styled(
            format!(
                " {}",
                crate::tr!(
                    w,
                    "progress.stops_by_stretch",
                    list = by_stretch.join(" · ")
                )
            ),
            t.dim(),
        ));
    }
    lines
}
