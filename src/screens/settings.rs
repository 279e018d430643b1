//! Settings: check-ins, the day the spasm began, the colours.

use super::{Binding, CHECKLIST, HELP};
use crate::app::{App, Effect, Overlay};
use crate::keys::Key;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
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
        Binding::new(
            Act::Close,
            &[Key::Esc, Key::Char('q'), Key::Char('o'), Key::Enter],
            "Esc",
            "close",
            0,
        )
        .help("close (q, o and Enter too)"),
        Binding::new(Act::Checklist, &CHECKLIST, "!", "red flags", 2).help("red-flag checklist"),
        Binding::new(Act::Help, &HELP, "?", "help", 2).help("this help"),
    ]
}

pub fn run(app: &mut App, act: Act, _key: Key, now: Instant) -> bool {
    match act {
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
