//! Sound for the runner: the speech command and the bell patterns.
//!
//! The speech command is found once, at start. Each utterance is a child process in a
//! process group of its own, watched by a small thread that waits for it, so the event loop
//! never waits on speech and no child is left unreaped. A new utterance interrupts the one
//! still speaking (its whole group is stopped, so a wrapper script's own children stop too);
//! quitting, Ctrl-Z and the signals that end the program stop any speech. A command that
//! hangs, fails or does not exist changes nothing else: the bell stands in for it.

use crate::voice::{Bell, Cue};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Names another speech command: split on whitespace, the text goes last.
pub const SPEAK_ENV: &str = "BACKSTRETCH_SPEAK";

/// Where the speech command came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Env,
    Setting,
    Detected,
}

/// The speech command found at start, or what was looked for in vain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speech {
    Found {
        /// The program and its arguments; the text is added last.
        argv: Vec<String>,
        /// A command that cancels what the speech service still has queued (spd-say -C).
        stop: Option<Vec<String>>,
        source: Source,
    },
    Missing {
        /// What was looked for, in words.
        wanted: String,
    },
}

impl Speech {
    /// The command as the person would type it, for the settings screen.
    pub fn describe(&self) -> String {
        match self {
            Speech::Found { argv, source, .. } => {
                let from = match source {
                    Source::Env => format!(" from {SPEAK_ENV}"),
                    Source::Setting => " from speak_command in settings.json".to_string(),
                    Source::Detected => String::new(),
                };
                format!("{}{from}", argv.join(" "))
            }
            Speech::Missing { wanted } => wanted.clone(),
        }
    }

    pub fn is_found(&self) -> bool {
        matches!(self, Speech::Found { .. })
    }
}

/// The speech commands tried in order when none is named: `say` on macOS; elsewhere
/// speech-dispatcher's `spd-say`, then `espeak-ng`, then `espeak`.
fn platform_commands() -> &'static [&'static str] {
    if cfg!(target_os = "macos") {
        &["say"]
    } else {
        &["spd-say", "espeak-ng", "espeak"]
    }
}

/// Finds the speech command: `BACKSTRETCH_SPEAK` (given as `env`), else the
/// `speak_command` setting, else the platform's. `path` is the search path (PATH).
pub fn detect(env: Option<&str>, setting: Option<&str>, path: Option<&std::ffi::OsStr>) -> Speech {
    let named = |s: Option<&str>| {
        s.map(str::split_whitespace)
            .map(|w| w.map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
    };
    for (argv, source) in [(named(env), Source::Env), (named(setting), Source::Setting)] {
        if let Some(argv) = argv {
            return if find_program(&argv[0], path).is_some() {
                Speech::Found {
                    argv,
                    stop: None,
                    source,
                }
            } else {
                let what = match source {
                    Source::Env => SPEAK_ENV,
                    _ => "speak_command",
                };
                Speech::Missing {
                    wanted: format!("{what} names '{}'", argv[0]),
                }
            };
        }
    }
    for name in platform_commands() {
        if find_program(name, path).is_some() {
            let spd = *name == "spd-say";
            let argv = if spd {
                // -w: the child lives while the text is spoken.
                vec![name.to_string(), "-w".to_string()]
            } else {
                vec![name.to_string()]
            };
            return Speech::Found {
                argv,
                stop: spd.then(|| vec![name.to_string(), "-C".to_string()]),
                source: Source::Detected,
            };
        }
    }
    Speech::Missing {
        wanted: format!("looked for {}", platform_commands().join(", ")),
    }
}

/// The program's path: as given when it has a slash, else the first match on `path`.
fn find_program(name: &str, path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    if name.contains('/') {
        let p = PathBuf::from(name);
        return is_executable(&p).then_some(p);
    }
    std::env::split_paths(path?)
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Words from a content file are never taken for an option of the speech command: a
/// leading '-' gets a space before it.
fn not_an_option(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with('-') {
        format!(" {text}").into()
    } else {
        text.into()
    }
}

/// One child speaking, watched by its own thread.
struct Utterance {
    pid: u32,
    done: Arc<AtomicBool>,
}

impl Utterance {
    fn is_done(&self) -> bool {
        self.done.load(Ordering::SeqCst)
    }

    /// Stops the child and everything it started (its process group).
    fn stop(&self, sig: rustix::process::Signal) {
        if self.is_done() {
            return;
        }
        if let Some(pid) = i32::try_from(self.pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        {
            let _ = rustix::process::kill_process_group(pid, sig);
        }
    }
}

/// Starts `argv` with `text` last, in a process group of its own, with no terminal
/// input or output, and a thread that reaps it. Never waits for it.
fn spawn(argv: &[String], text: Option<&str>) -> std::io::Result<Utterance> {
    use std::os::unix::process::CommandExt;
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| std::io::Error::other("no speech command"))?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .args(text)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0);
    let mut child = cmd.spawn()?;
    let pid = child.id();
    let done = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&done);
    let reaper = std::thread::Builder::new()
        .name("speech".into())
        .spawn(move || {
            let _ = child.wait();
            flag.store(true, Ordering::SeqCst);
        });
    if let Err(e) = reaper {
        // Without a thread to reap it, stop it at once rather than leave it behind.
        let u = Utterance { pid, done };
        u.stop(rustix::process::Signal::KILL);
        return Err(e);
    }
    Ok(Utterance { pid, done })
}

/// Runs the speech command.
pub struct Speaker {
    argv: Vec<String>,
    stop: Option<Vec<String>>,
    /// Every child started and not yet seen to end; the last is the one speaking.
    children: Vec<Utterance>,
}

impl Speaker {
    pub fn new(speech: &Speech) -> Option<Speaker> {
        match speech {
            Speech::Found { argv, stop, .. } => Some(Speaker {
                argv: argv.clone(),
                stop: stop.clone(),
                children: Vec::new(),
            }),
            Speech::Missing { .. } => None,
        }
    }

    /// Says `text`, interrupting whatever is still being said. False if the command could
    /// not be started.
    pub fn say(&mut self, text: &str) -> bool {
        self.interrupt();
        match spawn(&self.argv, Some(&not_an_option(text))) {
            Ok(u) => {
                self.children.push(u);
                true
            }
            Err(_) => false,
        }
    }

    fn interrupt(&mut self) {
        self.children.retain(|u| !u.is_done());
        for u in &self.children {
            u.stop(rustix::process::Signal::TERM);
        }
    }

    /// Stops any speech now (Ctrl-Z, quitting).
    pub fn hush(&mut self) {
        let speaking = self.children.iter().any(|u| !u.is_done());
        self.interrupt();
        if speaking && let Some(stop) = &self.stop {
            let _ = spawn(stop, None);
        }
    }

    /// Children not yet ended (for tests).
    #[cfg(test)]
    fn alive(&self) -> usize {
        self.children.iter().filter(|u| !u.is_done()).count()
    }
}

impl Drop for Speaker {
    /// Stops everything and gives the children a moment to go; any still there after it
    /// are killed outright.
    fn drop(&mut self) {
        self.hush();
        let end = Instant::now() + Duration::from_millis(300);
        while self.children.iter().any(|u| !u.is_done()) && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(5));
        }
        for u in &self.children {
            u.stop(rustix::process::Signal::KILL);
        }
    }
}

/// What the runner does with cues: speak them, or ring their bell patterns.
pub struct Sound {
    speaker: Option<Speaker>,
    /// Whether this frontend has a bell at all (plain mode has not).
    bells: bool,
    /// Rings still to come, in the model's time.
    rings: VecDeque<Instant>,
}

impl Sound {
    pub fn new(speaker: Option<Speaker>, bells: bool) -> Sound {
        Sound {
            speaker,
            bells,
            rings: VecDeque::new(),
        }
    }

    /// No speech, and bells as asked: for tests.
    #[cfg(test)]
    pub fn bells_only(bells: bool) -> Sound {
        Sound::new(None, bells)
    }

    /// A cue: spoken when `voice` is on and the command starts, else its bell pattern.
    pub fn cue(&mut self, cue: &Cue, voice: bool, now: Instant) {
        if !cue.spoken() {
            return;
        }
        let spoke = voice && self.speaker.as_mut().is_some_and(|s| s.say(&cue.text));
        if !spoke && let Some(b) = cue.bell {
            self.ring(b, now);
        }
    }

    /// Queues a bell pattern from `now`; a pattern still ringing gives way to it.
    pub fn ring(&mut self, bell: Bell, now: Instant) {
        if !self.bells {
            return;
        }
        self.rings.clear();
        self.rings.extend(bell.pattern().map(|d| now + d));
    }

    /// When the next ring is due.
    pub fn next_ring(&self) -> Option<Instant> {
        self.rings.front().copied()
    }

    /// Takes the rings due by `now`: whether the bell should sound.
    pub fn due_rings(&mut self, now: Instant) -> bool {
        let mut any = false;
        while self.rings.front().is_some_and(|r| *r <= now) {
            self.rings.pop_front();
            any = true;
        }
        any
    }

    /// Stops speech and pending rings (Ctrl-Z).
    pub fn hush(&mut self) {
        self.rings.clear();
        if let Some(s) = self.speaker.as_mut() {
            s.hush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    fn fake_bin(dir: &Path, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let p = dir.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p
    }

    #[test]
    fn detection_order_env_then_setting_then_platform() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().as_os_str();
        fake_bin(dir.path(), "espeak", "exit 0");
        let found = |s: &Speech| match s {
            Speech::Found { argv, source, .. } => (argv.join(" "), *source),
            Speech::Missing { wanted } => (format!("missing: {wanted}"), Source::Detected),
        };
        assert_eq!(
            found(&detect(None, None, Some(path))),
            ("espeak".into(), Source::Detected)
        );
        fake_bin(dir.path(), "espeak-ng", "exit 0");
        assert_eq!(found(&detect(None, None, Some(path))).0, "espeak-ng");
        fake_bin(dir.path(), "spd-say", "exit 0");
        let spd = detect(None, None, Some(path));
        assert_eq!(found(&spd).0, "spd-say -w");
        assert!(matches!(spd, Speech::Found { stop: Some(_), .. }));
        // The setting, split on whitespace.
        fake_bin(dir.path(), "mine", "exit 0");
        assert_eq!(
            found(&detect(None, Some("mine -v  en"), Some(path))),
            ("mine -v en".into(), Source::Setting)
        );
        // The environment wins; blank means not set.
        assert_eq!(
            found(&detect(Some("mine -s 1"), Some("espeak"), Some(path))),
            ("mine -s 1".into(), Source::Env)
        );
        assert_eq!(found(&detect(Some("  "), None, Some(path))).0, "spd-say -w");
        // A named command that is not there is missing, not replaced by another.
        let m = detect(Some("nowhere-to-be-found"), None, Some(path));
        assert!(!m.is_found());
        assert!(
            m.describe()
                .contains("BACKSTRETCH_SPEAK names 'nowhere-to-be-found'")
        );
        // Nothing on the path at all.
        let empty = tempfile::tempdir().unwrap();
        let none = detect(None, None, Some(empty.path().as_os_str()));
        assert!(
            none.describe().contains("looked for"),
            "{}",
            none.describe()
        );
        // An absolute path is taken as it is.
        let abs = dir.path().join("mine");
        assert!(detect(abs.to_str(), None, Some(OsStr::new(""))).is_found());
    }

    #[test]
    fn speaking_never_waits_and_a_new_cue_interrupts() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        let cmd = fake_bin(
            dir.path(),
            "slow",
            &format!("echo \"$$ $1\" >> {}; sleep 40", log.display()),
        );
        let speech = Speech::Found {
            argv: vec![cmd.display().to_string()],
            stop: None,
            source: Source::Env,
        };
        let mut s = Speaker::new(&speech).unwrap();
        let t = Instant::now();
        assert!(s.say("one"));
        assert!(s.say("two"));
        assert!(t.elapsed() < Duration::from_secs(2), "say waited");
        // The first was stopped; the second speaks.
        let end = Instant::now() + Duration::from_secs(5);
        while s.alive() > 1 && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(s.alive(), 1);
        drop(s);
        // Every child and the sleeps they started are gone.
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        for line in text.lines() {
            let pid = line.split(' ').next().unwrap();
            assert!(
                !Path::new(&format!("/proc/{pid}")).exists()
                    || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                        .is_ok_and(|st| st.contains(") Z")),
                "{pid} still running"
            );
        }
    }

    #[test]
    fn words_never_become_options() {
        assert_eq!(not_an_option("-w /tmp/x"), " -w /tmp/x");
        assert_eq!(not_an_option("Hold."), "Hold.");
    }

    #[test]
    fn a_missing_or_failing_command_rings_instead() {
        let speech = Speech::Found {
            argv: vec!["/nonexistent/speak".into()],
            stop: None,
            source: Source::Env,
        };
        let mut sound = Sound::new(Speaker::new(&speech), true);
        let now = Instant::now();
        let cue = crate::voice::session_end(&crate::voice::Ctx {
            content: &crate::content::Content::embedded(),
            halfway: true,
            key: "Space",
        });
        sound.cue(&cue, true, now);
        assert_eq!(sound.next_ring(), Some(now));
        assert!(sound.due_rings(now));
        assert_eq!(sound.next_ring(), Some(now + Duration::from_millis(250)));
        assert!(!sound.due_rings(now + Duration::from_millis(100)));
        sound.hush();
        assert_eq!(sound.next_ring(), None);
        // No bell at all in plain mode.
        let mut plain = Sound::bells_only(false);
        plain.cue(&cue, false, now);
        assert_eq!(plain.next_ring(), None);
    }
}
