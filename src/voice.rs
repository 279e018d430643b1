//! What is said and rung during a session, and when: the cue schedule.
//!
//! Everything here is a pure function of the content, the session and the time: no clock,
//! no processes, no terminal. The model turns the cues due into effects; the runner rings
//! the bell or starts the speech command (see `speech.rs`); `run --plain` prints the same
//! cues, so what is spoken and what is written never drift apart.

use crate::checklist::{Outcome, verdict};
use crate::content::{Content, HoldKind, fill};
use crate::session::{Plan, Session, StepKind};
use std::time::{Duration, Instant};

/// A bell pattern, where the bell is all there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bell {
    /// A hold starts: one ring.
    Start,
    /// A hold ends: two quick rings.
    End,
    /// Half of a hold gone: two slow rings.
    Halfway,
    /// A hold ends and the next is on the other side (or the other phase): two pairs.
    Switch,
    /// The session is over: three rings.
    SessionEnd,
}

impl Bell {
    /// When each ring of the pattern sounds, in ms from the first.
    pub fn pattern_ms(self) -> &'static [u64] {
        match self {
            Bell::Start => &[0],
            Bell::End => &[0, 250],
            Bell::Halfway => &[0, 900],
            Bell::Switch => &[0, 200, 800, 1000],
            Bell::SessionEnd => &[0, 250, 500],
        }
    }

    /// When each ring of the pattern sounds, from the first.
    pub fn pattern(self) -> impl Iterator<Item = Duration> {
        self.pattern_ms()
            .iter()
            .map(|&ms| Duration::from_millis(ms))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// A stretch's lead-in: its name and first setup step.
    Stretch,
    Hold,
    Halfway,
    /// "3, 2, 1", one utterance ending with the hold.
    Countdown,
    /// The end of a hold, into a rest or the next stretch.
    Release,
    /// The end of a hold, with the switch to the other side or phase.
    Switch,
    /// Time left, every ten seconds of a hold: written by `run --plain`, never spoken.
    Left,
    Paused,
    Resumed,
    PainStop,
    SessionEnd,
    /// A checklist result, in full.
    RedFlag,
}

/// One thing to say: the words, what `run --plain` writes after them, and the bell
/// pattern that stands in for them when there is no voice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub kind: CueKind,
    pub text: String,
    /// More for the plain mode's reader (every setup step, the hold's form cue); not spoken.
    pub detail: String,
    pub bell: Option<Bell>,
}

impl Cue {
    fn new(kind: CueKind, text: String) -> Cue {
        Cue {
            kind,
            text,
            detail: String::new(),
            bell: None,
        }
    }

    fn ring(mut self, bell: Bell) -> Cue {
        self.bell = Some(bell);
        self
    }

    fn more(mut self, detail: String) -> Cue {
        self.detail = detail;
        self
    }

    /// Whether a voice says it (the plain-only time left is not).
    pub fn spoken(&self) -> bool {
        self.kind != CueKind::Left
    }
}

/// What the cues depend on besides the session.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub content: &'a Content,
    /// Say (and ring) the halfway point of holds of 20 s and more.
    pub halfway: bool,
    /// The key that starts a waiting stretch, in words ("Space", or "Enter" in plain mode).
    pub key: &'a str,
}

/// Holds shorter than this get no halfway cue.
pub const HALFWAY_FROM: Duration = Duration::from_secs(20);
/// The countdown covers at most the last three seconds of a hold.
pub const COUNTDOWN: Duration = Duration::from_secs(3);

/// About how long a speech engine takes to say `text` at its usual rate (175 words a
/// minute, a short pause at each mark): "3, 2, 1." takes about 1.6 s.
pub fn speaking_time(text: &str) -> Duration {
    let words = text.split_whitespace().count() as u64;
    let marks = text.chars().filter(|c| ",.;:!?".contains(*c)).count() as u64;
    Duration::from_millis(words * 343 + marks * 200)
}

/// "Left side" as said inside a sentence: "left side" (only the first letter, so a
/// German "Linke Seite" keeps its noun's capital).
fn inline(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn secs(d: Duration) -> String {
    d.as_secs().to_string()
}

/// A step as it was entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entered {
    pub index: usize,
    /// How long it runs: a gentler hold after a pain stop is shorter than the plan's.
    pub total: Duration,
    /// A lead-in waiting, paused, for the person.
    pub waiting: bool,
    /// A hold tried again gentler after a pain stop.
    pub gentle: bool,
}

impl Entered {
    /// Step `index` as planned, running.
    #[cfg(test)]
    pub fn planned(plan: &Plan, index: usize) -> Entered {
        Entered {
            index,
            total: plan.steps.get(index).map_or(Duration::ZERO, |s| s.duration),
            waiting: false,
            gentle: false,
        }
    }

    /// The step a session is on now.
    pub fn of(s: &Session) -> Entered {
        Entered {
            index: s.index(),
            total: s.timer().total(),
            waiting: s.is_waiting(),
            gentle: s.is_gentle(),
        }
    }
}

/// Everything said during a step, at offsets of running time from its start: what is
/// said on entering it (at zero), then the halfway point, the time left and the countdown
/// of a hold. The schedule of a step never depends on the clock: pausing only delays it.
pub fn step_schedule(ctx: &Ctx, plan: &Plan, e: Entered) -> Vec<(Duration, Cue)> {
    let (index, waiting) = (e.index, e.waiting);
    let Some(step) = plan.steps.get(index) else {
        return Vec::new();
    };
    let c = ctx.content;
    let v = &c.voice;
    let stretch = &c.stretches[plan.stretches[step.item]];
    let dur = e.total;
    let mut out = Vec::new();
    match step.kind {
        StepKind::LeadIn => {
            let first = stretch.setup.first().map_or("", String::as_str);
            let mut text = fill(&v.stretch, &[("name", &stretch.name), ("setup", first)]);
            // Entered after a hold: that hold has ended.
            let after_hold = index > 0;
            if after_hold {
                text = format!("{} {text}", v.release_last);
            }
            if waiting {
                text = format!("{text} {}", fill(&v.waiting, &[("key", ctx.key)]));
            }
            let steps: Vec<String> = stretch
                .setup
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{}. {s}", i + 1))
                .collect();
            let start = if waiting {
                String::new()
            } else {
                format!(" Starting in {} seconds.", secs(dur))
            };
            let detail = format!(
                "Stretch {} of {}: {}.{start} {}",
                step.item + 1,
                plan.stretches.len(),
                stretch.name,
                steps.join(" ")
            );
            let mut cue = Cue::new(CueKind::Stretch, text).more(detail);
            if after_hold {
                cue = cue.ring(Bell::End);
            }
            out.push((Duration::ZERO, cue));
        }
        StepKind::Hold { rep, hold } => {
            let h = &stretch.holds[hold];
            let mut text = if stretch.hold_kind == HoldKind::Single {
                fill(&v.hold, &[("seconds", &secs(dur))])
            } else {
                fill(
                    &v.hold_side,
                    &[("side", h.name.as_str()), ("seconds", &secs(dur))],
                )
            };
            if e.gentle {
                text = format!("{} {text}", v.gentler);
            }
            let detail = format!(
                "{}, repetition {} of {}: {} seconds. {}",
                stretch.name,
                rep + 1,
                plan.reps_of(step.item),
                secs(dur),
                h.cue
            );
            out.push((
                Duration::ZERO,
                Cue::new(CueKind::Hold, text).more(detail).ring(Bell::Start),
            ));
            // Time left every ten seconds, for the plain mode's reader.
            let mut left = Duration::from_secs(10);
            let mut marks = Vec::new();
            while left < dur {
                if left > COUNTDOWN {
                    let text = fill(&v.left, &[("seconds", &secs(left))]);
                    marks.push((dur - left, Cue::new(CueKind::Left, text)));
                }
                left += Duration::from_secs(10);
            }
            if ctx.halfway && dur >= HALFWAY_FROM {
                // "Halfway" says it all: no time left at the same moment.
                marks.retain(|(at, _)| *at != dur / 2);
                out.push((
                    dur / 2,
                    Cue::new(CueKind::Halfway, v.halfway.clone()).ring(Bell::Halfway),
                ));
            }
            out.extend(marks);
            // One utterance, started so that it ends as the hold does: its speaking time
            // rounded up to a whole second, when the countdown shown changes anyway (so
            // it costs no wake-up of its own), and within the last three seconds.
            if dur > COUNTDOWN {
                let secs = speaking_time(&v.countdown).as_millis().div_ceil(1000) as u64;
                let lead = Duration::from_secs(secs).min(COUNTDOWN);
                out.push((
                    dur - lead,
                    Cue::new(CueKind::Countdown, v.countdown.clone()),
                ));
            }
            out.sort_by_key(|(at, _)| *at);
        }
        StepKind::Rest => {
            let release = fill(&v.release, &[("seconds", &secs(dur))]);
            let prev = index.checked_sub(1).and_then(|i| plan.steps.get(i));
            let next = plan.steps.get(index + 1);
            let hold_of = |s: Option<&crate::session::Step>| match s.map(|s| s.kind) {
                Some(StepKind::Hold { hold, .. }) => Some(hold),
                _ => None,
            };
            let cue = match (hold_of(prev), hold_of(next)) {
                (Some(a), Some(b)) if a != b => {
                    let side = inline(&stretch.holds[b].name);
                    let text = format!("{release} {}", fill(&v.switch, &[("side", &side)]));
                    Cue::new(CueKind::Switch, text).ring(Bell::Switch)
                }
                _ => Cue::new(CueKind::Release, release).ring(Bell::End),
            };
            out.push((Duration::ZERO, cue));
        }
    }
    out
}

/// Where a session is, as far as the cues are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The session's count of step entries (see `Session::entries`).
    pub entry: u64,
    pub step: Entered,
    /// Running time into the step.
    pub elapsed: Duration,
    pub finished: bool,
}

impl Mark {
    pub fn of(s: &Session, now: Instant) -> Mark {
        Mark {
            entry: s.entries(),
            step: Entered::of(s),
            elapsed: s.timer().elapsed(now),
            finished: s.is_finished(),
        }
    }
}

/// The cues due as a session moves from `before` (none at its start) to `after`: what is
/// said on entering a new step, then every timed cue of the step passed since `before`.
/// When the session has just finished, its end.
pub fn due(ctx: &Ctx, plan: &Plan, before: Option<Mark>, after: Mark) -> Vec<Cue> {
    if after.finished {
        return if before.is_some_and(|b| b.finished) {
            Vec::new()
        } else {
            vec![session_end(ctx)]
        };
    }
    let same_step = before.filter(|b| b.entry == after.entry && !b.finished);
    // The step as it was entered: going on from a wait does not make it a new step.
    let step = same_step.map_or(after.step, |b| Entered {
        waiting: b.step.waiting,
        ..after.step
    });
    step_schedule(ctx, plan, step)
        .into_iter()
        .filter(|(at, _)| match same_step {
            Some(b) => *at > b.elapsed && *at <= after.elapsed,
            None => *at <= after.elapsed,
        })
        .map(|(_, c)| c)
        .collect()
}

/// The next instant a cue of the step under way is due, if it is running.
pub fn next_due(ctx: &Ctx, s: &Session, now: Instant) -> Option<Instant> {
    if s.is_finished() {
        return None;
    }
    let end = s.timer().due()?;
    let total = s.timer().total();
    let elapsed = s.timer().elapsed(now);
    step_schedule(ctx, &s.plan, Entered::of(s))
        .into_iter()
        .map(|(at, _)| at)
        .find(|at| *at > elapsed)
        .map(|at| end - (total - at))
}

pub fn session_end(ctx: &Ctx) -> Cue {
    Cue::new(CueKind::SessionEnd, ctx.content.voice.session_end.clone()).ring(Bell::SessionEnd)
}

/// Paused or going on, with the whole seconds left (as the countdown shows them).
pub fn pause_change(ctx: &Ctx, paused: bool, left_secs: u64) -> Cue {
    let v = &ctx.content.voice;
    let left = left_secs.to_string();
    if paused {
        Cue::new(CueKind::Paused, fill(&v.paused, &[("seconds", &left)]))
            .more(format!("Press {} to go on.", ctx.key))
    } else {
        Cue::new(CueKind::Resumed, fill(&v.resumed, &[("seconds", &left)]))
    }
}

/// The pain stop's own words.
pub fn pain_stop(ctx: &Ctx) -> Cue {
    Cue::new(CueKind::PainStop, ctx.content.guidance.pain_stop.clone())
}

/// A checklist result, in full: the heading, what to do, and why.
pub fn red_flag(ctx: &Ctx, o: &Outcome) -> Cue {
    let v = verdict(ctx.content, o);
    let mut parts = vec![format!("{}.", v.heading.trim_end_matches('.')), v.action];
    parts.extend(v.because);
    parts.extend(v.also);
    parts.extend(v.clinic);
    Cue::new(CueKind::RedFlag, parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{DoseChoice, Plan, Session};
    use crate::testutil::StepLimit;

    fn s(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    fn plan(c: &Content, ids: &[&str], hold: u32) -> Plan {
        let idx = ids.iter().map(|i| c.stretch_index(i).unwrap()).collect();
        let dose = DoseChoice {
            hold_secs: hold,
            reps: 2,
            lead_in_secs: 5,
            rest_secs: 5,
        };
        Plan::build(c, None, idx, dose)
    }

    fn ctx(c: &Content) -> Ctx<'_> {
        Ctx {
            content: c,
            halfway: true,
            key: "Space",
        }
    }

    fn texts(v: &[(Duration, Cue)]) -> Vec<(u64, &str)> {
        v.iter()
            .filter(|(_, c)| c.spoken())
            .map(|(at, c)| (at.as_millis() as u64, c.text.as_str()))
            .collect()
    }

    #[test]
    fn every_step_kind_has_its_words_and_bell() {
        let c = Content::embedded();
        let x = ctx(&c);
        let p = plan(&c, &["hook-lying-rotation", "knee-to-chest"], 20);
        // Lead-in: the name and the first setup step, no bell for the very first.
        let lead = step_schedule(&x, &p, Entered::planned(&p, 0));
        assert_eq!(
            texts(&lead),
            vec![(
                0,
                "Hook-lying rotation. Lie on your back on the bed or the floor."
            )]
        );
        assert_eq!(lead[0].1.bell, None);
        assert!(lead[0].1.detail.contains("2. Bend your knees"));
        // A hold with a side: the side, hold, halfway, and 3-2-1 three seconds from the end.
        let hold = step_schedule(&x, &p, Entered::planned(&p, 1));
        assert_eq!(
            texts(&hold),
            vec![
                (0, "Right side. Hold."),
                (10_000, "Halfway."),
                (18_000, "3, 2, 1.")
            ]
        );
        assert_eq!(hold[0].1.bell, Some(Bell::Start));
        assert_eq!(hold[1].1.bell, Some(Bell::Halfway));
        // Written only: ten seconds left, not when halfway says it.
        assert!(!hold.iter().any(|(_, c)| c.kind == CueKind::Left));
        let long = plan(&c, &["knee-to-chest"], 30);
        let left: Vec<_> = step_schedule(&x, &long, Entered::planned(&long, 1))
            .into_iter()
            .filter(|(_, c)| c.kind == CueKind::Left)
            .map(|(at, c)| (at, c.spoken(), c.text))
            .collect();
        assert_eq!(
            left,
            vec![
                (s(10), false, "20 seconds left.".to_string()),
                (s(20), false, "10 seconds left.".to_string())
            ]
        );
        // The rest between sides: release, the rest, and the switch.
        let rest = step_schedule(&x, &p, Entered::planned(&p, 2));
        assert_eq!(
            texts(&rest),
            vec![(0, "Release. Rest for 5 seconds. Now the left side.")]
        );
        assert_eq!(rest[0].1.bell, Some(Bell::Switch));
        // Between repetitions of the same side of a single hold: release and rest only.
        let k = p.steps.iter().position(|st| st.item == 1).unwrap();
        assert_eq!(
            texts(&step_schedule(&x, &p, Entered::planned(&p, k))),
            vec![(0, "Release. Knee-to-chest. Lie on your back.")]
        );
        assert_eq!(
            texts(&step_schedule(&x, &p, Entered::planned(&p, k + 1)))[0],
            (0, "Hold for 20 seconds.")
        );
        let rest2 = step_schedule(&x, &p, Entered::planned(&p, k + 2));
        assert_eq!(texts(&rest2), vec![(0, "Release. Rest for 5 seconds.")]);
        assert_eq!(rest2[0].1.bell, Some(Bell::End));
        // Waiting: the lead-in says which key starts it.
        assert_eq!(
            texts(&step_schedule(
                &x,
                &p,
                Entered {
                    waiting: true,
                    ..Entered::planned(&p, 0)
                }
            ))[0]
                .1,
            "Hook-lying rotation. Lie on your back on the bed or the floor. Take your time. Press Space when you are ready."
        );
        // Past the end: nothing.
        assert!(step_schedule(&x, &p, Entered::planned(&p, 999)).is_empty());
    }

    #[test]
    fn halfway_only_for_long_enough_holds_and_when_asked() {
        let c = Content::embedded();
        let p = plan(&c, &["knee-to-chest"], 15);
        let kinds = |x: &Ctx, p: &Plan| -> Vec<CueKind> {
            step_schedule(x, p, Entered::planned(p, 1))
                .into_iter()
                .map(|(_, c)| c.kind)
                .collect()
        };
        assert_eq!(
            kinds(&ctx(&c), &p),
            vec![CueKind::Hold, CueKind::Left, CueKind::Countdown]
        );
        let p = plan(&c, &["knee-to-chest"], 30);
        assert!(kinds(&ctx(&c), &p).contains(&CueKind::Halfway));
        let off = Ctx {
            halfway: false,
            ..ctx(&c)
        };
        assert!(!kinds(&off, &p).contains(&CueKind::Halfway));
    }

    /// Drives a session with injected time and collects (ms since start, text) of every
    /// spoken cue, as the model does after each change.
    struct Log<'a> {
        x: Ctx<'a>,
        t0: Instant,
        mark: Option<Mark>,
        said: Vec<(u64, String)>,
    }

    impl Log<'_> {
        fn at(&mut self, s: &Session, now: Instant) {
            let after = Mark::of(s, now);
            for c in due(&self.x, &s.plan, self.mark, after) {
                if c.spoken() {
                    self.said.push(((now - self.t0).as_millis() as u64, c.text));
                }
            }
            self.mark = Some(after);
        }

        /// Steps time from `from` to each next cue or step end until `until`, as the
        /// runner does.
        fn run_to(&mut self, s: &mut Session, from: Instant, until: Instant) {
            let mut now = from;
            let mut limit = StepLimit::new(10_000, "the session to reach the end of the run");
            loop {
                limit.step();
                let next = [s.timer().due(), next_due(&self.x, s, now)]
                    .into_iter()
                    .flatten()
                    .min();
                let Some(n) = next.filter(|n| *n <= until) else {
                    break;
                };
                now = n;
                s.tick(now);
                self.at(s, now);
            }
        }
    }

    #[test]
    fn a_session_with_pause_skip_back_and_restart_says_each_thing_once_on_time() {
        let c = Content::embedded();
        let p = plan(&c, &["knee-to-chest"], 20);
        let t0 = Instant::now();
        let (mut sess, _) = Session::start(p, t0);
        let mut log = Log {
            x: ctx(&c),
            t0,
            mark: None,
            said: Vec::new(),
        };
        log.at(&sess, t0);
        // Lead-in 5 s, then the hold runs 8 s.
        log.run_to(&mut sess, t0, t0 + s(13));
        // Paused for a minute at 8 s into the hold: the halfway point waits with it.
        sess.pause(t0 + s(13));
        log.at(&sess, t0 + s(13));
        log.at(&sess, t0 + s(73));
        sess.resume(t0 + s(73));
        log.run_to(&mut sess, t0 + s(73), t0 + s(80));
        // Restart the hold at 7 s in (15 s into it): said again from the start.
        sess.restart(t0 + s(80));
        log.at(&sess, t0 + s(80));
        log.run_to(&mut sess, t0 + s(80), t0 + s(91));
        // Skip to the rest, back to the hold, then let it run out.
        sess.skip(t0 + s(91));
        log.at(&sess, t0 + s(91));
        sess.back(t0 + s(92));
        log.at(&sess, t0 + s(92));
        log.run_to(&mut sess, t0 + s(92), t0 + s(112));
        let want: Vec<(u64, &str)> = vec![
            (0, "Knee-to-chest. Lie on your back."),
            (5_000, "Hold for 20 seconds."),
            (75_000, "Halfway."),
            (80_000, "Hold for 20 seconds."),
            (90_000, "Halfway."),
            (91_000, "Release. Rest for 5 seconds."),
            (92_000, "Hold for 20 seconds."),
            (102_000, "Halfway."),
            (110_000, "3, 2, 1."),
            (112_000, "Release. Rest for 5 seconds."),
        ];
        let got: Vec<(u64, &str)> = log.said.iter().map(|(t, s)| (*t, s.as_str())).collect();
        assert_eq!(got, want);
        // Nothing more while paused, however long.
        sess.pause(t0 + s(113));
        assert_eq!(next_due(&log.x, &sess, t0 + s(113)), None);
        let n = log.said.len();
        log.at(&sess, t0 + s(900));
        assert_eq!(log.said.len(), n);
    }

    #[test]
    fn the_end_is_said_once() {
        let c = Content::embedded();
        let x = ctx(&c);
        let p = plan(&c, &["knee-to-chest"], 10);
        let t0 = Instant::now();
        let (mut sess, _) = Session::start(p.clone(), t0);
        let before = Mark::of(&sess, t0);
        sess.end(t0 + s(1));
        let after = Mark::of(&sess, t0 + s(1));
        let cues = due(&x, &p, Some(before), after);
        assert_eq!(cues.len(), 1);
        assert_eq!(cues[0].kind, CueKind::SessionEnd);
        assert_eq!(cues[0].bell, Some(Bell::SessionEnd));
        assert!(due(&x, &p, Some(after), after).is_empty());
    }

    #[test]
    fn the_countdown_ends_with_the_hold() {
        assert_eq!(speaking_time("3, 2, 1."), Duration::from_millis(1_629));
        // A long countdown in another language still starts within the last 3 s.
        let c = Content::embedded();
        let mut long = c.clone();
        long.voice.countdown = "tres, dos, uno, y ya está, suelta despacio.".into();
        let p = plan(&long, &["knee-to-chest"], 10);
        let at = step_schedule(&ctx(&long), &p, Entered::planned(&p, 1))
            .into_iter()
            .find(|(_, c)| c.kind == CueKind::Countdown)
            .map(|(at, _)| at);
        assert_eq!(at, Some(s(7)));
    }

    #[test]
    fn bell_patterns_are_distinct() {
        let all = [
            Bell::Start,
            Bell::End,
            Bell::Halfway,
            Bell::Switch,
            Bell::SessionEnd,
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.pattern_ms(), b.pattern_ms(), "{a:?} and {b:?}");
            }
        }
        assert_eq!(Bell::Start.pattern().count(), 1);
        assert_eq!(Bell::End.pattern().count(), 2);
        assert_eq!(Bell::SessionEnd.pattern().count(), 3);
    }
}
