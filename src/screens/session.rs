//! A session under way: pause, move between steps, say it hurts, end it.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Overlay, Screen};
use crate::keys::Key;
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
    vec![
        Binding::new(
            Act::Pause,
            &[Key::Char(' ')],
            "Space",
            if paused { "go on" } else { "pause" },
            0,
        )
        .help("pause, or go on"),
        Binding::new(Act::Next, &[Key::Char('n'), Key::Right], "n", "next", 2)
            .help("skip to the next step (→ too)"),
        Binding::new(Act::Back, &[Key::Char('p'), Key::Left], "p", "back", 4)
            .help("back one step (← too)"),
        Binding::new(Act::Restart, &[Key::Char('r')], "r", "restart", 5).help("restart this step"),
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
    let Some(s) = app.session.as_mut() else {
        app.screen = Screen::Home;
        return true;
    };
    let cues = match act {
        Act::Pause => {
            s.toggle_pause(now);
            Vec::new()
        }
        Act::Next => s.skip(now),
        Act::Back => s.back(now),
        Act::Restart => s.restart(now),
        Act::Hurts => {
            // Whatever the step: stop at once and ease off.
            s.pause(now);
            s.stats.pain_stops += 1;
            let stop = app.pain_stop_here();
            app.session_hurt.extend(stop);
            app.push(Overlay::PainStop);
            return true;
        }
        Act::Checklist => {
            app.open_checklist(now);
            return true;
        }
        Act::Help => {
            app.push(Overlay::Help);
            return true;
        }
        Act::End => {
            app.push(Overlay::ConfirmEnd);
            return true;
        }
    };
    app.cues(&cues);
    true
}
