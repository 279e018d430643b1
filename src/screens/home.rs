//! Home: the list of routines and stretches, the dose, and the way to everything else.

use super::{Binding, CHECKLIST, HELP, UP_DOWN, is_up};
use crate::app::{App, Effect, HomeItem, Overlay, Screen};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Move,
    First,
    Last,
    Tick,
    Enter,
    StartTicked,
    LeaveOut,
    Hold,
    Reps,
    Progress,
    Settings,
    Checklist,
    Help,
    Quit,
}

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    let enter = match app.home_item() {
        HomeItem::Routine(_) | HomeItem::StartTicked => "start",
        HomeItem::Stretch(_) => "how-to",
    };
    let mut v = vec![
        Binding::new(Act::Move, &UP_DOWN, "↑↓", "move", 3).help("move (k j too)"),
        Binding::help_only(Act::First, &[Key::Home], "Home", "the first entry"),
        Binding::help_only(Act::Last, &[Key::End], "End", "the last entry"),
        Binding::new(Act::Enter, &[Key::Enter], "Enter", enter, 0)
            .help("start a routine, or read a stretch's how-to"),
        match app.home_item() {
            HomeItem::Stretch(_) => Binding::new(Act::Tick, &[Key::Char(' ')], "Space", "tick", 1)
                .help("tick or untick a stretch"),
            HomeItem::StartTicked => {
                Binding::new(Act::Tick, &[Key::Char(' ')], "Space", "start ticked", 1)
                    .help("tick or untick a stretch")
            }
            // On a routine Space only explains: in the help, not the footer.
            HomeItem::Routine(_) => Binding::help_only(
                Act::Tick,
                &[Key::Char(' ')],
                "Space",
                "tick or untick a stretch",
            ),
        },
        Binding::new(Act::StartTicked, &[Key::Char('s')], "s", "start ticked", 4)
            .help("start the ticked stretches"),
    ];
    // x leaves out (or keeps) what hurt lately: offered when something did.
    let x = if app.settings.leave_out_hurt {
        "keep all"
    } else {
        "leave out what hurt"
    };
    let leave_out = Binding::new(Act::LeaveOut, &[Key::Char('x')], "x", x, 4)
        .help("routines leave out, or keep, stretches that hurt lately");
    if app.recent_hurts().is_empty() && !app.settings.leave_out_hurt {
        v.push(Binding::help_only(
            Act::LeaveOut,
            &[Key::Char('x')],
            "x",
            "routines leave out, or keep, stretches that hurt lately",
        ));
    } else {
        v.push(leave_out);
    }
    // A dose the content fixes still answers its keys, with why it cannot change; it is
    // not offered in the footer.
    let hold_keys = [
        Key::Char('-'),
        Key::Char('_'),
        Key::Char('+'),
        Key::Char('='),
    ];
    let reps_keys = [Key::Char('['), Key::Char(']')];
    let d = app.content.dose;
    if app.dose_adjustable(true) {
        v.push(
            Binding::new(Act::Hold, &hold_keys, "-/+", "hold", 5).help(format!(
                "shorter or longer holds, {}-{} s in 5 s steps",
                d.hold_seconds.min, d.hold_seconds.max
            )),
        );
    } else {
        v.push(Binding::help_only(
            Act::Hold,
            &hold_keys,
            "- +",
            "the hold is set by your prescription",
        ));
    }
    if app.dose_adjustable(false) {
        v.push(
            Binding::new(Act::Reps, &reps_keys, "[/]", "reps", 6).help(format!(
                "fewer or more repetitions, {}-{}",
                d.repetitions.min, d.repetitions.max
            )),
        );
    } else {
        v.push(Binding::help_only(
            Act::Reps,
            &reps_keys,
            "[ ]",
            "the repetitions are set by your prescription",
        ));
    }
    v.extend([
        Binding::new(Act::Progress, &[Key::Char('p')], "p", "progress", 2)
            .help("progress: pain by day, streak, totals"),
        Binding::new(Act::Settings, &[Key::Char('o')], "o", "settings", 2)
            .help("settings: check-ins, the day the spasm began, colours, voice and pace"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 0)
            .help("red-flag checklist, from any screen"),
        Binding::new(Act::Help, &HELP, "?", "help", 0).help("this help: every key"),
        Binding::new(Act::Quit, &[Key::Char('q')], "q", "quit", 1),
    ]);
    v
}

pub fn run(app: &mut App, act: Act, key: Key, now: Instant) -> bool {
    let n = app.home_items().len();
    let d = app.content.dose;
    match act {
        Act::Move => {
            app.cursor = if is_up(key) {
                app.cursor.saturating_sub(1)
            } else {
                (app.cursor + 1).min(n - 1)
            };
        }
        Act::First => app.cursor = 0,
        Act::Last => app.cursor = n - 1,
        Act::Tick => match app.home_item() {
            HomeItem::Stretch(i) => app.ticked[i] = !app.ticked[i],
            HomeItem::Routine(_) => {
                app.message = Some("Space ticks stretches; Enter starts a routine.".into());
            }
            HomeItem::StartTicked => return start_ticked(app, now),
        },
        Act::Enter => match app.home_item() {
            HomeItem::Routine(r) => {
                let plan = app.routine_plan(r);
                app.request_start(plan, now);
            }
            HomeItem::Stretch(i) => {
                app.screen = Screen::Detail {
                    stretch: i,
                    scroll: 0,
                };
            }
            HomeItem::StartTicked => return start_ticked(app, now),
        },
        Act::StartTicked => return start_ticked(app, now),
        Act::LeaveOut => {
            let hurts = app.recent_hurts();
            if hurts.is_empty() && !app.settings.leave_out_hurt {
                app.message = Some("No stretch hurt in your last sessions.".into());
                return true;
            }
            app.settings.leave_out_hurt = !app.settings.leave_out_hurt;
            app.effects.push(Effect::SaveSettings);
            let names: Vec<&str> = hurts
                .iter()
                .map(|h| app.content.stretch_name(&h.stretch))
                .collect();
            app.message = Some(if app.settings.leave_out_hurt {
                format!(
                    "Routines leave out {} (x puts {} back).",
                    names.join(" and "),
                    if names.len() == 1 { "it" } else { "them" }
                )
            } else {
                "Routines keep every stretch again.".to_string()
            });
        }
        Act::Hold if !app.dose_adjustable(true) => {
            app.message = Some(format!(
                "Hold set by your prescription: {} s.",
                app.fixed_dose_words(true).unwrap_or_default()
            ));
        }
        Act::Reps if !app.dose_adjustable(false) => {
            app.message = Some(format!(
                "Reps set by your prescription: {}.",
                app.fixed_dose_words(false).unwrap_or_default()
            ));
        }
        Act::Hold => {
            let longer = matches!(key, Key::Char('+') | Key::Char('='));
            let (min, max) = (d.hold_seconds.min, d.hold_seconds.max);
            let h = app.dose.hold_secs;
            // At a bound the key says so instead of doing nothing.
            if longer && h >= max {
                app.message = Some(format!("{max} s is the longest hold."));
            } else if !longer && h <= min {
                app.message = Some(format!("{min} s is the shortest hold."));
            } else if longer {
                app.dose.hold_secs = (h + 5).min(max);
            } else {
                app.dose.hold_secs = h.saturating_sub(5).max(min);
            }
        }
        Act::Reps => {
            let more = key == Key::Char(']');
            let (min, max) = (d.repetitions.min, d.repetitions.max);
            let r = app.dose.reps;
            if more && r >= max {
                app.message = Some(format!("{max} repetitions is the most."));
            } else if !more && r <= min {
                app.message = Some(format!(
                    "{min} repetition{} is the fewest.",
                    if min == 1 { "" } else { "s" }
                ));
            } else if more {
                app.dose.reps = (r + 1).min(max);
            } else {
                app.dose.reps = r.saturating_sub(1).max(min);
            }
        }
        Act::Progress => app.screen = Screen::History,
        Act::Settings => app.push(Overlay::Settings),
        Act::Checklist => app.open_checklist(now),
        Act::Help => app.push(Overlay::Help),
        Act::Quit => app.quit = true,
    }
    true
}

fn start_ticked(app: &mut App, now: Instant) -> bool {
    let idx: Vec<usize> = (0..app.ticked.len()).filter(|&i| app.ticked[i]).collect();
    if idx.is_empty() {
        app.message = Some("Tick stretches with Space first, or pick a routine.".into());
    } else {
        let plan = app.plan_for(None, idx);
        app.request_start(plan, now);
    }
    true
}
