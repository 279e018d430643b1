//! The colour themes and their styles, shared by the model (the setting) and the drawing.

use ratatui::style::{Color, Modifier, Style};

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
