//! The red-flag checklist: one question at a time, and its result.

use super::{Theme, footer, screen_header};
use crate::app::App;
use crate::checklist::{Outcome, verdict};
use crate::content::Urgency;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    f.render_widget(Clear, area);
    let w = &app.content.words;
    let l = &app.checklist;
    let [head, body, note, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(screen_header(
            w.t("checklist.title"),
            crate::tr!(
                w,
                "checklist.answered",
                done = l.answered(),
                total = l.order.len()
            ),
            area.width,
            t,
        )),
        head,
    );
    if let Some(o) = &l.result {
        // The result may use the note's row too: its words matter more than a gap.
        let area = Rect::new(body.x, body.y, body.width, body.height + note.height);
        result(f, area, app, o, t);
        f.render_widget(Paragraph::new(footer(app, area.width, t)), foot);
        return;
    }
    // An emergency sign answered yes: say what to do at once, above the questions.
    let rf = &app.content.red_flags;
    let urgent = l.emergency_yes(&app.content);
    let body = if urgent {
        let action = rf.action(Urgency::Emergency);
        let text = crate::tr!(w, "checklist.emergency", action = action);
        let h = super::wrapped_height(&text, body.width).min(body.height.saturating_sub(3));
        f.render_widget(
            Paragraph::new(Line::styled(text, t.alarm()))
                .style(t.alarm())
                .wrap(Wrap { trim: true }),
            Rect::new(body.x, body.y, body.width, h),
        );
        Rect::new(body.x, body.y + h, body.width, body.height - h)
    } else {
        body
    };
    questions(f, body, app, t);
    if let Some(n) = &l.note {
        f.render_widget(
            Paragraph::new(Line::styled(format!(" {n}"), t.warn())),
            note,
        );
    }
    f.render_widget(Paragraph::new(footer(app, area.width, t)), foot);
}

fn questions(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let c = &app.content;
    let words = &c.words;
    let l = &app.checklist;
    // A small window gives every row to the questions: no border, a shorter indent.
    let small = area.width < 50 || area.height < 14;
    let inner = if small {
        area
    } else {
        let block = Block::bordered().border_style(t.dim()).title(Line::styled(
            format!(" {} ", words.t("checklist.box_title")),
            t.title(),
        ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        inner
    };
    let indent = if small { 2 } else { 8 };
    // One cell from each side: from the border, or the screen's edge.
    let w = usize::from(inner.width.saturating_sub(2));
    // Every line is wrapped here, so a row is a line and questions hang under their mark.
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_rows = (0usize, 0usize);
    let intro = crate::plain::wrap(&c.red_flags.intro, w.max(10), "");
    lines.extend(intro.lines().map(|l| Line::styled(l.to_string(), t.dim())));
    let mut last = None;
    // The row of the level title over each question, and over the one under the cursor.
    let mut group_row = 0usize;
    let mut cursor_group = 0usize;
    for (pos, &i) in l.order.iter().enumerate() {
        let sign = &c.red_flags.signs[i];
        if last != Some(sign.urgency) {
            last = Some(sign.urgency);
            lines.push(Line::raw(""));
            let title = c
                .red_flags
                .level(sign.urgency)
                .map(|lv| lv.title.clone())
                .unwrap_or_default();
            let style = match sign.urgency {
                Urgency::Emergency => t.alarm(),
                Urgency::Today => t.warn(),
                Urgency::Soon => t.title(),
            };
            group_row = lines.len();
            lines.push(Line::styled(format!(" {title} "), style));
        }
        let mark = match l.answers[i] {
            Some(true) => words.t("checklist.mark_yes"),
            Some(false) => words.t("checklist.mark_no"),
            None => words.t("checklist.mark_none"),
        };
        let here = pos == l.cursor;
        let style = if here { t.selected() } else { Style::new() };
        let start = lines.len();
        // The first row sits beside the 8-column mark; later rows hang under it.
        let first_row = crate::plain::wrap(&sign.question, w.saturating_sub(8).max(10), "");
        let first_row = first_row.lines().next().unwrap_or("").to_string();
        let rest: String = sign
            .question
            .split_whitespace()
            .skip(first_row.split_whitespace().count())
            .collect::<Vec<_>>()
            .join(" ");
        let lead = format!("{} {mark} ", if here { "▸" } else { " " });
        lines.push(Line::styled(format!("{lead}{first_row}"), style));
        if !rest.is_empty() {
            let pad = " ".repeat(indent);
            let more = crate::plain::wrap(&rest, w.saturating_sub(indent).max(10), "");
            for row in more.lines() {
                lines.push(Line::styled(format!("{pad}{row}"), style));
            }
        }
        // The note (examples, when it matters most) under the question being asked.
        if here && let Some(n) = &sign.note {
            let pad = " ".repeat(indent);
            let more = crate::plain::wrap(n, w.saturating_sub(indent).max(10), "");
            for row in more.lines() {
                lines.push(Line::styled(format!("{pad}{row}"), t.dim()));
            }
        }
        let h = lines.len() - start;
        if here {
            cursor_rows = (start, h);
            cursor_group = group_row;
        }
    }
    // Keep the question under the cursor in view, the view opening at a whole part: the
    // start of the text, the level title over the question, or the question itself (never
    // mid-sentence). What is above or below the view is said on a row of its own.
    let (start, h) = cursor_rows;
    let total = lines.len();
    let full = usize::from(inner.height);
    let place = |view: usize| {
        let needed = (start + h).saturating_sub(view);
        [0, cursor_group, start]
            .into_iter()
            .find(|&c| c >= needed && c <= start)
            .unwrap_or(start)
    };
    let mut scroll = place(full);
    let (mut above, mut below) = (false, false);
    // Room for the markers where they are needed (a row each), if the view has it.
    if full >= h + 3 && (scroll > 0 || scroll + full < total) {
        scroll = place(full - 2);
        above = scroll > 0;
        below = scroll + full - usize::from(above) < total;
        let view = full - usize::from(above) - usize::from(below);
        scroll = place(view);
        below = scroll + view < total;
    }
    // Up from the first question: the start of the text, whatever else fits.
    if l.show_intro && l.cursor == 0 {
        scroll = 0;
        above = false;
        below = total > full;
    }
    let view = full - usize::from(above) - usize::from(below);
    let x = inner.x + 1;
    let w = inner.width.saturating_sub(2);
    if above {
        f.render_widget(
            Paragraph::new(Line::styled(
                format!("↑ {}", crate::trn!(app.content.words, "more.above", scroll)),
                t.dim(),
            )),
            Rect::new(x, inner.y, w, 1),
        );
    }
    if below {
        let left = total - scroll - view;
        f.render_widget(
            Paragraph::new(Line::styled(
                format!("↓ {}", crate::trn!(app.content.words, "more.below", left)),
                t.dim(),
            )),
            Rect::new(x, inner.y + inner.height - 1, w, 1),
        );
    }
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    f.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)),
        Rect::new(
            x,
            inner.y + u16::from(above),
            w,
            u16::try_from(view).unwrap_or(u16::MAX),
        ),
    );
}

fn result(f: &mut Frame, area: Rect, app: &App, o: &Outcome, t: Theme) {
    let c = &app.content;
    let w = &c.words;
    let v = verdict(c, o);
    let emergency = v.urgency == Some(Urgency::Emergency);
    let style = match v.urgency {
        Some(Urgency::Emergency) => t.alarm(),
        Some(Urgency::Today) => t.warn(),
        Some(Urgency::Soon) => t.title(),
        None => t.good(),
    };
    // Blank lines only where there is room for them: the words come first.
    let roomy = area.height >= 16;
    let gap = |lines: &mut Vec<Line>| {
        if roomy {
            lines.push(Line::raw(""));
        }
    };
    let mut lines = Vec::new();
    if emergency {
        gap(&mut lines);
        lines.push(
            Line::from(if area.width >= 40 {
                w.t("emergency.banner_wide")
            } else {
                w.t("emergency.banner")
            })
            .centered(),
        );
    } else if v.urgency.is_some() {
        lines.push(Line::styled(v.heading.to_uppercase(), style));
    } else {
        lines.push(Line::styled(format!("✓ {}", v.heading), style));
    }
    gap(&mut lines);
    lines.push(Line::from(v.action.clone()));
    if let Some(b) = &v.because {
        gap(&mut lines);
        lines.push(Line::from(b.clone()));
    }
    if let Some(a) = &v.also {
        lines.push(Line::from(a.clone()));
    }
    if let Some(clinic) = &v.clinic {
        gap(&mut lines);
        lines.push(Line::from(clinic.clone()));
    }
    if v.urgency.is_none() {
        gap(&mut lines);
        lines.push(Line::from(c.guidance.tight_not_pain.clone()));
    }
    // A small window keeps every word: no border, the action first; one cell of padding,
    // except at the very narrowest, where the words need every column to stay whole.
    let small = area.height < 16 || area.width < 50;
    let pad = match (small, area.width) {
        (true, ..40) => 0,
        (true, _) => 1,
        _ => 2,
    };
    let mut block = if small {
        Block::new()
    } else {
        Block::bordered()
            .border_type(if emergency {
                BorderType::Double
            } else {
                BorderType::Rounded
            })
            .border_style(style)
            .title(Line::styled(format!(" {} ", v.heading), style))
    }
    .padding(ratatui::widgets::Padding::horizontal(pad));
    if emergency {
        block = block.style(t.alarm());
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

#[cfg(test)]
mod tests {
    use crate::app::tests::app;
    use crate::keys::Key;
    use crate::ui::tests::{render, text};
    use std::time::Instant;

    /// At 40x12 the checklist opens at the first question with the introduction marked
    /// above it; Up from there shows the introduction, and Down comes back to the
    /// question, still unanswered.
    #[test]
    fn up_from_the_first_question_shows_the_introduction_in_a_small_window() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('!'), t);
        let opening = text(&render(&mut a, 40, 12, t));
        assert!(opening.contains("more lines above"), "{opening}");
        let intro_start: String = a
            .content
            .red_flags
            .intro
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(!opening.contains(&intro_start), "{opening}");
        a.on_key(Key::Up, t);
        let up = text(&render(&mut a, 40, 12, t));
        assert!(up.contains(&intro_start), "{up}");
        assert!(!up.contains("more lines above"), "{up}");
        assert!(up.contains("more lines below"), "{up}");
        // A second Up changes nothing; Down comes back to the same question.
        a.on_key(Key::Char('k'), t);
        assert_eq!(text(&render(&mut a, 40, 12, t)), up);
        a.on_key(Key::Down, t);
        assert_eq!(text(&render(&mut a, 40, 12, t)), opening);
        assert_eq!(a.checklist.cursor, 0);
        assert!(a.checklist.answers.iter().all(Option::is_none));
    }
}
