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
                "start"
            } else if paused {
                "go on"
            } else {
                "pause"
            },
            0,
        )
        .help("pause, or go on; start a stretch waiting for you"),
        Binding::new(Act::Next, &[Key::Char('n'), Key::Right], "n", "next", 2)
            .help("skip to the next step (→ too)"),
        // Nothing before the first step, and nothing to restart while a step waits: the
        // footer offers them only where they do something.
        if first || waiting {
            Binding::help_only(
                Act::Back,
                &[Key::Char('p'), Key::Left],
                "p",
                "back one step (← too)",
            )
        } else {
            Binding::new(Act::Back, &[Key::Char('p'), Key::Left], "p", "back", 4)
                .help("back one step (← too)")
        },
        if waiting {
            Binding::help_only(Act::Restart, &[Key::Char('r')], "r", "restart this step")
        } else {
            Binding::new(Act::Restart, &[Key::Char('r')], "r", "restart", 5)
                .help("restart this step")
        },
        Binding::new(Act::Hurts, &[Key::Char('h')], "h", "it hurts", 0)
            .help("this hurts: stop and ease off"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 0)
            .help("red-flag checklist (pauses the hold)"),
        Binding::new(Act::Help, &HELP, "?", "help", 0).help("this help"),
        Binding::new(Act::End, &[Key::Char('q'), Key::Esc], "q", "end", 3)
            .help("end the session (asks first; Esc too)"),
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
