//! Files in the data directory: the state file (first-run notice, the checklist answers by
//! date). Written atomically; a file that cannot be read is reported and kept, never
//! overwritten.

use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const STATE_FILE: &str = "state.json";
pub const SETTINGS_FILE: &str = "settings.json";

/// The data directory: `--data-dir`, else BACKSTRETCH_DATA_DIR (both through clap), else
/// the platform's data directory.
pub fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(d) = explicit {
        return Ok(d);
    }
    directories::ProjectDirs::from("", "", "backstretch")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| {
            "cannot find a home directory for backstretch's data; pass --data-dir DIR".to_string()
        })
}

use crate::safety::{LegacyCheck, Record};

/// What the state file holds: whether the first-run notice was read, and every checklist
/// answer (see `safety`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StateFile")]
pub struct State {
    pub notice_seen: bool,
    pub safety: Record,
}

/// The state file as read: the current format, or the first one (`checks`, one result per
/// whole list), which is taken into the record as complete lists.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    #[serde(default)]
    notice_seen: bool,
    #[serde(default)]
    checks: Vec<LegacyCheck>,
    #[serde(default)]
    safety: Record,
}

impl From<StateFile> for State {
    fn from(f: StateFile) -> State {
        let mut safety = f.safety;
        if !f.checks.is_empty() {
            let mut old = crate::safety::from_legacy(&f.checks);
            if safety != Record::default() {
                // Both formats in one file (written by hand): keep every answer, the old
                // ones as not yet numbered.
                for e in &mut old {
                    e.seq = 0;
                }
                safety.entries.extend(old);
            } else {
                safety.entries = old;
            }
        }
        State {
            notice_seen: f.notice_seen,
            safety,
        }
    }
}

impl State {
    /// Takes in what another copy saved: the notice read by either, every answer of both.
    pub fn merge(&mut self, other: State) {
        self.notice_seen |= other.notice_seen;
        self.safety.merge(other.safety);
    }
}

/// Settings kept between runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The last dose chosen.
    #[serde(default)]
    pub hold_seconds: Option<u32>,
    #[serde(default)]
    pub repetitions: Option<u32>,
    /// The last routine started.
    #[serde(default)]
    pub routine: Option<String>,
    /// Pain check-ins before and after each session.
    #[serde(default = "yes")]
    pub checkins: bool,
    /// The day the spasm began, YYYY-MM-DD.
    #[serde(default)]
    pub spasm_start: Option<String>,
    /// Whether the start date has been asked (it is asked once).
    #[serde(default)]
    pub spasm_asked: bool,
    /// The colour theme: "default", "high-contrast" or "mono".
    #[serde(default)]
    pub theme: Option<String>,
    /// Spoken cues (`--voice` turns them on for one run).
    #[serde(default)]
    pub voice: bool,
    /// A speech command of one's own, split on whitespace, the text passed last
    /// (BACKSTRETCH_SPEAK wins over it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speak_command: Option<String>,
    /// A cue at the halfway point of holds of 20 s and more.
    #[serde(default = "yes")]
    pub halfway: bool,
    /// "Start each stretch when I am ready": every lead-in waits for Space.
    #[serde(default)]
    pub wait: bool,
    /// Seconds to get into position before each stretch.
    #[serde(default)]
    pub lead_in_seconds: Option<u32>,
    /// Seconds of rest between holds.
    #[serde(default)]
    pub rest_seconds: Option<u32>,
    /// Routines leave out the stretches that hurt in one of the last sessions.
    #[serde(default)]
    pub leave_out_hurt: bool,
    /// The language of the built-in content ("en", "es"); none: the locale's.
    #[serde(default)]
    pub language: Option<String>,
}

fn yes() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            hold_seconds: None,
            repetitions: None,
            routine: None,
            checkins: true,
            spasm_start: None,
            spasm_asked: false,
            theme: None,
            voice: false,
            speak_command: None,
            halfway: true,
            wait: false,
            lead_in_seconds: None,
            rest_seconds: None,
            leave_out_hurt: false,
            language: None,
        }
    }
}

/// The files of the data directory. A file that could not be read is noted in
/// `problems` and never written over.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
    /// What could not be read, in words, for the person.
    pub problems: Vec<String>,
    blocked: Vec<PathBuf>,
    /// When the state file was last read or written here.
    seen_state: std::cell::Cell<Option<std::time::SystemTime>>,
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl Store {
    pub fn new(dir: PathBuf) -> Store {
        Store {
            dir,
            problems: Vec::new(),
            blocked: Vec::new(),
            seen_state: std::cell::Cell::new(None),
        }
    }

    pub fn state_path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    pub fn settings_path(&self) -> PathBuf {
        self.dir.join(SETTINGS_FILE)
    }

    pub fn answers_log_path(&self) -> PathBuf {
        self.dir.join(crate::safety::ANSWERS_LOG)
    }

    /// Every checklist answer ever saved (the log's and the state file's), once each, in
    /// the order given. Lines of the log that cannot be read are noted in `problems`.
    pub fn all_answers(&mut self, state: &State) -> Vec<crate::safety::Entry> {
        let path = self.answers_log_path();
        let mut log = Vec::new();
        match fs::read(&path) {
            Ok(bytes) => {
                for (i, line) in String::from_utf8_lossy(&bytes).lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    match serde_json::from_str(line) {
                        Ok(e) => log.push(e),
                        Err(e) => self.problems.push(format!(
                            "{}: line {} could not be read and was skipped (it is kept in the file): {e}",
                            path.display(),
                            i + 1
                        )),
                    }
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => self
                .problems
                .push(format!("{} could not be read ({e})", path.display())),
        }
        crate::safety::all_entries(log, &state.safety)
    }

    pub fn history_path(&self) -> PathBuf {
        self.dir.join(crate::history::HISTORY_FILE)
    }

    /// The first problem, if any, for a one-line note.
    pub fn problem(&self) -> Option<&str> {
        self.problems.first().map(String::as_str)
    }

    fn load_json<T: serde::de::DeserializeOwned + Default>(&mut self, path: PathBuf) -> T {
        let fail = |e: &dyn std::fmt::Display| {
            format!(
                "{} could not be read ({e}); it was kept as it is, and nothing will be saved over it",
                path.display()
            )
        };
        match crate::files::read_text(&path, crate::files::DATA_CAP) {
            Ok(text) => match serde_json::from_str(crate::content::strip_bom(&text)) {
                Ok(v) => v,
                Err(e) => {
                    self.problems.push(fail(&e));
                    self.blocked.push(path);
                    T::default()
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => T::default(),
            Err(e) => {
                self.problems.push(fail(&e));
                self.blocked.push(path);
                T::default()
            }
        }
    }

    /// A file that could not be read at start is never written over: saving to it is an
    /// error that says so, so the person is told what was not saved.
    fn check_not_blocked(&self, path: &Path) -> io::Result<()> {
        if self.blocked.iter().any(|b| b == path) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "that file could not be read when backstretch started, so it is kept as it is \
                 and nothing is written over it (move it aside to start it afresh)",
            ));
        }
        Ok(())
    }

    /// Whether the state file (checklist answers) could not be read: what stands is then
    /// unknown.
    pub fn state_unreadable(&self) -> bool {
        self.check_not_blocked(&self.state_path()).is_err()
    }

    fn save_json<T: Serialize>(&self, path: PathBuf, value: &T) -> io::Result<()> {
        self.check_not_blocked(&path)?;
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        ensure_dir(&self.dir)?;
        write_atomic(&path, text.as_bytes())
    }

    /// Loads the state. A missing file is a fresh start; a file that cannot be read or
    /// parsed is reported and left alone: nothing will be written over it.
    pub fn load_state(&mut self) -> State {
        self.seen_state.set(modified(&self.state_path()));
        self.load_json(self.state_path())
    }

    /// Saves the state atomically, unless the file on disk could not be read. Another copy
    /// of backstretch may have saved since this one read it (a `flags --check` in another
    /// terminal): under a lock, what is on disk is merged in first, so no answer is lost,
    /// and `state` comes back with it.
    pub fn save_state(&self, state: &mut State) -> io::Result<()> {
        let path = self.state_path();
        self.check_not_blocked(&path)?;
        ensure_dir(&self.dir)?;
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(".state.lock"))?;
        lock.lock()?;
        let result = (|| {
            if let Some(disk) = self.read_state_file()? {
                state.merge(disk);
            }
            state.safety.number();
            let before = (state.safety.base.clone(), state.safety.base_seq);
            let mut moved = state
                .safety
                .archive(crate::safety::MAX_KEPT, crate::safety::KEEP);
            if !moved.is_empty()
                && let Err(e) = append_lines(&self.answers_log_path(), &moved)
            {
                // Nothing moves if the log cannot take it: put the entries back, and keep
                // them in the state file meanwhile.
                moved.append(&mut state.safety.entries);
                state.safety.entries = moved;
                (state.safety.base, state.safety.base_seq) = before;
                self.save_json(path, state)?;
                return Err(e);
            }
            self.save_json(path, state)
        })();
        let _ = lock.unlock();
        self.seen_state.set(modified(&self.state_path()));
        result
    }

    /// Takes in answers another copy saved since the last look, if the file changed.
    /// Cheap when it did not: one stat. Returns whether anything was read.
    pub fn refresh_state(&self, state: &mut State) -> bool {
        let path = self.state_path();
        let now = modified(&path);
        if now.is_none() || now == self.seen_state.get() || self.blocked.contains(&path) {
            return false;
        }
        self.seen_state.set(now);
        if let Ok(Some(disk)) = self.read_state_file() {
            state.merge(disk);
            return true;
        }
        false
    }

    /// What another copy saved. A file that is there but cannot be read or parsed is an
    /// error, so a save stops rather than write over it.
    fn read_state_file(&self) -> io::Result<Option<State>> {
        match crate::files::read_text(&self.state_path(), crate::files::DATA_CAP) {
            Ok(text) => serde_json::from_str(crate::content::strip_bom(&text))
                .map(Some)
                .map_err(|e| {
                    io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("it can no longer be read ({e}), so it was kept as it is"),
                    )
                }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn load_settings(&mut self) -> Settings {
        self.load_json(self.settings_path())
    }

    pub fn save_settings(&self, settings: &Settings) -> io::Result<()> {
        self.save_json(self.settings_path(), settings)
    }

    pub fn append_history(&self, r: &crate::history::SessionRecord) -> io::Result<()> {
        crate::history::append(&self.history_path(), r)
    }
}

/// Appends entries to a log, one JSON line each, under a lock, and flushes them to disk.
fn append_lines<T: Serialize>(path: &Path, items: &[T]) -> io::Result<()> {
    let mut text = String::new();
    for item in items {
        text.push_str(&serde_json::to_string(item).map_err(io::Error::other)?);
        text.push('\n');
    }
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.lock()?;
    let result = f.write_all(text.as_bytes()).and_then(|_| f.sync_data());
    let _ = f.unlock();
    result
}

/// Writes a whole file so that a reader sees either the old or the new text, never half:
/// a temporary file created exclusively, under an unpredictable name, in the same
/// directory (so no one can plant a link where it will be written), flushed to disk, then
/// renamed over `path`. A file it replaces keeps its permissions. The directory must exist.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// The same, with the text written by `fill` as it goes.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".backstretch-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    if let Ok(old) = fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(old.permissions());
    }
    {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Makes the data directory, with a message that says what to do when something that is
/// not a directory is in the way.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "the data directory {} is a file, not a directory: move that file away, or pass --data-dir DIR",
                dir.display()
            ),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("could not create the data directory {}: {e}", dir.display()),
            )
        }),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Urgency;
    use crate::safety::{CheckResult, Entry, What, Yes};

    fn record(date: &str, result: CheckResult) -> Entry {
        Entry {
            seq: 0,
            check: format!("list-{date}"),
            date: date.into(),
            at: format!("{date}T08:00:00+00:00"),
            what: What::Complete {
                result,
                yes: result
                    .urgency()
                    .map(|level| Yes {
                        sign: "some-sign".into(),
                        level,
                    })
                    .into_iter()
                    .collect(),
                quick: false,
            },
        }
    }

    fn answer(n: usize, yes: bool) -> Entry {
        Entry {
            seq: 0,
            check: format!("list-{}", n / 20),
            date: "2026-11-24".into(),
            at: "2026-11-24T08:00:00+00:00".into(),
            what: What::Answer {
                sign: format!("sign-{}", n % 20),
                level: Urgency::Today,
                question: "Is it so?".into(),
                yes,
            },
        }
    }

    #[test]
    fn state_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path().join("nested"));
        assert_eq!(store.load_state(), State::default());
        let mut s = State {
            notice_seen: true,
            ..State::default()
        };
        s.safety.push(record("2026-11-23", CheckResult::Today));
        s.safety.push(record("2026-11-24", CheckResult::None));
        store.save_state(&mut s).unwrap();
        let mut again = Store::new(dir.path().join("nested"));
        let loaded = again.load_state();
        assert_eq!(loaded, s);
        assert_eq!(loaded.safety.entries[1].seq, 2);
        let safety = loaded.safety.safety();
        assert_eq!(safety.level(), None);
        assert!(safety.checked_on("2026-11-24"));
        // No temporary file left behind.
        let names: Vec<_> = fs::read_dir(dir.path().join("nested"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let mut names: Vec<_> = names.into_iter().filter(|n| n != ".state.lock").collect();
        names.sort();
        assert_eq!(names, vec![STATE_FILE]);
    }

    #[test]
    fn settings_round_trip_and_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        let s = store.load_settings();
        assert_eq!(s, Settings::default());
        assert!(s.checkins);
        let s = Settings {
            hold_seconds: Some(25),
            repetitions: Some(3),
            routine: Some("floor".into()),
            checkins: false,
            spasm_start: Some("2026-11-20".into()),
            spasm_asked: true,
            theme: Some("mono".into()),
            voice: true,
            speak_command: Some("espeak-ng -v en-gb".into()),
            halfway: false,
            wait: true,
            lead_in_seconds: Some(10),
            rest_seconds: Some(15),
            leave_out_hurt: true,
            language: Some("es".into()),
        };
        store.save_settings(&s).unwrap();
        assert_eq!(Store::new(dir.path().to_path_buf()).load_settings(), s);
        // Older files without newer fields still load.
        fs::write(store.settings_path(), r#"{"hold_seconds": 15}"#).unwrap();
        let s = Store::new(dir.path().to_path_buf()).load_settings();
        assert_eq!(s.hold_seconds, Some(15));
        assert!(s.checkins);
        assert!(s.halfway, "the halfway cue is on by default");
        assert!(!s.voice && !s.wait);
    }

    #[test]
    fn an_unreadable_settings_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(SETTINGS_FILE), "[1, 2").unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        assert_eq!(store.load_settings(), Settings::default());
        assert!(store.problem().unwrap().contains("settings.json"));
        store.save_settings(&Settings::default()).expect_err(
            "a file that could not be read is never saved over, and saying so is an error",
        );
        assert_eq!(
            fs::read_to_string(dir.path().join(SETTINGS_FILE)).unwrap(),
            "[1, 2"
        );
        // The state file is still written.
        store.save_state(&mut State::default()).unwrap();
        assert!(dir.path().join(STATE_FILE).exists());
    }

    #[test]
    fn unreadable_state_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        fs::write(&path, "{ not json").unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        let s = store.load_state();
        assert_eq!(s, State::default());
        let problem = store.problem().unwrap().to_string();
        assert!(problem.contains("state.json"), "{problem}");
        assert!(problem.contains("kept"), "{problem}");
        store
            .save_state(&mut State {
                notice_seen: true,
                ..State::default()
            })
            .expect_err(
                "a file that could not be read is never saved over, and saying so is an error",
            );
        assert_eq!(fs::read_to_string(&path).unwrap(), "{ not json");
    }

    /// Whether the state holds an answer given on `date`.
    fn has(state: &State, date: &str) -> bool {
        state.safety.entries.iter().any(|e| e.date == date)
    }

    /// Sets a file's modification time, as if it had been written then.
    fn set_mtime(path: &Path, t: std::time::SystemTime) {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(t)
            .unwrap();
    }

    fn mtime(path: &Path) -> std::time::SystemTime {
        fs::metadata(path).unwrap().modified().unwrap()
    }

    /// Everything in `dir`, by name, but the lock file.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".state.lock")
            .collect();
        v.sort();
        v
    }

    // Tests run as root in CI, where no permission bit stops a read: a directory where the
    // file should be, and bytes that are not text, are files that exist and cannot be read
    // for anyone.

    #[test]
    fn a_directory_in_place_of_the_state_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        fs::create_dir(&path).unwrap();
        fs::write(path.join("keep.txt"), "mine").unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        assert_eq!(store.load_state(), State::default());
        let problem = store.problem().expect("reported, not taken as absent");
        assert!(problem.contains("state.json"), "{problem}");
        assert!(problem.contains("could not be read"), "{problem}");
        assert!(
            problem.contains("nothing will be saved over it"),
            "{problem}"
        );
        // Saving is refused with an error that says why, so the person is told.
        let mut s = State {
            notice_seen: true,
            ..State::default()
        };
        s.safety.push(record("2026-11-24", CheckResult::Emergency));
        store.save_state(&mut s).expect_err(
            "a file that could not be read is never saved over, and saying so is an error",
        );
        assert!(path.is_dir());
        assert_eq!(fs::read_to_string(path.join("keep.txt")).unwrap(), "mine");
        assert_eq!(
            names(dir.path()),
            vec![STATE_FILE],
            "no stray temporary file"
        );
        // A refresh reads nothing from it and changes nothing.
        let before = s.clone();
        store.refresh_state(&mut s);
        assert_eq!(s, before);
    }

    #[test]
    fn a_state_file_that_is_not_text_is_reported_and_never_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        let bytes = b"{\"notice_seen\": true, \xff\xfe}".to_vec();
        fs::write(&path, &bytes).unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        assert_eq!(store.load_state(), State::default());
        assert!(store.problem().unwrap().contains("state.json"));
        let mut s = State {
            notice_seen: true,
            ..State::default()
        };
        store.save_state(&mut s).expect_err(
            "a file that could not be read is never saved over, and saying so is an error",
        );
        assert_eq!(fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn a_settings_file_that_cannot_be_read_is_reported_and_never_saved_over() {
        // Not text.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        let bytes = b"{\"hold_seconds\": \xff}".to_vec();
        fs::write(&path, &bytes).unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        assert_eq!(store.load_settings(), Settings::default());
        let problem = store.problem().unwrap();
        assert!(problem.contains("settings.json"), "{problem}");
        assert!(problem.contains("kept"), "{problem}");
        store.save_settings(&Settings::default()).expect_err(
            "a file that could not be read is never saved over, and saying so is an error",
        );
        assert_eq!(fs::read(&path).unwrap(), bytes);
        // A directory in its place.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        fs::create_dir(&path).unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        assert_eq!(store.load_settings(), Settings::default());
        assert!(store.problem().unwrap().contains("settings.json"));
        store.save_settings(&Settings::default()).expect_err(
            "a file that could not be read is never saved over, and saying so is an error",
        );
        assert!(path.is_dir());
        assert_eq!(names(dir.path()), vec![SETTINGS_FILE]);
        // Only that file is blocked: the state file is still saved.
        store.save_state(&mut State::default()).unwrap();
        assert!(dir.path().join(STATE_FILE).is_file());
    }

    #[test]
    fn a_state_file_spoiled_after_loading_is_not_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        let mut store = Store::new(dir.path().to_path_buf());
        let mut state = store.load_state();
        assert_eq!(store.problem(), None);
        state.notice_seen = true;
        // Something else writes bytes that are not text, then text that is not a state
        // (a hand edit gone wrong, a newer version's fields): the save fails, saying why,
        // and the file stays as it is.
        for bytes in [
            &b"\xff\xfe{}"[..],
            b"{ \"notice_seen\": true, \"newer\": 1 }",
        ] {
            fs::write(&path, bytes).unwrap();
            let err = store.save_state(&mut state).unwrap_err();
            assert_eq!(fs::read(&path).unwrap(), bytes, "{err}");
            assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
        }
        assert!(
            store
                .save_state(&mut state)
                .unwrap_err()
                .to_string()
                .contains("kept as it is")
        );
        // Once it is readable again, saving merges and writes as usual.
        fs::remove_file(&path).unwrap();
        store.save_state(&mut state).unwrap();
        assert!(
            Store::new(dir.path().to_path_buf())
                .load_state()
                .notice_seen
        );
    }

    #[test]
    fn a_missing_file_is_a_fresh_start_not_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path().join("not-yet"));
        assert_eq!(store.load_state(), State::default());
        assert_eq!(store.load_settings(), Settings::default());
        assert_eq!(store.problem(), None);
        let history = crate::history::Loaded::read(&store.history_path(), None);
        assert_eq!(history.summary.sessions, 0);
        assert!(history.problems.is_empty(), "{:?}", history.problems);
        // And both are saved.
        store.save_settings(&Settings::default()).unwrap();
        store.save_state(&mut State::default()).unwrap();
        assert_eq!(names(&store.dir), vec![SETTINGS_FILE, STATE_FILE]);
    }

    #[test]
    fn a_directory_in_place_of_the_history_is_reported_not_taken_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(crate::history::HISTORY_FILE);
        fs::create_dir(&path).unwrap();
        assert!(crate::history::load(&path).is_err());
        let store = Store::new(dir.path().to_path_buf());
        let history = crate::history::Loaded::read(&store.history_path(), None);
        assert_eq!(history.summary.sessions, 0);
        let problem = history
            .problems
            .first()
            .expect("reported, not taken as absent");
        assert!(problem.contains("history.jsonl"), "{problem}");
        assert!(problem.contains("could not be read"), "{problem}");
        // A session cannot be appended to it: that is an error, and the directory stays.
        let r = crate::history::tests::record("2026-11-24T08:00:00+00:00", Some(5), None);
        assert!(store.append_history(&r).is_err());
        assert!(path.is_dir());
    }

    #[test]
    fn appended_sessions_are_read_back_with_bad_lines_named() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("data"));
        let rec = crate::history::tests::record;
        store
            .append_history(&rec("2026-11-24T09:00:00+01:00", Some(4), Some(3)))
            .unwrap();
        store
            .append_history(&rec("2026-11-24T07:30:00+00:00", Some(6), None))
            .unwrap();
        let mut f = fs::File::options()
            .append(true)
            .open(store.history_path())
            .unwrap();
        f.write_all(b"not a session\n").unwrap();
        drop(f);
        let history = crate::history::Loaded::read(&store.history_path(), None);
        assert_eq!(history.summary.sessions, 2);
        assert_eq!(history.problems.len(), 1, "{:?}", history.problems);
        let problem = &history.problems[0];
        assert!(problem.contains("history.jsonl"), "{problem}");
        assert!(problem.contains("line 3"), "{problem}");
    }

    #[test]
    fn the_data_dir_is_the_one_given_else_a_platform_one() {
        let given = PathBuf::from("/some/where");
        assert_eq!(data_dir(Some(given.clone())), Ok(given));
        match data_dir(None) {
            Ok(d) => assert!(d.ends_with("backstretch"), "{}", d.display()),
            Err(e) => assert!(e.contains("--data-dir"), "{e}"),
        }
    }

    #[test]
    fn refresh_reads_the_state_file_only_when_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        let mut mine = Store::new(dir.path().to_path_buf());
        let mut state = mine.load_state();
        // Another copy saves answers; each time, its file is given a chosen modification
        // time.
        let other = Store::new(dir.path().to_path_buf());
        let mut theirs = State::default();
        let mut other_saves = |date: &str, result, t| {
            theirs.safety.push(record(date, result));
            other.save_state(&mut theirs).unwrap();
            set_mtime(&path, t);
        };
        let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        other_saves("2026-11-23", CheckResult::Soon, t);
        // The file appeared: it is read.
        mine.refresh_state(&mut state);
        assert!(has(&state, "2026-11-23"));
        // New text with the same modification time: taken as unchanged, not read again.
        other_saves("2026-11-24", CheckResult::Today, t);
        mine.refresh_state(&mut state);
        assert!(!has(&state, "2026-11-24"), "read an unchanged file");
        // Once the time moves, it is read.
        set_mtime(&path, t + std::time::Duration::from_secs(1));
        mine.refresh_state(&mut state);
        assert!(has(&state, "2026-11-24"));
        assert_eq!(state.safety.safety().level(), Some(Urgency::Today));
        // This copy's own save counts as seen: no re-read of what it just wrote.
        mine.save_state(&mut state).unwrap();
        let seen = mtime(&path);
        other_saves("2026-11-25", CheckResult::None, seen);
        mine.refresh_state(&mut state);
        assert!(!has(&state, "2026-11-25"), "re-read its own save");
        // And loading counts as seen too.
        let mut fresh = Store::new(dir.path().to_path_buf());
        let mut loaded = fresh.load_state();
        assert!(has(&loaded, "2026-11-25"));
        let seen = mtime(&path);
        other_saves("2026-11-26", CheckResult::None, seen);
        fresh.refresh_state(&mut loaded);
        assert!(!has(&loaded, "2026-11-26"), "re-read what it loaded");
    }

    #[test]
    fn refresh_leaves_a_file_marked_unreadable_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        fs::write(&path, "{ not json").unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        let mut state = store.load_state();
        assert!(store.problem().is_some());
        // Someone repairs the file while this copy runs: this copy still neither reads
        // nor writes it (it said it would not touch it); the next start reads it.
        let mut fixed = State::default();
        fixed
            .safety
            .push(record("2026-11-24", CheckResult::Emergency));
        let text = serde_json::to_string(&fixed).unwrap();
        fs::write(&path, &text).unwrap();
        set_mtime(&path, mtime(&path) + std::time::Duration::from_secs(5));
        store.refresh_state(&mut state);
        assert_eq!(state, State::default());
        store.save_state(&mut state).expect_err(
            "a file that could not be read is never saved over, and saying so is an error",
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        let next_start = Store::new(dir.path().to_path_buf()).load_state();
        assert_eq!(next_start.safety.safety().level(), Some(Urgency::Emergency));
    }

    #[test]
    fn an_answer_saved_by_another_copy_is_merged_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let mut mine = Store::new(dir.path().to_path_buf());
        let mut state = mine.load_state();
        // Another copy (flags --check in another terminal) saves an emergency answer.
        let other = Store::new(dir.path().to_path_buf());
        let mut theirs = State::default();
        theirs
            .safety
            .push(record("2026-11-24", CheckResult::Emergency));
        other.save_state(&mut theirs).unwrap();
        // This copy sees it before it starts anything (the file was new to it)...
        mine.refresh_state(&mut state);
        assert_eq!(state.safety.safety().level(), Some(Urgency::Emergency));
        // ...and its own later save keeps it, after it in the record.
        let mut fresh = State {
            notice_seen: true,
            ..State::default()
        };
        let mut later = record("2026-11-24", CheckResult::None);
        // Even with a clock that reads earlier.
        later.at = "2026-11-23T10:00:00+00:00".into();
        fresh.safety.push(later);
        mine.save_state(&mut fresh).unwrap();
        let on_disk = Store::new(dir.path().to_path_buf()).load_state();
        assert_eq!(on_disk.safety.entries.len(), 2);
        assert!(on_disk.notice_seen);
        assert_eq!(on_disk.safety.entries[0].seq, 1);
        assert!(matches!(
            on_disk.safety.entries[0].what,
            What::Complete {
                result: CheckResult::Emergency,
                ..
            }
        ));
        assert_eq!(fresh, on_disk);
        // The whole list answered later lifts it.
        assert_eq!(on_disk.safety.safety().level(), None);
    }

    #[test]
    fn the_first_state_format_is_read_and_its_answers_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(STATE_FILE),
            r#"{"notice_seen": true, "checks": [
                {"date": "2026-11-23", "at": "2026-11-23T08:00:00+00:00", "result": "emergency", "yes": ["bowel"], "quick": false},
                {"date": "2026-11-24", "at": "2026-11-24T08:00:00+00:00", "result": "none", "yes": [], "quick": true}
            ]}"#,
        )
        .unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        let mut state = store.load_state();
        assert!(store.problem().is_none());
        assert!(state.notice_seen);
        let safety = state.safety.safety();
        // The quick "none" of the second day does not lift the first day's emergency.
        assert_eq!(safety.level(), Some(Urgency::Emergency));
        assert_eq!(safety.standing[0].sign, "bowel");
        // Saved in the new format, with the same answers.
        store.save_state(&mut state).unwrap();
        let text = fs::read_to_string(dir.path().join(STATE_FILE)).unwrap();
        assert!(!text.contains("\"checks\""), "{text}");
        let again = Store::new(dir.path().to_path_buf()).load_state();
        assert_eq!(again, state);
        assert_eq!(again.safety.entries.len(), 2);
    }

    #[test]
    fn a_log_that_cannot_be_written_moves_nothing_and_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the log should be: appending to it fails.
        fs::create_dir(dir.path().join(crate::safety::ANSWERS_LOG)).unwrap();
        let store = Store::new(dir.path().to_path_buf());
        let mut state = State::default();
        let n = crate::safety::MAX_KEPT + 50;
        for i in 0..n {
            state.safety.push(answer(i, i == 3));
        }
        assert!(store.save_state(&mut state).is_err());
        assert_eq!(state.safety.entries.len(), n);
        assert_eq!(state.safety.base_seq, 0);
        let on_disk = Store::new(dir.path().to_path_buf()).load_state();
        assert_eq!(on_disk.safety.entries.len(), n);
        assert_eq!(on_disk.safety.safety().level(), Some(Urgency::Today));
    }

    #[test]
    fn many_answers_stay_bounded_in_the_state_file_and_none_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        let mut state = store.load_state();
        const N: usize = 50_000;
        for n in 0..N {
            state.safety.push(answer(n, n == 7));
        }
        let whole = state.safety.safety();
        assert_eq!(whole.level(), Some(Urgency::Today));
        // Another copy holding every answer in memory, as numbered on saving.
        let mut copy = state.clone();
        copy.safety.number();
        store.save_state(&mut state).unwrap();
        assert!(state.safety.entries.len() <= crate::safety::MAX_KEPT);
        // The state file is small; the log holds the rest.
        let on_disk = Store::new(dir.path().to_path_buf()).load_state();
        assert!(on_disk.safety.entries.len() <= crate::safety::MAX_KEPT);
        assert_eq!(on_disk.safety.safety(), whole);
        let all = store.all_answers(&on_disk);
        assert_eq!(all.len(), N);
        assert!(all.windows(2).all(|w| w[0].seq < w[1].seq));
        // The other copy takes in what is on disk in one pass (quadratic, this took
        // seconds): nothing twice, nothing lost, the same state.
        copy.merge(on_disk.clone());
        assert_eq!(copy, on_disk);
        // And its next answer comes after all of them.
        copy.safety.push(answer(N, false));
        store.save_state(&mut copy).unwrap();
        assert_eq!(copy.safety.entries.last().unwrap().seq, N as u64 + 1);
        assert_eq!(store.all_answers(&copy).len(), N + 1);
    }

    #[test]
    fn a_planted_link_beside_the_file_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let data = dir.path().join("data");
        fs::create_dir(&data).unwrap();
        // Links at the names a predictable temporary file would have had.
        for name in [STATE_FILE, SETTINGS_FILE] {
            for pid in [std::process::id(), 0, 1] {
                let _ =
                    std::os::unix::fs::symlink(&victim, data.join(format!(".{name}.{pid}.tmp")));
            }
        }
        let store = Store::new(data.clone());
        store.save_state(&mut State::default()).unwrap();
        store.save_settings(&Settings::default()).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(
            fs::symlink_metadata(data.join(STATE_FILE))
                .unwrap()
                .is_file()
        );
        // The export path: a link at the output is replaced only as a file, not followed
        // into someone else's file by the temporary file.
        write_atomic(&data.join("out.md"), b"text").unwrap();
        assert_eq!(fs::read_to_string(data.join("out.md")).unwrap(), "text");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    }

    #[test]
    fn a_data_dir_that_is_a_file_is_named_on_save() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data");
        fs::write(&file, "x").unwrap();
        let store = Store::new(file);
        let e = store
            .save_settings(&Settings::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("is a file, not a directory"), "{e}");
        let e = store
            .save_state(&mut State::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("is a file, not a directory"), "{e}");
    }
}
