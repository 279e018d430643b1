//! The model: which screen, what is selected, the session. `on_key` and `tick` take `now`
//! and say whether the screen changed; drawing reads `&App` only.

use crate::checklist::{Action, Checklist, Outcome};
use crate::content::{Content, Urgency};
use crate::keys::Key;
use crate::session::{Cue, DoseChoice, Plan, Session};
use crate::store::{CheckRecord, CheckResult, State};
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

/// What the runner must do for the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Bell,
    SaveState,
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
    /// A one-line message for the person, cleared by the next key.
    pub message: Option<String>,
    pub quiet: bool,
    /// Colours on; off for NO_COLOR and --no-color.
    pub color: bool,
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
            message: None,
            quiet: false,
            color: true,
            quit: false,
            effects: Vec::new(),
            wall,
        }
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

    /// The answer recorded today, if any.
    pub fn todays_check(&self) -> Option<&CheckRecord> {
        let today = self.today();
        self.state.check_on(&today)
    }

    /// A dose change or a starting session needs a plan: build it from ids in order.
    pub fn plan_for(&self, routine: Option<String>, stretches: Vec<usize>) -> Plan {
        Plan::build(&self.content, routine, stretches, self.dose)
    }

    pub fn routine_plan(&self, r: usize) -> Plan {
        let routine = &self.content.routines[r];
        let idx = routine
            .stretches
            .iter()
            .filter_map(|id| self.content.stretch_index(id))
            .collect();
        self.plan_for(Some(routine.id.clone()), idx)
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
        let cells = crate::ui::session::bar_cells(self.size, s);
        s.timer().next_change(now, cells)
    }

    /// Time passes: advance the session. Returns whether the screen changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let Some(s) = self.session.as_mut() else {
            return false;
        };
        if self.screen != Screen::Session || s.is_finished() {
            return false;
        }
        let cues = s.tick(now);
        self.cues(&cues);
        self.after_session_change();
        true
    }

    pub fn resize(&mut self, w: u16, h: u16) -> bool {
        let changed = self.size != (w, h);
        self.size = (w, h);
        changed
    }

    fn cues(&mut self, cues: &[Cue]) {
        if !self.quiet && !cues.is_empty() {
            self.effects.push(Effect::Bell);
        }
    }

    fn after_session_change(&mut self) {
        if self.screen == Screen::Session && self.session.as_ref().is_some_and(|s| s.is_finished())
        {
            self.screen = Screen::Summary;
            self.overlays
                .retain(|o| !matches!(o, Overlay::ConfirmEnd | Overlay::PainStop));
        }
    }

    fn push(&mut self, o: Overlay) {
        if self.top() != Some(o) {
            self.overlays.push(o);
        }
    }

    fn pause_session(&mut self, now: Instant) {
        if self.screen == Screen::Session
            && let Some(s) = self.session.as_mut()
        {
            s.tick(now);
            s.pause(now);
        }
    }

    fn open_checklist(&mut self, now: Instant) {
        if self.top() == Some(Overlay::Checklist) {
            return;
        }
        self.pause_session(now);
        self.checklist = Checklist::new(&self.content);
        self.push(Overlay::Checklist);
    }

    fn record_check(&mut self, result: CheckResult, yes: Vec<String>, quick: bool) {
        let wall = (self.wall)();
        self.state.checks.push(CheckRecord {
            date: wall.date,
            at: wall.at,
            result,
            yes,
            quick,
        });
        self.effects.push(Effect::SaveState);
    }

    /// Starts a plan, through the day's safety gate.
    pub fn request_start(&mut self, plan: Plan, now: Instant) {
        if plan.steps.is_empty() {
            self.message = Some("Nothing to start: pick a routine or tick stretches.".into());
            return;
        }
        // The first-run notice comes first; the start waits until it is read.
        if self.top() == Some(Overlay::Notice) {
            self.pending = Some(plan);
            return;
        }
        let gate = match self.todays_check().map(|c| c.result) {
            None => Some(Gate::Offer),
            Some(CheckResult::Emergency) => Some(Gate::Blocked),
            Some(CheckResult::Today) => Some(Gate::ConfirmToday),
            Some(CheckResult::Soon | CheckResult::None) => None,
        };
        match gate {
            Some(g) => {
                self.pending = Some(plan);
                self.overlays.retain(|o| !matches!(o, Overlay::Gate(_)));
                self.push(Overlay::Gate(g));
            }
            None => self.start(plan, now),
        }
    }

    fn start(&mut self, plan: Plan, now: Instant) {
        self.pending = None;
        self.overlays.clear();
        let (s, cues) = Session::start(plan, now);
        self.session = Some(s);
        self.screen = Screen::Session;
        self.cues(&cues);
        self.after_session_change();
    }

    /// Handles one key. Returns whether the screen changed.
    pub fn on_key(&mut self, key: Key, now: Instant) -> bool {
        if let Some(s) = self.session.as_mut()
            && self.screen == Screen::Session
        {
            let cues = s.tick(now);
            self.cues(&cues);
            self.after_session_change();
        }
        let had_message = self.message.take().is_some();
        match key {
            Key::CtrlC => {
                self.end_session(now);
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
        let changed = match self.top() {
            Some(o) => self.overlay_key(o, key, now),
            None => match key {
                Key::Char('!') => {
                    self.open_checklist(now);
                    true
                }
                Key::Char('?') => {
                    self.push(Overlay::Help);
                    true
                }
                _ => self.screen_key(key, now),
            },
        };
        self.after_session_change();
        changed || had_message
    }

    fn overlay_key(&mut self, o: Overlay, key: Key, now: Instant) -> bool {
        match o {
            Overlay::Help => match key {
                Key::Esc | Key::Char('q') | Key::Char('?') | Key::Enter => {
                    self.overlays.pop();
                    true
                }
                Key::Char('d') => {
                    self.overlays.pop();
                    self.push(Overlay::Notice);
                    true
                }
                Key::Char('!') => {
                    self.overlays.pop();
                    self.open_checklist(now);
                    true
                }
                _ => false,
            },
            Overlay::Notice => match key {
                Key::Enter | Key::Esc | Key::Char(' ') | Key::Char('q') => {
                    self.overlays.pop();
                    if !self.state.notice_seen {
                        self.state.notice_seen = true;
                        self.effects.push(Effect::SaveState);
                    }
                    if let Some(plan) = self.pending.take() {
                        self.request_start(plan, now);
                    }
                    true
                }
                Key::Char('!') => {
                    self.overlays.pop();
                    if !self.state.notice_seen {
                        self.state.notice_seen = true;
                        self.effects.push(Effect::SaveState);
                    }
                    self.open_checklist(now);
                    true
                }
                _ => false,
            },
            Overlay::ConfirmEnd => match key {
                Key::Char('y') | Key::Enter | Key::Char('q') => {
                    self.overlays.pop();
                    self.end_session(now);
                    true
                }
                Key::Char('n') | Key::Esc => {
                    self.overlays.pop();
                    true
                }
                Key::Char('!') => {
                    self.overlays.pop();
                    self.open_checklist(now);
                    true
                }
                _ => false,
            },
            Overlay::PainStop => match key {
                Key::Char('s') => {
                    self.overlays.pop();
                    if let Some(s) = self.session.as_mut() {
                        let cues = s.skip_stretch(now);
                        self.cues(&cues);
                    }
                    true
                }
                Key::Char('e') => {
                    self.overlays.pop();
                    self.end_session(now);
                    true
                }
                Key::Char('!') => {
                    self.open_checklist(now);
                    true
                }
                Key::Esc | Key::Enter | Key::Char('q') => {
                    self.overlays.pop();
                    true
                }
                Key::Char('?') => {
                    self.push(Overlay::Help);
                    true
                }
                _ => false,
            },
            Overlay::Checklist => match key {
                Key::Char('?') if self.checklist.result.is_none() => {
                    self.push(Overlay::Help);
                    true
                }
                _ => {
                    let action = self.checklist.on_key(&self.content, key);
                    self.checklist_action(action, now)
                }
            },
            Overlay::Gate(g) => self.gate_key(g, key, now),
        }
    }

    fn checklist_action(&mut self, action: Action, now: Instant) -> bool {
        match action {
            Action::Nothing => false,
            Action::Changed => true,
            Action::Finished(o) => {
                self.finish_checklist(&o, now);
                true
            }
            Action::Close => {
                self.overlays.pop();
                // Answered from the gate: try the start again with the new answer.
                if matches!(self.top(), Some(Overlay::Gate(_))) {
                    self.overlays.pop();
                    if let Some(plan) = self.pending.take() {
                        self.request_start(plan, now);
                    }
                }
                true
            }
        }
    }

    fn finish_checklist(&mut self, o: &Outcome, now: Instant) {
        let yes = o
            .all_yes
            .iter()
            .map(|&i| self.content.red_flags.signs[i].id.clone())
            .collect();
        self.record_check(CheckResult::from_urgency(o.urgency), yes, false);
        // Any emergency sign stops a session altogether.
        if o.urgency == Some(Urgency::Emergency) {
            self.end_session(now);
            self.overlays
                .retain(|o| !matches!(o, Overlay::PainStop | Overlay::ConfirmEnd));
            if self.screen == Screen::Summary {
                // Keep the checklist result on top of the summary.
            }
        }
    }

    fn gate_key(&mut self, g: Gate, key: Key, now: Instant) -> bool {
        match (g, key) {
            (Gate::Offer | Gate::Blocked, Key::Char('c')) | (Gate::Offer, Key::Enter) => {
                self.open_checklist(now);
                true
            }
            (Gate::Offer, Key::Char('y')) => {
                self.record_check(CheckResult::None, Vec::new(), true);
                self.overlays.pop();
                if let Some(plan) = self.pending.take() {
                    self.start(plan, now);
                }
                true
            }
            (Gate::ConfirmToday, Key::Char('y')) => {
                self.overlays.pop();
                if let Some(plan) = self.pending.take() {
                    self.start(plan, now);
                }
                true
            }
            (Gate::ConfirmToday, Key::Char('c')) => {
                self.open_checklist(now);
                true
            }
            (_, Key::Esc | Key::Char('q') | Key::Char('n'))
            | (Gate::Blocked | Gate::ConfirmToday, Key::Enter) => {
                self.overlays.pop();
                self.pending = None;
                true
            }
            (_, Key::Char('!')) => {
                self.open_checklist(now);
                true
            }
            _ => false,
        }
    }

    fn end_session(&mut self, now: Instant) {
        if let Some(s) = self.session.as_mut()
            && !s.is_finished()
        {
            s.end(now);
            if self.screen == Screen::Session {
                self.screen = Screen::Summary;
            }
        }
    }

    fn screen_key(&mut self, key: Key, now: Instant) -> bool {
        match self.screen.clone() {
            Screen::Home => self.home_key(key, now),
            Screen::Detail { stretch, scroll } => match key {
                Key::Esc | Key::Char('q') | Key::Left | Key::Backspace => {
                    self.screen = Screen::Home;
                    true
                }
                Key::Enter => {
                    let plan = self.plan_for(None, vec![stretch]);
                    self.request_start(plan, now);
                    true
                }
                Key::Down | Key::Char('j') => {
                    self.screen = Screen::Detail {
                        stretch,
                        scroll: scroll.saturating_add(1).min(200),
                    };
                    true
                }
                Key::Up | Key::Char('k') => {
                    self.screen = Screen::Detail {
                        stretch,
                        scroll: scroll.saturating_sub(1),
                    };
                    true
                }
                _ => false,
            },
            Screen::Session => self.session_key(key, now),
            Screen::Summary => match key {
                Key::Enter | Key::Esc | Key::Char('q') | Key::Char(' ') => {
                    self.session = None;
                    self.screen = Screen::Home;
                    true
                }
                _ => false,
            },
        }
    }

    fn home_key(&mut self, key: Key, now: Instant) -> bool {
        let n = self.home_items().len();
        let d = self.content.dose;
        match key {
            Key::Up | Key::Char('k') => {
                self.cursor = self.cursor.saturating_sub(1);
                true
            }
            Key::Down | Key::Char('j') => {
                self.cursor = (self.cursor + 1).min(n - 1);
                true
            }
            Key::Home => {
                self.cursor = 0;
                true
            }
            Key::End => {
                self.cursor = n - 1;
                true
            }
            Key::Char(' ') => match self.home_item() {
                HomeItem::Stretch(i) => {
                    self.ticked[i] = !self.ticked[i];
                    true
                }
                HomeItem::Routine(_) => {
                    self.message = Some("Space ticks stretches; Enter starts a routine.".into());
                    true
                }
                HomeItem::StartTicked => self.start_ticked(now),
            },
            Key::Enter => match self.home_item() {
                HomeItem::Routine(r) => {
                    let plan = self.routine_plan(r);
                    self.request_start(plan, now);
                    true
                }
                HomeItem::Stretch(i) => {
                    self.screen = Screen::Detail {
                        stretch: i,
                        scroll: 0,
                    };
                    true
                }
                HomeItem::StartTicked => self.start_ticked(now),
            },
            Key::Char('s') => self.start_ticked(now),
            Key::Char('+') | Key::Char('=') => {
                self.dose.hold_secs = (self.dose.hold_secs + 5).min(d.hold_seconds.max);
                true
            }
            Key::Char('-') | Key::Char('_') => {
                self.dose.hold_secs = self
                    .dose
                    .hold_secs
                    .saturating_sub(5)
                    .max(d.hold_seconds.min);
                true
            }
            Key::Char(']') => {
                self.dose.reps = (self.dose.reps + 1).min(d.repetitions.max);
                true
            }
            Key::Char('[') => {
                self.dose.reps = self.dose.reps.saturating_sub(1).max(d.repetitions.min);
                true
            }
            Key::Char('q') => {
                self.quit = true;
                true
            }
            _ => false,
        }
    }

    fn start_ticked(&mut self, now: Instant) -> bool {
        let idx: Vec<usize> = (0..self.ticked.len()).filter(|&i| self.ticked[i]).collect();
        if idx.is_empty() {
            self.message = Some("Tick stretches with Space first, or pick a routine.".into());
        } else {
            let plan = self.plan_for(None, idx);
            self.request_start(plan, now);
        }
        true
    }

    fn session_key(&mut self, key: Key, now: Instant) -> bool {
        let Some(s) = self.session.as_mut() else {
            self.screen = Screen::Home;
            return true;
        };
        let cues = match key {
            Key::Char(' ') => {
                s.toggle_pause(now);
                Vec::new()
            }
            Key::Char('n') | Key::Right => s.skip(now),
            Key::Char('p') | Key::Left => s.back(now),
            Key::Char('r') => s.restart(now),
            Key::Char('h') => {
                if s.in_hold() {
                    s.pause(now);
                    s.stats.pain_stops += 1;
                    self.push(Overlay::PainStop);
                    return true;
                }
                self.message =
                    Some("If a stretch hurts, stop it. Press h during a hold to ease off.".into());
                return true;
            }
            Key::Char('q') | Key::Esc => {
                self.push(Overlay::ConfirmEnd);
                return true;
            }
            _ => return false,
        };
        self.cues(&cues);
        true
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::session::StepKind;
    use std::time::Duration;

    pub fn fixed_wall(date: &'static str) -> Box<dyn Fn() -> Wall> {
        Box::new(move || Wall {
            date: date.to_string(),
            at: format!("{date}T09:30:00+00:00"),
        })
    }

    /// An app past the first-run notice, with no checklist answer yet.
    pub fn app() -> App {
        let state = State {
            notice_seen: true,
            ..State::default()
        };
        App::new(Content::embedded(), state, fixed_wall("2026-11-24"))
    }

    /// An app that has answered "none" today.
    pub fn cleared_app() -> App {
        let mut a = app();
        a.state.checks.push(CheckRecord {
            date: "2026-11-24".into(),
            at: "2026-11-24T08:00:00+00:00".into(),
            result: CheckResult::None,
            yes: vec![],
            quick: false,
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
        a.on_key(Key::Char('x'), t);
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
        a.on_key(Key::CtrlC, t);
        assert!(a.quit);
        assert!(a.session.as_ref().unwrap().is_finished());
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
        let mut bells = a.effects.drain(..).filter(|e| *e == Effect::Bell).count();
        a.on_key(Key::Char(' '), t0 + Duration::from_secs(8));
        assert!(a.session.as_ref().unwrap().is_paused());
        assert_eq!(a.next_deadline(t0 + Duration::from_secs(9)), None);
        a.on_key(Key::Char(' '), t0 + Duration::from_secs(38));
        let mut now = t0 + Duration::from_secs(38);
        while let Some(d) = a.next_deadline(now) {
            now = d;
            a.tick(now);
            bells += a.effects.drain(..).filter(|e| *e == Effect::Bell).count();
        }
        assert_eq!(a.screen, Screen::Summary);
        let s = a.session.as_ref().unwrap();
        assert_eq!(s.finished_at(), Some(t0 + total + Duration::from_secs(30)));
        // 2 reps x (2 sides + 1) holds: a bell at each start and each end.
        assert_eq!(bells, 12);
        a.on_key(Key::Enter, now);
        assert_eq!(a.screen, Screen::Home);
        assert!(a.session.is_none());
    }

    #[test]
    fn quiet_rings_no_bell() {
        let t0 = Instant::now();
        let mut a = cleared_app();
        a.quiet = true;
        a.on_key(Key::Enter, t0);
        a.tick(t0 + Duration::from_secs(600));
        assert!(!a.effects.contains(&Effect::Bell));
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

    fn answer_all(a: &mut App, yes: &[&str], now: Instant) {
        while a.checklist.result.is_none() {
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
        let rec = a.todays_check().unwrap();
        assert_eq!(rec.result, CheckResult::None);
        assert!(rec.quick);
        assert!(a.effects.contains(&Effect::SaveState));
        // The next session today starts at once.
        a.on_key(Key::CtrlC, t);
        let mut b = App::new(a.content.clone(), a.state.clone(), fixed_wall("2026-11-24"));
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
        assert_eq!(a.todays_check().unwrap().result, CheckResult::Soon);
        a.on_key(Key::Enter, t);
        assert_eq!(a.screen, Screen::Session, "a 'soon' answer does not block");
    }

    #[test]
    fn emergency_blocks_sessions_until_answered_again() {
        let t = Instant::now();
        let mut a = app();
        a.on_key(Key::Char('!'), t);
        answer_all(&mut a, &["saddle-numbness"], t);
        assert_eq!(a.todays_check().unwrap().result, CheckResult::Emergency);
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
        // h in the lead-in only explains.
        a.on_key(Key::Char('h'), t0);
        assert_eq!(a.top(), None);
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
        let rec = a.todays_check().unwrap();
        assert_eq!(rec.result, CheckResult::Today);
        assert_eq!(rec.yes, vec!["fever".to_string(), "lump".to_string()]);
        assert_eq!(rec.at, "2026-11-24T09:30:00+00:00");
        assert!(!rec.quick);
    }
}
