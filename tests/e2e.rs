//! End-to-end tests: the real binary in an 80x24 pseudo-terminal, its output fed through
//! a vt100 emulator, with assertions on the screen text, the exit status and the terminal
//! modes left behind.
//!
//! Every run gets its own data directory (a temporary one, never the real home), a fixed
//! date and a sped-up clock (`--time-scale`), so no test waits real seconds for long.
#![cfg(unix)]
#![forbid(unsafe_code)]

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_backstretch");
const ROWS: u16 = 24;
const COLS: u16 = 80;
const TODAY: &str = "2026-11-24";
/// How long to wait for something that should happen at once. Only reached on failure.
const WAIT: Duration = Duration::from_secs(5);

const ENTER: &str = "\r";
const SPACE: &str = " ";
const CTRL_C: &str = "\x03";
const CTRL_Z: &str = "\x1a";

const ALT_ON: &[u8] = b"\x1b[?1049h";
const ALT_OFF: &[u8] = b"\x1b[?1049l";
const CURSOR_HIDE: &[u8] = b"\x1b[?25l";
const CURSOR_SHOW: &[u8] = b"\x1b[?25h";
const MOUSE_ON: &[u8] = b"\x1b[?1000h";
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";
const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";
/// "Where is the cursor?" (device status report 6).
const DSR: &[u8] = b"\x1b[6n";

/// A data directory with the first-run notice read and today's checklist answered
/// "none", so sessions start without the notice or the safety gate. Pain check-ins are
/// on, as by default.
fn answered_dir() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = format!(
        r#"{{"notice_seen": true, "checks": [{{"date": "{TODAY}", "at": "{TODAY}T08:00:00+00:00", "result": "none", "yes": [], "quick": false}}]}}"#
    );
    std::fs::write(dir.path().join("state.json"), state).expect("write state.json");
    dir
}

/// As `answered_dir`, with pain check-ins turned off and the start of the spasm already
/// asked: a session starts at once and ends on its summary.
fn seeded_dir() -> TempDir {
    let dir = answered_dir();
    std::fs::write(
        dir.path().join("settings.json"),
        r#"{"checkins": false, "spasm_asked": true}"#,
    )
    .expect("write settings.json");
    dir
}

fn read_json(path: &Path) -> serde_json::Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
}

/// The session records of the history file, one JSON object a line.
fn history(data: &Path) -> Vec<serde_json::Value> {
    let path = data.join("history.jsonl");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn empty_dir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The environment every run gets, whatever the test process has.
fn hermetic_env(cmd: &mut CommandBuilder, data: &Path) {
    cmd.env("BACKSTRETCH_DATA_DIR", data);
    cmd.env("BACKSTRETCH_TODAY", TODAY);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("BACKSTRETCH_CONTENT");
    // English, whatever the locale of the test process: the language has tests of its own.
    for v in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(v);
    }
    cmd.cwd(data);
}

/// Index of the last occurrence of `needle` in `hay`.
fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    rfind(hay, needle).is_some()
}

/// The words in a flag set's Debug text, e.g. `LocalFlags(ECHO | ICANON)`.
fn flag_names(debug: &str) -> Vec<String> {
    debug
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The state letter of a process from /proc (R, S, T for stopped, Z...), if readable.
fn proc_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    after.trim_start().chars().next()
}

fn send_signal(pid: u32, sig: &str) {
    let status = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{sig} {pid} failed: {status}");
}

/// A program running in a pseudo-terminal, and what it has drawn so far.
struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    rx: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Every byte received, for checking the modes at the end.
    bytes: Vec<u8>,
    /// The output has ended (the terminal was closed on the program's side).
    eof: bool,
    status: Option<ExitStatus>,
    data: TempDir,
}

impl Pty {
    /// backstretch with `args` and a sped-up clock, on `data`.
    fn app(data: TempDir, args: &[&str], time_scale: f64) -> Pty {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.arg("--time-scale");
        cmd.arg(time_scale.to_string());
        hermetic_env(&mut cmd, data.path());
        Pty::spawn(cmd, data)
    }

    fn spawn(cmd: CommandBuilder, data: TempDir) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        // Only the child keeps the terminal open, so its exit ends the output.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Pty {
            master: pair.master,
            writer,
            child,
            rx,
            parser: vt100::Parser::new(ROWS, COLS, 0),
            bytes: Vec::new(),
            eof: false,
            status: None,
            data,
        }
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    fn header(&self) -> String {
        self.screen().lines().next().unwrap_or_default().to_string()
    }

    /// The screen, row by row, for failure messages.
    fn dump(&self) -> String {
        let s = self.parser.screen();
        let mut out = format!(
            "--- screen (alternate: {}, cursor hidden: {}, {} bytes received, eof: {}) ---\n",
            s.alternate_screen(),
            s.hide_cursor(),
            self.bytes.len(),
            self.eof
        );
        for (i, row) in s.rows(0, COLS).enumerate() {
            out.push_str(&format!("{i:2}|{row}\n"));
        }
        out.push_str("---");
        out
    }

    fn feed(&mut self, chunk: &[u8]) {
        let old = self.bytes.len();
        self.parser.process(chunk);
        self.bytes.extend_from_slice(chunk);
        // Answer cursor-position queries, as a real terminal does.
        let from = old.saturating_sub(DSR.len() - 1);
        let queries = self.bytes[from..]
            .windows(DSR.len())
            .filter(|w| *w == DSR)
            .count();
        for _ in 0..queries {
            let (row, col) = self.parser.screen().cursor_position();
            let reply = format!("\x1b[{};{}R", row + 1, col + 1);
            let _ = self.writer.write_all(reply.as_bytes());
            let _ = self.writer.flush();
        }
    }

    /// Takes what has arrived, waiting at most `timeout` for the first chunk. Returns
    /// whether anything arrived.
    fn pump(&mut self, timeout: Duration) -> bool {
        if self.eof {
            return false;
        }
        match self.rx.recv_timeout(timeout) {
            Ok(chunk) => {
                self.feed(&chunk);
                while let Ok(more) = self.rx.try_recv() {
                    self.feed(&more);
                }
                true
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                false
            }
        }
    }

    /// Reads until nothing arrives for `quiet`: the frame being drawn is complete.
    fn settle(&mut self, quiet: Duration) {
        let end = Instant::now() + WAIT;
        while self.pump(quiet) {
            assert!(
                Instant::now() < end,
                "output never went quiet\n{}",
                self.dump()
            );
        }
    }

    /// Whether the output is between frames: not inside a synchronized update. A real
    /// terminal shows each frame whole; so do the checks here.
    fn between_frames(&self) -> bool {
        match (rfind(&self.bytes, SYNC_BEGIN), rfind(&self.bytes, SYNC_END)) {
            (Some(begin), Some(end)) => end > begin,
            (Some(_), None) => false,
            (None, _) => true,
        }
    }

    /// Pumps output until `pred` holds for a whole frame, or panics with the screen.
    fn wait_until(&mut self, what: &str, timeout: Duration, pred: impl Fn(&Pty) -> bool) {
        let end = Instant::now() + timeout;
        loop {
            if self.between_frames() && pred(self) {
                return;
            }
            let now = Instant::now();
            if now >= end || self.eof {
                panic!(
                    "timed out after {timeout:?} waiting for {what}{}\n{}",
                    if self.eof { " (the output ended)" } else { "" },
                    self.dump()
                );
            }
            self.pump((end - now).min(Duration::from_millis(50)));
        }
    }

    fn wait_for(&mut self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?}"), timeout, |p| p.screen().contains(text));
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Waits for a hold of the session: the header says which rep, and the block is no
    /// longer the lead-in or a rest.
    fn wait_for_hold(&mut self, rep: &str) {
        let rep = rep.to_string();
        self.wait_until(&format!("a hold, {rep}"), WAIT, move |p| {
            let s = p.screen();
            p.header().contains(&rep) && !s.contains("GET INTO POSITION") && !s.contains(" REST ")
        });
    }

    /// Waits for the program to end and reads the rest of its output.
    fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let end = Instant::now() + timeout;
        let status = loop {
            match self.child.try_wait().expect("try_wait") {
                Some(st) => break st,
                None => {
                    if Instant::now() >= end {
                        panic!(
                            "the program did not end within {timeout:?}\n{}",
                            self.dump()
                        );
                    }
                    self.pump(Duration::from_millis(20));
                }
            }
        };
        self.status = Some(status.clone());
        // The output ends when the terminal's last user is gone.
        let end = Instant::now() + Duration::from_secs(2);
        while !self.eof && Instant::now() < end {
            self.pump(Duration::from_millis(50));
        }
        status
    }

    /// The local-mode flag names of the terminal, if the pty exposes its termios.
    fn local_flags(&self) -> Option<Vec<String>> {
        let t = self.master.get_termios()?;
        Some(flag_names(&format!("{:?}", t.local_flags)))
    }

    /// The terminal is in raw mode now (checked only if the termios is readable).
    fn assert_raw(&self) {
        if let Some(flags) = self.local_flags() {
            for f in ["ICANON", "ECHO", "ISIG"] {
                assert!(
                    !flags.iter().any(|x| x == f),
                    "{f} is still on during the full screen: {flags:?}"
                );
            }
        }
    }

    /// After the program has ended: the main screen is back, the cursor shown, and the
    /// line discipline as it was.
    fn assert_restored(&self) {
        let b = &self.bytes;
        let on = rfind(b, ALT_ON)
            .unwrap_or_else(|| panic!("never entered the alternate screen\n{}", self.dump()));
        let off = rfind(b, ALT_OFF)
            .unwrap_or_else(|| panic!("never left the alternate screen\n{}", self.dump()));
        assert!(
            off > on,
            "the last alternate-screen switch is an enter\n{}",
            self.dump()
        );
        let hide = rfind(b, CURSOR_HIDE)
            .unwrap_or_else(|| panic!("the cursor was never hidden\n{}", self.dump()));
        let show = rfind(b, CURSOR_SHOW)
            .unwrap_or_else(|| panic!("the cursor was never shown again\n{}", self.dump()));
        assert!(show > hide, "the cursor is left hidden\n{}", self.dump());
        // Mouse reports, if they were ever turned on, are off again.
        if let Some(on) = rfind(b, MOUSE_ON) {
            let off = rfind(b, MOUSE_OFF)
                .unwrap_or_else(|| panic!("mouse reports were never turned off\n{}", self.dump()));
            assert!(off > on, "mouse reports are left on\n{}", self.dump());
        }
        let s = self.parser.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "the cursor is still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reports are left on"
        );
        if let Some(flags) = self.local_flags() {
            for f in ["ICANON", "ECHO", "ISIG"] {
                assert!(
                    flags.iter().any(|x| x == f),
                    "{f} was not restored after exit: {flags:?}"
                );
            }
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave its program running.
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn assert_exit_code(status: &ExitStatus, code: u32, p: &Pty) {
    assert!(
        status.signal().is_none() && status.exit_code() == code,
        "expected exit code {code}, got {status:?}\n{}",
        p.dump()
    );
}

/// A full session: lead-in, hold, pause (the countdown stops), resume, summary, home,
/// quit; the terminal is left as it was.
#[test]
fn session_pause_resume_summary_and_quit() {
    let mut p = Pty::app(
        seeded_dir(),
        &["run", "knee-to-chest", "--hold", "10", "--reps", "2"],
        10.0,
    );
    p.wait_for("GET INTO POSITION", WAIT);
    assert!(
        !p.screen().contains("Warning signs first"),
        "the gate showed although today's check is answered\n{}",
        p.dump()
    );
    p.assert_raw();
    p.wait_for_hold("rep 1 of 2");

    p.send(SPACE);
    p.wait_for("PAUSED", WAIT);
    p.settle(Duration::from_millis(100));
    let before = p.screen();
    std::thread::sleep(Duration::from_millis(300)); // 3 s of the sped-up clock
    p.pump(Duration::from_millis(50));
    let after = p.screen();
    assert_eq!(before, after, "the countdown moved while paused");
    assert!(p.header().contains("rep 1 of 2"), "{}", p.dump());

    p.send(SPACE);
    p.wait_until("the pause to end", WAIT, |p| !p.screen().contains("PAUSED"));
    p.wait_for("Well done", WAIT);
    assert!(p.screen().contains("Summary"), "{}", p.dump());

    p.send(ENTER);
    p.wait_for("Routines", WAIT);
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

/// First run: the notice, then the safety gate before the first session of the day; `y`
/// starts the session and both answers are saved.
#[test]
fn first_run_notice_then_gate() {
    let mut p = Pty::app(empty_dir(), &[], 20.0);
    p.wait_for("Before you start", WAIT);
    assert!(p.screen().contains("I understand"), "{}", p.dump());
    p.send(ENTER);
    p.wait_until("home without the notice", WAIT, |p| {
        let s = p.screen();
        s.contains("Routines") && !s.contains("Before you start")
    });
    assert!(p.header().contains("Not checked today"), "{}", p.dump());

    // Enter on the first routine: the gate comes first.
    p.send(ENTER);
    p.wait_for("Warning signs first", WAIT);
    assert!(p.screen().contains("none of these apply"), "{}", p.dump());
    p.send("y");
    // With check-ins on (the default), the pain rating comes next; skip it.
    p.wait_until("the session or the check-in", WAIT, |p| {
        let s = p.screen();
        s.contains("GET INTO POSITION") || s.contains("Pain check-in")
    });
    if p.screen().contains("Pain check-in") {
        p.send("s");
        p.wait_for("GET INTO POSITION", WAIT);
    }

    p.send(CTRL_C);
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();

    let state = read_json(&p.data.path().join("state.json"));
    assert_eq!(state["notice_seen"], true, "{state}");
    let checks = entries(&state);
    assert_eq!(checks.len(), 1, "{state}");
    assert_eq!(checks[0]["date"], TODAY, "{state}");
    assert_eq!(checks[0]["kind"], "complete", "{state}");
    assert_eq!(checks[0]["result"], "none", "{state}");
    assert_eq!(checks[0]["quick"], true, "{state}");
}

/// The checklist entries kept in a state file.
fn entries(state: &serde_json::Value) -> Vec<serde_json::Value> {
    state["safety"]["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("no entries in {state}"))
        .clone()
}

/// A data directory with the notice read and nothing answered yet; check-ins off.
fn unchecked_dir() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("state.json"), r#"{"notice_seen": true}"#)
        .expect("write state.json");
    std::fs::write(
        dir.path().join("settings.json"),
        r#"{"checkins": false, "spasm_asked": true}"#,
    )
    .expect("write settings.json");
    dir
}

/// The hole a hurried person fell through: yes to the first question, Esc, then y for
/// "none of these apply". Nothing starts, and the yes is on disk.
#[test]
fn yes_then_esc_then_y_starts_nothing() {
    let mut p = Pty::app(unchecked_dir(), &[], 20.0);
    p.wait_for("Routines", WAIT);
    p.send(ENTER);
    p.wait_for("Warning signs first", WAIT);
    p.send("c");
    p.wait_for("0 of", WAIT);
    p.send("y");
    p.wait_for("!! EMERGENCY", WAIT);
    p.send("\x1b");
    p.wait_for("Session blocked", WAIT);
    p.send("y");
    p.send("y");
    p.settle(Duration::from_millis(200));
    assert!(p.screen().contains("Session blocked"), "{}", p.dump());
    assert!(!p.screen().contains("GET INTO POSITION"), "{}", p.dump());
    p.send("\x1b");
    p.wait_until("home, blocked", WAIT, |p| {
        p.header().contains("Emergency sign today: get help now")
            && !p.screen().contains("Session blocked")
    });
    assert!(!p.screen().contains("Enter starts it"), "{}", p.dump());
    let state = read_json(&p.data.path().join("state.json"));
    let e = entries(&state);
    assert_eq!(e.len(), 1, "{state}");
    assert_eq!(e[0]["kind"], "answer", "{state}");
    assert_eq!(e[0]["sign"], "saddle-numbness", "{state}");
    assert_eq!(e[0]["yes"], true, "{state}");
    assert!(
        e[0]["question"].as_str().unwrap().contains("buttocks"),
        "the words asked are kept: {state}"
    );
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    assert!(!p.data.path().join("history.jsonl").exists());
}

/// SIGTERM with the checklist open, right after a yes: the yes was saved as given.
#[test]
fn sigterm_in_the_checklist_keeps_the_yes() {
    let mut p = Pty::app(unchecked_dir(), &[], 20.0);
    p.wait_for("Routines", WAIT);
    p.send("!");
    p.wait_for("0 of", WAIT);
    p.send("n");
    p.wait_for("1 of", WAIT);
    p.send("y");
    p.wait_for("2 of", WAIT);
    send_signal(p.pid(), "TERM");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 143, &p);
    p.assert_restored();
    let state = read_json(&p.data.path().join("state.json"));
    let yes: Vec<bool> = entries(&state)
        .iter()
        .map(|e| e["yes"].as_bool().unwrap())
        .collect();
    assert_eq!(yes, vec![false, true], "{state}");
}

/// An emergency answered under one time zone still blocks a second later under another,
/// where the local date is already the next day.
#[test]
fn a_time_zone_change_does_not_lift_a_block() {
    let dir = unchecked_dir();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["--time-scale", "20"]);
    hermetic_env(&mut cmd, dir.path());
    cmd.env("TZ", "<-11>11");
    let mut p = Pty::spawn(cmd, dir);
    p.wait_for("Routines", WAIT);
    p.send("!");
    p.wait_for("0 of", WAIT);
    p.send("y");
    p.wait_for("!! EMERGENCY", WAIT);
    p.send(CTRL_C);
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    let dir = std::mem::replace(&mut p.data, empty_dir());
    let state = read_json(&dir.path().join("state.json"));
    let at = entries(&state)[0]["at"].as_str().unwrap().to_string();
    assert!(at.ends_with("-11:00"), "TZ was taken: {at}");

    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["--time-scale", "20"]);
    hermetic_env(&mut cmd, dir.path());
    cmd.env("TZ", "<+14>-14");
    cmd.env("BACKSTRETCH_TODAY", "2026-11-25");
    let mut q = Pty::spawn(cmd, dir);
    q.wait_until("home, blocked", WAIT, |p| {
        p.header().contains("Emergency sign today: get help now")
    });
    q.send(ENTER);
    q.wait_for("Session blocked", WAIT);
    q.send("\x1b");
    q.wait_until("home", WAIT, |p| !p.screen().contains("Session blocked"));
    q.send("q");
    let status = q.wait_exit(WAIT);
    assert_exit_code(&status, 0, &q);
}

/// A session dated a year ahead (a clock set wrong once) does not make the pain trend
/// look like it is falling: the doctor note stays.
#[test]
fn a_future_dated_session_leaves_the_doctor_note_in_place() {
    let dir = unchecked_dir();
    std::fs::write(
        dir.path().join("settings.json"),
        r#"{"checkins": false, "spasm_asked": true, "spasm_start": "2026-11-01"}"#,
    )
    .unwrap();
    let line = |start: &str, pain: u8| {
        format!(
            r#"{{"start": "{start}", "end": "{start}", "routine": "in-bed", "hold_seconds": 20, "repetitions": 2, "stretches": [], "pauses": 0, "skips": 0, "pain_stops": 0, "pain_before": {pain}, "pain_after": null, "checklist": "none", "completed": true}}"#
        )
    };
    let mut history = String::new();
    for (day, pain) in [(10, 6), (11, 6), (12, 7), (13, 7), (14, 7)] {
        history.push_str(&line(&format!("2026-11-{day}T08:00:00+00:00"), pain));
        history.push('\n');
    }
    for day in 10..16 {
        history.push_str(&line(&format!("2027-11-{day}T08:00:00+00:00"), 0));
        history.push('\n');
    }
    std::fs::write(dir.path().join("history.jsonl"), &history).unwrap();
    let mut p = Pty::app(dir, &[], 20.0);
    p.wait_for("Routines", WAIT);
    p.wait_for("not clearly falling", WAIT);
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    assert_eq!(
        std::fs::read_to_string(p.data.path().join("history.jsonl")).unwrap(),
        history,
        "kept in the file"
    );
}

/// The default pain check-ins: a rating before, one after, then (once) the start of the
/// spasm; the session is written to the history with both ratings.
#[test]
fn check_ins_before_and_after_a_session() {
    let mut p = Pty::app(
        answered_dir(),
        &["run", "knee-to-chest", "--hold", "10", "--reps", "2"],
        20.0,
    );
    p.wait_for("Before you start: how is your back pain", WAIT);
    assert!(!p.screen().contains("GET INTO POSITION"), "{}", p.dump());
    p.send("6");
    p.wait_for("And now, after the session", WAIT);
    p.send("3");
    p.wait_for("When did this spasm begin?", WAIT);
    p.send("s");
    p.wait_until("the summary with no popup", WAIT, |p| {
        let s = p.screen();
        s.contains("Well done") && !s.contains("When did this spasm begin?")
    });
    p.send(ENTER);
    p.wait_for("Routines", WAIT);
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();

    let records = history(p.data.path());
    assert_eq!(records.len(), 1, "{records:?}");
    let r = &records[0];
    assert_eq!(r["pain_before"], 6, "{r}");
    assert_eq!(r["pain_after"], 3, "{r}");
    assert_eq!(r["completed"], true, "{r}");
    assert_eq!(r["hold_seconds"], 10, "{r}");
    assert_eq!(r["repetitions"], 2, "{r}");
    let settings = read_json(&p.data.path().join("settings.json"));
    assert_eq!(settings["spasm_asked"], true, "{settings}");
    assert_eq!(settings["checkins"], true, "{settings}");
}

#[test]
fn q_on_home_quits() {
    let mut p = Pty::app(seeded_dir(), &[], 20.0);
    p.wait_for("Routines", WAIT);
    // The old state format (seeded_dir) is read: the list answered today, no yes.
    assert!(
        p.header().contains("No warning signs today"),
        "{}",
        p.dump()
    );
    assert!(!p.screen().contains("Before you start"), "{}", p.dump());
    p.assert_raw();
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

/// A session with long holds, sped up: the lead-in takes 0.25 s, a hold 1.5 s.
fn in_a_hold() -> Pty {
    let mut p = Pty::app(
        seeded_dir(),
        &["run", "knee-to-chest", "--hold", "30", "--reps", "2"],
        20.0,
    );
    p.wait_for_hold("rep 1 of 2");
    p
}

/// The session cut short is still written to the history, as not completed.
fn assert_unfinished_session_kept(p: &Pty) {
    let records = history(p.data.path());
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["completed"], false, "{}", records[0]);
}

#[test]
fn ctrl_c_during_a_hold_quits() {
    let mut p = in_a_hold();
    p.send(CTRL_C);
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
    assert_unfinished_session_kept(&p);
}

fn signal_during_a_hold(sig: &str, number: u32) {
    let mut p = in_a_hold();
    send_signal(p.pid(), sig);
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 128 + number, &p);
    p.assert_restored();
    assert_unfinished_session_kept(&p);
}

#[test]
fn sigterm_during_a_hold_quits_with_143() {
    signal_during_a_hold("TERM", 15);
}

#[test]
fn sighup_during_a_hold_quits_with_129() {
    signal_during_a_hold("HUP", 1);
}

/// Ctrl-Z with the program alone in its session, as a terminal emulator runs it with no
/// shell between. Its process group is orphaned, so the kernel discards the SIGTSTP it
/// raises: it may not stop at all. Either way it must leave the full screen, come back
/// to it with the hold paused, and end cleanly.
#[test]
fn ctrl_z_then_sigcont_comes_back_paused() {
    let mut p = in_a_hold();
    let pid = p.pid();
    if Path::new("/proc/self/stat").exists() {
        assert!(proc_state(pid).is_some(), "cannot read /proc/{pid}/stat");
    }
    let mark = p.bytes.len();
    p.send(CTRL_Z);
    p.wait_until("the full screen to be left", WAIT, |p| {
        contains(&p.bytes[mark..], ALT_OFF)
    });
    // Did it really stop? Look for a moment.
    let mut stopped = false;
    let end = Instant::now() + Duration::from_millis(300);
    while Instant::now() < end {
        if proc_state(pid) == Some('T') {
            stopped = true;
            break;
        }
        p.pump(Duration::from_millis(10));
    }
    eprintln!("ctrl_z_then_sigcont: the process stopped on Ctrl-Z: {stopped}");
    send_signal(pid, "CONT");
    p.wait_until("the full screen to come back, paused", WAIT, |p| {
        let after = &p.bytes[mark..];
        let back = matches!(
            (rfind(after, ALT_OFF), rfind(after, ALT_ON)),
            (Some(off), Some(on)) if on > off
        );
        back && p.parser.screen().alternate_screen() && p.screen().contains("PAUSED")
    });
    p.settle(Duration::from_millis(100));
    assert!(p.header().contains("rep 1 of 2"), "{}", p.dump());
    assert!(p.screen().contains("PAUSED"), "{}", p.dump());
    p.assert_raw();
    // Still paused a moment later (3 s of the sped-up clock).
    let before = p.screen();
    std::thread::sleep(Duration::from_millis(150));
    p.pump(Duration::from_millis(20));
    assert_eq!(before, p.screen(), "the hold went on after Ctrl-Z");

    p.send(CTRL_C);
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

/// A session in a hold, started by an interactive bash (with job control) in the pty;
/// `None` without bash.
fn in_a_hold_under_bash() -> Option<Pty> {
    let bash = ["/bin/bash", "/usr/bin/bash"]
        .into_iter()
        .find(|b| Path::new(b).exists())?;
    let data = seeded_dir();
    let mut cmd = CommandBuilder::new(bash);
    cmd.args(["--norc", "--noprofile", "-i"]);
    hermetic_env(&mut cmd, data.path());
    cmd.env("HOME", data.path());
    cmd.env("HISTFILE", "/dev/null");
    cmd.env("PS1", "E2E$ ");
    let mut p = Pty::spawn(cmd, data);
    p.wait_for("E2E$", WAIT);
    p.send(&format!(
        "'{BIN}' run knee-to-chest --hold 30 --reps 2 --time-scale 20\r"
    ));
    p.wait_for_hold("rep 1 of 2");
    Some(p)
}

/// Ctrl-Z under a real job-control shell: the program stops, the shell reports it, `fg`
/// brings it back to the paused hold.
#[test]
fn ctrl_z_and_fg_under_a_job_control_shell() {
    let Some(mut p) = in_a_hold_under_bash() else {
        eprintln!("no bash: skipped");
        return;
    };

    let mark = p.bytes.len();
    p.send(CTRL_Z);
    p.wait_until("the shell to report the stop", WAIT, |p| {
        !p.parser.screen().alternate_screen() && p.screen().contains("Stopped")
    });
    assert!(contains(&p.bytes[mark..], ALT_OFF), "{}", p.dump());
    assert!(contains(&p.bytes[mark..], CURSOR_SHOW), "{}", p.dump());
    // The shell has the terminal, in its own modes.
    if let Some(flags) = p.local_flags() {
        assert!(flags.iter().any(|f| f == "ISIG"), "{flags:?}");
    }

    p.send("fg\r");
    p.wait_until("the full screen to come back, paused", WAIT, |p| {
        p.parser.screen().alternate_screen() && p.screen().contains("PAUSED")
    });
    p.settle(Duration::from_millis(100));
    assert!(p.header().contains("rep 1 of 2"), "{}", p.dump());
    p.assert_raw();

    // Type nothing more until the shell prompts again: until the program has ended, it
    // would read the keys itself.
    let mark = p.bytes.len();
    p.send(CTRL_C);
    p.wait_until("the shell prompt after the program", WAIT, |p| {
        !p.parser.screen().alternate_screen() && contains(&p.bytes[mark..], b"E2E$")
    });
    p.send("echo \"rc=$?\"\r");
    p.wait_for("rc=0", WAIT);
    p.send("exit\r");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

/// Without a terminal the coach does not start: exit 2, a pointer to the plain commands,
/// and no escape sequences.
#[test]
fn no_terminal_exits_2_with_plain_advice() {
    let data = seeded_dir();
    for args in [&[][..], &["run", "knee-to-chest"][..]] {
        let out = Command::new(BIN)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .args(args)
            .env("BACKSTRETCH_DATA_DIR", data.path())
            .env("BACKSTRETCH_TODAY", TODAY)
            .env("TERM", "xterm-256color")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("run backstretch");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        let text = format!("{}{stderr}", String::from_utf8_lossy(&out.stdout));
        assert!(text.contains("list"), "{args:?}: {text}");
        assert!(text.contains("flags --check"), "{args:?}: {text}");
        assert!(
            !out.stdout.contains(&0x1b),
            "escape bytes on stdout: {args:?}"
        );
        assert!(
            !out.stderr.contains(&0x1b),
            "escape bytes on stderr: {args:?}"
        );
    }
}

#[test]
fn sigint_during_a_hold_quits_with_130() {
    signal_during_a_hold("INT", 2);
}

/// A panic (triggered by a key only when BACKSTRETCH_TEST_PANIC names it) restores the
/// terminal first, then its message is printed on the normal screen.
#[test]
fn a_panic_restores_the_terminal_then_prints_its_message() {
    let data = seeded_dir();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["run", "knee-to-chest", "--time-scale", "20"]);
    hermetic_env(&mut cmd, data.path());
    cmd.env("BACKSTRETCH_TEST_PANIC", "P");
    let mut p = Pty::spawn(cmd, data);
    p.wait_for_hold("rep 1 of 2");
    p.send("P");
    let status = p.wait_exit(WAIT);
    assert!(!status.success(), "a panic is a failure");
    p.assert_restored();
    let leave = rfind(&p.bytes, ALT_OFF).expect("left the alternate screen");
    let msg = rfind(&p.bytes, b"a test asked for a panic").expect("the panic message");
    assert!(msg > leave, "the message comes after the restore");
    assert!(
        p.screen().contains("a test asked for a panic"),
        "{}",
        p.dump()
    );
}

/// SIGKILL cannot be caught: the session in progress is lost, but the history file stays
/// valid with every earlier session intact.
#[test]
fn sigkill_mid_hold_leaves_the_history_valid() {
    let data = seeded_dir();
    let earlier = concat!(
        r#"{"start":"2026-11-23T08:00:00+00:00","end":"2026-11-23T08:03:00+00:00","routine":"in-bed","hold_seconds":20,"repetitions":2,"stretches":[{"id":"knee-to-chest","reps_planned":2,"reps_done":2,"held_seconds":40.0,"skipped":0}],"pauses":0,"skips":0,"pain_stops":0,"pain_before":6,"pain_after":4,"checklist":"none","completed":true}"#,
        "\n",
        r#"{"start":"2026-11-23T19:00:00+00:00","end":"2026-11-23T19:03:00+00:00","routine":"chair","hold_seconds":20,"repetitions":2,"stretches":[{"id":"seated-rotation","reps_planned":2,"reps_done":1,"held_seconds":55.5,"skipped":1}],"pauses":2,"skips":1,"pain_stops":1,"pain_before":5,"pain_after":null,"checklist":"none","completed":false}"#,
        "\n"
    );
    let path = data.path().join("history.jsonl");
    std::fs::write(&path, earlier).unwrap();
    let mut p = Pty::app(
        data,
        &["run", "knee-to-chest", "--hold", "30", "--reps", "2"],
        20.0,
    );
    p.wait_for_hold("rep 1 of 2");
    send_signal(p.pid(), "KILL");
    let _ = p.wait_exit(WAIT);
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(after, earlier, "the history is untouched");
    assert_eq!(history(p.data.path()).len(), 2);
}

/// TERM=dumb (an Emacs shell, some CI logs): no full screen, no colour codes, a pointer
/// to `run --plain`, exit 2.
#[test]
fn a_dumb_terminal_is_refused_with_plain_advice() {
    for args in [&[][..], &["run", "knee-to-chest"][..]] {
        let data = seeded_dir();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        hermetic_env(&mut cmd, data.path());
        cmd.env("TERM", "dumb");
        let mut p = Pty::spawn(cmd, data);
        let status = p.wait_exit(WAIT);
        assert_exit_code(&status, 2, &p);
        let out = String::from_utf8_lossy(&p.bytes).into_owned();
        assert!(out.contains("capable terminal"), "{out}");
        assert!(out.contains("run --plain"), "{out}");
        assert!(
            !out.contains('\x1b'),
            "escape codes on a dumb terminal: {out:?}"
        );
    }
}

/// A save that fails (here the state file's lock cannot be made, even as root) is shown
/// where it happened, with what and where, and stays until acknowledged.
#[test]
fn a_failed_save_is_shown_until_acknowledged() {
    let data = empty_dir();
    std::fs::create_dir(data.path().join(".state.lock")).unwrap();
    let mut p = Pty::app(data, &[], 20.0);
    // The first-run notice: reading it saves that it was read.
    p.wait_for("Enter", WAIT);
    p.send(ENTER);
    p.wait_for("Not saved", WAIT);
    assert!(p.screen().contains("state.json"), "{}", p.dump());
    // Other keys leave it up.
    p.send("j");
    p.send("s");
    p.settle(Duration::from_millis(100));
    assert!(p.screen().contains("Not saved"), "{}", p.dump());
    p.send(ENTER);
    p.wait_until("the message to be gone", WAIT, |p| {
        !p.screen().contains("Not saved") && p.screen().contains("Routines")
    });
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

/// After an outside SIGSTOP and SIGCONT, whatever was written over the screen meanwhile
/// is gone: everything is drawn again, not only the cells that changed.
#[test]
fn sigcont_redraws_the_whole_screen() {
    let mut p = Pty::app(seeded_dir(), &[], 20.0);
    p.wait_for("Routines", WAIT);
    p.settle(Duration::from_millis(100));
    let pid = p.pid();
    send_signal(pid, "STOP");
    let end = Instant::now() + WAIT;
    while proc_state(pid).is_some_and(|s| s != 'T') && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(10));
    }
    // Something else scribbles on the terminal while it is stopped.
    p.parser
        .process(b"\x1b[H\x1b[2JSTALE TEXT FROM ANOTHER PROGRAM");
    send_signal(pid, "CONT");
    p.wait_until("the whole screen again", WAIT, |p| {
        !p.screen().contains("STALE TEXT") && p.screen().contains("Routines")
    });
    p.assert_raw();
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

/// The pid of `parent`'s only child, from /proc.
fn child_of(parent: u32) -> Option<u32> {
    let text = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// `kill -TSTP` from another shell is Ctrl-Z: the terminal is given back (main screen,
/// cursor shown), the job stops, and `fg` brings back the paused hold.
#[test]
fn an_outside_sigtstp_is_treated_like_ctrl_z() {
    let Some(mut p) = in_a_hold_under_bash() else {
        eprintln!("no bash: skipped");
        return;
    };
    let Some(app) = child_of(p.pid()) else {
        eprintln!("/proc has no children list: skipped");
        return;
    };
    let mark = p.bytes.len();
    send_signal(app, "TSTP");
    p.wait_until("the shell to report the stop", WAIT, |p| {
        !p.parser.screen().alternate_screen() && p.screen().contains("Stopped")
    });
    assert!(contains(&p.bytes[mark..], ALT_OFF), "{}", p.dump());
    assert!(contains(&p.bytes[mark..], CURSOR_SHOW), "{}", p.dump());
    assert!(!p.parser.screen().hide_cursor(), "{}", p.dump());
    p.send("fg\r");
    p.wait_until("the full screen to come back, paused", WAIT, |p| {
        p.parser.screen().alternate_screen() && p.screen().contains("PAUSED")
    });
    p.settle(Duration::from_millis(100));
    assert!(p.header().contains("rep 1 of 2"), "{}", p.dump());
    p.assert_raw();
    let mark = p.bytes.len();
    p.send(CTRL_C);
    p.wait_until("the shell prompt after the program", WAIT, |p| {
        !p.parser.screen().alternate_screen() && contains(&p.bytes[mark..], b"E2E$")
    });
    p.send("echo \"rc=$?\"\r");
    p.wait_for("rc=0", WAIT);
    p.send("exit\r");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

// ---------------------------------------------------------------------------------------
// Voice: a fake speech command that logs each call with its time, a hanging one, a missing
// one, and a real engine writing WAV files.

impl Pty {
    /// As `app`, with more environment.
    fn app_env(data: TempDir, args: &[&str], time_scale: f64, env: &[(&str, &str)]) -> Pty {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.arg("--time-scale");
        cmd.arg(time_scale.to_string());
        hermetic_env(&mut cmd, data.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        Pty::spawn(cmd, data)
    }
}

/// An executable shell script in `dir`.
fn script(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join(name);
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).expect("write script");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    p
}

/// One call of a logging speech command: when (ns since the epoch), its pid, the text.
#[derive(Debug)]
struct Said {
    ns: u128,
    pid: u32,
    text: String,
}

fn said(log: &Path) -> Vec<Said> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let mut parts = l.splitn(3, ' ');
            let ns = parts.next()?.parse().ok()?;
            let pid = parts.next()?.parse().ok()?;
            Some(Said {
                ns,
                pid,
                text: parts.next().unwrap_or_default().to_string(),
            })
        })
        .collect()
}

/// A process is gone: no such pid, or only a zombie waiting for init.
fn gone(pid: u32) -> bool {
    matches!(proc_state(pid), None | Some('Z') | Some('X'))
}

/// The short timings used below: 3 s to get into position, 3 s of rest.
const SHORT: [&str; 4] = ["--lead-in", "3", "--rest", "3"];

#[test]
fn voice_cues_are_spoken_in_order_each_on_its_step() {
    let tools = tempfile::tempdir().expect("temp dir");
    let log = tools.path().join("said.log");
    let cmd = script(
        tools.path(),
        "fake-speak",
        &format!(
            "printf '%s %s %s\\n' \"$(date +%s%N)\" \"$$\" \"$*\" >> '{}'",
            log.display()
        ),
    );
    let scale = 4.0;
    let mut args = vec![
        "--voice",
        "run",
        "knee-to-chest",
        "--hold",
        "20",
        "--reps",
        "2",
    ];
    args.extend(SHORT);
    let mut p = Pty::app_env(
        seeded_dir(),
        &args,
        scale,
        &[("BACKSTRETCH_SPEAK", cmd.to_str().unwrap())],
    );
    p.wait_for("Well done", Duration::from_secs(30));
    // Model seconds from the start, and the words.
    let want: [(f64, &str); 9] = [
        (0.0, "Knee-to-chest. Lie on your back."),
        (3.0, "Hold for 20 seconds."),
        (13.0, "Halfway."),
        (21.0, "3, 2, 1."),
        (23.0, "Release. Rest for 3 seconds."),
        (26.0, "Hold for 20 seconds."),
        (36.0, "Halfway."),
        (44.0, "3, 2, 1."),
        (46.0, "Release. That is the end of the session. Well done."),
    ];
    // The last call may still be on its way to the log.
    let end = Instant::now() + WAIT;
    while said(&log).len() < want.len() && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    let got = said(&log);
    let texts: Vec<&str> = got.iter().map(|s| s.text.as_str()).collect();
    let want_texts: Vec<&str> = want.iter().map(|w| w.1).collect();
    assert_eq!(texts, want_texts, "the cues, in order");
    // Each within 300 ms of its step (real time; the clock runs `scale` times faster).
    let t0 = got[0].ns;
    for (s, (at, text)) in got.iter().zip(want) {
        let real_ms = (s.ns - t0) as f64 / 1e6;
        let want_ms = at * 1000.0 / scale;
        assert!(
            (real_ms - want_ms).abs() <= 300.0,
            "{text:?} was said {real_ms:.0} ms in, its step is at {want_ms:.0} ms"
        );
    }
    p.send(ENTER);
    p.wait_for("Routines", WAIT);
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

/// A session with a speech command whose every call hangs for 40 s (a sleep of its own,
/// a grandchild): the steps still come on time, Space still pauses at once. Returns the
/// program, paused in its second hold, and the log of calls.
fn hanging_speech() -> (Pty, TempDir, std::path::PathBuf) {
    let tools = tempfile::tempdir().expect("temp dir");
    let log = tools.path().join("said.log");
    let cmd = script(
        tools.path(),
        "hanging-speak",
        &format!(
            "printf '%s %s %s\\n' \"$(date +%s%N)\" \"$$\" \"$*\" >> '{l}'\n\
             sleep 40 &\n\
             printf '%s %s %s\\n' \"$(date +%s%N)\" \"$!\" sleep >> '{l}'\n\
             wait",
            l = log.display()
        ),
    );
    let mut args = vec![
        "--voice",
        "run",
        "knee-to-chest",
        "--hold",
        "10",
        "--reps",
        "2",
    ];
    args.extend(SHORT);
    let mut p = Pty::app_env(
        seeded_dir(),
        &args,
        4.0,
        &[("BACKSTRETCH_SPEAK", cmd.to_str().unwrap())],
    );
    p.wait_for("GET INTO POSITION", WAIT);
    let start = Instant::now();
    // Lead-in 3 + hold 10 + rest 3 = 16 model seconds to the second hold: 4 s real.
    p.wait_for_hold("rep 2 of 2");
    let took = start.elapsed().as_secs_f64();
    assert!(
        (3.5..5.0).contains(&took),
        "the second hold began {took:.2} s in, not at 4 s\n{}",
        p.dump()
    );
    p.send(SPACE);
    p.wait_for("PAUSED", Duration::from_secs(1));
    let calls = said(&log);
    assert!(
        calls.iter().filter(|c| c.text != "sleep").count() >= 4,
        "{calls:?}"
    );
    (p, tools, log)
}

/// Every speech process of the log, and the sleeps they started, end within a second.
fn assert_speech_gone(log: &Path, when: &str) {
    let calls = said(log);
    let end = Instant::now() + Duration::from_secs(1);
    while calls.iter().any(|c| !gone(c.pid)) && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    for c in &calls {
        assert!(gone(c.pid), "{c:?} is still running {when}");
    }
}

#[test]
fn a_hanging_speech_command_delays_nothing_and_sigterm_stops_it() {
    let (mut p, _tools, log) = hanging_speech();
    send_signal(p.pid(), "TERM");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 143, &p);
    p.assert_restored();
    assert_speech_gone(&log, "after SIGTERM");
}

#[test]
fn sighup_and_quitting_stop_speech() {
    let (mut p, _tools, log) = hanging_speech();
    send_signal(p.pid(), "HUP");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 129, &p);
    assert_speech_gone(&log, "after SIGHUP");

    let (mut p, _tools, log) = hanging_speech();
    p.send("q");
    p.wait_for("End this session", WAIT);
    p.send("y");
    p.wait_for("Summary", WAIT);
    p.send(ENTER);
    p.wait_for("Routines", WAIT);
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    assert_speech_gone(&log, "after quitting");
}

#[test]
fn ctrl_z_stops_speech() {
    let (mut p, _tools, log) = hanging_speech();
    let mark = p.bytes.len();
    p.send(CTRL_Z);
    // Speech is stopped before the screen is left (the stop itself may be ignored where
    // the process group is orphaned, as under this test's pty; see the Ctrl-Z tests).
    p.wait_until("the full screen to be left", WAIT, |p| {
        contains(&p.bytes[mark..], ALT_OFF)
    });
    assert_speech_gone(&log, "after Ctrl-Z");
    send_signal(p.pid(), "CONT");
    p.wait_for("PAUSED", WAIT);
    p.send(CTRL_C);
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
}

#[test]
fn a_missing_speech_command_is_said_in_words_and_the_bell_carries_on() {
    let mut args = vec!["--voice", "run", "knee-to-chest", "--hold", "10"];
    args.extend(SHORT);
    let mut p = Pty::app_env(
        seeded_dir(),
        &args,
        10.0,
        &[("BACKSTRETCH_SPEAK", "/nonexistent/speak --fast")],
    );
    p.wait_for("No speech command found", WAIT);
    assert!(contains(&p.bytes, b"\x07"), "no bell rang");
    p.wait_for("Well done", Duration::from_secs(10));
    p.send(ENTER);
    p.wait_for("Routines", WAIT);
    // The settings screen says so too.
    p.send("o");
    p.wait_for("BACKSTRETCH_SPEAK names '/nonexistent/speak'", WAIT);
    p.send("\x1b");
    p.wait_until("settings closed", WAIT, |p| {
        !p.screen().contains("Settings")
    });
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

/// Reads a 16-bit PCM WAV file: (sample rate, samples).
fn read_wav(path: &Path) -> (u32, Vec<i16>) {
    let b = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        b.len() > 44 && &b[0..4] == b"RIFF" && &b[8..12] == b"WAVE",
        "{} is not a WAV file",
        path.display()
    );
    let mut i = 12;
    let (mut rate, mut bits, mut channels) = (0u32, 0u16, 0u16);
    while i + 8 <= b.len() {
        let id = &b[i..i + 4];
        let len = u32::from_le_bytes(b[i + 4..i + 8].try_into().unwrap()) as usize;
        let body = &b[i + 8..(i + 8 + len).min(b.len())];
        if id == b"fmt " {
            channels = u16::from_le_bytes([body[2], body[3]]);
            rate = u32::from_le_bytes(body[4..8].try_into().unwrap());
            bits = u16::from_le_bytes([body[14], body[15]]);
        } else if id == b"data" {
            assert_eq!((bits, channels), (16, 1), "{}", path.display());
            let samples = body
                .chunks_exact(2)
                .map(|c| i16::from_le_bytes([c[0], c[1]]))
                .collect();
            return (rate, samples);
        }
        i += 8 + len + (len & 1);
    }
    panic!("{} has no data chunk", path.display());
}

#[test]
fn a_real_speech_engine_speaks_every_cue() {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .any(|d| d.join("espeak-ng").is_file());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "espeak-ng is required in CI (.ci/run installs it)"
        );
        eprintln!("skipped: espeak-ng is not installed");
        return;
    }
    let tools = tempfile::tempdir().expect("temp dir");
    let out = tools.path().join("wav");
    std::fs::create_dir(&out).unwrap();
    // Each cue into its own file, with its words beside it.
    let cmd = script(
        tools.path(),
        "espeak-to-wav",
        &format!(
            "n=$(date +%s%N)\nprintf '%s' \"$1\" > '{d}'/$n.txt\nexec espeak-ng -w '{d}'/$n.wav \"$1\"",
            d = out.display()
        ),
    );
    let mut args = vec![
        "--voice",
        "run",
        "knee-to-chest",
        "--hold",
        "10",
        "--reps",
        "2",
    ];
    args.extend(SHORT);
    let mut p = Pty::app_env(
        seeded_dir(),
        &args,
        2.0,
        &[("BACKSTRETCH_SPEAK", cmd.to_str().unwrap())],
    );
    p.wait_for("Well done", Duration::from_secs(30));
    // Give the last file a moment to be written.
    let wavs = || -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "wav"))
            .collect();
        v.sort();
        v
    };
    let end = Instant::now() + WAIT;
    while wavs().len() < 7 && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    p.send(ENTER);
    p.send("q");
    p.wait_exit(WAIT);
    let files = wavs();
    // Intro, hold, 3-2-1, release, hold, 3-2-1, the end.
    assert_eq!(files.len(), 7, "{files:?}");
    for f in files {
        let words = std::fs::read_to_string(f.with_extension("txt")).unwrap();
        let (rate, samples) = read_wav(&f);
        let secs = samples.len() as f64 / f64::from(rate);
        // Plausible length: espeak-ng speaks about 15 characters a second.
        let per_sec = words.chars().count() as f64 / secs;
        assert!(
            secs > 0.3 && (4.0..40.0).contains(&per_sec),
            "{words:?}: {secs:.2} s of sound is not a plausible length"
        );
        // Audible: loud enough, not silence or noise floor.
        let rms = (samples.iter().map(|s| f64::from(*s).powi(2)).sum::<f64>()
            / samples.len() as f64)
            .sqrt();
        let peak = samples.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
        assert!(
            rms > 300.0 && peak > 3000,
            "{words:?}: rms {rms:.0}, peak {peak}: not audible speech"
        );
    }
}

/// `backstretch prescribe ...` on a data directory, as a plain command.
fn prescribe(data: &Path, args: &[&str]) {
    let o = Command::new(BIN)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .arg("prescribe")
        .args(args)
        .env("BACKSTRETCH_DATA_DIR", data)
        .env_remove("BACKSTRETCH_CONTENT")
        .stdin(Stdio::null())
        .output()
        .expect("run prescribe");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_prescription_is_used_by_the_full_screen_coach_until_cleared() {
    let data = seeded_dir();
    let rx = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prescription.json");
    prescribe(data.path(), &[rx.to_str().unwrap()]);

    // Home names it, offers its routine and shows its fixed dose without -/+ or [/].
    let mut p = Pty::app(data, &[], 20.0);
    p.wait_for("Routines", WAIT);
    assert!(
        p.header()
            .contains("backstretch · Morning routine · Riverside Physio"),
        "{}",
        p.dump()
    );
    let screen = p.screen();
    assert!(screen.contains("Morning routine"), "{}", p.dump());
    assert!(!screen.contains("Child's pose"), "{}", p.dump());
    assert!(
        screen.contains("Hold 15 s (set)   Repetitions 3 (set)"),
        "{}",
        p.dump()
    );
    assert!(!screen.contains("-/+"), "{}", p.dump());
    // Its routine runs with its dose.
    p.send(ENTER);
    p.wait_for_hold("rep 1 of 3");
    p.send("q");
    p.send("y");
    p.wait_for("Summary", WAIT);
    assert!(
        p.screen().contains("Cat-cow              0 of 3 reps"),
        "{}",
        p.dump()
    );
    p.send(ENTER);
    p.wait_for("Routines", WAIT);
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
    // Its history line names it.
    let line = &history(p.data.path())[0];
    assert_eq!(line["content"]["title"], "Morning routine", "{line}");

    // `--clear` goes back to the built-in set.
    let data = std::mem::replace(&mut p.data, empty_dir());
    prescribe(data.path(), &["--clear"]);
    let mut p = Pty::app(data, &[], 20.0);
    p.wait_for("Routines", WAIT);
    assert!(
        p.header().contains("gentle stretches for a low-back spasm"),
        "{}",
        p.dump()
    );
    assert!(p.screen().contains("Child's pose"), "{}", p.dump());
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
}

#[test]
fn a_broken_prescription_stops_before_the_screen_is_touched() {
    let data = seeded_dir();
    let rx = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prescription.json");
    prescribe(data.path(), &[rx.to_str().unwrap()]);
    let installed = data.path().join("prescription.json");
    let text = std::fs::read_to_string(&installed).unwrap();
    std::fs::write(
        &installed,
        text.replacen("\"stretches\": [", "\"stretches\": [,", 1),
    )
    .unwrap();
    let mut p = Pty::app(data, &[], 20.0);
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 1, &p);
    assert!(
        !contains(&p.bytes, ALT_ON),
        "the screen was never taken over"
    );
    let screen = p.screen();
    assert!(screen.contains("prescription.json:"), "{screen}");
    assert!(screen.contains("invalid JSON"), "{screen}");
    assert!(screen.contains("backstretch prescribe --clear"), "{screen}");
}

/// In Spanish, the real binary in a terminal: the checklist takes `s` for yes (an English
/// `y` does nothing), says what to do in Spanish, and the block stands.
#[test]
fn in_spanish_s_answers_yes_and_the_emergency_words_are_spanish() {
    let dir = unchecked_dir();
    let mut p = Pty::app(dir, &["--lang", "es"], 20.0);
    p.wait_for("Rutinas", WAIT);
    p.send("!");
    p.wait_for("0 de 23 respondidas", WAIT);
    p.send("y");
    p.send("n");
    p.wait_for("1 de 23 respondidas", WAIT);
    p.send("s");
    p.wait_for("EMERGENCIA", WAIT);
    p.wait_for("911, 999 o 112", WAIT);
    p.send("\r");
    p.wait_for("Porque respondió que sí a", WAIT);
    p.send("\r");
    p.wait_for("Señal de emergencia hoy", WAIT);
    p.send(CTRL_C);
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
}

/// Esc on the check-in before a session goes back home: nothing starts, no history line
/// is written; s there starts without a rating.
#[test]
fn esc_on_the_check_in_goes_home_and_writes_nothing() {
    let mut p = Pty::app(answered_dir(), &[], 20.0);
    p.wait_for("Routines", WAIT);
    p.send(ENTER);
    p.wait_for("Before you start: how is your back pain", WAIT);
    p.send("\x1b");
    p.wait_until("home without the check-in", WAIT, |p| {
        let s = p.screen();
        s.contains("Routines") && !s.contains("Pain check-in")
    });
    // Long enough for a lead-in at this speed: still home.
    p.settle(Duration::from_millis(400));
    assert!(!p.screen().contains("GET INTO POSITION"), "{}", p.dump());
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
    let path = p.data.path().join("history.jsonl");
    let lines = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        lines.trim().is_empty(),
        "a history line was written: {lines}"
    );
}

/// q on the first-run notice quits at once and leaves the notice unread: it shows again
/// on the next start.
#[test]
fn q_on_the_first_run_notice_quits_without_marking_it_read() {
    let dir = empty_dir();
    let mut p = Pty::app(dir, &[], 20.0);
    p.wait_for("Before you start", WAIT);
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert_exit_code(&status, 0, &p);
    p.assert_restored();
    let state = p.data.path().join("state.json");
    if state.exists() {
        let s = read_json(&state);
        assert_ne!(s["notice_seen"], true, "{s}");
    }
    let data = std::mem::replace(&mut p.data, empty_dir());
    let mut again = Pty::app(data, &[], 20.0);
    again.wait_for("Before you start", WAIT);
    again.send(ENTER);
    again.wait_until("home without the notice", WAIT, |p| {
        let s = p.screen();
        s.contains("Routines") && !s.contains("Before you start")
    });
    again.send("q");
    let status = again.wait_exit(WAIT);
    assert_exit_code(&status, 0, &again);
    assert_eq!(
        read_json(&again.data.path().join("state.json"))["notice_seen"],
        true
    );
}
