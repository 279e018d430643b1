//! A session under way: pause, move between steps, say it hurts, end it.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Overlay, Screen};
use crate::keys::Key;
use crate::voice;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Pause,
    Next,
    Back,
    Restart,
    Hurts,
    Checklist,
    Help,
    End,
}

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    let paused = app.session.as_ref().is_some_and(|s| s.is_paused());
    let waiting = app.session.as_ref().is_some_and(|s| s.is_waiting());
    let first = app.session.as_ref().is_none_or(|s| s.index() == 0);
    vec![
        Binding::new(
            Act::Pause,
            &[Key::Char(' ')],
            "Space",
            if waiting {
                app.content.words.t("foot.start_stretch.short")
            } else if paused {
                app.content.words.t("foot.go_on")
            } else {
                app.content.words.t("foot.pause")
            },
            0,
        )
        .help(app.content.words.t("help.session_pause")),
        Binding::new(
            Act::Next,
            &[Key::Char('n'), Key::Right],
            "n",
            app.content.words.t("foot.next"),
            2,
        )
        .help(app.content.words.t("k.skip_to_the_next_step_too")),
        // Nothing before the first step, and nothing to restart while a step waits: the
        // footer offers them only where they do something.
        if first || waiting {
            Binding::help_only(
                Act::Back,
                &[Key::Char('p'), Key::Left],
                "p",
                app.content.words.t("k.back_one_step_too"),
            )
        } else {
            Binding::new(
                Act::Back,
                &[Key::Char('p'), Key::Left],
                "p",
                app.content.words.t("gate.back"),
                4,
            )
            .help(app.content.words.t("k.back_one_step_too"))
        },
        if waiting {
            Binding::help_only(
                Act::Restart,
                &[Key::Char('r')],
                "r",
                app.content.words.t("k.restart_this_step"),
            )
        } else {
            Binding::new(
                Act::Restart,
                &[Key::Char('r')],
                "r",
                app.content.words.t("foot.restart"),
                5,
            )
            .help(app.content.words.t("k.restart_this_step"))
        },
        Binding::new(
            Act::Hurts,
            &[Key::Char('h')],
            "h",
            app.content.words.t("foot.hurts"),
            0,
        )
        .help(app.content.words.t("help.session_hurts")),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            0,
        )
        .help(app.content.words.t("help.session_flags")),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 0)
            .help(app.content.words.t("help.this_help")),
        Binding::new(
            Act::End,
            &[Key::Char('q'), Key::Esc],
            "q",
            app.content.words.t("foot.end"),
            3,
        )
        .help(app.content.words.t("k.end_the_session_asks_first_esc_too")),
    ]
}

pub fn run(app: &mut App, act: Act, _key: Key, now: Instant) -> bool {
    if app.session.is_none() {
        app.screen = Screen::Home;
        return true;
    }
    match act {
        Act::Pause => app.toggle_pause(now),
        Act::Next | Act::Back | Act::Restart => {
            if let Some(s) = app.session.as_mut() {
                match act {
                    Act::Next => s.skip(now),
                    Act::Back => s.back(now),
                    _ => s.restart(now),
                };
            }
        }
        Act::Hurts => {
            // Whatever the step: stop at once and ease off.
            if let Some(s) = app.session.as_mut() {
                s.pause(now);
                s.stats.pain_stops += 1;
            }
            let stop = app.pain_stop_here();
            app.session_hurt.extend(stop);
            app.push(Overlay::PainStop);
            let cue = voice::pain_stop(&app.cue_ctx());
            app.say(cue);
        }
        Act::Checklist => app.open_checklist(now),
        Act::Help => app.push(Overlay::Help),
        Act::End => app.push(Overlay::ConfirmEnd),
    }
    true
}
