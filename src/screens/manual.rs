//! Every screen's and popup's keys for the manual page, read from the same tables as the
//! footers and the help, so the manual cannot name a key that does nothing either.

use super::{View, everywhere, rows_for};
use crate::app::{App, Gate, Overlay, Screen, Wall, When};
use crate::content::Content;
use crate::session::Session;
use crate::store::State;
use std::time::Instant;

/// A section of the manual: where, then each key with what it does.
pub type Section = (String, Vec<(String, String)>);

/// An app on `screen` with `overlay` on top, as a person would meet it.
fn at(content: &Content, screen: Screen, overlay: Option<Overlay>) -> App {
    // The notice as on the first run, when q quits.
    let state = State {
        notice_seen: overlay != Some(Overlay::Notice),
        ..State::default()
    };
    let mut a = App::new(
        content.clone(),
        state,
        Box::new(|| Wall {
            date: "2026-01-01".into(),
            at: "2026-01-01T09:00:00+00:00".into(),
        }),
    );
    if screen == Screen::Session || screen == Screen::Summary {
        let plan = a.routine_plan(0);
        let (s, _) = Session::start_waiting(plan, false, Instant::now());
        a.session = Some(s);
    }
    if let Screen::Detail { .. } = screen {
        a.cursor = a.content.routines.len();
    }
    a.screen = screen;
    a.overlays.extend(overlay);
    a
}

/// The keys of every screen and popup, each in its table's order.
pub fn sections(content: &Content) -> Vec<Section> {
    let views: Vec<(&str, Screen, Option<Overlay>)> = vec![
        ("Home", Screen::Home, None),
        (
            "A stretch's how-to",
            Screen::Detail {
                stretch: 0,
                scroll: 0,
            },
            None,
        ),
        ("Session", Screen::Session, None),
        ("Summary", Screen::Summary, None),
        ("Progress", Screen::History, None),
        ("Help", Screen::Home, Some(Overlay::Help)),
        ("First-run notice", Screen::Home, Some(Overlay::Notice)),
        (
            "End the session?",
            Screen::Session,
            Some(Overlay::ConfirmEnd),
        ),
        (
            "It hurts (after h)",
            Screen::Session,
            Some(Overlay::PainStop),
        ),
        ("Red-flag checklist", Screen::Home, Some(Overlay::Checklist)),
        (
            "Before a session: the warning signs",
            Screen::Home,
            Some(Overlay::Gate(Gate::Offer)),
        ),
        (
            "Before a session: blocked",
            Screen::Home,
            Some(Overlay::Gate(Gate::Blocked)),
        ),
        (
            "Before a session: a sign for a doctor today",
            Screen::Home,
            Some(Overlay::Gate(Gate::ConfirmToday)),
        ),
        (
            "Pain check-in before a session",
            Screen::Home,
            Some(Overlay::CheckIn(When::Before)),
        ),
        (
            "Pain check-in after a session",
            Screen::Summary,
            Some(Overlay::CheckIn(When::After)),
        ),
        (
            "When the spasm began",
            Screen::Home,
            Some(Overlay::SpasmStart),
        ),
        ("Settings", Screen::Home, Some(Overlay::Settings)),
        ("Not saved", Screen::Home, Some(Overlay::SaveFailed)),
    ];
    let mut out: Vec<Section> = views
        .into_iter()
        .map(|(name, screen, overlay)| {
            let a = at(content, screen, overlay);
            let view = overlay.map_or(View::Screen, View::Overlay);
            let keys = rows_for(&a, view)
                .into_iter()
                .map(|(_, h)| (h.label.to_string(), h.help))
                .collect();
            (name.to_string(), keys)
        })
        .collect();
    out.push((
        "Anywhere".to_string(),
        everywhere(&crate::lang::Words::default())
            .into_iter()
            .map(|h| (h.label.to_string(), h.help))
            .collect(),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_and_popup_has_its_keys_in_the_manual() {
        let c = Content::embedded();
        let s = sections(&c);
        assert!(s.len() >= 19);
        for (name, keys) in &s {
            assert!(!keys.is_empty(), "{name}");
            assert!(
                keys.iter().all(|(k, w)| !k.is_empty() && !w.is_empty()),
                "{name}"
            );
        }
        let find = |n: &str| &s.iter().find(|(name, _)| name == n).unwrap().1;
        // The words the tables give: Esc before a session goes back, q on the notice quits.
        assert!(
            find("Pain check-in before a session")
                .iter()
                .any(|(k, w)| k == "Esc" && w.contains("nothing starts"))
        );
        assert!(
            find("First-run notice")
                .iter()
                .any(|(k, w)| k == "q" && w.contains("quit"))
        );
        assert!(find("Session").iter().any(|(k, _)| k == "h"));
    }
}
