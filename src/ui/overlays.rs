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
    let body_h = rows(&body, inner_w).min(room);
    let gap = u16::from(!keys.is_empty() && !body.is_empty());
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

/// Every key of the screen under the help, with what it does.
pub fn help_keys(app: &App) -> Vec<(&'static str, &'static str)> {
    let under = app
        .overlays
        .iter()
        .rev()
        .find(|o| !matches!(o, Overlay::Help))
        .copied();
    match under {
        Some(Overlay::Checklist) => vec![
            ("↑↓ k j", "move between questions"),
            ("y", "yes, this applies (then the next question)"),
            ("n", "no, it does not (then the next question)"),
            ("Space", "switch the answer between yes and no"),
            (
                "Enter",
                "the result once every question is answered, or at once after an emergency yes",
            ),
            ("r", "answer again (on the result)"),
            ("c", "answer the rest (on an early emergency result)"),
            ("Esc q", "leave; every answer given is kept"),
        ],
        Some(Overlay::CheckIn(_)) => vec![
            ("0-9", "your pain now, 0 (none) to 9"),
            ("x", "10, the worst imaginable"),
            ("← →", "move along the scale"),
            ("Enter", "the rating under the cursor (once one is chosen)"),
            ("s Esc", "skip this time"),
        ],
        Some(Overlay::SpasmStart) => vec![
            ("0-9", "that many days ago (1 then 4 is 14)"),
            ("0-9 -", "or a date, YYYY-MM-DD"),
            ("Backspace", "take back a typed character"),
            ("← →", "a day earlier or later"),
            ("Enter", "keep this date"),
            ("c", "clear the date"),
            ("s Esc", "skip"),
        ],
        Some(Overlay::Settings) => vec![
            ("c", "pain check-ins on or off"),
            ("d", "the day the spasm began"),
            ("t", "colours: default, high-contrast, mono"),
            ("v", "spoken cues on or off"),
            ("h", "the halfway cue on or off"),
            ("w", "start each stretch when I am ready"),
            ("l L", "longer or shorter time to get into position"),
            ("r R", "longer or shorter rest between holds"),
            ("Esc", "close"),
        ],
        Some(Overlay::SaveFailed) => vec![("Enter Esc", "close, once you have read it")],
        Some(Overlay::PainStop) => vec![
            ("g", "try it gentler: a shorter hold, going less far"),
            ("s", "skip the rest of this stretch"),
            ("e", "end the session"),
            ("!", "the red-flag checklist"),
            ("Esc", "back to the paused hold"),
        ],
        _ => match app.screen {
            Screen::Home => [
                ("↑↓ k j", "move"),
                ("Enter", "start a routine, or read a stretch's how-to"),
                ("Space", "tick or untick a stretch"),
                ("s", "start the ticked stretches"),
                ("- +", "shorter or longer holds (5 s steps)"),
                ("[ ]", "fewer or more repetitions"),
                ("p", "progress: pain by day, streak, totals"),
                (
                    "x",
                    "routines leave out, or keep, stretches that hurt lately",
                ),
                ("o", "settings: check-ins, colours, voice, pace"),
                ("!", "red-flag checklist, from any screen"),
                ("?", "this help"),
                ("q", "quit"),
                ("Ctrl-C", "quit from anywhere"),
            ]
            .into_iter()
            // A dose the content fixes has no keys to change it.
            .filter(|(k, _)| match *k {
                "- +" => app.dose_adjustable(true),
                "[ ]" => app.dose_adjustable(false),
                _ => true,
            })
            .collect(),
            Screen::Detail { .. } => vec![
                ("Enter", "start this stretch on its own"),
                ("↑↓ k j", "scroll"),
                ("Esc q ←", "back to the list"),
                ("!", "red-flag checklist"),
                ("?", "this help"),
                ("Ctrl-C", "quit"),
            ],
            Screen::Session => vec![
                ("Space", "pause, or go on; start a stretch waiting for you"),
                ("n →", "skip to the next step"),
                ("p ←", "back one step"),
                ("r", "restart this hold"),
                ("h", "this hurts: stop and ease off"),
                ("!", "red-flag checklist (pauses the hold)"),
                ("q Esc", "end the session (asks first)"),
                ("Ctrl-Z", "pause and suspend; fg brings it back"),
                ("Ctrl-C", "quit at once"),
            ],
            Screen::History => vec![
                ("Esc q", "back home"),
                ("!", "red-flag checklist"),
                ("Ctrl-C", "quit"),
            ],
            Screen::Summary => vec![
                ("Enter Esc", "back home"),
                ("!", "red-flag checklist"),
                ("Ctrl-C", "quit"),
            ],
        },
    }
}

pub fn help(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let lines: Vec<Line> = help_keys(app)
        .into_iter()
        .map(|(k, d)| key_line(k, d, t))
        .skip(usize::from(app.help_scroll))
        .collect();
    let keys = vec![Line::styled(
        "Esc close  ↑↓ scroll  d the notice on medical advice",
        t.dim(),
    )];
    popup(f, area, "Keys", lines, keys, t.accent(), t);
}

pub fn notice(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let c = &app.content;
    let action = c.red_flags.action(Urgency::Emergency);
    let small = area.height < 20 || area.width < 50;
    let emergency = Line::from(vec![
        Span::styled("Get help at once ", t.warn()),
        Span::raw(format!(
            "{} {action}",
            if small {
                crate::checklist::NOTICE_EMERGENCY_SHORT
            } else {
                crate::checklist::NOTICE_EMERGENCY
            }
        )),
    ]);
    // A small window gets the two things that matter most, whole: not medical advice, and
    // when to get help now.
    let mut body = if small {
        vec![
            Line::styled("Education only, not medical advice.", t.accent()),
            emergency,
        ]
    } else {
        vec![
            Line::styled("Before you start", t.accent()),
            Line::from(c.disclaimer.clone()),
            Line::raw(""),
            Line::from(c.guidance.tight_not_pain.clone()),
            Line::from(c.guidance.stay_active.clone()),
            Line::raw(""),
            emergency,
            Line::from(crate::checklist::NOTICE_TODAY),
        ]
    };
    // The clinic comes after the emergency words, never instead of them (and a small
    // window keeps only those).
    if let Some(clinic) = c.clinic_line().filter(|_| !small) {
        body.push(Line::raw(""));
        body.push(Line::from(clinic));
    }
    let keys = vec![
        key("Enter", "I understand", t),
        key("!", "go through the warning signs", t),
    ];
    popup(f, area, "backstretch", body, keys, t.accent(), t);
}

/// What could not be saved, and where, until acknowledged.
pub fn save_failed(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let mut body = Vec::new();
    for (i, e) in app.save_errors.iter().enumerate() {
        if i > 0 {
            body.push(Line::from(""));
        }
        body.push(Line::from(e.clone()));
    }
    body.push(Line::from(""));
    body.push(Line::from(
        "Check that the data directory can be written (space, permissions), or choose another with --data-dir.",
    ));
    let keys = vec![key("Enter", "I have read this", t)];
    popup(f, area, "Not saved", body, keys, t.warn(), t);
}

pub fn confirm_end(f: &mut Frame, area: Rect, t: Theme) {
    let body = vec![Line::from(
        "End this session now? What you have done so far is kept.",
    )];
    let keys = vec![key("y", "end it", t), key("n Esc", "keep going", t)];
    popup(f, area, "End the session?", body, keys, t.warn(), t);
}

pub fn pain_stop(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let g = &app.content.guidance;
    let mut body = vec![
        Line::styled("Paused.", t.paused()),
        Line::from(g.pain_stop.clone()),
    ];
    if let Some(h) = app.last_pain_stop().filter(|_| area.width >= 50) {
        let name = app.content.stretch_name(&h.stretch);
        body.push(Line::styled(
            format!("Noted: {name}, {}.", h.place()),
            t.dim(),
        ));
    }
    let min = app.content.dose.hold_seconds.min;
    let keys = vec![
        key("g", &format!("try it gentler ({min} s, less far)"), t),
        key("s", "skip this stretch", t),
        key("e", "end the session", t),
        key("!", "go through the warning signs", t),
        key("Esc", "back to the paused hold", t),
    ];
    popup(f, area, "It hurts: ease off", body, keys, t.warn(), t);
}

pub fn gate(f: &mut Frame, area: Rect, app: &App, g: Gate, t: Theme) {
    let c = &app.content;
    match g {
        Gate::Offer => {
            let standing = app.safety().standing;
            if standing.is_empty() {
                let body = vec![Line::from(
                    "Before the first session today, check the warning signs: numbness between the legs or in the buttocks, new bladder or bowel trouble, both legs weak, fever, and more.",
                )];
                let keys = vec![
                    key("c", "go through the checklist (about a minute)", t),
                    key("y", "none of these apply to me: start", t),
                    key("Esc", "not now", t),
                ];
                popup(f, area, "Warning signs first", body, keys, t.accent(), t);
            } else {
                let names = sign_names(app, &standing, None);
                let body = vec![
                    Line::from(format!("Last time you answered yes to: {names}.")),
                    Line::from(
                        "Before the first session today, go through the list again. Gentle stretching that feels tight, never painful, is fine while you wait to see a doctor.",
                    ),
                ];
                let keys = vec![
                    key("c", "go through the checklist", t),
                    key("Esc", "not now", t),
                ];
                popup(f, area, "Warning signs first", body, keys, t.accent(), t);
            }
        }
        Gate::Blocked => {
            let standing = app.safety().standing;
            let names = sign_names(app, &standing, Some(Urgency::Emergency));
            let action = c.red_flags.action(Urgency::Emergency);
            let mut body = vec![
                Line::styled("!! NO STRETCHING !!", t.alarm()),
                Line::raw(""),
                Line::styled(action.clone(), t.title()),
                Line::raw(""),
                Line::from(format!("You answered yes to an emergency sign: {names}.")),
            ];
            // On a small screen the action and the sign come first, whole.
            if !small(area) {
                body.push(Line::from(
                    "It holds, whatever the date, until the whole list is done again with a no to it. You can still read the instructions. If the answer was a mistake, go through the list again and answer it no.",
                ));
            }
            let keys = vec![Line::from(vec![
                Span::styled("c  ", t.key()),
                Span::raw("answer again   "),
                Span::styled("Esc  ", t.key()),
                Span::raw("back"),
            ])];
            popup(f, area, "Session blocked", body, keys, t.alarm(), t);
        }
        Gate::ConfirmToday => {
            let standing = app.safety().standing;
            let names = sign_names(app, &standing, Some(Urgency::Today));
            let action = c.red_flags.action(Urgency::Today);
            let body = vec![
                Line::styled(
                    if small(area) {
                        "You answered yes to a sign for a doctor today.".to_string()
                    } else {
                        format!("You answered yes to a sign that needs a doctor today: {names}.")
                    },
                    t.warn(),
                ),
                Line::from(action),
                Line::raw(""),
                Line::from("Start anyway, against that advice?"),
            ];
            let keys = vec![
                key("y", "yes, start anyway", t),
                key("n", "no", t),
                key("c", "answer the checklist again", t),
            ];
            popup(f, area, "Are you sure?", body, keys, t.warn(), t);
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
    let question = match when {
        When::Before => "Before you start: how is your back pain right now?",
        When::After => "And now, after the session: how is your back pain?",
    };
    let narrow = area.width < 50;
    let mut scale = Vec::new();
    for n in 0..=10u8 {
        let label = if n == 10 {
            "x".to_string()
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
        (None, _) => "nothing chosen yet".to_string(),
        (Some(c), Some((p, whose))) if c == p => format!("{c}, {whose}"),
        (Some(c), _) => format!("{c} chosen"),
    };
    let body = vec![
        Line::from(question),
        Line::raw(""),
        Line::from(scale),
        Line::styled(
            format!("0 none, x = 10 the worst imaginable; {chosen}"),
            t.dim(),
        ),
    ];
    let keys = match app.checkin_cursor {
        // Enter does nothing until a rating is chosen: say what does.
        None => vec![
            key("0-9 x", "press a number for your rating (x is 10)", t),
            key("s", "or skip", t),
        ],
        Some(c) => vec![
            key("0-9 x", "your rating (x is 10)", t),
            key("Enter", &format!("keep {c}   ← → move"), t),
            key("s", "skip", t),
        ],
    };
    popup(f, area, "Pain check-in", body, keys, t.accent(), t);
}

pub fn spasm_start(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let today: Option<jiff::civil::Date> = app.today().parse().ok();
    let meaning = match (app.spasm_choice(), today) {
        (Ok(d), Some(today)) => {
            let ago = match (today - d).get_days() {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                n => format!("{n} days ago"),
            };
            Line::from(vec![
                Span::styled(ago, t.title()),
                Span::styled(format!("  ({})", d.strftime("%a %-d %b %Y")), t.dim()),
            ])
        }
        (Err(e), _) if app.spasm_error.is_some() || app.spasm_entry.len() >= 10 => {
            Line::styled(e, t.warn())
        }
        _ => Line::styled("type more: days ago, or a date YYYY-MM-DD", t.dim()),
    };
    let typed = if app.spasm_entry.is_empty() {
        Line::raw("")
    } else {
        Line::from(vec![
            Span::styled("Typed: ", t.dim()),
            Span::styled(app.spasm_entry.clone(), t.key()),
        ])
    };
    let mut body = vec![Line::from("When did this spasm begin?"), typed, meaning];
    // The why, where there is room for it whole.
    if area.height >= 16 {
        body.push(Line::raw(""));
        body.push(Line::styled(
            "Home then shows the day of recovery, and suggests a doctor if the pain is not easing after about two weeks.",
            t.dim(),
        ));
    }
    let keys = vec![
        key("0-9", "days ago, or a date YYYY-MM-DD", t),
        key("← →", "a day earlier or later", t),
        key("Enter", "keep this date", t),
        key("s", "skip", t),
    ];
    popup(f, area, "The start of the spasm", body, keys, t.accent(), t);
}

pub fn settings(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let s = &app.settings;
    // Narrow windows get the short words, so every setting keeps its one line.
    let narrow = area.width < 50;
    let words = |long: &'static str, short: &'static str| if narrow { short } else { long };
    let start = match (&s.spasm_start, app.spasm_day()) {
        (Some(d), Some(n)) => format!("{d} (day {n})"),
        (Some(d), None) => d.clone(),
        (None, _) => "not set".to_string(),
    };
    let on_off = |b: bool| if b { "on" } else { "off" };
    let row = |k: &'static str, what: &'static str, value: String, note: String| {
        Line::from(vec![
            Span::styled(format!("{k}  "), t.key()),
            Span::raw(format!("{what}: ")),
            Span::styled(value, t.title()),
            Span::styled(note, t.dim()),
        ])
    };
    let voice = if app.quiet {
        " (--quiet: silent this run)".to_string()
    } else if !app.speech.is_found() {
        if narrow {
            " (no speech found)".to_string()
        } else {
            format!(
                " (no speech command: {}; bells instead)",
                app.speech.describe()
            )
        }
    } else if narrow {
        String::new()
    } else {
        format!(" (with {})", app.speech.describe())
    };
    let voice_value = if app.voice_forced {
        "on for this run".to_string()
    } else {
        on_off(s.voice).to_string()
    };
    let body = vec![
        row(
            "c",
            words("Pain check-ins before and after sessions", "Check-ins"),
            on_off(s.checkins).into(),
            String::new(),
        ),
        row(
            "d",
            words("The day the spasm began", "Spasm began"),
            start,
            String::new(),
        ),
        row(
            "t",
            "Colours",
            app.theme.key().into(),
            if app.theme_locked {
                " (set for this run)".into()
            } else {
                String::new()
            },
        ),
        row("v", words("Spoken cues", "Voice"), voice_value, voice),
        row(
            "h",
            words("A cue halfway through holds of 20 s or more", "Halfway cue"),
            on_off(s.halfway).into(),
            String::new(),
        ),
        row(
            "w",
            words("Start each stretch when I am ready", "Wait for me"),
            on_off(s.wait).into(),
            String::new(),
        ),
        row(
            "l",
            words("Time to get into position", "Lead-in"),
            format!("{} s", app.dose.lead_in_secs),
            words("  (L shorter)", "").into(),
        ),
        row(
            "r",
            words("Rest between holds", "Rest"),
            format!("{} s", app.dose.rest_secs),
            words("  (R shorter)", "").into(),
        ),
    ];
    let keys = vec![key("Esc", "close", t)];
    popup(f, area, "Settings", body, keys, t.accent(), t);
}
