//! Measures a full-screen terminal program the way a person meets it: in a pseudo-terminal,
//! through a vt100 emulator.
//!
//! For one command it reports, as a markdown table row of medians over `--runs` runs:
//!
//! - **first frame**: time from spawning the command to the first screen that contains every
//!   `--expect` text ("complete frame");
//! - **CPU**: CPU time used over a `--window` of seconds (summed over all threads from
//!   `/proc/PID/task/*/schedstat`, in ns; `/proc/PID/stat` utime+stime, in clock ticks, is
//!   printed alongside in the per-run details), as a percentage of one core;
//! - **wake-ups**: voluntary context switches of all threads, per second over the window,
//!   and in total over an `--idle` window (paused with `--toggle-key`, or as it is);
//! - **bytes/s**: bytes the program wrote to the terminal per second over the window;
//! - **key to screen**: median time from writing `--toggle-key` to the parsed screen
//!   showing `--toggled` (and, on the next press, no longer showing it), over `--presses`;
//! - **peak memory**: VmHWM from `/proc/PID/status`, read just before the end;
//! - **due**: with `--due SECS --due-text TEXT`, how late TEXT appears after SECS from the
//!   `--ready-keys` press (an upper bound: the step starts when the key is handled);
//! - **restored**: after `kill -TERM`, whether the last `ESC[?1049` of the byte stream is
//!   `l` (alternate screen left) and the last `ESC[?25` is `h` (cursor shown).
//!
//! ```text
//! cargo run --release --example ptymeasure -- --header --name backstretch \
//!     --expect "s left" --ready-keys n --ready " HOLD " --toggle-key " " --toggled PAUSED \
//!     --env BACKSTRETCH_DATA_DIR=/tmp/d --env BACKSTRETCH_TODAY=2026-11-24 \
//!     -- target/release/backstretch run knee-to-chest --hold 30
//! ```
//!
//! Linux only (it reads /proc). The emulator answers cursor-position (`ESC[6n`) and
//! primary device-attribute (`ESC[c`) queries, as a real terminal would, so programs that
//! ask do not stall on a timeout.

use clap::Parser;
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(about = "Measure a terminal program in a pseudo-terminal")]
struct Args {
    /// The program's name in the table (default: the command's file name)
    #[arg(long)]
    name: Option<String>,
    /// Text the first complete frame contains (repeat: all of them)
    #[arg(long = "expect", required = true, value_name = "TEXT")]
    expect: Vec<String>,
    /// Keys to send once the first frame is up, before the measuring window
    /// (escapes: \r \n \e \t \xNN \\)
    #[arg(long, default_value = "", value_name = "KEYS")]
    ready_keys: String,
    /// Text that shows the program is in the state to measure (waited for after --ready-keys)
    #[arg(long, value_name = "TEXT")]
    ready: Option<String>,
    /// With --due-text: seconds from the --ready-keys press until TEXT should appear
    #[arg(long, value_name = "SECS", requires = "due_text")]
    due: Option<f64>,
    /// The text that shows the timed step ended
    #[arg(long, value_name = "TEXT", requires = "due")]
    due_text: Option<String>,
    /// Seconds of the running window (CPU, bytes, wake-ups); 0 to skip
    #[arg(long, default_value_t = 10.0, value_name = "SECS")]
    window: f64,
    /// Seconds to let the screen settle after --ready before the window starts
    #[arg(long, default_value_t = 0.5, value_name = "SECS")]
    settle: f64,
    /// A key that toggles something visible (e.g. " " for pause)
    #[arg(long, value_name = "KEY")]
    toggle_key: Option<String>,
    /// Text shown while toggled (e.g. PAUSED); without it, any change of the screen counts
    #[arg(long, value_name = "TEXT")]
    toggled: Option<String>,
    /// Presses of --toggle-key for the key-to-screen latency (even, so it ends untoggled)
    #[arg(long, default_value_t = 10)]
    presses: usize,
    /// Seconds of the idle window counting wake-ups: toggled (paused) with --toggle-key,
    /// else as it is (e.g. on a menu); 0 to skip
    #[arg(long, default_value_t = 3.0, value_name = "SECS")]
    idle: f64,
    /// Runs to take the median of
    #[arg(long, default_value_t = 3)]
    runs: usize,
    #[arg(long, default_value_t = 100)]
    cols: u16,
    #[arg(long, default_value_t = 30)]
    rows: u16,
    /// Extra environment for the command, NAME=VALUE (repeat)
    #[arg(long = "env", value_name = "NAME=VALUE")]
    env: Vec<String>,
    /// Print the screen at the first frame and after the window, to stderr
    #[arg(long)]
    show: bool,
    /// Print the table's header first
    #[arg(long)]
    header: bool,
    /// Write each run's raw output (and the window's bytes) to this directory
    #[arg(long, value_name = "DIR")]
    dump: Option<PathBuf>,
    /// The command and its arguments
    #[arg(last = true, required = true)]
    command: Vec<String>,
}

/// A test of the parsed screen.
type Pred = Box<dyn Fn(&vt100::Screen) -> bool + Send>;

/// Every cell's text, colours and attributes (not the cursor): to see any visible change,
/// a colour change included.
fn fingerprint(s: &vt100::Screen) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    let (rows, cols) = s.size();
    for r in 0..rows {
        for c in 0..cols {
            if let Some(cell) = s.cell(r, c) {
                cell.contents().hash(&mut h);
                format!("{:?}{:?}", cell.fgcolor(), cell.bgcolor()).hash(&mut h);
                (cell.bold(), cell.italic(), cell.underline(), cell.inverse()).hash(&mut h);
            }
        }
    }
    h.finish()
}

fn contains(text: &str) -> impl Fn(&vt100::Screen) -> bool + Send + 'static {
    let text = text.to_string();
    move |s| s.contents().contains(text.as_str())
}

fn lacks(text: &str) -> impl Fn(&vt100::Screen) -> bool + Send + 'static {
    let text = text.to_string();
    move |s| !s.contents().contains(text.as_str())
}

/// Output of the program so far, and what the main thread is waiting for.
struct Shared {
    parser: vt100::Parser,
    raw: Vec<u8>,
    reads: u64,
    eof: bool,
    watch: Option<Pred>,
    hit: Option<Instant>,
}

struct Term {
    shared: Arc<(Mutex<Shared>, Condvar)>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    reader: Option<thread::JoinHandle<()>>,
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Vec<usize> {
    if hay.len() < needle.len() {
        return Vec::new();
    }
    (from..=hay.len() - needle.len())
        .filter(|&i| &hay[i..i + needle.len()] == needle)
        .collect()
}

impl Term {
    fn spawn(args: &Args) -> anyhow::Result<(Term, Instant)> {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize {
            rows: args.rows,
            cols: args.cols,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        // A path with a slash is relative to here (portable-pty would search PATH for it).
        let program = &args.command[0];
        let mut cmd = if program.contains('/') {
            CommandBuilder::new(std::path::absolute(program)?)
        } else {
            CommandBuilder::new(program)
        };
        cmd.args(&args.command[1..]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("COLUMNS", args.cols.to_string());
        cmd.env("LINES", args.rows.to_string());
        for kv in &args.env {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("--env {kv}: expected NAME=VALUE"))?;
            cmd.env(k, v);
        }
        if let Ok(cwd) = std::env::current_dir() {
            cmd.cwd(cwd);
        }
        let mut reader = pair.master.try_clone_reader()?;
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pair.master.take_writer()?));
        let shared = Arc::new((
            Mutex::new(Shared {
                parser: vt100::Parser::new(args.rows, args.cols, 0),
                raw: Vec::new(),
                reads: 0,
                eof: false,
                watch: None,
                hit: None,
            }),
            Condvar::new(),
        ));
        let expect = args.expect.clone();
        shared.0.lock().unwrap().watch = Some(Box::new(move |s: &vt100::Screen| {
            let text = s.contents();
            expect.iter().all(|e| text.contains(e.as_str()))
        }));
        let t0 = Instant::now();
        let child = pair.slave.spawn_command(cmd)?;
        drop(pair.slave);
        // The master must outlive the child: keep it in the reader thread.
        let master = pair.master;
        let pid = child.process_id().unwrap_or(0);
        let sh = Arc::clone(&shared);
        let wr = Arc::clone(&writer);
        let handle = thread::spawn(move || {
            let _master = master;
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) | Err(_) => 0,
                    Ok(n) => n,
                };
                let at = Instant::now();
                let (lock, cv) = &*sh;
                let mut s = lock.lock().unwrap();
                if n == 0 {
                    s.eof = true;
                    cv.notify_all();
                    break;
                }
                let start = s.raw.len().saturating_sub(8);
                s.raw.extend_from_slice(&buf[..n]);
                s.reads += 1;
                s.parser.process(&buf[..n]);
                // Answer the queries a real terminal answers.
                let mut replies: Vec<u8> = Vec::new();
                let new_from = s.raw.len() - n;
                for i in find_from(&s.raw, b"\x1b[6n", start) {
                    if i + 4 > new_from {
                        let (r, c) = s.parser.screen().cursor_position();
                        replies.extend(format!("\x1b[{};{}R", r + 1, c + 1).bytes());
                    }
                }
                for q in [&b"\x1b[c"[..], b"\x1b[0c"] {
                    for i in find_from(&s.raw, q, start) {
                        if i + q.len() > new_from {
                            replies.extend(b"\x1b[?62;22c");
                        }
                    }
                }
                if s.hit.is_none()
                    && let Some(w) = &s.watch
                    && w(s.parser.screen())
                {
                    s.hit = Some(at);
                    s.watch = None;
                }
                drop(s);
                cv.notify_all();
                if !replies.is_empty() {
                    let mut w = wr.lock().unwrap();
                    let _ = w.write_all(&replies);
                    let _ = w.flush();
                }
            }
        });
        Ok((
            Term {
                shared,
                writer,
                child,
                pid,
                reader: Some(handle),
            },
            t0,
        ))
    }

    /// Waits until the watch set before has matched; the instant of the read that made it.
    fn wait_hit(&self, timeout: Duration) -> Option<Instant> {
        let (lock, cv) = &*self.shared;
        let deadline = Instant::now() + timeout;
        let mut s = lock.lock().unwrap();
        loop {
            if let Some(h) = s.hit {
                return Some(h);
            }
            let now = Instant::now();
            if now >= deadline || s.eof {
                s.watch = None;
                return None;
            }
            s = cv.wait_timeout(s, deadline - now).unwrap().0;
        }
    }

    /// Sets what to wait for; if the screen already shows it, it counts from now.
    fn watch(&self, pred: impl Fn(&vt100::Screen) -> bool + Send + 'static) {
        let (lock, _) = &*self.shared;
        let mut s = lock.lock().unwrap();
        s.hit = None;
        if pred(s.parser.screen()) {
            s.hit = Some(Instant::now());
        } else {
            s.watch = Some(Box::new(pred));
        }
    }

    /// Writes keys; the instant just before the write.
    fn send(&self, keys: &[u8]) -> Instant {
        let mut w = self.writer.lock().unwrap();
        let t = Instant::now();
        let _ = w.write_all(keys);
        let _ = w.flush();
        t
    }

    /// Sends keys and waits for the screen to satisfy `pred`: (write instant, hit instant).
    fn key_until(
        &self,
        keys: &[u8],
        pred: impl Fn(&vt100::Screen) -> bool + Send + 'static,
        timeout: Duration,
    ) -> (Instant, Option<Instant>) {
        self.watch(pred);
        let t = self.send(keys);
        (t, self.wait_hit(timeout))
    }

    fn bytes(&self) -> (usize, u64) {
        let s = self.shared.0.lock().unwrap();
        (s.raw.len(), s.reads)
    }

    fn screen(&self) -> String {
        self.shared.0.lock().unwrap().parser.screen().contents()
    }

    fn fingerprint(&self) -> u64 {
        fingerprint(self.shared.0.lock().unwrap().parser.screen())
    }
}

/// CPU and wake-ups of every thread of a process.
#[derive(Debug, Clone, Copy, Default)]
struct Usage {
    /// Sum of the threads' run time, ns (schedstat).
    cpu_ns: u64,
    /// utime + stime of the process, clock ticks.
    ticks: u64,
    voluntary: u64,
    involuntary: u64,
}

fn usage(pid: u32) -> Option<Usage> {
    let mut u = Usage::default();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    let f: Vec<&str> = after.split_whitespace().collect();
    // Fields after the command: state is field 3, utime 14, stime 15.
    u.ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let dir = task.ok()?.path();
        if let Ok(s) = std::fs::read_to_string(dir.join("schedstat")) {
            u.cpu_ns += s
                .split_whitespace()
                .next()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
        }
        if let Ok(s) = std::fs::read_to_string(dir.join("status")) {
            u.voluntary += status_field(&s, "voluntary_ctxt_switches:").unwrap_or(0);
            u.involuntary += status_field(&s, "nonvoluntary_ctxt_switches:").unwrap_or(0);
        }
    }
    Some(u)
}

fn status_field(status: &str, name: &str) -> Option<u64> {
    status
        .lines()
        .find(|l| l.starts_with(name))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Peak resident memory, kB.
fn vm_hwm(pid: u32) -> Option<u64> {
    status_field(
        &std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?,
        "VmHWM:",
    )
}

fn clk_tck() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// Keys with escapes: \r \n \t \e \xNN \\.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'r' => out.push(b'\r'),
                b'n' => out.push(b'\n'),
                b't' => out.push(b'\t'),
                b'e' => out.push(0x1b),
                b'\\' => out.push(b'\\'),
                b'x' => {
                    let hex = b
                        .get(i + 2..i + 4)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        out.push(v);
                        i += 4;
                        continue;
                    }
                    out.extend_from_slice(b"\\x");
                }
                c => {
                    out.push(b'\\');
                    out.push(c);
                }
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// What one run found; `None` where a step did not happen or failed.
#[derive(Debug, Default, Clone)]
struct Run {
    first_ms: Option<f64>,
    cpu_pct: Option<f64>,
    cpu_ticks: Option<u64>,
    wakeups_per_s: Option<f64>,
    bytes_per_s: Option<f64>,
    reads_per_s: Option<f64>,
    key_ms: Option<f64>,
    key_max_ms: Option<f64>,
    idle_wakeups: Option<u64>,
    idle_bytes: Option<u64>,
    idle_cpu_us: Option<f64>,
    hwm_kb: Option<u64>,
    due_late_ms: Option<f64>,
    due_late_low_ms: Option<f64>,
    restored: Option<bool>,
    exit: Option<String>,
    notes: Vec<String>,
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn measure(args: &Args, run_no: usize) -> anyhow::Result<Run> {
    let mut r = Run::default();
    let (term, t0) = Term::spawn(args)?;
    let pid = term.pid;

    // 1. The first complete frame.
    match term.wait_hit(Duration::from_secs(10)) {
        Some(t) => r.first_ms = Some(ms(t - t0)),
        None => r.notes.push(format!(
            "no frame with {:?} within 10 s; screen:\n{}",
            args.expect,
            term.screen()
        )),
    }

    if args.show {
        eprintln!("# first frame:\n{}", term.screen());
    }

    // 2. Into the state to measure.
    let mut ready_ok = r.first_ms.is_some();
    let mut t_keys = Instant::now();
    let mut t_ready = t_keys;
    if ready_ok && (args.ready.is_some() || !args.ready_keys.is_empty()) {
        let keys = unescape(&args.ready_keys);
        let (t, hit) = match &args.ready {
            Some(text) => term.key_until(&keys, contains(text), Duration::from_secs(15)),
            None => (term.send(&keys), Some(Instant::now())),
        };
        t_keys = t;
        match hit {
            Some(h) => {
                t_ready = h;
                if args.ready_keys.is_empty() {
                    t_keys = h;
                }
            }
            None => {
                ready_ok = false;
                r.notes.push(format!(
                    "never ready ({:?}):\n{}",
                    args.ready,
                    term.screen()
                ));
            }
        }
    }

    // 3. When a timed step ends.
    if ready_ok && let (Some(due), Some(text)) = (args.due, &args.due_text) {
        term.watch(contains(text));
        let hit = term.wait_hit(Duration::from_secs_f64(due + 5.0));
        match hit {
            Some(h) => {
                let due = Duration::from_secs_f64(due);
                r.due_late_ms = Some(ms(h - t_keys) - ms(due));
                r.due_late_low_ms = Some(ms(h - t_ready) - ms(due));
            }
            None => r.notes.push(format!("{text:?} never appeared")),
        }
    }

    // 4. The running window.
    if ready_ok && args.window > 0.0 {
        thread::sleep(Duration::from_secs_f64(args.settle));
        let (b0, n0) = term.bytes();
        let u0 = usage(pid);
        let w0 = Instant::now();
        thread::sleep(Duration::from_secs_f64(args.window));
        let u1 = usage(pid);
        let secs = w0.elapsed().as_secs_f64();
        let (b1, n1) = term.bytes();
        if let (Some(u0), Some(u1)) = (u0, u1) {
            r.cpu_pct = Some((u1.cpu_ns - u0.cpu_ns) as f64 / 1e9 / secs * 100.0);
            r.cpu_ticks = Some(u1.ticks - u0.ticks);
            r.wakeups_per_s = Some((u1.voluntary - u0.voluntary) as f64 / secs);
        }
        r.bytes_per_s = Some((b1 - b0) as f64 / secs);
        if args.show {
            eprintln!("# after the window:\n{}", term.screen());
        }
        r.reads_per_s = Some((n1 - n0) as f64 / secs);
        if let Some(dir) = &args.dump {
            let s = term.shared.0.lock().unwrap();
            let name = format!("{}-run{run_no}-window.bin", table_name(args));
            let _ = std::fs::write(dir.join(name), &s.raw[b0..b1]);
        }
    }

    // 5. Key to screen, alternating.
    if ready_ok && let Some(key) = &args.toggle_key {
        let key = unescape(key);
        let mut lat = Vec::new();
        for i in 0..args.presses {
            let wait = Duration::from_secs(2);
            let (t, hit) = match &args.toggled {
                Some(text) if i % 2 == 0 => term.key_until(&key, contains(text), wait),
                Some(text) => term.key_until(&key, lacks(text), wait),
                None => {
                    let before = term.fingerprint();
                    term.key_until(&key, move |s| fingerprint(s) != before, wait)
                }
            };
            match hit {
                Some(h) => lat.push(ms(h - t)),
                None => r.notes.push(format!("press {i}: no change within 2 s")),
            }
            thread::sleep(Duration::from_millis(97));
        }
        r.key_max_ms = lat.iter().copied().reduce(f64::max);
        r.key_ms = median(lat);
    }

    // 6. Idle: paused (with a toggle key) or as it is.
    if ready_ok && args.idle > 0.0 {
        let mut idle_ok = true;
        if let Some(key) = &args.toggle_key {
            let key = unescape(key);
            let wait = Duration::from_secs(2);
            let hit = match &args.toggled {
                Some(text) => term.key_until(&key, contains(text), wait).1,
                None => {
                    let before = term.fingerprint();
                    term.key_until(&key, move |s| fingerprint(s) != before, wait)
                        .1
                }
            };
            idle_ok = hit.is_some();
        }
        if idle_ok {
            thread::sleep(Duration::from_millis(300));
            let (b0, _) = term.bytes();
            let u0 = usage(pid);
            thread::sleep(Duration::from_secs_f64(args.idle));
            let u1 = usage(pid);
            let (b1, _) = term.bytes();
            if let (Some(u0), Some(u1)) = (u0, u1) {
                r.idle_wakeups = Some(u1.voluntary - u0.voluntary);
                r.idle_cpu_us = Some((u1.cpu_ns - u0.cpu_ns) as f64 / 1e3);
            }
            r.idle_bytes = Some((b1 - b0) as u64);
        } else {
            r.notes.push("could not toggle for the idle window".into());
        }
    }

    // 7. Peak memory, then SIGTERM and how the terminal was left.
    r.hwm_kb = vm_hwm(pid);
    // Never `kill -TERM 0`: that is the whole process group.
    if pid > 0 {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status();
    } else {
        r.notes.push("no process id: SIGTERM not sent".into());
    }
    let mut term = term;
    let deadline = Instant::now() + Duration::from_secs(3);
    let mut status = None;
    while Instant::now() < deadline {
        if let Ok(Some(s)) = term.child.try_wait() {
            status = Some(s);
            break;
        }
        thread::sleep(Duration::from_millis(5));
    }
    match &status {
        Some(s) => {
            r.exit = Some(match s.signal() {
                Some(sig) => format!("signal {sig}"),
                None => format!("exit {}", s.exit_code()),
            })
        }
        None => {
            r.notes
                .push("still running 3 s after SIGTERM: killed".into());
            let _ = term.child.kill();
            let _ = term.child.wait();
        }
    }
    // Wait for the rest of the output (end of file on the master).
    {
        let (lock, cv) = &*term.shared;
        let mut s = lock.lock().unwrap();
        let deadline = Instant::now() + Duration::from_secs(2);
        while !s.eof && Instant::now() < deadline {
            s = cv
                .wait_timeout(s, deadline.saturating_duration_since(Instant::now()))
                .unwrap()
                .0;
        }
        let alt = find_last(&s.raw, b"\x1b[?1049").map(|i| s.raw.get(i + 7) == Some(&b'l'));
        let cur = find_last(&s.raw, b"\x1b[?25").map(|i| s.raw.get(i + 5) == Some(&b'h'));
        r.restored = Some(alt.unwrap_or(true) && cur.unwrap_or(true));
        if alt.is_none() {
            r.notes.push("never used the alternate screen".into());
        }
        if let Some(dir) = &args.dump {
            let _ = std::fs::write(
                dir.join(format!("{}-run{run_no}.bin", table_name(args))),
                &s.raw,
            );
        }
    }
    if status.is_some()
        && let Some(h) = term.reader.take()
    {
        // The reader ends at end of file; if a grandchild holds the terminal, let it be.
        let t = Instant::now();
        while !h.is_finished() && t.elapsed() < Duration::from_secs(1) {
            thread::sleep(Duration::from_millis(5));
        }
        if h.is_finished() {
            let _ = h.join();
        }
    }
    Ok(r)
}

fn table_name(args: &Args) -> String {
    args.name.clone().unwrap_or_else(|| {
        Path::new(&args.command[0])
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| args.command[0].clone())
    })
}

fn fmt(v: Option<f64>, digits: usize) -> String {
    v.map_or("–".to_string(), |v| format!("{v:.digits$}"))
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if let Some(d) = &args.dump {
        std::fs::create_dir_all(d)?;
    }
    let tck = clk_tck();
    let name = table_name(&args);
    let mut runs = Vec::new();
    for i in 1..=args.runs.max(1) {
        let r = measure(&args, i)?;
        eprintln!(
            "# {name} run {i}: first {} ms, cpu {} % ({} ticks of 1/{tck} s), wake-ups {}/s, \
             {} B/s, {} reads/s, key {} ms (max {}), idle: {} wake-ups {} B {} µs cpu, \
             VmHWM {} kB, due late {}..{} ms, restored {:?}, {}",
            fmt(r.first_ms, 2),
            fmt(r.cpu_pct, 4),
            r.cpu_ticks.map_or("–".into(), |t| t.to_string()),
            fmt(r.wakeups_per_s, 2),
            fmt(r.bytes_per_s, 1),
            fmt(r.reads_per_s, 2),
            fmt(r.key_ms, 3),
            fmt(r.key_max_ms, 3),
            r.idle_wakeups.map_or("–".into(), |t| t.to_string()),
            r.idle_bytes.map_or("–".into(), |t| t.to_string()),
            fmt(r.idle_cpu_us, 0),
            r.hwm_kb.map_or("–".into(), |t| t.to_string()),
            fmt(r.due_late_low_ms, 2),
            fmt(r.due_late_ms, 2),
            r.restored,
            r.exit.clone().unwrap_or_else(|| "no exit".into()),
        );
        for n in &r.notes {
            eprintln!("#   note: {n}");
        }
        runs.push(r);
    }
    let med = |f: &dyn Fn(&Run) -> Option<f64>| median(runs.iter().filter_map(f).collect());
    if args.header {
        println!(
            "| program | first frame (ms) | CPU running (% of a core) | wake-ups/s running | \
             bytes/s running | key→screen (ms) | idle wake-ups | peak RSS (MiB) | \
             late at due (ms) | restored after SIGTERM |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    }
    let restored: Vec<bool> = runs.iter().filter_map(|r| r.restored).collect();
    let restored = if restored.is_empty() {
        "–".to_string()
    } else if restored.iter().all(|&b| b) {
        "yes".to_string()
    } else {
        format!(
            "no ({} of {})",
            restored.iter().filter(|&&b| !b).count(),
            restored.len()
        )
    };
    let idle = med(&|r| r.idle_wakeups.map(|v| v as f64));
    println!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {restored} |",
        fmt(med(&|r| r.first_ms), 1),
        fmt(med(&|r| r.cpu_pct), 3),
        fmt(med(&|r| r.wakeups_per_s), 1),
        fmt(med(&|r| r.bytes_per_s), 0),
        fmt(med(&|r| r.key_ms), 2),
        idle.map_or("–".into(), |v| format!("{v:.0} in {} s", args.idle)),
        fmt(med(&|r| r.hwm_kb.map(|k| k as f64 / 1024.0)), 2),
        fmt(med(&|r| r.due_late_ms), 1),
    );
    Ok(())
}
