//! A routine as a flat list of steps, and the hold timer as a pure state machine.
//!
//! Every method takes `now`. Nothing here reads the clock, sleeps or draws, so tests step
//! time by adding durations.

use crate::content::{Content, HoldKind};
use std::time::{Duration, Instant};

/// One countdown of a running or paused step.
///
/// `remaining(now) = total - banked - (now - resumed_at)`: time is never subtracted per
/// tick, so there is no drift however often it is read, paused or resumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    total: Duration,
    /// Time run before the last resume.
    banked: Duration,
    /// When it last resumed; `None` while paused.
    resumed_at: Option<Instant>,
}

impl Timer {
    pub fn running(total: Duration, now: Instant) -> Timer {
        Timer {
            total,
            banked: Duration::ZERO,
            resumed_at: Some(now),
        }
    }

    pub fn paused(total: Duration) -> Timer {
        Timer {
            total,
            banked: Duration::ZERO,
            resumed_at: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.resumed_at.is_some()
    }

    pub fn elapsed(&self, now: Instant) -> Duration {
        let run = self
            .resumed_at
            .map_or(Duration::ZERO, |r| now.saturating_duration_since(r));
        (self.banked + run).min(self.total)
    }

    pub fn total(&self) -> Duration {
        self.total
    }

    pub fn remaining(&self, now: Instant) -> Duration {
        self.total - self.elapsed(now)
    }

    /// Fraction done, 0.0 to 1.0.
    #[cfg(test)]
    pub fn progress(&self, now: Instant) -> f64 {
        if self.total.is_zero() {
            1.0
        } else {
            self.elapsed(now).as_secs_f64() / self.total.as_secs_f64()
        }
    }

    /// Freezes the remaining time exactly. Pausing a paused timer does nothing.
    pub fn pause(&mut self, now: Instant) {
        if self.resumed_at.is_some() {
            self.banked = self.elapsed(now);
            self.resumed_at = None;
        }
    }

    /// Continues from the frozen remaining time. Resuming a running timer does nothing.
    pub fn resume(&mut self, now: Instant) {
        if self.resumed_at.is_none() {
            self.resumed_at = Some(now);
        }
    }

    /// The instant it reaches zero, if it is running.
    pub fn due(&self) -> Option<Instant> {
        self.resumed_at.map(|r| r + (self.total - self.banked))
    }

    pub fn is_done(&self, now: Instant) -> bool {
        self.elapsed(now) >= self.total
    }

    /// Whole seconds as a person reads a countdown: 20 until a full second has gone.
    pub fn display_secs(&self, now: Instant) -> u64 {
        ceil_secs(self.remaining(now))
    }

    /// The next instant after `now` when the countdown (and the bar, which moves with it)
    /// would look different, or `None` while paused.
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        let due = self.due()?;
        if now >= due {
            return Some(due);
        }
        let rem = self.remaining(now);
        // The displayed second drops when the remaining time reaches the next whole second.
        let shown = ceil_secs(rem);
        let next_second = now + (rem - Duration::from_secs(shown.saturating_sub(1)));
        Some(due.min(next_second))
    }
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_nanos().div_ceil(1_000_000_000) as u64
}

/// What a step is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Get into position for the stretch that follows.
    LeadIn,
    /// Hold number `hold` of repetition `rep` (both from 0).
    Hold { rep: u32, hold: usize },
    /// A short rest between holds of the same stretch.
    Rest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    /// Index into `Plan::stretches`.
    pub item: usize,
    pub duration: Duration,
}

/// The chosen dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoseChoice {
    pub hold_secs: u32,
    pub reps: u32,
    pub lead_in_secs: u32,
    pub rest_secs: u32,
}

impl DoseChoice {
    pub fn defaults(content: &Content) -> DoseChoice {
        let d = &content.dose;
        DoseChoice {
            hold_secs: d.hold_seconds.default,
            reps: d.repetitions.default,
            lead_in_secs: d.lead_in_seconds.default,
            rest_secs: d.rest_seconds.default,
        }
    }
}

/// A routine made concrete: which stretches, with which dose, as a flat list of steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The routine's id, or `None` for stretches picked by hand.
    pub routine: Option<String>,
    /// Indices into `Content::stretches`, in order.
    pub stretches: Vec<usize>,
    /// The dose chosen on home or the command line.
    pub dose: DoseChoice,
    /// Per stretch of the plan: its hold in seconds and its repetitions, the chosen dose
    /// unless the stretch fixes its own.
    pub doses: Vec<(u32, u32)>,
    pub steps: Vec<Step>,
}

impl Plan {
    pub fn build(
        content: &Content,
        routine: Option<String>,
        stretches: Vec<usize>,
        dose: DoseChoice,
    ) -> Plan {
        let secs = |s: u32| Duration::from_secs(u64::from(s));
        let mut steps = Vec::new();
        let doses: Vec<(u32, u32)> = stretches
            .iter()
            .map(|&si| {
                let s = &content.stretches[si];
                (
                    content.fixed_hold(s).unwrap_or(dose.hold_secs),
                    content.fixed_reps(s).unwrap_or(dose.reps),
                )
            })
            .collect();
        for (item, &si) in stretches.iter().enumerate() {
            let holds = content.stretches[si].holds.len();
            let (hold_secs, reps) = doses[item];
            steps.push(Step {
                kind: StepKind::LeadIn,
                item,
                duration: secs(dose.lead_in_secs),
            });
            for rep in 0..reps {
                for hold in 0..holds {
                    if rep > 0 || hold > 0 {
                        steps.push(Step {
                            kind: StepKind::Rest,
                            item,
                            duration: secs(dose.rest_secs),
                        });
                    }
                    steps.push(Step {
                        kind: StepKind::Hold { rep, hold },
                        item,
                        duration: secs(hold_secs),
                    });
                }
            }
        }
        Plan {
            routine,
            stretches,
            dose,
            doses,
            steps,
        }
    }

    /// Seconds each hold of item `item` lasts.
    pub fn hold_of(&self, item: usize) -> u32 {
        self.doses.get(item).map_or(self.dose.hold_secs, |d| d.0)
    }

    /// Repetitions of item `item`.
    pub fn reps_of(&self, item: usize) -> u32 {
        self.doses.get(item).map_or(self.dose.reps, |d| d.1)
    }

    /// The hold and repetitions every stretch shares, each `None` where they differ.
    pub fn shared_dose(&self) -> (Option<u32>, Option<u32>) {
        let same = |f: fn(&(u32, u32)) -> u32| {
            let mut it = self.doses.iter().map(f);
            let first = it.next()?;
            it.all(|v| v == first).then_some(first)
        };
        (same(|d| d.0), same(|d| d.1))
    }

    /// Total time of the plan, if nothing is paused or skipped.
    pub fn total(&self) -> Duration {
        self.steps.iter().map(|s| s.duration).sum()
    }

    /// Total time of all holds.
    pub fn hold_total(&self) -> Duration {
        self.steps
            .iter()
            .filter(|s| matches!(s.kind, StepKind::Hold { .. }))
            .map(|s| s.duration)
            .sum()
    }
}

/// What happened to one stretch of the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemStats {
    /// Time actually held, over all its holds.
    pub held: Duration,
    /// Holds run to the end.
    pub holds_completed: u32,
    /// Repetitions whose every hold ran to the end.
    pub reps_completed: u32,
    /// Times this stretch was skipped past with a hold unfinished.
    pub skipped: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub items: Vec<ItemStats>,
    pub pauses: u32,
    pub skips: u32,
    pub pain_stops: u32,
}

/// Something the session asks the outside world to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    HoldStarted,
    HoldEnded,
}

/// A plan being walked, one step at a time.
#[derive(Debug, Clone)]
pub struct Session {
    pub plan: Plan,
    index: usize,
    timer: Timer,
    /// Per step: whether that hold ran to the end.
    completed: Vec<bool>,
    /// Per step: the longest it was held, so a restarted or repeated hold counts once.
    step_held: Vec<Duration>,
    pub stats: Stats,
    finished: bool,
    started_at: Instant,
    /// The instant the session finished (the end of its last step when it ran out).
    finished_at: Option<Instant>,
    /// "Start each stretch when I am ready": every lead-in waits, paused, for the person.
    pub wait_lead_ins: bool,
    /// The step under way is a lead-in waiting for the person to start it.
    waiting: bool,
    /// Counts every entry into a step (a restart or a step back enters again), so what is
    /// said at a step's start is said once per entry.
    entries: u64,
    /// The step being done gently after a pain stop: a shorter hold, going less far.
    gentle: Option<(usize, Duration)>,
}

impl Session {
    #[cfg(test)]
    pub fn start(plan: Plan, now: Instant) -> (Session, Vec<Cue>) {
        Session::start_waiting(plan, false, now)
    }

    /// Starts a plan; with `wait_lead_ins` every lead-in, the first one too, waits paused
    /// until the person resumes it.
    pub fn start_waiting(plan: Plan, wait_lead_ins: bool, now: Instant) -> (Session, Vec<Cue>) {
        let first = plan.steps.first().map_or(Duration::ZERO, |s| s.duration);
        let n_items = plan.stretches.len();
        let n_steps = plan.steps.len();
        let wait_first = wait_lead_ins && n_steps > 0;
        let s = Session {
            plan,
            index: 0,
            timer: if wait_first {
                Timer::paused(first)
            } else {
                Timer::running(first, now)
            },
            completed: vec![false; n_steps],
            step_held: vec![Duration::ZERO; n_steps],
            stats: Stats {
                items: vec![ItemStats::default(); n_items],
                ..Stats::default()
            },
            finished: n_steps == 0,
            started_at: now,
            finished_at: (n_steps == 0).then_some(now),
            wait_lead_ins,
            waiting: wait_first,
            entries: 1,
            gentle: None,
        };
        let mut cues = Vec::new();
        s.enter_cues(&mut cues);
        (s, cues)
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn step(&self) -> &Step {
        &self.plan.steps[self.index.min(self.plan.steps.len().saturating_sub(1))]
    }

    pub fn next_step(&self) -> Option<&Step> {
        self.plan.steps.get(self.index + 1)
    }

    pub fn timer(&self) -> &Timer {
        &self.timer
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    #[cfg(test)]
    pub fn finished_at(&self) -> Option<Instant> {
        self.finished_at
    }

    /// Time from the start to the end, pauses included, once finished.
    pub fn duration(&self) -> Option<Duration> {
        self.finished_at
            .map(|f| f.saturating_duration_since(self.started_at))
    }

    pub fn is_paused(&self) -> bool {
        !self.finished && !self.timer.is_running()
    }

    /// Whether any hold has begun: time held, a hold finished or left early, or a hold
    /// under way now.
    pub fn hold_begun(&self) -> bool {
        self.stats
            .items
            .iter()
            .any(|i| i.held > Duration::ZERO || i.holds_completed > 0 || i.skipped > 0)
            || self.step_held.iter().any(|h| *h > Duration::ZERO)
            || matches!(self.step().kind, StepKind::Hold { .. })
    }

    /// A lead-in waiting, paused, for the person to start it.
    pub fn is_waiting(&self) -> bool {
        self.waiting && self.is_paused()
    }

    /// How many times a step has been entered so far (see `entries`).
    pub fn entries(&self) -> u64 {
        self.entries
    }

    pub fn in_hold(&self) -> bool {
        !self.finished && matches!(self.step().kind, StepKind::Hold { .. })
    }

    /// Advances past every step that has run out by `now`. Each next step starts at the
    /// instant the previous one was due, not when this was called, so nothing drifts.
    pub fn tick(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = Vec::new();
        // Each turn moves on one step or ends the session, so there are never more turns
        // than steps: a bug here cannot spin forever.
        for _ in 0..self.plan.steps.len() {
            if self.finished {
                break;
            }
            let Some(due) = self.timer.due() else { break };
            if due > now {
                break;
            }
            self.leave(due, true, &mut cues);
            self.go_to(self.index + 1, due, true, &mut cues);
        }
        cues
    }

    pub fn pause(&mut self, now: Instant) {
        if !self.finished && self.timer.is_running() {
            self.timer.pause(now);
            self.stats.pauses += 1;
        }
    }

    pub fn resume(&mut self, now: Instant) {
        if !self.finished {
            self.timer.resume(now);
            self.waiting = false;
        }
    }

    /// Space: pause a running step, resume a paused one.
    pub fn toggle_pause(&mut self, now: Instant) {
        if self.timer.is_running() {
            self.pause(now);
        } else {
            self.resume(now);
        }
    }

    /// `n`: on to the next step at once.
    pub fn skip(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = self.tick(now);
        if self.finished {
            return cues;
        }
        self.count_skip(now);
        self.leave(now, false, &mut cues);
        self.go_to(self.index + 1, now, true, &mut cues);
        cues
    }

    /// `p`: back to the start of the previous step.
    pub fn back(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = self.tick(now);
        if self.finished {
            return cues;
        }
        self.leave(now, false, &mut cues);
        self.go_to(self.index.saturating_sub(1), now, true, &mut cues);
        cues
    }

    /// `r`: the current step again from the start, running.
    pub fn restart(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = self.tick(now);
        if self.finished {
            return cues;
        }
        self.leave(now, false, &mut cues);
        self.go_to(self.index, now, true, &mut cues);
        cues
    }

    /// "Try it gentler" after a pain stop: the same hold (or, from a lead-in or rest, the
    /// next one) from the start, running, for `secs` instead of the dose's hold.
    pub fn gentler(&mut self, now: Instant, secs: u32) -> Vec<Cue> {
        let mut cues = self.tick(now);
        if self.finished {
            return cues;
        }
        let item = self.step().item;
        let target = (self.index..self.plan.steps.len()).find(|&i| {
            let s = &self.plan.steps[i];
            s.item == item && matches!(s.kind, StepKind::Hold { .. })
        });
        let Some(target) = target else {
            self.resume(now);
            return cues;
        };
        self.leave(now, false, &mut cues);
        let full = self.plan.steps[target].duration;
        self.gentle = Some((target, Duration::from_secs(u64::from(secs)).min(full)));
        self.go_to(target, now, true, &mut cues);
        cues
    }

    /// Whether the step under way is a gentler hold after a pain stop.
    pub fn is_gentle(&self) -> bool {
        !self.finished && self.gentle.is_some_and(|(i, _)| i == self.index)
    }

    /// Skips the rest of the current stretch: on to the next stretch's lead-in, which
    /// waits for the person whatever the setting (someone who just hurt is not counted
    /// into the next stretch).
    pub fn skip_stretch(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = self.tick(now);
        if self.finished {
            return cues;
        }
        let item = self.step().item;
        self.count_skip(now);
        self.leave(now, false, &mut cues);
        let next = self
            .plan
            .steps
            .iter()
            .position(|s| s.item > item)
            .unwrap_or(self.plan.steps.len());
        self.go_to(next, now, false, &mut cues);
        cues
    }

    /// Ends the session now, keeping what was done.
    pub fn end(&mut self, now: Instant) {
        if !self.finished {
            let mut cues = Vec::new();
            self.leave(now, false, &mut cues);
            self.finished = true;
            self.finished_at = Some(now);
        }
    }

    /// Leaving a hold before its end is a skip.
    fn count_skip(&mut self, now: Instant) {
        if matches!(self.step().kind, StepKind::Hold { .. }) && !self.timer.is_done(now) {
            self.stats.skips += 1;
            let item = self.step().item;
            self.stats.items[item].skipped += 1;
        }
    }

    /// Books the time of the step being left; `natural` when it ran out by itself.
    fn leave(&mut self, now: Instant, natural: bool, cues: &mut Vec<Cue>) {
        let step = *self.step();
        if let StepKind::Hold { rep, .. } = step.kind {
            let held = self.timer.elapsed(now);
            let best = &mut self.step_held[self.index];
            let item = &mut self.stats.items[step.item];
            if held > *best {
                item.held += held - *best;
                *best = held;
            }
            if natural {
                cues.push(Cue::HoldEnded);
                if !self.completed[self.index] {
                    self.completed[self.index] = true;
                    item.holds_completed += 1;
                    // A repetition is complete when every hold of it is.
                    let rep_done = self
                        .plan
                        .steps
                        .iter()
                        .zip(&self.completed)
                        .filter(|(s, _)| {
                            s.item == step.item
                                && matches!(s.kind, StepKind::Hold { rep: r, .. } if r == rep)
                        })
                        .all(|(_, done)| *done);
                    if rep_done {
                        item.reps_completed += 1;
                    }
                }
            }
        }
    }

    fn go_to(&mut self, index: usize, at: Instant, running: bool, cues: &mut Vec<Cue>) {
        if index >= self.plan.steps.len() {
            self.finished = true;
            self.finished_at = Some(at);
            return;
        }
        // A gentler hold stays gentle when restarted; moving on ends it.
        let d = match self.gentle {
            Some((i, d)) if i == index => d,
            _ => {
                self.gentle = None;
                self.plan.steps[index].duration
            }
        };
        self.index = index;
        self.entries += 1;
        // A lead-in waits when asked to, and always when the caller says so.
        let lead_in = self.plan.steps[index].kind == StepKind::LeadIn;
        let running = running && !(lead_in && self.wait_lead_ins);
        self.waiting = !running && lead_in;
        self.timer = if running {
            Timer::running(d, at)
        } else {
            Timer::paused(d)
        };
        self.enter_cues(cues);
    }

    fn enter_cues(&self, cues: &mut Vec<Cue>) {
        if self.in_hold() && self.timer.is_running() {
            cues.push(Cue::HoldStarted);
        }
    }

    /// Total time actually held, over every stretch.
    pub fn held_total(&self) -> Duration {
        self.stats.items.iter().map(|i| i.held).sum()
    }

    /// Human words for a step: "Right side", "Cow", or "" for a single hold.
    pub fn hold_name<'a>(content: &'a Content, plan: &Plan, step: &Step) -> &'a str {
        let s = &content.stretches[plan.stretches[step.item]];
        match step.kind {
            StepKind::Hold { hold, .. } if s.hold_kind != HoldKind::Single => {
                s.holds[hold].name.as_str()
            }
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::StepLimit;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }
    fn ms(m: u64) -> Duration {
        Duration::from_millis(m)
    }

    #[test]
    fn timer_counts_down_without_drift() {
        let t0 = Instant::now();
        let t = Timer::running(secs(20), t0);
        assert_eq!(t.remaining(t0), secs(20));
        assert_eq!(t.remaining(t0 + ms(7_250)), ms(12_750));
        assert_eq!(t.display_secs(t0 + ms(7_250)), 13);
        assert_eq!(t.remaining(t0 + secs(25)), Duration::ZERO);
        assert_eq!(t.due(), Some(t0 + secs(20)));
    }

    #[test]
    fn pause_freezes_and_resume_continues() {
        let t0 = Instant::now();
        let mut t = Timer::running(secs(20), t0);
        t.pause(t0 + ms(3_333));
        assert_eq!(t.remaining(t0 + secs(100)), ms(16_667));
        assert_eq!(t.due(), None);
        assert_eq!(t.next_change(t0 + secs(100)), None);
        t.pause(t0 + secs(200)); // pausing twice changes nothing
        assert_eq!(t.remaining(t0 + secs(300)), ms(16_667));
        t.resume(t0 + secs(400));
        t.resume(t0 + secs(401)); // resuming twice changes nothing
        assert_eq!(t.remaining(t0 + secs(401)), ms(15_667));
        assert_eq!(t.due(), Some(t0 + secs(400) + ms(16_667)));
    }

    #[test]
    fn many_pauses_end_exactly_on_time() {
        let t0 = Instant::now();
        let mut t = Timer::running(secs(30), t0);
        let mut now = t0;
        let mut paused_total = Duration::ZERO;
        for i in 0..500u64 {
            now += Duration::from_micros(13_337 + i);
            t.pause(now);
            let gap = Duration::from_micros(7_919 * (i % 7 + 1));
            now += gap;
            paused_total += gap;
            t.resume(now);
        }
        assert_eq!(t.due(), Some(t0 + secs(30) + paused_total));
    }

    #[test]
    fn next_change_is_the_next_second() {
        let t0 = Instant::now();
        let t = Timer::running(secs(20), t0);
        assert_eq!(t.next_change(t0), Some(t0 + secs(1)));
        assert_eq!(t.next_change(t0 + ms(400)), Some(t0 + secs(1)));
        assert_eq!(t.next_change(t0 + ms(1_000)), Some(t0 + secs(2)));
        // At the end, the due time.
        assert_eq!(t.next_change(t0 + ms(19_999)), Some(t0 + secs(20)));
        assert_eq!(t.next_change(t0 + secs(21)), Some(t0 + secs(20)));
        // An odd total: the seconds fall on its own boundaries.
        let odd = Timer::running(ms(2_500), t0);
        assert_eq!(odd.next_change(t0), Some(t0 + ms(500)));
        assert_eq!(odd.next_change(t0 + ms(500)), Some(t0 + ms(1_500)));
    }

    #[test]
    fn next_change_really_changes_what_is_shown() {
        let t0 = Instant::now();
        let t = Timer::running(Duration::from_millis(17_321), t0);
        let mut now = t0;
        let mut wakeups = 0;
        let mut limit = StepLimit::new(100, "the countdown to reach zero");
        while let Some(next) = t.next_change(now) {
            limit.step();
            if next <= now {
                break;
            }
            // Nothing visible changes before the deadline; something does at it.
            assert_eq!(
                t.display_secs(now),
                t.display_secs(next - Duration::from_nanos(1))
            );
            assert_ne!(
                t.display_secs(now),
                t.display_secs(next),
                "woke up for nothing"
            );
            now = next;
            wakeups += 1;
        }
        assert_eq!(wakeups, 18);
    }

    fn content() -> Content {
        Content::embedded()
    }

    fn dose(hold: u32, reps: u32) -> DoseChoice {
        DoseChoice {
            hold_secs: hold,
            reps,
            lead_in_secs: 5,
            rest_secs: 5,
        }
    }

    fn plan(ids: &[&str], hold: u32, reps: u32) -> Plan {
        let c = content();
        let idx = ids.iter().map(|i| c.stretch_index(i).unwrap()).collect();
        Plan::build(&c, None, idx, dose(hold, reps))
    }

    #[test]
    fn plan_of_sides_and_reps() {
        let p = plan(&["hook-lying-rotation"], 20, 2);
        let kinds: Vec<_> = p.steps.iter().map(|s| s.kind).collect();
        use StepKind::*;
        assert_eq!(
            kinds,
            vec![
                LeadIn,
                Hold { rep: 0, hold: 0 },
                Rest,
                Hold { rep: 0, hold: 1 },
                Rest,
                Hold { rep: 1, hold: 0 },
                Rest,
                Hold { rep: 1, hold: 1 },
            ]
        );
        assert_eq!(p.total(), secs(5 + 4 * 20 + 3 * 5));
        assert_eq!(p.hold_total(), secs(80));
    }

    #[test]
    fn plan_of_two_stretches_leads_into_each() {
        let p = plan(&["knee-to-chest", "cat-cow"], 10, 3);
        let lead_ins: Vec<_> = p
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == StepKind::LeadIn)
            .map(|(i, s)| (i, s.item))
            .collect();
        // knee-to-chest: lead-in + 3 holds + 2 rests = 6 steps, then cat-cow.
        assert_eq!(lead_ins, vec![(0, 0), (6, 1)]);
        assert_eq!(p.steps.len(), 6 + 1 + 6 + 5);
        let c = content();
        let phase = |i: usize| Session::hold_name(&c, &p, &p.steps[i]).to_string();
        assert_eq!(phase(7), "Cow");
        assert_eq!(phase(9), "Cat");
        assert_eq!(phase(1), "");
        // A single hold has no name to say, even if a content file gives it one.
        let mut named = content();
        let k = named.stretch_index("knee-to-chest").unwrap();
        named.stretches[k].holds[0].name = "Both knees".into();
        assert_eq!(Session::hold_name(&named, &p, &p.steps[1]), "");
    }

    #[test]
    fn session_walks_to_the_end_on_time() {
        let t0 = Instant::now();
        let p = plan(&["hook-lying-rotation", "cat-cow"], 20, 2);
        let total = p.total();
        let (mut s, cues) = Session::start(p, t0);
        assert!(cues.is_empty(), "a lead-in is not a hold");
        // Ticks at odd moments, late by up to 40 ms each time.
        let mut now = t0;
        let mut bells = 0;
        let mut limit = StepLimit::new(1_000, "the session to finish");
        while !s.is_finished() {
            limit.step();
            now += ms(997);
            bells += s.tick(now).len();
        }
        assert_eq!(s.finished_at(), Some(t0 + total));
        // Every one of 8 holds starts and ends with a bell.
        assert_eq!(bells, 16);
        assert_eq!(s.held_total(), secs(160));
        assert_eq!(s.stats.items[0].reps_completed, 2);
        assert_eq!(s.stats.items[1].reps_completed, 2);
        assert_eq!(s.stats.items[1].holds_completed, 4);
    }

    #[test]
    fn one_late_tick_catches_up_across_steps() {
        let t0 = Instant::now();
        let (mut s, _) = Session::start(plan(&["knee-to-chest"], 10, 2), t0);
        // lead-in 5, hold 10, rest 5, hold 10.
        s.tick(t0 + ms(21_000));
        assert_eq!(s.index(), 3);
        assert_eq!(s.timer().remaining(t0 + ms(21_000)), secs(9));
    }

    #[test]
    fn pause_in_a_hold_and_resume_shifts_the_end() {
        let t0 = Instant::now();
        let p = plan(&["knee-to-chest"], 10, 2);
        let total = p.total();
        let (mut s, _) = Session::start(p, t0);
        s.tick(t0 + secs(8));
        assert!(s.in_hold());
        s.pause(t0 + secs(8));
        assert!(s.is_paused());
        s.tick(t0 + secs(60));
        assert_eq!(s.index(), 1, "a paused hold does not move on");
        assert_eq!(s.timer().display_secs(t0 + secs(60)), 7);
        s.toggle_pause(t0 + secs(68));
        let mut now = t0 + secs(68);
        let mut limit = StepLimit::new(1_000, "the session to finish");
        while !s.is_finished() {
            limit.step();
            now += ms(250);
            s.tick(now);
        }
        assert_eq!(s.finished_at(), Some(t0 + total + secs(60)));
        assert_eq!(s.stats.pauses, 1);
    }

    #[test]
    fn skip_back_and_restart() {
        let t0 = Instant::now();
        let (mut s, _) = Session::start(plan(&["cat-cow"], 20, 2), t0);
        let cues = s.skip(t0 + secs(1));
        assert_eq!(s.index(), 1);
        assert_eq!(cues, vec![Cue::HoldStarted]);
        assert_eq!(s.timer().remaining(t0 + secs(1)), secs(20));
        // Skip a hold half way: counts as held time but not a completed hold.
        s.skip(t0 + secs(11));
        assert_eq!(s.stats.items[0].held, secs(10));
        assert_eq!(s.stats.items[0].holds_completed, 0);
        assert_eq!(s.stats.skips, 1);
        assert_eq!(s.step().kind, StepKind::Rest);
        // Back to the cow hold, from the top.
        s.back(t0 + secs(12));
        assert_eq!(s.index(), 1);
        assert_eq!(s.timer().remaining(t0 + secs(12)), secs(20));
        // Restart the hold after 5 s: it was held 10 s before, so nothing more counts.
        s.restart(t0 + secs(17));
        assert_eq!(s.timer().remaining(t0 + secs(17)), secs(20));
        assert_eq!(s.stats.items[0].held, secs(10));
        // Held longer this time: only the longest hold of a step counts.
        s.restart(t0 + secs(29));
        assert_eq!(s.stats.items[0].held, secs(12));
        // Back from the very first step stays there.
        s.back(t0 + secs(18));
        s.back(t0 + secs(18));
        assert_eq!(s.index(), 0);
        // Skip from a paused state starts the next step running.
        s.pause(t0 + secs(19));
        s.skip(t0 + secs(30));
        assert!(!s.is_paused());
        assert_eq!(s.index(), 1);
    }

    #[test]
    fn pausing_a_paused_or_finished_session_counts_no_more_pauses() {
        let t0 = Instant::now();
        let (mut s, _) = Session::start(plan(&["knee-to-chest"], 10, 1), t0);
        s.pause(t0 + secs(1));
        assert!(s.is_paused());
        assert_eq!(s.stats.pauses, 1);
        // Already paused: no change, no count.
        s.pause(t0 + secs(2));
        s.pause(t0 + secs(3));
        assert_eq!(s.stats.pauses, 1);
        assert_eq!(s.timer().remaining(t0 + secs(3)), secs(4), "still frozen");
        // Space resumes, space pauses again: that is a second pause.
        s.toggle_pause(t0 + secs(4));
        assert!(!s.is_paused());
        s.toggle_pause(t0 + secs(5));
        assert!(s.is_paused());
        assert_eq!(s.stats.pauses, 2);
        // Finished: pausing does nothing and counts nothing.
        s.resume(t0 + secs(6));
        s.tick(t0 + secs(60));
        assert!(s.is_finished());
        s.pause(t0 + secs(61));
        s.toggle_pause(t0 + secs(62));
        s.pause(t0 + secs(63));
        assert_eq!(s.stats.pauses, 2);
        assert!(!s.is_paused(), "a finished session is not paused");
        // Ended by hand while paused: later pauses count nothing either.
        let (mut s, _) = Session::start(plan(&["knee-to-chest"], 10, 1), t0);
        s.pause(t0 + secs(1));
        s.end(t0 + secs(2));
        s.pause(t0 + secs(3));
        s.toggle_pause(t0 + secs(4));
        s.toggle_pause(t0 + secs(5));
        assert_eq!(s.stats.pauses, 1);
        assert_eq!(s.finished_at(), Some(t0 + secs(2)));
    }

    #[test]
    fn skipping_a_hold_whose_countdown_reached_zero_is_not_a_skip() {
        let t0 = Instant::now();
        let (mut s, _) = Session::start(plan(&["knee-to-chest"], 10, 2), t0);
        s.skip(t0); // past the lead-in: the first hold runs from t0
        assert!(s.in_hold());
        // Paused exactly at its end, before any tick moved on.
        s.pause(t0 + secs(10));
        assert_eq!(s.index(), 1);
        assert_eq!(s.timer().remaining(t0 + secs(30)), Duration::ZERO);
        s.skip(t0 + secs(30));
        assert_eq!(s.index(), 2, "on to the rest");
        assert_eq!(s.stats.skips, 0);
        assert_eq!(s.stats.items[0].skipped, 0);
        assert_eq!(s.stats.items[0].held, secs(10));
        // The same hold with a tenth of a second left is a skip.
        s.back(t0 + secs(31));
        assert_eq!(s.index(), 1);
        s.pause(t0 + secs(31) + ms(9_900));
        s.skip(t0 + secs(50));
        assert_eq!(s.stats.skips, 1);
        assert_eq!(s.stats.items[0].skipped, 1);
        // Skipping a lead-in or a rest is never a skip, however early.
        let (mut s, _) = Session::start(plan(&["knee-to-chest"], 10, 2), t0);
        s.skip(t0); // lead-in
        s.tick(t0 + secs(10)); // the hold ran out: now the rest
        assert_eq!(s.step().kind, StepKind::Rest);
        s.skip(t0 + secs(10));
        assert_eq!(s.stats.skips, 0);
        assert_eq!(s.stats.items[0].holds_completed, 1);
    }

    #[test]
    fn the_next_step_and_the_duration_once_finished() {
        let t0 = Instant::now();
        let p = plan(&["knee-to-chest"], 10, 2);
        let steps = p.steps.clone();
        let (mut s, _) = Session::start(p, t0);
        assert_eq!(s.next_step(), Some(&steps[1]));
        s.skip(t0);
        s.skip(t0);
        assert_eq!(s.index(), 2);
        assert_eq!(s.next_step(), Some(&steps[3]));
        s.skip(t0);
        assert_eq!(s.next_step(), None, "the last step has none after it");
        // No duration while it runs; from start to end, pauses included, once it ends.
        assert_eq!(s.finished_at(), None);
        assert_eq!(s.duration(), None);
        s.pause(t0 + secs(1));
        s.resume(t0 + secs(30));
        s.tick(t0 + secs(60));
        assert!(s.is_finished());
        assert_eq!(s.finished_at(), Some(t0 + secs(39)));
        assert_eq!(s.duration(), Some(secs(39)));
        // A plan with nothing in it is over at once.
        let c = content();
        let empty = Plan::build(&c, None, vec![], dose(10, 2));
        let (s, cues) = Session::start(empty, t0);
        assert!(s.is_finished() && cues.is_empty());
        assert_eq!(s.duration(), Some(Duration::ZERO));
    }

    #[test]
    fn skip_past_the_last_step_finishes() {
        let t0 = Instant::now();
        let (mut s, _) = Session::start(plan(&["knee-to-chest"], 10, 2), t0);
        for i in 0..10 {
            s.skip(t0 + secs(i));
        }
        assert!(s.is_finished());
        assert_eq!(s.finished_at(), Some(t0 + secs(3)));
        // Everything after the end is harmless.
        s.skip(t0 + secs(20));
        s.back(t0 + secs(20));
        s.restart(t0 + secs(20));
        s.toggle_pause(t0 + secs(20));
        assert!(s.is_finished());
    }

    #[test]
    fn skip_stretch_moves_to_next_lead_in() {
        let t0 = Instant::now();
        let (mut s, _) = Session::start(plan(&["knee-to-chest", "childs-pose"], 10, 2), t0);
        s.skip(t0);
        assert!(s.in_hold());
        s.skip_stretch(t0 + secs(2));
        assert_eq!(s.step().kind, StepKind::LeadIn);
        assert_eq!(s.step().item, 1);
        s.skip_stretch(t0 + secs(3));
        assert!(s.is_finished());
    }

    #[test]
    fn ten_minute_routine_ends_on_time_with_pauses() {
        let t0 = Instant::now();
        let p = plan(
            &[
                "hook-lying-rotation",
                "knee-to-chest",
                "childs-pose",
                "cat-cow",
                "seated-posterior",
                "seated-rotation",
            ],
            30,
            3,
        );
        let total = p.total();
        assert!(total >= secs(600), "{total:?}");
        let (mut s, _) = Session::start(p, t0);
        let mut now = t0;
        let mut paused = Duration::ZERO;
        let mut i = 0u64;
        let mut limit = StepLimit::new(10_000, "the session to finish");
        while !s.is_finished() {
            limit.step();
            now += Duration::from_millis(1_000 + i % 13);
            s.tick(now);
            if i % 37 == 5 && !s.is_finished() {
                s.pause(now);
                let gap = ms(1_234);
                now += gap;
                paused += gap;
                s.resume(now);
            }
            i += 1;
        }
        assert_eq!(s.finished_at(), Some(t0 + total + paused));
    }
}
