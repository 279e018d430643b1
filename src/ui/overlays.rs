//! Screens drawn over others: help, the first-run notice, confirmations, the pain stop and
//! the safety gate.

use super::{Theme, centered};
use crate::app::{App, Gate, Overlay, When};
use crate::content::Urgency;
use crate::screens::{Hint, View, hints_for};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

fn line_text(l: &Line) -> String {
    l.spans.iter().map(|s| s.content.as_ref()).collect()
}

use super::lines_height as rows;

/// Draws a bordered popup: `body` above, the keys of `o` (from its own table) pinned at
/// the bottom so they are never cut off. Text keeps one cell from every border. When
/// space is short: the keys pack several to a line, the body loses its blank lines, the
/// keys take their short words, then only the essential ones, then the gap above them
/// goes; if the body still does not fit, its last row says that more is left out.
#[allow(clippy::too_many_arguments)]
fn popup(
    f: &mut Frame,
    area: Rect,
    app: &App,
    o: Overlay,
    title: &str,
    mut body: Vec<Line>,
    border: Style,
    t: Theme,
) {
    let w = if area.width < 50 {
        area.width
    } else {
        area.width.saturating_sub(4).min(68)
    };
    let inner_w = popup_inner_w(area);
    let (keys, gap) = fit_keys(app, o, area, &mut body, t);
    let room = area.height.saturating_sub(2 + rows(&keys, inner_w) + gap);
    let cut = rows(&body, inner_w) > room;
    let keys_h = rows(&keys, inner_w);
    let body_h = rows(&body, inner_w).min(room);
    let gap = if body.is_empty() { 0 } else { gap };
    let h = body_h + gap + keys_h + 2;
    let r = centered(area, w, h.min(area.height));
    f.render_widget(Clear, r);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(border)
        .title(Line::styled(format!(" {title} "), t.title()))
        .padding(ratatui::widgets::Padding::horizontal(1));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let keys_h = keys_h.min(inner.height);
    let body_area = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(keys_h + gap),
    );
    if cut {
        // The rows that fit, then one that says more is left out.
        let shown = Rect {
            height: body_area.height.saturating_sub(1),
            ..body_area
        };
        f.render_widget(Paragraph::new(body).wrap(Wrap { trim: true }), shown);
        f.render_widget(
            Paragraph::new(Line::styled(
                format!("… {}", app.content.words.t("more.it")),
                t.dim(),
            )),
            Rect::new(body_area.x, shown.bottom(), body_area.width, 1),
        );
    } else {
        f.render_widget(Paragraph::new(body).wrap(Wrap { trim: true }), body_area);
    }
    f.render_widget(
        Paragraph::new(keys).wrap(Wrap { trim: true }),
        Rect::new(inner.x, inner.bottom() - keys_h, inner.width, keys_h),
    );
}

/// The keys a popup shows and the gap above them (0 or 1), as room allows: see `popup`.
/// May drop the body's blank lines.
fn fit_keys(
    app: &App,
    o: Overlay,
    area: Rect,
    body: &mut Vec<Line>,
    t: Theme,
) -> (Vec<Line<'static>>, u16) {
    let inner_w = popup_inner_w(area);
    if o == Overlay::Help {
        // The help sizes its own rows for these keys.
        return (keys_of(app, o, inner_w, Fit::Short, t), 1);
    }
    let fits = |body: &[Line], keys: &[Line], gap: u16| {
        rows(body, inner_w) + rows(keys, inner_w) + gap + 2 <= area.height
    };
    for (width, fit) in [(0, Fit::Long), (inner_w, Fit::Long)] {
        let keys = keys_of(app, o, width, fit, t);
        if fits(body, &keys, 1) {
            return (keys, 1);
        }
    }
    body.retain(|l| !line_text(l).is_empty());
    for fit in [Fit::Long, Fit::Short, Fit::Essential] {
        let keys = keys_of(app, o, inner_w, fit, t);
        if fits(body, &keys, 1) {
            return (keys, 1);
        }
    }
    let keys = keys_of(app, o, inner_w, Fit::Essential, t);
    (keys, 0)
}

/// How much of a popup's keys to show: every key in long words, in the footer's short
/// words, or only the essential ones and "? more keys".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    Long,
    Short,
    Essential,
}

fn keys_of(app: &App, o: Overlay, width: u16, fit: Fit, t: Theme) -> Vec<Line<'static>> {
    let all: Vec<Hint> = hints_for(app, View::Overlay(o))
        .into_iter()
        .filter(|h| h.footer.is_some() && h.boxed)
        .collect();
    let words = |h: &Hint| {
        if fit == Fit::Long {
            h.long.clone()
        } else {
            h.word.clone()
        }
    };
    let kw = &app.content.words;
    let entries: Vec<(String, String)> = all
        .iter()
        .filter(|h| fit != Fit::Essential || (h.footer == Some(0) && h.label != "?"))
        .map(|h| (kw.key_label(h.label), words(h)))
        .collect();
    // Keys left out are named by "? more keys" (the help lists them all), where it does
    // not take a line of its own when room is at its shortest.
    let dropped = entries.len() < all.len()
        && all
            .iter()
            .any(|h| h.label != "?" && !entries.iter().any(|(l, _)| *l == kw.key_label(h.label)));
    if dropped && all.iter().any(|h| h.label == "?") {
        let mut with = entries.clone();
        with.push((
            crate::screens::MORE.0.to_string(),
            kw.t("foot.more_keys").to_string(),
        ));
        let (a, b) = (pack(&with, width, t), pack(&entries, width, t));
        if fit != Fit::Essential || a.len() == b.len() {
            return a;
        }
        return b;
    }
    pack(&entries, width, t)
}

/// Key entries packed into lines of `width` ("c  answer again   Esc  back"), or one a line
/// when `width` is 0.
fn pack(entries: &[(String, String)], width: u16, t: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0usize;
    for (label, word) in entries {
        let w = label.chars().count() + 2 + word.chars().count();
        if used > 0 && (width == 0 || used + 3 + w > usize::from(width)) {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        if used > 0 {
            spans.push(Span::raw("   "));
            used += 3;
        }
        spans.push(Span::styled(format!("{label}  "), t.key()));
        spans.push(Span::raw(word.clone()));
        used += w;
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}

/// The inner width of a popup drawn in `area` (as `popup` lays it out): one cell of
/// padding inside each border.
fn popup_inner_w(area: Rect) -> u16 {
    let w = if area.width < 50 {
        area.width
    } else {
        area.width.saturating_sub(4).min(68)
    };
    w.saturating_sub(4)
}

fn key_line(k: &str, d: &str, t: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{k}  "), t.key()),
        Span::raw(d.to_string()),
    ])
}

pub fn help(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let all = crate::screens::help::rows(app);
    let inner_w = popup_inner_w(area);
    let keys = keys_of(app, Overlay::Help, inner_w, Fit::Short, t);
    // What does not fit is said, not cut: "↑ 2 more above", "↓ 3 more: ↓ scrolls".
    let room = area.height.saturating_sub(2 + rows(&keys, inner_w) + 1);
    let skip = usize::from(app.help.scroll).min(all.len().saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    if skip > 0 {
        lines.push(Line::styled(
            crate::tr!(app.content.words, "help.more_above", n = skip),
            t.dim(),
        ));
    }
    let mut shown = 0;
    for (i, h) in all.iter().enumerate().skip(skip) {
        let line = key_line(&app.content.words.key_label(h.label), &h.help, t);
        let more_after = i + 1 < all.len();
        let mut trial = lines.clone();
        trial.push(line.clone());
        // Leave a row for the "more" line while rows remain after this one.
        if rows(&trial, inner_w) + u16::from(more_after) > room {
            break;
        }
        lines = trial;
        shown += 1;
    }
    let left = all.len() - skip - shown;
    if left > 0 {
        lines.push(Line::styled(
            crate::tr!(app.content.words, "help.more_below", n = left),
            t.dim(),
        ));
    }
    popup(
        f,
        area,
        app,
        Overlay::Help,
        app.content.words.t("help.title"),
        lines,
        t.accent(),
        t,
    );
}

pub fn notice(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let c = &app.content;
    let w = &c.words;
    let action = c.red_flags.action(Urgency::Emergency);
    let small = area.height < 20 || area.width < 50;
    let emergency = Line::from(vec![
        Span::styled(format!("{} ", w.t("notice.help_at_once")), t.warn()),
        Span::raw(if small {
            crate::tr!(w, "notice.if_short", action = action)
        } else {
            crate::tr!(w, "notice.if", action = action)
        }),
    ]);
    // A small window gets the two things that matter most, whole: not medical advice, and
    // when to get help now.
    let mut body = if small {
        vec![Line::styled(w.t("notice.education"), t.accent()), emergency]
    } else {
        vec![
            Line::styled(w.t("notice.before"), t.accent()),
            Line::from(c.disclaimer.clone()),
            Line::raw(""),
            Line::from(c.guidance.tight_not_pain.clone()),
            Line::from(c.guidance.stay_active.clone()),
            Line::raw(""),
            emergency,
            Line::from(w.t("notice.today")),
        ]
    };
    // The clinic comes after the emergency words, never instead of them (and a small
    // window keeps only those).
    if let Some(clinic) = c.clinic_line().filter(|_| !small) {
        body.push(Line::raw(""));
        body.push(Line::from(clinic));
    }
    popup(
        f,
        area,
        app,
        Overlay::Notice,
        w.t("notice.title"),
        body,
        t.accent(),
        t,
    );
}

/// What could not be saved, and where, until acknowledged.
pub fn save_failed(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let w = &app.content.words;
    let mut body = Vec::new();
    for (i, e) in app.save_errors.iter().enumerate() {
        if i > 0 {
            body.push(Line::from(""));
        }
        body.push(Line::from(e.clone()));
    }
    body.push(Line::from(""));
    body.push(Line::from(w.t("saved.check")));
    popup(
        f,
        area,
        app,
        Overlay::SaveFailed,
        w.t("saved.title"),
        body,
        t.warn(),
        t,
    );
}

pub fn confirm_end(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let w = &app.content.words;
    let body = vec![Line::from(w.t("end.question"))];
    popup(
        f,
        area,
        app,
        Overlay::ConfirmEnd,
        w.t("end.title"),
        body,
        t.warn(),
        t,
    );
}

pub fn pain_stop(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let w = &app.content.words;
    let g = &app.content.guidance;
    let mut body = vec![
        Line::styled(w.t("pain.paused"), t.paused()),
        Line::from(g.pain_stop.clone()),
    ];
    if let Some(h) = app.last_pain_stop().filter(|_| area.width >= 50) {
        let name = app.content.stretch_name(&h.stretch);
        body.push(Line::styled(
            crate::tr!(w, "pain.noted", stretch = name, place = h.place(w)),
            t.dim(),
        ));
    }
    popup(
        f,
        area,
        app,
        Overlay::PainStop,
        w.t("pain.title"),
        body,
        t.warn(),
        t,
    );
}

pub fn gate(f: &mut Frame, area: Rect, app: &App, g: Gate, t: Theme) {
    let c = &app.content;
    let w = &c.words;
    match g {
        Gate::Offer => {
            let standing = app.safety().standing;
            let body = if standing.is_empty() {
                vec![Line::from(w.t("gate.offer"))]
            } else {
                let names = sign_names(app, &standing, None);
                vec![
                    Line::from(crate::tr!(w, "gate.last_time", signs = names)),
                    Line::from(w.t("gate.again_first")),
                ]
            };
            popup(
                f,
                area,
                app,
                Overlay::Gate(g),
                w.t("gate.offer_title"),
                body,
                t.accent(),
                t,
            );
        }
        Gate::Blocked => {
            let standing = app.safety().standing;
            let names = sign_names(app, &standing, Some(Urgency::Emergency));
            let action = c.red_flags.action(Urgency::Emergency);
            let mut body = vec![
                Line::styled(w.t("gate.blocked_banner"), t.alarm()),
                Line::raw(""),
                Line::styled(action.clone(), t.title()),
                Line::raw(""),
                Line::from(crate::tr!(w, "gate.blocked_because", signs = names)),
            ];
            // On a small screen the action and the sign come first, whole.
            if !small(area) {
                body.push(Line::from(w.t("gate.blocked_read")));
            }
            popup(
                f,
                area,
                app,
                Overlay::Gate(g),
                w.t("gate.blocked_title"),
                body,
                t.alarm(),
                t,
            );
        }
        Gate::ConfirmToday => {
            let standing = app.safety().standing;
            let names = sign_names(app, &standing, Some(Urgency::Today));
            let action = c.red_flags.action(Urgency::Today);
            let body = vec![
                Line::styled(
                    if small(area) {
                        crate::tr!(w, "gate.today_short")
                    } else {
                        crate::tr!(w, "gate.today", signs = names)
                    },
                    t.warn(),
                ),
                Line::from(action),
                Line::raw(""),
                Line::from(w.t("gate.today_anyway")),
            ];
            popup(
                f,
                area,
                app,
                Overlay::Gate(g),
                w.t("gate.today_title"),
                body,
                t.warn(),
                t,
            );
        }
    }
}

/// A screen too small for more than what matters most.
fn small(area: Rect) -> bool {
    area.height < 20 || area.width < 50
}

/// The short names of the standing signs (at one level, or all), for a sentence.
fn sign_names(app: &App, standing: &[crate::safety::Standing], level: Option<Urgency>) -> String {
    let signs = &app.content.red_flags.signs;
    standing
        .iter()
        .filter(|s| level.is_none_or(|l| s.level == l))
        .map(|s| {
            signs
                .iter()
                .find(|x| x.id == s.sign)
                .map_or(s.sign.clone(), |x| x.short.clone())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn checkin(f: &mut Frame, area: Rect, app: &App, when: When, t: Theme) {
    let w = &app.content.words;
    let question = match when {
        When::Before => w.t("checkin.before"),
        When::After => w.t("checkin.after"),
    };
    let narrow = area.width < 50;
    let mut scale = Vec::new();
    for n in 0..=10u8 {
        let label = if n == 10 {
            'x'.to_string()
        } else {
            n.to_string()
        };
        let style = if Some(n) == app.checkin.cursor {
            t.selected()
        } else {
            t.key()
        };
        scale.push(Span::styled(
            if narrow {
                format!("{label} ")
            } else {
                format!(" {label} ")
            },
            style,
        ));
    }
    let chosen = match (app.checkin.cursor, app.checkin.start) {
        (None, _) => crate::tr!(w, "checkin.nothing"),
        (Some(c), Some((p, whose))) if c == p => {
            // The model names whose rating it is; the words are the table's.
            let whose = match whose {
                "before this session" => w.t("checkin.before_session"),
                _ => w.t("checkin.last_rating"),
            };
            format!("{c}, {whose}")
        }
        (Some(c), _) => crate::tr!(w, "checkin.chosen", n = c),
    };
    let body = vec![
        Line::from(question),
        Line::raw(""),
        Line::from(scale),
        Line::styled(crate::tr!(w, "checkin.scale", chosen = chosen), t.dim()),
    ];
    popup(
        f,
        area,
        app,
        Overlay::CheckIn(when),
        w.t("checkin.title"),
        body,
        t.accent(),
        t,
    );
}

pub fn spasm_start(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let w = &app.content.words;
    let today: Option<jiff::civil::Date> = app.today().parse().ok();
    let meaning = match (app.spasm_choice(), today) {
        (Ok(d), Some(today)) => {
            let ago = match (today - d).get_days() {
                0 => crate::tr!(w, "spasm.today"),
                1 => crate::tr!(w, "spasm.yesterday"),
                n => crate::trn!(w, "spasm.days_ago", n),
            };
            Line::from(vec![
                Span::styled(ago, t.title()),
                Span::styled(format!("  ({})", long_date(w, d)), t.dim()),
            ])
        }
        (Err(e), _) if app.spasm.error.is_some() || app.spasm.entry.len() >= 10 => {
            Line::styled(e, t.warn())
        }
        _ => Line::styled(w.t("spasm.type_more"), t.dim()),
    };
    let typed = if app.spasm.entry.is_empty() {
        Line::raw("")
    } else {
        Line::from(vec![
            Span::styled(format!("{} ", w.t("spasm.typed")), t.dim()),
            Span::styled(app.spasm.entry.clone(), t.key()),
        ])
    };
    let mut body = vec![Line::from(w.t("spasm.question")), typed, meaning];
    // The why, where there is room for it whole.
    if area.height >= 16 {
        body.push(Line::raw(""));
        body.push(Line::styled(w.t("spasm.why"), t.dim()));
    }
    popup(
        f,
        area,
        app,
        Overlay::SpasmStart,
        w.t("spasm.title"),
        body,
        t.accent(),
        t,
    );
}

pub fn settings(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let w = &app.content.words;
    let s = &app.settings;
    // Narrow windows get the short words, so every setting keeps its one line.
    let narrow = area.width < 50;
    let words = |long: &'static str, short: &'static str| {
        if narrow { w.t(short) } else { w.t(long) }
    };
    let start = match (&s.spasm_start, app.spasm_day()) {
        (Some(d), Some(n)) => crate::tr!(w, "settings.start_day", date = d, n = n),
        (Some(d), None) => d.clone(),
        (None, _) => crate::tr!(w, "settings.not_set"),
    };
    let theme = match app.theme {
        super::ThemeKind::Default => w.t("theme.default"),
        super::ThemeKind::HighContrast => w.t("theme.high_contrast"),
        super::ThemeKind::Mono => w.t("theme.mono"),
    };
    let on_off = |b: bool| {
        if b {
            w.t("settings.on")
        } else {
            w.t("settings.off")
        }
    };
    let row = |k: &'static str, what: &str, value: String, note: String| {
        Line::from(vec![
            Span::styled(format!("{k}  "), t.key()),
            Span::raw(format!("{what}: ")),
            Span::styled(value, t.title()),
            Span::styled(note, t.dim()),
        ])
    };
    let voice = if app.quiet {
        format!(" ({})", w.t("settings.quiet"))
    } else if !app.speech.is_found() {
        if narrow {
            format!(" ({})", w.t("settings.no_speech_short"))
        } else {
            format!(
                " ({})",
                crate::tr!(w, "settings.no_speech", command = app.speech.describe_in(w))
            )
        }
    } else if narrow {
        String::new()
    } else {
        format!(
            " ({})",
            crate::tr!(
                w,
                "settings.with_speech",
                command = app.speech.describe_in(w)
            )
        )
    };
    let voice_value = if app.voice_forced {
        w.t("settings.on_this_run").to_string()
    } else {
        on_off(s.voice).to_string()
    };
    let body = vec![
        row(
            "c",
            words("settings.checkins_long", "settings.checkins_short"),
            on_off(s.checkins).into(),
            String::new(),
        ),
        row(
            "d",
            words("settings.start_long", "settings.start_short"),
            start,
            String::new(),
        ),
        row(
            "i",
            w.t("settings.language"),
            w.t("settings.language_name").to_string(),
            if app.content.source == crate::content::Source::BuiltIn || narrow {
                String::new()
            } else {
                format!(" ({})", w.t("settings.language_file"))
            },
        ),
        row(
            "t",
            w.t("settings.colours"),
            theme.into(),
            if app.theme_locked {
                format!(" ({})", w.t("settings.for_this_run"))
            } else {
                String::new()
            },
        ),
        row(
            "v",
            words("settings.voice_long", "settings.voice_short"),
            voice_value,
            voice,
        ),
        row(
            "h",
            words("settings.halfway_long", "settings.halfway_short"),
            on_off(s.halfway).into(),
            String::new(),
        ),
        row(
            "w",
            words("settings.wait_long", "settings.wait_short"),
            on_off(s.wait).into(),
            String::new(),
        ),
        row(
            "l",
            words("settings.lead_in_long", "settings.lead_in_short"),
            crate::tr!(w, "time.seconds", n = app.dose.lead_in_secs),
            if narrow {
                String::new()
            } else {
                format!("  ({})", w.t("settings.l_shorter"))
            },
        ),
        row(
            "r",
            words("settings.rest_long", "settings.rest_short"),
            crate::tr!(w, "time.seconds", n = app.dose.rest_secs),
            if narrow {
                String::new()
            } else {
                format!("  ({})", w.t("settings.r_shorter"))
            },
        ),
    ];
    popup(
        f,
        area,
        app,
        Overlay::Settings,
        w.t("settings.title"),
        body,
        t.accent(),
        t,
    );
}

/// "Tue 24 Nov 2026" in the table's words.
pub fn long_date(w: &crate::lang::Words, d: jiff::civil::Date) -> String {
    crate::tr!(
        w,
        "date.long",
        weekday = crate::history::weekday(w, d),
        day = d.day(),
        month = month(w, d.month()),
        year = d.year()
    )
}

/// A month's short name in the table's words ("Nov", "nov").
pub fn month(w: &crate::lang::Words, m: i8) -> &str {
    match m {
        1 => w.t("month.1"),
        2 => w.t("month.2"),
        3 => w.t("month.3"),
        4 => w.t("month.4"),
        5 => w.t("month.5"),
        6 => w.t("month.6"),
        7 => w.t("month.7"),
        8 => w.t("month.8"),
        9 => w.t("month.9"),
        10 => w.t("month.10"),
        11 => w.t("month.11"),
        _ => w.t("month.12"),
    }
}
