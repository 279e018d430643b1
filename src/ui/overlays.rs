//! Screens drawn over others: help, the first-run notice, confirmations, the pain stop and
//! the safety gate.

use super::{Theme, centered, wrapped_height};
use crate::app::{App, Gate, Overlay, Screen};
use crate::content::Urgency;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// Draws a bordered popup of `lines`, as tall as they need within `area`.
fn popup(f: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, border: Style, t: Theme) {
    let w = area.width.saturating_sub(4).min(68);
    let inner_w = w.saturating_sub(4);
    let h: u16 = lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            if text.is_empty() {
                1
            } else {
                wrapped_height(&text, inner_w)
            }
        })
        .sum::<u16>()
        + 2;
    let r = centered(area, w, h.min(area.height));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_type(BorderType::Double)
                .border_style(border)
                .title(Line::styled(format!(" {title} "), t.title()))
                .padding(ratatui::widgets::Padding::horizontal(1)),
        ),
        r,
    );
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
            ("Enter", "see the result once every question is answered"),
            ("r", "answer again (on the result)"),
            ("Esc q", "leave the checklist"),
        ],
        Some(Overlay::PainStop) => vec![
            ("s", "skip the rest of this stretch"),
            ("e", "end the session"),
            ("!", "the red-flag checklist"),
            ("Esc", "back to the paused hold"),
        ],
        _ => match app.screen {
            Screen::Home => vec![
                ("↑↓ k j", "move"),
                ("Enter", "start a routine, or read a stretch's how-to"),
                ("Space", "tick or untick a stretch"),
                ("s", "start the ticked stretches"),
                ("- +", "shorter or longer holds (5 s steps)"),
                ("[ ]", "fewer or more repetitions"),
                ("!", "red-flag checklist, from any screen"),
                ("?", "this help"),
                ("q", "quit"),
                ("Ctrl-C", "quit from anywhere"),
            ],
            Screen::Detail { .. } => vec![
                ("Enter", "start this stretch on its own"),
                ("↑↓ k j", "scroll"),
                ("Esc q ←", "back to the list"),
                ("!", "red-flag checklist"),
                ("?", "this help"),
                ("Ctrl-C", "quit"),
            ],
            Screen::Session => vec![
                ("Space", "pause, or go on"),
                ("n →", "skip to the next step"),
                ("p ←", "back one step"),
                ("r", "restart this hold"),
                ("h", "this hurts: stop and ease off"),
                ("!", "red-flag checklist (pauses the hold)"),
                ("q Esc", "end the session (asks first)"),
                ("Ctrl-Z", "pause and suspend; fg brings it back"),
                ("Ctrl-C", "quit at once"),
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
    let mut lines: Vec<Line> = help_keys(app)
        .into_iter()
        .map(|(k, d)| key_line(k, d, t))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "d  the notice about medical advice    Esc or ?  close",
        t.dim(),
    ));
    popup(f, area, "Keys", lines, t.accent(), t);
}

pub fn notice(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let c = &app.content;
    let mut lines = vec![
        Line::styled("Before you start", t.accent()),
        Line::from(c.disclaimer.clone()),
        Line::raw(""),
        Line::from(c.guidance.tight_not_pain.clone()),
        Line::raw(""),
    ];
    if let Some(l) = c.red_flags.level(Urgency::Emergency) {
        lines.push(Line::from(vec![
            Span::styled("Get help at once ", t.warn()),
            Span::raw(format!(
                "if you have numbness between your legs, new bladder or bowel trouble, or weak legs. {}",
                l.action
            )),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Enter: I understand    !: go through the warning signs",
        t.key(),
    ));
    popup(f, area, "backstretch", lines, t.accent(), t);
}

pub fn confirm_end(f: &mut Frame, area: Rect, t: Theme) {
    let lines = vec![
        Line::from("End this session now? What you have done so far is kept."),
        Line::raw(""),
        Line::styled("y: end it     n or Esc: keep going", t.key()),
    ];
    popup(f, area, "End the session?", lines, t.warn(), t);
}

pub fn pain_stop(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let g = &app.content.guidance;
    let lines = vec![
        Line::styled("Paused.", t.paused()),
        Line::from(g.pain_stop.clone()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("  s  ", t.key()),
            Span::raw("skip this stretch"),
        ]),
        Line::from(vec![
            Span::styled("  e  ", t.key()),
            Span::raw("end the session"),
        ]),
        Line::from(vec![
            Span::styled("  !  ", t.key()),
            Span::raw("go through the warning signs"),
        ]),
        Line::from(vec![
            Span::styled("Esc  ", t.key()),
            Span::raw("back to the paused hold"),
        ]),
    ];
    popup(f, area, "It hurts: ease off", lines, t.warn(), t);
}

pub fn gate(f: &mut Frame, area: Rect, app: &App, g: Gate, t: Theme) {
    let c = &app.content;
    match g {
        Gate::Offer => {
            let lines = vec![
                Line::from(
                    "Before the first session today, check the warning signs: numbness between the legs, new bladder or bowel trouble, weak or numb legs, fever, and the others on the list.",
                ),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("  c  ", t.key()),
                    Span::raw("go through the checklist (about a minute)"),
                ]),
                Line::from(vec![
                    Span::styled("  y  ", t.key()),
                    Span::raw("none of these apply to me: start"),
                ]),
                Line::from(vec![Span::styled("Esc  ", t.key()), Span::raw("not now")]),
            ];
            popup(f, area, "Warning signs first", lines, t.accent(), t);
        }
        Gate::Blocked => {
            let rec = app.todays_check();
            let signs: Vec<String> = rec
                .map(|r| {
                    r.yes
                        .iter()
                        .filter_map(|id| c.red_flags.signs.iter().find(|s| &s.id == id))
                        .filter(|s| s.urgency == Urgency::Emergency)
                        .map(|s| s.short.clone())
                        .collect()
                })
                .unwrap_or_default();
            let action = c
                .red_flags
                .level(Urgency::Emergency)
                .map(|l| l.action.clone())
                .unwrap_or_default();
            let lines = vec![
                Line::styled("!! NO STRETCHING TODAY !!", t.alarm()),
                Line::raw(""),
                Line::from(format!(
                    "Today you answered yes to an emergency sign: {}.",
                    signs.join("; ")
                )),
                Line::styled(action, t.title()),
                Line::raw(""),
                Line::from(
                    "You can still read the instructions. If the answer was a mistake, go through the checklist again.",
                ),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("  c  ", t.key()),
                    Span::raw("answer the checklist again"),
                ]),
                Line::from(vec![Span::styled("Esc  ", t.key()), Span::raw("back")]),
            ];
            popup(f, area, "Session blocked", lines, t.alarm(), t);
        }
        Gate::ConfirmToday => {
            let action = c
                .red_flags
                .level(Urgency::Today)
                .map(|l| l.action.clone())
                .unwrap_or_default();
            let lines = vec![
                Line::styled(
                    "You answered yes to a sign that needs a doctor today.",
                    t.warn(),
                ),
                Line::from(action),
                Line::raw(""),
                Line::from("Start a gentle session anyway?"),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("  y  ", t.key()),
                    Span::raw("yes, start"),
                ]),
                Line::from(vec![Span::styled("  n  ", t.key()), Span::raw("no")]),
                Line::from(vec![
                    Span::styled("  c  ", t.key()),
                    Span::raw("answer the checklist again"),
                ]),
            ];
            popup(f, area, "Are you sure?", lines, t.warn(), t);
        }
    }
}
