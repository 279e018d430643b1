//! `status`: where you stand, in one line for a shell prompt or a tmux status bar. It only
//! reads, and reads the history from its end, so it stays fast however long the history.

use crate::content::{Content, Urgency};
use crate::store::State;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// The checklist's standing answer for today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Emergency,
    Today,
    Soon,
    None,
    Unchecked,
    /// The checklist answers could not be read (a damaged state file): a yes may stand
    /// unseen.
    Unknown,
}

impl Standing {
    /// The exit code, as `flags --check` gives for the same answer: 5, 4, 3, else 0.
    pub fn exit_code(self) -> u8 {
        match self {
            Standing::Emergency => 5,
            Standing::Today => 4,
            Standing::Soon => 3,
            Standing::None | Standing::Unchecked => 0,
            // Something failed: not a level, but not "all clear" either.
            Standing::Unknown => 1,
        }
    }
}

/// The one place `status` learns the checklist's standing answer: the safety state the
/// screens show (a yes stands until a whole list is answered without it, whatever the
/// date), else whether the list was answered today.
pub fn standing(state: &State, today: &str) -> Standing {
    use crate::safety::Status;
    match state.safety.safety().status_on(today) {
        Status::Emergency => Standing::Emergency,
        Status::Today => Standing::Today,
        Status::Soon => Standing::Soon,
        Status::Clear => Standing::None,
        Status::Unchecked => Standing::Unchecked,
    }
}

/// Everything `status` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The day of recovery (day 1 is the day the spasm began), if its start is known.
    pub day: Option<i64>,
    pub sessions_today: usize,
    /// When the latest session started, RFC 3339.
    pub last_session: Option<String>,
    pub checklist: Standing,
}

/// What the end of the history says: today's sessions and the latest start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recent {
    pub sessions_today: usize,
    pub last_session: Option<String>,
}

/// Lines older than yesterday in a row after which reading stops. Lines are appended as
/// sessions end, so older ones come first; the margin allows for a few out of order.
const OLD_LINES_TO_STOP: usize = 32;
const BLOCK: usize = 64 * 1024;
/// A line longer than this is not a session's (they are well under 10 KiB): it is passed
/// over, so a damaged file cannot make `status` hold it all in memory.
const MAX_LINE: usize = 1024 * 1024;

#[derive(Deserialize)]
struct Head {
    start: String,
}

/// Reads the history from its end: today's sessions (by the local date of their start, as
/// everywhere else) and the latest start. Lines that cannot be read are passed over.
pub fn recent(path: &Path, today: &str) -> io::Result<Recent> {
    // Anything but a regular file is refused: opening a fifo would block.
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "it is not a regular file",
        ));
    }
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Recent::default()),
        Err(e) => return Err(e),
    };
    let yesterday = today
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.yesterday().ok())
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut out = Recent::default();
    let mut latest: Option<jiff::Timestamp> = None;
    let mut old_in_a_row = 0;
    let mut pos = f.seek(SeekFrom::End(0))?;
    // The bytes after `pos` not yet split into lines (a line's start is still before).
    let mut tail: Vec<u8> = Vec::new();
    let mut line_done = |line: &[u8], out: &mut Recent| -> bool {
        let Ok(head) = serde_json::from_slice::<Head>(line) else {
            return false;
        };
        let Ok(ts) = head.start.parse::<jiff::Timestamp>() else {
            return false;
        };
        let date = head.start.get(..10).unwrap_or("");
        if date == today {
            out.sessions_today += 1;
        }
        if latest.is_none_or(|l| ts > l) {
            latest = Some(ts);
            out.last_session = Some(head.start.clone());
        }
        if date < yesterday.as_str() {
            old_in_a_row += 1;
        } else {
            old_in_a_row = 0;
        }
        old_in_a_row >= OLD_LINES_TO_STOP
    };
    // Inside a line too long to be a session's: passed over without keeping it whole.
    let mut skipping = false;
    while pos > 0 {
        let n = (pos as usize).min(BLOCK);
        pos -= n as u64;
        f.seek(SeekFrom::Start(pos))?;
        let mut block = vec![0u8; n];
        f.read_exact(&mut block)?;
        // Every line that ends in this block and starts in it; the first piece may begin
        // before it, so it waits for the next block unless this is the start of the file.
        let mut end = if skipping {
            match block.iter().rposition(|&b| b == b'\n') {
                Some(nl) => {
                    skipping = false;
                    nl
                }
                None => continue,
            }
        } else {
            block.extend_from_slice(&tail);
            block.len()
        };
        let mut stop = false;
        while let Some(nl) = block[..end].iter().rposition(|&b| b == b'\n') {
            let line = trim(&block[nl + 1..end]);
            if !line.is_empty() && line_done(line, &mut out) {
                stop = true;
                break;
            }
            end = nl;
        }
        if stop {
            return Ok(out);
        }
        tail = block[..end].to_vec();
        if tail.len() > MAX_LINE {
            tail.clear();
            skipping = true;
        }
    }
    let line = trim(&tail);
    if !skipping && !line.is_empty() {
        line_done(line, &mut out);
    }
    Ok(out)
}

fn trim(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &b[..end]
}

/// The parts of the line, in order: the checklist first when it is an emergency.
/// Each part says whether it is the checklist's.
fn parts(s: &Status, content: &Content, today: &str) -> Vec<(Standing, String, bool)> {
    let w = &content.words;
    let check = match s.checklist {
        Standing::Emergency => crate::tr!(
            w,
            "statusline.emergency",
            action = crate::content::shown(&content.red_flags.action(Urgency::Emergency))
        ),
        Standing::Today => crate::tr!(w, "statusline.today"),
        Standing::Soon => crate::tr!(w, "statusline.soon"),
        Standing::None => crate::tr!(w, "statusline.none"),
        Standing::Unchecked => crate::tr!(w, "statusline.unchecked"),
        Standing::Unknown => crate::tr!(w, "statusline.unknown"),
    };
    let mut v = Vec::new();
    if s.checklist == Standing::Emergency {
        v.push((s.checklist, check.clone(), true));
    }
    if let Some(d) = s.day {
        v.push((Standing::None, crate::tr!(w, "home.day_only", n = d), false));
    }
    let last = s.last_session.as_deref();
    let sessions = match (s.sessions_today, last) {
        (0, None) => crate::tr!(w, "statusline.no_sessions"),
        (0, Some(l)) => {
            let when = l
                .get(..10)
                .and_then(|d| d.parse::<jiff::civil::Date>().ok())
                .map_or_else(
                    || l.to_string(),
                    |d| {
                        crate::tr!(
                            w,
                            "statusline.date",
                            weekday = crate::history::weekday(w, d),
                            day = d.day(),
                            month = crate::ui::overlays::month(w, d.month())
                        )
                    },
                );
            if l.get(..10).is_some_and(|d| d > today) {
                crate::tr!(w, "statusline.future", when = when)
            } else {
                crate::tr!(w, "statusline.none_today", when = when)
            }
        }
        (n, l) => crate::trn!(
            w,
            "statusline.sessions",
            n,
            time = l.and_then(|l| l.get(11..16)).unwrap_or("?")
        ),
    };
    v.push((Standing::None, sessions, false));
    if s.checklist != Standing::Emergency {
        v.push((s.checklist, check, true));
    }
    v
}

/// One plain line.
pub fn text(s: &Status, content: &Content, today: &str) -> String {
    let words: Vec<String> = parts(s, content, today)
        .into_iter()
        .map(|(_, w, _)| w)
        .collect();
    format!("backstretch: {}\n", words.join(" · "))
}

/// One line with tmux's style markup (#[fg=...]); colours left out with `color` false.
pub fn tmux(s: &Status, content: &Content, today: &str, color: bool) -> String {
    let esc = |w: &str| w.replace('#', "##");
    let mut out = String::from("backstretch: ");
    for (i, (level, w, is_check)) in parts(s, content, today).into_iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        let style = match (level, color) {
            (Standing::Emergency, true) => "#[fg=white,bg=red,bold]",
            (Standing::Emergency, false) => "#[reverse,bold]",
            (Standing::Today, true) => "#[fg=red,bold]",
            (Standing::Today, false) => "#[bold]",
            (Standing::Soon, true) => "#[fg=yellow]",
            (Standing::Unchecked, true) => "#[fg=yellow]",
            (Standing::Unknown, true) => "#[fg=red,bold]",
            (Standing::Unknown, false) => "#[bold]",
            (Standing::None, _) if i == 0 || !is_check => "",
            (Standing::None, true) => "#[fg=green]",
            _ => "",
        };
        if style.is_empty() {
            out.push_str(&esc(&w));
        } else {
            out.push_str(&format!("{style}{}#[default]", esc(&w)));
        }
    }
    out.push('\n');
    out
}

/// The same as an object.
pub fn json(s: &Status) -> String {
    let mut v = serde_json::to_string(s).unwrap_or_else(|_| "{}".into());
    v.push('\n');
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::record;
    use crate::history::{HISTORY_FILE, append};
    use crate::safety::{CheckResult, Entry, What, Yes};

    fn complete(date: &str, result: CheckResult) -> Entry {
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
                        sign: "a-sign".into(),
                        level,
                    })
                    .into_iter()
                    .collect(),
                quick: false,
            },
        }
    }

    fn state(date: &str, result: CheckResult) -> State {
        let mut s = State {
            notice_seen: true,
            ..State::default()
        };
        s.safety.push(complete(date, result));
        s
    }

    #[test]
    fn standing_is_the_safety_state_the_screens_show() {
        assert_eq!(
            standing(&state("2026-11-24", CheckResult::Emergency), "2026-11-24"),
            Standing::Emergency
        );
        // A yes stands on a later day too: only a whole list without it lifts it.
        assert_eq!(
            standing(&state("2026-11-23", CheckResult::Emergency), "2026-11-24"),
            Standing::Emergency
        );
        assert_eq!(
            standing(&state("2026-11-23", CheckResult::None), "2026-11-24"),
            Standing::Unchecked
        );
        let mut s = state("2026-11-24", CheckResult::Today);
        s.safety.push(complete("2026-11-24", CheckResult::Soon));
        assert_eq!(standing(&s, "2026-11-24"), Standing::Soon);
        s.safety.push(complete("2026-11-24", CheckResult::None));
        assert_eq!(standing(&s, "2026-11-24"), Standing::None);
        let codes: Vec<u8> = [
            Standing::Emergency,
            Standing::Today,
            Standing::Soon,
            Standing::None,
            Standing::Unchecked,
        ]
        .iter()
        .map(|s| s.exit_code())
        .collect();
        assert_eq!(codes, vec![5, 4, 3, 0, 0]);
    }

    #[test]
    fn recent_counts_today_and_finds_the_latest_across_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HISTORY_FILE);
        assert_eq!(recent(&path, "2026-11-24").unwrap(), Recent::default());
        // Long lines, so the reading crosses many blocks and splits lines between them.
        let long = |start: &str| {
            let mut r = record(start, Some(5), None);
            r.routine = Some("x".repeat(9_000));
            append(&path, &r).unwrap();
        };
        for d in 1..=20 {
            long(&format!("2026-11-{d:02}T08:00:00+00:00"));
        }
        long("2026-11-24T07:00:00+01:00");
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| io::Write::write_all(&mut f, b"not json\n"))
            .unwrap();
        long("2026-11-24T20:15:00+01:00");
        // Written later but started earlier: the latest start still wins.
        long("2026-11-23T22:00:00+01:00");
        let r = recent(&path, "2026-11-24").unwrap();
        assert_eq!(r.sessions_today, 2);
        assert_eq!(r.last_session.as_deref(), Some("2026-11-24T20:15:00+01:00"));
    }

    #[test]
    fn a_huge_line_is_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HISTORY_FILE);
        append(&path, &record("2026-11-24T07:00:00+00:00", None, None)).unwrap();
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        io::Write::write_all(&mut f, &vec![b'x'; 3 * MAX_LINE]).unwrap();
        io::Write::write_all(&mut f, b"\n").unwrap();
        drop(f);
        append(&path, &record("2026-11-24T09:00:00+00:00", None, None)).unwrap();
        let r = recent(&path, "2026-11-24").unwrap();
        assert_eq!(r.sessions_today, 2);
        assert_eq!(r.last_session.as_deref(), Some("2026-11-24T09:00:00+00:00"));
    }

    #[test]
    fn recent_stops_reading_once_well_past_today() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HISTORY_FILE);
        // A session "today" buried under 40 old ones is not counted: the reading stopped.
        append(&path, &record("2026-11-24T08:00:00+00:00", None, None)).unwrap();
        for i in 0..40 {
            append(
                &path,
                &record(
                    &format!("2026-10-{:02}T08:00:00+00:00", i % 28 + 1),
                    None,
                    None,
                ),
            )
            .unwrap();
        }
        let r = recent(&path, "2026-11-24").unwrap();
        assert_eq!(r.sessions_today, 0);
        // With fewer old ones after it, it is found.
        let path2 = dir.path().join("two.jsonl");
        append(&path2, &record("2026-11-24T08:00:00+00:00", None, None)).unwrap();
        for _ in 0..5 {
            append(&path2, &record("2026-10-01T08:00:00+00:00", None, None)).unwrap();
        }
        assert_eq!(recent(&path2, "2026-11-24").unwrap().sessions_today, 1);
    }

    #[test]
    fn lines_read_as_people_and_tmux_need() {
        let c = Content::embedded();
        let s = Status {
            day: Some(8),
            sessions_today: 2,
            last_session: Some("2026-11-24T20:15:00+01:00".into()),
            checklist: Standing::None,
        };
        assert_eq!(
            text(&s, &c, "2026-11-24"),
            "backstretch: day 8 · 2 sessions today, last 20:15 · no warning signs today\n"
        );
        let e = Status {
            checklist: Standing::Emergency,
            ..s.clone()
        };
        let t = text(&e, &c, "2026-11-24");
        assert!(t.starts_with("backstretch: !! EMERGENCY SIGN: "), "{t}");
        assert!(t.contains("911, 999 or 112"), "{t}");
        let tm = tmux(&e, &c, "2026-11-24", true);
        assert!(
            tm.starts_with("backstretch: #[fg=white,bg=red,bold]!! EMERGENCY"),
            "{tm}"
        );
        assert!(!tmux(&e, &c, "2026-11-24", false).contains("fg="));
        let j: serde_json::Value = serde_json::from_str(&json(&s)).unwrap();
        assert_eq!(j["day"], 8);
        assert_eq!(j["checklist"], "none");
        let none = Status {
            day: None,
            sessions_today: 0,
            last_session: None,
            checklist: Standing::Unchecked,
        };
        let j: serde_json::Value = serde_json::from_str(&json(&none)).unwrap();
        assert!(j["day"].is_null() && j["last_session"].is_null());
        assert_eq!(j["checklist"], "unchecked");
    }
}
