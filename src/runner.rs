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
            Some(Event::Key(k)) => dirty |= app.on_key(k, clock.now()),
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

fn apply_effects(
    app: &mut App,
    ui: &mut impl Frontend,
    store: Option<&Store>,
    dirty: &mut bool,
) -> io::Result<()> {
    let effects: Vec<Effect> = app.effects.drain(..).collect();
    let mut bell = false;
    let mut save = false;
    for e in effects {
        match e {
            Effect::Bell => bell = true,
            Effect::SaveState => save = true,
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
    if save
        && let Some(store) = store
        && let Err(e) = store.save_state(&app.state)
    {
        app.message = Some(format!(
            "Could not save to {}: {e}",
            store.state_path().display()
        ));
        *dirty = true;
    }
    Ok(())
}
