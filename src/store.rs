//! Files in the data directory: the state file (first-run notice, the checklist answers by
//! date). Written atomically; a file that cannot be read is reported and kept, never
//! overwritten.

use crate::content::Urgency;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const STATE_FILE: &str = "state.json";

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
    /// The latest checklist answer given on `date`.
    pub fn check_on(&self, date: &str) -> Option<&CheckRecord> {
        self.checks.iter().rev().find(|c| c.date == date)
    }
}

/// The state file and whether it may be written.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
    /// Set when the existing file could not be read: it is kept as it is.
    pub problem: Option<String>,
}

impl Store {
    pub fn new(dir: PathBuf) -> Store {
        Store { dir, problem: None }
    }

    pub fn state_path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// Loads the state. A missing file is a fresh start; a file that cannot be read or
    /// parsed is reported in `problem` and left alone: nothing will be written over it.
    pub fn load_state(&mut self) -> State {
        let path = self.state_path();
        match fs::read_to_string(&path) {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(s) => s,
                Err(e) => {
                    self.problem = Some(format!(
                        "{} could not be read ({e}); it was kept as it is, and nothing will be saved over it",
                        path.display()
                    ));
                    State::default()
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => State::default(),
            Err(e) => {
                self.problem = Some(format!(
                    "{} could not be read ({e}); it was kept as it is, and nothing will be saved over it",
                    path.display()
                ));
                State::default()
            }
        }
    }

    /// Saves the state atomically, unless the file on disk could not be read.
    pub fn save_state(&self, state: &State) -> io::Result<()> {
        if self.problem.is_some() {
            return Ok(());
        }
        let text = serde_json::to_string_pretty(state).map_err(io::Error::other)?;
        write_atomic(&self.state_path(), text.as_bytes())
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
        store.save_state(&s).unwrap();
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
        assert_eq!(names, vec![STATE_FILE]);
    }

    #[test]
    fn unreadable_state_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE);
        fs::write(&path, "{ not json").unwrap();
        let mut store = Store::new(dir.path().to_path_buf());
        let s = store.load_state();
        assert_eq!(s, State::default());
        let problem = store.problem.clone().unwrap();
        assert!(problem.contains("state.json"), "{problem}");
        assert!(problem.contains("kept"), "{problem}");
        store
            .save_state(&State {
                notice_seen: true,
                ..State::default()
            })
            .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{ not json");
    }
}
