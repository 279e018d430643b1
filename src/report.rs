//! `history` and `export`: the session log as a table, and a summary for a clinician in
//! Markdown or CSV. Written as they are read, a session at a time, so a long history costs
//! time in proportion and little memory. Every value from the history file goes through
//! the sanitiser.

use crate::content::Content;
use crate::history::{self, Scan, SessionRecord, Summary};
use crate::safety::{Entry, What};
use crate::store::Settings;
use crate::text::{clean, width};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

fn pain(p: Option<u8>) -> String {
    p.map_or("-".to_string(), |p| p.to_string())
}

fn mmss(secs: f64) -> String {
    let s = secs.round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// "08:05" from an RFC 3339 time.
fn clock(ts: &str) -> &str {
    ts.get(11..16).unwrap_or("")
}

fn reps(r: &SessionRecord) -> (u32, u32) {
    r.stretches
        .iter()
        .fold((0, 0), |(d, p), s| (d + s.reps_done, p + s.reps_planned))
}

fn what(r: &SessionRecord) -> String {
    match &r.routine {
        Some(id) => id.clone(),
        None => r
            .stretches
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join("+"),
    }
}

/// "1: knee-to-chest rep 2 left side 07:37": the count, then where each stop was.
fn stops_cell(r: &SessionRecord) -> String {
    if r.hurt.is_empty() {
        return r.pain_stops.to_string();
    }
    let each: Vec<String> = r
        .hurt
        .iter()
        .map(|h| {
            let mut s = format!("{} rep {}", h.stretch, h.rep);
            if let Some(p) = &h.part {
                s.push(' ');
                s.push_str(&p.to_lowercase());
            }
            s.push(' ');
            s.push_str(h.clock());
            s
        })
        .collect();
    format!("{}: {}", r.pain_stops, each.join("; "))
}

/// Where the sessions come from, in order of start time: records in memory, or the
/// history file read again a line at a time.
pub trait Sessions {
    fn each(&self, f: &mut dyn FnMut(&SessionRecord) -> io::Result<()>) -> io::Result<()>;
}

impl Sessions for &[SessionRecord] {
    fn each(&self, f: &mut dyn FnMut(&SessionRecord) -> io::Result<()>) -> io::Result<()> {
        self.iter().try_for_each(f)
    }
}

/// The history file, as scanned once.
pub struct FileSessions<'a> {
    pub path: &'a Path,
    pub scan: &'a Scan,
}

impl Sessions for FileSessions<'_> {
    fn each(&self, f: &mut dyn FnMut(&SessionRecord) -> io::Result<()>) -> io::Result<()> {
        self.scan.replay(self.path, |r| f(&r))
    }
}

const HEAD: [&str; 9] = [
    "DATE",
    "TIME",
    "SESSION",
    "REPS",
    "HELD",
    "PAIN",
    "CHECKLIST",
    "PAUSES",
    "PAIN STOPS",
];

/// The log table's column widths and totals, gathered a session at a time.
#[derive(Debug, Clone)]
pub struct Table {
    widths: [usize; 9],
    sessions: usize,
    held: f64,
}

impl Default for Table {
    fn default() -> Table {
        Table {
            widths: HEAD.map(width),
            sessions: 0,
            held: 0.0,
        }
    }
}

impl Table {
    fn row(r: &SessionRecord) -> [String; 9] {
        let (done, planned) = reps(r);
        [
            r.date().to_string(),
            clock(&r.start).to_string(),
            what(r),
            format!("{done}/{planned}"),
            mmss(r.held_seconds()),
            format!("{} -> {}", pain(r.pain_before), pain(r.pain_after)),
            r.checklist.clone().unwrap_or_else(|| "-".into()),
            r.pauses.to_string(),
            stops_cell(r),
        ]
        .map(|c| clean(&c).into_owned())
    }

    pub fn add(&mut self, r: &SessionRecord) {
        for (w, c) in self.widths.iter_mut().zip(Table::row(r)) {
            *w = (*w).max(width(&c));
        }
        self.sessions += 1;
        self.held += r.held_seconds();
    }

    fn line(&self, out: &mut dyn Write, cells: &[&str]) -> io::Result<()> {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(self.widths).enumerate() {
            l.push_str(c);
            if i + 1 < cells.len() {
                l.push_str(&" ".repeat(w.saturating_sub(width(c)) + 2));
            }
        }
        writeln!(out, "{l}")
    }

    /// The log as an aligned table, oldest first, with the totals.
    pub fn write(&self, out: &mut dyn Write, sessions: &dyn Sessions) -> io::Result<()> {
        if self.sessions == 0 {
            return writeln!(
                out,
                "No sessions yet. Start one with `backstretch` or `backstretch run`."
            );
        }
        self.line(out, &HEAD)?;
        sessions.each(&mut |r| {
            let row = Table::row(r);
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            self.line(out, &cells)
        })?;
        writeln!(
            out,
            "\n{} session{}, {} held.",
            self.sessions,
            if self.sessions == 1 { "" } else { "s" },
            mmss(self.held)
        )
    }
}

/// The log as an aligned table, oldest first.
#[cfg(test)]
pub fn table(records: &[SessionRecord]) -> String {
    let mut t = Table::default();
    records.iter().for_each(|r| t.add(r));
    let mut out = Vec::new();
    t.write(&mut out, &records).expect("writing to memory");
    String::from_utf8_lossy(&out).into_owned()
}

fn csv_field(s: &str) -> String {
    let s = clean(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// One row per session.
pub fn write_csv(out: &mut dyn Write, sessions: &dyn Sessions) -> io::Result<()> {
    writeln!(
        out,
        "start,end,routine,stretches,hold_seconds,repetitions,reps_done,reps_planned,held_seconds,pauses,skips,pain_stops,pain_stops_where,pain_before,pain_after,checklist,completed,content_title,content_version,content_sha256"
    )?;
    sessions.each(&mut |r| {
        let (done, planned) = reps(r);
        let ids: Vec<&str> = r.stretches.iter().map(|s| s.id.as_str()).collect();
        let opt = |p: Option<u8>| p.map_or(String::new(), |p| p.to_string());
        let fields = [
            r.start.clone(),
            r.end.clone(),
            r.routine.clone().unwrap_or_default(),
            ids.join(";"),
            r.hold_seconds.to_string(),
            r.repetitions.to_string(),
            done.to_string(),
            planned.to_string(),
            format!("{:.1}", r.held_seconds()),
            r.pauses.to_string(),
            r.skips.to_string(),
            r.pain_stops.to_string(),
            r.hurt
                .iter()
                .map(|h| {
                    format!(
                        "{}/rep {}/{}/{}/{}",
                        h.stretch,
                        h.rep,
                        h.part.as_deref().unwrap_or("-").to_lowercase(),
                        h.step,
                        h.at
                    )
                })
                .collect::<Vec<_>>()
                .join(";"),
            opt(r.pain_before),
            opt(r.pain_after),
            r.checklist.clone().unwrap_or_default(),
            r.completed.to_string(),
            r.content
                .as_ref()
                .map(|c| c.title.clone())
                .unwrap_or_default(),
            r.content
                .as_ref()
                .and_then(|c| c.version.clone().or(c.program_version.clone()))
                .unwrap_or_default(),
            r.content
                .as_ref()
                .and_then(|c| c.sha256.clone())
                .unwrap_or_default(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", row.join(","))
    })
}

/// One row per session.
#[cfg(test)]
pub fn csv(records: &[SessionRecord]) -> String {
    let mut out = Vec::new();
    write_csv(&mut out, &records).expect("writing to memory");
    String::from_utf8_lossy(&out).into_owned()
}

fn md_cell(s: &str) -> String {
    clean(s).replace('|', "\\|")
}

/// A summary for a doctor or physiotherapist.
#[cfg(test)]
pub fn markdown(
    content: &Content,
    records: &[SessionRecord],
    suspect: &[SessionRecord],
    answers: &[Entry],
    settings: &Settings,
) -> String {
    let mut out = Vec::new();
    write_markdown(
        &mut out,
        content,
        &Summary::of(records),
        &records,
        suspect,
        answers,
        settings,
    )
    .expect("writing to memory");
    String::from_utf8_lossy(&out).into_owned()
}

/// A summary for a doctor or physiotherapist.
pub fn write_markdown(
    o: &mut dyn Write,
    content: &Content,
    sum: &Summary,
    sessions: &dyn Sessions,
    suspect: &[SessionRecord],
    answers: &[Entry],
    settings: &Settings,
) -> io::Result<()> {
    writeln!(o, "# backstretch: summary for a clinician\n")?;
    let first = sum.first_date().map(clean);
    let last = sum.last_date();
    match (first, last) {
        (Some(f), Some(l)) => {
            writeln!(o, "- Period: {f} to {}", clean(l))?;
        }
        _ => {
            writeln!(o, "- No sessions recorded yet.")?;
        }
    }
    if let Some(start) = &settings.spasm_start {
        let day = last.and_then(|l| history::day_number(start, l));
        let start = clean(start);
        match day {
            Some(d) => {
                writeln!(
                    o,
                    "- Spasm began: {start} (the last session was on day {d})"
                )?;
            }
            None => {
                writeln!(o, "- Spasm began: {start}")?;
            }
        }
    }
    let total = sum.held_seconds;
    let completed = sum.completed;
    writeln!(
        o,
        "- Sessions: {} ({} completed in full), {} held in all",
        sum.sessions,
        completed,
        mmss(total)
    )?;
    let stops = sum.pain_stops;
    writeln!(
        o,
        "- Pain stops (\"this hurts\", key h, during a session): {stops}"
    )?;
    writeln!(
        o,
        "- Exercises in use: {}",
        md_cell(&content.identity().to_string())
    )?;
    if content.meta.is_some() {
        let who: Vec<String> = [content.meta_field(|m| &m.author), content.clinic_contact()]
            .into_iter()
            .flatten()
            .filter(|w| !w.is_empty())
            .collect();
        let who = who.join(", ");
        if !who.is_empty() {
            let date = content
                .meta_field(|m| &m.date)
                .map_or(String::new(), |d| format!(" ({})", md_cell(&d)));
            writeln!(o, "- Prescribed by: {}{date}", md_cell(&who))?;
        }
    }

    writeln!(o, "\n## Pain (0 = none, 10 = worst imaginable)\n")?;
    let days = sum.by_day();
    let rated: Vec<_> = days
        .iter()
        .filter(|d| d.before.is_some() || d.after.is_some())
        .collect();
    if !rated.is_empty() {
        writeln!(o, "| Date | Sessions | Mean before | Mean after |")?;
        writeln!(o, "|---|---:|---:|---:|")?;
        let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}"));
        for d in rated {
            writeln!(
                o,
                "| {} | {} | {} | {} |",
                clean(&d.date),
                d.sessions,
                f(d.before),
                f(d.after)
            )?;
        }
    }
    let report = sum.trend();
    if let Some(t) = report.trend {
        writeln!(o, "\nTrend by day: {}", t.words())?;
    }
    if let Some(a) = report.advice() {
        writeln!(o, "\n{a}")?;
    }

    {
        let mut section = String::new();
        answers_section(&mut section, content, answers);
        o.write_all(section.as_bytes())?;
    }

    writeln!(o, "\n## Pain stops\n")?;
    if sum.pain_stops == 0 {
        writeln!(o, "None.")?;
    } else {
        writeln!(o, "| Date | Time | Session | Stretch | Where | Then |")?;
        writeln!(o, "|---|---|---|---|---|---|")?;
        sessions.each(&mut |r| {
            if r.pain_stops == 0 {
                return Ok(());
            }
            if r.hurt.is_empty() {
                writeln!(
                    o,
                    "| {} | {} | {} | {} pain stop{} (not recorded in detail) | - | - |",
                    md_cell(r.date()),
                    md_cell(clock(&r.start)),
                    md_cell(&what(r)),
                    r.pain_stops,
                    if r.pain_stops == 1 { "" } else { "s" }
                )?;
            }
            for h in &r.hurt {
                let name = content.stretch_name(&h.stretch);
                writeln!(
                    o,
                    "| {} | {} | {} | {} | {} | {} |",
                    md_cell(h.at.get(..10).unwrap_or(r.date())),
                    md_cell(h.clock()),
                    md_cell(&what(r)),
                    md_cell(name),
                    md_cell(&h.place()),
                    h.then_words().unwrap_or("-")
                )?;
            }
            Ok(())
        })?;
    }

    writeln!(o, "\n## Sessions\n")?;
    if sum.sessions == 0 {
        writeln!(o, "None.")?;
    } else {
        writeln!(
            o,
            "| Date | Time | Session | Hold | Reps done | Held | Pain before | Pain after | Pauses | Skips | Exercises |"
        )?;
        writeln!(o, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|")?;
        sessions.each(&mut |r| {
            let (done, planned) = reps(r);
            writeln!(
                o,
                "| {} | {} | {} | {} s | {done}/{planned} | {} | {} | {} | {} | {} | {} |",
                md_cell(r.date()),
                md_cell(clock(&r.start)),
                md_cell(&what(r)),
                r.hold_seconds,
                mmss(r.held_seconds()),
                pain(r.pain_before),
                pain(r.pain_after),
                r.pauses,
                r.skips,
                r.content
                    .as_ref()
                    .map_or("-".to_string(), |c| md_cell(&c.to_string()))
            )
        })?;
    }
    if !suspect.is_empty() {
        writeln!(o, "\n## Sessions left out\n")?;
        writeln!(
            o,
            "These are dated more than a day ahead of the export, or years before the rest, so the device clock was probably wrong. They are kept in the history but left out of the period, the trend and the tables above.\n"
        )?;
        for r in suspect {
            writeln!(o, "- {} ({})", md_cell(&r.start), md_cell(&what(r)))?;
        }
    }
    writeln!(o, "\n---\n{}", clean(&content.disclaimer))?;
    o.flush()
}

/// Every checklist answer, list by list in the order given: the words asked, each answer
/// (a changed answer shows twice), how each list ended, and what stands now.
fn answers_section(o: &mut String, content: &Content, answers: &[Entry]) {
    let _ = writeln!(o, "\n## Red-flag checklist answers\n");
    if answers.is_empty() {
        let _ = writeln!(o, "The checklist has not been answered.");
        return;
    }
    let name = |id: &str| {
        content
            .red_flags
            .signs
            .iter()
            .find(|s| s.id == id)
            .map_or(id.to_string(), |s| s.short.clone())
    };
    let mut record = crate::safety::Record::default();
    for e in answers {
        record.push(e.clone());
    }
    let safety = record.safety();
    match safety.level() {
        Some(u) => {
            let signs: Vec<String> = safety.standing.iter().map(|s| name(&s.sign)).collect();
            let _ = writeln!(
                o,
                "Standing now: {} (answered yes: {}). A yes holds until the whole list is done again with a no to it.\n",
                u.key(),
                md_cell(&signs.join("; "))
            );
        }
        None => {
            let _ = writeln!(o, "Standing now: no yes answer.\n");
        }
    }
    // The lists in the order they began; the entries of one list together.
    let mut order: Vec<&str> = Vec::new();
    let mut by_check: std::collections::HashMap<&str, Vec<&Entry>> =
        std::collections::HashMap::new();
    for e in answers {
        let list = by_check.entry(e.check.as_str()).or_default();
        if list.is_empty() {
            order.push(e.check.as_str());
        }
        list.push(e);
    }
    for check in order {
        let entries = &by_check[check];
        let first = entries[0];
        let end = entries.iter().find_map(|e| match &e.what {
            What::Complete { result, yes, quick } => Some((*result, yes, *quick)),
            What::Answer { .. } => None,
        });
        let given = entries
            .iter()
            .filter(|e| matches!(e.what, What::Answer { .. }))
            .count();
        let how = match end {
            Some((_, _, true)) => {
                "\"none of these apply\", confirmed without going through the list".to_string()
            }
            Some((r, _, false)) => format!("whole list answered: {}", r.key()),
            None => format!(
                "left unfinished after {}",
                crate::plain::count(given, "answer", "answers")
            ),
        };
        let _ = writeln!(o, "### {} {}: {how}\n", first.date, clock(&first.at));
        if given == 0 {
            if let Some((_, yes, false)) = end {
                let signs: Vec<String> = yes.iter().map(|y| name(&y.sign)).collect();
                let _ = writeln!(
                    o,
                    "Signs answered yes: {}\n",
                    if signs.is_empty() {
                        "none".to_string()
                    } else {
                        md_cell(&signs.join("; "))
                    }
                );
            }
            continue;
        }
        let _ = writeln!(o, "| Time | Question, as asked | Level | Answer |");
        let _ = writeln!(o, "|---|---|---|---|");
        let mut seen = std::collections::HashSet::new();
        for e in entries {
            if let What::Answer {
                sign,
                level,
                question,
                yes,
            } = &e.what
            {
                let changed = if seen.insert(sign.as_str()) {
                    ""
                } else {
                    " (changed)"
                };
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {}{changed} |",
                    e.at.get(11..).unwrap_or(&e.at),
                    md_cell(question),
                    level.key(),
                    if *yes { "yes" } else { "no" }
                );
            }
        }
        let _ = writeln!(o);
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::record;

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn every_answer_shows_with_its_question_changes_and_how_each_list_ended() {
        use crate::content::Urgency;
        use crate::safety::{CheckResult, Entry, What};
        let c = Content::embedded();
        let e = |check: &str, at: &str, what: What| Entry {
            seq: 0,
            check: check.into(),
            date: "2026-11-24".into(),
            at: format!("2026-11-24T{at}+01:00"),
            what,
        };
        let ans = |yes| What::Answer {
            sign: "bowel".into(),
            level: Urgency::Emergency,
            question: "The words asked then?".into(),
            yes,
        };
        let answers = vec![
            e("a", "08:00:05", ans(true)),
            e("a", "08:00:09", ans(false)),
            e(
                "b",
                "09:10:00",
                What::Complete {
                    result: CheckResult::None,
                    yes: vec![],
                    quick: true,
                },
            ),
        ];
        let md = markdown(&c, &[], &[], &answers, &crate::store::Settings::default());
        assert!(
            md.contains("### 2026-11-24 08:00: left unfinished after 2 answers"),
            "{md}"
        );
        assert!(
            md.contains("| 08:00:05+01:00 | The words asked then? | emergency | yes |"),
            "{md}"
        );
        assert!(
            md.contains("| 08:00:09+01:00 | The words asked then? | emergency | no (changed) |"),
            "{md}"
        );
        assert!(
            md.contains("### 2026-11-24 09:10: \"none of these apply\""),
            "{md}"
        );
        // The yes stands: only a whole list lifts it.
        assert!(
            md.contains("Standing now: emergency (answered yes: new loss of bowel control)"),
            "{md}"
        );
    }

    #[test]
    fn table_of_nothing_says_so() {
        assert!(table(&[]).contains("No sessions yet"));
        let t = table(&[record("2026-11-20T08:05:00+01:00", Some(7), Some(5))]);
        assert!(t.contains("2026-11-20  08:05"), "{t}");
        assert!(t.contains("7 -> 5"), "{t}");
        assert!(t.contains("1 session, 0:40 held."), "{t}");
    }

    #[test]
    fn strings_from_the_history_reach_no_terminal_raw() {
        let mut r = record("2026-11-20T08:05:00+01:00", Some(7), Some(5));
        r.routine = Some("in-bed\x1b]0;pwned\x07\x1b[2J".into());
        r.checklist = Some("none\u{9b}31m".into());
        r.stretches[0].id = "knee\x1b[31m".into();
        let c = Content::embedded();
        let outputs = [
            table(std::slice::from_ref(&r)),
            csv(std::slice::from_ref(&r)),
            markdown(
                &c,
                std::slice::from_ref(&r),
                std::slice::from_ref(&r),
                &[],
                &Settings::default(),
            ),
        ];
        for out in outputs {
            assert!(
                !out.chars()
                    .any(|ch| ch != '\n' && crate::text::is_hostile(ch)),
                "{out:?}"
            );
            assert!(out.contains("in-bed^[]0;pwned^G^[[2J"), "{out}");
        }
    }

    #[test]
    fn the_table_aligns_wide_text_by_columns() {
        let mut a = record("2026-11-20T08:05:00+01:00", Some(7), Some(5));
        a.routine = Some("背中ストレッチ".into());
        let b = record("2026-11-21T08:05:00+01:00", Some(6), Some(4));
        let t = table(&[a, b]);
        let lines: Vec<&str> = t.lines().take(3).collect();
        // REPS starts in the same display column on every line.
        let col = |l: &str| {
            let at = l.find(" 2/2").or_else(|| l.find(" REPS")).unwrap();
            crate::text::width(&l[..at])
        };
        assert_eq!(col(lines[0]), col(lines[1]), "{t}");
        assert_eq!(col(lines[1]), col(lines[2]), "{t}");
    }
}
