//! The coaching content: the embedded `assets/content.json` (or a clinician's own file),
//! parsed into a typed model and validated in one pass that reports every problem.

use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// The content shipped inside the binary.
pub const EMBEDDED: &str = include_str!("../assets/content.json");
/// The name used for the embedded file in messages.
pub const EMBEDDED_NAME: &str = "assets/content.json (built in)";

/// The only format version this build understands.
pub const FORMAT_VERSION: u32 = 1;
/// Hard limits from the facts: every stretch is held 10-30 s, 2-4 times.
pub const HOLD_LIMITS: (u32, u32) = (10, 30);
pub const REPS_LIMITS: (u32, u32) = (2, 4);
/// Largest picture a stretch may carry (rows, columns).
pub const PICTURE_MAX: (usize, usize) = (12, 32);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    pub format_version: u32,
    pub dose: Dose,
    pub stretches: Vec<Stretch>,
    pub routines: Vec<Routine>,
    pub red_flags: RedFlags,
    pub guidance: Guidance,
    pub disclaimer: String,
    /// The words spoken with `--voice`; the built-in English when the section is absent.
    #[serde(default)]
    pub voice: Voice,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Bounded {
    pub min: u32,
    pub max: u32,
    pub default: u32,
}

impl Bounded {
    pub fn contains(&self, v: u32) -> bool {
        (self.min..=self.max).contains(&v)
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    /// Seconds each hold lasts.
    pub hold_seconds: Bounded,
    /// Repetitions of each stretch.
    pub repetitions: Bounded,
    /// Seconds to get into position before a stretch.
    pub lead_in_seconds: Bounded,
    /// Seconds of rest between holds.
    pub rest_seconds: Bounded,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Lying,
    Kneeling,
    AllFours,
    Seated,
}

impl Position {
    pub fn label(self) -> &'static str {
        match self {
            Position::Lying => "lying",
            Position::Kneeling => "kneeling",
            Position::AllFours => "on all fours",
            Position::Seated => "seated",
        }
    }
}

/// How the holds of one repetition relate to each other.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum HoldKind {
    /// One hold per repetition.
    Single,
    /// The same stretch to one side, then the other.
    Sides,
    /// Two different shapes in turn, such as cow then cat.
    Phases,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hold {
    /// "Right side", "Cow"; empty for a single hold.
    #[serde(default)]
    pub name: String,
    /// What to do to get into this hold.
    pub how: String,
    /// A short line shown during the hold.
    pub cue: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Picture {
    pub start: Vec<String>,
    pub end: Vec<String>,
    /// For two sides: how the second side's drawing follows from `end`.
    #[serde(default)]
    pub other_side: Option<OtherSide>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OtherSide {
    /// Left and right swapped (a figure seen from the front or side).
    Mirror,
    /// Top and bottom swapped (a figure seen from above, head to one side).
    Flip,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stretch {
    pub id: String,
    pub name: String,
    pub position: Position,
    /// Where it can be done, in plain words ("in bed or on the floor").
    pub place: String,
    pub purpose: String,
    pub setup: Vec<String>,
    pub hold_kind: HoldKind,
    pub holds: Vec<Hold>,
    #[serde(default)]
    pub variation: Option<String>,
    pub caution: String,
    #[serde(default)]
    pub picture: Option<Picture>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routine {
    pub id: String,
    pub name: String,
    pub description: String,
    pub stretches: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Emergency,
    Today,
    Soon,
}

impl Urgency {
    pub const ALL: [Urgency; 3] = [Urgency::Emergency, Urgency::Today, Urgency::Soon];

    pub fn key(self) -> &'static str {
        match self {
            Urgency::Emergency => "emergency",
            Urgency::Today => "today",
            Urgency::Soon => "soon",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub urgency: Urgency,
    /// A heading such as "Emergency: get help now".
    pub title: String,
    /// What to do, in plain words.
    pub action: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sign {
    pub id: String,
    pub urgency: Urgency,
    /// The question asked, answered yes or no.
    pub question: String,
    /// A short name for the sign, used in results ("numbness between the legs").
    pub short: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlags {
    pub intro: String,
    pub levels: Vec<Level>,
    pub signs: Vec<Sign>,
    /// Shown when no sign applies.
    pub none: String,
}

impl RedFlags {
    pub fn level(&self, u: Urgency) -> Option<&Level> {
        self.levels.iter().find(|l| l.urgency == u)
    }

    /// What to do at a level (validation makes sure every level is there).
    pub fn action(&self, u: Urgency) -> String {
        self.level(u).map(|l| l.action.clone()).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub stay_active: String,
    pub dose: String,
    pub tight_not_pain: String,
    pub pain_stop: String,
    pub hold_reminder: String,
    /// For the recovery note once pain ratings are kept; checked now so content files
    /// stay complete.
    #[allow(dead_code)]
    pub not_improving: String,
}

/// The words of the spoken cues (and of `run --plain`'s announcements). When the section is
/// given, every entry must be: a file in another language then never mixes in English.
/// `{name}`-style placeholders are filled in; each entry lists the ones it may use.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Voice {
    /// The start of a stretch: {name}, {setup} (its first setup step).
    pub stretch: String,
    /// The start of a single hold: {seconds}.
    pub hold: String,
    /// The start of a hold with a side or phase: {side}, {seconds}.
    pub hold_side: String,
    /// Half of a hold gone.
    pub halfway: String,
    /// The last three seconds of a hold, as one utterance.
    pub countdown: String,
    /// The end of a hold, into a rest: {seconds} of rest.
    pub release: String,
    /// The end of a hold when the next one is on the other side or phase: {side}.
    pub switch: String,
    /// The end of the last hold of a stretch, before the next stretch.
    pub release_last: String,
    /// Paused: {seconds} left.
    pub paused: String,
    /// Going on after a pause: {seconds} left.
    pub resumed: String,
    /// A stretch waiting for the person: {key} to start.
    pub waiting: String,
    /// Time left in a hold, every ten seconds (written in `run --plain`, not spoken): {seconds}.
    pub left: String,
    /// The end of the session.
    pub session_end: String,
}

impl Default for Voice {
    fn default() -> Voice {
        let s = |t: &str| t.to_string();
        Voice {
            stretch: s("{name}. {setup}"),
            hold: s("Hold for {seconds} seconds."),
            hold_side: s("{side}. Hold."),
            halfway: s("Halfway."),
            countdown: s("3, 2, 1."),
            release: s("Release. Rest for {seconds} seconds."),
            switch: s("Now the {side}."),
            release_last: s("Release."),
            paused: s("Paused, with {seconds} to go."),
            resumed: s("Going on, with {seconds} to go."),
            waiting: s("Take your time. Press {key} when you are ready."),
            left: s("{seconds} seconds left."),
            session_end: s("That is the end of the session. Well done."),
        }
    }
}

impl Voice {
    /// Each entry with its name and the placeholders it may use.
    pub fn entries(&self) -> [(&'static str, &str, &'static [&'static str]); 13] {
        [
            ("stretch", &self.stretch, &["name", "setup"]),
            ("hold", &self.hold, &["seconds"]),
            ("hold_side", &self.hold_side, &["side", "seconds"]),
            ("halfway", &self.halfway, &[]),
            ("countdown", &self.countdown, &[]),
            ("release", &self.release, &["seconds"]),
            ("switch", &self.switch, &["side"]),
            ("release_last", &self.release_last, &[]),
            ("paused", &self.paused, &["seconds"]),
            ("resumed", &self.resumed, &["seconds"]),
            ("waiting", &self.waiting, &["key"]),
            ("left", &self.left, &["seconds"]),
            ("session_end", &self.session_end, &[]),
        ]
    }
}

/// Fills `{name}` placeholders from `values`; unknown ones are left as they are (validation
/// rejects them in content files).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template uses, or an error for an unclosed brace.
fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err("expected a closing '}' after '{'".into());
        };
        found.push(&after[..close]);
        rest = &after[close + 1..];
    }
    Ok(found)
}

/// One problem found in a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path such as `stretches[2].holds`, or empty for the whole file.
    pub path: String,
    /// Line and column, when the problem is in the text itself.
    pub line_col: Option<(usize, usize)>,
    pub message: String,
}

/// Every problem found in one file.
#[derive(Debug, Clone)]
pub struct Report {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(
            f,
            "{}: {} problem{} found",
            self.file,
            n,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "  {}", self.file)?;
            if let Some((l, c)) = p.line_col {
                write!(f, ":{l}:{c}")?;
            }
            if !p.path.is_empty() {
                write!(f, ": at {}", p.path)?;
            }
            writeln!(f, ": {}", p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

impl Content {
    /// The content built into the binary. It is checked by the test suite, so a failure
    /// here is a build mistake, not user input.
    pub fn embedded() -> Content {
        match Content::parse(EMBEDDED, EMBEDDED_NAME) {
            Ok(c) => c,
            Err(r) => panic!("built-in content is invalid:\n{r}"),
        }
    }

    /// Reads and checks a content file from disk.
    pub fn load(path: &Path) -> Result<Content, Report> {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => Content::parse(&text, &name),
            Err(e) => Err(Report {
                file: name,
                problems: vec![Problem {
                    path: String::new(),
                    line_col: None,
                    message: format!("cannot read the file: {e}"),
                }],
            }),
        }
    }

    /// Parses and validates JSON text; `file` names it in the report.
    pub fn parse(text: &str, file: &str) -> Result<Content, Report> {
        let report = |problems| Report {
            file: file.to_string(),
            problems,
        };
        let de = &mut serde_json::Deserializer::from_str(text);
        let content: Content = match serde_path_to_error::deserialize(de) {
            Ok(c) => c,
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let line_col = Some((inner.line(), inner.column()));
                let message = strip_position(&inner.to_string());
                // A syntax error has no meaningful path: the line and column say where.
                let syntax = inner.is_syntax() || inner.is_eof();
                let message = if syntax {
                    format!("invalid JSON: {message}")
                } else {
                    message
                };
                let path = if syntax || path == "." {
                    String::new()
                } else {
                    path
                };
                return Err(report(vec![Problem {
                    path,
                    line_col,
                    message,
                }]));
            }
        };
        let problems = content.validate();
        if problems.is_empty() {
            Ok(content)
        } else {
            Err(report(problems))
        }
    }

    /// Checks what serde cannot: every rule, every problem.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut bad = |path: String, message: String| {
            out.push(Problem {
                path,
                line_col: None,
                message,
            })
        };

        if self.format_version != FORMAT_VERSION {
            bad(
                "format_version".into(),
                format!(
                    "expected format version {FORMAT_VERSION}, found {}",
                    self.format_version
                ),
            );
        }

        let check_bounds =
            |bad: &mut dyn FnMut(String, String), name: &str, b: &Bounded, lo: u32, hi: u32| {
                if b.min < lo || b.max > hi || b.min > b.max {
                    bad(
                        format!("dose.{name}"),
                        format!(
                            "expected bounds inside {lo}-{hi} with min <= max, found {}-{}",
                            b.min, b.max
                        ),
                    );
                }
                if !b.contains(b.default) {
                    bad(
                        format!("dose.{name}.default"),
                        format!(
                            "expected a default between {} and {}, found {}",
                            b.min, b.max, b.default
                        ),
                    );
                }
            };
        check_bounds(
            &mut bad,
            "hold_seconds",
            &self.dose.hold_seconds,
            HOLD_LIMITS.0,
            HOLD_LIMITS.1,
        );
        check_bounds(
            &mut bad,
            "repetitions",
            &self.dose.repetitions,
            REPS_LIMITS.0,
            REPS_LIMITS.1,
        );
        check_bounds(
            &mut bad,
            "lead_in_seconds",
            &self.dose.lead_in_seconds,
            1,
            60,
        );
        check_bounds(&mut bad, "rest_seconds", &self.dose.rest_seconds, 0, 60);

        if self.stretches.is_empty() {
            bad(
                "stretches".into(),
                "expected at least one stretch, found none".into(),
            );
        }
        let mut ids = HashSet::new();
        for (i, s) in self.stretches.iter().enumerate() {
            let p = format!("stretches[{i}]");
            check_id(&mut bad, &format!("{p}.id"), &s.id);
            if !ids.insert(s.id.as_str()) {
                bad(
                    format!("{p}.id"),
                    format!("expected a unique id, but '{}' is used twice", s.id),
                );
            }
            for (field, text) in [
                ("name", &s.name),
                ("place", &s.place),
                ("purpose", &s.purpose),
                ("caution", &s.caution),
            ] {
                if text.trim().is_empty() {
                    bad(
                        format!("{p}.{field}"),
                        "expected some text, found none".into(),
                    );
                }
            }
            if s.setup.is_empty() {
                bad(
                    format!("{p}.setup"),
                    "expected at least one setup step, found none".into(),
                );
            }
            for (j, step) in s.setup.iter().enumerate() {
                if step.trim().is_empty() {
                    bad(
                        format!("{p}.setup[{j}]"),
                        "expected text, found an empty step".into(),
                    );
                }
            }
            let want = match s.hold_kind {
                HoldKind::Single => 1..=1,
                HoldKind::Sides | HoldKind::Phases => 2..=2,
            };
            if s.holds.is_empty() {
                bad(
                    format!("{p}.holds"),
                    "expected at least one hold, found none".into(),
                );
            } else if !want.contains(&s.holds.len()) {
                bad(
                    format!("{p}.holds"),
                    format!(
                        "expected {} hold{} for hold_kind \"{}\", found {}",
                        want.start(),
                        if *want.start() == 1 { "" } else { "s" },
                        match s.hold_kind {
                            HoldKind::Single => "single",
                            HoldKind::Sides => "sides",
                            HoldKind::Phases => "phases",
                        },
                        s.holds.len()
                    ),
                );
            }
            for (j, h) in s.holds.iter().enumerate() {
                if s.hold_kind != HoldKind::Single && h.name.trim().is_empty() {
                    bad(
                        format!("{p}.holds[{j}].name"),
                        "expected a name for each side or phase (\"Right side\", \"Cow\")".into(),
                    );
                }
                if h.how.trim().is_empty() {
                    bad(
                        format!("{p}.holds[{j}].how"),
                        "expected some text, found none".into(),
                    );
                }
                if h.cue.trim().is_empty() {
                    bad(
                        format!("{p}.holds[{j}].cue"),
                        "expected some text, found none".into(),
                    );
                }
            }
            if let Some(pic) = &s.picture {
                for (part, rows) in [("start", &pic.start), ("end", &pic.end)] {
                    check_picture(&mut bad, &format!("{p}.picture.{part}"), rows);
                }
            }
        }

        let mut routine_ids = HashSet::new();
        if self.routines.is_empty() {
            bad(
                "routines".into(),
                "expected at least one routine, found none".into(),
            );
        }
        for (i, r) in self.routines.iter().enumerate() {
            let p = format!("routines[{i}]");
            check_id(&mut bad, &format!("{p}.id"), &r.id);
            if !routine_ids.insert(r.id.as_str()) {
                bad(
                    format!("{p}.id"),
                    format!("expected a unique id, but '{}' is used twice", r.id),
                );
            }
            if ids.contains(r.id.as_str()) {
                bad(
                    format!("{p}.id"),
                    format!(
                        "expected an id different from every stretch id, but '{}' is also a stretch",
                        r.id
                    ),
                );
            }
            if r.stretches.is_empty() {
                bad(
                    format!("{p}.stretches"),
                    "expected at least one stretch, found none".into(),
                );
            }
            for (j, sid) in r.stretches.iter().enumerate() {
                if !ids.contains(sid.as_str()) {
                    bad(
                        format!("{p}.stretches[{j}]"),
                        format!("expected the id of a stretch, but there is no stretch '{sid}'"),
                    );
                }
            }
        }

        let rf = &self.red_flags;
        for u in Urgency::ALL {
            let n = rf.levels.iter().filter(|l| l.urgency == u).count();
            if n != 1 {
                bad(
                    "red_flags.levels".into(),
                    format!(
                        "expected exactly one entry for urgency \"{}\", found {n}",
                        u.key()
                    ),
                );
            }
        }
        for (i, l) in rf.levels.iter().enumerate() {
            if l.action.trim().is_empty() {
                bad(
                    format!("red_flags.levels[{i}].action"),
                    "expected what to do at this level, found nothing".into(),
                );
            }
        }
        let mut sign_ids = HashSet::new();
        for (i, s) in rf.signs.iter().enumerate() {
            let p = format!("red_flags.signs[{i}]");
            check_id(&mut bad, &format!("{p}.id"), &s.id);
            if !sign_ids.insert(s.id.as_str()) {
                bad(
                    format!("{p}.id"),
                    format!("expected a unique id, but '{}' is used twice", s.id),
                );
            }
            if s.question.trim().is_empty() {
                bad(
                    format!("{p}.question"),
                    "expected a question, found none".into(),
                );
            }
            if s.short.trim().is_empty() {
                bad(
                    format!("{p}.short"),
                    "expected a short name, found none".into(),
                );
            }
        }
        if !rf.signs.iter().any(|s| s.urgency == Urgency::Emergency) {
            bad(
                "red_flags.signs".into(),
                "expected at least one sign with urgency \"emergency\", found none".into(),
            );
        }
        if self.disclaimer.trim().is_empty() {
            bad(
                "disclaimer".into(),
                "expected the disclaimer text, found none".into(),
            );
        }
        for (name, text, allowed) in self.voice.entries() {
            let path = format!("voice.{name}");
            if text.trim().is_empty() {
                bad(path.clone(), "expected words to speak, found none".into());
            }
            match placeholders(text) {
                Err(e) => bad(path, e),
                Ok(used) => {
                    for p in used.into_iter().filter(|p| !allowed.contains(p)) {
                        let can = if allowed.is_empty() {
                            "none".to_string()
                        } else {
                            allowed
                                .iter()
                                .map(|a| format!("{{{a}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        bad(
                            path.clone(),
                            format!("unknown placeholder {{{p}}}: this entry can use {can}"),
                        );
                    }
                }
            }
        }
        out
    }

    pub fn stretch(&self, id: &str) -> Option<&Stretch> {
        self.stretches.iter().find(|s| s.id == id)
    }

    pub fn stretch_index(&self, id: &str) -> Option<usize> {
        self.stretches.iter().position(|s| s.id == id)
    }

    pub fn routine(&self, id: &str) -> Option<&Routine> {
        self.routines.iter().find(|r| r.id == id)
    }

    /// The id closest to `wanted` among stretches (and routines if asked), for "did you mean".
    pub fn closest_id<'a>(&'a self, wanted: &str, with_routines: bool) -> Option<&'a str> {
        let ids = self.stretches.iter().map(|s| s.id.as_str());
        let rids = self
            .routines
            .iter()
            .filter(|_| with_routines)
            .map(|r| r.id.as_str());
        ids.chain(rids)
            .map(|id| (edit_distance(wanted, id), id))
            .filter(|(d, id)| *d <= (id.len().max(wanted.len()) / 2).max(2))
            .min_by_key(|(d, _)| *d)
            .map(|(_, id)| id)
    }
}

fn check_id(bad: &mut dyn FnMut(String, String), path: &str, id: &str) {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        bad(
            path.to_string(),
            format!("expected an id of lowercase letters, digits and '-', found '{id}'"),
        );
    }
}

fn check_picture(bad: &mut dyn FnMut(String, String), path: &str, rows: &[String]) {
    use unicode_width::UnicodeWidthStr;
    let width = |s: &str| s.width();
    if rows.is_empty() {
        bad(
            path.to_string(),
            "expected at least one row, found none".into(),
        );
        return;
    }
    if rows.len() > PICTURE_MAX.0 {
        bad(
            path.to_string(),
            format!(
                "expected at most {} rows, found {}",
                PICTURE_MAX.0,
                rows.len()
            ),
        );
    }
    let w0 = width(&rows[0]);
    for (i, r) in rows.iter().enumerate() {
        let w = width(r);
        if w > PICTURE_MAX.1 {
            bad(
                format!("{path}[{i}]"),
                format!("expected at most {} columns, found {w}", PICTURE_MAX.1),
            );
        }
        if w != w0 {
            bad(
                format!("{path}[{i}]"),
                format!("expected every row to be {w0} columns wide like the first, found {w}"),
            );
        }
    }
}

/// serde_json appends " at line L column C"; the report prints the position itself.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Levenshtein distance, for suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_content_is_valid() {
        let c = Content::parse(EMBEDDED, EMBEDDED_NAME).unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(c.stretches.len(), 6);
        assert!(c.routines.len() >= 4);
    }

    #[test]
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(
            fill(
                "{side}. Hold {x} {seconds}",
                &[("side", "Right side"), ("seconds", "20")]
            ),
            "Right side. Hold {x} 20"
        );
        assert_eq!(fill("no braces {", &[]), "no braces {");
        assert_eq!(placeholders("a {b} c {d}"), Ok(vec!["b", "d"]));
        assert!(placeholders("a {b").is_err());
    }

    #[test]
    fn a_voice_section_in_another_language_is_taken_and_checked() {
        let mut v: serde_json::Value = serde_json::from_str(EMBEDDED).unwrap();
        let words = serde_json::to_value(
            Voice::default()
                .entries()
                .iter()
                .map(|(k, t, _)| (k.to_string(), t.to_string()))
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .unwrap();
        v["voice"] = words.clone();
        v["voice"]["halfway"] = "A mitad.".into();
        let c = Content::parse(&v.to_string(), "es.json").unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(c.voice.halfway, "A mitad.");
        // A wrong placeholder, an empty entry, a missing entry: each named precisely.
        v["voice"]["switch"] = "Ahora {lado}.".into();
        v["voice"]["countdown"] = " ".into();
        let r = Content::parse(&v.to_string(), "es.json").unwrap_err();
        let text = r.to_string();
        assert!(
            text.contains("at voice.switch: unknown placeholder {lado}: this entry can use {side}"),
            "{text}"
        );
        assert!(
            text.contains("at voice.countdown: expected words to speak"),
            "{text}"
        );
        v["voice"] = words;
        v["voice"].as_object_mut().unwrap().remove("paused");
        let r = Content::parse(&v.to_string(), "es.json").unwrap_err();
        assert!(r.to_string().contains("missing field `paused`"), "{r}");
        // Without the section, the built-in English.
        assert_eq!(Content::embedded().voice, Voice::default());
    }

    #[test]
    fn edit_distance_works() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn closest_id_suggests() {
        let c = Content::embedded();
        assert_eq!(c.closest_id("knee-to-chst", false), Some("knee-to-chest"));
        assert_eq!(c.closest_id("cat-cw", false), Some("cat-cow"));
        assert_eq!(c.closest_id("zzzzzzzzzzzzzzzzzzzzzzz", false), None);
    }
}
