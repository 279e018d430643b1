//! The terminal: enter and leave the full screen, and always leave it, on return, error,
//! panic, signal or suspend.

use ratatui::crossterm::{
    cursor, execute, queue,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static ENTERED: AtomicBool = AtomicBool::new(false);

/// Mouse button reports (1000) in SGR encoding (1006), and off again.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Raw mode, the alternate screen, the cursor hidden.
pub fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
    // Clicks only (no motion reports, so moving the mouse wakes nothing), in SGR form.
    io::stdout().write_all(MOUSE_ON)?;
    io::stdout().flush()?;
    Ok(())
}

/// Back to the terminal as it was. Safe to call twice, and from any thread.
pub fn leave() -> io::Result<()> {
    if ENTERED.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = out.write_all(MOUSE_OFF);
        let a = execute!(
            out,
            terminal::EndSynchronizedUpdate,
            LeaveAlternateScreen,
            cursor::Show
        );
        let b = terminal::disable_raw_mode();
        let _ = out.flush();
        a?;
        b?;
    }
    Ok(())
}

/// Restores the terminal before a panic message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave();
        previous(info);
    }));
}

/// Leaves the full screen when dropped, so an early `?` return restores the terminal too.
pub struct Guard;

impl Guard {
    pub fn new() -> io::Result<Guard> {
        install_panic_hook();
        enter()?;
        Ok(Guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = leave();
    }
}

/// Ctrl-Z: leave the screen, stop until `fg`, then come back.
pub fn suspend() -> io::Result<()> {
    leave()?;
    // Stops the process as SIGTSTP would by default (SIGTSTP itself is caught, so that a
    // `kill -TSTP` from outside comes here too). Like the kernel, which discards SIGTSTP
    // for an orphaned process group, it does not stop when no shell could continue it.
    if !orphaned() {
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    }
    enter()
}

/// Whether this process's group is the session leader's own (started straight by a
/// terminal emulator, or by a shell without job control): no `fg` could bring it back.
/// False where /proc cannot tell.
fn orphaned() -> bool {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return false;
    };
    // After the command name: state, ppid, pgrp, session.
    let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
        return false;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    f.len() > 3 && f[2] == f[3]
}

/// After an outside stop (SIGSTOP, which cannot be caught) and SIGCONT: the shell may
/// have reset the terminal, so raw mode, the alternate screen, the hidden cursor and mouse
/// reports are set again, and the screen is cleared for a whole redraw.
pub fn retake() -> io::Result<()> {
    if ENTERED.load(Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        terminal::enable_raw_mode()?;
        let mut out = io::stdout();
        execute!(
            out,
            EnterAlternateScreen,
            cursor::Hide,
            terminal::Clear(terminal::ClearType::All)
        )?;
        out.write_all(MOUSE_ON)?;
        out.flush()?;
    }
    Ok(())
}

use crate::app::App;
use crate::keys;
use crate::runner::{Event, Events, Frontend};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self as ct, Event as CtEvent};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The real terminal as a frontend: each frame is one synchronized update.
pub struct TermFrontend {
    terminal: Terminal<CrosstermBackend<FrameWriter>>,
    frame: FrameWriter,
}

/// Holds a whole frame and sends it in one write: ratatui flushes after drawing, but the
/// frame is only complete once the synchronized update is closed.
#[derive(Clone)]
pub struct FrameWriter {
    buf: std::rc::Rc<std::cell::RefCell<Vec<u8>>>,
}

impl Write for FrameWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl FrameWriter {
    fn send(&self) -> io::Result<()> {
        let mut buf = self.buf.borrow_mut();
        if buf.is_empty() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        out.write_all(&buf)?;
        out.flush()?;
        buf.clear();
        Ok(())
    }
}

impl TermFrontend {
    pub fn new() -> io::Result<TermFrontend> {
        // A fixed viewport, resized when the terminal says so: the full-screen one would
        // ask the terminal for its size before every frame.
        let (w, h) = terminal::size()?;
        let frame = FrameWriter {
            buf: std::rc::Rc::new(std::cell::RefCell::new(Vec::with_capacity(16 * 1024))),
        };
        let backend = CrosstermBackend::new(frame.clone());
        Ok(TermFrontend {
            frame,
            terminal: Terminal::with_options(
                backend,
                ratatui::TerminalOptions {
                    viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
                },
            )?,
        })
    }
}

impl Frontend for TermFrontend {
    fn size(&self) -> io::Result<(u16, u16)> {
        terminal::size()
    }

    fn draw(&mut self, app: &App, now: Instant) -> io::Result<()> {
        let (w, h) = app.size;
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        if self.terminal.get_frame().area() != area {
            self.terminal.resize(area)?;
        }
        queue!(
            self.terminal.backend_mut(),
            terminal::BeginSynchronizedUpdate
        )?;
        self.terminal.draw(|f| crate::ui::draw(f, app, now))?;
        queue!(self.terminal.backend_mut(), terminal::EndSynchronizedUpdate)?;
        self.frame.send()
    }

    fn bell(&mut self) -> io::Result<()> {
        self.frame.buf.borrow_mut().push(0x07);
        self.frame.send()
    }

    fn suspend(&mut self) -> io::Result<()> {
        suspend()?;
        // Everything on screen is gone: start from a blank screen and a fresh terminal, so
        // the next frame is drawn whole. (Terminal::clear would ask the terminal for the
        // cursor position, which the input thread's reader would swallow.)
        execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
        *self = TermFrontend::new()?;
        Ok(())
    }

    fn reset(&mut self) -> io::Result<()> {
        retake()?;
        *self = TermFrontend::new()?;
        Ok(())
    }
}

/// Calls `send` for every SIGTERM, SIGHUP and SIGINT, on a thread of its own, until it
/// returns false. The default actions are replaced, so the caller decides what to do.
pub fn on_signals(mut send: impl FnMut(i32) -> bool + Send + 'static) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if !send(sig) {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Terminal input and signals, merged into one channel by two threads, so the loop waits
/// on one thing with one timeout.
pub struct TermEvents {
    rx: Receiver<Event>,
    tx: mpsc::Sender<Event>,
}

impl TermEvents {
    pub fn start() -> io::Result<TermEvents> {
        let (tx, rx) = mpsc::channel();
        let keys_tx = tx.clone();
        std::thread::Builder::new()
            .name("input".into())
            .spawn(move || {
                loop {
                    let ev = match ct::read() {
                        Ok(CtEvent::Key(k)) => match keys::from_event(k) {
                            Some(k) => Event::Key(k),
                            None => continue,
                        },
                        Ok(CtEvent::Resize(w, h)) => Event::Resize(w, h),
                        Ok(CtEvent::Mouse(m))
                            if m.kind == ct::MouseEventKind::Down(ct::MouseButton::Left) =>
                        {
                            Event::Click(m.column, m.row)
                        }
                        Ok(_) => continue,
                        Err(_) => Event::Closed,
                    };
                    let closed = ev == Event::Closed;
                    if keys_tx.send(ev).is_err() || closed {
                        break;
                    }
                }
            })?;
        on_signals({
            let tx = tx.clone();
            move |sig| tx.send(Event::Signal(sig)).is_ok()
        })?;
        // A `kill -TSTP` from outside is Ctrl-Z; SIGCONT after any stop redraws all.
        use signal_hook::consts::{SIGCONT, SIGTSTP};
        let mut stops = signal_hook::iterator::Signals::new([SIGTSTP, SIGCONT])?;
        let stop_tx = tx.clone();
        std::thread::Builder::new()
            .name("stops".into())
            .spawn(move || {
                for sig in stops.forever() {
                    let ev = if sig == SIGTSTP {
                        Event::Key(crate::keys::Key::CtrlZ)
                    } else {
                        Event::Continued
                    };
                    if stop_tx.send(ev).is_err() {
                        break;
                    }
                }
            })?;
        Ok(TermEvents { rx, tx })
    }

    /// Something to call from another thread to wake the loop with [`Event::Loaded`].
    pub fn loaded_waker(&self) -> impl FnOnce() + Send + 'static {
        let tx = self.tx.clone();
        move || {
            let _ = tx.send(Event::Loaded);
        }
    }
}

impl Events for TermEvents {
    fn next(&mut self, timeout: Option<Duration>) -> Option<Event> {
        match timeout {
            None => Some(self.rx.recv().unwrap_or(Event::Closed)),
            Some(t) => match self.rx.recv_timeout(t) {
                Ok(e) => Some(e),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Event::Closed),
            },
        }
    }
}
