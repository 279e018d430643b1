//! Home: routines, stretches to tick, a preview, the dose, and the safety reminder.

use super::{Theme, about_minutes, footer};
use crate::app::{App, HomeItem, Status};
use crate::content::HoldKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::layout::home::{areas, doctor_note, list_offset};

/// Home's doctor note: the whole of it where it fits in a few rows, else a short form
/// that still says what to do.
pub fn draw(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let c = &app.content;
    let w = &c.words;
    let d = app.dose;
    let a = areas(app, area);
    let (head, note, dose, safety, foot) = (a.head, a.note, a.dose, a.safety, a.foot);
    if let Some(n) = doctor_note(app, area).filter(|_| note.height > 0) {
        f.render_widget(
            Paragraph::new(Line::styled(format!(" {n}"), t.warn())).wrap(Wrap { trim: true }),
            note,
        );
    }

    f.render_widget(Paragraph::new(home_header(app, area.width, t)), head);

    // The list: routines, then stretches with tick boxes, then "start ticked".
    let items = app.home_items();
    let mut rows: Vec<ListItem> = Vec::new();
    let mut selected_row = 0;
    let mut last_kind = None;
    // Columns for a row's text: the list's inside less the highlight mark; names that do
    // not fit end at a word with a mark.
    let row_w = usize::from(a.list.width.saturating_sub(3));
    for (i, item) in items.iter().enumerate() {
        let kind = std::mem::discriminant(item);
        if Some(kind) != last_kind {
            match item {
                HomeItem::Routine(_) => {
                    rows.push(ListItem::new(Line::styled(w.t("home.routines"), t.dim())))
                }
                HomeItem::Stretch(_) => {
                    rows.push(ListItem::new(Line::styled(w.t("home.stretches"), t.dim())))
                }
                HomeItem::StartTicked => rows.push(ListItem::new(Line::raw(""))),
            }
            last_kind = Some(kind);
        }
        if i == app.cursor {
            selected_row = rows.len();
        }
        let line = match *item {
            HomeItem::Routine(r) => Line::from(format!(
                "  {}",
                super::fit(&c.routines[r].name, row_w.saturating_sub(2))
            )),
            HomeItem::Stretch(s) => {
                let row = format!(
                    "  {} {}",
                    if app.ticked[s] { "[x]" } else { "[ ]" },
                    super::fit(&c.stretches[s].name, row_w.saturating_sub(6))
                );
                let mut spans = vec![Span::raw(row.clone())];
                if let Some(day) = app.hurt_lately(s) {
                    // The mark shortens to fit beside the name (the list is narrow).
                    let room = usize::from(a.list.width.saturating_sub(3))
                        .saturating_sub(row.chars().count());
                    let mark = [
                        format!(" · {}", crate::tr!(w, "home.hurt_day", day = day)),
                        format!(" · {}", w.t("home.hurt")),
                    ]
                    .into_iter()
                    .find(|m| m.chars().count() <= room)
                    .unwrap_or_else(|| " *".to_string());
                    spans.push(Span::styled(mark, t.warn()));
                }
                Line::from(spans)
            }
            HomeItem::StartTicked => {
                let n = app.ticked_count();
                if n == 0 {
                    Line::styled(format!("  ▶ {}", w.t("home.start_ticked")), t.dim())
                } else {
                    Line::from(format!("  ▶ {}", crate::trn!(w, "home.start_n", n)))
                }
            }
        };
        rows.push(ListItem::new(line));
    }
    let mut state = ListState::default()
        .with_selected(Some(selected_row))
        .with_offset(list_offset(app, a.list.height.saturating_sub(2)));
    let list = List::new(rows)
        .highlight_style(t.selected())
        .highlight_symbol("▸");

    f.render_stateful_widget(
        list.block(
            Block::bordered()
                .border_style(t.dim())
                .title(format!(" {} ", w.t("home.choose"))),
        ),
        a.list,
        &mut state,
    );
    if let Some(p) = a.preview {
        preview(f, p, app, t);
    }

    // The dose line.
    let plan = match app.home_item() {
        HomeItem::Routine(r) => Some(app.routine_plan(r)),
        _ if app.ticked_count() > 0 => Some(app.plan_for(
            None,
            (0..app.ticked.len()).filter(|&i| app.ticked[i]).collect(),
        )),
        _ => None,
    };
    // A dose the content fixes is shown as set, without keys that cannot change it.
    let set = format!(" ({})", w.t("home.set"));
    let (hold, hold_keys) = match app.fixed_dose_words(true) {
        Some(h) => (crate::tr!(w, "time.seconds", n = h), set.clone()),
        None => (
            crate::tr!(w, "time.seconds", n = d.hold_secs),
            " (-/+)".to_string(),
        ),
    };
    let (reps, reps_keys) = match app.fixed_dose_words(false) {
        Some(r) => (r, set),
        None => (d.reps.to_string(), " ([/])".to_string()),
    };
    let mut spans = vec![
        Span::raw(format!(" {} ", w.t("home.hold"))),
        Span::styled(hold, t.title()),
        Span::styled(hold_keys, t.dim()),
        Span::raw(format!("   {} ", w.t("home.repetitions"))),
        Span::styled(reps, t.title()),
        Span::styled(reps_keys, t.dim()),
    ];
    // Too wide for the window: the key hints go first, never a word cut short.
    let width: usize = spans.iter().map(|s| s.width()).sum();
    if width > usize::from(area.width) {
        spans.retain(|s| !s.content.starts_with(" ("));
    }
    if let Some(p) = plan
        && area.width >= 60
    {
        spans.push(Span::styled(
            format!("   {}", about_minutes(w, p.total())),
            t.dim(),
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), dose);

    let safety_line = if let Some(m) = &app.message {
        Line::styled(format!(" {m}"), t.warn())
    } else if let Some(p) = &app.store_problem {
        Line::styled(
            format!(" {}", crate::tr!(w, "home.note", problem = p)),
            t.warn(),
        )
    } else {
        // Whole at any width: shorter words on narrow screens, never cut mid-word. The
        // text holds {key} where the key goes.
        let room = usize::from(area.width).saturating_sub(1);
        let short = w.t("home.flags_short");
        let text = [w.t("home.flags_long"), w.t("home.flags_mid")]
            .into_iter()
            .find(|s| super::text_width(s).saturating_sub(4) <= room)
            .unwrap_or(short);
        let (before, after) = text.split_once("{key}").unwrap_or((text, ""));
        Line::from(vec![
            Span::raw(format!(" {before}")),
            Span::styled("!", t.key()),
            Span::raw(after.to_string()),
        ])
    };
    f.render_widget(Paragraph::new(safety_line), safety);
    f.render_widget(Paragraph::new(footer(app, area.width, t)), foot);
}

/// "backstretch", then the safety state in plain words on the right, whole at every width:
/// the subtitle, the day and the name give way first. A clinician's file is named
/// ("Morning routine · Riverside Physio") in place of the subtitle, shortened to fit.
fn home_header(app: &App, width: u16, t: Theme) -> Line<'static> {
    let ui = &app.content.words;
    let status = app.status();
    let style = match status {
        Status::Emergency => t.alarm(),
        Status::Today => t.warn(),
        Status::Soon => t.title(),
        Status::Clear => t.good(),
        Status::Unchecked => t.dim(),
    };
    let day = app
        .spasm_day()
        .map(|d| format!("{} · ", crate::tr!(ui, "home.day_only", n = d)))
        .unwrap_or_default();
    let label = app.content.label();
    let sub = match &label {
        Some(l) => format!(" · {l}"),
        None => format!(" · {}", ui.t("home.subtitle")),
    };
    let w = usize::from(width);
    let long = status.words(ui);
    // (name, subtitle, day, words), most first; the first that fits is drawn. The safety
    // words stay whole; a clinician's label (shortened) comes before the day, the day
    // before the plain subtitle.
    let by_label = [
        (true, true, true, long),
        (true, true, false, long),
        (true, false, true, long),
    ];
    let plain = [
        (true, true, true, long),
        (true, false, true, long),
        (true, true, false, long),
    ];
    let (name, sub_room, day_on, words) = if label.is_some() { by_label } else { plain }
        .into_iter()
        .chain([
            (true, false, false, long),
            (false, false, false, long),
            (true, false, false, status.short(ui)),
            (false, false, false, status.short(ui)),
        ])
        .find_map(|(n, s, d, words)| {
            let right = words.chars().count() + if d { day.chars().count() } else { 0 };
            let left = if n { 11 } else { 0 };
            if left + right + 3 > w {
                return None;
            }
            let room = w - left - right - 3;
            let sub_chars = sub.chars().count();
            match (s, &label) {
                (false, _) => Some((n, 0, d, words)),
                (true, _) if sub_chars <= room => Some((n, sub_chars, d, words)),
                // A label is shortened rather than dropped, while a few letters of it fit.
                (true, Some(_)) if room >= 8 => Some((n, room, d, words)),
                _ => None,
            }
        })
        .unwrap_or((false, 0, false, status.short(ui)));
    let mut spans = vec![Span::raw(" ")];
    if name {
        spans.push(Span::styled("backstretch", t.accent()));
    }
    if sub_room > 0 {
        // Cut at a word, with a mark, when it does not fit whole.
        let text = super::fit(&sub, sub_room);
        spans.push(Span::styled(
            text,
            if label.is_some() { t.title() } else { t.dim() },
        ));
    }
    let lw: usize = spans.iter().map(|s| s.width()).sum();
    let right_text = format!("{}{words}", if day_on { day.as_str() } else { "" });
    let rw = right_text.chars().count();
    spans.push(Span::raw(" ".repeat(w.saturating_sub(lw + rw + 1).max(1))));
    if day_on {
        spans.push(Span::styled(day, t.dim()));
    }
    spans.push(Span::styled(words.to_string(), style));
    Line::from(spans)
}

fn preview(f: &mut Frame, area: Rect, app: &App, t: Theme) {
    let c = &app.content;
    let w = &c.words;
    let mut lines: Vec<Line> = Vec::new();
    let title;
    match app.home_item() {
        HomeItem::Routine(r) => {
            let routine = &c.routines[r];
            title = routine.name.clone();
            lines.push(Line::from(routine.description.clone()));
            lines.push(Line::raw(""));
            let left_out = app.left_out();
            let mut n = 0;
            for id in &routine.stretches {
                if let Some(s) = c.stretch(id) {
                    let hurt = c
                        .stretch_index(id)
                        .and_then(|i| app.hurt_lately(i))
                        .map(|day| format!("  {}", crate::tr!(w, "home.hurt_day", day = day)));
                    if left_out.contains(id) {
                        lines.push(Line::from(vec![
                            Span::styled(format!("–  {}", s.name), t.dim()),
                            Span::styled(
                                format!("{}, {}", hurt.unwrap_or_default(), w.t("home.left_out")),
                                t.warn(),
                            ),
                        ]));
                        continue;
                    }
                    n += 1;
                    let mut spans = vec![Span::raw(format!("{n}. {}", s.name))];
                    match hurt {
                        Some(h) => spans.push(Span::styled(h, t.warn())),
                        None => {
                            spans.push(Span::styled(format!("  {}", s.position.label(w)), t.dim()))
                        }
                    }
                    lines.push(Line::from(spans));
                }
            }
            if !app.recent_hurts().is_empty() {
                lines.push(Line::styled(
                    if app.settings.leave_out_hurt {
                        w.t("home.x_puts_back")
                    } else {
                        w.t("home.x_leaves_out")
                    },
                    t.dim(),
                ));
            }
            lines.push(Line::raw(""));
            if n == 0 && !left_out.is_empty() {
                lines.push(Line::styled(w.t("home.all_left_out"), t.warn()));
            } else {
                lines.push(start_line(
                    app,
                    crate::tr!(
                        w,
                        "home.enter_starts",
                        time = about_minutes(w, app.routine_plan(r).total())
                    ),
                    t,
                ));
            }
        }
        HomeItem::Stretch(i) => {
            let s = &c.stretches[i];
            title = s.name.clone();
            lines.push(Line::from(vec![
                Span::styled(capitalise(&s.position.label(w)), t.title()),
                Span::raw(format!(", {}", s.place)),
            ]));
            if let Some(note) = app.hurt_note(i) {
                lines.push(Line::styled(note, t.warn()));
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(s.purpose.clone()));
            lines.push(Line::raw(""));
            lines.push(Line::styled(w.t("show.setup"), t.title()));
            for (n, st) in s.setup.iter().enumerate() {
                lines.push(Line::from(format!("{}. {st}", n + 1)));
            }
            let holds = match s.hold_kind {
                HoldKind::Single => crate::tr!(w, "home.one_hold"),
                HoldKind::Sides | HoldKind::Phases => crate::tr!(
                    w,
                    "home.each_rep",
                    holds = s
                        .holds
                        .iter()
                        .map(|h| h.name.to_lowercase())
                        .collect::<Vec<_>>()
                        .join(w.t("list.then"))
                ),
            };
            lines.push(Line::raw(""));
            lines.push(Line::styled(holds, t.dim()));
            lines.push(Line::styled(w.t("home.stretch_keys"), t.dim()));
        }
        HomeItem::StartTicked => {
            title = crate::tr!(w, "home.own_set");
            let ticked: Vec<&str> = (0..app.ticked.len())
                .filter(|&i| app.ticked[i])
                .map(|i| c.stretches[i].name.as_str())
                .collect();
            if ticked.is_empty() {
                lines.push(Line::from(w.t("home.tick_how")));
            } else {
                for (i, n) in ticked.iter().enumerate() {
                    lines.push(Line::from(format!("{}. {n}", i + 1)));
                }
            }
            lines.push(Line::raw(""));
            lines.push(start_line(app, c.guidance.dose.clone(), t));
        }
    }
    let block = Block::bordered()
        .border_style(t.dim())
        .title(Line::styled(format!(" {title} "), t.title()))
        .padding(ratatui::widgets::Padding::horizontal(1));
    let inner = block.inner(area);
    f.render_widget(block, area);
    // The stretch's drawing under its words, when it fits whole.
    let drawing = match app.home_item() {
        HomeItem::Stretch(i) => {
            super::picture::rows(&c.stretches[i], super::picture::Pose::Hold(0))
        }
        _ => None,
    };
    let text_rows = super::lines_height(&lines, inner.width);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    if let Some(rows) = drawing {
        let (w, h) = super::picture::size(&rows);
        if w <= inner.width && text_rows + 1 + h <= inner.height {
            f.render_widget(
                super::picture::Drawing {
                    rows: &rows,
                    style: t.picture(),
                },
                Rect::new(inner.x, inner.bottom() - h, inner.width, h),
            );
        }
    }
}

/// How a session would start from here, as the gate would have it: never "Enter starts
/// it" while a session is blocked.
fn start_line(app: &App, normal: String, t: Theme) -> Line<'static> {
    match app.status() {
        Status::Emergency => Line::styled(
            app.content.words.t("home.start_emergency").to_string(),
            t.alarm(),
        ),
        Status::Today => Line::styled(
            app.content.words.t("home.start_today").to_string(),
            t.warn(),
        ),
        _ => Line::styled(normal, t.dim()),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
