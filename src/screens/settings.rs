//! Settings: check-ins, the day the spasm began, the colours.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Effect, Overlay, step_within};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Voice,
    Halfway,
    Wait,
    /// l L: longer or shorter lead-in; r R: longer or shorter rest.
    LeadIn,
    Rest,
    CheckIns,
    /// The next built-in language.
    Language,
    Theme,
    SpasmStart,
    Close,
    Checklist,
    Help,
}

pub fn keys(app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(
            Act::CheckIns,
            &[Key::Char('c')],
            "c",
            app.content.words.t("k.check_ins"),
            1,
        )
        .help(app.content.words.t("help.settings_checkins"))
        .named_in_box(),
        Binding::new(
            Act::SpasmStart,
            &[Key::Char('d')],
            "d",
            app.content.words.t("k.start_day"),
            1,
        )
        .help(app.content.words.t("help.settings_day"))
        .named_in_box(),
        Binding::new(
            Act::Language,
            &[Key::Char('i')],
            "i",
            app.content.words.t("k.language"),
            3,
        )
        .help(app.content.words.t("help.settings_language"))
        .named_in_box(),
        Binding::new(
            Act::Theme,
            &[Key::Char('t')],
            "t",
            app.content.words.t("k.colours"),
            1,
        )
        .help(app.content.words.t("help.settings_colours"))
        .named_in_box(),
        Binding::new(
            Act::Voice,
            &[Key::Char('v')],
            "v",
            app.content.words.t("k.voice"),
            1,
        )
        .help(app.content.words.t("help.settings_voice"))
        .named_in_box(),
        Binding::new(
            Act::Halfway,
            &[Key::Char('h')],
            "h",
            app.content.words.t("k.halfway"),
            2,
        )
        .help(app.content.words.t("help.settings_halfway"))
        .named_in_box(),
        Binding::new(
            Act::Wait,
            &[Key::Char('w')],
            "w",
            app.content.words.t("k.wait_for_me"),
            2,
        )
        .help(app.content.words.t("help.settings_wait"))
        .named_in_box(),
        Binding::new(
            Act::LeadIn,
            &[Key::Char('l'), Key::Char('L')],
            "l L",
            app.content.words.t("k.get_ready_time"),
            2,
        )
        .help(app.content.words.t("help.settings_lead_in"))
        .named_in_box(),
        Binding::new(
            Act::Rest,
            &[Key::Char('r'), Key::Char('R')],
            "r R",
            app.content.words.t("session.rest"),
            2,
        )
        .help(app.content.words.t("help.settings_rest"))
        .named_in_box(),
        Binding::new(
            Act::Close,
            &[Key::Esc, Key::Char('q'), Key::Char('o'), Key::Enter],
            "Esc",
            app.content.words.t("help.close"),
            0,
        )
        .help(app.content.words.t("k.close_q_o_and_enter_too")),
        Binding::new(
            Act::Checklist,
            &CHECKLIST,
            "!",
            app.content.words.t("foot.flags"),
            0,
        )
        .help(app.content.words.t("k.red_flag_checklist")),
        Binding::new(Act::Help, &HELP, "?", app.content.words.t("foot.help"), 2)
            .help(app.content.words.t("help.this_help")),
    ]
}

pub fn run(app: &mut App, act: Act, key: Key, now: Instant) -> bool {
    match act {
        Act::Language => app.next_language(),
        Act::Voice => {
            if app.voice_forced || app.quiet {
                app.message = Some(app.content.words.t("msg.voice_locked").into());
            } else {
                app.settings.voice = !app.settings.voice;
                if app.settings.voice && !app.speech.is_found() {
                    app.message = Some(crate::tr!(
                        app.content.words,
                        "msg.no_speech_command",
                        command = app.speech.describe_in(&app.content.words)
                    ));
                }
                app.effects.push(Effect::SaveSettings);
            }
        }
        Act::Halfway => {
            app.settings.halfway = !app.settings.halfway;
            app.effects.push(Effect::SaveSettings);
        }
        Act::Wait => {
            app.settings.wait = !app.settings.wait;
            app.effects.push(Effect::SaveSettings);
        }
        Act::LeadIn | Act::Rest => {
            let lead = act == Act::LeadIn;
            let up = matches!(key, Key::Char(c) if c.is_ascii_lowercase());
            let b = if lead {
                app.content.dose.lead_in_seconds
            } else {
                app.content.dose.rest_seconds
            };
            let v = if lead {
                &mut app.dose.lead_in_secs
            } else {
                &mut app.dose.rest_secs
            };
            *v = step_within(*v, b, up);
            let v = *v;
            if lead {
                app.settings.lead_in_seconds = Some(v);
            } else {
                app.settings.rest_seconds = Some(v);
            }
            app.effects.push(Effect::SaveSettings);
        }
        Act::CheckIns => {
            app.settings.checkins = !app.settings.checkins;
            app.effects.push(Effect::SaveSettings);
        }
        Act::Theme => {
            if app.theme_locked {
                app.message = Some(app.content.words.t("msg.theme_locked").into());
            } else {
                app.theme = app.theme.next();
                app.settings.theme = Some(app.theme.key().to_string());
                app.effects.push(Effect::SaveSettings);
            }
        }
        Act::SpasmStart => {
            app.open_spasm_start(app.spasm_day().map_or(0, |d| (d - 1).max(0) as u32));
        }
        Act::Close => {
            app.overlays.pop();
        }
        Act::Checklist => app.open_checklist(now),
        Act::Help => app.push(Overlay::Help),
    }
    true
}
