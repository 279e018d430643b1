//! Property tests: random keys, resizes and time steps never panic the model or the
//! drawing, and the timer and the session keep their books. Every property here can fail:
//! each compares the code with a count or a sum kept independently by the test.

use crate::app::tests::{app, cleared_app};
use crate::app::{App, Screen};
use crate::content::Content;
use crate::keys::Key;
use crate::session::{DoseChoice, Plan, Session, Timer};
use proptest::prelude::*;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
enum Step {
    Key(Key),
    Resize(u16, u16),
    Wait(u64),
    Tick,
}

fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        Just(Key::Up),
        Just(Key::Down),
        Just(Key::Left),
        Just(Key::Right),
        Just(Key::Home),
        Just(Key::End),
        Just(Key::PageUp),
        Just(Key::PageDown),
        Just(Key::Enter),
        Just(Key::Esc),
        Just(Key::Tab),
        Just(Key::BackTab),
        Just(Key::Backspace),
        Just(Key::CtrlZ),
        // Every key the app uses, and some it does not.
        prop::sample::select(
            " !?[]+-=_0123456789abcdefghijklmnopqrstuvwxyzQ"
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(Key::Char),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        80 => key().prop_map(Step::Key),
        // Rare, so most runs get far before it; `end_with_ctrl_c` covers the rest.
        1 => Just(Step::Key(Key::CtrlC)),
        10 => (1u16..160, 1u16..60).prop_map(|(w, h)| Step::Resize(w, h)),
        30 => (0u64..40_000).prop_map(Step::Wait),
        20 => Just(Step::Tick),
    ]
}

fn check_invariants(a: &App) {
    if let Some(s) = &a.session
        && !s.is_finished()
    {
        assert!(s.index() < s.plan.steps.len());
    }
    if a.screen == Screen::Session {
        assert!(a.session.is_some());
    }
    assert!(a.cursor < a.home_items().len());
    assert!(a.checkin.cursor.is_none_or(|c| c <= 10));
}

/// Ctrl-C from anywhere: the app quits, a session is ended, and every session started in
/// this run is in the history exactly once.
fn ctrl_c(a: &mut App, now: Instant, started: usize) -> Result<(), TestCaseError> {
    a.on_key(Key::CtrlC, now);
    prop_assert!(a.quit, "Ctrl-C did not quit");
    if let Some(s) = &a.session {
        prop_assert!(s.is_finished(), "Ctrl-C left the session running");
    }
    prop_assert_eq!(
        a.history.len(),
        started,
        "a session was lost or written twice"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_input_never_panics(start_cleared in any::<bool>(), checkins in any::<bool>(),
                                 end_with_ctrl_c in any::<bool>(),
                                 steps in prop::collection::vec(step(), 1..120)) {
        let mut a = if start_cleared { cleared_app() } else { app() };
        a.settings.checkins = checkins;
        let t0 = Instant::now();
        let mut now = t0;
        let mut size = (80u16, 24u16);
        // Sessions to keep: each one enters the session screen once, and is kept once a
        // hold has begun (or it hurt); one ended before that is not written.
        let mut started = 0;
        let mut in_session = false;
        let mut counted = false;
        let kept = |a: &App| {
            a.session
                .as_ref()
                .is_some_and(|s| s.hold_begun() || s.stats.pain_stops > 0)
        };
        for s in steps {
            let moved_on = match s {
                Step::Key(Key::CtrlC) => {
                    // The time up to now first, as the key would take it.
                    a.tick(now);
                    if !counted && kept(&a) {
                        started += 1;
                    }
                    ctrl_c(&mut a, now, started)?;
                    break;
                }
                Step::Key(k) => {
                    a.on_key(k, now);
                    true
                }
                Step::Resize(w, h) => {
                    size = (w, h);
                    a.resize(w, h);
                    false
                }
                Step::Wait(ms) => {
                    now += Duration::from_millis(ms);
                    false
                }
                Step::Tick => {
                    a.tick(now);
                    true
                }
            };
            a.effects.clear();
            check_invariants(&a);
            let now_in_session = a.screen == Screen::Session;
            if now_in_session && !in_session {
                counted = false;
            }
            if !counted && kept(&a) {
                started += 1;
                counted = true;
            }
            in_session = now_in_session;
            if a.quit {
                prop_assert_eq!(a.history.len(), started, "quit with a session unwritten");
                break;
            }
            if let Some(d) = a.next_deadline(now) {
                // Only a running session has a deadline...
                prop_assert!(a.session.as_ref().is_some_and(|s| !s.is_paused() && !s.is_finished()));
                // ...and right after the model caught up with the time, it is ahead.
                if moved_on {
                    prop_assert!(d > now, "a deadline in the past after catching up");
                }
            }
        }
        if end_with_ctrl_c && !a.quit {
            a.tick(now);
            if !counted && kept(&a) {
                started += 1;
            }
            ctrl_c(&mut a, now, started)?;
        }
        crate::ui::tests::render(&mut a, size.0, size.1, now);
    }

    #[test]
    fn the_timer_keeps_its_books(
        total in 1u64..60_000,
        ops in prop::collection::vec((0u64..5_000, 0u8..3), 1..60),
    ) {
        let total = Duration::from_millis(total);
        let t0 = Instant::now();
        let mut t = Timer::running(total, t0);
        let mut now = t0;
        let mut last = t.remaining(now);
        // The test's own books: the spans it ran, and since when it runs.
        let mut spans = Duration::ZERO;
        let mut since = Some(t0);
        for (dt, op) in ops {
            let running = t.is_running();
            prop_assert_eq!(running, since.is_some());
            now += Duration::from_millis(dt);
            let rem = t.remaining(now);
            if running {
                prop_assert!(rem <= last, "rose from {last:?} to {rem:?}");
            } else {
                prop_assert_eq!(rem, last, "moved while paused");
            }
            let ran = spans + since.map_or(Duration::ZERO, |s| now - s);
            prop_assert_eq!(t.elapsed(now), ran.min(total), "elapsed is not the time run");
            prop_assert_eq!(t.elapsed(now) + rem, total);
            prop_assert_eq!(t.is_done(now), ran >= total);
            let fraction = ran.min(total).as_secs_f64() / total.as_secs_f64();
            prop_assert!((t.progress(now) - fraction).abs() < 1e-9, "progress is not the part run");
            prop_assert_eq!(
                t.due(),
                since.map(|s| s + total.saturating_sub(spans)),
                "due is not when the time run reaches the total"
            );
            match op {
                0 => {
                    t.pause(now);
                    if let Some(s) = since.take() {
                        spans += now - s;
                    }
                }
                1 => {
                    t.resume(now);
                    since.get_or_insert(now);
                }
                _ => {}
            }
            prop_assert_eq!(t.remaining(now), rem, "pause or resume moved the time");
            last = rem;
        }
    }

    #[test]
    fn cues_come_once_per_step_entry_and_never_while_paused(
        wait in any::<bool>(),
        steps in prop::collection::vec(step(), 1..120),
    ) {
        use crate::app::Effect;
        use crate::voice::CueKind;
        let mut a = cleared_app();
        a.settings.checkins = false;
        a.settings.wait = wait;
        let mut now = Instant::now();
        a.on_key(Key::Enter, now);
        a.effects.clear();
        let mut seen = std::collections::HashSet::new();
        let mut session_no = 0u32;
        let mut had_session = true;
        for s in steps {
            let paused = a.session.as_ref().is_some_and(|s| s.is_paused());
            let mut only_time = false;
            match s {
                Step::Key(k) => {
                    if k == Key::CtrlC || k == Key::CtrlZ { continue; }
                    a.on_key(k, now);
                }
                Step::Resize(w, h) => { a.resize(w, h); }
                Step::Wait(ms) => {
                    now += Duration::from_millis(ms);
                    a.tick(now);
                    only_time = true;
                }
                Step::Tick => { a.tick(now); only_time = true; }
            }
            if a.session.is_some() && !had_session { session_no += 1; }
            had_session = a.session.is_some();
            let entry = a.session.as_ref().map_or(0, |s| s.entries());
            for e in a.effects.drain(..) {
                let Effect::Cue(c) = e else { continue };
                // Time alone never speaks while a step is paused.
                prop_assert!(!(only_time && paused), "{:?} while paused", c.kind);
                let scheduled = matches!(
                    c.kind,
                    CueKind::Stretch | CueKind::Hold | CueKind::Halfway | CueKind::Countdown
                        | CueKind::Release | CueKind::Switch | CueKind::Left
                );
                if scheduled {
                    prop_assert!(
                        seen.insert((session_no, entry, c.kind, c.text.clone())),
                        "said twice in one step: {:?}", c.text
                    );
                }
            }
            if a.quit { break; }
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Wait(u64),
    Tick,
    Pause,
    Resume,
    Toggle,
    Skip,
    Back,
    Restart,
    SkipStretch,
    End,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u64..8_000).prop_map(Op::Wait),
        3 => Just(Op::Tick),
        3 => Just(Op::Pause),
        2 => Just(Op::Resume),
        3 => Just(Op::Toggle),
        1 => Just(Op::Skip),
        1 => Just(Op::Back),
        1 => Just(Op::Restart),
        1 => Just(Op::SkipStretch),
        1 => Just(Op::End),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_session_counts_the_pauses_that_changed_it(
        hold in 1u32..8,
        reps in 1u32..3,
        ops in prop::collection::vec(op(), 1..80),
    ) {
        let c = Content::embedded();
        let stretches = ["knee-to-chest", "cat-cow"]
            .iter()
            .map(|id| c.stretch_index(id).unwrap())
            .collect();
        let dose = DoseChoice { hold_secs: hold, reps, lead_in_secs: 2, rest_secs: 1 };
        let t0 = Instant::now();
        let (mut s, _) = Session::start(Plan::build(&c, None, stretches, dose), t0);
        let mut now = t0;
        let mut pauses = 0;
        let mut skips = 0;
        for op in ops {
            let was_running = !s.is_finished() && !s.is_paused();
            let step = *s.step();
            match op {
                Op::Wait(ms) => now += Duration::from_millis(ms),
                Op::Tick => { s.tick(now); }
                Op::Pause => s.pause(now),
                Op::Resume => s.resume(now),
                Op::Toggle => s.toggle_pause(now),
                Op::Skip | Op::SkipStretch => {
                    // A skip counts when it leaves a hold that has time left at that
                    // moment (a tick first moves past a hold that ran out).
                    let mut probe = s.clone();
                    probe.tick(now);
                    let counts = probe.in_hold() && !probe.timer().is_done(now);
                    if matches!(op, Op::Skip) { s.skip(now); } else { s.skip_stretch(now); }
                    skips += u32::from(counts);
                }
                Op::Back => { s.back(now); }
                Op::Restart => { s.restart(now); }
                Op::End => s.end(now),
            }
            if was_running && s.is_paused() && matches!(op, Op::Pause | Op::Toggle) {
                pauses += 1;
            }
            prop_assert_eq!(s.stats.pauses, pauses, "after {:?} in {:?}", op, step);
            prop_assert_eq!(s.stats.skips, skips, "after {:?} in {:?}", op, step);
            let per_item: u32 = s.stats.items.iter().map(|i| i.skipped).sum();
            prop_assert_eq!(per_item, skips);
            // Time held never exceeds the time the holds could take.
            prop_assert!(s.held_total() <= s.plan.hold_total());
        }
    }
}
