//! The session screen: the lead-in, the hold and the rest.

use super::big::BigNumber;
use super::picture::{self, Drawing, Pose};
use super::{Theme, footer, screen_header, wrapped_height};
use crate::app::App;
use crate::content::{Content, HoldKind};
use crate::session::{Plan, Session, Step, StepKind};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::time::Instant;

/// Width of the "12 s left" label beside the bar, with its gap.
const LABEL_W: u16 = 12;

/// The rows of the screen.
struct Areas {
    header: Rect,
    block: Rect,
    inner: Rect,
    next: Rect,
    footer: Rect,
}

fn areas(area: Rect) -> Areas {
    let header = Rect::new(area.x, area.y, area.width, 1);
    let footer = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    let next = Rect::new(area.x, area.bottom().saturating_sub(2), area.width, 1);
    let block = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(3),
    );
    let inner = Rect::new(
        block.x + 3,
        block.y + 1,
        block.width.saturating_sub(6),
        block.height.saturating_sub(2),
    );
    Areas {
        header,
        block,
        inner,
        next,
        footer,
    }
}

/// "Right side", "Cow", or the stretch name for a single hold.
fn hold_title(content: &Content, plan: &Plan, step: &Step) -> String {
    let name = Session::hold_name(content, plan, step);
    if name.is_empty() {
        crate::tr!(content.words, "session.hold")
    } else {
        name.to_string()
    }
}

/// What comes after the current step, in a few words.
pub fn up_next(content: &Content, s: &Session, short: bool) -> String {
    let plan = &s.plan;
    let w = &content.words;
    let describe = |step: &Step| -> String {
        let stretch = &content.stretches[plan.stretches[step.item]];
        match step.kind {
            StepKind::LeadIn => crate::tr!(
                w,
                "session.next_stretch",
                stretch = stretch.name,
                i = step.item + 1,
                count = plan.stretches.len()
            ),
            StepKind::Hold { rep, hold } => {
                let reps = plan.reps_of(step.item);
                if stretch.hold_kind == HoldKind::Single {
                    crate::tr!(w, "session.next_hold", rep = rep + 1, reps = reps)
                } else {
                    crate::tr!(
                        w,
                        "session.next_named_hold",
                        name = stretch.holds[hold].name,
                        rep = rep + 1,
                        reps = reps
                    )
                }
            }
            StepKind::Rest => crate::tr!(w, "session.next_rest", seconds = step.duration.as_secs()),
        }
    };
    let i = s.index();
    match plan.steps.get(i + 1) {
        None => crate::tr!(w, "session.next_summary"),
        Some(next) if next.kind == StepKind::Rest && !short => match plan.steps.get(i + 2) {
            Some(after) => crate::tr!(
                w,
                "session.next_then",
                first = describe(next),
                then = describe(after)
            ),
            None => describe(next),
        },
        Some(next) => describe(next),
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, now: Instant, t: Theme) {
    let Some(s) = app.session.as_ref() else {
        return;
    };
    let content = &app.content;
    let w = &content.words;
    let plan = &s.plan;
    let step = *s.step();
    let stretch = &content.stretches[plan.stretches[step.item]];
    let timer = s.timer();
    let paused = s.is_paused();
    let a = areas(area);

    // Header: the stretch, and where we are.
    let where_ = match step.kind {
        StepKind::Hold { rep, .. } => crate::tr!(
            w,
            "session.rep_of",
            rep = rep + 1,
            reps = plan.reps_of(step.item)
        ),
        StepKind::LeadIn => crate::tr!(w, "session.get_ready"),
        StepKind::Rest => crate::tr!(w, "session.rest"),
    };
    let right = if plan.stretches.len() > 1 && area.width >= 60 {
        crate::tr!(
            w,
            "session.stretch_of",
            i = step.item + 1,
            count = plan.stretches.len(),
            step = where_
        )
    } else {
        where_
    };
    f.render_widget(
        Paragraph::new(screen_header(&stretch.name, right, area.width, t)),
        a.header,
    );

    // The block, titled with the step and its state in words.
    let title = match step.kind {
        StepKind::LeadIn => format!(" {} ", w.t("session.title_lead_in")),
        StepKind::Hold { .. } => format!(" {} ", hold_title(content, plan, &step).to_uppercase()),
        StepKind::Rest => format!(" {} ", w.t("session.title_rest")),
    };
    let state = if s.is_waiting() {
        Span::styled(format!(" ‖ {} ", w.t("session.waiting")), t.paused())
    } else if paused {
        Span::styled(format!(" ‖ {} ", w.t("session.paused")), t.paused())
    } else {
        Span::styled(format!(" ▶ {} ", w.t("session.running")), t.dim())
    };
    let block_style = if paused { t.paused() } else { t.dim() };
    f.render_widget(
        Block::bordered()
            .border_style(block_style)
            .title(Line::styled(title, t.title()))
            .title_top(Line::from(state).alignment(Alignment::Right)),
        a.block,
    );

    // The words: cue, setup, or what comes next; each entry with the rows it needs.
    let inner = a.inner;
    let mut entries: Vec<(Line, u16)> = Vec::new();
    let mut add = |line: Line<'static>, plain: &str| {
        entries.push((line, wrapped_height(plain, inner.width)));
    };
    match step.kind {
        StepKind::Hold { hold, .. } => {
            if s.is_gentle() {
                // The same words the voice says (the content's own language).
                let l = content.voice.gentler.clone();
                add(Line::styled(l.clone(), t.warn()), &l);
            }
            let cue = stretch.holds[hold].cue.clone();
            add(Line::styled(cue.clone(), t.title()), &cue);
        }
        StepKind::LeadIn => {
            if let Some(l) = app.hurt_note(plan.stretches[step.item]) {
                add(Line::styled(l.clone(), t.warn()), &l);
            }
            for (i, st) in stretch.setup.iter().enumerate() {
                let l = format!("{}. {st}", i + 1);
                add(Line::from(l.clone()), &l);
            }
            let first = &stretch.holds[0];
            let l = if first.name.is_empty() {
                crate::tr!(w, "session.then", how = first.how)
            } else {
                crate::tr!(
                    w,
                    "session.then_named",
                    name = first.name.to_lowercase(),
                    how = first.how
                )
            };
            add(Line::styled(l.clone(), t.dim()), &l);
        }
        StepKind::Rest => {
            let l = crate::tr!(w, "session.relax");
            add(Line::styled(l.clone(), t.title()), &l);
            if let Some(next) = s.next_step()
                && let StepKind::Hold { hold, .. } = next.kind
            {
                let h = &stretch.holds[hold];
                let l = if h.name.is_empty() {
                    crate::tr!(w, "session.next", how = h.how)
                } else {
                    crate::tr!(
                        w,
                        "session.next_named",
                        name = h.name.to_lowercase(),
                        how = h.how
                    )
                };
                add(Line::styled(l.clone(), t.dim()), &l);
            }
        }
    }
    let reminder = match step.kind {
        StepKind::Hold { .. } => crate::tr!(
            w,
            "session.reminder",
            reminder = content.guidance.hold_reminder
        ),
        _ => String::new(),
    };
    let secs = timer.display_secs(now);
    let label = match (paused, step.kind) {
        (true, _) if s.is_waiting() => w.t("session.label_waiting"),
        (true, _) => w.t("session.label_paused"),
        (false, StepKind::Hold { .. }) => w.t("session.label_hold"),
        (false, StepKind::LeadIn) => w.t("session.label_lead_in"),
        (false, StepKind::Rest) => w.t("session.label_rest"),
    };
    let big = |scale| BigNumber {
        value: secs,
        scale,
        style: if paused { t.paused() } else { t.accent() },
    };

    // Fit by priority: the first entry, the countdown line and the bar always; then the
    // reminder, the other entries (whole, never cut), big digits, and gaps.
    let h_all = inner.height;
    let mut text_h = entries
        .first()
        .map_or(0, |e| e.1)
        .min(h_all.saturating_sub(2));
    let mut shown = entries.len().min(1);
    let reminder_h = if reminder.is_empty() {
        0
    } else {
        wrapped_height(&reminder, inner.width)
    };
    let rem_h = if text_h + 2 + reminder_h <= h_all {
        reminder_h
    } else {
        0
    };
    for e in entries.iter().skip(1) {
        if text_h + e.1 + 2 + rem_h <= h_all {
            text_h += e.1;
            shown += 1;
        } else {
            break;
        }
    }
    // What does not fit is said, not cut: a row for "… 1 more step" (an entry gives way
    // to it when needed, never the first).
    let mut marker = None;
    if shown < entries.len() {
        while shown > 1 && text_h + 1 + 2 + rem_h > h_all {
            shown -= 1;
            text_h -= entries[shown].1;
        }
        if text_h + 1 + 2 + rem_h <= h_all {
            let left = entries.len() - shown;
            let w = &app.content.words;
            marker = Some(format!("… {}", crate::trn!(w, "session.more_steps", left)))
                .filter(|m| wrapped_height(m, inner.width) == 1)
                .or_else(|| Some(format!("… {}", crate::trn!(w, "session.more_short", left))));
            text_h += 1;
        }
    }
    let mut scale = 0u16;
    for sc in [4u16, 3, 2, 1] {
        let (w, h) = big(sc).size();
        // Digits grow on tall terminals (scale n from 14n rows); at 80x24 and 100x30 they
        // stay at the size that is legible across a room and cheap to redraw (few cells
        // change each second).
        let roomy = sc == 1 || (inner.height >= 14 * sc && inner.width >= 30 * sc);
        if roomy && w + 2 <= inner.width && text_h + h + 1 + 1 + rem_h + 3 <= h_all {
            scale = sc;
            break;
        }
    }
    let count_h = if scale > 0 { 5 * scale + 1 } else { 1 };
    let used = text_h + count_h + 1 + rem_h;
    let free = h_all.saturating_sub(used);
    let gap_rem = u16::from(rem_h > 0 && free >= 3);

    let mut lines: Vec<Line> = entries.into_iter().take(shown).map(|e| e.0).collect();
    if let Some(m) = marker {
        lines.push(Line::styled(m, t.dim()));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        Rect::new(inner.x, inner.y, inner.width, text_h),
    );
    let bar_y = inner.bottom().saturating_sub(rem_h + gap_rem + 1);
    // The countdown, centred between the words and the bar; the drawing of the pose
    // beside it when both fit whole.
    let top = inner.y + text_h;
    let region = Rect::new(inner.x, top, inner.width, bar_y.saturating_sub(top));
    let pose = match step.kind {
        StepKind::LeadIn => Some(Pose::Start),
        StepKind::Hold { hold, .. } => Some(Pose::Hold(hold)),
        StepKind::Rest => s.next_step().and_then(|n| match n.kind {
            StepKind::Hold { hold, .. } => Some(Pose::Hold(hold)),
            _ => None,
        }),
    };
    let drawing = pose.and_then(|p| picture::rows(stretch, p));
    let count_w = if scale > 0 {
        big(scale).size().0.max(label.len() as u16)
    } else {
        label.len() as u16 + 4
    };
    let count_area = match &drawing {
        Some(rows) => {
            let (pw, ph) = picture::size(rows);
            if ph <= region.height && pw + 4 + count_w + 2 <= region.width {
                let half = (region.width / 2).max(pw + 2);
                let left = Rect::new(region.x, region.y, half, region.height);
                f.render_widget(
                    Drawing {
                        rows,
                        style: t.picture(),
                    },
                    left,
                );
                Rect::new(
                    region.x + half,
                    region.y,
                    region.width - half,
                    region.height,
                )
            } else {
                region
            }
        }
        None => region,
    };
    let y_count = count_area.y + count_area.height.saturating_sub(count_h) / 2;
    let label_style = if paused { t.paused() } else { t.dim() };
    if scale > 0 {
        let n = big(scale);
        let (_, h) = n.size();
        f.render_widget(n, Rect::new(count_area.x, y_count, count_area.width, h));
        f.render_widget(
            Paragraph::new(Line::styled(label, label_style)).alignment(Alignment::Center),
            Rect::new(count_area.x, y_count + h, count_area.width, 1),
        );
    } else if y_count < bar_y {
        let line = Line::from(vec![
            Span::styled(
                format!("{secs}"),
                if paused { t.paused() } else { t.accent() },
            ),
            Span::raw(" "),
            Span::styled(label, label_style),
        ]);
        f.render_widget(
            Paragraph::new(line).alignment(Alignment::Center),
            Rect::new(count_area.x, y_count, count_area.width, 1),
        );
    }

    // The bar, a whole cell at a time.
    if bar_y >= top && bar_y < inner.bottom() {
        let cells = inner.width.saturating_sub(LABEL_W);
        // The bar moves with the countdown, once a second: one redraw a second in all.
        let total = timer.total().as_secs().max(1);
        let done = total.saturating_sub(secs);
        // In eighths of a cell, so each second's step lands exactly where it should.
        const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
        let eighths = (u64::from(cells) * 8 * done / total).min(u64::from(cells) * 8);
        let full = (eighths / 8) as u16;
        let part = PARTS[(eighths % 8) as usize];
        let empty = cells - full - u16::from(!part.is_empty());
        let left = format!("{:>10}", crate::tr!(w, "session.left", seconds = secs));
        let line = Line::from(vec![
            Span::styled("█".repeat(usize::from(full)), t.bar_filled()),
            Span::styled(part, t.bar_filled()),
            Span::styled("░".repeat(usize::from(empty)), t.dim()),
            Span::raw("  "),
            Span::raw(left),
        ]);
        f.render_widget(
            Paragraph::new(line),
            Rect::new(inner.x, bar_y, inner.width, 1),
        );
    }
    if rem_h > 0 {
        f.render_widget(
            Paragraph::new(Line::styled(reminder, t.dim())).wrap(Wrap { trim: true }),
            Rect::new(inner.x, inner.bottom() - rem_h, inner.width, rem_h),
        );
    }

    // What comes next, or the message of the moment.
    let next_line = match &app.message {
        Some(m) => Line::styled(format!(" {m}"), t.warn()),
        None => {
            let label = format!(" {} ", w.t("session.up_next"));
            let room = usize::from(area.width).saturating_sub(super::text_width(&label) + 1);
            let mut next = up_next(content, s, false);
            if super::text_width(&next) > room {
                next = up_next(content, s, true);
            }
            // Still too long: cut at a word, with a mark.
            Line::from(vec![
                Span::styled(label, t.dim()),
                Span::raw(super::fit(&next, room)),
            ])
        }
    };
    f.render_widget(Paragraph::new(next_line), a.next);
    f.render_widget(Paragraph::new(footer(app, area.width, t)), a.footer);
}
