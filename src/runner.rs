//! The event loop: draw when something changed, sleep until the next visible change or
//! input. No fixed frame rate; a paused hold or a menu blocks on input.

use crate::app::{App, Effect};
use crate::keys::Key;
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
        apply_effects(app, ui, store, &mut dirty)?;
        if app.quit {
            return Ok(Exit::Quit);
        }
        if dirty {
            ui.draw(app, now)?;
            stats.draws += 1;
            dirty = false;
        }
        let event = match held.take() {
            Some(e) => Some(e),
            None => {
                let timeout = app.next_deadline(now).map(|d| clock.until(d));
                events.next(timeout)
            }
        };
        stats.wakeups += 1;
        match event {
            None => {}
            Some(Event::Key(Key::Char(c))) if Some(c) == test_panic_key() => {
                panic!("a test asked for a panic (BACKSTRETCH_TEST_PANIC)")
            }
            Some(Event::Key(k)) => {
                // Answers saved meanwhile by another copy (flags --check) count too.
                if let Some(store) = store {
                    store.refresh_state(&mut app.state);
                }
                dirty |= app.on_key(k, clock.now());
            }
            Some(Event::Click(x, y)) => dirty |= app.on_click(x, y, clock.now()),
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
                apply_effects(app, ui, store, &mut dirty)?;
                return Ok(Exit::Signal(sig));
            }
            Some(Event::Closed) => {
                app.on_key(Key::CtrlC, clock.now());
                apply_effects(app, ui, store, &mut dirty)?;
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

pub fn apply_effects(
    app: &mut App,
    ui: &mut impl Frontend,
    store: Option<&Store>,
    dirty: &mut bool,
) -> io::Result<()> {
    let effects: Vec<Effect> = app.effects.drain(..).collect();
    let mut bell = false;
    let mut save = false;
    let mut save_settings = false;
    for e in effects {
        match e {
            Effect::Bell => bell = true,
            Effect::SaveState => save = true,
            Effect::SaveSettings => save_settings = true,
            Effect::AppendHistory => {
                let records: Vec<_> = app.to_append.drain(..).collect();
                if let Some(store) = store {
                    for r in &records {
                        if let Err(e) = store.append_history(r) {
                            app.message = Some(format!(
                                "Could not save the session to {}: {e}",
                                store.history_path().display()
                            ));
                            *dirty = true;
                        }
                    }
                }
            }
            Effect::Suspend => {
                ui.suspend()?;
                let (w, h) = ui.size()?;
                app.resize(w, h);
                *dirty = true;
            }
        }
    }
    if bell {
        ui.bell()?;
    }
    if save_settings
        && let Some(store) = store
        && let Err(e) = store.save_settings(&app.settings)
    {
        app.message = Some(format!(
            "Could not save to {}: {e}",
            store.settings_path().display()
        ));
        *dirty = true;
    }
    if save
        && let Some(store) = store
        && let Err(e) = store.save_state(&mut app.state)
    {
        app.message = Some(format!(
            "Could not save to {}: {e}",
            store.state_path().display()
        ));
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
        let mut ui = Counter::default();
        let exit = run(
            app,
            &mut ui,
            &mut ev,
            &clock,
            None,
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
        let mut app = cleared_app();
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
        assert!(ui.bells > 0);
        assert!(app.quit);
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
}
