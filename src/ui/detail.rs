//! The whole how-to of one stretch.

use super::picture::{self, Drawing};
use super::{KeyHint, Theme, footer, screen_header};
use crate::app::App;
use crate::content::{HoldKind, Stretch};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

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

pub fn draw(f: &mut Frame, area: Rect, app: &App, stretch: usize, scroll: u16, t: Theme) {
    let s = &app.content.stretches[stretch];
    let [head, body, msg, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(screen_header(&s.name, "how-to".into(), area.width, t)),
        head,
    );
    let block = Block::bordered()
        .border_style(t.dim())
        .title(Line::styled(format!(" {} ", s.name), t.title()));
    let inner = block.inner(body);
    f.render_widget(block, body);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let text_area = pictures(f, inner, s, t);
    f.render_widget(
        Paragraph::new(lines(app, stretch, t))
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0)),
        text_area,
    );
    if let Some(m) = &app.message {
        f.render_widget(Paragraph::new(Line::styled(format!(" {m}"), t.warn())), msg);
    }
    f.render_widget(Paragraph::new(footer(&hints(), area.width, t)), foot);
}

pub fn hints() -> Vec<KeyHint> {
    vec![
        ("Enter", "start this stretch", 0),
        ("↑↓", "scroll", 2),
        ("!", "red flags", 0),
        ("?", "help", 0),
        ("Esc", "back", 1),
    ]
}

/// The drawings of the start and end positions, labelled, where they fit whole: beside the
/// text on wide screens, above it on tall ones, else not at all. Returns the text's area.
fn pictures(f: &mut Frame, area: Rect, s: &Stretch, t: Theme) -> Rect {
    let Some(pic) = &s.picture else {
        return area;
    };
    let (start_label, end_label) = match s.hold_kind {
        HoldKind::Phases => (
            s.holds[0].name.clone(),
            s.holds.get(1).map_or(String::new(), |h| h.name.clone()),
        ),
        HoldKind::Sides => ("Start".to_string(), s.holds[0].name.clone()),
        HoldKind::Single => ("Start".to_string(), "The stretch".to_string()),
    };
    let (sw, sh) = picture::size(&pic.start);
    let (ew, eh) = picture::size(&pic.end);
    let w = sw.max(ew);
    let min_text_w = 40;
    let min_text_h = 10;
    let label = |f: &mut Frame, text: &str, x: u16, y: u16, w: u16| {
        f.render_widget(
            Paragraph::new(Line::styled(text.to_string(), t.dim())).alignment(Alignment::Center),
            Rect::new(x, y, w, 1),
        );
    };
    let draw = |f: &mut Frame, rows: &[String], r: Rect| {
        f.render_widget(
            Drawing {
                rows,
                style: t.picture(),
            },
            r,
        );
    };
    // Beside the text: the two drawings one above the other.
    if area.width >= min_text_w + w + 3 && area.height >= sh + eh + 3 {
        let x = area.right() - w;
        draw(f, &pic.start, Rect::new(x, area.y, w, sh));
        label(f, &start_label, x, area.y + sh, w);
        draw(f, &pic.end, Rect::new(x, area.y + sh + 2, w, eh));
        label(f, &end_label, x, area.y + sh + 2 + eh, w);
        return Rect::new(area.x, area.y, area.width - w - 3, area.height);
    }
    // Above the text: side by side.
    let h = sh.max(eh);
    if area.width >= 2 * w + 4 && area.height >= h + 2 + min_text_h {
        let x0 = area.x + (area.width - (2 * w + 4)) / 2;
        draw(f, &pic.start, Rect::new(x0, area.y, w, h));
        label(f, &start_label, x0, area.y + h, w);
        draw(f, &pic.end, Rect::new(x0 + w + 4, area.y, w, h));
        label(f, &end_label, x0 + w + 4, area.y + h, w);
        return Rect::new(area.x, area.y + h + 2, area.width, area.height - h - 2);
    }
    area
}

/// The furthest the how-to can scroll at this terminal size: its last line at the top.
pub fn max_scroll(app: &App, stretch: usize) -> u16 {
    let (w, _) = app.size;
    // The text's width, less the drawings' column when they sit beside it.
    let beside = app.content.stretches[stretch].picture.is_some() && w >= 78;
    let width = w.saturating_sub(4 + if beside { 31 } else { 0 }).max(10);
    let t = Theme { kind: app.theme };
    super::lines_height(&lines(app, stretch, t), width).saturating_sub(1)
}
