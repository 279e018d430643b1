//! Drawing: pure functions of `&App` and the frame. No clock, no I/O; `now` is passed in.

pub mod big;
mod checklist;
pub mod detail;
pub mod fit;
mod history;
pub mod home;
pub mod overlays;
pub mod picture;
pub mod session;
mod summary;

use crate::app::{App, Overlay, Screen};
use crate::lang::Words;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::time::Instant;

pub use crate::layout::{MIN_H, MIN_W, lines_height, wrapped_height};
pub use crate::theme::{Theme, ThemeKind};

/// Draws the whole screen.
pub fn draw(f: &mut Frame, app: &App, now: Instant) {
    let area = f.area();
    let t = Theme { kind: app.theme };
    if area.width < MIN_W || area.height < MIN_H {
        too_small(f, area, app, now, t);
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
            Overlay::ConfirmEnd => overlays::confirm_end(f, area, app, t),
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

fn too_small(f: &mut Frame, area: Rect, app: &App, now: Instant, t: Theme) {
    let w = &app.content.words;
    let mut text = vec![Line::styled(w.t("small.title"), t.title())];
    // What is running goes on, and says so: a session's step and time, and that Space
    // still pauses.
    if app.screen == Screen::Session
        && let Some(s) = app.session.as_ref().filter(|s| !s.is_finished())
    {
        use crate::session::StepKind;
        let what = match s.step().kind {
            StepKind::Hold { .. } => w.t("small.hold"),
            StepKind::LeadIn => w.t("small.get_ready"),
            StepKind::Rest => w.t("small.rest"),
        };
        let secs = s.timer().display_secs(now);
        text.push(if s.is_paused() {
            Line::styled(
                crate::tr!(w, "small.paused", what = what, seconds = secs),
                t.paused(),
            )
        } else {
            Line::from(crate::tr!(w, "small.running", what = what, seconds = secs))
        });
    }
    text.push(Line::from(crate::tr!(
        w,
        "small.needs",
        min_w = MIN_W,
        min_h = MIN_H,
        w = area.width,
        h = area.height
    )));
    text.push(Line::from(w.t("small.quit")));
    let h = lines_height(&text, area.width).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    f.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect::new(area.x, y, area.width, area.height - (y - area.y)),
    );
}

/// The footer line: the keys of the screen or popup on top, from its own table, the most
/// important first; "? more keys" when some do not fit.
pub fn footer(app: &App, width: u16, t: Theme) -> Line<'static> {
    let f = crate::screens::footer(&app.content.words, &crate::screens::hints(app), width);
    let mut spans = vec![Span::raw(" ")];
    let w = &app.content.words;
    let more_word = if f.more_word == crate::screens::MORE.1 {
        w.t("foot.more_keys")
    } else {
        w.t("foot.more")
    };
    let more = f.more.then_some((crate::screens::MORE.0, more_word));
    for (k, d) in f.shown.iter().map(|(k, d)| (*k, d.as_str())).chain(more) {
        spans.push(Span::styled(w.key_label(k), t.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(d.to_string(), t.dim()));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
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

/// "1:05" for durations of a minute or more, else "45 s".
pub fn fmt_duration(w: &Words, d: std::time::Duration) -> String {
    let s = d.as_secs_f64().round() as u64;
    if s >= 60 {
        format!("{}:{:02}", s / 60, s % 60)
    } else {
        crate::tr!(w, "time.seconds", n = s)
    }
}

/// Approximate minutes for a plan, for menus: "about 3 min".
pub fn about_minutes(w: &Words, d: std::time::Duration) -> String {
    let m = (d.as_secs() + 30) / 60;
    crate::tr!(w, "time.about_minutes", n = m.max(1))
}

/// Columns a text takes on screen.
pub fn text_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `text` cut to `width` columns, never mid-word without a mark: whole words and "…"
/// when a word boundary leaves something useful, else the cut word ends in "…".
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if text_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    // Whole words that fit with the mark after them.
    let mut out = String::new();
    for word in text.split(' ') {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if text_width(&next) + 1 > width {
            break;
        }
        out = next;
    }
    let out = out.trim_end_matches([',', ';', ':', ' ', '·', '-']);
    if !out.is_empty() && text_width(out) * 2 >= width {
        return format!("{out}…");
    }
    // One long word: as much of it as fits, then the mark.
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        used += cw;
        cut.push(c);
    }
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
pub mod tests;
#[cfg(test)]
mod tests_es;
