//! "It hurts: ease off": the box a pain stop opens over the paused session.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Overlay};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Gentler,
    Skip,
    End,
    Checklist,
    Back,
    Help,
}

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(Act::Gentler, &[Key::Char('g')], "g", "gentler", 0)
            .boxed(crate::tr!(
                app.content.words,
                "pain.gentler",
                seconds = app.content.dose.hold_seconds.min
            ))
            .help(app.content.words.t("help.pain_gentler")),
        Binding::new(
            Act::Skip,
            &[Key::Char('s')],
            "s",
            app.content.words.t("k.skip_stretch"),
            0,
        )
        .boxed(app.content.words.t("pain.skip"))
        .help(app.content.words.t("help.pain_skip")),
        Binding::new(
            Act::End,
            &[Key::Char('e')],
            "e",
            app.content.words.t("k.end_session"),
            0,
        )
        .boxed(app.content.words.t("help.pain_end")),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            0,
        )
        .boxed(app.content.words.t("notice.go_through")),
        Binding::new(
            Act::Back,
            &[Key::Esc, Key::Enter, Key::Char('q')],
            "Esc",
            app.content.words.t("gate.back"),
            0,
        )
        .boxed(app.content.words.t("help.pain_back"))
        .help(
            app.content
                .words
                .t("k.back_to_the_paused_hold_enter_and_q_too"),
        ),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 2)
            .help(app.content.words.t("help.this_help")),
    ]
}

pub fn run(app: &mut App, act: Act, _key: Key, now: Instant) -> bool {
    match act {
        Act::Gentler => {
            app.overlays.pop();
            app.pain_stop_then("gentler");
            let min = app.content.dose.hold_seconds.min;
            if let Some(s) = app.session.as_mut() {
                s.gentler(now, min);
            }
        }
        Act::Skip => {
            app.overlays.pop();
            app.pain_stop_then("skip");
            if let Some(s) = app.session.as_mut() {
                // The next stretch waits for the person, whatever the setting.
                s.skip_stretch(now);
            }
        }
        Act::End => {
            app.overlays.pop();
            app.pain_stop_then("end");
            app.end_session(now);
        }
        // The box stays under the checklist: leaving the checklist comes back to it.
        Act::Checklist => app.open_checklist(now),
        Act::Back => {
            app.overlays.pop();
            app.pain_stop_then("paused");
        }
        Act::Help => app.push(Overlay::Help),
    }
    true
}
