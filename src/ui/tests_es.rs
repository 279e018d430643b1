//! Every screen in Spanish, at 80x24 and 40x12: snapshots, and none of the English words
//! of the interface anywhere on them.

use super::tests::{render, sample_history, text};
use crate::app::tests::fixed_wall;
use crate::app::{App, Gate, Overlay, Screen};
use crate::content::Content;
use crate::keys::Key;
use crate::safety::{CheckResult, Entry, What};
use crate::store::State;
use std::time::{Duration, Instant};

/// Words of the English interface that must never show on a Spanish screen.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "you",
    "your",
    "yes",
    "Yes",
    "Press",
    "press",
    "Enter",
    "Space",
    "Hold",
    "hold",
    "Routines",
    "Stretches",
    "Start",
    "start",
    "seconds",
    "Paused",
    "PAUSED",
    "running",
    "Settings",
    "Progress",
    "Summary",
    "Red",
    "flags",
    "answer",
    "pain",
    "Pain",
    "doctor",
    "today",
    "Today",
    "Before",
    "before",
    "EMERGENCY",
    "emergency",
    "help",
    "quit",
    "back",
    "next",
    "end",
    "Keys",
    "close",
    "move",
    "tick",
    "left",
    "rest",
    "REST",
    "Rest",
    "sessions",
    "session",
    "checked",
    "warning",
    "Warning",
    "signs",
    "stretch",
    "repetitions",
    "reps",
    "day",
    "days",
    "Choose",
    "Voice",
    "Colours",
    "Stop",
    "stop",
    "Call",
    "number",
    "Not",
    "not",
    "none",
    "None",
    "Check",
    "check",
    "Tick",
    "What",
    "When",
    "how",
    "How",
    "Why",
    "Position",
    "Take",
    "care",
    "Well",
    "done",
    "held",
    "Time",
    "gentle",
    "Gentle",
    "hurts",
    "skip",
    "Skip",
    "Hurt",
    "hurt",
    "checklist",
    "NO",
    "STRETCHING",
    "Session",
    "blocked",
    "Are",
    "sure",
    "WAITING",
    "FOR",
    "YOU",
    "ready",
];

/// The words on a screen that belong to the English interface.
fn english_words(screen: &str) -> Vec<String> {
    let mut found: Vec<String> = screen
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| ENGLISH.contains(w))
        .map(str::to_string)
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Snapshots one state at both sizes and checks it has no English.
fn snap(name: &str, app: &mut App, now: Instant) {
    app.tick(now);
    for (w, h) in [(80, 24), (40, 12)] {
        let screen = text(&render(app, w, h, now));
        let english = english_words(&screen);
        assert!(
            english.is_empty(),
            "{name} at {w}x{h} shows English words {english:?}:\n{screen}"
        );
        insta::assert_snapshot!(format!("es_{name}_{w}x{h}"), screen);
    }
}

fn es(state: State) -> App {
    let mut a = App::new(Content::built_in("es"), state, fixed_wall("2026-11-24"));
    a.settings.checkins = false;
    a
}

/// Past the notice, nothing answered.
fn unchecked() -> App {
    es(State {
        notice_seen: true,
        ..State::default()
    })
}

/// Past the notice, the list answered no earlier today.
fn cleared() -> App {
    let mut a = unchecked();
    a.state.safety.push(Entry {
        seq: 0,
        check: "earlier".into(),
        date: "2026-11-24".into(),
        at: "2026-11-24T08:00:00+00:00".into(),
        what: What::Complete {
            result: CheckResult::None,
            yes: vec![],
            quick: false,
        },
    });
    a
}

/// The Spanish answer keys: s for the given sign ids, n for the rest.
fn answer_all(a: &mut App, yes: &[&str], now: Instant) {
    while a.checklist.result.is_none() {
        let id = a.content.red_flags.signs[a.checklist.current()].id.clone();
        let k = if yes.contains(&id.as_str()) { 's' } else { 'n' };
        a.on_key(Key::Char(k), now);
        if a.checklist.emergency_yes(&a.content) && a.checklist.result.is_none() {
            // The rest are optional after an emergency yes: answer them all the same.
            continue;
        }
    }
}

fn answered(yes: &[&str]) -> App {
    let t = Instant::now();
    let mut a = unchecked();
    a.on_key(Key::Char('!'), t);
    answer_all(&mut a, yes, t);
    a
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn the_first_notice_home_and_how_to_in_spanish() {
    let t = Instant::now();
    let mut a = es(State::default());
    snap("notice", &mut a, t);
    let mut a = cleared();
    snap("home", &mut a, t);
    for _ in 0..6 {
        a.on_key(Key::Down, t);
    }
    a.on_key(Key::Char(' '), t);
    snap("home_stretch_ticked", &mut a, t);
    a.on_key(Key::End, t);
    snap("home_start_ticked", &mut a, t);
    a.on_key(Key::Char('?'), t);
    snap("help_home", &mut a, t);
    let mut a = cleared();
    a.screen = Screen::Detail {
        stretch: 2,
        scroll: 0,
    };
    snap("detail", &mut a, t);
}

#[test]
fn the_checklist_its_results_and_the_gates_in_spanish() {
    let t = Instant::now();
    let mut a = unchecked();
    a.on_key(Key::Enter, t);
    assert_eq!(a.top(), Some(Overlay::Gate(Gate::Offer)));
    snap("gate_offer", &mut a, t);
    a.on_key(Key::Char('c'), t);
    snap("checklist_start", &mut a, t);
    // s answers yes in Spanish: an emergency sign, what to do at once.
    a.on_key(Key::Char('n'), t);
    a.on_key(Key::Char('s'), t);
    assert!(a.checklist.emergency_yes(&a.content));
    snap("checklist_emergency_early", &mut a, t);
    a.on_key(Key::Char('?'), t);
    snap("help_checklist", &mut a, t);
    a.on_key(Key::Esc, t);
    a.on_key(Key::Enter, t);
    snap("result_emergency", &mut a, t);
    a.on_key(Key::Enter, t);
    assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
    snap("gate_blocked", &mut a, t);
    snap("result_none", &mut answered(&[]), t);
    snap("result_soon", &mut answered(&["not-improving"]), t);
    snap("result_today", &mut answered(&["fever"]), t);
    let mut a = answered(&["fever"]);
    a.on_key(Key::Enter, t);
    a.on_key(Key::Enter, t);
    assert_eq!(a.top(), Some(Overlay::Gate(Gate::ConfirmToday)));
    snap("gate_confirm_today", &mut a, t);
    // The English y does not answer in Spanish.
    let mut a = unchecked();
    a.on_key(Key::Char('!'), t);
    a.on_key(Key::Char('y'), t);
    assert_eq!(a.checklist.answered(), 0);
    a.on_key(Key::Char('n'), t);
    assert_eq!(a.checklist.answered(), 1);
}

#[test]
fn a_session_its_popups_and_the_summary_in_spanish() {
    let t = Instant::now();
    let mut a = cleared();
    let plan = a.plan_for(None, vec![4, 2]);
    a.request_start(plan, t);
    snap("lead_in", &mut a, t + Duration::from_millis(1_500));
    a.tick(t + Duration::from_millis(12_500));
    snap("hold_running", &mut a, t + Duration::from_millis(12_500));
    a.on_key(Key::Char(' '), t + Duration::from_millis(12_500));
    snap("hold_paused", &mut a, t + secs(40));
    a.on_key(Key::Char(' '), t + secs(40));
    a.on_key(Key::Char('n'), t + secs(41));
    snap("rest", &mut a, t + secs(42));
    a.on_key(Key::Char('?'), t + secs(42));
    snap("help_session", &mut a, t + secs(42));
    a.on_key(Key::Esc, t + secs(42));
    a.on_key(Key::Char('n'), t + secs(43));
    a.on_key(Key::Char('h'), t + secs(44));
    assert_eq!(a.top(), Some(Overlay::PainStop));
    snap("pain_stop", &mut a, t + secs(44));
    a.on_key(Key::Char('g'), t + secs(45));
    snap("hold_gentler", &mut a, t + secs(46));
    a.on_key(Key::Char('q'), t + secs(47));
    assert_eq!(a.top(), Some(Overlay::ConfirmEnd));
    snap("confirm_end", &mut a, t + secs(47));
    // s ends it, as y does in English.
    a.on_key(Key::Char('s'), t + secs(48));
    assert_eq!(a.screen, Screen::Summary);
    snap("summary", &mut a, t + secs(48));
    // A stretch that waits for the person.
    let mut a = cleared();
    a.settings.wait = true;
    let plan = a.plan_for(None, vec![4, 2]);
    a.request_start(plan, t);
    snap("lead_in_waiting", &mut a, t + secs(30));
}

#[test]
fn progress_check_ins_the_start_of_the_spasm_and_settings_in_spanish() {
    let t = Instant::now();
    let mut a = cleared();
    a.history = sample_history();
    a.settings.spasm_start = Some("2026-11-09".into());
    a.on_key(Key::Char('p'), t);
    snap("progress", &mut a, t);
    let mut a = cleared();
    a.settings.checkins = true;
    a.on_key(Key::Enter, t);
    snap("check_in_empty", &mut a, t);
    a.on_key(Key::Right, t);
    snap("check_in", &mut a, t);
    a.on_key(Key::Char('4'), t);
    a.on_key(Key::Char('q'), t);
    a.on_key(Key::Char('s'), t);
    a.on_key(Key::Char('3'), t);
    snap("spasm_start", &mut a, t);
    a.on_key(Key::Enter, t);
    a.on_key(Key::Enter, t);
    a.on_key(Key::Char('o'), t);
    snap("settings", &mut a, t);
}

#[test]
fn a_failed_save_and_a_small_window_in_spanish() {
    let t = Instant::now();
    let mut a = cleared();
    a.save_errors
        .push("/datos/historial.jsonl: sin espacio en el disco".into());
    a.overlays.push(Overlay::SaveFailed);
    snap("save_failed", &mut a, t);
    let mut a = cleared();
    let small = text(&render(&mut a, 30, 8, t));
    assert!(english_words(&small).is_empty(), "{small}");
    assert!(small.contains("Agrande la ventana"), "{small}");
}

#[test]
fn the_english_check_finds_english() {
    assert_eq!(
        english_words("Pulse ! para revisarlas. Press Enter"),
        vec!["Enter".to_string(), "Press".to_string()]
    );
    assert!(english_words("backstretch · Señales de alarma").is_empty());
}

#[test]
fn the_language_can_be_changed_in_settings_and_is_saved() {
    let t = Instant::now();
    let mut a = App::new(
        Content::built_in("en"),
        State {
            notice_seen: true,
            ..State::default()
        },
        fixed_wall("2026-11-24"),
    );
    a.on_key(Key::Char('o'), t);
    a.on_key(Key::Char('i'), t);
    assert_eq!(a.settings.language.as_deref(), Some("es"));
    assert_eq!(a.content.words.lang, "es");
    assert_eq!(a.content.stretches[0].name, "Giro de rodillas");
    let screen = text(&render(&mut a, 80, 24, t));
    assert!(screen.contains("Idioma: español"), "{screen}");
    assert!(english_words(&screen).is_empty(), "{screen}");
    // And back.
    a.on_key(Key::Char('i'), t);
    assert_eq!(a.settings.language.as_deref(), Some("en"));
    assert_eq!(a.content.words.yes_key(), 'y');
}
