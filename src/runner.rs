//! The event loop: draw when something changed, sleep until the next visible change or
//! input. No fixed frame rate; a paused hold or a menu blocks on input.

use crate::app::{App, Effect};
use crate::keys::Key;
use crate::speech::Sound;
use crate::store::Store;
use std::io;
use std::time::{Duration, Instant};

/// Something from outside the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Key(Key),
    Resize(u16, u16),
    /// A left click at a cell.
    Click(u16, u16),
    /// SIGTERM, SIGHUP or SIGINT.
    Signal(i32),
    /// Input has ended (the terminal went away).
    Closed,
    /// The process was stopped and continued from outside (SIGCONT): the screen may show
    /// anything now, so everything is drawn again.
    Continued,
    /// Something read in the background is ready (the history's figures).
    Loaded,
}

/// Where events come from: the terminal, or a script in tests.
pub trait Events {
    /// The next event, waiting at most `timeout` (forever when `None`); `None` on timeout.
    fn next(&mut self, timeout: Option<Duration>) -> Option<Event>;
}

/// The model's clock: the real one, maybe sped up for tests.
pub trait Clock {
    fn now(&self) -> Instant;
    /// Real time to wait until the model's clock reaches `deadline`.
    fn until(&self, deadline: Instant) -> Duration;
}

/// The real clock, `scale` times faster (1.0 in normal use). Monotonic: a change of the
/// wall clock does not move it.
pub struct ScaledClock {
    origin: Instant,
    scale: f64,
}

impl ScaledClock {
    pub fn new(scale: f64) -> ScaledClock {
        ScaledClock {
            origin: Instant::now(),
            scale,
        }
    }
}

impl Clock for ScaledClock {
    fn now(&self) -> Instant {
        if self.scale == 1.0 {
            return Instant::now();
        }
        self.origin + self.origin.elapsed().mul_f64(self.scale)
    }

    fn until(&self, deadline: Instant) -> Duration {
        let d = deadline.saturating_duration_since(self.now());
        let real = if self.scale == 1.0 {
            d
        } else {
            d.div_f64(self.scale)
        };
        // Round up to whole milliseconds so we never wake just before the change.
        let ms = real.as_nanos().div_ceil(1_000_000);
        Duration::from_millis(u64::try_from(ms).unwrap_or(u64::MAX))
    }
}

/// Where frames go: a real terminal, or a test buffer.
pub trait Frontend {
    fn size(&self) -> io::Result<(u16, u16)>;
    fn draw(&mut self, app: &App, now: Instant) -> io::Result<()>;
    fn bell(&mut self) -> io::Result<()>;
    /// Leave the terminal, stop, and come back (Ctrl-Z).
    fn suspend(&mut self) -> io::Result<()>;
    /// Take the terminal back after an outside stop, and forget what is on screen, so the
    /// next frame is drawn whole.
    fn reset(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    Closed,
}

/// Counts of what the loop did, for tests and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoopStats {
    pub draws: u32,
    pub wakeups: u32,
}

pub fn run(
    app: &mut App,
    ui: &mut impl Frontend,
    events: &mut impl Events,
    clock: &impl Clock,
    store: Option<&Store>,
    sound: &mut Sound,
    stats: &mut LoopStats,
) -> io::Result<Exit> {
    let (w, h) = ui.size()?;
    app.resize(w, h);
    let mut dirty = true;
    let mut held: Option<Event> = None;
    loop {
        let now = clock.now();
        if app.tick(now) {
            dirty = true;
        }
        apply_effects(app, ui, store, sound, now, &mut dirty)?;
        if sound.due_rings(clock.now()) {
            ui.bell()?;
        }
        if app.quit {
            return Ok(Exit::Quit);
        }
        if dirty {
            ui.draw(app, now)?;
            stats.draws += 1;
            dirty = false;
            app.start_reading_past();
        }
        let event = match held.take() {
            Some(e) => Some(e),
            None => {
                // The next change on screen, or the next ring of a bell pattern.
                let deadline = [app.next_deadline(now), sound.next_ring()]
                    .into_iter()
                    .flatten()
                    .min();
                let timeout = deadline.map(|d| clock.until(d));
                events.next(timeout)
            }
        };
        stats.wakeups += 1;
        // Answers saved meanwhile by another copy (flags --check) count too, before any
        // key: an emergency yes stops a session under way, as one answered here does.
        if let Some(store) = store
            && store.refresh_state(&mut app.state)
        {
            dirty |= app.took_in_answers(clock.now());
        }
        match event {
            None => {}
            Some(Event::Key(Key::Char(c))) if Some(c) == test_panic_key() => {
                panic!("a test asked for a panic (BACKSTRETCH_TEST_PANIC)")
            }
            Some(Event::Key(k)) => dirty |= app.on_key(k, clock.now()),
            Some(Event::Click(x, y)) => dirty |= app.on_click(x, y, clock.now()),
            Some(Event::Continued) => {
                ui.reset()?;
                let (w, h) = ui.size()?;
                app.resize(w, h);
                dirty = true;
            }
            Some(Event::Loaded) => dirty |= app.take_past(),
            Some(Event::Resize(mut w, mut h)) => {
                // Coalesce a burst of resizes into one redraw.
                loop {
                    match events.next(Some(Duration::ZERO)) {
                        Some(Event::Resize(w2, h2)) => (w, h) = (w2, h2),
                        other => {
                            held = other;
                            break;
                        }
                    }
                }
                app.resize(w, h);
                dirty = true;
            }
            Some(Event::Signal(sig)) => {
                app.on_key(Key::CtrlC, clock.now());
                apply_effects(app, ui, store, sound, clock.now(), &mut dirty)?;
                sound.hush();
                return Ok(Exit::Signal(sig));
            }
            Some(Event::Closed) => {
                app.on_key(Key::CtrlC, clock.now());
                apply_effects(app, ui, store, sound, clock.now(), &mut dirty)?;
                sound.hush();
                return Ok(Exit::Closed);
            }
        }
    }
}

/// For the end-to-end tests only: BACKSTRETCH_TEST_PANIC=c makes the key c panic, to
/// prove the terminal is restored and the message shown. Unset, nothing changes.
fn test_panic_key() -> Option<char> {
    static KEY: std::sync::OnceLock<Option<char>> = std::sync::OnceLock::new();
    *KEY.get_or_init(|| {
        std::env::var("BACKSTRETCH_TEST_PANIC")
            .ok()
            .and_then(|v| v.chars().next())
    })
}

/// Carries out what the model asked for. A save that fails is put before the person (see
/// `App::save_failed`), never dropped. Cues are spoken (voice on, a command found) or
/// rung, never both, and nothing at all with `--quiet`.
pub fn apply_effects(
    app: &mut App,
    ui: &mut impl Frontend,
    store: Option<&Store>,
    sound: &mut Sound,
    now: Instant,
    dirty: &mut bool,
) -> io::Result<()> {
    let effects: Vec<Effect> = app.effects.drain(..).collect();
    let mut save = false;
    let mut save_settings = false;
    for e in effects {
        match e {
            Effect::Cue(cue) => {
                if !app.quiet {
                    sound.cue(&cue, app.voice_on(), now);
                }
            }
            Effect::SaveState => save = true,
            Effect::SaveSettings => save_settings = true,
            Effect::AppendHistory => {
                let records: Vec<_> = app.to_append.drain(..).collect();
                if let Some(store) = store {
                    for r in &records {
                        if let Err(e) = store.append_history(r) {
                            app.record_unsaved = true;
                            app.save_failed(
                                format!(
                                    "This session's record was not saved to {}: {e}",
                                    store.history_path().display()
                                ),
                                now,
                            );
                            *dirty = true;
                        }
                    }
                }
            }
            Effect::Suspend => {
                sound.hush();
                ui.suspend()?;
                let (w, h) = ui.size()?;
                app.resize(w, h);
                *dirty = true;
            }
        }
    }
    if save_settings
        && let Some(store) = store
        && let Err(e) = store.save_settings(&app.settings)
    {
        app.save_failed(
            format!(
                "Your settings (dose, routine, check-ins, theme) were not saved to {}: {e}",
                store.settings_path().display()
            ),
            now,
        );
        *dirty = true;
    }
    if save
        && let Some(store) = store
        && let Err(e) = store.save_state(&mut app.state)
    {
        app.save_failed(
            format!(
                "Your checklist answers and the notice as read were not saved to {}: {e}. They still count until you quit.",
                store.state_path().display()
            ),
            now,
        );
        *dirty = true;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Screen;
    use crate::app::tests::cleared_app;
    use crate::testutil::StepLimit;
    use std::cell::Cell;
    use std::collections::VecDeque;
    use std::rc::Rc;

    /// Virtual time: it moves only when the loop waits.
    #[derive(Clone)]
    struct FakeClock(Rc<Cell<Instant>>);

    impl Clock for FakeClock {
        fn now(&self) -> Instant {
            self.0.get()
        }
        fn until(&self, deadline: Instant) -> Duration {
            deadline.saturating_duration_since(self.0.get())
        }
    }

    /// Events at given offsets from the start; waiting moves the fake clock.
    struct Script {
        clock: FakeClock,
        start: Instant,
        events: VecDeque<(Duration, Event)>,
        /// Waits with no timeout: the loop blocked on input.
        blocking_waits: u32,
        timed_waits: u32,
        /// A loop that never ends fails the test instead of hanging it.
        limit: StepLimit,
    }

    impl Events for Script {
        fn next(&mut self, timeout: Option<Duration>) -> Option<Event> {
            self.limit.step();
            let now = self.clock.0.get();
            match timeout {
                None => self.blocking_waits += 1,
                Some(_) => self.timed_waits += 1,
            }
            match self.events.front() {
                Some(&(at, ev)) if timeout.is_none_or(|t| self.start + at <= now + t) => {
                    self.events.pop_front();
                    self.clock.0.set(now.max(self.start + at));
                    Some(ev)
                }
                _ => match timeout {
                    Some(t) => {
                        self.clock.0.set(now + t);
                        None
                    }
                    None => Some(Event::Closed),
                },
            }
        }
    }

    #[derive(Default)]
    struct Counter {
        draws: u32,
        bells: u32,
        suspends: u32,
        size: (u16, u16),
        /// The clock of the run, to note when each bell rang.
        clock: Option<FakeClock>,
        rang_at: Vec<Instant>,
    }

    impl Frontend for Counter {
        fn size(&self) -> io::Result<(u16, u16)> {
            Ok(if self.size == (0, 0) {
                (80, 24)
            } else {
                self.size
            })
        }
        fn draw(&mut self, app: &App, now: Instant) -> io::Result<()> {
            // Draw for real, so a panic in drawing would show here too.
            let (w, h) = app.size;
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h))
                .expect("a test terminal");
            t.draw(|f| crate::ui::draw(f, app, now))
                .expect("drawing never fails");
            self.draws += 1;
            Ok(())
        }
        fn bell(&mut self) -> io::Result<()> {
            self.bells += 1;
            if let Some(c) = &self.clock {
                self.rang_at.push(c.now());
            }
            Ok(())
        }
        fn suspend(&mut self) -> io::Result<()> {
            self.suspends += 1;
            Ok(())
        }
    }

    fn script(events: Vec<(u64, Event)>) -> (FakeClock, Script) {
        let start = Instant::now();
        let clock = FakeClock(Rc::new(Cell::new(start)));
        let s = Script {
            clock: clock.clone(),
            start,
            events: events
                .into_iter()
                .map(|(ms, e)| (Duration::from_millis(ms), e))
                .collect(),
            blocking_waits: 0,
            timed_waits: 0,
            limit: StepLimit::new(2_000, "the event loop to end"),
        };
        (clock, s)
    }

    fn key(c: char) -> Event {
        Event::Key(Key::Char(c))
    }

    /// Runs the loop over a script of events at offsets in ms, with a counting frontend.
    fn play(app: &mut App, events: Vec<(u64, Event)>) -> (Exit, Counter, Script) {
        let (clock, mut ev) = script(events);
        let mut ui = Counter {
            clock: Some(clock.clone()),
            ..Counter::default()
        };
        let exit = run(
            app,
            &mut ui,
            &mut ev,
            &clock,
            None,
            &mut Sound::bells_only(true),
            &mut LoopStats::default(),
        )
        .unwrap();
        (exit, ui, ev)
    }

    #[test]
    fn a_menu_blocks_on_input_and_draws_once_per_change() {
        let mut app = cleared_app();
        let (exit, ui, ev) = play(
            &mut app,
            vec![(1_000, Event::Key(Key::Down)), (2_000, key('q'))],
        );
        assert_eq!(exit, Exit::Quit);
        assert_eq!(ev.timed_waits, 0, "no timed wake-ups on a menu");
        assert_eq!(ev.blocking_waits, 2);
        assert_eq!(ui.draws, 2, "the first frame and one after Down");
    }

    #[test]
    fn a_running_hold_wakes_only_when_the_screen_changes() {
        // Start the in-bed routine, run 12 s, pause for a minute, resume, then quit at 200 s.
        // Quiet: the rings of bell patterns have a test of their own.
        let mut app = cleared_app();
        app.quiet = true;
        let (_, ui, ev) = play(
            &mut app,
            vec![
                (0, Event::Key(Key::Enter)),
                (12_000, key(' ')),
                (72_000, key(' ')),
                (200_000, Event::Key(Key::CtrlC)),
            ],
        );
        // While paused the loop blocked once; every timed wake-up drew a changed frame.
        assert_eq!(
            ev.blocking_waits, 2,
            "at home before Enter, and while paused"
        );
        assert!(
            ui.draws >= ev.timed_waits,
            "{} draws, {} waits",
            ui.draws,
            ev.timed_waits
        );
        // 140 s of running steps: one wake-up a second, when the countdown and the bar
        // move together.
        let per_sec = f64::from(ev.timed_waits) / 140.0;
        assert!((0.9..1.1).contains(&per_sec), "{per_sec} wake-ups a second");
        assert!(app.quit);
    }

    /// Knee-to-chest alone, 2 holds of 20 s, then home and quit.
    fn knee_to_chest_session(app: &mut App) -> (Counter, Script) {
        app.cursor = 8;
        let (_, ui, ev) = play(
            app,
            vec![
                (0, Event::Key(Key::Enter)),
                (0, Event::Key(Key::Enter)),
                (60_000, Event::Key(Key::Enter)),
                (60_001, key('q')),
            ],
        );
        (ui, ev)
    }

    #[test]
    fn each_bell_pattern_rings_on_time_without_a_voice() {
        let mut app = cleared_app();
        // Voice on, but no speech command: the bell carries on.
        app.settings.voice = true;
        let (ui, ev) = knee_to_chest_session(&mut app);
        let t0 = ev.start;
        let ms: Vec<u128> = ui.rang_at.iter().map(|t| (*t - t0).as_millis()).collect();
        assert_eq!(
            ms,
            vec![
                5_000, // hold: one
                15_000, 15_900, // halfway: two slow
                25_000, 25_250, // end of the hold: two quick
                30_000, // hold
                40_000, 40_900, // halfway
                50_000, 50_250, 50_500, // the end of the session: three
            ]
        );
        // A ring is a wake-up of its own only between two seconds: five of them here.
        let mut quiet = cleared_app();
        quiet.quiet = true;
        let (_, ev_quiet) = knee_to_chest_session(&mut quiet);
        assert_eq!(ev.timed_waits, ev_quiet.timed_waits + 5);
    }

    #[test]
    fn quiet_rings_nothing() {
        let mut app = cleared_app();
        app.quiet = true;
        let (ui, _) = knee_to_chest_session(&mut app);
        assert_eq!(ui.bells, 0);
    }

    #[test]
    fn a_burst_of_resizes_is_one_redraw() {
        let mut events: Vec<(u64, Event)> = (0..50)
            .map(|i| (500, Event::Resize(40 + i, 12 + i / 5)))
            .collect();
        events.push((600, key('q')));
        let mut app = cleared_app();
        let (_, ui, _) = play(&mut app, events);
        assert_eq!(ui.draws, 2, "the first frame and one for the whole burst");
        assert_eq!(app.size, (89, 21));
    }

    #[test]
    fn a_resize_then_a_key_keeps_the_key() {
        let mut app = cleared_app();
        play(
            &mut app,
            vec![
                (100, Event::Resize(50, 20)),
                (100, Event::Key(Key::Down)),
                (200, key('q')),
            ],
        );
        assert_eq!(app.cursor, 1);
        assert!(app.quit);
    }

    #[test]
    fn a_signal_ends_the_session_and_the_loop() {
        let mut app = cleared_app();
        let (exit, _, _) = play(
            &mut app,
            vec![(0, Event::Key(Key::Enter)), (9_000, Event::Signal(15))],
        );
        assert_eq!(exit, Exit::Signal(15));
        assert!(app.session.as_ref().unwrap().is_finished());
    }

    #[test]
    fn ctrl_z_suspends_and_redraws_with_the_hold_paused() {
        let mut app = cleared_app();
        let (_, ui, _) = play(
            &mut app,
            vec![
                (0, Event::Key(Key::Enter)),
                (7_000, Event::Key(Key::CtrlZ)),
                (60_000, key('q')),
                (60_001, key('n')),
                (61_000, Event::Key(Key::CtrlC)),
            ],
        );
        assert_eq!(ui.suspends, 1);
        assert_eq!(app.screen, Screen::Summary);
        let s = app.session.as_ref().unwrap();
        // Held 2 s before the suspend; nothing while stopped.
        assert_eq!(s.held_total(), Duration::from_secs(2));
    }

    #[test]
    fn input_ending_quits_cleanly() {
        let mut app = cleared_app();
        let (exit, _, _) = play(&mut app, vec![]);
        assert_eq!(exit, Exit::Closed);
    }

    #[test]
    fn scaled_clock_runs_faster_and_waits_less() {
        let c = ScaledClock::new(100.0);
        let deadline = c.now() + Duration::from_secs(10);
        let wait = c.until(deadline);
        assert!(wait <= Duration::from_millis(100), "{wait:?}");
        assert!(wait >= Duration::from_millis(90), "{wait:?}");
        let real = ScaledClock::new(1.0);
        let d = real.now() + Duration::from_micros(1_500);
        assert_eq!(
            real.until(d),
            Duration::from_millis(2),
            "rounded up to whole ms"
        );
    }

    /// A data directory where every save fails, even as root: directories stand where the
    /// lock, the settings and the history files would go.
    fn failing_store(dir: &std::path::Path) -> Store {
        for name in [".state.lock", "settings.json", "history.jsonl"] {
            std::fs::create_dir_all(dir.join(name)).unwrap();
        }
        Store::new(dir.to_path_buf())
    }

    #[test]
    fn a_failed_save_stays_on_screen_until_acknowledged() {
        let dir = tempfile::tempdir().unwrap();
        let store = failing_store(dir.path());
        let t = Instant::now();
        let mut app = cleared_app();
        // Starting saves the dose: that fails, over the session, which waits.
        app.on_key(Key::Enter, t);
        assert_eq!(app.screen, Screen::Session);
        let mut dirty = false;
        apply_effects(
            &mut app,
            &mut Counter::default(),
            Some(&store),
            &mut Sound::bells_only(true),
            t,
            &mut dirty,
        )
        .unwrap();
        assert!(dirty);
        assert_eq!(app.top(), Some(crate::app::Overlay::SaveFailed));
        assert!(
            app.save_errors[0].contains("settings.json"),
            "{:?}",
            app.save_errors
        );
        assert!(app.session.as_ref().unwrap().is_paused());
        // Other keys leave it up; it is drawn, with what and where.
        for k in [Key::Char('j'), Key::Char('x'), Key::Down] {
            app.on_key(k, t);
            assert_eq!(app.top(), Some(crate::app::Overlay::SaveFailed));
        }
        let screen = crate::ui::tests::text(&crate::ui::tests::render(&mut app, 80, 24, t));
        assert!(screen.contains("Not saved"), "{screen}");
        assert!(screen.contains("settings.json"), "{screen}");
        app.on_key(Key::Enter, t);
        assert_eq!(app.top(), None);
        assert!(app.save_errors.is_empty());
        assert!(app.unsaved);
    }

    #[test]
    fn a_session_that_could_not_be_saved_says_so_on_the_summary() {
        let dir = tempfile::tempdir().unwrap();
        let store = failing_store(dir.path());
        let mut app = cleared_app();
        let (clock, mut ev) = script(vec![
            (0, Event::Key(Key::Enter)),
            (1, Event::Key(Key::Enter)),
            // On to the hold: a session ended in its lead-in is not written at all.
            (2, Event::Key(Key::Char('n'))),
            (3_600_000, Event::Key(Key::Char('x'))),
        ]);
        let mut ui = Counter::default();
        run(
            &mut app,
            &mut ui,
            &mut ev,
            &clock,
            Some(&store),
            &mut Sound::bells_only(true),
            &mut LoopStats::default(),
        )
        .unwrap();
        assert_eq!(app.screen, Screen::Summary);
        assert_eq!(app.top(), Some(crate::app::Overlay::SaveFailed));
        assert!(
            app.save_errors.iter().any(|e| e.contains("history.jsonl")),
            "{:?}",
            app.save_errors
        );
        // Once every box is read, the summary itself still says the session was not kept,
        // and never "Well done" over it.
        app.overlays.clear();
        app.save_errors.clear();
        let screen =
            crate::ui::tests::text(&crate::ui::tests::render(&mut app, 80, 24, Instant::now()));
        assert!(screen.contains("not saved"), "{screen}");
        assert!(!screen.contains("Well done"), "{screen}");
        let small =
            crate::ui::tests::text(&crate::ui::tests::render(&mut app, 40, 12, Instant::now()));
        assert!(small.contains("not saved"), "{small}");
    }

    #[test]
    fn a_checklist_answer_that_could_not_be_saved_still_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let store = failing_store(dir.path());
        let t = Instant::now();
        let mut app = crate::app::tests::app();
        app.on_key(Key::Char('!'), t);
        crate::app::tests::answer_all(&mut app, &["saddle-numbness"], t);
        let mut dirty = false;
        apply_effects(
            &mut app,
            &mut Counter::default(),
            Some(&store),
            &mut Sound::bells_only(true),
            t,
            &mut dirty,
        )
        .unwrap();
        assert_eq!(app.top(), Some(crate::app::Overlay::SaveFailed));
        assert!(
            app.save_errors[0].contains("state.json"),
            "{:?}",
            app.save_errors
        );
        app.on_key(Key::Enter, t);
        assert_eq!(app.top(), Some(crate::app::Overlay::Checklist));
        app.on_key(Key::Enter, t);
        assert_eq!(app.top(), None);
        // Nothing on disk, yet no session today.
        store.refresh_state(&mut app.state);
        app.on_key(Key::Enter, t);
        assert_eq!(
            app.top(),
            Some(crate::app::Overlay::Gate(crate::app::Gate::Blocked))
        );
    }

    #[test]
    fn the_history_arrives_after_the_first_frame() {
        let mut app = cleared_app();
        let (tx, rx) = std::sync::mpsc::channel();
        let started = Rc::new(Cell::new(false));
        let flag = started.clone();
        app.read_past = Some(Box::new(move || {
            flag.set(true);
            rx
        }));
        let mut past = crate::history::Summary::default();
        past.add(&crate::history::tests::record(
            "2026-11-23T08:00:00+00:00",
            Some(6),
            Some(4),
        ));
        tx.send(crate::history::Loaded {
            summary: past,
            problems: vec![],
        })
        .unwrap();
        let (_, ui, _) = play(&mut app, vec![(5, Event::Loaded), (10, key('q'))]);
        assert!(started.get(), "reading began after the first frame");
        assert_eq!(app.history_summary().sessions, 1);
        assert_eq!(ui.draws, 2, "the first frame before, one after");
        assert!(app.past_loading.is_none());
    }

    #[test]
    fn the_progress_screen_says_while_the_history_is_read() {
        let mut app = cleared_app();
        let (tx, rx) = std::sync::mpsc::channel();
        app.past_loading = Some(rx);
        app.on_key(Key::Char('p'), Instant::now());
        assert_eq!(app.screen, Screen::History);
        let t = Instant::now();
        let screen = crate::ui::tests::text(&crate::ui::tests::render(&mut app, 80, 24, t));
        assert!(screen.contains("Reading the history"), "{screen}");
        // No advice about missing ratings before the ratings are in.
        assert!(!screen.contains("No pain ratings yet"), "{screen}");
        tx.send(crate::history::Loaded::default()).unwrap();
        assert!(app.take_past());
        let screen = crate::ui::tests::text(&crate::ui::tests::render(&mut app, 80, 24, t));
        assert!(!screen.contains("Reading the history"), "{screen}");
    }
}
