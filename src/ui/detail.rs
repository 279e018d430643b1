//! The whole how-to of one stretch.

use super::{KeyHint, Theme, footer, header};
use crate::app::App;
use crate::content::HoldKind;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The how-to as lines, shared by the screen and its tests.
pub fn lines(app: &App, stretch: usize, t: Theme) -> Vec<Line<'static>> {
    let c = &app.content;
    let s = &c.stretches[stretch];
    let d = &c.dose;
    let mut v = vec![
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
    ];
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
    v.push(Line::from(format!(
        "Hold {}-{} s, {}-{} repetitions. Now set to {} s, {} repetitions.",
        d.hold_seconds.min,
        d.hold_seconds.max,
        d.repetitions.min,
        d.repetitions.max,
        app.dose.hold_secs,
        app.dose.reps
    )));
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
        Paragraph::new(header(
            vec![
                Span::styled("backstretch", t.accent()),
                Span::raw(" · "),
                Span::styled(s.name.clone(), t.title()),
            ],
            "how-to".into(),
            area.width,
            t,
        )),
        head,
    );
    f.render_widget(
        Paragraph::new(lines(app, stretch, t))
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0))
            .block(
                Block::bordered()
                    .border_style(t.dim())
                    .title(Line::styled(format!(" {} ", s.name), t.title())),
            ),
        body,
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
