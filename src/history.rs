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
        crate::store::ensure_dir(dir)?;
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

/// Reads every session, in file order; lines that cannot be read are returned as problems,
/// not dropped from the file. A missing file is an empty history. (The app reads figures
/// with [`Summary::read`], and the plain commands stream with [`scan`].)
#[cfg(test)]
pub fn load(path: &Path) -> io::Result<(Vec<SessionRecord>, Vec<BadLine>)> {
    let mut records = Vec::new();
    let scan = scan(path, None, |r| records.push(r.clone()))?;
    Ok((records, scan.bad))
}

/// The history read once, line by line, without holding it: where each record starts in
/// the file, in order of start time, to read them again one at a time.
#[derive(Debug, Default)]
pub struct Scan {
    /// Start time (unreadable ones first) and byte offset of every readable line, sorted.
    order: Vec<(Option<jiff::Timestamp>, u64)>,
    pub bad: Vec<BadLine>,
    /// Records set apart for a date that cannot be right, in order of start time.
    pub suspect: Vec<SessionRecord>,
}

/// Opens the history for reading: `None` when there is none yet. Anything but a regular
/// file is refused (a fifo would block).
fn open(path: &Path) -> io::Result<Option<io::BufReader<fs::File>>> {
    match fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "it is not a regular file",
            ));
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    }
    Ok(Some(io::BufReader::with_capacity(
        256 * 1024,
        fs::File::open(path)?,
    )))
}

/// Reads every line once, calling `each` with each readable record in file order, and
/// notes where each one is, sorted by start time, for [`Scan::replay`]. With `now`, the
/// records whose date cannot be right (see [`SuspectCheck`]) are set apart in
/// `Scan::suspect` instead.
pub fn scan(
    path: &Path,
    now: Option<jiff::Timestamp>,
    each: impl FnMut(&SessionRecord),
) -> io::Result<Scan> {
    scan_upto(path, now, u64::MAX, each)
}

/// [`scan`], of the first `limit` bytes only: the lines wholly within them.
fn scan_upto(
    path: &Path,
    now: Option<jiff::Timestamp>,
    limit: u64,
    mut each: impl FnMut(&SessionRecord),
) -> io::Result<Scan> {
    use std::io::BufRead;
    let mut out = Scan::default();
    let Some(mut reader) = open(path)? else {
        return Ok(out);
    };
    let mut buf = Vec::new();
    let mut offset = 0u64;
    let mut line_no = 0;
    let mut sorted = true;
    let mut check = now.map(SuspectCheck::new);
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n == 0 || offset + n as u64 > limit {
            break;
        }
        line_no += 1;
        let here = offset;
        offset += n as u64;
        let line = String::from_utf8_lossy(&buf);
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<SessionRecord>(&line) {
            Ok(r) if check.as_mut().is_some_and(|c| c.is_suspect(&r)) => out.suspect.push(r),
            Ok(r) => {
                let key = r.start.parse::<jiff::Timestamp>().ok();
                if out.order.last().is_some_and(|(last, _)| *last > key) {
                    sorted = false;
                }
                out.order.push((key, here));
                each(&r);
            }
            Err(e) => out.bad.push(BadLine {
                line: line_no,
                message: e.to_string(),
            }),
        }
    }
    if !sorted {
        out.order.sort_by_key(|(key, _)| *key);
    }
    out.suspect
        .sort_by_key(|r| r.start.parse::<jiff::Timestamp>().ok());
    Ok(out)
}

impl Scan {
    /// What to tell the person: the sessions set apart, then each line that could not be
    /// read.
    pub fn problems<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = String> + 'a {
        let suspect = (!self.suspect.is_empty()).then(|| {
            format!(
                "{} in {} dated more than a day ahead, or years before the rest (a clock set wrong?): left out of the figures, kept in the file",
                crate::plain::count(self.suspect.len(), "session is", "sessions are"),
                path.display()
            )
        });
        suspect.into_iter().chain(
            self.bad
                .iter()
                .map(move |b| format!("{}: {b}", path.display())),
        )
    }

    /// How many records were read.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Reads the records again, in order of start time, one at a time: a file in order
    /// (the usual case) is read straight through, with no seeking.
    pub fn replay(
        &self,
        path: &Path,
        mut each: impl FnMut(SessionRecord) -> io::Result<()>,
    ) -> io::Result<()> {
        use std::io::{BufRead, Seek, SeekFrom};
        let Some(mut reader) = open(path)? else {
            return Ok(());
        };
        let mut pos = 0u64;
        let mut buf = Vec::new();
        for &(_, offset) in &self.order {
            if offset != pos {
                reader.seek(SeekFrom::Start(offset))?;
            }
            buf.clear();
            let n = reader.read_until(b'\n', &mut buf)?;
            pos = offset + n as u64;
            let line = String::from_utf8_lossy(&buf);
            // The line was read before; a file changed since is not read twice over.
            if let Ok(r) = serde_json::from_str::<SessionRecord>(&line) {
                each(r)?;
            }
        }
        Ok(())
    }
}

/// The history's figures as read in the background, with what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub summary: Summary,
    pub problems: Vec<String>,
}

impl Loaded {
    /// Reads the history at `path` into figures; problems are in words for the person.
    pub fn read(path: &Path, now: Option<jiff::Timestamp>) -> Loaded {
        Loaded::read_upto(path, now, u64::MAX)
    }

    /// [`Loaded::read`], of the first `limit` bytes: the history as it was when this run
    /// began (what the run appends itself is in `App::history`).
    pub fn read_upto(path: &Path, now: Option<jiff::Timestamp>, limit: u64) -> Loaded {
        match Summary::read(path, now, limit) {
            Ok((summary, scan)) => Loaded {
                summary,
                problems: scan.problems(path).collect(),
            },
            Err(e) => Loaded {
                summary: Summary::default(),
                problems: vec![format!("{} could not be read ({e})", path.display())],
            },
        }
    }

    /// Reads its first `limit` bytes (see [`Loaded::read_upto`]) on a thread of its own;
    /// `done` is called once the result is sent.
    pub fn spawn(
        path: std::path::PathBuf,
        now: Option<jiff::Timestamp>,
        limit: u64,
        done: impl FnOnce() + Send + 'static,
    ) -> std::sync::mpsc::Receiver<Loaded> {
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("history".into())
            .spawn(move || {
                let _ = tx.send(Loaded::read_upto(&path, now, limit));
                done();
            });
        if let Err(e) = spawned {
            let (tx, rx2) = std::sync::mpsc::channel();
            let _ = tx.send(Loaded {
                summary: Summary::default(),
                problems: vec![format!("the history could not be read ({e})")],
            });
            return rx2;
        }
        rx
    }
}

/// One day of the history, in figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Day {
    sessions: usize,
    before_sum: f64,
    before_n: u32,
    after_sum: f64,
    after_n: u32,
}

/// What the screens show of the history, small whatever its length: figures per day and
/// totals. Built from the file in one streaming pass, or from records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    days: BTreeMap<String, Day>,
    pub sessions: usize,
    pub completed: usize,
    pub held_seconds: f64,
    pub pain_stops: u64,
    /// The latest rating given (after, else before), by start time.
    last_rating: Option<(Option<jiff::Timestamp>, u8)>,
    /// The last `RECENT_SESSIONS` sessions by start time, oldest first.
    recent: Vec<(Option<jiff::Timestamp>, SessionRecord)>,
    /// Pain stops recorded with their stretch, by stretch id.
    stops_by: BTreeMap<String, usize>,
}

impl Summary {
    #[cfg(test)]
    pub fn of(records: &[SessionRecord]) -> Summary {
        let mut s = Summary::default();
        for r in records {
            s.add(r);
        }
        s
    }

    /// Reads the history file in one pass, holding only the figures (and the records
    /// whose date cannot be right at `now`, left out of them).
    pub fn read(
        path: &Path,
        now: Option<jiff::Timestamp>,
        limit: u64,
    ) -> io::Result<(Summary, Scan)> {
        let mut s = Summary::default();
        let scan = scan_upto(path, now, limit, |r| s.add(r))?;
        Ok((s, scan))
    }

    pub fn add(&mut self, r: &SessionRecord) {
        let d = self.days.entry(r.date().to_string()).or_default();
        d.sessions += 1;
        if let Some(p) = r.pain_before {
            d.before_sum += f64::from(p);
            d.before_n += 1;
        }
        if let Some(p) = r.pain_after {
            d.after_sum += f64::from(p);
            d.after_n += 1;
        }
        self.sessions += 1;
        self.completed += usize::from(r.completed);
        self.held_seconds += r.held_seconds();
        self.pain_stops += u64::from(r.pain_stops);
        let key = r.start.parse::<jiff::Timestamp>().ok();
        if let Some(p) = r.pain_after.or(r.pain_before)
            && self.last_rating.is_none_or(|(k, _)| k <= key)
        {
            self.last_rating = Some((key, p));
        }
        for h in &r.hurt {
            *self.stops_by.entry(h.stretch.clone()).or_default() += 1;
        }
        // Kept in order of start; a later record with the same start goes after.
        if self.recent.len() < RECENT_SESSIONS
            || self.recent.first().is_some_and(|(k, _)| *k <= key)
        {
            let at = self.recent.partition_point(|(k, _)| *k <= key);
            self.recent.insert(at, (key, r.clone()));
            if self.recent.len() > RECENT_SESSIONS {
                self.recent.remove(0);
            }
        }
    }

    /// Both together: what was on disk and what this run added.
    pub fn merged(&self, records: &[SessionRecord]) -> Summary {
        let mut s = self.clone();
        for r in records {
            s.add(r);
        }
        s
    }

    /// The latest pain rating given.
    pub fn last_rating(&self) -> Option<u8> {
        self.last_rating.map(|(_, p)| p)
    }

    pub fn first_date(&self) -> Option<&str> {
        self.days.keys().next().map(String::as_str)
    }

    pub fn last_date(&self) -> Option<&str> {
        self.days.keys().next_back().map(String::as_str)
    }

    /// Sessions and mean pain per day, oldest first.
    pub fn by_day(&self) -> Vec<DayPain> {
        let mean = |sum: f64, n: u32| (n > 0).then(|| sum / f64::from(n));
        self.days
            .iter()
            .map(|(date, d)| DayPain {
                date: date.clone(),
                sessions: d.sessions,
                before: mean(d.before_sum, d.before_n),
                after: mean(d.after_sum, d.after_n),
            })
            .collect()
    }

    fn has(&self, d: jiff::civil::Date) -> bool {
        self.days.contains_key(d.to_string().as_str())
    }

    /// Days in a row, up to today (or up to yesterday, if today has none yet), with a
    /// session.
    pub fn streak(&self, today: &str) -> u32 {
        let Some(mut day) = parse_date(today) else {
            return 0;
        };
        if !self.has(day) {
            match day.yesterday() {
                Ok(y) => day = y,
                Err(_) => return 0,
            }
        }
        let mut n = 0;
        while self.has(day) {
            n += 1;
            match day.yesterday() {
                Ok(y) => day = y,
                Err(_) => break,
            }
        }
        n
    }

    /// Sessions on each of the 7 days ending today, oldest first, with a short day name.
    pub fn last_week(&self, today: &str) -> Vec<(String, u64)> {
        let Some(today) = parse_date(today) else {
            return Vec::new();
        };
        (0..7)
            .rev()
            .filter_map(|back| today.checked_sub(jiff::Span::new().days(back)).ok())
            .map(|d| {
                let n = self.days.get(&d.to_string()).map_or(0, |d| d.sessions);
                (d.strftime("%a").to_string(), n as u64)
            })
            .collect()
    }

    pub fn trend(&self) -> TrendReport {
        trend_of(&self.by_day())
    }

    /// The stretches that hurt in the last sessions (see [`recent_hurts`]).
    pub fn recent_hurts(&self) -> Vec<RecentHurt> {
        let records: Vec<SessionRecord> = self.recent.iter().map(|(_, r)| r.clone()).collect();
        recent_hurts(&records)
    }

    /// Pain stops by stretch over the whole history, most first (then by id).
    pub fn stops_by_stretch(&self) -> Vec<(String, usize)> {
        let mut v: Vec<(String, usize)> = self
            .stops_by
            .iter()
            .map(|(id, n)| (id.clone(), *n))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }
}

/// Sets apart the records whose date cannot be right: more than a day ahead of `now` (a
/// clock set wrong once), or before the year before the first record's (in file order,
/// of those not ahead).
/// They stay in the file; trends, the doctor suggestion, streaks and the period leave
/// them out. Returns (kept, suspect), each in the order given.
#[cfg(test)]
pub fn split_suspect(
    records: Vec<SessionRecord>,
    now: jiff::Timestamp,
) -> (Vec<SessionRecord>, Vec<SessionRecord>) {
    let mut check = SuspectCheck::new(now);
    records.into_iter().partition(|r| !check.is_suspect(r))
}

/// The rule of `split_suspect`, a record at a time in file order (for reading a long
/// history without holding it).
#[derive(Debug, Clone, Copy)]
pub struct SuspectCheck {
    ahead: jiff::Timestamp,
    /// The year of the first record seen that is not ahead of now; `None` until one is
    /// seen, `Some(None)` when its date has no year.
    first_year: Option<Option<i32>>,
}

impl SuspectCheck {
    pub fn new(now: jiff::Timestamp) -> SuspectCheck {
        SuspectCheck {
            ahead: now
                .checked_add(jiff::SignedDuration::from_hours(24))
                .unwrap_or(now),
            first_year: None,
        }
    }

    pub fn is_suspect(&mut self, r: &SessionRecord) -> bool {
        let future = r
            .start
            .parse::<jiff::Timestamp>()
            .is_ok_and(|t| t > self.ahead);
        // A record from the future is no measure of the year the history began.
        if future {
            return true;
        }
        let year = r.date().get(..4).and_then(|y| y.parse::<i32>().ok());
        let first = *self.first_year.get_or_insert(year);
        match (year, first) {
            (Some(y), Some(f)) => y < f - 1,
            _ => false,
        }
    }
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

fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    s.parse().ok()
}

/// Sessions and mean pain per day, oldest first.
#[cfg(test)]
pub fn by_day(records: &[SessionRecord]) -> Vec<DayPain> {
    Summary::of(records).by_day()
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
#[cfg(test)]
pub fn trend(records: &[SessionRecord]) -> TrendReport {
    trend_of(&by_day(records))
}

/// The trend from the pain by day.
fn trend_of(days: &[DayPain]) -> TrendReport {
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
#[cfg(test)]
pub fn suggest_doctor(records: &[SessionRecord], spasm_start: Option<&str>, today: &str) -> bool {
    suggest_doctor_for(&Summary::of(records), spasm_start, today)
}

/// The same, from a summary.
pub fn suggest_doctor_for(s: &Summary, spasm_start: Option<&str>, today: &str) -> bool {
    let Some(day) = spasm_start.and_then(|st| day_number(st, today)) else {
        return false;
    };
    day >= 14 && s.trend().trend.is_some_and(|t| !t.clearly_falling())
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
    fn a_first_record_from_a_wrong_clock_does_not_set_the_year_the_rest_are_judged_by() {
        // The very first session was saved with the clock years ahead; the sessions after
        // it, dated right, are kept.
        let now: jiff::Timestamp = "2026-11-30T12:00:00Z".parse().unwrap();
        let records = vec![
            record("2030-01-01T08:00:00+00:00", Some(6), None),
            record("2026-11-29T08:00:00+00:00", Some(5), None),
            record("2026-11-30T08:00:00+00:00", Some(4), None),
        ];
        let (kept, suspect) = split_suspect(records, now);
        let dates: Vec<&str> = kept.iter().map(SessionRecord::date).collect();
        assert_eq!(dates, vec!["2026-11-29", "2026-11-30"]);
        let dates: Vec<&str> = suspect.iter().map(SessionRecord::date).collect();
        assert_eq!(dates, vec!["2030-01-01"]);
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
        let sum = Summary::of(&rs);
        let days = sum.by_day();
        assert_eq!(days.len(), 3);
        assert_eq!(days[1].sessions, 2);
        assert_eq!(days[1].before, Some(5.0));
        assert_eq!(days[1].after, Some(5.0));
        assert_eq!(days[2].before, None);
        // Today (24th) has none yet: the streak counts back from yesterday.
        assert_eq!(sum.streak("2026-11-24"), 2);
        assert_eq!(sum.streak("2026-11-23"), 2);
        assert_eq!(sum.streak("2026-11-26"), 0);
        let week = sum.last_week("2026-11-24");
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
    fn a_trend_from_exactly_the_minimum_of_rated_days() {
        // One day short: no trend, however many sessions those days had.
        let short: Vec<u8> = (0..TREND_MIN_DAYS - 1).map(|i| 8 - i as u8).collect();
        let mut few = daily(&short);
        few.push(record("2026-11-01T20:00:00+00:00", Some(2), None));
        few.push(record("2026-11-20T08:00:00+00:00", None, None));
        let report = trend(&few);
        assert_eq!(report.rated_days, TREND_MIN_DAYS - 1);
        assert_eq!(report.trend, None);
        assert!(!suggest_doctor(&few, Some("2026-11-01"), "2026-11-25"));
        // Exactly the minimum: a trend, and a flat one suggests a doctor from day 14.
        let flat = daily(&[6; TREND_MIN_DAYS]);
        assert_eq!(trend(&flat).rated_days, TREND_MIN_DAYS);
        assert!(trend(&flat).trend.is_some());
        assert!(suggest_doctor(&flat, Some("2026-11-01"), "2026-11-20"));
    }

    #[test]
    fn the_trend_compares_the_first_and_last_third() {
        let nine = daily(&[9, 8, 7, 6, 5, 4, 3, 2, 1]);
        assert_eq!(
            trend(&nine).trend,
            Some(Trend {
                early: 8.0,
                late: 2.0,
                days: 3
            })
        );
        // Falling by exactly 1.5 is clearly falling; by less is not.
        let t = |early, late| Trend {
            early,
            late,
            days: 1,
        };
        assert!(t(7.5, 6.0).clearly_falling());
        assert!(!t(7.5, 6.5).clearly_falling());
        let by_one_and_a_half = daily(&[8, 7, 7, 6, 6, 5]);
        let report = trend(&by_one_and_a_half).trend.unwrap();
        assert_eq!((report.early, report.late), (7.5, 5.5));
        assert!(report.clearly_falling());
        assert!(!suggest_doctor(
            &by_one_and_a_half,
            Some("2026-11-01"),
            "2026-11-20"
        ));
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
        assert!(!suggest_doctor_for(
            &Summary::of(&daily(&[6, 6])),
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

    #[test]
    fn the_summary_keeps_the_last_sessions_and_stops_by_stretch_in_any_order() {
        let mut rs = daily(&[5, 5, 5, 5, 5]);
        rs[0].hurt = vec![stop("cat-cow")];
        rs[2].hurt = vec![stop("knee-to-chest"), stop("childs-pose")];
        rs[4].hurt = vec![stop("knee-to-chest")];
        // Lines are written when sessions end: the file need not be in start order.
        let mut shuffled = rs.clone();
        shuffled.swap(0, 4);
        shuffled.swap(1, 3);
        let s = Summary::of(&shuffled);
        assert_eq!(s.recent_hurts(), recent_hurts(&rs));
        assert_eq!(
            s.stops_by_stretch(),
            vec![
                ("knee-to-chest".to_string(), 2),
                ("cat-cow".to_string(), 1),
                ("childs-pose".to_string(), 1)
            ]
        );
        assert_eq!(s.sessions, 5);
        assert_eq!(s.trend(), trend(&rs));
    }

    #[test]
    fn a_scan_replays_in_start_order_a_line_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HISTORY_FILE);
        // Written as sessions ended: the second one started first.
        for start in [
            "2026-11-21T08:00:00+00:00",
            "2026-11-20T23:00:00-05:00",
            "2026-11-22T08:00:00+00:00",
        ] {
            append(&path, &record(start, Some(5), None)).unwrap();
        }
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"not a session\n").unwrap();
        drop(f);
        let mut seen = 0;
        let read = scan(&path, None, |_| seen += 1).unwrap();
        assert_eq!((seen, read.len(), read.bad.len()), (3, 3, 1));
        let mut starts = Vec::new();
        read.replay(&path, |r| {
            starts.push(r.start);
            Ok(())
        })
        .unwrap();
        assert_eq!(
            starts,
            vec![
                "2026-11-20T23:00:00-05:00",
                "2026-11-21T08:00:00+00:00",
                "2026-11-22T08:00:00+00:00"
            ]
        );
        // A history that is not a file is an error, not an empty history.
        let d = dir.path().join("d");
        fs::create_dir(&d).unwrap();
        assert!(scan(&d, None, |_| {}).is_err());
    }

    #[test]
    fn the_past_read_in_the_background_ends_where_the_file_ended_at_the_start() {
        // A session this run appends while the past is still being read is this run's,
        // counted once: not read back in as the past as well.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HISTORY_FILE);
        for start in ["2026-11-21T08:00:00+00:00", "2026-11-22T08:00:00+00:00"] {
            append(&path, &record(start, Some(5), None)).unwrap();
        }
        let at_start = fs::metadata(&path).unwrap().len();
        append(&path, &record("2026-11-23T08:00:00+00:00", Some(4), None)).unwrap();
        let past = Loaded::read_upto(&path, None, at_start);
        assert_eq!(past.summary.sessions, 2);
        assert!(past.problems.is_empty(), "{:?}", past.problems);
        assert_eq!(Loaded::read(&path, None).summary.sessions, 3);
        // A line cut at the limit (being written) is not read.
        assert_eq!(
            Loaded::read_upto(&path, None, at_start + 10)
                .summary
                .sessions,
            2
        );
    }
}
