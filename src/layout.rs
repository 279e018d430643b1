//! Where things go on screen, asked by the drawing and by the model alike (a click is
//! mapped through the same layout the frame was drawn with), so neither reaches into the
//! other.

use ratatui::text::Line;

/// The smallest terminal any screen is laid out for.
pub const MIN_W: u16 = 32;
pub const MIN_H: u16 = 10;

/// How many rows `text` takes wrapped at `width`, word by word as Paragraph wraps with
/// trimming: runs of spaces inside a line count, spaces at a break do not.
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(width);
    if width == 0 {
        return 0;
    }
    let mut rows = 1u16;
    let mut col = 0usize;
    let mut pending_space = 0usize;
    for token in text.split_inclusive(' ') {
        let word = token.trim_end_matches(' ');
        let spaces = token.len() - word.len();
        let w = word.width();
        if w > 0 {
            if col > 0 && col + pending_space + w > width {
                rows += 1;
                col = 0;
            } else {
                col += pending_space;
            }
            // A word longer than the line is broken over as many rows as it needs.
            let mut w = w;
            while col + w > width {
                w -= width - col;
                rows += 1;
                col = 0;
            }
            col += w;
            pending_space = 0;
        }
        pending_space += spaces;
    }
    rows
}

/// Rows a list of lines takes wrapped at `width` (an empty line is one row).
pub fn lines_height(lines: &[Line], width: u16) -> u16 {
    lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            wrapped_height(&text, width).max(1)
        })
        .sum()
}

/// Home: the header, the list, the preview, the dose and safety lines, the footer.
pub mod home {
    use crate::app::App;
    use ratatui::layout::{Constraint, Layout, Rect};

    /// Where each part of home goes; shared by drawing and mouse clicks.
    pub struct Areas {
        pub head: Rect,
        pub list: Rect,
        pub preview: Option<Rect>,
        pub note: Rect,
        pub dose: Rect,
        pub safety: Rect,
        pub foot: Rect,
    }

    pub fn areas(app: &App, area: Rect) -> Areas {
        let note_h = doctor_note(app, area).map_or(0, |n| {
            crate::layout::wrapped_height(&n, area.width.saturating_sub(1))
        });
        let [head, main, note, dose, safety, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(note_h),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let (list, preview) = if main.width >= 70 {
            let [l, p] =
                Layout::horizontal([Constraint::Length(34), Constraint::Min(20)]).areas(main);
            (l, Some(p))
        } else {
            (main, None)
        };
        Areas {
            head,
            list,
            preview,
            note,
            dose,
            safety,
            foot,
        }
    }

    /// The doctor note as it fits: whole, or a short form that points to progress.
    pub fn doctor_note(app: &App, area: Rect) -> Option<String> {
        let full = app.doctor_note()?;
        let rows = if area.height < 16 { 2 } else { 4 };
        if crate::layout::wrapped_height(&full, area.width.saturating_sub(1)) <= rows {
            Some(full)
        } else {
            Some("Not easing after two weeks: see a doctor. p shows more.".to_string())
        }
    }

    /// The rows of the list: a heading (`None`) or a home item's index.
    pub fn list_rows(app: &App) -> Vec<Option<usize>> {
        let mut rows = Vec::new();
        let mut last = None;
        for (i, item) in app.home_items().iter().enumerate() {
            let kind = std::mem::discriminant(item);
            if Some(kind) != last {
                rows.push(None);
                last = Some(kind);
            }
            rows.push(Some(i));
        }
        rows
    }

    /// The first list row shown, so the selected row is always in view.
    pub fn list_offset(app: &App, inner_height: u16) -> usize {
        let selected = list_rows(app)
            .iter()
            .position(|r| *r == Some(app.cursor))
            .unwrap_or(0);
        let h = usize::from(inner_height.max(1));
        (selected + 1).saturating_sub(h)
    }

    /// The home item at a screen cell, if a click there lands on one.
    pub fn item_at(app: &App, area: Rect, x: u16, y: u16) -> Option<usize> {
        let list = areas(app, area).list;
        let inner = Rect::new(
            list.x + 1,
            list.y + 1,
            list.width.saturating_sub(2),
            list.height.saturating_sub(2),
        );
        if !inner.contains(ratatui::layout::Position::new(x, y)) {
            return None;
        }
        let row = list_offset(app, inner.height) + usize::from(y - inner.y);
        list_rows(app).get(row).copied().flatten()
    }
}
