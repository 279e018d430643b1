//! The whole how-to of one stretch.

use super::picture::{self, Drawing};
use super::{Theme, footer, screen_header};
use crate::app::App;
use crate::content::{HoldKind, Stretch};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

pub use crate::screens::detail::lines;

pub fn draw(f: &mut Frame, area: Rect, app: &App, stretch: usize, scroll: u16, t: Theme) {
    let w = &app.content.words;
    let s = &app.content.stretches[stretch];
    let [head, body, msg, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(screen_header(
            &s.name,
            w.t("detail.how_to").to_string(),
            area.width,
            t,
        )),
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
    let text_area = pictures(f, inner, app, s, t);
    f.render_widget(
        Paragraph::new(lines(app, stretch, t))
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0)),
        text_area,
    );
    if let Some(m) = &app.message {
        f.render_widget(Paragraph::new(Line::styled(format!(" {m}"), t.warn())), msg);
    }
    f.render_widget(Paragraph::new(footer(app, area.width, t)), foot);
}

/// The drawings of the start and end positions, labelled, where they fit whole: beside the
/// text on wide screens, above it on tall ones, else not at all. Returns the text's area.
fn pictures(f: &mut Frame, area: Rect, app: &App, s: &Stretch, t: Theme) -> Rect {
    let w = &app.content.words;
    let Some(pic) = &s.picture else {
        return area;
    };
    let (start_label, end_label) = match s.hold_kind {
        HoldKind::Phases => (
            s.holds[0].name.clone(),
            s.holds.get(1).map_or(String::new(), |h| h.name.clone()),
        ),
        HoldKind::Sides => (w.t("detail.start").to_string(), s.holds[0].name.clone()),
        HoldKind::Single => (
            w.t("detail.start").to_string(),
            w.t("show.stretch").to_string(),
        ),
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
