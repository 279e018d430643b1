//! The coaching content: the embedded `assets/content.json` (or a clinician's own file),
//! parsed into a typed model and validated in one pass that reports every problem.

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// The content shipped inside the binary.
#[allow(dead_code)] // used by tests and benches
pub const EMBEDDED: &str = crate::lang::EN;
/// The name used for the embedded file in messages.
pub const EMBEDDED_NAME: &str = "assets/content.json (built in)";

/// The newest format version this build understands. Version 2 added `meta`, a stretch's
/// own `dose` and `{hold}`-style placeholders; files written for version 1 still load
/// exactly as before.
pub const FORMAT_VERSION: u32 = 2;
/// The oldest format version still read.
pub const FORMAT_VERSION_MIN: u32 = 1;
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
// What is new in format 2 (meta, a stretch's own dose) needs "format_version": 2.
#[schemars(extend("allOf" = [
    {
        "if": { "properties": { "meta": { "type": "object" } }, "required": ["meta"] },
        "then": { "properties": { "format_version": { "const": 2 } } }
    },
    {
        "if": {
            "properties": { "stretches": { "contains": {
                "properties": { "dose": { "type": "object" } }, "required": ["dose"]
            } } },
            "required": ["stretches"]
        },
        "then": { "properties": { "format_version": { "const": 2 } } }
    }
]))]
pub struct Content {
    /// The JSON Schema this file follows, so that editors check it as you type (for
    /// example "content.schema.json"). backstretch itself ignores it.
    #[serde(rename = "$schema", default)]
    #[allow(dead_code)]
    pub schema: Option<String>,
    /// The version of this format: 2, or 1 for files written before `meta`, a stretch's
    /// own `dose` and `{hold}`-style placeholders.
    #[schemars(range(min = FORMAT_VERSION_MIN, max = FORMAT_VERSION))]
    pub format_version: u32,
    /// Who wrote this file, for whom, and whom to ask about it (format 2).
    #[serde(default)]
    pub meta: Option<Meta>,
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
    /// Every word the program says around the content, by key: headings, key names,
    /// footers, messages and plain-mode lines (`"checklist.title": "Red flags"`). A key
    /// left out takes the built-in text of the file's language (`meta.language`), else
    /// English, so a file needs only the words it changes. Texts may hold the placeholders
    /// of the English text (`{seconds}`, `{stretch}`); a word with plural forms has one key
    /// per form (`checklist.left.one`, `checklist.left.other`, and `.few`, `.many`... where
    /// the language needs them). `key.yes` and `key.no` are the answer keys.
    #[serde(default)]
    pub ui: std::collections::BTreeMap<String, String>,
    /// The `ui` table resolved for use (not part of the file).
    #[serde(skip)]
    pub words: crate::lang::Words,
    /// The words spoken with `--voice`; the built-in English when the section is absent.
    #[serde(default)]
    pub voice: Voice,
    /// Where the content came from (not part of the file).
    #[serde(skip)]
    pub source: Source,
    /// Things worth a look that do not stop the file from loading (not part of the file).
    #[serde(skip)]
    pub warnings: Vec<Problem>,
}

/// Who wrote a content file and whom to ask about it. Every field is optional text.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// A name for this set of exercises ("Morning routine"), shown in the home header.
    #[serde(default)]
    #[schemars(pattern(TEXT_PATTERN))]
    pub title: Option<String>,
    /// Who wrote it.
    #[serde(default)]
    #[schemars(pattern(TEXT_PATTERN))]
    pub author: Option<String>,
    /// The clinic or practice to ask about the exercises, shown with the red-flag results.
    #[serde(default)]
    #[schemars(pattern(TEXT_PATTERN))]
    pub clinic: Option<String>,
    /// The clinic's phone number, shown with the clinic.
    #[serde(default)]
    #[schemars(pattern(TEXT_PATTERN))]
    pub phone: Option<String>,
    /// When it was written (free text, such as 2026-11-30).
    #[serde(default)]
    #[schemars(pattern(TEXT_PATTERN))]
    pub date: Option<String>,
    /// Its version, recorded with every session that used it.
    #[serde(default)]
    #[schemars(pattern(TEXT_PATTERN))]
    pub version: Option<String>,
    /// The language of its text (such as en-GB).
    #[serde(default)]
    #[schemars(pattern(TEXT_PATTERN))]
    pub language: Option<String>,
    /// Anything else the clinician wants to say about it.
    #[serde(default)]
    #[schemars(pattern(TEXT_PATTERN))]
    pub notes: Option<String>,
}

impl Meta {
    /// Each field with its name, for checks and listings.
    pub fn fields(&self) -> [(&'static str, Option<&str>); 8] {
        [
            ("title", self.title.as_deref()),
            ("author", self.author.as_deref()),
            ("clinic", self.clinic.as_deref()),
            ("phone", self.phone.as_deref()),
            ("date", self.date.as_deref()),
            ("version", self.version.as_deref()),
            ("language", self.language.as_deref()),
            ("notes", self.notes.as_deref()),
        ]
    }
}

/// Which content a session used, as kept in its history line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct ContentId {
    /// The file's title (or its file name), or "built-in".
    pub title: String,
    /// The file's own version, if it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// SHA-256 of the file's bytes, in hex, as `sha256sum` prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// For the built-in content: the program's version, which fixes the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program_version: Option<String>,
}

impl fmt::Display for ContentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.sha256, &self.program_version) {
            (None, Some(v)) => write!(f, "built-in (backstretch {v})"),
            _ => {
                write!(f, "{}", self.title)?;
                if let Some(v) = &self.version {
                    write!(f, " version {v}")?;
                }
                if let Some(h) = &self.sha256 {
                    write!(f, " (sha256 {})", h.get(..12).unwrap_or(h))?;
                }
                Ok(())
            }
        }
    }
}

/// Where a content model came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Source {
    /// The file built into the program.
    #[default]
    BuiltIn,
    /// A file, named as it was given, with the SHA-256 of its bytes in lowercase hex.
    File { name: String, sha256: String },
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
    pub fn label(self, w: &crate::lang::Words) -> String {
        match self {
            Position::Lying => crate::tr!(w, "position.lying"),
            Position::Kneeling => crate::tr!(w, "position.kneeling"),
            Position::AllFours => crate::tr!(w, "position.all_fours"),
            Position::Seated => crate::tr!(w, "position.seated"),
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
    /// A dose fixed for this stretch alone (format 2): it replaces the chosen hold or
    /// repetitions, and cannot be changed from the keyboard or the command line.
    #[serde(default)]
    pub dose: Option<StretchDose>,
}

/// A stretch's own dose. Each part is optional; what is given must stay inside the
/// evidence bounds (holds of 10-30 s, 2-4 repetitions).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("minProperties" = 1))]
pub struct StretchDose {
    /// Seconds each hold of this stretch lasts (10-30).
    #[serde(default)]
    #[schemars(range(min = HOLD_LIMITS.0, max = HOLD_LIMITS.1))]
    pub hold_seconds: Option<u32>,
    /// Repetitions of this stretch (2-4).
    #[serde(default)]
    #[schemars(range(min = REPS_LIMITS.0, max = REPS_LIMITS.1))]
    pub repetitions: Option<u32>,
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
#[derive(
    Debug,
    Clone,
    Copy,
    Deserialize,
    serde::Serialize,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    JsonSchema,
)]
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
    /// Said with the question, not part of what is asked: examples or when it matters
    /// most.
    #[serde(default)]
    pub note: Option<String>,
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

/// The words of the spoken cues (and of `run --plain`'s announcements). When the section is
/// given, every entry must be: a file in another language then never mixes in English.
/// `{name}`-style placeholders are filled in; each entry lists the ones it may use.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Voice {
    /// The start of a stretch: {name}, {setup} (its first setup step).
    #[schemars(pattern(TEXT_PATTERN))]
    pub stretch: String,
    /// The start of a single hold: {seconds}.
    #[schemars(pattern(TEXT_PATTERN))]
    pub hold: String,
    /// The start of a hold with a side or phase: {side}, {seconds}.
    #[schemars(pattern(TEXT_PATTERN))]
    pub hold_side: String,
    /// Before the hold words when a hold is tried again gentler after a pain stop (also
    /// shown on the hold screen).
    #[schemars(pattern(TEXT_PATTERN))]
    pub gentler: String,
    /// Half of a hold gone.
    #[schemars(pattern(TEXT_PATTERN))]
    pub halfway: String,
    /// The last three seconds of a hold, as one utterance.
    #[schemars(pattern(TEXT_PATTERN))]
    pub countdown: String,
    /// The end of a hold, into a rest: {seconds} of rest.
    #[schemars(pattern(TEXT_PATTERN))]
    pub release: String,
    /// The end of a hold when the next one is on the other side or phase: {side}.
    #[schemars(pattern(TEXT_PATTERN))]
    pub switch: String,
    /// The end of the last hold of a stretch, before the next stretch.
    #[schemars(pattern(TEXT_PATTERN))]
    pub release_last: String,
    /// Paused: {seconds} left.
    #[schemars(pattern(TEXT_PATTERN))]
    pub paused: String,
    /// Going on after a pause: {seconds} left.
    #[schemars(pattern(TEXT_PATTERN))]
    pub resumed: String,
    /// A stretch waiting for the person: {key} to start.
    #[schemars(pattern(TEXT_PATTERN))]
    pub waiting: String,
    /// Time left in a hold, every ten seconds (written in `run --plain`, not spoken): {seconds}.
    #[schemars(pattern(TEXT_PATTERN))]
    pub left: String,
    /// The end of the session.
    #[schemars(pattern(TEXT_PATTERN))]
    pub session_end: String,
}

impl Default for Voice {
    fn default() -> Voice {
        let s = |t: &str| t.to_string();
        Voice {
            stretch: s("{name}. {setup}"),
            hold: s("Hold for {seconds} seconds."),
            hold_side: s("{side}. Hold."),
            gentler: s("Gentler now: go less far, only to a light pull, and keep breathing."),
            halfway: s("Halfway."),
            countdown: s("3, 2, 1."),
            release: s("Release. Rest for {seconds} seconds."),
            switch: s("Now the {side}."),
            release_last: s("Release."),
            paused: s("Paused: {seconds} seconds left."),
            resumed: s("Going on: {seconds} seconds left."),
            waiting: s("Take your time. Press {key} when you are ready."),
            left: s("{seconds} seconds left."),
            session_end: s("Release. That is the end of the session. Well done."),
        }
    }
}

impl Voice {
    /// Each entry with its name and the placeholders it may use.
    pub fn entries(&self) -> [(&'static str, &str, &'static [&'static str]); 14] {
        [
            ("stretch", &self.stretch, &["name", "setup"]),
            ("hold", &self.hold, &["seconds"]),
            ("hold_side", &self.hold_side, &["side", "seconds"]),
            ("gentler", &self.gentler, &[]),
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

/// The report echoes ids, keys and the file name from a file that may be hostile: every
/// part goes through the sanitiser.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::clean;
        let n = self.problems.len();
        let file = clean(&self.file);
        writeln!(
            f,
            "{file}: {} problem{} found",
            n,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "  {file}")?;
            if let Some((l, c)) = p.line_col {
                write!(f, ":{l}:{c}")?;
            }
            if !p.path.is_empty() {
                write!(f, ": at {}", clean(&p.path))?;
            }
            writeln!(f, ": {}", clean(&p.message))?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

/// Past this many words a checklist question gets a warning.
pub const MAX_QUESTION_WORDS: usize = 30;

/// The warnings of a file that loads, one line each, for `validate` and `prescribe`.
pub fn warnings(file: &str, c: &Content) -> String {
    let mut o = String::new();
    for p in &c.warnings {
        o.push_str(&format!("  {file}: warning"));
        if !p.path.is_empty() {
            o.push_str(&format!(": at {}", p.path));
        }
        o.push_str(&format!(": {}\n", p.message));
    }
    o
}

impl Content {
    /// The content built into the binary. It is checked by the test suite, so a failure
    /// here is a build mistake, not user input.
    #[allow(dead_code)] // used by tests and benches
    pub fn embedded() -> Content {
        Content::built_in("en")
    }

    /// The content built in for a language ("en", "es"); English for any other code.
    /// Each language is parsed once per run and cloned after that (tests build thousands
    /// of apps).
    pub fn built_in(lang: &str) -> Content {
        use std::sync::OnceLock;
        const N: usize = crate::lang::BUILT_IN.len();
        static PARSED: [OnceLock<Content>; N] = [const { OnceLock::new() }; N];
        let i = crate::lang::BUILT_IN
            .iter()
            .position(|(c, _, _)| *c == lang)
            .unwrap_or(0);
        PARSED[i]
            .get_or_init(|| {
                let (code, _, text) = crate::lang::BUILT_IN[i];
                match Content::parse(text, EMBEDDED_NAME) {
                    Ok(mut c) => {
                        c.source = Source::BuiltIn;
                        c.words = crate::lang::Words::new(code, &c.ui);
                        c
                    }
                    Err(r) => panic!("built-in content ({code}) is invalid:\n{r}"),
                }
            })
            .clone()
    }

    /// The language of the file's words: `meta.language` cut to its code, else English.
    pub fn language(&self) -> String {
        self.meta
            .as_ref()
            .and_then(|m| m.language.as_deref())
            .and_then(crate::lang::code)
            .unwrap_or_else(|| "en".into())
    }

    /// Reads and checks a content file from disk.
    pub fn load(path: &Path) -> Result<Content, Report> {
        let name = crate::text::path(path);
        match crate::files::read_text(path, crate::files::CONTENT_CAP) {
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

    /// Parses and validates JSON text; `file` names it in the report. Problems that stop
    /// the file come back as the report; milder ones are kept in `warnings`.
    pub fn parse(text: &str, file: &str) -> Result<Content, Report> {
        let sha256 = sha256_hex(text.as_bytes());
        let text = strip_bom(text);
        let report = |problems: Vec<Problem>| Report {
            file: file.to_string(),
            problems: name_items(text, problems),
        };
        let de = &mut serde_json::Deserializer::from_str(text);
        let mut content: Content = match serde_path_to_error::deserialize(de) {
            Ok(c) => c,
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let line_col = Some((
                    inner.line(),
                    char_column(text, inner.line(), inner.column()),
                ));
                let message = strip_position(&inner.to_string());
                // A syntax error has no meaningful path: the line and column say where.
                let syntax = inner.is_syntax() || inner.is_eof();
                let message = if syntax {
                    format!("invalid JSON: {message}")
                } else {
                    explain_missing(&path, message)
                };
                let path = if syntax || path == "." {
                    String::new()
                } else {
                    path
                };
                let mut problems = vec![Problem {
                    path,
                    line_col,
                    message,
                }];
                problems.extend(control_characters(text));
                return Err(report(problems));
            }
        };
        let (mut problems, warnings) = content.check();
        problems.extend(control_characters(text));
        if !problems.is_empty() {
            return Err(report(problems));
        }
        content.words = crate::lang::Words::new(&content.language(), &content.ui);
        let mut warnings = warnings;
        warnings.extend(content.ui_warnings());
        content.warnings = name_items(text, warnings);
        content.fill_placeholders();
        content.source = Source::File {
            name: file.to_string(),
            sha256,
        };
        Ok(content)
    }

    /// Every rule, every problem: what stops the file, and what is only worth a look.
    pub fn check(&self) -> (Vec<Problem>, Vec<Problem>) {
        let mut problems = self.validate();
        let mut warnings = Vec::new();
        for p in self.dose_text_problems() {
            // Version 1 files keep loading as they always did; from version 2 a text that
            // contradicts the timer stops the file.
            if self.format_version >= 2 {
                problems.push(p);
            } else {
                warnings.push(p);
            }
        }
        // A question is read by someone in pain, lying down: one thing, short.
        for (i, sign) in self.red_flags.signs.iter().enumerate() {
            let n = sign.question.split_whitespace().count();
            if n > MAX_QUESTION_WORDS {
                warnings.push(Problem {
                    path: format!("red_flags.signs[{i}].question"),
                    line_col: None,
                    message: format!(
                        "{n} words: keep a question to about 25 (ask one thing; put examples in \"note\")"
                    ),
                });
            }
        }
        (problems, warnings)
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

        if !(FORMAT_VERSION_MIN..=FORMAT_VERSION).contains(&self.format_version) {
            bad(
                "format_version".into(),
                format!(
                    "expected format version {FORMAT_VERSION_MIN} or {FORMAT_VERSION}, found {}",
                    self.format_version
                ),
            );
        }
        let v2 = |bad: &mut dyn FnMut(String, String), path: String, what: &str| {
            bad(
                path,
                format!("{what} is new in format version 2: set \"format_version\": 2 to use it"),
            )
        };
        if self.format_version < 2 && self.meta.is_some() {
            v2(&mut bad, "meta".into(), "the meta section");
        }
        for (i, s) in self.stretches.iter().enumerate() {
            if self.format_version < 2 && s.dose.is_some() {
                v2(
                    &mut bad,
                    format!("stretches[{i}].dose"),
                    "a stretch's own dose",
                );
            }
            if let Some(d) = s.dose {
                let p = format!("stretches[{i}].dose");
                if d.hold_seconds.is_none() && d.repetitions.is_none() {
                    bad(
                        p.clone(),
                        "expected hold_seconds, repetitions or both, found neither".into(),
                    );
                }
                if let Some(h) = d.hold_seconds
                    && !(HOLD_LIMITS.0..=HOLD_LIMITS.1).contains(&h)
                {
                    bad(
                        format!("{p}.hold_seconds"),
                        format!(
                            "expected a hold between {} and {} seconds, found {h}",
                            HOLD_LIMITS.0, HOLD_LIMITS.1
                        ),
                    );
                }
                if let Some(r) = d.repetitions
                    && !(REPS_LIMITS.0..=REPS_LIMITS.1).contains(&r)
                {
                    bad(
                        format!("{p}.repetitions"),
                        format!(
                            "expected between {} and {} repetitions, found {r}",
                            REPS_LIMITS.0, REPS_LIMITS.1
                        ),
                    );
                }
            }
        }
        if let Some(m) = &self.meta {
            for (field, v) in m.fields() {
                if v.is_some_and(|v| v.trim().is_empty()) {
                    bad(
                        format!("meta.{field}"),
                        "expected some text, found none (leave the field out instead)".into(),
                    );
                }
            }
        }
        if self.format_version >= 2 {
            let mut me = self.clone();
            me.each_text(|path, _, _, text| {
                for name in placeholders(text) {
                    if !PLACEHOLDERS.contains(&name.as_str()) {
                        bad(
                            path.to_string(),
                            format!(
                                "unknown placeholder {{{name}}}: the known ones are {}",
                                PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", ")
                            ),
                        );
                    }
                }
            });
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
        for (k, v) in &self.ui {
            let path = format!("ui.{k}");
            if !crate::lang::known_key(k) {
                let hint = crate::lang::english()
                    .keys()
                    .map(|e| (edit_distance(k, e), e))
                    .filter(|(d, e)| *d <= (e.len() / 3).max(2))
                    .min_by_key(|(d, _)| *d)
                    .map_or(String::new(), |(_, e)| format!(" (did you mean '{e}'?)"));
                bad(path, format!("no such key{hint}"));
                continue;
            }
            let allowed = crate::lang::allowed_placeholders(k);
            for p in crate::lang::placeholders(v) {
                if !allowed.contains(&p) {
                    let can = if allowed.is_empty() {
                        "this text takes none".to_string()
                    } else {
                        let names: Vec<String> =
                            allowed.iter().map(|a| format!("{{{a}}}")).collect();
                        format!("this text may use {}", names.join(", "))
                    };
                    bad(path.clone(), format!("no such placeholder {{{p}}}: {can}"));
                }
            }
            if v.trim().is_empty() {
                bad(path.clone(), "expected a text, found none".into());
            }
        }
        let words = crate::lang::Words::new(&self.language(), &self.ui);
        for k in crate::lang::ANSWER_KEYS {
            if let Some(v) = self.ui.get(k)
                && v.chars().count() != 1
            {
                bad(
                    format!("ui.{k}"),
                    format!(
                        "expected one character, the key to press, found \"{}\"",
                        shown(v)
                    ),
                );
            }
        }
        let (yes, no) = (words.yes_key(), words.no_key());
        if yes.to_lowercase().eq(no.to_lowercase()) {
            bad(
                "ui.key.no".into(),
                format!("the yes and no keys must differ, both are '{yes}'"),
            );
        }
        for k in [yes, no] {
            if !k.is_ascii_alphabetic() || "cq".contains(k.to_ascii_lowercase()) {
                bad(
                    "ui.key.yes".into(),
                    format!(
                        "'{k}' cannot answer: use a letter other than c and q, which the checklist and the gate already use"
                    ),
                );
            }
        }
        for (name, text, allowed) in self.voice.entries() {
            let path = format!("voice.{name}");
            if text.trim().is_empty() {
                bad(path.clone(), "expected words to speak, found none".into());
            }
            let can = if allowed.is_empty() {
                "none".to_string()
            } else {
                allowed
                    .iter()
                    .map(|a| format!("{{{a}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            for p in placeholders(text)
                .into_iter()
                .filter(|p| !allowed.contains(&p.as_str()))
            {
                bad(
                    path.clone(),
                    format!("unknown placeholder {{{p}}}: this entry can use {can}"),
                );
            }
        }
        out
    }

    /// What a `ui` table leaves to a built-in table, and texts that leave out a
    /// placeholder the English has: worth a look, not wrong.
    fn ui_warnings(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let w = &self.words;
        if !w.defaulted.is_empty() {
            let whose = crate::lang::BUILT_IN
                .iter()
                .find(|(c, _, _)| *c == w.fallback)
                .map_or("English", |(_, n, _)| *n);
            out.push(Problem {
                path: "ui".into(),
                line_col: None,
                message: format!(
                    "{} left to the built-in {whose} text ({}): {}",
                    crate::plain::count(w.defaulted.len(), "key is", "keys are"),
                    w.fallback,
                    w.defaulted.join(", ")
                ),
            });
        }
        for (k, v) in &self.ui {
            if !crate::lang::known_key(k) {
                continue;
            }
            let has = crate::lang::placeholders(v);
            let english = crate::lang::english().get(k.as_str());
            for p in english
                .map(|e| crate::lang::placeholders(e))
                .unwrap_or_default()
            {
                if !has.contains(&p) && p != "n" {
                    out.push(Problem {
                        path: format!("ui.{k}"),
                        line_col: None,
                        message: format!("the English text shows {{{p}}}; this one leaves it out"),
                    });
                }
            }
        }
        out
    }

    pub fn stretch(&self, id: &str) -> Option<&Stretch> {
        self.stretches.iter().find(|s| s.id == id)
    }

    /// A stretch's name, or the id itself if this content has no such stretch (a history
    /// written with other content).
    pub fn stretch_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.stretch(id).map_or(id, |s| s.name.as_str())
    }

    pub fn stretch_index(&self, id: &str) -> Option<usize> {
        self.stretches.iter().position(|s| s.id == id)
    }

    pub fn routine(&self, id: &str) -> Option<&Routine> {
        self.routines.iter().find(|r| r.id == id)
    }

    /// The hold a stretch always has, when nothing can change it: its own dose, or a file
    /// whose bounds allow one value only.
    pub fn fixed_hold(&self, s: &Stretch) -> Option<u32> {
        let b = self.dose.hold_seconds;
        s.dose
            .and_then(|d| d.hold_seconds)
            .or((b.min == b.max).then_some(b.min))
    }

    /// The repetitions a stretch always has, when nothing can change them.
    pub fn fixed_reps(&self, s: &Stretch) -> Option<u32> {
        let b = self.dose.repetitions;
        s.dose
            .and_then(|d| d.repetitions)
            .or((b.min == b.max).then_some(b.min))
    }

    /// The hold in words for a stretch (or the file when `None`): "15 s" when fixed,
    /// else "10-30 s (default 20 s)". Never "15-15 s".
    pub fn hold_words(&self, s: Option<&Stretch>) -> String {
        let b = self.dose.hold_seconds;
        match s
            .and_then(|s| self.fixed_hold(s))
            .or((b.min == b.max).then_some(b.min))
        {
            Some(h) => crate::tr!(self.words, "dose.hold_fixed", seconds = h),
            None => crate::tr!(
                self.words,
                "dose.hold_range",
                min = b.min,
                max = b.max,
                default = b.default
            ),
        }
    }

    /// The repetitions in words: "3 repetitions" when fixed, else "2-4 repetitions
    /// (default 2)".
    pub fn reps_words(&self, s: Option<&Stretch>) -> String {
        let b = self.dose.repetitions;
        match s
            .and_then(|s| self.fixed_reps(s))
            .or((b.min == b.max).then_some(b.min))
        {
            Some(r) => crate::trn!(self.words, "dose.reps_fixed", r),
            None => crate::tr!(
                self.words,
                "dose.reps_range",
                min = b.min,
                max = b.max,
                default = b.default
            ),
        }
    }

    /// Whether any stretch carries a dose of its own.
    pub fn has_stretch_doses(&self) -> bool {
        self.stretches.iter().any(|s| s.dose.is_some())
    }

    /// Every text that may state a dose, with its path, its stretch (if any) and whether
    /// it is about holding (where a number of seconds or times must match the dose).
    fn each_text(&mut self, mut f: impl FnMut(&str, Option<usize>, bool, &mut String)) {
        let g = &mut self.guidance;
        for (name, text, dose) in [
            ("stay_active", &mut g.stay_active, false),
            ("dose", &mut g.dose, true),
            ("tight_not_pain", &mut g.tight_not_pain, false),
            ("pain_stop", &mut g.pain_stop, false),
            ("hold_reminder", &mut g.hold_reminder, true),
            ("not_improving", &mut g.not_improving, false),
        ] {
            f(&format!("guidance.{name}"), None, dose, text);
        }
        for (i, s) in self.stretches.iter_mut().enumerate() {
            let p = format!("stretches[{i}]");
            f(&format!("{p}.purpose"), Some(i), false, &mut s.purpose);
            for (j, step) in s.setup.iter_mut().enumerate() {
                f(&format!("{p}.setup[{j}]"), Some(i), false, step);
            }
            for (j, h) in s.holds.iter_mut().enumerate() {
                f(&format!("{p}.holds[{j}].how"), Some(i), true, &mut h.how);
                f(&format!("{p}.holds[{j}].cue"), Some(i), true, &mut h.cue);
            }
            if let Some(v) = &mut s.variation {
                f(&format!("{p}.variation"), Some(i), true, v);
            }
            f(&format!("{p}.caution"), Some(i), false, &mut s.caution);
        }
    }

    /// The hold and repetitions a text speaks for, as (lowest, highest) pairs: a
    /// stretch's fixed dose, or the file's bounds.
    fn dose_range(&self, stretch: Option<usize>) -> ((u32, u32), (u32, u32)) {
        let d = &self.dose;
        let mut hold = (d.hold_seconds.min, d.hold_seconds.max);
        let mut reps = (d.repetitions.min, d.repetitions.max);
        if let Some(s) = stretch.and_then(|i| self.stretches.get(i)) {
            if let Some(h) = self.fixed_hold(s) {
                hold = (h, h);
            }
            if let Some(r) = self.fixed_reps(s) {
                reps = (r, r);
            }
        }
        (hold, reps)
    }

    /// Fills `{hold}` and the other placeholders from the dose (format 2 only: in a
    /// version 1 file braces are only braces).
    fn fill_placeholders(&mut self) {
        if self.format_version < 2 {
            return;
        }
        let me = self.clone();
        self.each_text(|_, stretch, _, text| {
            if !text.contains('{') {
                return;
            }
            let (hold, reps) = me.dose_range(stretch);
            let d = &me.dose;
            let range_words = |lo: u32, hi: u32| {
                if lo == hi {
                    lo.to_string()
                } else {
                    crate::tr!(me.words, "dose.range", min = lo, max = hi)
                }
            };
            for (name, value) in [
                ("hold", range_words(hold.0, hold.1)),
                ("reps", range_words(reps.0, reps.1)),
                ("hold_min", d.hold_seconds.min.to_string()),
                ("hold_max", d.hold_seconds.max.to_string()),
                ("reps_min", d.repetitions.min.to_string()),
                ("reps_max", d.repetitions.max.to_string()),
            ] {
                *text = text.replace(&format!("{{{name}}}"), &value);
            }
        });
    }

    /// A number of seconds or times written into a text about holding that the dose
    /// contradicts ("10 to 30 seconds" in a file that fixes 15).
    fn dose_text_problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut me = self.clone();
        me.each_text(|path, stretch, about_holding, text| {
            if !about_holding {
                return;
            }
            let ((h0, h1), (r0, r1)) = self.dose_range(stretch);
            for claim in dose_claims(text) {
                let (lo, hi, unit, placeholder) = if claim.seconds {
                    (h0, h1, " s", "{hold}")
                } else {
                    (r0, r1, " repetitions", "{reps}")
                };
                if claim.numbers.iter().all(|n| (lo..=hi).contains(n)) {
                    continue;
                }
                let dose = if lo == hi {
                    format!("{lo}{unit}")
                } else {
                    format!("{lo}-{hi}{unit}")
                };
                let own = stretch.is_some() && (lo, hi) != self.file_range(claim.seconds);
                let whose = match (own, lo == hi) {
                    (true, _) => "this stretch's dose is",
                    (false, true) => "the file's dose is",
                    (false, false) => "the file's dose allows",
                };
                out.push(Problem {
                    path: path.to_string(),
                    line_col: None,
                    message: format!(
                        "the text says \"{}\", but {whose} {dose}: write {placeholder} to use the prescribed number",
                        shown(&claim.words)
                    ),
                });
            }
        });
        out
    }

    fn file_range(&self, seconds: bool) -> (u32, u32) {
        let b = if seconds {
            self.dose.hold_seconds
        } else {
            self.dose.repetitions
        };
        (b.min, b.max)
    }

    /// What a session records about the content it used.
    pub fn identity(&self) -> ContentId {
        match &self.source {
            Source::BuiltIn => ContentId {
                title: "built-in".into(),
                version: None,
                sha256: None,
                program_version: Some(env!("CARGO_PKG_VERSION").into()),
            },
            Source::File { name, sha256 } => ContentId {
                title: self.meta_field(|m| &m.title).unwrap_or_else(|| {
                    Path::new(name)
                        .file_name()
                        .map_or(name.clone(), |n| n.to_string_lossy().into_owned())
                }),
                version: self.meta_field(|m| &m.version),
                sha256: Some(sha256.clone()),
                program_version: None,
            },
        }
    }

    /// A `meta` field, trimmed and safe to print; `None` when missing or blank.
    pub fn meta_field(&self, f: impl Fn(&Meta) -> &Option<String>) -> Option<String> {
        self.meta
            .as_ref()
            .and_then(|m| f(m).as_deref())
            .map(|s| shown(s.trim()))
            .filter(|s| !s.is_empty())
    }

    /// How home names a clinician's file: "Morning routine · Riverside Physio", or the
    /// file's name when it has no title; `None` for the built-in content.
    pub fn label(&self) -> Option<String> {
        if self.source == Source::BuiltIn {
            return None;
        }
        let title = self.identity().title;
        Some(match self.meta_field(|m| &m.clinic) {
            Some(c) => format!("{title} · {c}"),
            None => title,
        })
    }

    /// Whom to ask about the exercises: "Riverside Physio, 01632 960 123".
    pub fn clinic_contact(&self) -> Option<String> {
        let parts: Vec<String> = [
            self.meta_field(|m| &m.clinic),
            self.meta_field(|m| &m.phone),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The line shown on the "today" and "soon" results and in the first-run notice, below
    /// (never instead of) what to do and the emergency number.
    pub fn clinic_line(&self) -> Option<String> {
        self.clinic_contact()
            .map(|c| crate::tr!(self.words, "clinic.line", clinic = c))
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

/// Every string of the file that holds a control character (an escape sequence could
/// drive the terminal it is printed on), by its JSON path.
fn control_characters(text: &str) -> Vec<Problem> {
    fn walk(v: &serde_json::Value, path: &mut String, out: &mut Vec<Problem>) {
        match v {
            serde_json::Value::String(s) => {
                if let Some((i, c)) = s
                    .chars()
                    .enumerate()
                    .find(|(_, c)| crate::text::is_hostile(*c))
                {
                    out.push(Problem {
                        path: path.clone(),
                        line_col: None,
                        message: format!(
                            "expected plain text, found the control character U+{:04X} at character {}; remove it (escape sequences could drive the terminal)",
                            c as u32,
                            i + 1
                        ),
                    });
                }
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(item, path, out);
                    path.truncate(len);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                    walk(item, path, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
        walk(&v, &mut String::new(), &mut out);
    }
    out
}

fn check_id(bad: &mut dyn FnMut(String, String), path: &str, id: &str) {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    if id.is_empty() {
        bad(
            path.to_string(),
            "expected an id made of lowercase a-z, digits and -, found an empty id".into(),
        );
    } else if let Some(c) = id.chars().find(|&c| !allowed(c)) {
        bad(
            path.to_string(),
            format!(
                "expected an id made of lowercase a-z, digits and -, found '{}' ({} is not allowed)",
                shown(id),
                match c {
                    ' ' => "a space".to_string(),
                    c if c.is_control() => format!("the control character {}", c.escape_unicode()),
                    c => format!("'{c}'"),
                }
            ),
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

/// The placeholders a format-2 text may hold, filled from the dose when the file loads.
pub const PLACEHOLDERS: [&str; 6] = [
    "hold", "reps", "hold_min", "hold_max", "reps_min", "reps_max",
];

/// The names inside `{...}` in a text, in order.
fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find(['}', '{']) {
            Some(close) if after[close..].starts_with('}') => {
                out.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            Some(close) => rest = &after[close..],
            None => break,
        }
    }
    out
}

/// A number or range written before a unit in free text ("20 seconds", "2 to 4 times").
#[derive(Debug, Clone, PartialEq, Eq)]
struct DoseClaim {
    numbers: Vec<u32>,
    seconds: bool,
    words: String,
}

fn dose_claims(text: &str) -> Vec<DoseClaim> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let number = |i: &mut usize| -> Option<u32> {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        (start < *i)
            .then(|| chars[start..*i].iter().collect::<String>().parse().ok())
            .flatten()
    };
    let spaces = |i: &mut usize| {
        while *i < chars.len() && chars[*i] == ' ' {
            *i += 1;
        }
    };
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let begin = i;
        let mut numbers = vec![number(&mut i).unwrap_or(u32::MAX)];
        let mut j = i;
        spaces(&mut j);
        let joiner: String = chars[j..].iter().take(3).collect();
        let skip = if joiner.starts_with("to ") || joiner.starts_with("or ") {
            3
        } else if joiner.starts_with(['-', '–']) {
            1
        } else {
            0
        };
        if skip > 0 {
            let mut k = j + skip;
            spaces(&mut k);
            if let Some(n) = number(&mut k) {
                numbers.push(n);
                i = k;
            }
        }
        let mut k = i;
        spaces(&mut k);
        let w0 = k;
        while k < chars.len() && chars[k].is_alphabetic() {
            k += 1;
        }
        let word: String = chars[w0..k].iter().collect::<String>().to_lowercase();
        let seconds = matches!(word.as_str(), "s" | "sec" | "secs" | "second" | "seconds");
        let reps = matches!(
            word.as_str(),
            "time" | "times" | "rep" | "reps" | "repetition" | "repetitions" | "repeats"
        );
        if seconds || reps {
            out.push(DoseClaim {
                numbers,
                seconds,
                words: chars[begin..k].iter().collect(),
            });
        }
        i = k.max(i + 1);
    }
    out
}

/// The file's hash, as `sha256sum` prints it.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A UTF-8 byte-order mark, which some editors write at the start of a file, is accepted
/// and ignored (the one place it is handled).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// serde_json counts columns in bytes; people count characters.
fn char_column(text: &str, line: usize, byte_col: usize) -> usize {
    let Some(l) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_col;
    };
    let mut end = byte_col.min(l.len());
    while !l.is_char_boundary(end) {
        end -= 1;
    }
    let before = l[..end].chars().count();
    // The byte column points at the last byte read; past the end of a multi-byte
    // character it is still that character.
    if end < byte_col.min(l.len()) {
        before + 1
    } else {
        before
    }
}

/// Text from a file, made safe to print: the one sanitiser, [`crate::text::clean`].
pub fn shown(s: &str) -> String {
    crate::text::clean(s).into_owned()
}

/// Adds each list item's id to a path, so `routines[1].stretches[2]` reads
/// `routines[1] 'floor'.stretches[2]`: the item is found by its name, not only by counting.
fn name_items(text: &str, problems: Vec<Problem>) -> Vec<Problem> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else {
        return problems;
    };
    problems
        .into_iter()
        .map(|mut p| {
            p.path = name_path(&doc, &p.path);
            p
        })
        .collect()
}

fn name_path(doc: &serde_json::Value, path: &str) -> String {
    let mut out = String::new();
    let mut v = Some(doc);
    for (n, seg) in path.split('.').enumerate() {
        if n > 0 {
            out.push('.');
        }
        out.push_str(seg);
        let (key, index) = match seg.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (seg, None),
        };
        v = v.and_then(|v| v.get(key));
        if let Some(i) = index {
            v = v.and_then(|v| v.get(i));
            let name = v
                .and_then(|v| v.get("id").or_else(|| v.get("urgency")))
                .and_then(|n| n.as_str());
            if let Some(name) = name {
                out.push_str(&format!(" '{}'", shown(name)));
            }
        }
    }
    out
}

/// What a required field is for, so "missing field" says what to write.
fn field_purpose(container: &str, field: &str) -> Option<&'static str> {
    Some(match (container, field) {
        ("", "format_version") => {
            "which version of the content format the file is written for (1 or 2)"
        }
        ("", "dose") => {
            "the hold, repetitions, lead-in and rest times, each with min, max and default"
        }
        ("", "stretches") => "the stretches that can be done",
        ("", "routines") => "the ready routines offered on the home screen",
        ("", "red_flags") => "the warning-sign checklist",
        ("", "guidance") => "the general advice shown on the screens",
        ("", "disclaimer") => "the notice that this is not medical advice, shown on first run",
        ("dose", "hold_seconds") => "how long each hold lasts, within 10-30 seconds",
        ("dose", "repetitions") => "how many times each stretch is done, within 2-4",
        ("dose", "lead_in_seconds") => "the time to get into position before a stretch",
        ("dose", "rest_seconds") => "the rest between holds",
        ("bounds", "min") => "the smallest value that can be chosen",
        ("bounds", "max") => "the largest value that can be chosen",
        ("bounds", "default") => "the value used unless the person changes it",
        ("stretches", "id") => {
            "the short name used on the command line: lowercase a-z, digits and -"
        }
        ("stretches", "name") => "the name shown on screen",
        ("stretches", "position") => "how the body is placed: lying, kneeling, all_fours or seated",
        ("stretches", "place") => "where it can be done, in plain words",
        ("stretches", "purpose") => "what the stretch is for, shown on its how-to page",
        ("stretches", "setup") => "the steps to get into position",
        ("stretches", "hold_kind") => {
            "single, sides or phases: how the holds of one repetition relate"
        }
        ("stretches", "holds") => "what to do in each hold",
        ("stretches", "caution") => "the warning shown with the stretch",
        ("holds", "how") => "what to do to get into this hold",
        ("holds", "cue") => "the short line shown during the hold",
        ("picture", "start") => "the drawing of the starting position",
        ("picture", "end") => "the drawing of the stretch itself",
        ("routines", "id") => {
            "the short name used on the command line: lowercase a-z, digits and -"
        }
        ("routines", "name") => "the name shown on the home screen",
        ("routines", "description") => "the line shown when the routine is selected",
        ("routines", "stretches") => "the ids of its stretches, in the order they are done",
        ("red_flags", "intro") => "the text shown before the questions",
        ("red_flags", "levels") => "what to do at each urgency: emergency, today and soon",
        ("red_flags", "signs") => "the warning signs asked about",
        ("red_flags", "none") => "the message shown when no sign applies",
        ("levels", "urgency") => "emergency, today or soon",
        ("levels", "title") => "the heading of the result",
        ("levels", "action") => "what to do at this level",
        ("signs", "id") => {
            "the sign's short name in the saved answers: lowercase a-z, digits and -"
        }
        ("signs", "urgency") => "how urgent the sign is: emergency, today or soon",
        ("signs", "question") => "the yes-or-no question asked",
        ("signs", "short") => "a short name for the sign, used in results",
        ("guidance", "stay_active") => "the advice to keep moving, shown after a session",
        ("guidance", "dose") => "the advice on how long and how often to stretch",
        ("guidance", "tight_not_pain") => {
            "the reminder that a stretch should feel tight, never painful"
        }
        ("guidance", "pain_stop") => "what to do when a stretch hurts",
        ("guidance", "hold_reminder") => "the line shown under every hold",
        ("guidance", "not_improving") => "the advice shown when pain ratings are not falling",
        _ => return None,
    })
}

/// serde's "missing field `x`" with what the field is for.
fn explain_missing(path: &str, message: String) -> String {
    let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    else {
        return message;
    };
    let last = path.rsplit('.').next().unwrap_or("");
    let container = match last.split('[').next().unwrap_or("") {
        "hold_seconds" | "repetitions" | "lead_in_seconds" | "rest_seconds" => "bounds",
        c => c,
    };
    match field_purpose(container, field) {
        Some(why) => format!("{message}: {why}"),
        None => message,
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

    /// The Spanish content says the same things as the English: the same stretches with
    /// the same holds and pictures, the same routines, the same dose, the same warning
    /// signs at the same levels, and the emergency number phrase in Spanish form.
    #[test]
    fn spanish_content_matches_the_english_in_all_but_words() {
        let en = Content::built_in("en");
        let es = Content::built_in("es");
        assert!(es.warnings.is_empty(), "{:?}", es.warnings);
        assert_eq!(es.words.lang, "es");
        assert_eq!(es.language(), "es");
        let d = |c: &Content| format!("{:?}", c.dose);
        assert_eq!(d(&en), d(&es));
        assert_eq!(en.stretches.len(), es.stretches.len());
        for (a, b) in en.stretches.iter().zip(&es.stretches) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.position, b.position);
            assert_eq!(a.hold_kind, b.hold_kind);
            assert_eq!(a.holds.len(), b.holds.len());
            assert_eq!(a.setup.len(), b.setup.len());
            assert_eq!(a.variation.is_some(), b.variation.is_some());
            assert_eq!(format!("{:?}", a.picture), format!("{:?}", b.picture));
            assert_ne!(a.name, b.name, "{} is not translated", a.id);
        }
        let r = |c: &Content| -> Vec<(String, Vec<String>)> {
            c.routines
                .iter()
                .map(|r| (r.id.clone(), r.stretches.clone()))
                .collect()
        };
        assert_eq!(r(&en), r(&es));
        let signs = |c: &Content| -> Vec<(String, Urgency, bool)> {
            c.red_flags
                .signs
                .iter()
                .map(|s| (s.id.clone(), s.urgency, s.note.is_some()))
                .collect()
        };
        assert_eq!(signs(&en), signs(&es));
        for s in &es.red_flags.signs {
            assert!(s.question.starts_with('¿') && s.question.ends_with('?'));
            assert!(s.question.split_whitespace().count() <= 25, "{}", s.id);
        }
        let levels = |c: &Content| -> Vec<Urgency> {
            c.red_flags.levels.iter().map(|l| l.urgency).collect()
        };
        assert_eq!(levels(&en), levels(&es));
        let action = es.red_flags.action(Urgency::Emergency);
        assert!(
            action.contains("su número local de emergencias (por ejemplo 911, 999 o 112)"),
            "{action}"
        );
        // The dose placeholders are filled in Spanish words.
        assert!(
            es.guidance.dose.contains("entre 10 y 30 segundos"),
            "{}",
            es.guidance.dose
        );
    }

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
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(
            fill(
                "{side}. Hold {x} {seconds}",
                &[("side", "Right side"), ("seconds", "20")]
            ),
            "Right side. Hold {x} 20"
        );
        assert_eq!(fill("no braces {", &[]), "no braces {");
        assert_eq!(placeholders("a {b} c {d}"), vec!["b", "d"]);
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
    fn the_built_in_questions_are_short_and_a_long_one_is_warned_about() {
        let c = Content::embedded();
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        for s in &c.red_flags.signs {
            let n = s.question.split_whitespace().count();
            assert!(n <= 25, "{}: {n} words", s.id);
        }
        let long = "Is it this, or that, or the other, or something else again, or any of a long list of things that go on and on past what anyone can easily read?";
        let text = EMBEDDED.replacen("Do you have chest pain as well as the back pain?", long, 1);
        let c = Content::parse(&text, "long.json").unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert!(
            c.warnings[0].message.contains("31 words"),
            "{:?}",
            c.warnings
        );
    }

    #[test]
    fn edit_distance_works() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    fn prescription() -> Content {
        Content::parse(
            include_str!("../tests/fixtures/prescription.json"),
            "prescription.json",
        )
        .unwrap_or_else(|r| panic!("{r}"))
    }

    #[test]
    fn a_stretch_dose_is_in_the_model() {
        let c = prescription();
        let s = c.stretch("cat-cow").unwrap();
        assert_eq!(
            s.dose,
            Some(StretchDose {
                hold_seconds: Some(15),
                repetitions: Some(3)
            })
        );
        assert_eq!((c.fixed_hold(s), c.fixed_reps(s)), (Some(15), Some(3)));
        assert_eq!(c.hold_words(Some(s)), "15 s");
        assert_eq!(c.reps_words(Some(s)), "3 repetitions");
        // The built-in content fixes nothing.
        let b = Content::embedded();
        let s = b.stretch("cat-cow").unwrap();
        assert_eq!((b.fixed_hold(s), b.fixed_reps(s)), (None, None));
        assert_eq!(b.hold_words(Some(s)), "10-30 s (default 20 s)");
        let plan = crate::session::Plan::build(
            &c,
            None,
            vec![0, 2],
            crate::session::DoseChoice::defaults(&c),
        );
        assert_eq!(plan.doses, vec![(15, 3), (15, 3)]);
        let holds: Vec<_> = plan
            .steps
            .iter()
            .filter(|s| matches!(s.kind, crate::session::StepKind::Hold { .. }))
            .collect();
        // 3 repetitions of one hold, then of two phases.
        assert_eq!(holds.len(), 3 + 6);
        assert!(holds.iter().all(|h| h.duration.as_secs() == 15));
    }

    #[test]
    fn placeholders_are_filled_from_the_dose() {
        let c = prescription();
        assert_eq!(
            c.guidance.dose,
            "Hold each stretch for 15 seconds, 2 to 4 times, as we agreed."
        );
        assert_eq!(
            c.stretches[0].holds[0].cue,
            "Knees in toward your chest for 15 seconds; ease off if it hurts."
        );
        // The built-in text reads as it always did.
        assert_eq!(
            Content::embedded().guidance.dose,
            "Hold each stretch for 10 to 30 seconds, and do each one 2 to 4 times."
        );
        assert_eq!(placeholders("a {hold} b {x{reps}} {"), vec!["hold", "reps"]);
    }

    #[test]
    fn format_1_files_load_unchanged() {
        let text = include_str!("../tests/fixtures/valid_small.json");
        assert!(text.contains("\"format_version\": 1"));
        let with_braces = text.replace("\"cue\": \"", "\"cue\": \"{hold} ");
        let c = Content::parse(&with_braces, "v1.json").unwrap_or_else(|r| panic!("{r}"));
        assert!(
            c.stretches[0].holds[0].cue.starts_with("{hold} "),
            "braces are only braces"
        );
        assert!(c.meta.is_none() && c.stretches.iter().all(|s| s.dose.is_none()));
        assert_eq!(c.label(), Some("v1.json".into()));
    }

    #[test]
    fn identity_and_label() {
        let c = prescription();
        let id = c.identity();
        assert_eq!(id.title, "Morning routine");
        assert_eq!(id.version.as_deref(), Some("3"));
        assert_eq!(id.sha256.as_deref().map(str::len), Some(64));
        assert_eq!(
            c.label().as_deref(),
            Some("Morning routine · Riverside Physio")
        );
        assert_eq!(
            c.clinic_line().as_deref(),
            Some("Questions about your exercises: Riverside Physio, 01632 960 123")
        );
        let b = Content::embedded();
        assert_eq!(b.label(), None);
        assert_eq!(b.clinic_line(), None);
        assert_eq!(
            b.identity().to_string(),
            format!("built-in (backstretch {})", env!("CARGO_PKG_VERSION"))
        );
        // The hash is of the bytes as given, as `sha256sum` prints it.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let text = format!("\u{feff}{EMBEDDED}");
        assert!(Content::parse(&text, "bom.json").is_ok());
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\n  \"a\": \"½—½\", x\n}";
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        // serde_json points at the x by its byte column; it is the 15th character.
        assert_eq!((e.line(), e.column()), (2, 19));
        assert_eq!(char_column(text, 2, 19), 15);
        assert_eq!(char_column(text, 2, 3), 3);
        assert_eq!(
            char_column(text, 9, 4),
            4,
            "a line past the end is left alone"
        );
    }

    #[test]
    fn dose_numbers_in_free_text() {
        let claims = dose_claims("Hold 10 to 30 seconds, 2-4 times; rest 5 s. Not 3 weeks.");
        assert_eq!(claims.len(), 3, "{claims:?}");
        assert_eq!(claims[0].numbers, vec![10, 30]);
        assert!(claims[0].seconds);
        assert_eq!(claims[1].numbers, vec![2, 4]);
        assert!(!claims[1].seconds);
        assert_eq!(claims[2].words, "5 s");
        assert!(dose_claims("knee2 times, x15s").is_empty());
    }

    #[test]
    fn closest_id_suggests() {
        let c = Content::embedded();
        assert_eq!(c.closest_id("knee-to-chst", false), Some("knee-to-chest"));
        assert_eq!(c.closest_id("cat-cw", false), Some("cat-cow"));
        assert_eq!(c.closest_id("zzzzzzzzzzzzzzzzzzzzzzz", false), None);
    }
}
