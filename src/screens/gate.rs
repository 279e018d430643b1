//! The safety gate before a session: the day's checklist offered, a block, or "are you
//! sure?" after a sign that needs a doctor today.

use super::{Binding, HELP};
use crate::app::{App, Gate, Overlay};
use crate::keys::Key;
use crate::safety::{CheckResult, What};
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Go through the checklist.
    Check,
    /// Start: none of the signs apply, or yes, start anyway.
    Start,
    /// Not now: back, nothing starts.
    Back,
    Help,
}

pub fn keys(app: &App, g: Gate) -> Vec<Binding<Act>> {
    // The answer keys are the language's: y and n in English, s and n in Spanish.
    let (y, n) = (app.content.words.yes_key(), app.content.words.no_key());
    let (yl, nl) = (crate::lang::letter(y), crate::lang::letter(n));
    let help = Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 3)
        .help(app.content.words.t("help.this_help"));
    // The daily offer, with or without a yes standing: not now, nothing starts.
    let not_now = Binding::new(
        Act::Back,
        &[Key::Esc, Key::Char('q'), Key::Char(n)],
        "Esc",
        app.content.words.t("gate.not_now"),
        0,
    )
    .help(app.content.words.t("k.not_now_nothing_starts_q_and_n_too"));
    match g {
        // A yes still standing from before: the list again, no "none apply".
        Gate::Offer if !app.safety().standing.is_empty() => vec![
            Binding::new(
                Act::Check,
                &[Key::Char('c'), Key::Enter, Key::Char('!')],
                "c",
                app.content.words.t("k.checklist"),
                0,
            )
            .boxed(app.content.words.t("gate.go_through_short"))
            .help(
                app.content
                    .words
                    .t("k.go_through_the_checklist_enter_and_too"),
            ),
            Binding::help_only(
                Act::Start,
                &[Key::Char(y)],
                yl,
                app.content
                    .words
                    .t("k.not_while_a_yes_stands_it_says_so_go_thr"),
            ),
            not_now,
            help,
        ],
        Gate::Offer => vec![
            Binding::new(
                Act::Check,
                &[Key::Char('c'), Key::Enter, Key::Char('!')],
                "c",
                app.content.words.t("k.checklist"),
                0,
            )
            .boxed(app.content.words.t("gate.go_through"))
            .help(
                app.content
                    .words
                    .t("k.go_through_the_checklist_enter_and_too"),
            ),
            Binding::new(
                Act::Start,
                &[Key::Char(y)],
                yl,
                app.content.words.t("k.none_apply_start"),
                0,
            )
            .boxed(app.content.words.t("gate.none_apply")),
            not_now,
            help,
        ],
        Gate::Blocked => vec![
            Binding::new(
                Act::Check,
                &[Key::Char('c'), Key::Char('!')],
                "c",
                app.content.words.t("gate.answer_again"),
                0,
            )
            .help(app.content.words.t("k.go_through_the_checklist_again_too")),
            Binding::new(
                Act::Back,
                &[Key::Esc, Key::Char('q'), Key::Char(n), Key::Enter],
                "Esc",
                app.content.words.t("gate.back"),
                0,
            )
            .help(
                app.content
                    .words
                    .t("k.back_nothing_starts_q_n_and_enter_too"),
            ),
            help,
        ],
        Gate::ConfirmToday => vec![
            Binding::new(
                Act::Start,
                &[Key::Char(y)],
                yl,
                app.content.words.t("k.yes_start"),
                0,
            )
            .boxed(app.content.words.t("gate.today_yes")),
            Binding::new(
                Act::Back,
                &[Key::Char(n), Key::Esc, Key::Char('q'), Key::Enter],
                nl,
                app.content.words.t("word.no"),
                0,
            )
            .help(
                app.content
                    .words
                    .t("k.no_nothing_starts_esc_q_and_enter_too"),
            ),
            Binding::new(
                Act::Check,
                &[Key::Char('c'), Key::Char('!')],
                "c",
                app.content.words.t("gate.answer_again"),
                0,
            )
            .boxed(app.content.words.t("gate.today_again"))
            .help(app.content.words.t("k.answer_the_checklist_again_too")),
            help,
        ],
    }
}

pub fn run(app: &mut App, g: Gate, act: Act, now: Instant) -> bool {
    match (g, act) {
        (_, Act::Check) => app.open_checklist(now),
        // "None of these apply" only while no yes stands (another copy may have saved one
        // since the offer was shown: then the gate is asked again).
        (Gate::Offer, Act::Start) => {
            if !app.safety().standing.is_empty() {
                app.message = Some(app.content.words.t("msg.yes_stands").into());
                if let Some(g @ (Gate::Blocked | Gate::ConfirmToday)) = app.gate() {
                    app.overlays.pop();
                    app.push(Overlay::Gate(g));
                }
                return true;
            }
            app.overlays.pop();
            app.give(What::Complete {
                result: CheckResult::None,
                yes: Vec::new(),
                quick: true,
            });
            if let Some(plan) = app.pending.take() {
                app.start(plan, now);
            }
        }
        (Gate::ConfirmToday, Act::Start) => {
            app.overlays.pop();
            app.confirmed_today = true;
            if let Some(plan) = app.pending.take() {
                app.start(plan, now);
            }
        }
        // Never past a block.
        (Gate::Blocked, Act::Start) => return false,
        (_, Act::Back) => {
            app.overlays.pop();
            app.pending = None;
            app.skip_checkin_once = false;
        }
        (_, Act::Help) => app.push(Overlay::Help),
    }
    true
}
