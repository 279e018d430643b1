//! Property tests: random keys, resizes and time steps never panic the model or the
//! drawing, and the timer keeps its invariants.

use crate::app::tests::{app, cleared_app};
use crate::app::{App, Screen};
use crate::keys::Key;
use crate::session::Timer;
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
        Just(Key::Enter),
        Just(Key::Esc),
        Just(Key::Tab),
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
        8 => key().prop_map(Step::Key),
        1 => (1u16..160, 1u16..60).prop_map(|(w, h)| Step::Resize(w, h)),
        3 => (0u64..40_000).prop_map(Step::Wait),
        2 => Just(Step::Tick),
    ]
}

fn check_invariants(a: &App, now: Instant) {
    if let Some(s) = &a.session {
        let t = s.timer();
        let rem = t.remaining(now);
        assert!(rem <= s.step().duration, "remaining above the total");
        assert!((0.0..=1.0).contains(&t.progress(now)));
        if !s.is_finished() {
            assert!(s.index() < s.plan.steps.len());
        }
    }
    if a.screen == Screen::Session {
        assert!(a.session.is_some());
    }
    assert!(a.cursor < a.home_items().len());
    assert!(a.checkin.cursor.is_none_or(|c| c <= 10));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_input_never_panics(start_cleared in any::<bool>(), checkins in any::<bool>(),
                                 steps in prop::collection::vec(step(), 1..120)) {
        let mut a = if start_cleared { cleared_app() } else { app() };
        a.settings.checkins = checkins;
        let t0 = Instant::now();
        let mut now = t0;
        let mut size = (80u16, 24u16);
        for s in steps {
            match s {
                Step::Key(k) => {
                    if k == Key::CtrlC { break; }
                    a.on_key(k, now);
                }
                Step::Resize(w, h) => {
                    size = (w, h);
                    a.resize(w, h);
                }
                Step::Wait(ms) => now += Duration::from_millis(ms),
                Step::Tick => { a.tick(now); }
            }
            a.effects.clear();
            check_invariants(&a, now);
            if a.quit { break; }
            // The deadline is never in the past for long, and never for a paused hold.
            if let Some(d) = a.next_deadline(now) {
                prop_assert!(a.session.as_ref().is_some_and(|s| !s.is_paused()));
                let _ = d;
            }
        }
        crate::ui::tests::render(&mut a, size.0, size.1, now);
    }

    #[test]
    fn the_timer_never_rises_while_running_and_freezes_when_paused(
        total in 1u64..60_000,
        ops in prop::collection::vec((0u64..5_000, 0u8..3), 1..60),
    ) {
        let t0 = Instant::now();
        let mut t = Timer::running(Duration::from_millis(total), t0);
        let mut now = t0;
        let mut last = t.remaining(now);
        for (dt, op) in ops {
            let running = t.is_running();
            now += Duration::from_millis(dt);
            let rem = t.remaining(now);
            prop_assert!(rem <= Duration::from_millis(total));
            if running {
                prop_assert!(rem <= last, "rose from {last:?} to {rem:?}");
            } else {
                prop_assert_eq!(rem, last, "moved while paused");
            }
            match op {
                0 => t.pause(now),
                1 => t.resume(now),
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
