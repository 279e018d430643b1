//! Screens drawn over others: help, the first-run notice, confirmations, the pain stop and
//! the safety gate.

use super::{Theme, centered};
use crate::app::{App, Gate, Overlay, Screen, When};
use crate::content::Urgency;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

fn line_text(l: &Line) -> String {
    l.spans.iter().map(|s| s.content.as_ref()).collect()
}

use super::lines_height as rows;

/// Draws a bordered popup: `body` above, `keys` pinned at the bottom so they are never cut
/// off. When space is short the body loses its blank lines first, then its last lines.
fn popup(
    f: &mut Frame,
    area: Rect,
    title: &str,
    mut body: Vec<Line>,
    keys: Vec<Line>,
    border: Style,
    t: Theme,
) {
    let narrow = area.width < 50;
    let w = if narrow {
        area.width
    } else {
        area.width.saturating_sub(4).min(68)
    };
    let pad = if narrow { 0 } else { 1 };
    let inner_w = w.saturating_sub(2 + 2 * pad);
    let keys_h = rows(&keys, inner_w);
    let room = area
        .height
        .saturating_sub(2 + keys_h + u16::from(!keys.is_empty()));
    if rows(&body, inner_w) > room {
        body.retain(|l| !line_text(l).is_empty());
    }
    // The gap above the keys goes too when the words need its row.
    let gap = u16::from(!keys.is_empty() && !body.is_empty() && rows(&body, inner_w) <= room);
    let room = room + u16::from(!keys.is_empty()) - gap;
    let body_h = rows(&body, inner_w).min(room);
    let h = body_h + gap + keys_h + 2;
    let r = centered(area, w, h.min(area.height));
    f.render_widget(Clear, r);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(border)
        .title(Line::styled(format!(" {title} "), t.title()))
        .padding(ratatui::widgets::Padding::horizontal(pad));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let keys_h = keys_h.min(inner.height);
    let body_area = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(keys_h + gap),
    );
    f.render_widget(Paragraph::new(body).wrap(Wrap { trim: true }), body_area);
    f.render_widget(
        Paragraph::new(keys).wrap(Wrap { trim: true }),
        Rect::new(inner.x, inner.bottom() - keys_h, inner.width, keys_h),
    );
}

/// A key and what it does, as one line of a popup's keys.
fn key(k: &str, d: &str, t: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{k}  "), t.key()),
        Span::raw(d.to_string()),
    ])
}

fn key_line(k: &str, d: &str, t: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{k:>9}  "), t.key()),
        Span::raw(d.to_string()),
    ])
}

/// Every key of the screen under the help, with what it does, in the table's words.
pub fn help_keys(app: &App) -> Vec<(String, String)> {
    let w = &app.content.words;
    let under = app
        .overlays
        .iter()
        .rev()
        .find(|o| !matches!(o, Overlay::Help))
        .copied();
    let (yes, no) = (w.yes_key().to_string(), w.no_key().to_string());
    let enter = w.t("keyname.enter");
    let space = w.t("keyname.space");
    let rows: Vec<(String, &str)> = match under {
        Some(Overlay::Checklist) => vec![
            ("↑↓ k j".into(), w.t("help.checklist_move")),
            (yes, w.t("help.checklist_yes")),
            (no, w.t("help.checklist_no")),
            (space.into(), w.t("help.checklist_switch")),
            (enter.into(), w.t("help.checklist_result")),
            ("r".into(), w.t("help.checklist_again")),
            ("c".into(), w.t("help.checklist_rest")),
            ("Esc q".into(), w.t("help.checklist_leave")),
        ],
        Some(Overlay::CheckIn(_)) => vec![
            ("0-9".into(), w.t("help.checkin_number")),
            ("x".into(), w.t("help.checkin_x")),
            ("← →".into(), w.t("help.checkin_move")),
            (enter.into(), w.t("help.checkin_enter")),
            ("s Esc".into(), w.t("help.checkin_skip")),
        ],
        Some(Overlay::SpasmStart) => vec![
            ("0-9".into(), w.t("help.spasm_days")),
            ("0-9 -".into(), w.t("help.spasm_date")),
            (w.t("keyname.backspace").into(), w.t("help.spasm_back")),
            ("← →".into(), w.t("help.spasm_move")),
            (enter.into(), w.t("help.spasm_keep")),
            ("c".into(), w.t("help.spasm_clear")),
            ("s Esc".into(), w.t("help.spasm_skip")),
        ],
        Some(Overlay::Settings) => vec![
            ("c".into(), w.t("help.settings_checkins")),
            ("d".into(), w.t("help.settings_day")),
            ("i".into(), w.t("help.settings_language")),
            ("t".into(), w.t("help.settings_colours")),
            ("v".into(), w.t("help.settings_voice")),
            ("h".into(), w.t("help.settings_halfway")),
            ("w".into(), w.t("help.settings_wait")),
            ("l L".into(), w.t("help.settings_lead_in")),
            ("r R".into(), w.t("help.settings_rest")),
            ("Esc".into(), w.t("help.close")),
        ],
        Some(Overlay::SaveFailed) => vec![(format!("{enter} Esc"), w.t("help.save_close"))],
        Some(Overlay::PainStop) => vec![
            ("g".into(), w.t("help.pain_gentler")),
            ("s".into(), w.t("help.pain_skip")),
            ("e".into(), w.t("help.pain_end")),
            ("!".into(), w.t("help.flags")),
            ("Esc".into(), w.t("help.pain_back")),
        ],
        _ => match app.screen {
            Screen::Home => [
                ("↑↓ k j", w.t("help.move")),
                (enter, w.t("help.home_enter")),
                (space, w.t("help.home_tick")),
                ("s", w.t("help.home_start")),
                ("- +", w.t("help.home_hold")),
                ("[ ]", w.t("help.home_reps")),
                ("p", w.t("help.home_progress")),
                ("x", w.t("help.home_x")),
                ("o", w.t("help.home_settings")),
                ("!", w.t("help.flags_anywhere")),
                ("?", w.t("help.this_help")),
                ("q", w.t("help.quit")),
                ("Ctrl-C", w.t("help.quit_anywhere")),
            ]
            .into_iter()
            // A dose the content fixes has no keys to change it.
            .filter(|(k, _)| match *k {
                "- +" => app.dose_adjustable(true),
                "[ ]" => app.dose_adjustable(false),
                _ => true,
            })
            .map(|(k, d)| (k.to_string(), d))
            .collect(),
            Screen::Detail { .. } => vec![
                (enter.into(), w.t("help.detail_start")),
                ("↑↓ k j".into(), w.t("help.scroll")),
                ("Esc q ←".into(), w.t("help.detail_back")),
                ("!".into(), w.t("help.flags")),
                ("?".into(), w.t("help.this_help")),
                ("Ctrl-C".into(), w.t("help.quit")),
            ],
            Screen::Session => vec![
                (space.into(), w.t("help.session_pause")),
                ("n →".into(), w.t("help.session_next")),
                ("p ←".into(), w.t("help.session_back")),
                ("r".into(), w.t("help.session_restart")),
                ("h".into(), w.t("help.session_hurts")),
                ("!".into(), w.t("help.session_flags")),
                ("q Esc".into(), w.t("help.session_end")),
                ("Ctrl-Z".into(), w.t("help.session_suspend")),
                ("Ctrl-C".into(), w.t("help.session_quit")),
            ],
            Screen::History => vec![
                ("Esc q".into(), w.t("help.back_home")),
                ("!".into(), w.t("help.flags")),
                ("Ctrl-C".into(), w.t("help.quit")),
            ],
            Screen::Summary => vec![
                (format!("{enter} Esc"), w.t("help.back_home")),
                ("!".into(), w.t("help.flags")),
                ("Ctrl-C".into(), w.t("help.quit")),
            ],
        },
    };
    rows.into_iter().map(|(k, d)| (k, d.to_string())).collect()
}

pub fn help(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let w = &app.content.words;
    let lines: Vec<Line> = help_keys(app)
        .iter()
        .map(|(k, d)| key_line(k, d, t))
        .skip(usize::from(app.help_scroll))
        .collect();
    let keys = vec![Line::styled(w.t("help.keys"), t.dim())];
    popup(f, area, w.t("help.title"), lines, keys, t.accent(), t);
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
    let keys = vec![
        key(w.t("keyname.enter"), w.t("notice.understand"), t),
        key("!", w.t("notice.go_through"), t),
    ];
    popup(f, area, w.t("notice.title"), body, keys, t.accent(), t);
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
    let keys = vec![key(w.t("keyname.enter"), w.t("saved.read"), t)];
    popup(f, area, w.t("saved.title"), body, keys, t.warn(), t);
}

pub fn confirm_end(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let w = &app.content.words;
    let body = vec![Line::from(w.t("end.question"))];
    let keys = vec![
        key(&w.yes_key().to_string(), w.t("end.yes"), t),
        key(&format!("{} Esc", w.no_key()), w.t("end.no"), t),
    ];
    popup(f, area, w.t("end.title"), body, keys, t.warn(), t);
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
    let min = app.content.dose.hold_seconds.min;
    let keys = vec![
        key("g", &crate::tr!(w, "pain.gentler", seconds = min), t),
        key("s", w.t("pain.skip"), t),
        key("e", w.t("pain.end"), t),
        key("!", w.t("notice.go_through"), t),
        key("Esc", w.t("pain.back"), t),
    ];
    popup(f, area, w.t("pain.title"), body, keys, t.warn(), t);
}

pub fn gate(f: &mut Frame, area: Rect, app: &App, g: Gate, t: Theme) {
    let c = &app.content;
    let w = &c.words;
    let yes = w.yes_key().to_string();
    let no = w.no_key().to_string();
    match g {
        Gate::Offer => {
            let standing = app.safety().standing;
            if standing.is_empty() {
                let body = vec![Line::from(w.t("gate.offer"))];
                let keys = vec![
                    key("c", w.t("gate.go_through"), t),
                    key(&yes, w.t("gate.none_apply"), t),
                    key("Esc", w.t("gate.not_now"), t),
                ];
                popup(f, area, w.t("gate.offer_title"), body, keys, t.accent(), t);
            } else {
                let names = sign_names(app, &standing, None);
                let body = vec![
                    Line::from(crate::tr!(w, "gate.last_time", signs = names)),
                    Line::from(w.t("gate.again_first")),
                ];
                let keys = vec![
                    key("c", w.t("gate.go_through_short"), t),
                    key("Esc", w.t("gate.not_now"), t),
                ];
                popup(f, area, w.t("gate.offer_title"), body, keys, t.accent(), t);
            }
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
            let keys = vec![Line::from(vec![
                Span::styled("c  ", t.key()),
                Span::raw(format!("{}   ", w.t("gate.answer_again"))),
                Span::styled("Esc  ", t.key()),
                Span::raw(w.t("gate.back").to_string()),
            ])];
            popup(f, area, w.t("gate.blocked_title"), body, keys, t.alarm(), t);
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
            let keys = vec![
                key(&yes, w.t("gate.today_yes"), t),
                key(&no, w.t("gate.today_no"), t),
                key("c", w.t("gate.today_again"), t),
            ];
            popup(f, area, w.t("gate.today_title"), body, keys, t.warn(), t);
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
        let style = if Some(n) == app.checkin_cursor {
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
    let chosen = match (app.checkin_cursor, app.checkin_start) {
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
    let keys = match app.checkin_cursor {
        // Enter does nothing until a rating is chosen: say what does.
        None => vec![
            key("0-9 x", w.t("checkin.press"), t),
            key("s", w.t("checkin.or_skip"), t),
        ],
        Some(c) => vec![
            key("0-9 x", w.t("checkin.rating"), t),
            key(
                w.t("keyname.enter"),
                &crate::tr!(w, "checkin.keep", n = c),
                t,
            ),
            key("s", w.t("checkin.skip"), t),
        ],
    };
    popup(f, area, w.t("checkin.title"), body, keys, t.accent(), t);
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
        (Err(e), _) if app.spasm_error.is_some() || app.spasm_entry.len() >= 10 => {
            Line::styled(e, t.warn())
        }
        _ => Line::styled(w.t("spasm.type_more"), t.dim()),
    };
    let typed = if app.spasm_entry.is_empty() {
        Line::raw("")
    } else {
        Line::from(vec![
            Span::styled(format!("{} ", w.t("spasm.typed")), t.dim()),
            Span::styled(app.spasm_entry.clone(), t.key()),
        ])
    };
    let mut body = vec![Line::from(w.t("spasm.question")), typed, meaning];
    // The why, where there is room for it whole.
    if area.height >= 16 {
        body.push(Line::raw(""));
        body.push(Line::styled(w.t("spasm.why"), t.dim()));
    }
    let keys = vec![
        key("0-9", w.t("spasm.key_days"), t),
        key("← →", w.t("spasm.key_move"), t),
        key(w.t("keyname.enter"), w.t("spasm.key_keep"), t),
        key("s", w.t("spasm.key_skip"), t),
    ];
    popup(f, area, w.t("spasm.title"), body, keys, t.accent(), t);
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
    let keys = vec![key("Esc", w.t("help.close"), t)];
    popup(f, area, w.t("settings.title"), body, keys, t.accent(), t);
}
