//! The coaching content: the embedded `assets/content.json` (or a clinician's own file),
//! parsed into a typed model and validated in one pass that reports every problem.

use schemars::JsonSchema;
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
/// Limits of the seconds to get into position and of the rest between holds.
pub const LEAD_IN_LIMITS: (u32, u32) = (1, 60);
pub const REST_LIMITS: (u32, u32) = (0, 60);
/// Largest picture a stretch may carry (rows, columns).
pub const PICTURE_MAX: (usize, usize) = (12, 32);
/// What an id may be made of (the schema's form of `check_id`).
pub const ID_PATTERN: &str = "^[a-z0-9-]+$";
/// Text that is not empty or only spaces (the schema's form of the "some text" checks).
pub const TEXT_PATTERN: &str = r"\S";

// Every type below derives `JsonSchema` beside `Deserialize`: `backstretch schema` (and
// `assets/content.schema.json`) is generated from these very types, so a new field shows
// up in the schema by itself; its doc comment becomes its description in editors.

/// A backstretch content file: the stretches, the ready routines, the red-flag checklist
/// and the general guidance. `backstretch validate FILE` checks it, including the rules
/// this schema cannot say.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "backstretch content file")]
pub struct Content {
    /// The JSON Schema this file follows, so that editors check it as you type (for
    /// example "content.schema.json"). backstretch itself ignores it.
    #[serde(rename = "$schema", default)]
    #[allow(dead_code)]
    pub schema: Option<String>,
    /// The version of this format. Only 1 exists.
    #[schemars(extend("const" = FORMAT_VERSION))]
    pub format_version: u32,
    pub dose: Dose,
    /// Every stretch, in the order they are listed.
    #[schemars(length(min = 1))]
    pub stretches: Vec<Stretch>,
    /// The ready routines offered on the home screen and to `backstretch run`.
    #[schemars(length(min = 1))]
    pub routines: Vec<Routine>,
    pub red_flags: RedFlags,
    pub guidance: Guidance,
    /// Shown on the first-run notice and on the help screen: that this is education, not
    /// medical advice, and when to get help.
    #[schemars(pattern(TEXT_PATTERN))]
    pub disclaimer: String,
}

/// A range a number may be chosen from, with the value used unless one is chosen.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bounded {
    /// The smallest value that may be chosen.
    pub min: u32,
    /// The largest value that may be chosen (at least `min`).
    pub max: u32,
    /// The value used unless another is chosen (between `min` and `max`).
    pub default: u32,
}

impl Bounded {
    pub fn contains(&self, v: u32) -> bool {
        (self.min..=self.max).contains(&v)
    }
}

/// How long and how often: the limits the person may choose within, and the defaults.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    /// Seconds each hold lasts; every value must stay within 10-30.
    #[schemars(schema_with = "hold_bounds")]
    pub hold_seconds: Bounded,
    /// Repetitions of each stretch; every value must stay within 2-4.
    #[schemars(schema_with = "reps_bounds")]
    pub repetitions: Bounded,
    /// Seconds to get into position before a stretch (within 1-60).
    #[schemars(schema_with = "lead_in_bounds")]
    pub lead_in_seconds: Bounded,
    /// Seconds of rest between holds (within 0-60).
    #[schemars(schema_with = "rest_bounds")]
    pub rest_seconds: Bounded,
}

/// The schema of `Bounded`, with `min`, `max` and `default` each limited to `lo..=hi`.
fn bounded_within(generator: &mut schemars::SchemaGenerator, lo: u32, hi: u32) -> schemars::Schema {
    let mut schema = Bounded::json_schema(generator);
    if let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        for field in ["min", "max", "default"] {
            if let Some(prop) = props.get_mut(field).and_then(|p| p.as_object_mut()) {
                prop.insert("minimum".into(), lo.into());
                prop.insert("maximum".into(), hi.into());
            }
        }
    }
    schema
}

fn hold_bounds(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    bounded_within(generator, HOLD_LIMITS.0, HOLD_LIMITS.1)
}

fn reps_bounds(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    bounded_within(generator, REPS_LIMITS.0, REPS_LIMITS.1)
}

fn lead_in_bounds(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    bounded_within(generator, LEAD_IN_LIMITS.0, LEAD_IN_LIMITS.1)
}

fn rest_bounds(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    bounded_within(generator, REST_LIMITS.0, REST_LIMITS.1)
}

/// The position a stretch is done in.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Lying on the back.
    Lying,
    /// Kneeling.
    Kneeling,
    /// On hands and knees.
    AllFours,
    /// Sitting on a chair.
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
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HoldKind {
    /// One hold per repetition.
    Single,
    /// The same stretch to one side, then the other.
    Sides,
    /// Two different shapes in turn, such as cow then cat.
    Phases,
}

/// One hold of a repetition: a side, a phase, or the whole stretch.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hold {
    /// "Right side", "Cow"; empty for a single hold, required for sides and phases.
    #[serde(default)]
    pub name: String,
    /// What to do to get into this hold.
    #[schemars(pattern(TEXT_PATTERN))]
    pub how: String,
    /// A short line shown during the hold.
    #[schemars(pattern(TEXT_PATTERN))]
    pub cue: String,
}

/// A line drawing of the position: rows of characters one column wide (the built-in ones
/// use braille dots), every row of a drawing the same width.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Picture {
    /// The starting position (or the first phase), at most 12 rows of at most 32 columns.
    #[schemars(length(min = 1, max = PICTURE_MAX.0), inner(length(max = PICTURE_MAX.1)))]
    pub start: Vec<String>,
    /// The stretch (the second phase, or the first side), at most 12 rows of at most 32
    /// columns.
    #[schemars(length(min = 1, max = PICTURE_MAX.0), inner(length(max = PICTURE_MAX.1)))]
    pub end: Vec<String>,
    /// For two sides: how the second side's drawing follows from `end`.
    #[serde(default)]
    pub other_side: Option<OtherSide>,
}

/// How the second side's drawing is made from the first.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OtherSide {
    /// Left and right swapped (a figure seen from the front or side).
    Mirror,
    /// Top and bottom swapped (a figure seen from above, head to one side).
    Flip,
}

/// One stretch: how to get into it, what to do, and what to watch for.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// One hold for "single"; two named ones for "sides" and "phases".
#[schemars(extend(
    "if" = { "properties": { "hold_kind": { "const": "single" } }, "required": ["hold_kind"] },
    "then" = { "properties": { "holds": { "maxItems": 1 } } },
    "else" = { "properties": { "holds": {
        "minItems": 2,
        "items": { "properties": { "name": { "pattern": "\\S" } }, "required": ["name"] }
    } } }
))]
pub struct Stretch {
    /// Lowercase letters, digits and '-', unique among stretches and routines; used on
    /// the command line (`backstretch show ID`).
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// The name shown in lists and headings.
    #[schemars(pattern(TEXT_PATTERN))]
    pub name: String,
    pub position: Position,
    /// Where it can be done, in plain words ("in bed or on the floor").
    #[schemars(pattern(TEXT_PATTERN))]
    pub place: String,
    /// What the stretch does, in a sentence.
    #[schemars(pattern(TEXT_PATTERN))]
    pub purpose: String,
    /// The steps to get into position, shown before the first hold.
    #[schemars(length(min = 1), inner(pattern(TEXT_PATTERN)))]
    pub setup: Vec<String>,
    pub hold_kind: HoldKind,
    /// One hold for "single", two for "sides" (first side, second side) and "phases".
    #[schemars(length(min = 1, max = 2))]
    pub holds: Vec<Hold>,
    /// An easier or different way to do it, if there is one.
    #[serde(default)]
    pub variation: Option<String>,
    /// What to watch for or avoid.
    #[schemars(pattern(TEXT_PATTERN))]
    pub caution: String,
    /// A line drawing of the position, or null for none.
    #[serde(default)]
    pub picture: Option<Picture>,
}

/// A ready routine: stretches done one after another.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Routine {
    /// Lowercase letters, digits and '-', unique, and different from every stretch id;
    /// used on the command line (`backstretch run ID`).
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// The name shown on the home screen.
    pub name: String,
    /// A line about who or where it is for.
    pub description: String,
    /// The ids of its stretches, in order; each must name a stretch of this file.
    #[schemars(length(min = 1), inner(pattern(ID_PATTERN)))]
    pub stretches: Vec<String>,
}

/// How soon a warning sign needs a doctor.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Call the emergency number or go to an emergency department now.
    Emergency,
    /// See a doctor or an urgent-care service today.
    Today,
    /// Book an appointment with a doctor.
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

/// What a result at one urgency says.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub urgency: Urgency,
    /// A heading such as "Emergency: get help now".
    pub title: String,
    /// What to do, in plain words.
    #[schemars(pattern(TEXT_PATTERN))]
    pub action: String,
}

/// A warning sign, asked about as a yes-or-no question.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sign {
    /// Lowercase letters, digits and '-', unique among the signs; kept with each answer.
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    pub urgency: Urgency,
    /// The question asked, answered yes or no.
    #[schemars(pattern(TEXT_PATTERN))]
    pub question: String,
    /// A short name for the sign, used in results ("numbness between the legs").
    #[schemars(pattern(TEXT_PATTERN))]
    pub short: String,
}

/// The red-flag checklist: the signs that need a doctor, and what to do at each urgency.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedFlags {
    /// Shown above the questions.
    pub intro: String,
    /// Exactly one entry for each urgency: emergency, today and soon.
    #[schemars(length(min = 3, max = 3))]
    #[schemars(extend("allOf" = [
        { "contains": { "properties": { "urgency": { "const": "emergency" } } } },
        { "contains": { "properties": { "urgency": { "const": "today" } } } },
        { "contains": { "properties": { "urgency": { "const": "soon" } } } }
    ]))]
    pub levels: Vec<Level>,
    /// The questions, at least one of them with urgency "emergency".
    #[schemars(extend("contains" = {
        "properties": { "urgency": { "const": "emergency" } }, "required": ["urgency"]
    }))]
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

/// General advice shown on the screens.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    /// Shown on the summary after a session: keep moving gently.
    pub stay_active: String,
    /// Shown on the home screen: how long and how often to stretch.
    pub dose: String,
    /// Shown on the how-to pages and the checklist: tight, never painful.
    pub tight_not_pain: String,
    /// Shown when "this hurts" is pressed during a session.
    pub pain_stop: String,
    /// The reminder under every hold.
    pub hold_reminder: String,
    /// Shown from about day 14 when pain ratings are not clearly falling.
    pub not_improving: String,
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
            LEAD_IN_LIMITS.0,
            LEAD_IN_LIMITS.1,
        );
        check_bounds(
            &mut bad,
            "rest_seconds",
            &self.dose.rest_seconds,
            REST_LIMITS.0,
            REST_LIMITS.1,
        );

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
    fn a_schema_key_is_accepted_and_ignored() {
        assert!(EMBEDDED.contains("\"$schema\": \"./content.schema.json\""));
        let without = EMBEDDED.replacen("  \"$schema\": \"./content.schema.json\",\n", "", 1);
        assert_ne!(without, EMBEDDED);
        Content::parse(&without, "no-schema.json").unwrap_or_else(|r| panic!("{r}"));
        let other = EMBEDDED.replace("./content.schema.json", "https://example.org/s.json");
        Content::parse(&other, "other.json").unwrap_or_else(|r| panic!("{r}"));
        // Any other unknown key is still an error.
        let wrong = EMBEDDED.replacen("\"$schema\"", "\"$schemas\"", 1);
        let r = Content::parse(&wrong, "wrong.json").unwrap_err();
        assert!(r.problems[0].message.contains("$schemas"), "{r}");
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
