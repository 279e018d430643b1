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
        HomeItem::Routine(_) | HomeItem::StartTicked => {
            app.content.words.t("foot.start_stretch.short")
        }
        HomeItem::Stretch(_) => app.content.words.t("detail.how_to"),
    };
    let mut v = vec![
        Binding::new(
            Act::Move,
            &UP_DOWN,
            "↑↓",
            app.content.words.t("help.move"),
            3,
        )
        .help(app.content.words.t("k.move_k_j_too")),
        Binding::help_only(
            Act::First,
            &[Key::Home],
            "Home",
            app.content.words.t("k.the_first_entry"),
        ),
        Binding::help_only(
            Act::Last,
            &[Key::End],
            "End",
            app.content.words.t("k.the_last_entry"),
        ),
        Binding::new(Act::Enter, &[Key::Enter], "Enter", enter, 0)
            .help(app.content.words.t("help.home_enter")),
        match app.home_item() {
            HomeItem::Stretch(_) => Binding::new(
                Act::Tick,
                &[Key::Char(' ')],
                "Space",
                app.content.words.t("foot.tick"),
                1,
            )
            .help(app.content.words.t("help.home_tick")),
            HomeItem::StartTicked => Binding::new(
                Act::Tick,
                &[Key::Char(' ')],
                "Space",
                app.content.words.t("foot.start_ticked"),
                1,
            )
            .help(app.content.words.t("help.home_tick")),
            // On a routine Space only explains: in the help, not the footer.
            HomeItem::Routine(_) => Binding::help_only(
                Act::Tick,
                &[Key::Char(' ')],
                "Space",
                app.content.words.t("help.home_tick"),
            ),
        },
        Binding::new(
            Act::StartTicked,
            &[Key::Char('s')],
            "s",
            app.content.words.t("foot.start_ticked"),
            4,
        )
        .help(app.content.words.t("help.home_start")),
    ];
    // x leaves out (or keeps) what hurt lately: offered when something did.
    let x = if app.settings.leave_out_hurt {
        app.content.words.t("foot.keep_all")
    } else {
        app.content.words.t("foot.leave_out")
    };
    let leave_out = Binding::new(Act::LeaveOut, &[Key::Char('x')], "x", x, 4)
        .help(app.content.words.t("help.home_x"));
    if app.recent_hurts().is_empty() && !app.settings.leave_out_hurt {
        v.push(Binding::help_only(
            Act::LeaveOut,
            &[Key::Char('x')],
            "x",
            app.content.words.t("help.home_x"),
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
            Binding::new(
                Act::Hold,
                &hold_keys,
                "-/+",
                app.content.words.t("foot.hold"),
                5,
            )
            .help(crate::tr!(
                app.content.words,
                "k.hold_steps",
                min = d.hold_seconds.min,
                max = d.hold_seconds.max
            )),
        );
    } else {
        v.push(Binding::help_only(
            Act::Hold,
            &hold_keys,
            "- +",
            app.content
                .words
                .t("k.the_hold_is_set_by_your_prescription"),
        ));
    }
    if app.dose_adjustable(false) {
        v.push(
            Binding::new(
                Act::Reps,
                &reps_keys,
                "[/]",
                app.content.words.t("foot.reps"),
                6,
            )
            .help(crate::tr!(
                app.content.words,
                "k.reps_steps",
                min = d.repetitions.min,
                max = d.repetitions.max
            )),
        );
    } else {
        v.push(Binding::help_only(
            Act::Reps,
            &reps_keys,
            "[ ]",
            app.content
                .words
                .t("k.the_repetitions_are_set_by_your_prescrip"),
        ));
    }
    v.extend([
        Binding::new(
            Act::Progress,
            &[Key::Char('p')],
            "p",
            app.content.words.t("foot.progress"),
            2,
        )
        .help(app.content.words.t("help.home_progress")),
        Binding::new(
            Act::Settings,
            &[Key::Char('o')],
            "o",
            app.content.words.t("foot.settings"),
            2,
        )
        .help(
            app.content
                .words
                .t("k.settings_check_ins_the_day_the_spasm_beg"),
        ),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            0,
        )
        .help(app.content.words.t("help.flags_anywhere")),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 0)
            .help(app.content.words.t("k.this_help_every_key")),
        Binding::new(
            Act::Quit,
            &[Key::Char('q')],
            "q",
            app.content.words.t("help.quit"),
            1,
        ),
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
                app.message = Some(app.content.words.t("msg.space_ticks").into());
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
                app.message = Some(app.content.words.t("msg.nothing_hurt").into());
                return true;
            }
            app.settings.leave_out_hurt = !app.settings.leave_out_hurt;
            app.effects.push(Effect::SaveSettings);
            let names: Vec<&str> = hurts
                .iter()
                .map(|h| app.content.stretch_name(&h.stretch))
                .collect();
            let w = &app.content.words;
            let message = if app.settings.leave_out_hurt {
                crate::trn!(
                    w,
                    "msg.leave_out",
                    names.len(),
                    names = names.join(w.t("msg.and"))
                )
            } else {
                w.t("msg.keep_all").to_string()
            };
            app.message = Some(message);
        }
        Act::Hold if !app.dose_adjustable(true) => {
            app.message = Some(crate::tr!(
                app.content.words,
                "msg.hold_fixed",
                seconds = app.fixed_dose_words(true).unwrap_or_default()
            ));
        }
        Act::Reps if !app.dose_adjustable(false) => {
            app.message = Some(crate::tr!(
                app.content.words,
                "msg.reps_fixed",
                reps = app.fixed_dose_words(false).unwrap_or_default()
            ));
        }
        Act::Hold => {
            let longer = matches!(key, Key::Char('+') | Key::Char('='));
            let (min, max) = (d.hold_seconds.min, d.hold_seconds.max);
            let h = app.dose.hold_secs;
            // At a bound the key says so instead of doing nothing.
            if longer && h >= max {
                app.message = Some(crate::tr!(
                    app.content.words,
                    "k.longest_hold",
                    seconds = max
                ));
            } else if !longer && h <= min {
                app.message = Some(crate::tr!(
                    app.content.words,
                    "k.shortest_hold",
                    seconds = min
                ));
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
                app.message = Some(crate::trn!(app.content.words, "k.most_reps", max));
            } else if !more && r <= min {
                app.message = Some(crate::trn!(app.content.words, "k.fewest_reps", min));
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
        app.message = Some(app.content.words.t("msg.tick_first").into());
    } else {
        let plan = app.plan_for(None, idx);
        app.request_start(plan, now);
    }
    true
}
