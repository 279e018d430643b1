//! The red-flag checklist as a screen: its questions, then its result. The answers live in
//! `crate::checklist`; this table says which keys reach it.

use super::{Binding, HELP, UP_DOWN};
use crate::app::{App, Overlay};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// A key the checklist model takes as it is.
    Answer,
    Help,
}

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    if let Some(result) = &app.checklist.result {
        let mut v = vec![
            Binding::new(
                Act::Answer,
                &[
                    Key::Enter,
                    Key::Esc,
                    Key::Char('q'),
                    Key::Char('!'),
                    Key::Char(' '),
                ],
                "Enter",
                "close",
                0,
            )
            .help("close the result (Esc, q, ! and Space too)"),
            Binding::new(Act::Answer, &[Key::Char('r')], "r", "answer again", 1)
                .help("answer every question again"),
            Binding::new(Act::Help, &HELP, "?", "help", 1).help("this help"),
        ];
        // After an early emergency result, the questions left can still be answered.
        if !result.complete {
            v.push(
                Binding::new(Act::Answer, &[Key::Char('c')], "c", "answer the rest", 2)
                    .help("back to the questions not yet answered"),
            );
        }
        return v;
    }
    // After an emergency yes the rest is optional: Enter stops there.
    let urgent = app.checklist.emergency_yes(&app.content);
    vec![
        Binding::new(
            Act::Answer,
            &[Key::Char('y'), Key::Char('Y')],
            "y",
            "yes",
            0,
        )
        .help("yes, this applies (then the next question)"),
        Binding::new(Act::Answer, &[Key::Char('n'), Key::Char('N')], "n", "no", 0)
            .help("no, it does not (then the next question)"),
        Binding::new(Act::Answer, &[Key::Char(' ')], "Space", "switch", 3)
            .help("switch the answer between yes and no"),
        Binding::new(Act::Answer, &UP_DOWN, "↑↓", "move", 2)
            .help("move between questions (k j too); up from the first shows the text above it"),
        Binding::help_only(Act::Answer, &[Key::Home], "Home", "the first question"),
        Binding::help_only(Act::Answer, &[Key::End], "End", "the last question"),
        if urgent {
            Binding::new(Act::Answer, &[Key::Enter], "Enter", "result", 0)
                .help("stop here: the result now, after an emergency yes")
        } else {
            Binding::new(Act::Answer, &[Key::Enter], "Enter", "result", 1)
                .help("see the result once every question is answered")
        },
        Binding::new(Act::Answer, &[Key::Esc, Key::Char('q')], "Esc", "leave", 1)
            .help("leave (q too); every answer given is kept"),
        Binding::new(Act::Help, &HELP, "?", "help", 0).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, key: Key, now: Instant) -> bool {
    match act {
        Act::Answer => {
            let action = app.checklist.on_key(&app.content, key);
            app.checklist_action(action, now)
        }
        Act::Help => {
            app.push(Overlay::Help);
            true
        }
    }
}
