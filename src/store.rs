//! Files in the data directory: the state file (first-run notice, the checklist answers by
//! date). Written atomically; a file that cannot be read is reported and kept, never
//! overwritten.

use crate::content::Urgency;
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

/// The result of one run through the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    None,
    Soon,
    Today,
    Emergency,
}

impl CheckResult {
    pub fn from_urgency(u: Option<Urgency>) -> CheckResult {
        match u {
            None => CheckResult::None,
            Some(Urgency::Soon) => CheckResult::Soon,
            Some(Urgency::Today) => CheckResult::Today,
            Some(Urgency::Emergency) => CheckResult::Emergency,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            CheckResult::None => "none",
            CheckResult::Soon => "soon",
            CheckResult::Today => "today",
            CheckResult::Emergency => "emergency",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRecord {
    /// Local date, YYYY-MM-DD.
    pub date: String,
    /// Local time with offset when it was answered.
    pub at: String,
    pub result: CheckResult,
    /// Ids of the signs answered yes.
    #[serde(default)]
    pub yes: Vec<String>,
    /// True when the person confirmed "none of these apply" without going through each.
    #[serde(default)]
    pub quick: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    #[serde(default)]
    pub notice_seen: bool,
    #[serde(default)]
    pub checks: Vec<CheckRecord>,
}

impl State {
    /// Takes in what another copy saved: the notice read by either, every answer of both,
    /// in time order.
    pub fn merge(&mut self, other: State) {
        self.notice_seen |= other.notice_seen;
        for c in other.checks {
            if !self.checks.contains(&c) {
                self.checks.push(c);
            }
        }
        self.checks.sort_by(|a, b| a.at.cmp(&b.at));
    }

    /// The latest checklist answer given on `date`.
    pub fn check_on(&self, date: &str) -> Option<&CheckRecord> {
        self.checks.iter().rev().find(|c| c.date == date)
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
    /// Routines leave out the stretches that hurt in one of the last sessions.
    #[serde(default)]
    pub leave_out_hurt: bool,
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
            leave_out_hurt: false,
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
        match fs::read_to_string(&path) {
            Ok(text) => match serde_json::from_str(&text) {
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

    fn save_json<T: Serialize>(&self, path: PathBuf, value: &T) -> io::Result<()> {
        if self.blocked.contains(&path) {
            return Ok(());
        }
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
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
        if self.blocked.contains(&path) {
            return Ok(());
        }
        fs::create_dir_all(&self.dir)?;
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
            self.save_json(path, state)
        })();
        let _ = lock.unlock();
        self.seen_state.set(modified(&self.state_path()));
        result
    }

    /// Takes in answers another copy saved since the last look, if the file changed.
    /// Cheap when it did not: one stat.
    pub fn refresh_state(&self, state: &mut State) {
        let path = self.state_path();
        let now = modified(&path);
        if now.is_none() || now == self.seen_state.get() || self.blocked.contains(&path) {
            return;
        }
        self.seen_state.set(now);
        if let Ok(Some(disk)) = self.read_state_file() {
            state.merge(disk);
        }
    }

    fn read_state_file(&self) -> io::Result<Option<State>> {
        match fs::read_to_string(self.state_path()) {
            Ok(text) => Ok(serde_json::from_str(&text).ok()),
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

    /// The history in order of start time, with a note for each line that could not be
    /// read. (Lines are written when sessions end, which is not always the same order.)
    pub fn load_history(&mut self) -> Vec<crate::history::SessionRecord> {
        match crate::history::load(&self.history_path()) {
            Ok((mut records, bad)) => {
                records.sort_by_key(|r| r.start.parse::<jiff::Timestamp>().ok());
                let path = self.history_path();
                self.problems
                    .extend(bad.iter().map(|b| format!("{}: {b}", path.display())));
                records
            }
            Err(e) => {
                self.problems.push(format!(
                    "{} could not be read ({e})",
                    self.history_path().display()
                ));
                Vec::new()
            }
        }
    }

    pub fn append_history(&self, r: &crate::history::SessionRecord) -> io::Result<()> {
        crate::history::append(&self.history_path(), r)
    }
}

/// Writes a whole file so that a reader sees either the old or the new text, never half:
/// a temporary file beside it, flushed to disk, then renamed over it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(date: &str, result: CheckResult) -> CheckRecord {
        CheckRecord {
            date: date.into(),
            at: format!("{date}T08:00:00+00:00"),
            result,
            yes: vec![],
            quick: false,
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
        s.checks.push(record("2026-11-23", CheckResult::Today));
        s.checks.push(record("2026-11-24", CheckResult::None));
        store.save_state(&mut s.clone()).unwrap();
        let mut again = Store::new(dir.path().join("nested"));
        let loaded = again.load_state();
        assert_eq!(loaded, s);
        assert_eq!(
            loaded.check_on("2026-11-23").unwrap().result,
            CheckResult::Today
        );
        assert!(loaded.check_on("2026-11-22").is_none());
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
            leave_out_hurt: true,
        };
        store.save_settings(&s).unwrap();
        assert_eq!(Store::new(dir.path().to_path_buf()).load_settings(), s);
        // Older files without newer fields still load.
        fs::write(store.settings_path(), r#"{"hold_seconds": 15}"#).unwrap();
        let s = Store::new(dir.path().to_path_buf()).load_settings();
        assert_eq!(s.hold_seconds, Some(15));
        assert!(s.checkins);
    }

    #[test]
    fn an_unreadable_settings_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(SETTINGS_FILE), "[1, 2").unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        assert_eq!(store.load_settings(), Settings::default());
        assert!(store.problem().unwrap().contains("settings.json"));
        store.save_settings(&Settings::default()).unwrap();
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
            .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{ not json");
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
            .checks
            .push(record("2026-11-24", CheckResult::Emergency));
        other.save_state(&mut theirs).unwrap();
        // This copy sees it before it starts anything...
        std::thread::sleep(std::time::Duration::from_millis(20));
        mine.refresh_state(&mut state);
        assert_eq!(
            state.check_on("2026-11-24").unwrap().result,
            CheckResult::Emergency
        );
        // ...and its own later save keeps it.
        let mut fresh = State {
            notice_seen: true,
            ..State::default()
        };
        let mut later = record("2026-11-24", CheckResult::None);
        later.at = "2026-11-24T10:00:00+00:00".into();
        fresh.checks.push(later);
        mine.save_state(&mut fresh).unwrap();
        let on_disk = Store::new(dir.path().to_path_buf()).load_state();
        assert_eq!(on_disk.checks.len(), 2);
        assert!(on_disk.notice_seen);
        assert_eq!(on_disk.checks[0].result, CheckResult::Emergency);
        assert_eq!(fresh, on_disk);
    }
}
