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
    Theme,
    SpasmStart,
    Close,
    Checklist,
    Help,
}

pub fn keys(_app: &App) -> Vec<Binding<Act>> {
    vec![
        Binding::new(Act::CheckIns, &[Key::Char('c')], "c", "check-ins", 1)
            .help("pain check-ins on or off")
            .named_in_box(),
        Binding::new(Act::SpasmStart, &[Key::Char('d')], "d", "start day", 1)
            .help("the day the spasm began")
            .named_in_box(),
        Binding::new(Act::Theme, &[Key::Char('t')], "t", "colours", 1)
            .help("colours: default, high-contrast, mono")
            .named_in_box(),
        Binding::new(Act::Voice, &[Key::Char('v')], "v", "voice", 1)
            .help("spoken cues on or off")
            .named_in_box(),
        Binding::new(Act::Halfway, &[Key::Char('h')], "h", "halfway", 2)
            .help("the halfway cue on or off")
            .named_in_box(),
        Binding::new(Act::Wait, &[Key::Char('w')], "w", "wait for me", 2)
            .help("start each stretch when I am ready")
            .named_in_box(),
        Binding::new(
            Act::LeadIn,
            &[Key::Char('l'), Key::Char('L')],
            "l L",
            "get-ready time",
            2,
        )
        .help("longer or shorter time to get into position")
        .named_in_box(),
        Binding::new(
            Act::Rest,
            &[Key::Char('r'), Key::Char('R')],
            "r R",
            "rest",
            2,
        )
        .help("longer or shorter rest between holds")
        .named_in_box(),
        Binding::new(
            Act::Close,
            &[Key::Esc, Key::Char('q'), Key::Char('o'), Key::Enter],
            "Esc",
            "close",
            0,
        )
        .help("close (q, o and Enter too)"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 0).help("red-flag checklist"),
        Binding::new(Act::Help, &HELP, "?", "help", 2).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, key: Key, now: Instant) -> bool {
    match act {
        Act::Voice => {
            if app.voice_forced || app.quiet {
                app.message = Some("Voice is set by --voice or --quiet for this run.".into());
            } else {
                app.settings.voice = !app.settings.voice;
                if app.settings.voice && !app.speech.is_found() {
                    app.message = Some(format!(
                        "No speech command was found ({}): the bell carries on.",
                        app.speech.describe()
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
                app.message = Some(
                    "The theme is set by --theme, --no-color or NO_COLOR for this run.".into(),
                );
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
