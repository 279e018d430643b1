//! The model: which screen, what is selected, the session. `on_key` and `tick` take `now`
//! and say whether the screen changed; drawing reads `&App` only.

use crate::checklist::{Action, Checklist, Outcome};
use crate::content::{Content, Urgency};
use crate::history::{self, PainStop, SessionRecord, StretchRecord};
use crate::keys::Key;
use crate::safety::{CheckResult, Entry, Safety, What, Yes};
use crate::session::{DoseChoice, Plan, Session, StepKind};
use crate::speech::Speech;
use crate::store::{Settings, State};
use crate::voice::{self, Cue};
use std::time::Instant;

/// The base screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Home,
    /// How to do one stretch; `scroll` is the first line shown.
    Detail {
        stretch: usize,
        scroll: u16,
    },
    Session,
    Summary,
    /// Pain by day, sessions this week, streak and totals.
    History,
}

/// Screens drawn over the base screen, newest on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The first-run notice: educational, not medical advice, when to get help.
    Notice,
    /// "End this session?"
    ConfirmEnd,
    /// "This hurts" during a hold.
    PainStop,
    /// The red-flag checklist.
    Checklist,
    /// Asked before a session starts.
    Gate(Gate),
    /// A pain rating from 0 to 10.
    CheckIn(When),
    /// "When did this spasm begin?"
    SpasmStart,
    /// Check-ins, the start date, the theme.
    Settings,
    /// Something could not be saved: what, and where (in `App::save_errors`). Stays until
    /// acknowledged.
    SaveFailed,
}

/// Before or after a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Before,
    After,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// No checklist answer yet today: go through it, or confirm none applies.
    Offer,
    /// An emergency sign was answered yes today: no session until answered again.
    Blocked,
    /// A "today" sign was answered yes: start only with an explicit yes.
    ConfirmToday,
}

pub use crate::safety::Status;

/// What the runner must do for the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Say this (with `--voice`), or ring its bell pattern.
    Cue(Cue),
    SaveState,
    SaveSettings,
    /// Append the records in `App::to_append` to the history.
    AppendHistory,
    /// Leave the terminal, stop the process (Ctrl-Z), and come back.
    Suspend,
}

/// An entry of the home list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeItem {
    Routine(usize),
    Stretch(usize),
    StartTicked,
}

/// The local date and time, from outside the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wall {
    /// YYYY-MM-DD.
    pub date: String,
    /// RFC 3339 with offset.
    pub at: String,
}

pub struct App {
    pub content: Content,
    pub screen: Screen,
    pub overlays: Vec<Overlay>,
    /// Terminal size in cells.
    pub size: (u16, u16),
    pub dose: DoseChoice,
    /// Position in the home list.
    pub cursor: usize,
    /// Per stretch: ticked on the home list.
    pub ticked: Vec<bool>,
    pub session: Option<Session>,
    /// A plan waiting on the safety gate.
    pub pending: Option<Plan>,
    pub checklist: Checklist,
    pub state: State,
    /// A problem with the data directory, shown on home.
    pub store_problem: Option<String>,
    pub settings: Settings,
    /// The sessions of this run, oldest first.
    pub history: Vec<SessionRecord>,
    /// The figures of the sessions on disk before this run (read in the background, so
    /// the coach opens at once however long the history).
    pub past: history::Summary,
    /// The figures of the past and this run together, with a fingerprint of this run's
    /// sessions they were made with.
    figures: std::cell::RefCell<Option<(u64, std::rc::Rc<history::Summary>)>>,
    /// The past, while it is still being read.
    pub past_loading: Option<std::sync::mpsc::Receiver<history::Loaded>>,
    /// Starts reading the past: called once the first frame is up, so the reading does
    /// not compete with it.
    pub read_past: Option<Box<dyn FnOnce() -> std::sync::mpsc::Receiver<history::Loaded>>>,
    /// Sessions finished and waiting to be written.
    pub to_append: Vec<SessionRecord>,
    /// A finished session waiting for its after check-in before it is written.
    finished: Option<SessionRecord>,
    /// The pain rating before the current session.
    pain_before: Option<u8>,
    /// Local time the current session began.
    started_wall: Option<String>,
    /// The pain check-in's scale (its module owns it, with its keys).
    pub checkin: crate::screens::checkin::State,
    /// The start-of-spasm question's answer in progress.
    pub spasm: crate::screens::spasm_start::State,
    /// The pain stops of the session under way.
    pub(crate) session_hurt: Vec<PainStop>,
    /// The record of the session on the summary screen (its check-in may still be due).
    pub summary_record: Option<SessionRecord>,
    /// `run --no-checkin`: no check-ins for the next session.
    pub skip_checkin_once: bool,
    /// "Start anyway" was chosen at the today gate for the start now waiting.
    pub(crate) confirmed_today: bool,
    /// Whether the session under way asks for a check-in when it ends.
    session_checkins: bool,
    /// The checklist result standing when the session under way began.
    started_check: Option<String>,
    /// The run through the checklist that answers now belong to.
    check_id: String,
    /// The help's scroll.
    pub help: crate::screens::help::State,
    /// A one-line message for the person, cleared by the next key.
    pub message: Option<String>,
    /// Saves that failed and are not yet acknowledged: what was not saved, and where.
    pub save_errors: Vec<String>,
    /// Whether any save failed during this run.
    pub unsaved: bool,
    /// Whether the record of the session last ended could not be saved (the summary says so).
    pub record_unsaved: bool,
    /// `--quiet`: no bell and no voice.
    pub quiet: bool,
    /// `--voice` for this run, whatever the setting.
    pub voice_forced: bool,
    /// The speech command found at start.
    pub speech: Speech,
    /// `run --wait`: every stretch of this run waits for the person.
    pub wait_once: bool,
    /// The key that starts a waiting stretch, in words (plain mode says Enter).
    pub pause_key: &'static str,
    /// Where the session was when its cues were last taken.
    cue_mark: Option<voice::Mark>,
    /// The first hold has said that no speech command was found.
    told_no_voice: bool,
    /// The colour theme (mono for NO_COLOR and --no-color).
    pub theme: crate::theme::ThemeKind,
    /// The theme was fixed on the command line or by NO_COLOR: the settings key shows it
    /// but does not override it.
    pub theme_locked: bool,
    pub quit: bool,
    pub effects: Vec<Effect>,
    wall: Box<dyn Fn() -> Wall>,
}

impl App {
    pub fn new(content: Content, state: State, wall: Box<dyn Fn() -> Wall>) -> App {
        let dose = DoseChoice::defaults(&content);
        let n = content.stretches.len();
        let checklist = Checklist::new(&content);
        let mut overlays = Vec::new();
        if !state.notice_seen {
            overlays.push(Overlay::Notice);
        }
        App {
            content,
            screen: Screen::Home,
            overlays,
            size: (80, 24),
            dose,
            cursor: 0,
            ticked: vec![false; n],
            session: None,
            pending: None,
            checklist,
            state,
            store_problem: None,
            settings: Settings::default(),
            history: Vec::new(),
            past: history::Summary::default(),
            figures: std::cell::RefCell::new(None),
            past_loading: None,
            read_past: None,
            to_append: Vec::new(),
            finished: None,
            pain_before: None,
            started_wall: None,
            checkin: Default::default(),
            spasm: Default::default(),
            session_hurt: Vec::new(),
            summary_record: None,
            skip_checkin_once: false,
            confirmed_today: false,
            session_checkins: false,
            started_check: None,
            check_id: crate::safety::new_check_id(),
            help: Default::default(),
            message: None,
            save_errors: Vec::new(),
            unsaved: false,
            record_unsaved: false,
            quiet: false,
            voice_forced: false,
            speech: Speech::Missing {
                wanted: "not looked for".into(),
            },
            wait_once: false,
            pause_key: "Space",
            cue_mark: None,
            told_no_voice: false,
            theme: crate::theme::ThemeKind::Default,
            theme_locked: false,
            quit: false,
            effects: Vec::new(),
            wall,
        }
    }

    /// Takes the saved settings: the last dose (within the content's bounds) and routine.
    pub fn apply_settings(&mut self, settings: Settings) {
        let d = self.content.dose;
        if let Some(h) = settings
            .hold_seconds
            .filter(|h| d.hold_seconds.contains(*h))
        {
            self.dose.hold_secs = h;
        }
        if let Some(r) = settings.repetitions.filter(|r| d.repetitions.contains(*r)) {
            self.dose.reps = r;
        }
        if let Some(l) = settings
            .lead_in_seconds
            .filter(|l| d.lead_in_seconds.contains(*l))
        {
            self.dose.lead_in_secs = l;
        }
        if let Some(r) = settings
            .rest_seconds
            .filter(|r| d.rest_seconds.contains(*r))
        {
            self.dose.rest_secs = r;
        }
        if let Some(i) = settings
            .routine
            .as_deref()
            .and_then(|id| self.content.routines.iter().position(|r| r.id == id))
        {
            self.cursor = i;
        }
        if !self.theme_locked
            && let Some(t) = settings
                .theme
                .as_deref()
                .and_then(crate::theme::ThemeKind::from_key)
        {
            self.theme = t;
        }
        self.settings = settings;
    }

    /// "Day N since the spasm began", when the date is known.
    pub fn spasm_day(&self) -> Option<i64> {
        let start = self.settings.spasm_start.as_deref()?;
        history::day_number(start, &self.today())
    }

    /// Whether home should suggest seeing a doctor (day 14 on, pain not clearly falling).
    pub fn suggest_doctor(&self) -> bool {
        history::suggest_doctor_for(
            &self.history_summary(),
            self.settings.spasm_start.as_deref(),
            &self.today(),
        )
    }

    /// Every session, in figures: the past on disk and this run's. Kept until either
    /// changes, so a long history costs one merge, not one a frame.
    pub fn history_summary(&self) -> std::rc::Rc<history::Summary> {
        // This run's sessions are few: a fingerprint of them says when to merge again.
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            for r in &self.history {
                (&r.start, &r.end, r.pain_before, r.pain_after, r.pain_stops).hash(&mut h);
                (r.hurt.len(), r.completed).hash(&mut h);
            }
            h.finish()
        };
        let mut cache = self.figures.borrow_mut();
        match &*cache {
            Some((k, s)) if *k == key => s.clone(),
            _ => {
                let s = std::rc::Rc::new(self.past.merged(&self.history));
                *cache = Some((key, s.clone()));
                s
            }
        }
    }

    /// Whether the past is still to be read or being read.
    pub fn reading_past(&self) -> bool {
        self.past_loading.is_some() || self.read_past.is_some()
    }

    /// Starts reading the past, if it waits to be read.
    pub fn start_reading_past(&mut self) {
        if let Some(read) = self.read_past.take() {
            self.past_loading = Some(read());
        }
    }

    /// Takes in the past once it has been read. Returns whether it arrived.
    pub fn take_past(&mut self) -> bool {
        let Some(rx) = &self.past_loading else {
            return false;
        };
        match rx.try_recv() {
            Ok(loaded) => {
                self.past_loading = None;
                self.past = loaded.summary;
                self.figures.replace(None);
                if self.store_problem.is_none() {
                    self.store_problem = loaded.problems.into_iter().next();
                }
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.past_loading = None;
                false
            }
        }
    }

    /// Home's note when a doctor is suggested: the trend in the words every screen and
    /// report uses, then the advice.
    pub fn doctor_note(&self) -> Option<String> {
        if !self.suggest_doctor() {
            return None;
        }
        let trend = self.history_summary().trend().trend?;
        Some(format!(
            "{} {}",
            trend.words(),
            self.content.guidance.not_improving
        ))
    }

    pub fn today(&self) -> String {
        (self.wall)().date
    }

    pub fn top(&self) -> Option<Overlay> {
        self.overlays.last().copied()
    }

    pub fn home_items(&self) -> Vec<HomeItem> {
        let mut v: Vec<HomeItem> = (0..self.content.routines.len())
            .map(HomeItem::Routine)
            .collect();
        v.extend((0..self.content.stretches.len()).map(HomeItem::Stretch));
        v.push(HomeItem::StartTicked);
        v
    }

    pub fn home_item(&self) -> HomeItem {
        let items = self.home_items();
        items[self.cursor.min(items.len() - 1)]
    }

    pub fn ticked_count(&self) -> usize {
        self.ticked.iter().filter(|t| **t).count()
    }

    /// The safety state: what every checklist answer so far adds up to.
    pub fn safety(&self) -> Safety {
        self.state.safety.safety()
    }

    /// What the safety state means for starting a session now: the gate to show, if any.
    /// A standing emergency or today answer decides it whatever the date; only the daily
    /// offer of the checklist looks at today's date.
    pub fn gate(&self) -> Option<Gate> {
        let s = self.safety();
        match s.level() {
            Some(Urgency::Emergency) => Some(Gate::Blocked),
            Some(Urgency::Today) => Some(Gate::ConfirmToday),
            _ if !s.checked_on(&self.today()) => Some(Gate::Offer),
            _ => None,
        }
    }

    /// The safety state in plain words, the same on every screen.
    pub fn status(&self) -> Status {
        self.safety().status_on(&self.today())
    }

    /// The result to keep with a session: the standing level, or "none" when the list
    /// was answered today without a yes.
    fn check_key(&self) -> Option<String> {
        let s = self.safety();
        match s.level() {
            Some(u) => Some(u.key().to_string()),
            None if s.checked_on(&self.today()) => Some("none".into()),
            None => None,
        }
    }

    /// A dose change or a starting session needs a plan: build it from ids in order.
    pub fn plan_for(&self, routine: Option<String>, stretches: Vec<usize>) -> Plan {
        Plan::build(&self.content, routine, stretches, self.dose)
    }

    /// The stretches the home selection would start: a routine's, the one under the
    /// cursor, or the ticked ones (every stretch when none is ticked).
    pub fn home_stretches(&self) -> Vec<usize> {
        match self.home_item() {
            HomeItem::Routine(r) => self.content.routines[r]
                .stretches
                .iter()
                .filter_map(|id| self.content.stretch_index(id))
                .collect(),
            HomeItem::Stretch(i) => vec![i],
            HomeItem::StartTicked if self.ticked_count() > 0 => {
                (0..self.ticked.len()).filter(|&i| self.ticked[i]).collect()
            }
            HomeItem::StartTicked => (0..self.content.stretches.len()).collect(),
        }
    }

    /// Whether the home keys can change the hold (`hold`) or the repetitions of what is
    /// selected: not when the content fixes them for every stretch of it.
    pub fn dose_adjustable(&self, hold: bool) -> bool {
        let c = &self.content;
        self.home_stretches().iter().any(|&i| {
            let s = &c.stretches[i];
            if hold {
                c.fixed_hold(s).is_none()
            } else {
                c.fixed_reps(s).is_none()
            }
        })
    }

    /// The fixed hold or repetitions of what is selected, in words ("15 s", "2 or 3"),
    /// when nothing can change them.
    pub fn fixed_dose_words(&self, hold: bool) -> Option<String> {
        if self.dose_adjustable(hold) {
            return None;
        }
        let c = &self.content;
        let mut v: Vec<u32> = self
            .home_stretches()
            .iter()
            .filter_map(|&i| {
                let s = &c.stretches[i];
                if hold {
                    c.fixed_hold(s)
                } else {
                    c.fixed_reps(s)
                }
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        let words: Vec<String> = v.iter().map(u32::to_string).collect();
        Some(words.join(" or "))
    }

    pub fn routine_plan(&self, r: usize) -> Plan {
        let routine = &self.content.routines[r];
        let left_out = self.left_out();
        let idx = routine
            .stretches
            .iter()
            .filter(|id| !left_out.contains(id))
            .filter_map(|id| self.content.stretch_index(id))
            .collect();
        self.plan_for(Some(routine.id.clone()), idx)
    }

    /// Ids of the stretches routines leave out now: those that hurt lately, when the
    /// person chose so on home (x).
    pub fn left_out(&self) -> Vec<String> {
        if !self.settings.leave_out_hurt {
            return Vec::new();
        }
        self.recent_hurts().into_iter().map(|h| h.stretch).collect()
    }

    /// The moment the screen would next look different without input, if any.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        if self.screen != Screen::Session {
            return None;
        }
        let s = self.session.as_ref()?;
        if s.is_finished() {
            return None;
        }
        // The countdown and the bar change together, once a second; a cue may fall
        // between two seconds (the halfway point of an odd hold).
        let cue = voice::next_due(&self.cue_ctx(), s, now);
        [s.timer().next_change(now), cue]
            .into_iter()
            .flatten()
            .min()
    }

    /// Whether cues are spoken: the setting or `--voice`, and not `--quiet`.
    pub fn voice_on(&self) -> bool {
        (self.settings.voice || self.voice_forced) && !self.quiet
    }

    pub fn cue_ctx(&self) -> voice::Ctx<'_> {
        voice::Ctx {
            content: &self.content,
            halfway: self.settings.halfway,
            key: self.pause_key,
        }
    }

    /// Turns what the session passed through since the last look into cues for the runner.
    fn sync_cues(&mut self, now: Instant) {
        let Some(s) = self.session.as_ref() else {
            self.cue_mark = None;
            return;
        };
        let after = voice::Mark::of(s, now);
        if self.cue_mark == Some(after) {
            return;
        }
        let cues = voice::due(&self.cue_ctx(), &s.plan, self.cue_mark, after);
        let stretch = s.plan.stretches[s.step().item];
        self.cue_mark = Some(after);
        for mut c in cues {
            // A stretch that hurt lately: the plain mode's reader is told, as the screen does.
            if c.kind == voice::CueKind::Stretch
                && let Some(note) = self.hurt_note(stretch)
            {
                c.detail = format!("{note} {}", c.detail);
            }
            if c.kind == voice::CueKind::Hold
                && !self.told_no_voice
                && self.voice_on()
                && !self.speech.is_found()
            {
                self.told_no_voice = true;
                // One line at 80 columns; the settings screen says what was looked for.
                self.message = Some("No speech command found: bells instead.".into());
            }
            self.effects.push(Effect::Cue(c));
        }
    }

    /// A cue outside the schedule (a pause, the pain stop, a checklist result).
    pub(crate) fn say(&mut self, cue: Cue) {
        self.effects.push(Effect::Cue(cue));
    }

    /// Time passes: advance the session. Returns whether the screen changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let Some(s) = self.session.as_mut() else {
            return false;
        };
        if self.screen != Screen::Session || s.is_finished() {
            return false;
        }
        s.tick(now);
        self.after_session_change();
        self.sync_cues(now);
        true
    }

    pub fn resize(&mut self, w: u16, h: u16) -> bool {
        let changed = self.size != (w, h);
        self.size = (w, h);
        changed
    }

    fn after_session_change(&mut self) {
        if self.screen == Screen::Session && self.session.as_ref().is_some_and(|s| s.is_finished())
        {
            self.screen = Screen::Summary;
            self.overlays
                .retain(|o| !matches!(o, Overlay::ConfirmEnd | Overlay::PainStop));
            self.on_finished();
        }
    }

    /// A session has just finished: keep its record, after the check-in if there is one.
    /// One ended before its first hold is not a session: nothing is written, nothing is
    /// asked, and home says so (unless it hurt getting into position: a pain stop is kept).
    fn on_finished(&mut self) {
        let Some(s) = self.session.as_ref() else {
            return;
        };
        if !s.hold_begun() && s.stats.pain_stops == 0 {
            self.session = None;
            self.screen = Screen::Home;
            self.pain_before = None;
            self.started_wall = None;
            self.started_check = None;
            self.message = Some("Ended before the first hold: nothing was recorded.".into());
            return;
        }
        let plan = &s.plan;
        let stretches: Vec<StretchRecord> = plan
            .stretches
            .iter()
            .zip(&s.stats.items)
            .enumerate()
            .map(|(item, (&i, st))| StretchRecord {
                id: self.content.stretches[i].id.clone(),
                hold_seconds: Some(plan.hold_of(item)),
                reps_planned: plan.reps_of(item),
                reps_done: st.reps_completed,
                held_seconds: (st.held.as_secs_f64() * 10.0).round() / 10.0,
                skipped: st.skipped,
            })
            .collect();
        let completed = stretches.iter().all(|r| r.reps_done >= r.reps_planned);
        let wall = (self.wall)();
        let record = SessionRecord {
            start: self.started_wall.take().unwrap_or_else(|| wall.at.clone()),
            end: wall.at,
            routine: plan.routine.clone(),
            hold_seconds: plan.shared_dose().0.unwrap_or(plan.dose.hold_secs),
            repetitions: plan.shared_dose().1.unwrap_or(plan.dose.reps),
            stretches,
            content: Some(self.content.identity()),
            pauses: s.stats.pauses,
            skips: s.stats.skips,
            pain_stops: s.stats.pain_stops,
            pain_before: self.pain_before.take(),
            pain_after: None,
            checklist: self.started_check.take(),
            completed,
            hurt: std::mem::take(&mut self.session_hurt),
        };
        self.summary_record = Some(record.clone());
        if self.session_checkins {
            // The scale starts at the rating given before the session, shown as such.
            match record.pain_before {
                Some(b) => self.set_checkin_start(Some((b, "before this session"))),
                None => self.set_checkin_start(self.last_rating()),
            }
            self.finished = Some(record);
            self.push(Overlay::CheckIn(When::After));
        } else {
            self.write_record(record);
        }
    }

    fn checkins_on(&self) -> bool {
        self.settings.checkins && !self.skip_checkin_once
    }

    /// The last rating given, if any: where a later check-in may start.
    fn last_rating(&self) -> Option<(u8, &'static str)> {
        self.history
            .iter()
            .rev()
            .find_map(|r| r.pain_after.or(r.pain_before))
            .or_else(|| self.past.last_rating())
            .map(|p| (p, "your last rating"))
    }

    /// The check-in scale starts here: empty, or at a rating named as whose it is.
    fn set_checkin_start(&mut self, start: Option<(u8, &'static str)>) {
        self.checkin.start = start;
        self.checkin.cursor = start.map(|(p, _)| p);
    }

    /// Stretches that hurt in one of the last sessions, with the day they last did.
    pub fn recent_hurts(&self) -> Vec<history::RecentHurt> {
        self.history_summary().recent_hurts()
    }

    /// Whether this stretch (an index into the content) hurt lately: the day's short name.
    pub fn hurt_lately(&self, stretch: usize) -> Option<String> {
        let id = &self.content.stretches.get(stretch)?.id;
        self.recent_hurts()
            .into_iter()
            .find(|h| &h.stretch == id)
            .map(|h| h.day_name())
    }

    /// The note on a stretch that hurt lately, the same on home, its how-to and its lead-in.
    pub fn hurt_note(&self, stretch: usize) -> Option<String> {
        self.hurt_lately(stretch)
            .map(|day| format!("Hurt on {day}: go gently, or leave it out."))
    }

    pub(crate) fn write_record(&mut self, record: SessionRecord) {
        self.history.push(record.clone());
        self.to_append.push(record);
        self.effects.push(Effect::AppendHistory);
    }

    /// Writes a finished session still waiting for its check-in (on quit).
    pub(crate) fn flush_finished(&mut self) {
        if let Some(r) = self.finished.take() {
            self.write_record(r);
        }
    }

    /// The first-run notice has been read: it is not shown again.
    pub(crate) fn notice_seen(&mut self) {
        if !self.state.notice_seen {
            self.state.notice_seen = true;
            self.effects.push(Effect::SaveState);
        }
    }

    /// A save failed: shown over the screen where it happened until acknowledged. A
    /// running hold is paused meanwhile.
    pub fn save_failed(&mut self, what: String, now: Instant) {
        self.pause_session(now);
        self.unsaved = true;
        self.save_errors.push(what);
        self.push(Overlay::SaveFailed);
    }

    pub(crate) fn push(&mut self, o: Overlay) {
        if self.top() != Some(o) {
            self.overlays.push(o);
        }
    }

    pub(crate) fn pause_session(&mut self, now: Instant) {
        if self.screen == Screen::Session
            && let Some(s) = self.session.as_mut()
        {
            s.tick(now);
            s.pause(now);
        }
    }

    pub(crate) fn open_checklist(&mut self, now: Instant) {
        if self.top() == Some(Overlay::Checklist) {
            return;
        }
        self.pause_session(now);
        self.checklist = Checklist::new(&self.content);
        self.check_id = crate::safety::new_check_id();
        self.push(Overlay::Checklist);
    }

    /// Keeps something given to the checklist, and saves it at once.
    pub(crate) fn give(&mut self, what: What) {
        let wall = (self.wall)();
        self.state.safety.push(Entry {
            seq: 0,
            check: self.check_id.clone(),
            date: wall.date,
            at: wall.at,
            what,
        });
        self.effects.push(Effect::SaveState);
    }

    /// Starts a plan, through the day's safety gate.
    pub fn request_start(&mut self, plan: Plan, now: Instant) {
        self.confirmed_today = false;
        if plan.steps.is_empty() {
            self.message = Some(
                if plan.routine.is_some() && !self.left_out().is_empty() {
                    "Nothing to start: all of it is left out, as it hurt lately. x puts it back."
                } else {
                    "Nothing to start: pick a routine or tick stretches."
                }
                .into(),
            );
            return;
        }
        // The first-run notice comes first; the start waits until it is read.
        if self.top() == Some(Overlay::Notice) {
            self.pending = Some(plan);
            return;
        }
        match self.gate() {
            Some(g) => {
                self.pending = Some(plan);
                self.overlays.retain(|o| !matches!(o, Overlay::Gate(_)));
                self.push(Overlay::Gate(g));
            }
            None => self.start(plan, now),
        }
    }

    /// Starts without the daily offer (plain mode, when the offer was skipped because
    /// input ended). A standing emergency or today answer still goes through its gate.
    pub fn request_start_past_gate(&mut self, plan: Plan, now: Instant) {
        if matches!(self.gate(), Some(Gate::Blocked | Gate::ConfirmToday)) {
            self.request_start(plan, now);
        } else {
            self.start(plan, now);
        }
    }

    /// Past the gate: the check-in first, if on, then the session.
    pub(crate) fn start(&mut self, plan: Plan, now: Instant) {
        self.overlays.clear();
        if self.checkins_on() {
            self.pending = Some(plan);
            self.set_checkin_start(self.last_rating());
            self.push(Overlay::CheckIn(When::Before));
            return;
        }
        self.begin(plan, now);
    }

    pub(crate) fn begin(&mut self, plan: Plan, now: Instant) {
        self.pending = None;
        self.confirmed_today = false;
        self.overlays.clear();
        self.settings.hold_seconds = Some(plan.dose.hold_secs);
        self.settings.repetitions = Some(plan.dose.reps);
        self.settings.lead_in_seconds = Some(plan.dose.lead_in_secs);
        self.settings.rest_seconds = Some(plan.dose.rest_secs);
        if plan.routine.is_some() {
            self.settings.routine.clone_from(&plan.routine);
        }
        self.effects.push(Effect::SaveSettings);
        self.started_wall = Some((self.wall)().at);
        self.started_check = self.check_key();
        self.session_checkins = self.checkins_on();
        self.skip_checkin_once = false;
        self.session_hurt.clear();
        self.summary_record = None;
        self.record_unsaved = false;
        let wait = self.settings.wait || self.wait_once;
        self.wait_once = false;
        let (s, _) = Session::start_waiting(plan, wait, now);
        self.session = Some(s);
        self.screen = Screen::Session;
        self.cue_mark = None;
        self.told_no_voice = false;
        self.after_session_change();
        self.sync_cues(now);
    }

    /// A mouse click at a cell: on home it selects the list item under it; on a session it
    /// pauses or resumes. Returns whether the screen changed.
    pub fn on_click(&mut self, x: u16, y: u16, now: Instant) -> bool {
        let (w, h) = self.size;
        if self.top().is_some() || w < crate::layout::MIN_W || h < crate::layout::MIN_H {
            return false;
        }
        let had_message = self.message.take().is_some();
        let changed = match self.screen {
            Screen::Home => {
                let area = ratatui::layout::Rect::new(0, 0, w, h);
                match crate::layout::home::item_at(self, area, x, y) {
                    Some(i) if i != self.cursor => {
                        self.cursor = i;
                        true
                    }
                    _ => false,
                }
            }
            Screen::Session => {
                if let Some(s) = self.session.as_mut() {
                    s.tick(now);
                }
                self.after_session_change();
                self.sync_cues(now);
                self.toggle_pause(now);
                true
            }
            _ => false,
        };
        self.sync_cues(now);
        changed || had_message
    }

    /// Handles one key. Returns whether the screen changed.
    pub fn on_key(&mut self, key: Key, now: Instant) -> bool {
        if let Some(s) = self.session.as_mut()
            && self.screen == Screen::Session
        {
            s.tick(now);
            self.after_session_change();
            self.sync_cues(now);
        }
        let had_message = self.message.take().is_some();
        match key {
            Key::CtrlC => {
                self.end_session(now);
                self.flush_finished();
                self.quit = true;
                return true;
            }
            Key::CtrlZ => {
                self.pause_session(now);
                self.effects.push(Effect::Suspend);
                return true;
            }
            _ => {}
        }
        let changed = crate::screens::on_key(self, key, now);
        self.after_session_change();
        self.sync_cues(now);
        changed || had_message
    }

    /// Space on a session: pause or go on, and say so with the time left.
    pub(crate) fn toggle_pause(&mut self, now: Instant) {
        let Some(s) = self.session.as_mut() else {
            return;
        };
        if s.is_finished() {
            return;
        }
        s.toggle_pause(now);
        let (paused, left) = (s.is_paused(), s.timer().display_secs(now));
        // The schedule is not re-said on going on: the mark moves with the session.
        self.cue_mark = Some(voice::Mark::of(s, now));
        let cue = voice::pause_change(&self.cue_ctx(), paused, left);
        self.say(cue);
    }

    /// A check-in answered: a rating, or none. Before a session it starts; after one the
    /// record is written, then (once) the start of the spasm is asked.
    pub(crate) fn rated(&mut self, when: When, rating: Option<u8>, now: Instant) {
        self.overlays.pop();
        match when {
            When::Before => {
                self.pain_before = rating;
                if let Some(plan) = self.pending.take() {
                    // Another copy may have saved a yes while the check-in was up: the
                    // start goes through the gate again unless it was already past it.
                    let recheck = match self.gate() {
                        Some(Gate::Blocked) => true,
                        Some(Gate::ConfirmToday) => !self.confirmed_today,
                        _ => false,
                    };
                    if recheck {
                        self.request_start(plan, now);
                    } else {
                        self.begin(plan, now);
                    }
                }
            }
            When::After => {
                if let Some(mut r) = self.finished.take() {
                    r.pain_after = rating;
                    self.summary_record = Some(r.clone());
                    self.write_record(r);
                }
                if !self.settings.spasm_asked {
                    self.open_spasm_start(0);
                }
            }
        }
    }

    /// Asks when the spasm began, starting at `days_ago`.
    pub(crate) fn open_spasm_start(&mut self, days_ago: u32) {
        self.spasm.days_ago = days_ago;
        self.spasm.entry.clear();
        self.spasm.error = None;
        self.push(Overlay::SpasmStart);
    }

    /// The date the start-of-spasm question means now: what was typed (days ago, or a
    /// date), else the days chosen with the arrows.
    pub fn spasm_choice(&self) -> Result<jiff::civil::Date, String> {
        let today: jiff::civil::Date = self
            .today()
            .parse()
            .map_err(|_| "today's date is not known".to_string())?;
        if self.spasm.entry.is_empty() {
            return days_before(today, self.spasm.days_ago);
        }
        parse_spasm_start(&self.spasm.entry, today)
    }

    pub(crate) fn checklist_action(&mut self, action: Action, now: Instant) -> bool {
        match action {
            Action::Nothing => false,
            Action::Changed => true,
            Action::Restarted => {
                self.check_id = crate::safety::new_check_id();
                true
            }
            Action::Answered { sign, yes, done } => {
                let s = &self.content.red_flags.signs[sign];
                let level = s.urgency;
                self.give(What::Answer {
                    sign: s.id.clone(),
                    level,
                    question: s.question.clone(),
                    yes,
                });
                if yes && level == Urgency::Emergency {
                    self.stop_for_emergency(now);
                }
                if let Some(o) = done {
                    self.finish_checklist(&o, now);
                }
                true
            }
            Action::Finished(o) => {
                self.finish_checklist(&o, now);
                true
            }
            Action::Close => {
                self.overlays.pop();
                // Answered from the gate: try the start again with the new answer. A start
                // that waited behind the first-run notice goes through the gate now, so
                // nothing is left waiting to start later unasked.
                let gate = matches!(self.top(), Some(Overlay::Gate(_)));
                if gate {
                    self.overlays.pop();
                }
                // Answered from the check-in before a session: a yes that now blocks or
                // asks first sends the waiting start back through the gate, so a rating
                // cannot start it past the answer.
                let checkin = self.top() == Some(Overlay::CheckIn(When::Before))
                    && self.pending.is_some()
                    && matches!(self.gate(), Some(Gate::Blocked | Gate::ConfirmToday));
                if checkin {
                    self.overlays.pop();
                }
                if (gate || checkin || self.top().is_none())
                    && let Some(plan) = self.pending.take()
                {
                    self.request_start(plan, now);
                }
                true
            }
        }
    }

    /// The result is shown. A complete list is kept as such (it is what lifts an earlier
    /// yes); an early emergency result adds nothing to the answers already kept.
    fn finish_checklist(&mut self, o: &Outcome, now: Instant) {
        // The result is said in full, as it is shown.
        let cue = voice::red_flag(&self.cue_ctx(), o);
        self.say(cue);
        if o.complete {
            let signs = &self.content.red_flags.signs;
            let yes = o
                .all_yes
                .iter()
                .map(|&i| Yes {
                    sign: signs[i].id.clone(),
                    level: signs[i].urgency,
                })
                .collect();
            self.give(What::Complete {
                result: CheckResult::from_urgency(o.urgency),
                yes,
                quick: false,
            });
        }
        if o.urgency == Some(Urgency::Emergency) {
            self.stop_for_emergency(now);
        }
    }

    /// Answers another copy saved were taken in (the header may change): an emergency yes
    /// among them stops a session under way, as one answered here does.
    pub fn took_in_answers(&mut self, now: Instant) -> bool {
        let running = self.screen == Screen::Session
            && self.session.as_ref().is_some_and(|s| !s.is_finished());
        if running && self.safety().level() == Some(Urgency::Emergency) {
            self.stop_for_emergency(now);
        }
        true
    }

    /// Any emergency sign stops a session altogether, at once, with no check-in in the
    /// way of what to do.
    fn stop_for_emergency(&mut self, now: Instant) {
        self.session_checkins = false;
        self.end_session(now);
        self.overlays
            .retain(|o| !matches!(o, Overlay::PainStop | Overlay::ConfirmEnd));
    }

    pub(crate) fn end_session(&mut self, now: Instant) {
        if let Some(s) = self.session.as_mut()
            && !s.is_finished()
        {
            s.end(now);
            self.after_session_change();
        }
    }
    /// Where the session is, as a pain stop to record: stretch, repetition, side or phase
    /// (of the hold under way, or the next one), and the time.
    pub(crate) fn pain_stop_here(&self) -> Option<PainStop> {
        let s = self.session.as_ref()?;
        let step = *s.step();
        let stretch = self.content.stretches.get(s.plan.stretches[step.item])?;
        // In a lead-in or rest, the hold it leads to.
        let hold_step = s.plan.steps[s.index()..]
            .iter()
            .find(|st| st.item == step.item && matches!(st.kind, StepKind::Hold { .. }))
            .copied()
            .unwrap_or(step);
        let (rep, part) = match hold_step.kind {
            StepKind::Hold { rep, .. } => {
                let name = Session::hold_name(&self.content, &s.plan, &hold_step);
                (rep + 1, (!name.is_empty()).then(|| name.to_string()))
            }
            _ => (1, None),
        };
        Some(PainStop {
            stretch: stretch.id.clone(),
            rep,
            part,
            step: match step.kind {
                StepKind::Hold { .. } => "hold",
                StepKind::LeadIn => "lead-in",
                StepKind::Rest => "rest",
            }
            .to_string(),
            at: (self.wall)().at,
            then: None,
        })
    }

    /// The latest pain stop of the session under way.
    pub fn last_pain_stop(&self) -> Option<&PainStop> {
        self.session_hurt.last()
    }

    /// Notes what was chosen after the latest pain stop.
    pub(crate) fn pain_stop_then(&mut self, then: &str) {
        if let Some(h) = self.session_hurt.last_mut() {
            h.then = Some(then.to_string());
        }
    }
}

/// The next value of a lead-in or rest on the settings screen: 5 s steps within the
/// content's bounds, from the end back to the start (backwards when not `up`).
pub(crate) fn step_within(v: u32, b: crate::content::Bounded, up: bool) -> u32 {
    if up {
        if v >= b.max {
            b.min
        } else {
            ((v / 5 + 1) * 5).clamp(b.min, b.max)
        }
    } else if v <= b.min {
        b.max
    } else {
        (v.div_ceil(5).saturating_sub(1) * 5).clamp(b.min, b.max)
    }
}

/// The furthest back the start of the spasm can be set.
pub const MAX_SPASM_DAYS: u32 = 365;

fn days_before(today: jiff::civil::Date, days: u32) -> Result<jiff::civil::Date, String> {
    if days > MAX_SPASM_DAYS {
        return Err(format!(
            "{days} days is more than a year: type up to {MAX_SPASM_DAYS} days, or a date"
        ));
    }
    today
        .checked_sub(jiff::Span::new().days(i64::from(days)))
        .map_err(|e| e.to_string())
}

/// The start of the spasm from what was typed: a number of days ago ("14"), or a date
/// ("2026-11-10"), neither after today nor more than a year before it.
pub fn parse_spasm_start(
    text: &str,
    today: jiff::civil::Date,
) -> Result<jiff::civil::Date, String> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<u32>() {
            Ok(days) => days_before(today, days),
            Err(_) => Err(format!(
                "{text} days is more than a year: type up to {MAX_SPASM_DAYS} days, or a date"
            )),
        };
    }
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_formed {
        return Err("type a number of days, or a date as YYYY-MM-DD".into());
    }
    let date: jiff::civil::Date = text
        .parse()
        .map_err(|_| format!("{text} is not a date in the calendar"))?;
    if date > today {
        return Err(format!("{text} is after today"));
    }
    let days = (today - date).get_days();
    if days > MAX_SPASM_DAYS as i32 {
        return Err(format!("{text} is more than a year ago"));
    }
    Ok(date)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::session::StepKind;
    use crate::testutil::StepLimit;
    use crate::voice::Bell;
    use std::time::Duration;

    pub fn fixed_wall(date: &'static str) -> Box<dyn Fn() -> Wall> {
        Box::new(move || Wall {
            date: date.to_string(),
            at: format!("{date}T09:30:00+00:00"),
        })
    }

    /// An app past the first-run notice, with no checklist answer yet and check-ins off
    /// (they have tests of their own).
    pub fn app() -> App {
        let state = State {
            notice_seen: true,
            ..State::default()
        };
        let mut a = App::new(Content::embedded(), state, fixed_wall("2026-11-24"));
        a.settings.checkins = false;
        a
    }

    /// An app that has answered "none" today.
    pub fn cleared_app() -> App {
        let mut a = app();
        a.state.safety.push(Entry {
            seq: 0,
            check: "earlier".into(),
            date: "2026-11-24".into(),
            at: "2026-11-24T08:00:00+00:00".into(),
            what: What::Complete {
                result: CheckResult::None,
                yes: vec![],
                quick: false,
            },
        });
        a
    }

    fn press(a: &mut App, keys: &str, now: Instant) {
        for c in keys.chars() {
            a.on_key(Key::Char(c), now);
        }
    }

    #[test]
    fn first_run_shows_the_notice_once() {
        let t = Instant::now();
        let mut a = App::new(
            Content::embedded(),
            State::default(),
            fixed_wall("2026-11-24"),
        );
        assert_eq!(a.top(), Some(Overlay::Notice));
        assert!(a.on_key(Key::Enter, t));
        assert_eq!(a.top(), None);
        assert!(a.state.notice_seen);
        assert_eq!(a.effects, vec![Effect::SaveState]);
        // Reachable again from help.
        a.on_key(Key::Char('?'), t);
        a.on_key(Key::Char('d'), t);
        assert_eq!(a.top(), Some(Overlay::Notice));
        a.on_key(Key::Esc, t);
        assert_eq!(a.top(), None);
    }

    #[test]
    fn home_moves_ticks_and_changes_the_dose_within_bounds() {
        let t = Instant::now();
        let mut a = app();
        assert_eq!(a.home_item(), HomeItem::Routine(0));
        a.on_key(Key::Up, t);
        assert_eq!(a.cursor, 0);
        for _ in 0..4 {
            a.on_key(Key::Char('j'), t);
        }
        assert_eq!(a.home_item(), HomeItem::Stretch(0));
        a.on_key(Key::Char(' '), t);
        a.on_key(Key::Down, t);
        a.on_key(Key::Char(' '), t);
        a.on_key(Key::Char(' '), t);
        assert_eq!(a.ticked[..2], [true, false]);
        a.on_key(Key::Char('k'), t);
        assert_eq!(a.home_item(), HomeItem::Stretch(0));
        a.on_key(Key::End, t);
        assert_eq!(a.home_item(), HomeItem::StartTicked);
        a.on_key(Key::Down, t);
        assert_eq!(a.home_item(), HomeItem::StartTicked);
        a.on_key(Key::Home, t);
        assert_eq!(a.cursor, 0);

        assert_eq!(a.dose.hold_secs, 20);
        press(&mut a, "++++", t);
        assert_eq!(a.dose.hold_secs, 30);
        press(&mut a, "------", t);
        assert_eq!(a.dose.hold_secs, 10);
        press(&mut a, "=", t);
        assert_eq!(a.dose.hold_secs, 15);
        press(&mut a, "]]]]", t);
        assert_eq!(a.dose.reps, 4);
        press(&mut a, "[[[[[", t);
        assert_eq!(a.dose.reps, 2);
        // Space on a routine explains instead of doing nothing.
        a.on_key(Key::Char(' '), t);
        assert!(a.message.is_some());
        a.on_key(Key::Char('z'), t);
        assert!(a.message.is_none());
    }

    #[test]
    fn enter_on_a_stretch_opens_its_detail_and_back() {
        let t = Instant::now();
        let mut a = cleared_app();
        a.cursor = 4;
        a.on_key(Key::Enter, t);
        assert_eq!(
            a.screen,
            Screen::Detail {
                stretch: 0,
                scroll: 0
            }
        );
        a.on_key(Key::Down, t);
        a.on_key(Key::Down, t);
        a.on_key(Key::Up, t);
        assert_eq!(
            a.screen,
            Screen::Detail {
                stretch: 0,
                scroll: 1
            }
        );
        a.on_key(Key::Esc, t);
        assert_eq!(a.screen, Screen::Home);
        a.on_key(Key::Enter, t);
        a.on_key(Key::Char('q'), t);
        assert_eq!(a.screen, Screen::Home);
        assert!(!a.quit);
        // Enter on the detail starts that stretch alone.
        a.on_key(Key::Enter, t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session);
        let s = a.session.as_ref().unwrap();
        assert_eq!(s.plan.stretches, vec![0]);
    }

    #[test]
    fn start_ticked_needs_a_tick() {
        let t = Instant::now();
        let mut a = cleared_app();
        a.on_key(Key::Char('s'), t);
        assert_eq!(a.screen, Screen::Home);
        assert!(a.message.as_deref().unwrap().contains("Tick"));
        a.cursor = 6;
        a.on_key(Key::Char(' '), t);
        a.cursor = 9;
        a.on_key(Key::Char(' '), t);
        a.on_key(Key::End, t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session);
        assert_eq!(a.session.as_ref().unwrap().plan.stretches, vec![2, 5]);
    }

    #[test]
    fn q_on_home_quits_and_ctrl_c_quits_anywhere() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('q'), t);
        assert!(a.quit);
        let mut a = cleared_app();
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session);
        a.on_key(Key::Char('n'), t);
        a.on_key(Key::CtrlC, t + Duration::from_secs(2));
        assert!(a.quit);
        assert!(a.session.as_ref().unwrap().is_finished());
        assert_eq!(a.to_append.len(), 1, "the hold begun is kept");
    }

    #[test]
    fn routine_session_to_summary_with_pause() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.on_key(Key::Enter, t0); // in-bed routine
        assert_eq!(a.screen, Screen::Session);
        let total = a.session.as_ref().unwrap().plan.total();
        // Run 8 s, pause for 30 s, resume.
        a.tick(t0 + Duration::from_secs(8));
        let mut bells = bells_of(&mut a);
        a.on_key(Key::Char(' '), t0 + Duration::from_secs(8));
        assert!(a.session.as_ref().unwrap().is_paused());
        assert_eq!(a.next_deadline(t0 + Duration::from_secs(9)), None);
        a.on_key(Key::Char(' '), t0 + Duration::from_secs(38));
        let mut now = t0 + Duration::from_secs(38);
        let mut limit = StepLimit::new(10_000, "the routine to reach its summary");
        while let Some(d) = a.next_deadline(now) {
            limit.step();
            now = d;
            a.tick(now);
            bells.extend(bells_of(&mut a));
        }
        assert_eq!(a.screen, Screen::Summary);
        let s = a.session.as_ref().unwrap();
        assert_eq!(s.finished_at(), Some(t0 + total + Duration::from_secs(30)));
        // 2 reps x (2 sides + 1) holds: a bell pattern at each start, halfway and end; the
        // ends of the rotation's holds are switches of side; three rings at the end.
        let count = |b: Bell| bells.iter().filter(|x| **x == b).count();
        assert_eq!(count(Bell::Start), 6);
        assert_eq!(count(Bell::Halfway), 6);
        assert_eq!(count(Bell::Switch), 3);
        assert_eq!(count(Bell::End), 2, "into knee-to-chest, and its rest");
        assert_eq!(count(Bell::SessionEnd), 1);
        a.on_key(Key::Enter, now);
        assert_eq!(a.screen, Screen::Home);
        assert!(a.session.is_none());
    }

    /// The bell patterns of the cues the model has asked for since the last call.
    fn bells_of(a: &mut App) -> Vec<Bell> {
        a.effects
            .drain(..)
            .filter_map(|e| match e {
                Effect::Cue(c) => c.bell,
                _ => None,
            })
            .collect()
    }

    /// The words of the cues asked for since the last call.
    fn said(a: &mut App) -> Vec<String> {
        a.effects
            .drain(..)
            .filter_map(|e| match e {
                Effect::Cue(c) => Some(c.text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn quiet_turns_the_voice_off_too() {
        let mut a = cleared_app();
        a.settings.voice = true;
        assert!(a.voice_on());
        a.quiet = true;
        assert!(!a.voice_on());
    }

    #[test]
    fn pause_pain_stop_and_red_flags_are_said() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.cursor = 8; // knee-to-chest
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Enter, t0);
        assert_eq!(said(&mut a), vec!["Knee-to-chest. Lie on your back."]);
        let t1 = t0 + Duration::from_millis(7_400);
        a.on_key(Key::Char(' '), t1);
        // The hold began at 5 s; 2.4 s in, 18 s are shown left.
        assert_eq!(
            said(&mut a),
            vec!["Hold for 20 seconds.", "Paused: 18 seconds left."]
        );
        a.on_key(Key::Char(' '), t1 + Duration::from_secs(50));
        assert_eq!(said(&mut a), vec!["Going on: 18 seconds left."]);
        a.on_key(Key::Char('h'), t1 + Duration::from_secs(51));
        assert_eq!(said(&mut a), vec![a.content.guidance.pain_stop.clone()]);
        a.on_key(Key::Char('!'), t1 + Duration::from_secs(52));
        answer_all(&mut a, &["saddle-numbness"], t1 + Duration::from_secs(53));
        // The session ends at the emergency answer; what to do comes last, so nothing cuts
        // it off.
        let said = said(&mut a);
        let words = said.join(" | ");
        assert!(
            said.last().unwrap().starts_with("EMERGENCY: get help now."),
            "{words}"
        );
        assert!(words.contains("911, 999 or 112"), "{words}");
        assert!(words.contains("That is the end of the session."), "{words}");
    }

    #[test]
    fn wait_for_me_and_after_a_pain_stop_skip() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.settings.wait = true;
        a.on_key(Key::Enter, t0); // in-bed
        let s = a.session.as_ref().unwrap();
        assert!(s.is_waiting());
        assert_eq!(a.next_deadline(t0), None, "nothing wakes while waiting");
        assert!(said(&mut a)[0].ends_with("Take your time. Press Space when you are ready."));
        a.tick(t0 + Duration::from_secs(600));
        assert_eq!(a.session.as_ref().unwrap().index(), 0, "it waits");
        let t1 = t0 + Duration::from_secs(600);
        a.on_key(Key::Char(' '), t1);
        assert!(!a.session.as_ref().unwrap().is_paused());
        assert_eq!(said(&mut a), vec!["Going on: 5 seconds left."]);
        // Without the setting, the lead-in of the next stretch still waits after a pain
        // stop's "skip this stretch".
        let mut b = cleared_app();
        b.on_key(Key::Enter, t0);
        assert!(!b.session.as_ref().unwrap().is_paused());
        b.on_key(Key::Char('n'), t0);
        b.on_key(Key::Char('h'), t0 + Duration::from_secs(3));
        b.on_key(Key::Char('s'), t0 + Duration::from_secs(4));
        let s = b.session.as_ref().unwrap();
        assert_eq!(s.step().kind, StepKind::LeadIn);
        assert_eq!(s.step().item, 1);
        assert!(s.is_waiting());
        assert!(
            said(&mut b)
                .last()
                .unwrap()
                .ends_with("Press Space when you are ready.")
        );
        // run --wait is for the run it was given to only.
        let mut c = cleared_app();
        c.wait_once = true;
        c.on_key(Key::Enter, t0);
        assert!(c.session.as_ref().unwrap().is_waiting());
        c.on_key(Key::CtrlC, t0);
        assert!(!c.wait_once);
    }

    #[test]
    fn settings_for_voice_halfway_wait_lead_in_and_rest_are_saved() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('o'), t);
        a.on_key(Key::Char('v'), t);
        assert!(
            a.message
                .as_deref()
                .is_some_and(|m| m.contains("No speech command was found")),
            "no speech command: said in words"
        );
        for k in ['h', 'w'] {
            a.on_key(Key::Char(k), t);
        }
        assert!(a.settings.voice && !a.settings.halfway && a.settings.wait);
        assert!(a.effects.contains(&Effect::SaveSettings));
        // Lead-in 3-20 s: from 5 up to 10, 15, 20, then round to 3, 5; R goes down.
        let mut leads = Vec::new();
        for _ in 0..5 {
            a.on_key(Key::Char('l'), t);
            leads.push(a.dose.lead_in_secs);
        }
        assert_eq!(leads, vec![10, 15, 20, 3, 5]);
        a.on_key(Key::Char('R'), t);
        assert_eq!(a.dose.rest_secs, 3);
        a.on_key(Key::Char('R'), t);
        assert_eq!(a.dose.rest_secs, 20);
        a.on_key(Key::Char('R'), t);
        assert_eq!(a.dose.rest_secs, 15);
        assert_eq!(a.settings.rest_seconds, Some(15));
        assert_eq!(a.settings.lead_in_seconds, Some(5));
        // The next session uses them, and a saved value comes back within bounds only.
        let plan = a.routine_plan(0);
        assert_eq!((plan.dose.lead_in_secs, plan.dose.rest_secs), (5, 15));
        let mut b = app();
        b.apply_settings(Settings {
            lead_in_seconds: Some(12),
            rest_seconds: Some(99),
            ..Settings::default()
        });
        assert_eq!((b.dose.lead_in_secs, b.dose.rest_secs), (12, 5));
        // --voice or --quiet fix the voice for the run: v explains.
        let mut c = app();
        c.voice_forced = true;
        c.on_key(Key::Char('o'), t);
        c.on_key(Key::Char('v'), t);
        assert!(!c.settings.voice);
        assert!(c.message.is_some());
    }

    #[test]
    fn voice_on_without_a_command_says_so_at_the_first_hold() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.settings.voice = true;
        a.on_key(Key::Enter, t0);
        assert!(a.message.is_none());
        a.tick(t0 + Duration::from_secs(5));
        assert!(
            a.message
                .as_deref()
                .unwrap()
                .contains("No speech command found: bells instead."),
            "{:?}",
            a.message
        );
        // Whole on the narrowest screen: the session has one line for it.
        let s = crate::ui::tests::text(&crate::ui::tests::render(
            &mut a,
            40,
            12,
            t0 + Duration::from_secs(5),
        ));
        assert!(s.contains("No speech command found: bells instead."), "{s}");
    }

    #[test]
    fn session_keys() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.cursor = 8; // knee-to-chest
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Enter, t0);
        let step = |a: &App| a.session.as_ref().unwrap().index();
        assert_eq!(step(&a), 0);
        a.on_key(Key::Char('n'), t0);
        assert_eq!(step(&a), 1);
        a.on_key(Key::Right, t0);
        assert_eq!(step(&a), 2);
        a.on_key(Key::Left, t0);
        assert_eq!(step(&a), 1);
        a.on_key(Key::Char('p'), t0);
        assert_eq!(step(&a), 0);
        a.on_key(Key::Char('n'), t0);
        let t1 = t0 + Duration::from_secs(6);
        a.on_key(Key::Char('r'), t1);
        assert_eq!(
            a.session.as_ref().unwrap().timer().remaining(t1),
            Duration::from_secs(20)
        );
        // q asks first; n keeps going; Esc asks too; y ends.
        a.on_key(Key::Char('q'), t1);
        assert_eq!(a.top(), Some(Overlay::ConfirmEnd));
        a.on_key(Key::Char('n'), t1);
        assert_eq!(a.top(), None);
        assert_eq!(a.screen, Screen::Session);
        a.on_key(Key::Esc, t1);
        assert_eq!(a.top(), Some(Overlay::ConfirmEnd));
        a.on_key(Key::Char('y'), t1);
        assert_eq!(a.screen, Screen::Summary);
        assert!(!a.quit);
    }

    #[test]
    fn help_opens_on_every_screen_and_closes() {
        let t = Instant::now();
        let mut a = cleared_app();
        for _ in 0..2 {
            a.on_key(Key::Char('?'), t);
            assert_eq!(a.top(), Some(Overlay::Help));
            a.on_key(Key::Char('?'), t);
            assert_eq!(a.top(), None);
            a.on_key(Key::Enter, t);
        }
        assert_eq!(a.screen, Screen::Session);
        a.on_key(Key::Char('?'), t);
        a.on_key(Key::Esc, t);
        assert_eq!(a.top(), None);
    }

    #[test]
    fn ctrl_z_pauses_and_asks_to_suspend() {
        let t = Instant::now();
        let mut a = cleared_app();
        a.on_key(Key::Enter, t);
        a.on_key(Key::CtrlZ, t + Duration::from_secs(1));
        assert!(a.session.as_ref().unwrap().is_paused());
        assert!(a.effects.contains(&Effect::Suspend));
    }

    /// Answers every checklist question: yes to the given sign ids, no to the rest.
    pub fn answer_all(a: &mut App, yes: &[&str], now: Instant) {
        // One key answers one question; twice as many allows for a cursor on an answered one.
        let n = a.content.red_flags.signs.len();
        let mut limit = StepLimit::new(2 * n, "the checklist to give its result");
        while a.checklist.result.is_none() {
            limit.step();
            let id = a.content.red_flags.signs[a.checklist.current()].id.clone();
            let k = if yes.contains(&id.as_str()) { 'y' } else { 'n' };
            a.on_key(Key::Char(k), now);
        }
    }

    #[test]
    fn gate_offers_the_checklist_before_the_first_session_of_the_day() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Offer)));
        assert_eq!(a.screen, Screen::Home);
        // One key: none of these apply.
        a.on_key(Key::Char('y'), t);
        assert_eq!(a.screen, Screen::Session);
        let rec = a.safety().last_complete.unwrap();
        assert_eq!(rec.result, CheckResult::None);
        assert!(rec.quick);
        assert!(a.effects.contains(&Effect::SaveState));
        // The next session today starts at once.
        a.on_key(Key::CtrlC, t);
        let mut b = App::new(a.content.clone(), a.state.clone(), fixed_wall("2026-11-24"));
        b.settings.checkins = false;
        b.on_key(Key::Enter, t);
        assert_eq!(b.screen, Screen::Session);
        // A new day offers it again.
        let mut c = App::new(a.content.clone(), a.state.clone(), fixed_wall("2026-11-25"));
        c.on_key(Key::Enter, t);
        assert_eq!(c.top(), Some(Overlay::Gate(Gate::Offer)));
        c.on_key(Key::Esc, t);
        assert_eq!(c.top(), None);
        assert!(c.pending.is_none());
    }

    #[test]
    fn gate_through_the_checklist_then_starts() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Enter, t);
        a.on_key(Key::Char('c'), t);
        assert_eq!(a.top(), Some(Overlay::Checklist));
        answer_all(&mut a, &["not-improving"], t);
        assert_eq!(a.safety().last_complete.unwrap().result, CheckResult::Soon);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session, "a 'soon' answer does not block");
    }

    #[test]
    fn emergency_blocks_sessions_until_answered_again() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('!'), t);
        answer_all(&mut a, &["saddle-numbness"], t);
        assert_eq!(
            a.safety().last_complete.unwrap().result,
            CheckResult::Emergency
        );
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), None);
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
        a.on_key(Key::Char('y'), t);
        assert_eq!(a.screen, Screen::Home, "y does not get past a block");
        a.on_key(Key::Esc, t);
        // Reading instructions is still possible.
        a.cursor = 4;
        a.on_key(Key::Enter, t);
        assert!(matches!(a.screen, Screen::Detail { .. }));
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
        // Answer again without the sign: the session starts.
        a.on_key(Key::Char('c'), t);
        answer_all(&mut a, &[], t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session);
    }

    #[test]
    fn today_answer_asks_for_confirmation() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('!'), t);
        answer_all(&mut a, &["fever"], t);
        a.on_key(Key::Enter, t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::ConfirmToday)));
        a.on_key(Key::Char('n'), t);
        assert_eq!(a.screen, Screen::Home);
        a.on_key(Key::Enter, t);
        a.on_key(Key::Char('y'), t);
        assert_eq!(a.screen, Screen::Session);
    }

    #[test]
    fn checklist_from_a_running_hold_pauses_and_emergency_ends_it() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Char('n'), t0);
        a.on_key(Key::Char('!'), t0 + Duration::from_secs(3));
        assert_eq!(a.top(), Some(Overlay::Checklist));
        assert!(a.session.as_ref().unwrap().is_paused());
        assert_eq!(a.next_deadline(t0 + Duration::from_secs(4)), None);
        // Leaving without answering returns to the paused hold.
        a.on_key(Key::Esc, t0);
        assert_eq!(a.screen, Screen::Session);
        a.on_key(Key::Char('!'), t0);
        answer_all(&mut a, &["chest-pain"], t0 + Duration::from_secs(5));
        assert_eq!(a.screen, Screen::Summary);
        assert_eq!(a.top(), Some(Overlay::Checklist));
        a.on_key(Key::Enter, t0);
        assert_eq!(a.screen, Screen::Summary);
    }

    #[test]
    fn pain_stop_from_a_running_hold() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.on_key(Key::Enter, t0); // in-bed: hook-lying rotation, knee-to-chest
        // h in the lead-in stops at once too.
        a.on_key(Key::Char('h'), t0);
        assert_eq!(a.top(), Some(Overlay::PainStop));
        assert!(a.session.as_ref().unwrap().is_paused());
        a.on_key(Key::Esc, t0);
        a.session.as_mut().unwrap().stats.pain_stops = 0;
        a.on_key(Key::Char('n'), t0);
        let t1 = t0 + Duration::from_secs(4);
        a.on_key(Key::Char('h'), t1);
        assert_eq!(a.top(), Some(Overlay::PainStop));
        let s = a.session.as_ref().unwrap();
        assert!(s.is_paused());
        assert_eq!(s.stats.pain_stops, 1);
        // Esc: back to the paused hold.
        a.on_key(Key::Esc, t1);
        assert_eq!(a.top(), None);
        assert!(a.session.as_ref().unwrap().is_paused());
        // s: skip the rest of this stretch.
        a.on_key(Key::Char('h'), t1);
        a.on_key(Key::Char('s'), t1);
        let s = a.session.as_ref().unwrap();
        assert_eq!(s.step().kind, StepKind::LeadIn);
        assert_eq!(s.step().item, 1);
        assert_eq!(s.stats.pain_stops, 2);
        // ! from the pain stop opens the checklist.
        a.on_key(Key::Char('n'), t1);
        a.on_key(Key::Char('h'), t1);
        a.on_key(Key::Char('!'), t1);
        assert_eq!(a.top(), Some(Overlay::Checklist));
        a.on_key(Key::Esc, t1);
        assert_eq!(a.top(), Some(Overlay::PainStop));
        // e: end the session.
        a.on_key(Key::Char('e'), t1);
        assert_eq!(a.screen, Screen::Summary);
        assert_eq!(a.top(), None);
    }

    #[test]
    fn checklist_result_is_recorded_with_the_yes_signs() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('!'), t);
        answer_all(&mut a, &["fever", "lump"], t);
        let rec = a.safety().last_complete.unwrap();
        assert_eq!(rec.result, CheckResult::Today);
        assert_eq!(rec.at, "2026-11-24T09:30:00+00:00");
        assert!(!rec.quick);
        let standing: Vec<String> = a.safety().standing.into_iter().map(|s| s.sign).collect();
        assert_eq!(standing, vec!["fever".to_string(), "lump".to_string()]);
        // Every answer is kept with the words asked, then the whole list.
        let entries = &a.state.safety.entries;
        assert_eq!(entries.len(), a.content.red_flags.signs.len() + 1);
        let What::Answer { question, .. } = &entries[0].what else {
            panic!("an answer first")
        };
        assert_eq!(question, &a.content.red_flags.signs[0].question);
        assert!(matches!(
            entries.last().unwrap().what,
            What::Complete { .. }
        ));
    }

    fn with_checkins() -> App {
        let mut a = cleared_app();
        a.settings.checkins = true;
        a
    }

    #[test]
    fn check_ins_before_and_after_are_written_to_the_history() {
        let t0 = Instant::now();
        let mut a = with_checkins();
        a.on_key(Key::Enter, t0); // in-bed
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
        assert_eq!(a.screen, Screen::Home, "the session waits for the rating");
        a.on_key(Key::Char('7'), t0);
        assert_eq!(a.screen, Screen::Session);
        assert!(a.effects.contains(&Effect::SaveSettings));
        assert_eq!(a.settings.routine.as_deref(), Some("in-bed"));
        a.tick(t0 + Duration::from_secs(900));
        assert_eq!(a.screen, Screen::Summary);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::After)));
        assert!(a.to_append.is_empty(), "written after the check-in");
        // The scale: arrows then Enter.
        a.on_key(Key::Left, t0);
        a.on_key(Key::Left, t0);
        a.on_key(Key::Enter, t0);
        assert_eq!(a.to_append.len(), 1);
        let r = &a.to_append[0];
        assert_eq!(r.pain_before, Some(7));
        assert_eq!(r.pain_after, Some(5));
        assert_eq!(r.routine.as_deref(), Some("in-bed"));
        assert_eq!(r.checklist.as_deref(), Some("none"));
        assert!(r.completed);
        assert_eq!(r.start, "2026-11-24T09:30:00+00:00");
        assert_eq!(r.stretches.len(), 2);
        assert_eq!(r.stretches[0].reps_done, 2);
        assert!((r.stretches[0].held_seconds - 80.0).abs() < 0.01);
        assert_eq!(a.history.len(), 1);
        assert!(a.effects.contains(&Effect::AppendHistory));
        // Then, once, the start of the spasm.
        assert_eq!(a.top(), Some(Overlay::SpasmStart));
        a.on_key(Key::Char('3'), t0);
        a.on_key(Key::Left, t0);
        a.on_key(Key::Enter, t0);
        assert_eq!(a.settings.spasm_start.as_deref(), Some("2026-11-20"));
        assert_eq!(a.spasm_day(), Some(5));
        assert_eq!(a.top(), None);
        a.on_key(Key::Enter, t0);
        assert_eq!(a.screen, Screen::Home);
        // A second session: skipped ratings, x for ten, and no second question about the date.
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Char('s'), t0);
        a.on_key(Key::Char('n'), t0);
        a.on_key(Key::CtrlC, t0 + Duration::from_secs(3));
        let last = a.history.last().unwrap();
        assert_eq!(last.pain_before, None);
        assert_eq!(last.pain_after, None, "quit before the after check-in");
        assert!(!last.completed);
        assert_eq!(a.history.len(), 2);
    }

    #[test]
    fn ten_is_x_and_esc_skips() {
        let t0 = Instant::now();
        let mut a = with_checkins();
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Char('x'), t0);
        a.on_key(Key::Char('n'), t0);
        a.on_key(Key::Char('q'), t0);
        a.on_key(Key::Char('y'), t0);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::After)));
        a.on_key(Key::Esc, t0);
        let r = a.history.last().unwrap();
        assert_eq!((r.pain_before, r.pain_after), (Some(10), None));
    }

    #[test]
    fn run_no_checkin_skips_them_for_one_session() {
        let t0 = Instant::now();
        let mut a = with_checkins();
        a.skip_checkin_once = true;
        a.on_key(Key::Enter, t0);
        assert_eq!(a.screen, Screen::Session);
        a.on_key(Key::Char('n'), t0);
        a.on_key(Key::Char('q'), t0);
        a.on_key(Key::Char('y'), t0);
        assert_eq!(a.top(), None, "no after check-in either");
        assert_eq!(a.history.len(), 1);
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Enter, t0);
        assert_eq!(
            a.top(),
            Some(Overlay::CheckIn(When::Before)),
            "the next one asks"
        );
    }

    #[test]
    fn settings_turn_check_ins_off_for_good_and_set_the_date() {
        let t0 = Instant::now();
        let mut a = with_checkins();
        a.on_key(Key::Char('o'), t0);
        assert_eq!(a.top(), Some(Overlay::Settings));
        a.on_key(Key::Char('c'), t0);
        assert!(!a.settings.checkins);
        assert!(a.effects.contains(&Effect::SaveSettings));
        a.on_key(Key::Char('d'), t0);
        assert_eq!(a.top(), Some(Overlay::SpasmStart));
        a.on_key(Key::Char('9'), t0);
        a.on_key(Key::Down, t0);
        a.on_key(Key::Enter, t0);
        assert_eq!(a.settings.spasm_start.as_deref(), Some("2026-11-14"));
        assert_eq!(a.top(), Some(Overlay::Settings));
        a.on_key(Key::Esc, t0);
        a.on_key(Key::Enter, t0);
        assert_eq!(a.screen, Screen::Session, "no check-in once turned off");
    }

    #[test]
    fn saved_settings_restore_the_dose_and_routine_within_bounds() {
        let mut a = app();
        a.apply_settings(Settings {
            hold_seconds: Some(25),
            repetitions: Some(3),
            routine: Some("chair".into()),
            ..Settings::default()
        });
        assert_eq!((a.dose.hold_secs, a.dose.reps), (25, 3));
        assert_eq!(a.home_item(), HomeItem::Routine(2));
        let mut b = app();
        b.apply_settings(Settings {
            hold_seconds: Some(99),
            repetitions: Some(1),
            routine: Some("gone".into()),
            ..Settings::default()
        });
        assert_eq!((b.dose.hold_secs, b.dose.reps), (20, 2));
        assert_eq!(b.cursor, 0);
    }

    #[test]
    fn progress_screen_opens_and_closes() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('p'), t);
        assert_eq!(a.screen, Screen::History);
        a.on_key(Key::Char('?'), t);
        assert_eq!(a.top(), Some(Overlay::Help));
        a.on_key(Key::Esc, t);
        a.on_key(Key::Esc, t);
        assert_eq!(a.screen, Screen::Home);
    }

    #[test]
    fn an_emergency_answer_mid_session_shows_its_result_not_a_check_in() {
        let t0 = Instant::now();
        let mut a = with_checkins();
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Char('5'), t0);
        a.on_key(Key::Char('n'), t0);
        a.on_key(Key::Char('!'), t0);
        answer_all(&mut a, &["bowel"], t0);
        assert_eq!(a.top(), Some(Overlay::Checklist));
        assert_eq!(a.screen, Screen::Summary);
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.history[0].pain_before, Some(5));
    }

    #[test]
    fn a_yes_given_from_the_check_in_before_a_session_goes_through_the_gate() {
        let t = Instant::now();
        // An emergency yes, left at once with Esc: the rating does not start the session.
        let mut a = with_checkins();
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
        a.on_key(Key::Char('!'), t);
        a.on_key(Key::Char('y'), t);
        a.on_key(Key::Esc, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
        a.on_key(Key::Char('5'), t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Home);
        assert!(a.session.is_none());
        // A today yes: the screen says to hold off first, and asks.
        let mut b = with_checkins();
        b.on_key(Key::Enter, t);
        b.on_key(Key::Char('!'), t);
        while b.content.red_flags.signs[b.checklist.current()].id != "fever" {
            b.on_key(Key::Char('n'), t);
        }
        b.on_key(Key::Char('y'), t);
        b.on_key(Key::Esc, t);
        assert_eq!(b.top(), Some(Overlay::Gate(Gate::ConfirmToday)));
        b.on_key(Key::Char('5'), t);
        assert!(b.session.is_none());
        b.on_key(Key::Char('y'), t);
        b.on_key(Key::Char('5'), t);
        assert_eq!(
            b.screen,
            Screen::Session,
            "started only after 'start anyway'"
        );
    }

    #[test]
    fn a_yes_another_copy_saved_during_the_check_in_stops_the_start() {
        let t = Instant::now();
        let yes = |a: &mut App, sign: &str, level: Urgency| {
            // As `refresh_state` takes in a `flags --check` answered in another terminal.
            a.state.safety.push(Entry {
                seq: 0,
                check: "other-copy".into(),
                date: "2026-11-24".into(),
                at: "2026-11-24T09:31:00+00:00".into(),
                what: What::Answer {
                    sign: sign.into(),
                    level,
                    question: String::new(),
                    yes: true,
                },
            });
        };
        let mut a = with_checkins();
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
        yes(&mut a, "bowel", Urgency::Emergency);
        a.on_key(Key::Char('5'), t);
        assert!(a.session.is_none());
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
        // A today yes: the start waits for an explicit "start anyway".
        let mut b = with_checkins();
        b.on_key(Key::Enter, t);
        yes(&mut b, "fever", Urgency::Today);
        b.on_key(Key::Char('5'), t);
        assert!(b.session.is_none());
        assert_eq!(b.top(), Some(Overlay::Gate(Gate::ConfirmToday)));
        b.on_key(Key::Char('y'), t);
        b.on_key(Key::Char('5'), t);
        assert_eq!(b.screen, Screen::Session);
    }

    #[test]
    fn an_emergency_yes_from_another_copy_stops_the_session_under_way() {
        let t0 = Instant::now();
        let mut a = with_checkins();
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Char('5'), t0);
        assert_eq!(a.screen, Screen::Session);
        // Into the first hold, so the session is one to keep.
        a.on_key(Key::Char('n'), t0);
        // A today yes taken in leaves it running (that yes asks before a start).
        a.state.safety.push(Entry {
            seq: 0,
            check: "other-copy".into(),
            date: "2026-11-24".into(),
            at: "2026-11-24T09:31:00+00:00".into(),
            what: What::Answer {
                sign: "fever".into(),
                level: Urgency::Today,
                question: String::new(),
                yes: true,
            },
        });
        assert!(a.took_in_answers(t0 + Duration::from_secs(5)));
        assert_eq!(a.screen, Screen::Session);
        a.state.safety.push(Entry {
            seq: 0,
            check: "other-copy".into(),
            date: "2026-11-24".into(),
            at: "2026-11-24T09:32:00+00:00".into(),
            what: What::Answer {
                sign: "bladder".into(),
                level: Urgency::Emergency,
                question: String::new(),
                yes: true,
            },
        });
        a.took_in_answers(t0 + Duration::from_secs(6));
        assert_eq!(a.screen, Screen::Summary);
        assert_eq!(a.top(), None, "what to do, with no check-in in the way");
        assert!(a.session.as_ref().unwrap().is_finished());
        assert_eq!(a.history.len(), 1);
    }

    #[test]
    fn the_theme_key_cycles_and_is_saved_unless_fixed_for_the_run() {
        use crate::theme::ThemeKind;
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('o'), t);
        a.on_key(Key::Char('t'), t);
        assert_eq!(a.theme, ThemeKind::HighContrast);
        assert_eq!(a.settings.theme.as_deref(), Some("high-contrast"));
        assert!(a.effects.contains(&Effect::SaveSettings));
        a.on_key(Key::Char('t'), t);
        a.on_key(Key::Char('t'), t);
        assert_eq!(a.theme, ThemeKind::Default);
        // A saved theme comes back next time.
        let mut b = app();
        b.apply_settings(Settings {
            theme: Some("mono".into()),
            ..Settings::default()
        });
        assert_eq!(b.theme, ThemeKind::Mono);
        // NO_COLOR or --theme for this run: the key explains and changes nothing.
        let mut c = app();
        c.theme = ThemeKind::Mono;
        c.theme_locked = true;
        c.apply_settings(Settings {
            theme: Some("high-contrast".into()),
            ..Settings::default()
        });
        assert_eq!(c.theme, ThemeKind::Mono);
        c.on_key(Key::Char('o'), t);
        c.on_key(Key::Char('t'), t);
        assert_eq!(c.theme, ThemeKind::Mono);
        assert!(c.message.is_some());
    }

    #[test]
    fn clicks_select_list_items_and_pause_a_hold() {
        let t = Instant::now();
        let mut a = cleared_app();
        a.resize(80, 24);
        // Row 0 header, row 1 the list's border, row 2 "Routines", row 3 the first routine.
        assert!(a.on_click(5, 5, t));
        assert_eq!(a.home_item(), HomeItem::Routine(2));
        assert!(!a.on_click(5, 7, t), "the Stretches heading is not an item");
        a.on_click(5, 8, t);
        assert_eq!(a.home_item(), HomeItem::Stretch(0));
        assert!(!a.on_click(60, 8, t), "the preview is not the list");
        assert!(!a.on_click(5, 1, t), "the border is not an item");
        // A click does not start anything.
        assert_eq!(a.screen, Screen::Home);
        a.on_key(Key::Home, t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session);
        a.on_click(40, 12, t + Duration::from_secs(1));
        assert!(a.session.as_ref().unwrap().is_paused());
        a.on_click(3, 3, t + Duration::from_secs(9));
        assert!(!a.session.as_ref().unwrap().is_paused());
        // Not through an overlay, nor on a screen too small to show anything.
        a.on_key(Key::Char('?'), t);
        assert!(!a.on_click(40, 12, t));
        a.on_key(Key::Esc, t);
        a.resize(20, 5);
        assert!(!a.on_click(1, 1, t));
    }

    #[test]
    fn clicks_scroll_with_the_list_in_a_short_window() {
        let t = Instant::now();
        let mut a = cleared_app();
        a.resize(40, 12);
        a.on_key(Key::End, t);
        // The list shows its last rows; a click on the first visible row is mapped through
        // the scroll offset.
        let first = crate::layout::home::list_offset(&a, 12 - 3 - 1 - 2);
        let rows = crate::layout::home::list_rows(&a);
        a.on_click(3, 2, t);
        let want = rows[first].unwrap_or(a.cursor);
        assert_eq!(a.cursor, want);
    }

    #[test]
    fn a_start_waiting_behind_the_notice_goes_through_the_gate_after_the_checklist() {
        let t = Instant::now();
        let mut a = App::new(
            Content::embedded(),
            State::default(),
            fixed_wall("2026-11-24"),
        );
        a.settings.checkins = false;
        let plan = a.routine_plan(1);
        a.request_start(plan, t);
        assert_eq!(a.top(), Some(Overlay::Notice));
        a.on_key(Key::Char('!'), t);
        answer_all(&mut a, &[], t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session, "the asked-for session starts");
        assert_eq!(
            a.session.as_ref().unwrap().plan.routine.as_deref(),
            Some("floor")
        );
        assert!(a.pending.is_none());
    }

    #[test]
    fn no_checkin_once_is_dropped_with_the_start_it_belonged_to() {
        let t = Instant::now();
        let mut a = app();
        a.settings.checkins = true;
        a.skip_checkin_once = true;
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Offer)));
        a.on_key(Key::Esc, t);
        a.on_key(Key::Enter, t);
        a.on_key(Key::Char('y'), t);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
    }

    #[test]
    fn the_history_keeps_the_checklist_result_of_the_start() {
        let t = Instant::now();
        let mut a = cleared_app();
        a.on_key(Key::Enter, t);
        a.on_key(Key::Char('n'), t);
        a.on_key(Key::Char('!'), t);
        answer_all(&mut a, &["bowel"], t);
        assert_eq!(a.history.last().unwrap().checklist.as_deref(), Some("none"));
    }

    #[test]
    fn a_session_ended_before_its_first_hold_writes_nothing_and_asks_nothing() {
        let t = Instant::now();
        // Every way to end it in the lead-in: q then y, Ctrl-C, an emergency answer.
        for way in ["qy", "ctrl-c", "emergency"] {
            let mut a = with_checkins();
            a.on_key(Key::Enter, t);
            a.on_key(Key::Char('4'), t);
            assert_eq!(a.screen, Screen::Session);
            match way {
                "qy" => press(&mut a, "qy", t),
                "ctrl-c" => {
                    a.on_key(Key::CtrlC, t);
                }
                _ => {
                    a.on_key(Key::Char('!'), t);
                    answer_all(&mut a, &["bowel"], t);
                }
            }
            assert!(a.history.is_empty(), "{way}");
            assert!(a.to_append.is_empty(), "{way}");
            assert!(!a.effects.contains(&Effect::AppendHistory), "{way}");
            assert!(
                !matches!(a.top(), Some(Overlay::CheckIn(_) | Overlay::SpasmStart)),
                "{way}: no after-session questions"
            );
            assert!(a.session.is_none(), "{way}");
            if way == "qy" {
                assert_eq!(a.screen, Screen::Home);
                assert!(
                    a.message
                        .as_deref()
                        .unwrap()
                        .contains("nothing was recorded")
                );
            }
        }
        // A pain stop while getting into position is kept, with its questions.
        let mut a = with_checkins();
        a.on_key(Key::Enter, t);
        a.on_key(Key::Char('4'), t);
        press(&mut a, "he", t);
        assert_eq!(a.history.len(), 0, "written after the check-in");
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::After)));
    }

    #[test]
    fn esc_on_the_check_in_before_goes_home_and_s_skips() {
        let t = Instant::now();
        let mut a = with_checkins();
        a.skip_checkin_once = false;
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
        a.on_key(Key::Esc, t);
        assert_eq!(a.top(), None);
        assert_eq!(a.screen, Screen::Home);
        assert!(a.session.is_none());
        assert!(a.pending.is_none());
        assert!(a.effects.is_empty(), "nothing written: {:?}", a.effects);
        // s starts without a rating.
        a.on_key(Key::Enter, t);
        a.on_key(Key::Char('s'), t);
        assert_eq!(a.screen, Screen::Session);
        // After a session, Esc skips the rating and keeps the session.
        press(&mut a, "nqy", t);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::After)));
        a.on_key(Key::Esc, t);
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.history[0].pain_after, None);
    }

    #[test]
    fn q_on_the_first_run_notice_quits_without_marking_it_read() {
        let t = Instant::now();
        let mut a = App::new(
            Content::embedded(),
            State::default(),
            fixed_wall("2026-11-24"),
        );
        assert_eq!(a.top(), Some(Overlay::Notice));
        a.on_key(Key::Char('q'), t);
        assert!(a.quit);
        assert!(!a.state.notice_seen);
        assert!(!a.effects.contains(&Effect::SaveState));
        // Opened again from the help once read, q only closes it.
        let mut b = app();
        press(&mut b, "?d", t);
        assert_eq!(b.top(), Some(Overlay::Notice));
        b.on_key(Key::Char('q'), t);
        assert_eq!(b.top(), None);
        assert!(!b.quit);
    }

    #[test]
    fn dose_keys_say_when_a_bound_is_reached() {
        let t = Instant::now();
        let mut a = app();
        press(&mut a, "++", t);
        assert_eq!(a.dose.hold_secs, 30);
        a.on_key(Key::Char('+'), t);
        assert_eq!(a.message.as_deref(), Some("30 s is the longest hold."));
        press(&mut a, "----", t);
        assert_eq!(a.dose.hold_secs, 10);
        a.on_key(Key::Char('-'), t);
        assert_eq!(a.message.as_deref(), Some("10 s is the shortest hold."));
        press(&mut a, "]]", t);
        a.on_key(Key::Char(']'), t);
        assert_eq!(a.message.as_deref(), Some("4 repetitions is the most."));
        press(&mut a, "[[", t);
        a.on_key(Key::Char('['), t);
        assert_eq!(a.message.as_deref(), Some("2 repetitions is the fewest."));
    }

    #[test]
    fn bang_opens_the_checklist_over_check_ins_and_settings() {
        let t = Instant::now();
        let mut a = cleared_app();
        a.settings.checkins = true;
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
        a.on_key(Key::Char('!'), t);
        assert_eq!(a.top(), Some(Overlay::Checklist));
        a.on_key(Key::Esc, t);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
        a.on_key(Key::Char('s'), t);
        assert_eq!(a.screen, Screen::Session);
        let mut b = cleared_app();
        b.on_key(Key::Char('o'), t);
        b.on_key(Key::Char('!'), t);
        assert_eq!(b.top(), Some(Overlay::Checklist));
    }

    #[test]
    fn a_pain_stop_records_the_stretch_repetition_side_and_time() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.on_key(Key::Enter, t0); // in-bed: hook-lying rotation (right, left), knee-to-chest
        // Into the first repetition's left side: lead-in, right, rest, left.
        for _ in 0..3 {
            a.on_key(Key::Char('n'), t0);
        }
        a.on_key(Key::Char('h'), t0 + Duration::from_secs(2));
        let h = a.last_pain_stop().unwrap().clone();
        assert_eq!(h.stretch, "hook-lying-rotation");
        assert_eq!((h.rep, h.part.as_deref()), (1, Some("Left side")));
        assert_eq!(h.step, "hold");
        assert_eq!(h.at, "2026-11-24T09:30:00+00:00");
        assert_eq!(h.then, None);
        a.on_key(Key::Char('s'), t0 + Duration::from_secs(3));
        // In the next stretch's lead-in: the repetition it leads to.
        a.on_key(Key::Char('h'), t0 + Duration::from_secs(4));
        a.on_key(Key::Esc, t0 + Duration::from_secs(4));
        a.on_key(Key::Char('q'), t0 + Duration::from_secs(5));
        a.on_key(Key::Char('y'), t0 + Duration::from_secs(5));
        let r = a.history.last().unwrap();
        assert_eq!(r.pain_stops, 2);
        assert_eq!(r.hurt.len(), 2);
        assert_eq!(r.hurt[0].then.as_deref(), Some("skip"));
        assert_eq!(r.hurt[1].stretch, "knee-to-chest");
        assert_eq!((r.hurt[1].rep, r.hurt[1].part.as_deref()), (1, None));
        assert_eq!(r.hurt[1].step, "lead-in");
        assert_eq!(r.hurt[1].then.as_deref(), Some("paused"));
        // The line in the file carries it; an older line without it still reads.
        let line = serde_json::to_string(r).unwrap();
        assert!(line.contains(r#""hurt":[{"stretch":"hook-lying-rotation","rep":1,"part":"Left side","step":"hold""#), "{line}");
        let mut old: serde_json::Value = serde_json::from_str(&line).unwrap();
        old.as_object_mut().unwrap().remove("hurt");
        let back: SessionRecord = serde_json::from_value(old).unwrap();
        assert!(back.hurt.is_empty());
        assert_eq!(back.pain_stops, 2);
    }

    #[test]
    fn try_it_gentler_restarts_the_hold_at_the_minimum() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.dose.hold_secs = 30;
        a.cursor = 8; // knee-to-chest alone
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Enter, t0);
        a.on_key(Key::Char('n'), t0);
        let t1 = t0 + Duration::from_secs(12);
        a.on_key(Key::Char('h'), t1);
        a.on_key(Key::Char('g'), t1 + Duration::from_secs(3));
        let t2 = t1 + Duration::from_secs(3);
        let s = a.session.as_ref().unwrap();
        assert_eq!(a.top(), None);
        assert!(!s.is_paused(), "the gentler hold runs at once");
        assert!(s.is_gentle());
        assert_eq!(s.index(), 1, "the same hold");
        assert_eq!(s.timer().remaining(t2), Duration::from_secs(10));
        let said = said(&mut a);
        assert!(
            said.last().is_some_and(
                |w| w.starts_with("Gentler now") && w.ends_with("Hold for 10 seconds.")
            ),
            "{said:?}"
        );
        // It runs out on its own and counts as done; the next hold has the full dose.
        a.tick(t2 + Duration::from_secs(10));
        let s = a.session.as_ref().unwrap();
        assert_eq!(s.stats.items[0].holds_completed, 1);
        assert!(!s.is_gentle());
        a.tick(t2 + Duration::from_secs(15));
        let s = a.session.as_ref().unwrap();
        assert!(s.in_hold());
        assert_eq!(
            s.timer().remaining(t2 + Duration::from_secs(15)),
            Duration::from_secs(30)
        );
        // From a lead-in, g makes the hold it leads to the gentler one.
        let mut b = cleared_app();
        b.cursor = 8;
        b.on_key(Key::Enter, t0);
        b.on_key(Key::Enter, t0);
        b.on_key(Key::Char('h'), t0);
        b.on_key(Key::Char('g'), t0);
        let s = b.session.as_ref().unwrap();
        assert!(s.in_hold() && s.is_gentle());
        assert_eq!(s.timer().remaining(t0), Duration::from_secs(10));
        assert_eq!(b.last_pain_stop().unwrap().then.as_deref(), Some("gentler"));
    }

    #[test]
    fn x_on_home_leaves_out_what_hurt_lately_and_nothing_else() {
        let t = Instant::now();
        let mut a = cleared_app();
        // Nothing hurt: x explains and changes nothing.
        a.on_key(Key::Char('x'), t);
        assert!(!a.settings.leave_out_hurt);
        assert!(a.message.as_deref().unwrap().contains("No stretch hurt"));
        let mut older = history::tests::record("2026-11-20T08:00:00+00:00", None, None);
        older.hurt = vec![PainStop {
            stretch: "hook-lying-rotation".into(),
            rep: 1,
            part: Some("Right side".into()),
            step: "hold".into(),
            at: "2026-11-20T08:01:00+00:00".into(),
            then: None,
        }];
        let mut recent = older.clone();
        recent.start = "2026-11-23T08:00:00+00:00".into();
        recent.hurt[0].stretch = "knee-to-chest".into();
        // Hook-lying rotation hurt four sessions ago: no longer marked.
        a.history = vec![
            older,
            history::tests::record("2026-11-21T08:00:00+00:00", None, None),
            history::tests::record("2026-11-22T08:00:00+00:00", None, None),
            recent,
        ];
        let k2c = a.content.stretch_index("knee-to-chest").unwrap();
        let hlr = a.content.stretch_index("hook-lying-rotation").unwrap();
        assert_eq!(a.hurt_lately(k2c).as_deref(), Some("Mon"));
        assert_eq!(a.hurt_lately(hlr), None);
        let dose = a.dose;
        assert_eq!(a.routine_plan(0).stretches, vec![hlr, k2c]);
        a.on_key(Key::Char('x'), t);
        assert!(a.settings.leave_out_hurt);
        assert!(a.effects.contains(&Effect::SaveSettings));
        assert_eq!(a.routine_plan(0).stretches, vec![hlr]);
        assert_eq!(a.dose, dose, "the dose is not changed");
        // A stretch picked on its own still starts.
        assert_eq!(a.plan_for(None, vec![k2c]).stretches, vec![k2c]);
        a.on_key(Key::Char('x'), t);
        assert_eq!(a.routine_plan(0).stretches, vec![hlr, k2c]);
    }

    #[test]
    fn a_first_check_in_has_nothing_chosen_and_enter_waits_for_a_number() {
        let t = Instant::now();
        let mut a = with_checkins();
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
        assert_eq!(a.checkin.cursor, None);
        assert!(
            !a.on_key(Key::Enter, t),
            "Enter with nothing chosen does nothing"
        );
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
        assert_eq!(a.screen, Screen::Home);
        a.on_key(Key::Char('6'), t);
        assert_eq!(a.screen, Screen::Session);
        a.on_key(Key::Char('n'), t);
        a.on_key(Key::Char('q'), t);
        a.on_key(Key::Char('y'), t);
        // After the session: starts at the rating before, shown as such; Enter keeps it.
        assert_eq!(a.checkin.cursor, Some(6));
        assert_eq!(a.checkin.start, Some((6, "before this session")));
        assert_eq!(a.summary_record.as_ref().unwrap().pain_before, Some(6));
        a.on_key(Key::Left, t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.history.last().unwrap().pain_after, Some(5));
        assert_eq!(a.summary_record.as_ref().unwrap().pain_after, Some(5));
        // The next session's check-in starts at the last rating.
        a.on_key(Key::Esc, t);
        a.on_key(Key::Enter, t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::CheckIn(When::Before)));
        assert_eq!(a.checkin.start, Some((5, "your last rating")));
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session);
        // An arrow on an empty scale shows the middle, chosen only by Enter.
        let mut b = with_checkins();
        b.on_key(Key::Enter, t);
        b.on_key(Key::Right, t);
        assert_eq!(b.checkin.cursor, Some(5));
    }

    #[test]
    fn the_start_of_the_spasm_from_typed_days_or_a_date() {
        let today: jiff::civil::Date = "2026-11-24".parse().unwrap();
        let d = |s: &str| parse_spasm_start(s, today).map(|d| d.to_string());
        assert_eq!(d("14").as_deref(), Ok("2026-11-10"));
        assert_eq!(d("0").as_deref(), Ok("2026-11-24"));
        assert_eq!(d("2026-11-02").as_deref(), Ok("2026-11-02"));
        assert!(d("2026-11-25").unwrap_err().contains("after today"));
        assert!(d("2026-02-30").unwrap_err().contains("not a date"));
        assert!(d("2024-01-01").unwrap_err().contains("more than a year"));
        assert!(d("366").unwrap_err().contains("more than a year"));
        // Too many digits for a number says what was typed, not a wrapped-round figure.
        let e = d("99999999999").unwrap_err();
        assert!(e.starts_with("99999999999 days is more than a year"), "{e}");
        assert!(!e.contains("4294967295"), "{e}");
        assert!(d("2026-1").unwrap_err().contains("YYYY-MM-DD"));
        assert!(d("").is_err());

        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('o'), t);
        a.on_key(Key::Char('d'), t);
        a.on_key(Key::Char('1'), t);
        a.on_key(Key::Char('4'), t);
        assert_eq!(a.spasm_choice().unwrap().to_string(), "2026-11-10");
        // An arrow moves from what was typed.
        a.on_key(Key::Left, t);
        assert_eq!(a.spasm_choice().unwrap().to_string(), "2026-11-09");
        assert!(a.spasm.entry.is_empty());
        // A half-typed date is not kept; Enter says why and waits.
        for c in "2026-11".chars() {
            a.on_key(Key::Char(c), t);
        }
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::SpasmStart));
        assert!(a.spasm.error.is_some());
        for c in "-03".chars() {
            a.on_key(Key::Char(c), t);
        }
        assert!(a.spasm.error.is_none());
        a.on_key(Key::Backspace, t);
        a.on_key(Key::Char('5'), t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.settings.spasm_start.as_deref(), Some("2026-11-05"));
        assert_eq!(a.top(), Some(Overlay::Settings));
    }
}
