//! The session history: one JSON line per session, appended and never rewritten, and the
//! figures drawn from it (pain by day, streak, trend).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

pub const HISTORY_FILE: &str = "history.jsonl";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StretchRecord {
    pub id: String,
    /// Seconds each hold lasted as planned (missing in lines written before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_seconds: Option<u32>,
    pub reps_planned: u32,
    pub reps_done: u32,
    pub held_seconds: f64,
    #[serde(default)]
    pub skipped: u32,
}

/// One session, as written to the history file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Local time with UTC offset, RFC 3339.
    pub start: String,
    pub end: String,
    /// The routine's id, or `None` for stretches picked by hand.
    pub routine: Option<String>,
    pub hold_seconds: u32,
    pub repetitions: u32,
    pub stretches: Vec<StretchRecord>,
    pub pauses: u32,
    pub skips: u32,
    pub pain_stops: u32,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    /// The day's checklist result when the session started ("none", "soon", ...).
    pub checklist: Option<String>,
    /// Whether every repetition of every stretch was done.
    pub completed: bool,
    /// The content the session used: a clinician's file (title, version, SHA-256) or
    /// the built-in one (with the program's version). Missing in older lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<crate::content::ContentId>,
    /// Where and when each pain stop happened (older lines have only the count).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hurt: Vec<PainStop>,
}

/// One pain stop: which stretch, which repetition and side or phase, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PainStop {
    /// The stretch's id.
    pub stretch: String,
    /// The repetition, from 1: the one under way, or the next one in a lead-in or rest.
    pub rep: u32,
    /// The side or phase ("Right side", "Cat"), if the stretch has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// "hold", "lead-in" or "rest": the step it happened in.
    pub step: String,
    /// Local time with UTC offset, RFC 3339.
    pub at: String,
    /// What was chosen next: "gentler", "skip", "end" or "paused" (back to the hold).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then: Option<String>,
}

impl PainStop {
    /// "repetition 2, left side, during the hold"
    pub fn place(&self) -> String {
        let mut v = vec![format!("repetition {}", self.rep)];
        if let Some(p) = &self.part {
            v.push(p.to_lowercase());
        }
        v.push(match self.step.as_str() {
            "hold" => "during the hold".to_string(),
            other => format!("in the {other}"),
        });
        v.join(", ")
    }

    /// "08:05" from the time.
    pub fn clock(&self) -> &str {
        self.at.get(11..16).unwrap_or("")
    }

    /// What came next, in words.
    pub fn then_words(&self) -> Option<&'static str> {
        Some(match self.then.as_deref()? {
            "gentler" => "tried it gentler",
            "skip" => "skipped the stretch",
            "end" => "ended the session",
            "paused" => "went back to the hold",
            _ => return None,
        })
    }
}

impl SessionRecord {
    /// The local date of the start, YYYY-MM-DD.
    pub fn date(&self) -> &str {
        self.start.get(..10).unwrap_or(&self.start)
    }

    pub fn held_seconds(&self) -> f64 {
        self.stretches.iter().map(|s| s.held_seconds).sum()
    }
}

/// A line of the history file that could not be read. It stays in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {} of the history could not be read and was skipped (it is kept in the file): {}",
            self.line, self.message
        )
    }
}

/// Appends one session as one complete line. The file is locked while writing, so two
/// instances appending at once never interleave; it is opened for appending only, so it is
/// never truncated or rewritten.
pub fn append(path: &Path, record: &SessionRecord) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut line = serde_json::to_string(record).map_err(io::Error::other)?;
    line.push('\n');
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    f.lock()?;
    // A crash may have left half a line with no newline: start on a fresh line, so this
    // record stays readable (the half line is reported and skipped on reading).
    let len = f.metadata()?.len();
    let mut bytes = Vec::with_capacity(line.len() + 1);
    if len > 0 && !ends_with_newline(path, len)? {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(line.as_bytes());
    let result = f.write_all(&bytes).and_then(|_| f.sync_data());
    let _ = f.unlock();
    result
}

fn ends_with_newline(path: &Path, len: u64) -> io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let mut r = fs::File::open(path)?;
    r.seek(SeekFrom::Start(len - 1))?;
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0] == b'\n')
}

/// Reads every session; lines that cannot be read are returned as problems, not dropped
/// from the file. A missing file is an empty history.
pub fn load(path: &Path) -> io::Result<(Vec<SessionRecord>, Vec<BadLine>)> {
    let text = match fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(e),
    };
    let mut records = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<SessionRecord>(line) {
            Ok(r) => records.push(r),
            Err(e) => bad.push(BadLine {
                line: i + 1,
                message: e.to_string(),
            }),
        }
    }
    Ok((records, bad))
}

/// Sets apart the records whose date cannot be right: more than a day ahead of `now` (a
/// clock set wrong once), or before the year before the first record's (in file order).
/// They stay in the file; trends, the doctor suggestion, streaks and the period leave
/// them out. Returns (kept, suspect), each in the order given.
pub fn split_suspect(
    records: Vec<SessionRecord>,
    now: jiff::Timestamp,
) -> (Vec<SessionRecord>, Vec<SessionRecord>) {
    let ahead = now
        .checked_add(jiff::SignedDuration::from_hours(24))
        .unwrap_or(now);
    let year = |r: &SessionRecord| r.date().get(..4).and_then(|y| y.parse::<i32>().ok());
    let first_year = records.first().and_then(year);
    records.into_iter().partition(|r| {
        let future = r.start.parse::<jiff::Timestamp>().is_ok_and(|t| t > ahead);
        let early = match (year(r), first_year) {
            (Some(y), Some(f)) => y < f - 1,
            _ => false,
        };
        !future && !early
    })
}

/// Pain ratings of one day: the mean before and after, over the sessions that had them.
#[derive(Debug, Clone, PartialEq)]
pub struct DayPain {
    pub date: String,
    pub sessions: usize,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Sessions and mean pain per day, oldest first.
pub fn by_day(records: &[SessionRecord]) -> Vec<DayPain> {
    let mut days: BTreeMap<&str, (usize, Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for r in records {
        let d = days.entry(r.date()).or_default();
        d.0 += 1;
        if let Some(p) = r.pain_before {
            d.1.push(f64::from(p));
        }
        if let Some(p) = r.pain_after {
            d.2.push(f64::from(p));
        }
    }
    days.into_iter()
        .map(|(date, (sessions, b, a))| DayPain {
            date: date.to_string(),
            sessions,
            before: mean(&b),
            after: mean(&a),
        })
        .collect()
}

fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    s.parse().ok()
}

/// Days in a row, up to today (or up to yesterday, if today has none yet), with a session.
pub fn streak(records: &[SessionRecord], today: &str) -> u32 {
    let Some(mut day) = parse_date(today) else {
        return 0;
    };
    let dates: std::collections::BTreeSet<&str> = records.iter().map(|r| r.date()).collect();
    let has = |d: jiff::civil::Date| dates.contains(d.to_string().as_str());
    if !has(day) {
        match day.yesterday() {
            Ok(y) => day = y,
            Err(_) => return 0,
        }
    }
    let mut n = 0;
    while has(day) {
        n += 1;
        match day.yesterday() {
            Ok(y) => day = y,
            Err(_) => break,
        }
    }
    n
}

/// Sessions on each of the 7 days ending today, oldest first, with a short day name.
pub fn last_week(records: &[SessionRecord], today: &str) -> Vec<(String, u64)> {
    let Some(today) = parse_date(today) else {
        return Vec::new();
    };
    (0..7)
        .rev()
        .filter_map(|back| today.checked_sub(jiff::Span::new().days(back)).ok())
        .map(|d| {
            let key = d.to_string();
            let n = records.iter().filter(|r| r.date() == key).count() as u64;
            (d.strftime("%a").to_string(), n)
        })
        .collect()
}

/// Whole days from `start` to `today`, counting the start as day 1.
pub fn day_number(start: &str, today: &str) -> Option<i64> {
    let s = parse_date(start)?;
    let t = parse_date(today)?;
    let days = (t - s).get_days();
    (days >= 0).then_some(i64::from(days) + 1)
}

/// Sessions looked at for stretches that hurt lately.
pub const RECENT_SESSIONS: usize = 3;

/// A stretch that hurt in one of the last sessions, and when it last did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentHurt {
    pub stretch: String,
    /// The local date of the session, YYYY-MM-DD.
    pub date: String,
    /// Where in the stretch, in words ("repetition 2, left side, during the hold").
    pub place: String,
}

impl RecentHurt {
    /// "Tue", or the date itself if it cannot be read.
    pub fn day_name(&self) -> String {
        parse_date(&self.date).map_or_else(|| self.date.clone(), |d| d.strftime("%a").to_string())
    }
}

/// The stretches that hurt in one of the last `RECENT_SESSIONS` sessions (records oldest
/// first), each once, with the latest date it hurt.
pub fn recent_hurts(records: &[SessionRecord]) -> Vec<RecentHurt> {
    let mut out: Vec<RecentHurt> = Vec::new();
    for r in records.iter().rev().take(RECENT_SESSIONS) {
        for h in r.hurt.iter().rev() {
            if !out.iter().any(|o| o.stretch == h.stretch) {
                out.push(RecentHurt {
                    stretch: h.stretch.clone(),
                    date: r.date().to_string(),
                    place: h.place(),
                });
            }
        }
    }
    out
}

/// Pain stops by stretch over the whole history, most first (then by id): only those
/// recorded with their stretch.
pub fn stops_by_stretch(records: &[SessionRecord]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for h in records.iter().flat_map(|r| &r.hurt) {
        *counts.entry(h.stretch.as_str()).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(id, n)| (id.to_string(), n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Rated days needed before a trend is given.
pub const TREND_MIN_DAYS: usize = 3;

/// The pain trend, by day: the mean daily rating (before sessions, else after) of the
/// first rated days against the last ones, a third of the rated days each (at least one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    pub early: f64,
    pub late: f64,
    /// How many days each end averages.
    pub days: usize,
}

impl Trend {
    /// Falling by at least 1.5 points on the 0-10 scale.
    pub fn clearly_falling(&self) -> bool {
        self.late <= self.early - 1.5
    }

    /// The one sentence every screen and report gives for the trend.
    pub fn words(&self) -> String {
        let (first, last) = if self.days == 1 {
            ("first rated day".to_string(), "last".to_string())
        } else {
            (
                format!("first {} rated days", self.days),
                format!("last {}", self.days),
            )
        };
        format!(
            "Pain is {}: about {:.1} on the {first}, {:.1} on the {last}.",
            if self.clearly_falling() {
                "falling"
            } else {
                "not clearly falling"
            },
            self.early,
            self.late
        )
    }
}

/// What the ratings show and what is missing, computed once for home, progress and export.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendReport {
    /// Days with any rating.
    pub rated_days: usize,
    /// Days with a rating before a session, and after one.
    pub before_days: usize,
    pub after_days: usize,
    /// `None` until there are ratings on `TREND_MIN_DAYS` days.
    pub trend: Option<Trend>,
}

impl TrendReport {
    /// Advice for what is missing, if anything: no ratings, only ratings before sessions,
    /// or too few days.
    pub fn advice(&self) -> Option<String> {
        if self.rated_days == 0 {
            return Some(
                "No pain ratings yet: rate your pain before and after sessions to see a trend."
                    .into(),
            );
        }
        if self.rated_days < TREND_MIN_DAYS {
            return Some(format!(
                "Pain rated on {} so far: the trend shows from the third day.",
                if self.rated_days == 1 {
                    "1 day".to_string()
                } else {
                    format!("{} days", self.rated_days)
                }
            ));
        }
        if self.after_days == 0 {
            return Some(
                "Ratings before sessions only: rate your pain after them too to see what a session does."
                    .into(),
            );
        }
        None
    }
}

/// The trend and what is missing, from records in any order (a filter, such as one that
/// leaves out suspect records, can sit in front of it).
pub fn trend(records: &[SessionRecord]) -> TrendReport {
    let days = by_day(records);
    let rated: Vec<f64> = days.iter().filter_map(|d| d.before.or(d.after)).collect();
    let n = rated.len();
    let trend = (n >= TREND_MIN_DAYS)
        .then(|| {
            let k = (n / 3).max(1);
            Some(Trend {
                early: mean(&rated[..k])?,
                late: mean(&rated[n - k..])?,
                days: k,
            })
        })
        .flatten();
    TrendReport {
        rated_days: n,
        before_days: days.iter().filter(|d| d.before.is_some()).count(),
        after_days: days.iter().filter(|d| d.after.is_some()).count(),
        trend,
    }
}

/// Whether home should suggest seeing a doctor: from day 14 since the spasm began, when the
/// pain ratings are not clearly falling.
pub fn suggest_doctor(records: &[SessionRecord], spasm_start: Option<&str>, today: &str) -> bool {
    let Some(day) = spasm_start.and_then(|s| day_number(s, today)) else {
        return false;
    };
    day >= 14 && trend(records).trend.is_some_and(|t| !t.clearly_falling())
}

#[cfg(test)]
pub mod tests {
    use super::*;

    pub fn record(start: &str, before: Option<u8>, after: Option<u8>) -> SessionRecord {
        SessionRecord {
            start: start.to_string(),
            end: start.to_string(),
            routine: Some("in-bed".into()),
            hold_seconds: 20,
            repetitions: 2,
            stretches: vec![StretchRecord {
                id: "knee-to-chest".into(),
                hold_seconds: Some(20),
                reps_planned: 2,
                reps_done: 2,
                held_seconds: 40.0,
                skipped: 0,
            }],
            pauses: 1,
            skips: 0,
            pain_stops: 0,
            pain_before: before,
            pain_after: after,
            checklist: Some("none".into()),
            completed: true,
            content: None,
            hurt: Vec::new(),
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(HISTORY_FILE);
        let a = record("2026-11-20T08:00:00+01:00", Some(7), Some(5));
        let b = record("2026-11-21T21:30:00-05:00", None, None);
        append(&path, &a).unwrap();
        append(&path, &b).unwrap();
        let (records, bad) = load(&path).unwrap();
        assert_eq!(records, vec![a, b]);
        assert!(bad.is_empty());
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn records_dated_in_the_future_or_long_before_are_set_apart() {
        let now: jiff::Timestamp = "2026-11-24T12:00:00Z".parse().unwrap();
        let records = vec![
            record("2026-11-20T08:00:00+00:00", Some(6), None),
            record("2026-11-25T08:00:00+00:00", Some(6), None),
            record("2027-03-01T08:00:00+00:00", Some(0), None),
            record("2024-06-01T08:00:00+00:00", Some(0), None),
            record("2025-06-01T08:00:00+00:00", Some(6), None),
        ];
        let (kept, suspect) = split_suspect(records, now);
        let dates: Vec<&str> = kept.iter().map(SessionRecord::date).collect();
        assert_eq!(dates, vec!["2026-11-20", "2026-11-25", "2025-06-01"]);
        let dates: Vec<&str> = suspect.iter().map(SessionRecord::date).collect();
        assert_eq!(dates, vec!["2027-03-01", "2024-06-01"]);
    }

    #[test]
    fn missing_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let (r, b) = load(&dir.path().join(HISTORY_FILE)).unwrap();
        assert!(r.is_empty() && b.is_empty());
    }

    #[test]
    fn corrupt_and_truncated_lines_are_skipped_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HISTORY_FILE);
        append(
            &path,
            &record("2026-11-20T08:00:00+00:00", Some(6), Some(4)),
        )
        .unwrap();
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"this is not json\n").unwrap();
        // Half a line, as a crash mid-write would leave it.
        let half = serde_json::to_string(&record("2026-11-21T08:00:00+00:00", None, None)).unwrap();
        f.write_all(&half.as_bytes()[..40]).unwrap();
        drop(f);
        let before = fs::read(&path).unwrap();
        let (records, bad) = load(&path).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].line, 2);
        assert_eq!(bad[1].line, 3);
        assert!(bad[1].to_string().contains("kept in the file"));
        // Reading changed nothing.
        assert_eq!(fs::read(&path).unwrap(), before);
        // The next session goes on a line of its own, after the half line.
        append(
            &path,
            &record("2026-11-22T08:00:00+00:00", Some(3), Some(2)),
        )
        .unwrap();
        let (records, bad) = load(&path).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(bad.len(), 2);
        assert!(fs::read(&path).unwrap().starts_with(&before));
    }

    #[test]
    fn concurrent_appends_never_interleave() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HISTORY_FILE);
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..100 {
                        let mut r = record("2026-11-20T08:00:00+00:00", Some(w), Some(i % 11));
                        // Long lines make interleaving likely if the lock failed.
                        r.routine = Some("x".repeat(2_000 + usize::from(w) * 100));
                        append(&path, &r).unwrap();
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        let (records, bad) = load(&path).unwrap();
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(records.len(), 400);
    }

    /// Not a test on its own: the worker `two_processes_appending_never_interleave` starts
    /// twice, as two separate processes of this test binary.
    #[test]
    #[ignore]
    fn append_worker() {
        let Some(path) = std::env::var_os("BACKSTRETCH_APPEND_TO") else {
            return;
        };
        let tag: u8 = std::env::var("BACKSTRETCH_APPEND_TAG")
            .ok()
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        for i in 0..150 {
            let mut r = record("2026-11-20T08:00:00+00:00", Some(tag), Some(i % 11));
            r.routine = Some(format!("{tag}").repeat(3_000));
            append(Path::new(&path), &r).unwrap();
        }
    }

    #[test]
    fn two_processes_appending_never_interleave() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HISTORY_FILE);
        let exe = std::env::current_exe().unwrap();
        let children: Vec<_> = (1..=2)
            .map(|tag| {
                std::process::Command::new(&exe)
                    .args([
                        "--exact",
                        "history::tests::append_worker",
                        "--ignored",
                        "--quiet",
                    ])
                    .env("BACKSTRETCH_APPEND_TO", &path)
                    .env("BACKSTRETCH_APPEND_TAG", tag.to_string())
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        let (records, bad) = load(&path).unwrap();
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(records.len(), 300);
        for r in &records {
            // Every line is one writer's whole record.
            let routine = r.routine.as_deref().unwrap();
            let tag = r.pain_before.unwrap();
            assert_eq!(routine, format!("{tag}").repeat(3_000));
        }
    }

    #[test]
    fn days_streak_and_week() {
        let rs = vec![
            record("2026-11-20T08:00:00+00:00", Some(8), Some(6)),
            record("2026-11-22T08:00:00+00:00", Some(6), Some(5)),
            record("2026-11-22T20:00:00+00:00", Some(4), None),
            record("2026-11-23T08:00:00+00:00", None, None),
        ];
        let days = by_day(&rs);
        assert_eq!(days.len(), 3);
        assert_eq!(days[1].sessions, 2);
        assert_eq!(days[1].before, Some(5.0));
        assert_eq!(days[1].after, Some(5.0));
        assert_eq!(days[2].before, None);
        // Today (24th) has none yet: the streak counts back from yesterday.
        assert_eq!(streak(&rs, "2026-11-24"), 2);
        assert_eq!(streak(&rs, "2026-11-23"), 2);
        assert_eq!(streak(&rs, "2026-11-26"), 0);
        let week = last_week(&rs, "2026-11-24");
        assert_eq!(week.len(), 7);
        assert_eq!(week[6], ("Tue".to_string(), 0));
        assert_eq!(week[4], ("Sun".to_string(), 2));
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("2026-11-24", "2026-11-24"), Some(1));
        assert_eq!(day_number("2026-11-10", "2026-11-24"), Some(15));
        assert_eq!(day_number("2026-11-25", "2026-11-24"), None);
        assert_eq!(day_number("nonsense", "2026-11-24"), None);
    }

    fn daily(pains: &[u8]) -> Vec<SessionRecord> {
        pains
            .iter()
            .enumerate()
            .map(|(i, p)| {
                record(
                    &format!("2026-11-{:02}T08:00:00+00:00", i + 1),
                    Some(*p),
                    None,
                )
            })
            .collect()
    }

    #[test]
    fn doctor_suggested_from_day_14_when_pain_is_not_falling() {
        let flat = daily(&[6, 6, 5, 6, 6, 6, 5, 6]);
        let falling = daily(&[8, 7, 7, 6, 5, 4, 3, 3]);
        assert!(trend(&flat).trend.is_some_and(|t| !t.clearly_falling()));
        assert!(trend(&falling).trend.is_some_and(|t| t.clearly_falling()));
        assert!(suggest_doctor(&flat, Some("2026-11-01"), "2026-11-14"));
        assert!(!suggest_doctor(&flat, Some("2026-11-01"), "2026-11-13"));
        assert!(!suggest_doctor(&falling, Some("2026-11-01"), "2026-11-20"));
        assert!(!suggest_doctor(&flat, None, "2026-11-20"));
        // Too few ratings to tell.
        assert!(!suggest_doctor(
            &daily(&[6, 6]),
            Some("2026-11-01"),
            "2026-11-20"
        ));
    }

    #[test]
    fn one_trend_report_with_advice_for_what_is_missing() {
        let none = trend(&[record("2026-11-01T08:00:00+00:00", None, None)]);
        assert_eq!(none.rated_days, 0);
        assert!(none.trend.is_none());
        assert!(none.advice().unwrap().starts_with("No pain ratings yet"));
        let two = trend(&daily(&[6, 5]));
        assert!(two.trend.is_none());
        assert_eq!(
            two.advice().unwrap(),
            "Pain rated on 2 days so far: the trend shows from the third day."
        );
        // Three days are enough: the first day against the last.
        let three = trend(&daily(&[7, 6, 5]));
        let t = three.trend.unwrap();
        assert_eq!((t.early, t.late, t.days), (7.0, 5.0, 1));
        assert!(t.clearly_falling());
        assert_eq!(
            t.words(),
            "Pain is falling: about 7.0 on the first rated day, 5.0 on the last."
        );
        // Only ratings before sessions: a trend, and advice to rate after too.
        assert!(
            three
                .advice()
                .unwrap()
                .starts_with("Ratings before sessions only")
        );
        // Before and after: no advice. A third of the days at each end, by day: two
        // sessions on one day count as that day's mean.
        let mut rs: Vec<SessionRecord> = daily(&[8, 8, 7, 6, 5, 4])
            .into_iter()
            .map(|mut r| {
                r.pain_after = Some(3);
                r
            })
            .collect();
        rs.push(record("2026-11-06T20:00:00+00:00", Some(2), None));
        let all = trend(&rs);
        assert_eq!(all.advice(), None);
        let t = all.trend.unwrap();
        assert_eq!((t.early, t.late, t.days), (8.0, 4.0, 2));
        assert_eq!(
            t.words(),
            "Pain is falling: about 8.0 on the first 2 rated days, 4.0 on the last 2."
        );
        // Ratings only after: the trend uses them.
        let after: Vec<SessionRecord> = (1..=3)
            .map(|d| record(&format!("2026-11-{d:02}T08:00:00+00:00"), None, Some(6)))
            .collect();
        let a = trend(&after);
        assert!(a.trend.is_some_and(|t| !t.clearly_falling()));
        assert_eq!((a.before_days, a.after_days), (0, 3));
    }

    fn stop(stretch: &str) -> PainStop {
        PainStop {
            stretch: stretch.into(),
            rep: 2,
            part: Some("Left side".into()),
            step: "hold".into(),
            at: "2026-11-20T08:03:00+00:00".into(),
            then: Some("gentler".into()),
        }
    }

    #[test]
    fn recent_hurts_come_from_the_last_three_sessions() {
        let mut rs = daily(&[5, 5, 5, 5, 5]);
        rs[0].hurt = vec![stop("cat-cow")];
        rs[2].hurt = vec![stop("knee-to-chest"), stop("childs-pose")];
        rs[4].hurt = vec![stop("knee-to-chest")];
        let h = recent_hurts(&rs);
        let ids: Vec<&str> = h.iter().map(|h| h.stretch.as_str()).collect();
        assert_eq!(ids, vec!["knee-to-chest", "childs-pose"]);
        // The latest day it hurt.
        assert_eq!(h[0].date, "2026-11-05");
        assert_eq!(h[0].day_name(), "Thu");
        assert_eq!(h[1].date, "2026-11-03");
        assert_eq!(h[0].place, "repetition 2, left side, during the hold");
        assert!(
            recent_hurts(&rs[..2])
                .iter()
                .any(|h| h.stretch == "cat-cow")
        );
        let s = stop("x");
        assert_eq!(s.clock(), "08:03");
        assert_eq!(s.then_words(), Some("tried it gentler"));
    }
}
