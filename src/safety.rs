//! The safety record: every checklist answer ever given, in the order given, and the one
//! safety state derived from it.
//!
//! An answer is kept the moment it is given, whether or not its list is ever finished. A
//! yes stands until a later, complete list is answered without it: the date, the wall
//! clock and the time zone play no part in that (only the order of the record does). The
//! daily offer of the checklist may use local dates; the block may not.

use crate::content::Urgency;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The log that older answers move to, so the state file stays small. Appended to, never
/// rewritten.
pub const ANSWERS_LOG: &str = "answers.jsonl";

/// The state file keeps at most this many answers; past it, the oldest move to the log
/// until `KEEP` are left.
pub const MAX_KEPT: usize = 400;
pub const KEEP: usize = 200;

/// The result of one whole run through the checklist.
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

    pub fn urgency(self) -> Option<Urgency> {
        match self {
            CheckResult::None => None,
            CheckResult::Soon => Some(Urgency::Soon),
            CheckResult::Today => Some(Urgency::Today),
            CheckResult::Emergency => Some(Urgency::Emergency),
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

/// A sign answered yes, with its level when it was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Yes {
    pub sign: String,
    pub level: Urgency,
}

/// One thing in the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum What {
    /// One question answered, with the words the person was shown.
    Answer {
        sign: String,
        level: Urgency,
        question: String,
        yes: bool,
    },
    /// The whole list answered (or, when `quick`, "none of these apply" confirmed without
    /// going through it). `yes` is every sign answered yes in the end.
    Complete {
        result: CheckResult,
        #[serde(default)]
        yes: Vec<Yes>,
        #[serde(default)]
        quick: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The place in the record, given when the entry is first saved (under the state
    /// file's lock, after taking in what is on disk), so two copies never give the same
    /// number. 0 until saved.
    #[serde(default)]
    pub seq: u64,
    /// The run through the list this belongs to.
    pub check: String,
    /// Local date, YYYY-MM-DD, when given.
    pub date: String,
    /// Local time with offset, RFC 3339, when given.
    pub at: String,
    #[serde(flatten)]
    pub what: What,
}

/// A yes that still stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    pub sign: String,
    pub level: Urgency,
    /// Local time it was (last) given.
    pub at: String,
}

/// The latest complete list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completed {
    pub date: String,
    pub at: String,
    pub result: CheckResult,
    #[serde(default)]
    pub quick: bool,
}

/// The safety state: what every answer so far adds up to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Safety {
    /// Yes answers not followed by a complete list without them, in the order given.
    #[serde(default)]
    pub standing: Vec<Standing>,
    #[serde(default)]
    pub last_complete: Option<Completed>,
}

impl Safety {
    /// The most urgent standing yes.
    pub fn level(&self) -> Option<Urgency> {
        self.standing.iter().map(|s| s.level).min()
    }

    /// The state in the words every screen uses, on this local date (the date matters
    /// only for "checked today" or not; a standing yes is the same on any date).
    pub fn status_on(&self, date: &str) -> Status {
        match self.level() {
            Some(Urgency::Emergency) => Status::Emergency,
            Some(Urgency::Today) => Status::Today,
            Some(Urgency::Soon) => Status::Soon,
            None if self.checked_on(date) => Status::Clear,
            None => Status::Unchecked,
        }
    }

    /// Whether a whole list was answered on this local date (for the daily offer only).
    pub fn checked_on(&self, date: &str) -> bool {
        self.last_complete.as_ref().is_some_and(|c| c.date == date)
    }

    /// Takes in one entry, in record order.
    pub fn apply(&mut self, e: &Entry) {
        match &e.what {
            What::Answer {
                sign, level, yes, ..
            } => {
                if *yes {
                    self.standing.retain(|s| &s.sign != sign);
                    self.standing.push(Standing {
                        sign: sign.clone(),
                        level: *level,
                        at: e.at.clone(),
                    });
                }
            }
            What::Complete { result, yes, quick } => {
                // A quick "none of these apply" lifts nothing (it is only offered when no
                // yes stands); a whole list sets what stands to its own yes answers.
                if !quick {
                    let mut now: Vec<Standing> = Vec::with_capacity(yes.len());
                    for y in yes {
                        let at = self
                            .standing
                            .iter()
                            .find(|s| s.sign == y.sign)
                            .map_or_else(|| e.at.clone(), |s| s.at.clone());
                        now.push(Standing {
                            sign: y.sign.clone(),
                            level: y.level,
                            at,
                        });
                    }
                    self.standing = now;
                }
                self.last_complete = Some(Completed {
                    date: e.date.clone(),
                    at: e.at.clone(),
                    result: *result,
                    quick: *quick,
                });
            }
        }
    }
}

/// The safety state as every screen names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// An emergency yes stands: no session.
    Emergency,
    /// A today yes stands: a session only after an explicit "start anyway".
    Today,
    /// A soon yes stands: gentle stretching is fine meanwhile.
    Soon,
    /// The whole list was answered today with no yes.
    Clear,
    /// No yes stands, and the list has not been answered today.
    Unchecked,
}

impl Status {
    pub fn words(self) -> &'static str {
        match self {
            Status::Emergency => "Emergency sign today: get help now",
            Status::Today => "See a doctor today",
            Status::Soon => "Book a doctor's appointment",
            Status::Clear => "No warning signs today",
            Status::Unchecked => "Not checked today",
        }
    }

    /// For narrow screens.
    pub fn short(self) -> &'static str {
        match self {
            Status::Emergency => "EMERGENCY: get help now",
            Status::Soon => "Book a doctor",
            s => s.words(),
        }
    }

    pub fn urgency(self) -> Option<Urgency> {
        match self {
            Status::Emergency => Some(Urgency::Emergency),
            Status::Today => Some(Urgency::Today),
            Status::Soon => Some(Urgency::Soon),
            Status::Clear | Status::Unchecked => None,
        }
    }
}

/// Every answer, as kept in the state file: the recent entries, and what the entries
/// moved to the log add up to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The safety state of every entry moved to the log.
    #[serde(default)]
    pub base: Safety,
    /// The highest `seq` moved to the log (0: none).
    #[serde(default)]
    pub base_seq: u64,
    /// Entries not yet moved to the log, in record order; unsaved ones (seq 0) last.
    #[serde(default)]
    pub entries: Vec<Entry>,
}

impl Record {
    /// The safety state of the whole record.
    pub fn safety(&self) -> Safety {
        let mut s = self.base.clone();
        for e in &self.entries {
            s.apply(e);
        }
        s
    }

    pub fn push(&mut self, e: Entry) {
        self.entries.push(e);
    }

    fn max_seq(&self) -> u64 {
        self.entries
            .iter()
            .map(|e| e.seq)
            .max()
            .unwrap_or(0)
            .max(self.base_seq)
    }

    /// Takes in what another copy saved (normally what is on disk): every entry of both,
    /// once each. Entries this copy has not saved yet (seq 0) come after all of them, in
    /// the order given. Linear in the number of entries.
    pub fn merge(&mut self, disk: Record) {
        let mine = std::mem::take(&mut self.entries);
        let (base, base_seq) = if disk.base_seq >= self.base_seq {
            (disk.base, disk.base_seq)
        } else {
            (std::mem::take(&mut self.base), self.base_seq)
        };
        let mut by_seq: HashMap<u64, usize> = HashMap::with_capacity(disk.entries.len());
        for (i, e) in disk.entries.iter().enumerate() {
            by_seq.insert(e.seq, i);
        }
        let mut out = disk.entries;
        let mut extra_saved = Vec::new();
        let mut unsaved = Vec::new();
        for e in mine {
            if e.seq == 0 {
                unsaved.push(e);
            } else if e.seq <= base_seq {
                // Already in the log.
            } else {
                match by_seq.get(&e.seq) {
                    Some(&i) if out[i] == e => {}
                    // Not on disk (the file was replaced), or its number was taken by
                    // another entry: keep it, as new.
                    Some(_) => {
                        let mut e = e;
                        e.seq = 0;
                        unsaved.insert(0, e);
                    }
                    None => extra_saved.push(e),
                }
            }
        }
        out.retain(|e| e.seq > base_seq);
        if !extra_saved.is_empty() {
            out.extend(extra_saved);
            out.sort_by_key(|e| e.seq);
        }
        out.extend(unsaved);
        self.base = base;
        self.base_seq = base_seq;
        self.entries = out;
    }

    /// Numbers the entries not yet saved, after every saved one.
    pub fn number(&mut self) {
        let mut next = self.max_seq();
        for e in &mut self.entries {
            if e.seq == 0 {
                next += 1;
                e.seq = next;
            }
        }
    }

    /// When more than `MAX_KEPT` entries are kept, the oldest move out (to the log) until
    /// `KEEP` are left, and the base takes them in. Returns the entries to append to the
    /// log, which must be written before the state file.
    pub fn archive(&mut self, max: usize, keep: usize) -> Vec<Entry> {
        if self.entries.len() <= max {
            return Vec::new();
        }
        let n = self.entries.len() - keep;
        let moved: Vec<Entry> = self.entries.drain(..n).collect();
        for e in &moved {
            self.base.apply(e);
            self.base_seq = self.base_seq.max(e.seq);
        }
        moved
    }
}

/// Every entry ever given, once each, in record order: the log's, then the state file's.
/// (An interrupted move may have left an entry in both.)
pub fn all_entries(log: Vec<Entry>, record: &Record) -> Vec<Entry> {
    let mut seen = std::collections::HashSet::with_capacity(log.len());
    let mut out = Vec::with_capacity(log.len() + record.entries.len());
    for e in log.into_iter().chain(record.entries.iter().cloned()) {
        if e.seq == 0 || seen.insert(e.seq) {
            out.push(e);
        }
    }
    out.sort_by_key(|e| if e.seq == 0 { u64::MAX } else { e.seq });
    out
}

/// A checklist result in the first state file format: one record per whole list, by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyCheck {
    pub date: String,
    pub at: String,
    pub result: CheckResult,
    #[serde(default)]
    pub yes: Vec<String>,
    #[serde(default)]
    pub quick: bool,
}

/// The first format's results as entries, numbered from 1 in their order: a complete
/// list each (its yes signs taken at the list's level, the most urgent it had).
pub fn from_legacy(checks: &[LegacyCheck]) -> Vec<Entry> {
    checks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let level = c.result.urgency().unwrap_or(Urgency::Soon);
            Entry {
                seq: i as u64 + 1,
                check: format!("legacy-{}", i + 1),
                date: c.date.clone(),
                at: c.at.clone(),
                what: What::Complete {
                    result: c.result,
                    yes: c
                        .yes
                        .iter()
                        .map(|s| Yes {
                            sign: s.clone(),
                            level,
                        })
                        .collect(),
                    quick: c.quick,
                },
            }
        })
        .collect()
}

/// A name for a new run through the list, unique across copies of backstretch.
pub fn new_check_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{nanos:x}-{:x}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn answer(check: &str, sign: &str, level: Urgency, yes: bool) -> Entry {
        Entry {
            seq: 0,
            check: check.into(),
            date: "2026-11-24".into(),
            at: "2026-11-24T09:00:00+00:00".into(),
            what: What::Answer {
                sign: sign.into(),
                level,
                question: format!("{sign}?"),
                yes,
            },
        }
    }

    pub fn complete(check: &str, yes: &[(&str, Urgency)]) -> Entry {
        let yes: Vec<Yes> = yes
            .iter()
            .map(|(s, l)| Yes {
                sign: s.to_string(),
                level: *l,
            })
            .collect();
        Entry {
            seq: 0,
            check: check.into(),
            date: "2026-11-24".into(),
            at: "2026-11-24T09:00:00+00:00".into(),
            what: What::Complete {
                result: CheckResult::from_urgency(yes.iter().map(|y| y.level).min()),
                yes,
                quick: false,
            },
        }
    }

    #[test]
    fn a_yes_kept_in_a_whole_list_stands_since_it_was_first_given() {
        let mut r = Record::default();
        let at = |mut e: Entry, t: &str| {
            e.at = format!("2026-11-24T{t}:00+00:00");
            e
        };
        r.push(at(answer("a", "fever", Urgency::Today, true), "07:00"));
        r.push(at(answer("a", "weight", Urgency::Soon, true), "07:05"));
        // The whole list later: both still yes, and one more.
        let yes = [
            ("fever", Urgency::Today),
            ("weight", Urgency::Soon),
            ("night", Urgency::Soon),
        ];
        r.push(at(complete("a", &yes), "09:00"));
        let s = r.safety();
        let since: Vec<(&str, &str)> = s
            .standing
            .iter()
            .map(|x| (x.sign.as_str(), &x.at[11..16]))
            .collect();
        assert_eq!(
            since,
            vec![("fever", "07:00"), ("weight", "07:05"), ("night", "09:00")]
        );
    }

    /// Entries numbered `seqs`, each a distinct answer.
    fn numbered(seqs: std::ops::RangeInclusive<u64>) -> Vec<Entry> {
        seqs.map(|n| {
            let mut e = answer("a", &format!("sign-{n}"), Urgency::Soon, n % 2 == 0);
            e.seq = n;
            e
        })
        .collect()
    }

    #[test]
    fn merging_drops_what_either_side_moved_to_the_log_and_keeps_the_rest() {
        // This copy moved 1..=5 to the log; the file on disk is older and still has them.
        let mut mine = Record {
            base_seq: 5,
            entries: numbered(6..=7),
            ..Record::default()
        };
        let disk = Record {
            entries: numbered(1..=7),
            ..Record::default()
        };
        mine.merge(disk);
        let seqs: Vec<u64> = mine.entries.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![6, 7], "an entry already in the log came back");
        assert_eq!(mine.base_seq, 5);
    }

    #[test]
    fn merging_keeps_saved_entries_missing_from_a_replaced_file() {
        // The file was replaced by one that lacks 3 and 4, which this copy had saved.
        let mut mine = Record {
            entries: numbered(1..=4),
            ..Record::default()
        };
        let disk = Record {
            entries: numbered(1..=2),
            ..Record::default()
        };
        mine.merge(disk);
        let seqs: Vec<u64> = mine.entries.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![1, 2, 3, 4]);
    }

    #[test]
    fn every_entry_once_legacy_numbers_and_fresh_list_ids() {
        // An interrupted move left 2 in both the log and the state file; unsaved entries
        // (seq 0) are all kept, after the saved ones.
        let mut record = Record {
            entries: numbered(2..=3),
            ..Record::default()
        };
        record.push(answer("b", "x", Urgency::Soon, true));
        record.push(answer("b", "y", Urgency::Soon, false));
        let all = all_entries(numbered(1..=2), &record);
        let seqs: Vec<u64> = all.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![1, 2, 3, 0, 0]);
        // The first format's lists, numbered from 1.
        let legacy = |date: &str| LegacyCheck {
            date: date.into(),
            at: format!("{date}T08:00:00+00:00"),
            result: CheckResult::None,
            yes: vec![],
            quick: false,
        };
        let old = from_legacy(&[legacy("2026-11-20"), legacy("2026-11-21")]);
        let ids: Vec<(u64, &str)> = old.iter().map(|e| (e.seq, e.check.as_str())).collect();
        assert_eq!(ids, vec![(1, "legacy-1"), (2, "legacy-2")]);
        // Each run through the list has a name of its own.
        let (a, b) = (new_check_id(), new_check_id());
        assert!(!a.is_empty() && a != b, "{a} {b}");
    }

    #[test]
    fn a_yes_stands_until_a_complete_list_without_it() {
        let mut r = Record::default();
        r.push(answer("a", "bladder", Urgency::Emergency, true));
        assert_eq!(r.safety().level(), Some(Urgency::Emergency));
        // Corrected to no in a list left unfinished: it still stands.
        r.push(answer("b", "bladder", Urgency::Emergency, false));
        assert_eq!(r.safety().level(), Some(Urgency::Emergency));
        // A quick "none" lifts nothing.
        let mut quick = complete("q", &[]);
        quick.what = What::Complete {
            result: CheckResult::None,
            yes: vec![],
            quick: true,
        };
        r.push(quick);
        assert_eq!(r.safety().level(), Some(Urgency::Emergency));
        // A whole list with another yes: that one stands instead.
        r.push(complete("c", &[("fever", Urgency::Today)]));
        let s = r.safety();
        assert_eq!(s.level(), Some(Urgency::Today));
        let signs: Vec<&str> = s.standing.iter().map(|s| s.sign.as_str()).collect();
        assert_eq!(signs, vec!["fever"]);
        r.push(complete("d", &[]));
        assert_eq!(r.safety().level(), None);
        assert!(r.safety().checked_on("2026-11-24"));
        assert!(!r.safety().checked_on("2026-11-25"));
    }

    #[test]
    fn merging_keeps_every_entry_once_and_numbers_new_ones_after() {
        let mut disk = Record::default();
        disk.push(answer("a", "fever", Urgency::Today, true));
        disk.number();
        let mut mine = disk.clone();
        // Another copy saves an emergency yes meanwhile.
        disk.push(answer("b", "bowel", Urgency::Emergency, true));
        disk.number();
        // This copy gives an answer and saves.
        mine.push(complete("c", &[]));
        mine.merge(disk.clone());
        mine.number();
        assert_eq!(mine.entries.len(), 3);
        let seqs: Vec<u64> = mine.entries.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![1, 2, 3]);
        // The complete list came after both yes answers: nothing stands.
        assert_eq!(mine.safety().level(), None);
        // Merging again changes nothing.
        let before = mine.clone();
        mine.merge(before.clone());
        assert_eq!(mine, before);
    }

    #[test]
    fn a_replaced_file_loses_nothing_of_this_copy() {
        let mut mine = Record::default();
        mine.push(answer("a", "bowel", Urgency::Emergency, true));
        mine.number();
        // The file now holds another copy's entry with the same number.
        let mut other = Record::default();
        other.push(answer("z", "fever", Urgency::Today, true));
        other.number();
        mine.merge(other);
        mine.number();
        assert_eq!(mine.entries.len(), 2);
        assert_eq!(mine.safety().level(), Some(Urgency::Emergency));
    }

    #[test]
    fn archiving_keeps_the_same_safety_and_every_entry() {
        let mut r = Record::default();
        r.push(answer("a", "bowel", Urgency::Emergency, true));
        for i in 0..50 {
            r.push(answer(
                &format!("c{i}"),
                "fever",
                Urgency::Today,
                i % 2 == 0,
            ));
        }
        r.number();
        let whole = r.safety();
        let moved = r.archive(40, 10);
        assert_eq!(moved.len(), 41);
        assert_eq!(r.entries.len(), 10);
        assert_eq!(r.safety(), whole);
        let all = all_entries(moved.clone(), &r);
        assert_eq!(all.len(), 51);
        // An interrupted move (entries in both) still gives each once.
        let mut twice = moved.clone();
        twice.extend(r.entries.iter().cloned());
        assert_eq!(all_entries(twice, &r).len(), 51);
        // A save from a copy that had not archived yet keeps the archived base.
        let mut stale = Record {
            entries: moved,
            ..Record::default()
        };
        stale.entries.extend(r.entries.iter().cloned());
        stale.merge(r.clone());
        assert_eq!(stale.entries.len(), 10);
        assert_eq!(stale.safety(), whole);
    }

    #[test]
    fn legacy_results_become_complete_lists() {
        let old = vec![
            LegacyCheck {
                date: "2026-11-23".into(),
                at: "2026-11-23T08:00:00+00:00".into(),
                result: CheckResult::Emergency,
                yes: vec!["bowel".into()],
                quick: false,
            },
            LegacyCheck {
                date: "2026-11-24".into(),
                at: "2026-11-24T08:00:00+00:00".into(),
                result: CheckResult::None,
                yes: vec![],
                quick: true,
            },
        ];
        let mut r = Record::default();
        for e in from_legacy(&old) {
            r.push(e);
        }
        // The quick "none" of the second day does not lift the first day's emergency.
        assert_eq!(r.safety().level(), Some(Urgency::Emergency));
        assert!(r.safety().checked_on("2026-11-24"));
    }
}

/// The safety state as the app keeps it: every way out of the checklist, restarts, new
/// days, time zones and clock jumps.
#[cfg(test)]
mod app_tests {
    use super::*;
    use crate::app::tests::{answer_all, app, cleared_app};
    use crate::app::{App, Effect, Gate, Overlay, Screen, Status, Wall};
    use crate::content::Content;
    use crate::keys::Key;
    use crate::testutil::StepLimit;
    use proptest::prelude::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::time::Instant;

    /// A wall clock the test can move.
    fn movable(app: App, wall: Rc<RefCell<Wall>>) -> App {
        let w = wall.clone();
        let mut a = App::new(app.content, app.state, Box::new(move || w.borrow().clone()));
        a.settings.checkins = false;
        a
    }

    fn wall(date: &str, time: &str) -> Rc<RefCell<Wall>> {
        Rc::new(RefCell::new(Wall {
            date: date.into(),
            at: format!("{date}T{time}"),
        }))
    }

    /// The app after a restart: the state as saved (numbered, through JSON) and read back.
    fn restart(a: &App, w: &Rc<RefCell<Wall>>) -> App {
        let mut state = a.state.clone();
        state.safety.number();
        let text = serde_json::to_string(&state).unwrap();
        let state: crate::store::State = serde_json::from_str(&text).unwrap();
        let w2 = w.clone();
        let mut b = App::new(
            Content::embedded(),
            state,
            Box::new(move || w2.borrow().clone()),
        );
        b.settings.checkins = false;
        b
    }

    fn first_yes_then(key: Key) -> App {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Offer)));
        a.on_key(Key::Char('c'), t);
        // The first question (numbness between the legs): yes, saved at once.
        a.on_key(Key::Char('y'), t);
        assert!(a.effects.contains(&Effect::SaveState));
        assert_eq!(a.state.safety.entries.len(), 1);
        a.on_key(key, t);
        a
    }

    #[test]
    fn yes_then_esc_then_y_starts_nothing() {
        let t = Instant::now();
        for key in [Key::Esc, Key::Char('q')] {
            let mut a = first_yes_then(key);
            // Back at the gate: it now blocks, and y does not get past it.
            assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)), "{key:?}");
            a.on_key(Key::Char('y'), t);
            assert_ne!(a.screen, Screen::Session);
            a.on_key(Key::Esc, t);
            a.on_key(Key::Enter, t);
            assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
            assert_eq!(a.status(), Status::Emergency);
        }
    }

    #[test]
    fn ctrl_c_and_the_end_of_input_keep_the_yes() {
        // Ctrl-C (and SIGTERM, SIGHUP, the end of input, which the runner turns into it)
        // quits with the answer already in the state to be saved.
        let a = first_yes_then(Key::CtrlC);
        assert!(a.quit);
        assert!(a.effects.contains(&Effect::SaveState));
        let w = wall("2026-11-24", "09:30:00+00:00");
        let mut b = restart(&a, &w);
        b.on_key(Key::Enter, Instant::now());
        assert_eq!(b.top(), Some(Overlay::Gate(Gate::Blocked)));
    }

    #[test]
    fn bang_on_a_day_already_checked_then_leaving_keeps_the_yes() {
        let t = Instant::now();
        let mut a = cleared_app();
        assert_eq!(a.status(), Status::Clear);
        a.on_key(Key::Char('!'), t);
        a.on_key(Key::Char('y'), t);
        // ! again does not close the list; Esc does.
        a.on_key(Key::Char('!'), t);
        assert_eq!(a.top(), Some(Overlay::Checklist));
        a.on_key(Key::Esc, t);
        assert_eq!(a.status(), Status::Emergency);
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
    }

    #[test]
    fn a_mistaken_yes_is_corrected_only_by_a_whole_list_and_both_answers_stay() {
        let t = Instant::now();
        let mut a = first_yes_then(Key::Esc);
        // c from the block: the list again. Answering that question no and leaving
        // early does not lift it.
        a.on_key(Key::Char('c'), t);
        a.on_key(Key::Char('n'), t);
        a.on_key(Key::Esc, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
        a.on_key(Key::Char('c'), t);
        answer_all(&mut a, &[], t);
        assert_eq!(a.status(), Status::Clear);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session);
        let answers: Vec<bool> = a
            .state
            .safety
            .entries
            .iter()
            .filter_map(|e| match &e.what {
                What::Answer { sign, yes, .. } if sign == "saddle-numbness" => Some(*yes),
                _ => None,
            })
            .collect();
        assert_eq!(answers, vec![true, false, false]);
    }

    #[test]
    fn a_today_yes_in_an_unfinished_list_needs_start_anyway() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('!'), t);
        let order = a.checklist.order.clone();
        let fever = a
            .content
            .red_flags
            .signs
            .iter()
            .position(|s| s.id == "fever")
            .unwrap();
        let mut limit = StepLimit::new(order.len(), "the fever question");
        while a.checklist.current() != fever {
            limit.step();
            a.on_key(Key::Char('n'), t);
        }
        a.on_key(Key::Char('y'), t);
        a.on_key(Key::Esc, t);
        assert_eq!(a.status(), Status::Today);
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::ConfirmToday)));
        a.on_key(Key::Char('y'), t);
        assert_eq!(a.screen, Screen::Session);
        assert!(order.len() > 1);
    }

    #[test]
    fn an_emergency_yes_during_a_hold_ends_the_session_at_once() {
        let t = Instant::now();
        let mut a = cleared_app();
        a.on_key(Key::Enter, t);
        a.on_key(Key::Char('n'), t);
        a.on_key(Key::Char('!'), t);
        a.on_key(Key::Char('y'), t);
        assert_eq!(a.screen, Screen::Summary);
        assert!(a.checklist.result.is_none(), "the rest is optional");
        // Enter: what to do, at once.
        a.on_key(Key::Enter, t);
        assert!(!a.checklist.result.as_ref().unwrap().complete);
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), None);
        assert_eq!(a.status(), Status::Emergency);
        assert_eq!(a.history.len(), 1);
    }

    #[test]
    fn no_date_clock_or_time_zone_lifts_a_block() {
        let t = Instant::now();
        let w = wall("2026-11-24", "23:50:00+01:00");
        let mut a = movable(app(), w.clone());
        a.on_key(Key::Char('!'), t);
        a.on_key(Key::Char('y'), t);
        a.on_key(Key::Esc, t);
        // Another time zone a second later: another local date.
        *w.borrow_mut() = wall("2026-11-24", "17:50:01-05:00").borrow().clone();
        let mut b = restart(&a, &w);
        b.on_key(Key::Enter, t);
        assert_eq!(b.top(), Some(Overlay::Gate(Gate::Blocked)));
        // Days later, and a clock set back a year.
        for (d, tm) in [
            ("2026-12-09", "08:00:00+00:00"),
            ("2025-11-01", "08:00:00+00:00"),
        ] {
            *w.borrow_mut() = wall(d, tm).borrow().clone();
            let mut c = restart(&a, &w);
            assert_eq!(c.status(), Status::Emergency, "{d}");
            c.on_key(Key::Enter, t);
            assert_eq!(c.top(), Some(Overlay::Gate(Gate::Blocked)), "{d}");
        }
    }

    #[test]
    fn a_soon_yes_from_before_offers_the_list_not_none_apply() {
        let t = Instant::now();
        let w = wall("2026-11-24", "09:00:00+00:00");
        let mut a = movable(app(), w.clone());
        a.on_key(Key::Char('!'), t);
        answer_all(&mut a, &["not-improving"], t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.status(), Status::Soon);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session, "soon: gentle stretching is fine");
        *w.borrow_mut() = wall("2026-11-25", "09:00:00+00:00").borrow().clone();
        let mut b = restart(&a, &w);
        b.on_key(Key::Enter, t);
        assert_eq!(b.top(), Some(Overlay::Gate(Gate::Offer)));
        b.on_key(Key::Char('y'), t);
        assert_ne!(
            b.screen,
            Screen::Session,
            "no quick 'none' while a yes stands"
        );
        assert!(b.message.is_some());
    }

    #[derive(Debug, Clone)]
    enum Op {
        Open,
        Yes,
        No,
        Leave,
        FinishNo,
        Restart,
        NextDay,
        TimeZone,
        ClockBack,
        Start,
        QuickNone,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            2 => Just(Op::Open),
            4 => Just(Op::Yes),
            4 => Just(Op::No),
            2 => Just(Op::Leave),
            1 => Just(Op::FinishNo),
            1 => Just(Op::Restart),
            1 => Just(Op::NextDay),
            1 => Just(Op::TimeZone),
            1 => Just(Op::ClockBack),
            2 => Just(Op::Start),
            2 => Just(Op::QuickNone),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Whatever happens, the gate is never below the most urgent yes not corrected by
        /// a complete list given after it.
        #[test]
        fn the_gate_never_falls_below_a_standing_yes(ops in proptest::collection::vec(op(), 1..60)) {
            let t = Instant::now();
            let w = wall("2026-11-24", "09:00:00+00:00");
            let mut a = movable(app(), w.clone());
            let mut day = 24u32;
            // The oracle: signs answered yes since the last complete list, with levels.
            let mut standing: std::collections::HashMap<String, Urgency> = Default::default();
            for op in ops {
                match op {
                    Op::Open => { a.on_key(Key::Char('!'), t); }
                    Op::Yes | Op::No if a.top() == Some(Overlay::Checklist) && a.checklist.result.is_none() => {
                        let sign = a.content.red_flags.signs[a.checklist.current()].clone();
                        let yes = matches!(op, Op::Yes);
                        a.on_key(Key::Char(if yes { 'y' } else { 'n' }), t);
                        if yes {
                            standing.insert(sign.id.clone(), sign.urgency);
                        }
                        if let Some(o) = &a.checklist.result && o.complete {
                            standing = o.all_yes.iter().map(|&i| {
                                let s = &a.content.red_flags.signs[i];
                                (s.id.clone(), s.urgency)
                            }).collect();
                        }
                    }
                    Op::Yes | Op::No => { a.on_key(Key::Char(if matches!(op, Op::Yes) { 'y' } else { 'n' }), t); }
                    Op::Leave => { a.on_key(Key::Esc, t); }
                    Op::FinishNo => {
                        if a.top() == Some(Overlay::Checklist) && a.checklist.result.is_none() {
                            let n = a.checklist.order.len();
                            let mut limit = StepLimit::new(2 * n, "the checklist to give its result");
                            while a.checklist.result.is_none() {
                                limit.step();
                                a.on_key(Key::Char('n'), t);
                            }
                            let o = a.checklist.result.clone().unwrap();
                            if o.complete {
                                standing = o.all_yes.iter().map(|&i| {
                                    let s = &a.content.red_flags.signs[i];
                                    (s.id.clone(), s.urgency)
                                }).collect();
                            }
                        }
                    }
                    Op::Restart => { a = restart(&a, &w); }
                    Op::NextDay => {
                        day += 1;
                        let d = format!("2026-12-{:02}", day % 28 + 1);
                        *w.borrow_mut() = wall(&d, "09:00:00+00:00").borrow().clone();
                    }
                    Op::TimeZone => {
                        let d = w.borrow().date.clone();
                        *w.borrow_mut() = wall(&d, "02:00:00-11:00").borrow().clone();
                    }
                    Op::ClockBack => {
                        *w.borrow_mut() = wall("2025-01-01", "00:00:00+14:00").borrow().clone();
                    }
                    Op::Start => {
                        a.on_key(Key::Char('q'), t);
                        a.on_key(Key::Char('y'), t);
                        a.on_key(Key::Enter, t);
                        a.overlays.retain(|o| *o != Overlay::Help);
                    }
                    Op::QuickNone => {
                        if matches!(a.top(), Some(Overlay::Gate(_))) {
                            a.on_key(Key::Char('y'), t);
                        }
                    }
                }
                let worst = standing.values().copied().min();
                let level = a.safety().level();
                prop_assert!(level.is_some() || worst.is_none(), "{level:?} below {worst:?}");
                if let (Some(l), Some(w)) = (level, worst) {
                    prop_assert!(l <= w, "{l:?} below {w:?}");
                }
                match worst {
                    Some(Urgency::Emergency) => {
                        prop_assert_eq!(a.gate(), Some(Gate::Blocked));
                        prop_assert_ne!(
                            a.screen == Screen::Session
                                && a.session.as_ref().is_some_and(|s| !s.is_finished()),
                            true,
                            "a session runs while an emergency yes stands"
                        );
                    }
                    Some(Urgency::Today) => prop_assert_eq!(a.gate(), Some(Gate::ConfirmToday)),
                    _ => {}
                }
            }
        }
    }
}
