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
    let help = Binding::new(Act::Help, &HELP, "?", "help", 3).help("this help");
    match g {
        // A yes still standing from before: the list again, no "none apply".
        Gate::Offer if !app.safety().standing.is_empty() => vec![
            Binding::new(
                Act::Check,
                &[Key::Char('c'), Key::Enter, Key::Char('!')],
                "c",
                "checklist",
                0,
            )
            .boxed("go through the checklist")
            .help("go through the checklist (Enter and ! too)"),
            Binding::help_only(
                Act::Start,
                &[Key::Char('y')],
                "y",
                "not while a yes stands: it says so; go through the list",
            ),
            Binding::new(
                Act::Back,
                &[Key::Esc, Key::Char('q'), Key::Char('n')],
                "Esc",
                "not now",
                0,
            )
            .help("not now: nothing starts (q and n too)"),
            help,
        ],
        Gate::Offer => vec![
            Binding::new(
                Act::Check,
                &[Key::Char('c'), Key::Enter, Key::Char('!')],
                "c",
                "checklist",
                0,
            )
            .boxed("go through the checklist (about a minute)")
            .help("go through the checklist (Enter and ! too)"),
            Binding::new(Act::Start, &[Key::Char('y')], "y", "none apply: start", 0)
                .boxed("none of these apply to me: start"),
            Binding::new(
                Act::Back,
                &[Key::Esc, Key::Char('q'), Key::Char('n')],
                "Esc",
                "not now",
                0,
            )
            .help("not now: nothing starts (q and n too)"),
            help,
        ],
        Gate::Blocked => vec![
            Binding::new(
                Act::Check,
                &[Key::Char('c'), Key::Char('!')],
                "c",
                "answer again",
                0,
            )
            .help("go through the checklist again (! too)"),
            Binding::new(
                Act::Back,
                &[Key::Esc, Key::Char('q'), Key::Char('n'), Key::Enter],
                "Esc",
                "back",
                0,
            )
            .help("back: nothing starts (q, n and Enter too)"),
            help,
        ],
        Gate::ConfirmToday => vec![
            Binding::new(Act::Start, &[Key::Char('y')], "y", "yes, start", 0)
                .boxed("yes, start anyway"),
            Binding::new(
                Act::Back,
                &[Key::Char('n'), Key::Esc, Key::Char('q'), Key::Enter],
                "n",
                "no",
                0,
            )
            .help("no: nothing starts (Esc, q and Enter too)"),
            Binding::new(
                Act::Check,
                &[Key::Char('c'), Key::Char('!')],
                "c",
                "answer again",
                0,
            )
            .boxed("answer the checklist again")
            .help("answer the checklist again (! too)"),
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
                app.message =
                    Some("A yes answer still stands: press c to go through the list again.".into());
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
