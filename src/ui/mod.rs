//! Drawing: pure functions of `&App` and the frame. No clock, no I/O; `now` is passed in.

pub mod big;
mod checklist;
pub mod detail;
mod history;
pub mod home;
pub mod overlays;
pub mod picture;
pub mod session;
mod summary;

use crate::app::{App, Overlay, Screen};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::time::Instant;

/// The smallest terminal any screen is laid out for.
pub const MIN_W: u16 = 32;
pub const MIN_H: u16 = 10;

/// The colour themes. Every meaning colour carries (paused, emergency, selected) is also
/// carried by words, symbols or reverse video, so monochrome loses nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeKind {
    /// Calm colours with one accent.
    #[default]
    Default,
    /// Bright colours on black, bold text: for low vision and bright rooms.
    HighContrast,
    /// No colour at all (NO_COLOR and --no-color choose it).
    Mono,
}

impl ThemeKind {
    pub const ALL: [ThemeKind; 3] = [ThemeKind::Default, ThemeKind::HighContrast, ThemeKind::Mono];

    pub fn key(self) -> &'static str {
        match self {
            ThemeKind::Default => "default",
            ThemeKind::HighContrast => "high-contrast",
            ThemeKind::Mono => "mono",
        }
    }

    pub fn from_key(s: &str) -> Option<ThemeKind> {
        ThemeKind::ALL.into_iter().find(|t| t.key() == s)
    }

    pub fn next(self) -> ThemeKind {
        match self {
            ThemeKind::Default => ThemeKind::HighContrast,
            ThemeKind::HighContrast => ThemeKind::Mono,
            ThemeKind::Mono => ThemeKind::Default,
        }
    }
}

/// Styles for one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub kind: ThemeKind,
}

impl Theme {
    fn pick(self, default: Style, high: Style, mono: Style) -> Style {
        match self.kind {
            ThemeKind::Default => default,
            ThemeKind::HighContrast => high,
            ThemeKind::Mono => mono,
        }
    }
    fn bold() -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn accent(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            Self::bold(),
        )
    }
    pub fn title(self) -> Style {
        self.pick(
            Self::bold(),
            Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            Self::bold(),
        )
    }
    pub fn dim(self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().fg(Color::White),
            Style::new(),
        )
    }
    pub fn key(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            Self::bold(),
        )
    }
    pub fn selected(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }
    pub fn paused(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            Self::bold(),
        )
    }
    pub fn good(self) -> Style {
        self.pick(
            Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            Self::bold(),
        )
    }
    pub fn warn(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            Self::bold(),
        )
    }
    /// The emergency style: an alarm, white on red, bold; reverse video without colour.
    pub fn alarm(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }
    /// The line drawings: quiet, never the accent.
    pub fn picture(self) -> Style {
        self.pick(
            Style::new().fg(Color::Gray),
            Style::new().fg(Color::White),
            Style::new(),
        )
    }
    pub fn bar_filled(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan),
            Style::new().fg(Color::LightYellow),
            Style::new(),
        )
    }
}

/// Draws the whole screen.
pub fn draw(f: &mut Frame, app: &App, now: Instant) {
    let area = f.area();
    let t = Theme { kind: app.theme };
    if area.width < MIN_W || area.height < MIN_H {
        too_small(f, area, t);
        return;
    }
    match &app.screen {
        Screen::Home => home::draw(f, area, app, t),
        Screen::Detail { stretch, scroll } => detail::draw(f, area, app, *stretch, *scroll, t),
        Screen::Session => session::draw(f, area, app, now, t),
        Screen::Summary => summary::draw(f, area, app, t),
        Screen::History => history::draw(f, area, app, t),
    }
    for o in &app.overlays {
        match o {
            Overlay::Help => overlays::help(f, area, app, t),
            Overlay::Notice => overlays::notice(f, area, app, t),
            Overlay::ConfirmEnd => overlays::confirm_end(f, area, t),
            Overlay::PainStop => overlays::pain_stop(f, area, app, t),
            Overlay::Gate(g) => overlays::gate(f, area, app, *g, t),
            Overlay::Checklist => checklist::draw(f, area, app, t),
            Overlay::CheckIn(w) => overlays::checkin(f, area, app, *w, t),
            Overlay::SpasmStart => overlays::spasm_start(f, area, app, t),
            Overlay::Settings => overlays::settings(f, area, app, t),
            Overlay::SaveFailed => overlays::save_failed(f, area, app, t),
        }
    }
}

fn too_small(f: &mut Frame, area: Rect, t: Theme) {
    let text = vec![
        Line::styled("Make the window larger", t.title()),
        Line::from(format!(
            "backstretch needs {MIN_W}x{MIN_H}; this is {}x{}.",
            area.width, area.height
        )),
        Line::from("Ctrl-C quits."),
    ];
    let h = (text.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    f.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect::new(area.x, y, area.width, area.height - (y - area.y)),
    );
}

/// One key in a footer: the key, what it does, and how much it matters (lower first).
pub type KeyHint = (&'static str, &'static str, u8);

/// A footer line of key hints that fits `width`: the most important first, shown in the
/// order given.
pub fn footer(hints: &[KeyHint], width: u16, t: Theme) -> Line<'static> {
    // When the most important keys do not all fit, their words get shorter first.
    let full: Vec<(&str, &str, u8)> = hints.to_vec();
    let short: Vec<(&str, &str, u8)> = hints
        .iter()
        .map(|&(k, d, p)| (k, short_word(d), p))
        .collect();
    let fits = |hs: &[(&str, &str, u8)]| -> (Vec<bool>, bool) {
        let mut order: Vec<usize> = (0..hs.len()).collect();
        order.sort_by_key(|&i| hs[i].2);
        let mut used = 1usize;
        let mut keep = vec![false; hs.len()];
        let mut all_first = true;
        for i in order {
            let (k, d, p) = hs[i];
            let w = k.chars().count() + 1 + d.chars().count() + 2;
            if used + w <= usize::from(width) {
                used += w;
                keep[i] = true;
            } else if p == 0 {
                all_first = false;
            }
        }
        (keep, all_first)
    };
    let (keep, all_first) = fits(&full);
    let (hs, keep) = if all_first {
        (full, keep)
    } else {
        let (k2, _) = fits(&short);
        (short, k2)
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, (k, d, _)) in hs.iter().enumerate() {
        if keep[i] {
            spans.push(Span::styled(k.to_string(), t.key()));
            spans.push(Span::raw(" "));
            spans.push(Span::styled(d.to_string(), t.dim()));
            spans.push(Span::raw("  "));
        }
    }
    Line::from(spans)
}

/// The short form of a footer word, for narrow screens.
fn short_word(d: &str) -> &str {
    match d {
        "red flags" => "flags",
        "it hurts" => "hurts",
        "start ticked" => "start",
        "start this stretch" => "start",
        "how-to" => "read",
        "answer again" => "again",
        other => other,
    }
}

/// A header line: title on the left, something on the right.
pub fn header(left: Vec<Span<'static>>, right: String, width: u16, t: Theme) -> Line<'static> {
    let lw: usize = left.iter().map(|s| s.width()).sum();
    let rw = right.chars().count();
    let mut spans = vec![Span::raw(" ")];
    spans.extend(left);
    let gap = usize::from(width).saturating_sub(lw + rw + 2);
    if gap >= 1 {
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(right, t.dim()));
    }
    Line::from(spans)
}

/// The header of a screen: "backstretch · Title" on the left, `right` on the right.
pub fn screen_header(title: &str, right: String, width: u16, t: Theme) -> Line<'static> {
    header(
        vec![
            Span::styled("backstretch", t.accent()),
            Span::raw(" · "),
            Span::styled(title.to_string(), t.title()),
        ],
        right,
        width,
        t,
    )
}

/// A rectangle of at most `w`x`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

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

/// "1:05" for durations of a minute or more, else "45 s".
pub fn fmt_duration(d: std::time::Duration) -> String {
    let s = d.as_secs_f64().round() as u64;
    if s >= 60 {
        format!("{}:{:02}", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

/// Approximate minutes for a plan, for menus: "about 3 min".
pub fn about_minutes(d: std::time::Duration) -> String {
    let m = (d.as_secs() + 30) / 60;
    if m <= 1 {
        "about 1 min".into()
    } else {
        format!("about {m} min")
    }
}

#[cfg(test)]
pub mod tests;
