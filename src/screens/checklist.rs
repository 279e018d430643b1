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
                app.content.words.t("help.close"),
                0,
            )
            .help(
                app.content
                    .words
                    .t("k.close_the_result_esc_q_and_space_too"),
            ),
            Binding::new(
                Act::Answer,
                &[Key::Char('r')],
                "r",
                app.content.words.t("gate.answer_again"),
                1,
            )
            .help(app.content.words.t("k.answer_every_question_again")),
            Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 1)
                .help(app.content.words.t("help.this_help")),
        ];
        // After an early emergency result, the questions left can still be answered.
        if !result.complete {
            v.push(
                Binding::new(
                    Act::Answer,
                    &[Key::Char('c')],
                    "c",
                    app.content.words.t("foot.answer_rest"),
                    2,
                )
                .help(
                    app.content
                        .words
                        .t("k.back_to_the_questions_not_yet_answered"),
                ),
            );
        }
        return v;
    }
    // After an emergency yes the rest is optional: Enter stops there.
    let urgent = app.checklist.emergency_yes(&app.content);
    // The answer keys are the language's: y and n in English, s and n in Spanish.
    let (y, n) = (app.content.words.yes_key(), app.content.words.no_key());
    vec![
        Binding::new(
            Act::Answer,
            &[Key::Char(y), Key::Char(y.to_ascii_uppercase())],
            crate::lang::letter(y),
            app.content.words.t("word.yes"),
            0,
        )
        .help(app.content.words.t("help.checklist_yes")),
        Binding::new(
            Act::Answer,
            &[Key::Char(n), Key::Char(n.to_ascii_uppercase())],
            crate::lang::letter(n),
            app.content.words.t("word.no"),
            0,
        )
        .help(app.content.words.t("help.checklist_no")),
        Binding::new(
            Act::Answer,
            &[Key::Char(' ')],
            "Space",
            app.content.words.t("foot.switch"),
            3,
        )
        .help(app.content.words.t("help.checklist_switch")),
        Binding::new(
            Act::Answer,
            &UP_DOWN,
            "↑↓",
            app.content.words.t("help.move"),
            2,
        )
        .help(app.content.words.t("k.move_between_questions_up_first")),
        Binding::help_only(
            Act::Answer,
            &[Key::Home],
            "Home",
            app.content.words.t("k.the_first_question"),
        ),
        Binding::help_only(
            Act::Answer,
            &[Key::End],
            "End",
            app.content.words.t("k.the_last_question"),
        ),
        if urgent {
            Binding::new(
                Act::Answer,
                &[Key::Enter],
                "Enter",
                app.content.words.t("foot.result"),
                0,
            )
            .help(
                app.content
                    .words
                    .t("k.stop_here_the_result_now_after_an_emerge"),
            )
        } else {
            Binding::new(
                Act::Answer,
                &[Key::Enter],
                "Enter",
                app.content.words.t("foot.result"),
                1,
            )
            .help(
                app.content
                    .words
                    .t("k.see_the_result_once_every_question_is_an"),
            )
        },
        Binding::new(
            Act::Answer,
            &[Key::Esc, Key::Char('q')],
            "Esc",
            app.content.words.t("foot.leave"),
            1,
        )
        .help(
            app.content
                .words
                .t("k.leave_q_too_every_answer_given_is_kept"),
        ),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 0)
            .help(app.content.words.t("help.this_help")),
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
