//! The walk: every screen and popup, at 80x24 and 40x12. Every key its footer and its box
//! name is pressed and must do what its words say; every key that changes anything must be
//! in its table (and so in its footer or its help).

use super::{Hint, footer, hints, rows, top_view};
use crate::app::tests::{answer_all, app, cleared_app, fixed_wall};
use crate::app::{App, Gate, Overlay, Screen, When};
use crate::content::Content;
use crate::keys::Key;
use crate::store::State;
use std::time::{Duration, Instant};

/// What can be seen of the model, to tell whether a key did something and what.
#[derive(Debug, Clone, PartialEq)]
struct Snap {
    screen: Screen,
    overlays: Vec<Overlay>,
    cursor: usize,
    dose: (u32, u32),
    ticked: Vec<bool>,
    /// Step index, item, paused, finished, seconds left.
    session: Option<(usize, usize, bool, bool, u64)>,
    quit: bool,
    message: Option<String>,
    checklist: (usize, usize, bool, Option<String>),
    settings: String,
    theme: String,
    checkin: Option<u8>,
    spasm: (u32, String),
    help_scroll: u16,
    pending: bool,
    history: usize,
    checks: usize,
    notice_seen: bool,
}

fn snap(a: &App, now: Instant) -> Snap {
    Snap {
        screen: a.screen.clone(),
        overlays: a.overlays.clone(),
        cursor: a.cursor,
        dose: (a.dose.hold_secs, a.dose.reps),
        ticked: a.ticked.clone(),
        session: a.session.as_ref().map(|s| {
            (
                s.index(),
                s.step().item,
                s.is_paused(),
                s.is_finished(),
                s.timer().remaining(now).as_secs(),
            )
        }),
        quit: a.quit,
        message: a.message.clone(),
        checklist: (
            a.checklist.cursor,
            a.checklist.answered(),
            a.checklist.result.is_some(),
            a.checklist.note.clone(),
        ),
        settings: format!("{:?}", a.settings),
        theme: format!("{:?}", a.theme),
        checkin: a.checkin.cursor,
        spasm: (a.spasm.days_ago, a.spasm.entry.clone()),
        help_scroll: a.help.scroll,
        pending: a.pending.is_some(),
        history: a.history.len(),
        checks: a.state.safety.entries.len(),
        notice_seen: a.state.notice_seen,
    }
}

fn t0() -> Instant {
    // One instant for every state, so replays are the same.
    static T: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *T.get_or_init(Instant::now)
}

fn press(a: &mut App, keys: &[Key]) {
    for k in keys {
        a.on_key(*k, t0());
    }
}

fn ch(s: &str) -> Vec<Key> {
    s.chars().map(Key::Char).collect()
}

/// An app with a stretch that hurt in its last session (so home offers x).
fn hurt_app() -> App {
    let mut a = cleared_app();
    // in-bed: on to the hold, it hurts, end; then home.
    press(&mut a, &[Key::Enter]);
    press(&mut a, &ch("nhe"));
    press(&mut a, &[Key::Enter]);
    a.effects.clear();
    a
}

/// A state of the walk: its name, and how to get there from a fresh app.
type Walk = (&'static str, fn() -> App);

/// Every state the walk visits.
fn states() -> Vec<Walk> {
    vec![
        ("home on a routine", cleared_app),
        ("home on a stretch", || {
            let mut a = cleared_app();
            a.cursor = 4;
            a
        }),
        ("home on start ticked, one ticked", || {
            let mut a = cleared_app();
            a.cursor = 5;
            press(&mut a, &ch(" "));
            press(&mut a, &[Key::End]);
            a
        }),
        ("home with a stretch that hurt", hurt_app),
        ("detail", || {
            let mut a = cleared_app();
            a.cursor = 4;
            press(&mut a, &[Key::Enter, Key::Down]);
            a
        }),
        ("session lead-in", || {
            let mut a = cleared_app();
            press(&mut a, &[Key::Enter]);
            a
        }),
        ("session waiting for the person", || {
            let mut a = cleared_app();
            a.settings.wait = true;
            press(&mut a, &[Key::Enter]);
            assert!(a.session.as_ref().unwrap().is_waiting());
            a
        }),
        ("session hold, second step", || {
            let mut a = cleared_app();
            press(&mut a, &[Key::Enter]);
            press(&mut a, &ch("n"));
            a
        }),
        ("session hold, paused", || {
            let mut a = cleared_app();
            press(&mut a, &[Key::Enter]);
            press(&mut a, &ch("n "));
            a
        }),
        ("summary", || {
            let mut a = cleared_app();
            press(&mut a, &[Key::Enter]);
            press(&mut a, &ch("nqy"));
            a
        }),
        ("progress", || {
            let mut a = hurt_app();
            press(&mut a, &ch("p"));
            a
        }),
        ("help over home", || {
            let mut a = cleared_app();
            press(&mut a, &ch("?"));
            a
        }),
        ("help over a hold", || {
            let mut a = cleared_app();
            press(&mut a, &[Key::Enter]);
            press(&mut a, &ch("n?"));
            a
        }),
        ("first-run notice", || {
            let mut a = App::new(
                Content::embedded(),
                State::default(),
                fixed_wall("2026-11-24"),
            );
            a.settings.checkins = false;
            a
        }),
        ("notice from the help", || {
            let mut a = cleared_app();
            press(&mut a, &ch("?d"));
            a
        }),
        ("end the session?", || {
            let mut a = cleared_app();
            press(&mut a, &[Key::Enter]);
            press(&mut a, &ch("nq"));
            a
        }),
        ("pain stop", || {
            let mut a = cleared_app();
            press(&mut a, &[Key::Enter]);
            press(&mut a, &ch("nh"));
            a
        }),
        ("checklist questions", || {
            let mut a = cleared_app();
            press(&mut a, &ch("!n"));
            a
        }),
        ("checklist result", || {
            let mut a = cleared_app();
            press(&mut a, &ch("!"));
            answer_all(&mut a, &[], t0());
            a
        }),
        ("gate: offer", || {
            let mut a = app();
            press(&mut a, &[Key::Enter]);
            a
        }),
        ("gate: blocked", || {
            let mut a = app();
            press(&mut a, &ch("!"));
            answer_all(&mut a, &["saddle-numbness"], t0());
            press(&mut a, &[Key::Enter, Key::Enter]);
            assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
            a
        }),
        ("gate: confirm today", || {
            let mut a = app();
            press(&mut a, &ch("!"));
            answer_all(&mut a, &["fever"], t0());
            press(&mut a, &[Key::Enter, Key::Enter]);
            assert_eq!(a.top(), Some(Overlay::Gate(Gate::ConfirmToday)));
            a
        }),
        ("check-in before, nothing chosen", || {
            let mut a = cleared_app();
            a.settings.checkins = true;
            press(&mut a, &[Key::Enter]);
            a
        }),
        ("check-in before, a rating shown", || {
            let mut a = cleared_app();
            a.settings.checkins = true;
            press(&mut a, &[Key::Enter, Key::Right]);
            a
        }),
        ("check-in after", || {
            let mut a = cleared_app();
            a.settings.checkins = true;
            a.settings.spasm_asked = true;
            press(&mut a, &[Key::Enter]);
            press(&mut a, &ch("4nqy"));
            assert_eq!(a.top(), Some(Overlay::CheckIn(When::After)));
            a
        }),
        ("start of the spasm", || {
            let mut a = cleared_app();
            press(&mut a, &ch("od"));
            a
        }),
        ("not saved", || {
            let mut a = cleared_app();
            press(&mut a, &[Key::Enter]);
            press(&mut a, &ch("n"));
            a.save_failed("The history could not be written.".into(), t0());
            a
        }),
        ("settings", || {
            let mut a = cleared_app();
            press(&mut a, &ch("o"));
            a
        }),
    ]
}

/// Whether the words of a footer or box did what they say, from before and after.
fn says(word: &str, key: Key, b: &Snap, a: &Snap) -> Result<(), String> {
    let popped = a.overlays.len() + 1 == b.overlays.len()
        && a.overlays[..] == b.overlays[..a.overlays.len()];
    let top = a.overlays.last().copied();
    let started = a.screen == Screen::Session && b.screen != Screen::Session
        || matches!(
            top,
            Some(Overlay::Gate(_) | Overlay::CheckIn(When::Before) | Overlay::Notice)
        ) && a.pending;
    let step = |s: &Snap| s.session.map(|s| s.0);
    let ok = match word {
        "help" | "more keys" => top == Some(Overlay::Help),
        "red flags" | "warning signs" | "checklist" => top == Some(Overlay::Checklist),
        "answer again" => {
            top == Some(Overlay::Checklist)
                && (!a.checklist.2 && a.checklist.1 == 0
                    || b.overlays.last() != Some(&Overlay::Checklist))
        }
        "quit" => a.quit && (b.notice_seen == a.notice_seen),
        // Space on a stretch waiting for the person: it runs.
        "start" if b.screen == Screen::Session => a.session.is_some_and(|s| !s.2),
        "start" | "start this stretch" | "none apply: start" | "yes, start" => {
            started || a.screen == Screen::Session
        }
        "start ticked" => started || a.message.as_deref().is_some_and(|m| m.contains("Tick")),
        "how-to" => matches!(a.screen, Screen::Detail { .. }),
        "tick" => a.ticked != b.ticked,
        "hold" => a.dose.0 != b.dose.0 || a.message.as_deref().is_some_and(|m| m.contains("hold")),
        "reps" => {
            a.dose.1 != b.dose.1
                || a.message
                    .as_deref()
                    .is_some_and(|m| m.contains("repetition"))
        }
        "progress" => a.screen == Screen::History,
        "settings" => top == Some(Overlay::Settings),
        "leave out what hurt" | "keep all" => a.settings != b.settings && a.message.is_some(),
        "move" | "scroll" | "switch" | "earlier/later" => a != b,
        "back" => {
            // Back never starts anything.
            !(a.screen == Screen::Session && b.screen != Screen::Session)
                && (a.screen == Screen::Home && b.screen != Screen::Home
                || popped
                || step(a) < step(b)
                // p on the first step starts it again.
                || (step(a) == step(b) && a.session.map(|s| s.4) > b.session.map(|s| s.4)))
        }
        "pause" => a.session.is_some_and(|s| s.2),
        "go on" => a.session.is_some_and(|s| !s.2),
        "next" => step(a) > step(b),
        // The same step from its start, running.
        "restart" => {
            step(a) == step(b)
                && a.session.map(|s| s.4) >= b.session.map(|s| s.4)
                && a.session.is_some_and(|s| !s.2)
        }
        "it hurts" => top == Some(Overlay::PainStop) && a.session.is_some_and(|s| s.2),
        "end" => top == Some(Overlay::ConfirmEnd),
        "end it" | "end session" => {
            a.session.is_none_or(|s| s.3)
                && !matches!(top, Some(Overlay::ConfirmEnd | Overlay::PainStop))
        }
        "home" => a.screen == Screen::Home,
        "close" => popped,
        "notice" => top == Some(Overlay::Notice),
        "I understand" => popped && a.notice_seen,
        "I have read this" => !a.overlays.contains(&Overlay::SaveFailed),
        "keep going" => popped && a.session.is_some_and(|s| !s.3),
        "gentler" => popped && a.session.is_some_and(|s| !s.2),
        "skip stretch" => {
            popped
                && (a.session.map(|s| s.1) > b.session.map(|s| s.1)
                    || a.session.is_some_and(|s| s.3))
        }
        "yes" | "no" => {
            a.checklist.1 > b.checklist.1
                || a.checklist.2
                // The gate's "no": nothing starts.
                || (word == "no" && popped && !a.pending && a.session.is_none())
        }
        "result" => a.checklist != b.checklist,
        "leave" => popped,
        "not now" => popped && !a.pending && a.screen == Screen::Home && a.session.is_none(),
        w if w == "rating" || w.starts_with("keep ") || w == "skip" => {
            // The check-in is answered (or the question skipped): it closes.
            !matches!(b.overlays.last(), Some(o) if a.overlays.last() == Some(o))
                && (b.overlays.last() != Some(&Overlay::CheckIn(When::Before))
                    || a.screen == Screen::Session)
        }
        "days ago" => a.spasm != b.spasm,
        "keep" => popped && a.settings != b.settings,
        "clear" => popped && a.settings.contains("spasm_start: None"),
        "check-ins" | "halfway" | "wait for me" | "get-ready time" | "rest" => {
            a.settings != b.settings
        }
        "voice" => a.settings != b.settings || a.message.is_some(),
        "start day" => top == Some(Overlay::SpasmStart),
        "colours" => a.theme != b.theme || a.message.is_some(),
        "language" => a.settings != b.settings,
        other => {
            return Err(format!(
                "no expectation for the footer words {other:?} ({key:?}): add one"
            ));
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{word:?} ({key:?}) did not do what it says:\n before {b:?}\n after  {a:?}"
        ))
    }
}

/// Words that move along a list or a scale: at one end, one direction does nothing, so
/// one of the binding's keys doing something is enough.
fn moves(word: &str) -> bool {
    matches!(word, "move" | "scroll" | "earlier/later")
}

#[test]
fn every_key_a_footer_names_does_what_it_says() {
    let later = t0() + Duration::from_secs(3);
    let mut checked = 0;
    for (w, h) in [(80u16, 24u16), (40, 12)] {
        for (name, make) in states() {
            let mut a = make();
            a.resize(w, h);
            let named: Vec<(Vec<Key>, Hint)> = rows(&a)
                .into_iter()
                .filter(|(_, h)| h.footer.is_some())
                .collect();
            assert!(!named.is_empty(), "{name}: a footer with no keys");
            for (keys, hint) in named {
                let mut any = Vec::new();
                for key in &keys {
                    let mut a = make();
                    a.resize(w, h);
                    a.message = None;
                    let before = snap(&a, later);
                    a.on_key(*key, later);
                    let after = snap(&a, later);
                    let r = says(&hint.word, *key, &before, &after);
                    checked += 1;
                    if moves(&hint.word) {
                        any.push(r);
                    } else if let Err(e) = r {
                        panic!("{name} at {w}x{h}: {e}");
                    }
                }
                if moves(&hint.word) {
                    assert!(
                        any.iter().any(Result::is_ok),
                        "{name} at {w}x{h}: no key of {:?} moves: {:?}",
                        hint.label,
                        any
                    );
                }
            }
        }
    }
    assert!(checked > 200, "{checked}");
}

/// Every key there is, for the check that nothing acts without being named.
fn all_keys() -> Vec<Key> {
    let mut v: Vec<Key> = (0x20u8..0x7f).map(|c| Key::Char(c as char)).collect();
    v.extend([
        Key::Up,
        Key::Down,
        Key::Left,
        Key::Right,
        Key::Home,
        Key::End,
        Key::PageUp,
        Key::PageDown,
        Key::Enter,
        Key::Esc,
        Key::Tab,
        Key::BackTab,
        Key::Backspace,
    ]);
    v
}

#[test]
fn every_key_a_screen_acts_on_is_in_its_footer_or_help() {
    let later = t0() + Duration::from_secs(3);
    for (name, make) in states() {
        let a = make();
        let table = rows(&a);
        let help: Vec<Hint> = {
            let mut h = make();
            // What the help lists over this screen or popup: its whole table.
            h.overlays.push(Overlay::Help);
            super::help::rows(&h)
        };
        for key in all_keys() {
            let mut a = make();
            a.message = None;
            let was_help = a.top() == Some(Overlay::Help);
            let before = snap(&a, later);
            let changed = a.on_key(key, later);
            let after = snap(&a, later);
            if before == after && !changed {
                continue;
            }
            let row = table.iter().find(|(ks, _)| ks.contains(&key));
            let Some((_, hint)) = row else {
                panic!(
                    "{name}: {key:?} acts but is in no table row\n before {before:?}\n after  {after:?}"
                );
            };
            assert!(
                hint.footer.is_some() || help.contains(hint),
                "{name}: {key:?} ({}) is in neither its footer nor its help",
                hint.label
            );
            if !was_help {
                assert!(
                    help.contains(hint),
                    "{name}: the help lacks {:?}",
                    hint.label
                );
            }
        }
    }
}

#[test]
fn the_footer_drawn_is_the_table_of_what_is_on_top() {
    for (w, h) in [(80u16, 24u16), (40, 12)] {
        for (name, make) in states() {
            let mut a = make();
            let on_top_is_full_screen = matches!(
                top_view(&a),
                super::View::Screen | super::View::Overlay(Overlay::Checklist)
            );
            let screen = crate::ui::tests::text(&crate::ui::tests::render(&mut a, w, h, t0()));
            let last = screen.lines().last().unwrap_or("").to_string();
            let f = footer(&a.content.words, &hints(&a), w);
            if on_top_is_full_screen {
                for (label, word) in &f.shown {
                    assert!(
                        last.contains(&format!("{label} {word}")),
                        "{name} at {w}x{h}: footer lacks {label} {word}: {last:?}"
                    );
                }
                assert_eq!(
                    f.more,
                    last.contains(&format!("? {}", f.more_word)),
                    "{name} at {w}x{h}: {last:?}"
                );
            }
            // No footer names a key of the screen under a popup.
            if let super::View::Overlay(_) = top_view(&a) {
                let under = super::hints_for(&a, super::View::Screen);
                let own = hints(&a);
                for u in under {
                    if u.footer.is_some() && !own.iter().any(|o| o.label == u.label) {
                        assert!(
                            !last.contains(&format!(" {} {} ", u.label, u.word)),
                            "{name} at {w}x{h}: the footer names {} {} of the screen underneath: {last:?}",
                            u.label,
                            u.word
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn at_80_columns_no_essential_key_is_missing() {
    for (name, make) in states() {
        let a = make();
        let all = hints(&a);
        let f = footer(&crate::lang::Words::default(), &all, 80);
        for h in all.iter().filter(|h| h.footer == Some(0) && h.label != "?") {
            assert!(
                f.shown.iter().any(|(l, _)| *l == h.label),
                "{name}: {} missing at 80: {f:?}",
                h.label
            );
        }
        let named = all.iter().filter(|h| h.footer.is_some()).count();
        assert!(
            f.more || f.shown.len() == named,
            "{name}: keys left out without \"? more keys\": {f:?}"
        );
    }
    // Where "? more keys" shows, ? does open the help.
    for (name, make) in states() {
        let a = make();
        for w in [40, 80] {
            if footer(&a.content.words, &hints(&a), w).more {
                let mut b = make();
                b.on_key(Key::Char('?'), t0());
                assert_eq!(b.top(), Some(Overlay::Help), "{name} at {w}: ? more keys");
            }
        }
    }
    // The keys that once showed only at 160 columns.
    let mut a = cleared_app();
    let f = footer(&a.content.words, &hints(&a), 80);
    for k in ["p", "o", "Enter", "!", "q"] {
        assert!(
            f.shown.iter().any(|(l, _)| *l == k),
            "home at 80 lacks {k}: {f:?}"
        );
    }
    press(&mut a, &[Key::Enter]);
    press(&mut a, &ch("n"));
    let f = footer(&a.content.words, &hints(&a), 80);
    assert!(!f.more, "{f:?}");
    for k in ["Space", "n", "p", "r", "h", "!", "?", "q"] {
        assert!(
            f.shown.iter().any(|(l, _)| *l == k),
            "session at 80 lacks {k}: {f:?}"
        );
    }
}
