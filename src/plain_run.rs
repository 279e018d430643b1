//! `run --plain`: the same session, coached in plain lines on stdout for screen readers and
//! braille displays. It drives the same model as the full-screen app, so the gate, the
//! check-ins and the history are the same; only the words and the input differ.

use crate::app::{App, Effect, Gate, Overlay, Screen, When};
use crate::content::shown;
use crate::keys::Key;
use crate::runner::{self, Clock, Frontend};
use crate::session::Plan;
use crate::speech::Sound;
use crate::store::Store;
use std::io::{self, BufRead, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Instant;

/// What comes in while coaching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum In {
    /// A line typed by the person.
    Line(String),
    /// Input has ended.
    End,
    /// SIGTERM, SIGHUP or SIGINT.
    Signal(i32),
}

pub type Input = Receiver<In>;

/// Reads stdin lines and watches for signals on threads, so the session can wait for
/// input, signals and time together.
pub fn stdin_lines() -> io::Result<Input> {
    let (tx, rx) = std::sync::mpsc::channel();
    let sig_tx = tx.clone();
    std::thread::spawn(move || {
        let stdin = io::stdin();
        for line in stdin.lock().lines() {
            match line {
                Ok(l) => {
                    if tx.send(In::Line(l)).is_err() {
                        return;
                    }
                }
                Err(_) => break,
            }
        }
        let _ = tx.send(In::End);
    });
    crate::tui::on_signals(move |sig| sig_tx.send(In::Signal(sig)).is_ok())?;
    Ok(rx)
}

/// No screen: nothing to draw, no bell (a screen reader reads the words instead).
struct Silent;

impl Frontend for Silent {
    fn size(&self) -> io::Result<(u16, u16)> {
        Ok((80, 24))
    }
    fn draw(&mut self, _: &App, _: Instant) -> io::Result<()> {
        Ok(())
    }
    fn bell(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct Coach<'a, W: Write> {
    app: &'a mut App,
    out: W,
    input: Input,
    /// Answers typed ahead during the session, kept for the next question.
    held: std::collections::VecDeque<String>,
    ended: bool,
    /// A signal arrived: end the session, keep it, and leave.
    signal: Option<i32>,
    /// Write each answer after its prompt (input from a pipe is not echoed).
    echo: bool,
    summarized: bool,
    clock: &'a dyn Clock,
    store: Option<&'a Store>,
    sound: &'a mut Sound,
}

/// How `run --plain` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainExit {
    Done,
    /// An emergency answer today: no session.
    Blocked,
    /// The person chose not to start.
    NotStarted,
    /// A standing today yes, and the person did not choose to start anyway.
    HeldOff,
    /// Ended by a signal; the session so far is kept.
    Signal(i32),
}

impl<W: Write> Coach<'_, W> {
    /// One message, line by line; words from the content file have control characters
    /// made visible.
    fn say(&mut self, text: &str) -> io::Result<()> {
        for line in text.split('\n') {
            writeln!(self.out, "{}", crate::text::clean(line))?;
        }
        self.out.flush()
    }

    /// Writes the cues (the same words the voice says, from the same place), then carries
    /// out the rest.
    fn effects(&mut self) -> io::Result<()> {
        let lines: Vec<String> = self
            .app
            .effects
            .iter()
            .filter_map(|e| match e {
                // Words from a content file never carry control characters to the screen.
                Effect::Cue(c) if c.detail.is_empty() => Some(shown(&c.text)),
                Effect::Cue(c) => Some(format!("{}\n{}", shown(&c.text), shown(&c.detail))),
                _ => None,
            })
            .collect();
        for l in lines {
            self.say(&l)?;
        }
        let mut dirty = false;
        let now = self.clock.now();
        let was_paused = self.paused();
        runner::apply_effects(
            self.app,
            &mut Silent,
            self.store,
            self.sound,
            now,
            &mut dirty,
        )?;
        if let Some(m) = self.app.message.take() {
            self.say(&m)?;
        }
        // A failed save is said at once; `App::unsaved` makes the exit status non-zero.
        if !self.app.save_errors.is_empty() {
            let errors: Vec<String> = self.app.save_errors.drain(..).collect();
            self.app.overlays.retain(|o| *o != Overlay::SaveFailed);
            for e in errors {
                let line = crate::tr!(self.app.content.words, "plain.not_saved", error = e);
                self.say(&line)?;
            }
            // The failed save paused the session, so that it can be read: say so.
            if !was_paused && self.paused() {
                let line = crate::tr!(self.app.content.words, "plain.paused_to_read");
                self.say(&line)?;
            }
        }
        Ok(())
    }

    /// Whether a session is under way and paused.
    fn paused(&self) -> bool {
        self.app.screen == Screen::Session
            && self.app.session.as_ref().is_some_and(|s| s.is_paused())
    }

    fn key(&mut self, k: Key) -> io::Result<()> {
        self.app.on_key(k, self.clock.now());
        self.effects()
    }

    /// Asks and waits for a line; `None` when input has ended or a signal came (then
    /// `self.signal` is set and the caller must not act on the missing answer).
    fn ask(&mut self, prompt: &str) -> io::Result<Option<String>> {
        write!(self.out, "{} ", crate::text::clean(prompt))?;
        self.out.flush()?;
        let line = match self.held.pop_front() {
            Some(l) => Some(l),
            None if self.ended => None,
            None => match self.input.recv() {
                Ok(In::Line(l)) => Some(l.trim().to_string()),
                Ok(In::Signal(sig)) => {
                    self.signal = Some(sig);
                    None
                }
                Ok(In::End) | Err(_) => {
                    self.ended = true;
                    None
                }
            },
        };
        match (&line, self.echo) {
            (Some(l), true) => writeln!(self.out, "{}", crate::text::clean(l))?,
            (Some(_), false) => {}
            (None, _) => writeln!(self.out, "{}", self.app.content.words.t("plain.no_answer"))?,
        }
        self.out.flush()?;
        Ok(line)
    }

    fn run(&mut self, plan: Plan) -> io::Result<PlainExit> {
        self.app.request_start(plan, self.clock.now());
        self.effects()?;
        loop {
            if let Some(sig) = self.signal {
                return Ok(PlainExit::Signal(sig));
            }
            match self.app.top() {
                Some(Overlay::Notice) => {
                    let c = &self.app.content;
                    let action = c.red_flags.action(crate::content::Urgency::Emergency);
                    let mut lines = vec![
                        c.disclaimer.clone(),
                        c.guidance.tight_not_pain.clone(),
                        c.guidance.stay_active.clone(),
                        format!(
                            "{} {}",
                            c.words.t("notice.help_at_once"),
                            crate::tr!(c.words, "notice.if", action = action)
                        ),
                        c.words.t("notice.today").to_string(),
                    ];
                    lines.extend(c.clinic_line());
                    for l in lines {
                        self.say(&l)?;
                    }
                    self.key(Key::Enter)?;
                }
                Some(Overlay::Gate(Gate::Offer)) => {
                    // "None of these apply" only while no yes stands.
                    let quick = self.app.safety().standing.is_empty();
                    let w = self.app.content.words.clone();
                    let yes = w.yes_key();
                    self.say(w.t("plain.gate_offer"))?;
                    let a = if quick {
                        self.ask(&crate::tr!(w, "plain.gate_ask", yes = yes))?
                    } else {
                        self.say(&crate::tr!(
                            w,
                            "plain.gate_soon",
                            status = crate::app::Status::Soon.words(&w)
                        ))?;
                        self.ask(w.t("plain.gate_ask_again"))?
                    };
                    if self.signal.is_some() {
                        continue;
                    }
                    let a = a.map(|a| a.to_lowercase());
                    match a.as_deref() {
                        Some("c") => self.key(Key::Char('c'))?,
                        Some(y) if quick && w.answer_line(y) == Some(true) => {
                            self.key(Key::Char(yes))?
                        }
                        Some("q") => {
                            self.key(Key::Esc)?;
                            return Ok(PlainExit::NotStarted);
                        }
                        Some(_) if quick => {
                            self.say(&crate::tr!(w, "plain.type_cyq", yes = yes))?
                        }
                        Some(_) => self.say(w.t("plain.type_cq"))?,
                        None => {
                            // Input ended: skipped. Start, with the reminder.
                            self.say(w.t("plain.gate_skipped"))?;
                            if let Some(plan) = self.app.pending.take() {
                                self.app.overlays.pop();
                                self.app.request_start_past_gate(plan, self.clock.now());
                                self.effects()?;
                            }
                        }
                    }
                }
                Some(Overlay::Gate(Gate::Blocked)) => {
                    let v = self
                        .app
                        .content
                        .red_flags
                        .action(crate::content::Urgency::Emergency);
                    let w = self.app.content.words.clone();
                    self.say(&crate::tr!(
                        w,
                        "plain.blocked",
                        status = crate::app::Status::Emergency.words(&w)
                    ))?;
                    self.say(&v)?;
                    self.say(w.t("plain.blocked_mistake"))?;
                    self.key(Key::Esc)?;
                    return Ok(PlainExit::Blocked);
                }
                Some(Overlay::Gate(Gate::ConfirmToday)) => {
                    let action = self
                        .app
                        .content
                        .red_flags
                        .action(crate::content::Urgency::Today);
                    let w = self.app.content.words.clone();
                    self.say(&crate::tr!(
                        w,
                        "plain.today",
                        status = crate::app::Status::Today.words(&w),
                        action = action
                    ))?;
                    let a = self.ask(&crate::tr!(
                        w,
                        "plain.today_ask",
                        yes = w.yes_key(),
                        no = w.no_key()
                    ))?;
                    if self.signal.is_some() {
                        continue;
                    }
                    if a.is_some_and(|a| w.answer_line(&a) == Some(true)) {
                        self.key(Key::Char(w.yes_key()))?;
                    } else {
                        self.key(Key::Char(w.no_key()))?;
                        return Ok(PlainExit::HeldOff);
                    }
                }
                Some(Overlay::Checklist) => self.checklist()?,
                Some(Overlay::CheckIn(when)) => {
                    let w = self.app.content.words.clone();
                    let q = match when {
                        When::Before => w.t("plain.checkin_before"),
                        When::After => w.t("plain.checkin_after"),
                    };
                    let a = self.ask(q)?;
                    if self.signal.is_some() {
                        continue;
                    }
                    match a.as_deref().and_then(|s| s.parse::<u8>().ok()) {
                        Some(n @ 0..=9) => self.key(Key::Char((b'0' + n) as char))?,
                        Some(10) => self.key(Key::Char('x'))?,
                        _ => self.key(Key::Char('s'))?,
                    }
                }
                Some(Overlay::SpasmStart) => {
                    let w = self.app.content.words.clone();
                    let a = self.ask(w.t("plain.spasm_ask"))?;
                    if self.signal.is_some() {
                        continue;
                    }
                    let today: Option<jiff::civil::Date> = self.app.today().parse().ok();
                    let answer = a.as_deref().map(str::trim).filter(|a| !a.is_empty());
                    match (answer, today) {
                        (Some(text), Some(today)) => {
                            match crate::app::parse_spasm_start(text, today, &w) {
                                Ok(d) => {
                                    self.app.spasm.days_ago = (today - d).get_days() as u32;
                                    self.key(Key::Enter)?;
                                    let date = crate::ui::overlays::long_date(&w, d);
                                    self.say(&crate::tr!(w, "plain.spasm_kept", date = date))?;
                                }
                                Err(e) => {
                                    self.say(&crate::tr!(w, "plain.spasm_not_kept", error = e))?;
                                    self.key(Key::Char('s'))?;
                                }
                            }
                        }
                        _ => self.key(Key::Char('s'))?,
                    }
                }
                Some(_) => {
                    // Nothing else is asked in plain mode.
                    self.app.overlays.pop();
                }
                None => match self.app.screen {
                    Screen::Session => self.session()?,
                    Screen::Summary => {
                        self.summary()?;
                        self.key(Key::Enter)?;
                        self.summarized = false;
                        if self.app.top().is_none() {
                            return Ok(PlainExit::Done);
                        }
                    }
                    _ => return Ok(PlainExit::NotStarted),
                },
            }
        }
    }

    fn checklist(&mut self) -> io::Result<()> {
        // The result was written as it came, as a cue (and spoken with --voice).
        if self.app.checklist.result.is_some() {
            return self.key(Key::Enter);
        }
        let i = self.app.checklist.current();
        let n = self.app.checklist.answered() + 1;
        let total = self.app.checklist.order.len();
        let sign = &self.app.content.red_flags.signs[i];
        let q = match &sign.note {
            Some(n) => format!("{} ({n})", sign.question),
            None => sign.question.clone(),
        };
        let urgent = self.app.checklist.emergency_yes(&self.app.content);
        let w = self.app.content.words.clone();
        let (yes, no) = (w.yes_key(), w.no_key());
        let a = if urgent {
            self.ask(&crate::tr!(
                w,
                "plain.question_urgent",
                i = n,
                total = total,
                question = q,
                yes = yes,
                no = no
            ))?
        } else {
            self.ask(&crate::tr!(
                w,
                "plain.question",
                i = n,
                total = total,
                question = q,
                yes = yes,
                no = no
            ))?
        };
        if self.signal.is_some() {
            return Ok(());
        }
        let a = a.map(|a| a.to_lowercase());
        match a.as_deref().map(|a| (a, w.answer_line(a))) {
            Some((_, Some(true))) => {
                self.key(Key::Char(yes))?;
                // An emergency sign: what to do, at once; the rest is optional.
                if self.app.checklist.result.is_none()
                    && self.app.checklist.emergency_yes(&self.app.content)
                    && !urgent
                {
                    let action = self
                        .app
                        .content
                        .red_flags
                        .action(crate::content::Urgency::Emergency);
                    self.say(&crate::tr!(w, "plain.emergency", action = action))?;
                    self.say(w.t("plain.can_stop"))?;
                }
                Ok(())
            }
            Some((_, Some(false))) => self.key(Key::Char(no)),
            Some(("q", None)) if urgent => self.key(Key::Enter),
            Some(_) => self.say(&crate::tr!(w, "plain.type_yn", yes = yes, no = no)),
            None => {
                self.say(w.t("plain.not_finished"))?;
                self.key(Key::Esc)
            }
        }
    }

    /// Writes each cue of the session as it comes (the model says what and when), and
    /// waits for the next one, the end of a step, or input.
    fn session(&mut self) -> io::Result<()> {
        while self.app.screen == Screen::Session && self.app.top().is_none() {
            let now = self.clock.now();
            self.app.tick(now);
            self.effects()?;
            if self.app.screen != Screen::Session {
                break;
            }
            let wait = self.app.next_deadline(now).map(|d| self.clock.until(d));
            let msg = match wait {
                Some(w) => match self.input.recv_timeout(w) {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => {
                        std::thread::sleep(w);
                        continue;
                    }
                },
                None if self.ended => {
                    // Paused with no more input: nothing can resume it.
                    let w = self.app.content.words.clone();
                    self.say(w.t("plain.ended_paused"))?;
                    self.key(Key::Char('q'))?;
                    self.key(Key::Char(w.yes_key()))?;
                    break;
                }
                None => self.input.recv().unwrap_or(In::End),
            };
            match msg {
                In::Signal(sig) => {
                    self.signal = Some(sig);
                    break;
                }
                In::End => self.ended = true,
                In::Line(l) => match l.trim() {
                    "" => self.key(Key::Char(' '))?,
                    "q" | "Q" => {
                        let yes = self.app.content.words.yes_key();
                        self.key(Key::Char('q'))?;
                        self.key(Key::Char(yes))?;
                    }
                    "n" => self.key(Key::Char('n'))?,
                    "p" => self.key(Key::Char('p'))?,
                    "r" => self.key(Key::Char('r'))?,
                    "h" => {
                        // The pain stop's words come as a cue.
                        self.key(Key::Char('h'))?;
                        let min = self.app.content.dose.hold_seconds.min;
                        let ask =
                            crate::tr!(self.app.content.words, "plain.pain_ask", seconds = min);
                        let a = self.ask(&ask)?;
                        if self.signal.is_some() {
                            break;
                        }
                        match a.as_deref() {
                            // The gentler hold is announced as a cue.
                            Some("g") => self.key(Key::Char('g'))?,
                            Some("s") => self.key(Key::Char('s'))?,
                            Some("e") => self.key(Key::Char('e'))?,
                            _ => self.key(Key::Esc)?,
                        }
                    }
                    // A number or a date is an answer for a question after the session (the
                    // check-in, the start of the spasm).
                    other if other.starts_with(|c: char| c.is_ascii_digit()) => {
                        self.held.push_back(other.to_string());
                    }
                    other => {
                        let line =
                            crate::tr!(self.app.content.words, "plain.unknown", command = other);
                        self.say(&line)?
                    }
                },
            }
        }
        if self.app.screen == Screen::Summary {
            self.summary()?;
        } else if self.app.session.is_none()
            && let Some(m) = self.app.message.take()
        {
            // Ended before the first hold: nothing was recorded, and it says so.
            self.say(&m)?;
        }
        Ok(())
    }

    fn summary(&mut self) -> io::Result<()> {
        if self.summarized {
            return Ok(());
        }
        self.summarized = true;
        let Some(s) = self.app.session.as_ref() else {
            return Ok(());
        };
        let held = s.held_total().as_secs_f64().round() as u64;
        let planned = s.plan.hold_total().as_secs();
        let done = s.stats.items.iter().map(|i| i.reps_completed).sum::<u32>();
        let reps: u32 = (0..s.plan.stretches.len()).map(|i| s.plan.reps_of(i)).sum();
        let text = crate::tr!(
            self.app.content.words,
            "plain.summary",
            done = done,
            reps = reps,
            held = held,
            planned = planned
        );
        self.say(&text)?;
        // As on the screen: what to do while a yes for a doctor stands, else keep moving.
        let c = &self.app.content;
        let advice = match self.app.status().urgency() {
            Some(u @ (crate::content::Urgency::Emergency | crate::content::Urgency::Today)) => {
                c.red_flags.action(u)
            }
            _ => c.guidance.stay_active.clone(),
        };
        self.say(&advice)
    }
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    app: &mut App,
    plan: Plan,
    input: Input,
    echo: bool,
    out: impl Write,
    clock: &dyn Clock,
    store: Option<&Store>,
    sound: &mut Sound,
) -> io::Result<PlainExit> {
    // Enter pauses, goes on and starts a waiting stretch here.
    app.pause_key = "Enter";
    let mut c = Coach {
        app,
        out,
        input,
        held: std::collections::VecDeque::new(),
        ended: false,
        signal: None,
        echo,
        summarized: false,
        clock,
        store,
        sound,
    };
    let r = c.run(plan);
    // Whatever happened, a finished session is written.
    c.app.on_key(Key::CtrlC, clock.now());
    c.effects()?;
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::App;
    use crate::app::tests::{app, cleared_app};
    use crate::testutil::StepLimit;
    use std::cell::{Cell, RefCell};
    use std::sync::mpsc::channel;
    use std::time::Duration;

    /// A clock that jumps to every deadline at once: a whole session runs in no time. It
    /// counts the waits and the readings, so a run that never ends (waiting, or going round
    /// without waiting) fails the test instead of hanging it.
    struct Jumping(Cell<Instant>, RefCell<StepLimit>, RefCell<StepLimit>);

    impl Jumping {
        fn new() -> Jumping {
            Jumping(
                Cell::new(Instant::now()),
                RefCell::new(StepLimit::new(2_000, "the plain-mode session to end")),
                RefCell::new(StepLimit::new(
                    5_000,
                    "the plain-mode run to end (it kept reading the clock)",
                )),
            )
        }
    }

    impl Clock for Jumping {
        fn now(&self) -> Instant {
            self.2.borrow_mut().step();
            self.0.get()
        }
        fn until(&self, deadline: Instant) -> Duration {
            self.1.borrow_mut().step();
            if deadline > self.0.get() {
                self.0.set(deadline);
            }
            Duration::ZERO
        }
    }

    fn script(lines: &[&str]) -> Input {
        let (tx, rx) = channel();
        for l in lines {
            tx.send(In::Line(l.to_string())).unwrap();
        }
        tx.send(In::End).unwrap();
        rx
    }

    fn plan(a: &App, ids: &[&str]) -> Plan {
        let idx = ids
            .iter()
            .map(|i| a.content.stretch_index(i).unwrap())
            .collect();
        a.plan_for(None, idx)
    }

    fn coach(a: &mut App, ids: &[&str], lines: &[&str]) -> (PlainExit, String) {
        let p = plan(a, ids);
        let clock = Jumping::new();
        let mut out = Vec::new();
        let r = run(
            a,
            p,
            script(lines),
            true,
            &mut out,
            &clock,
            None,
            &mut Sound::bells_only(false),
        )
        .unwrap();
        (r, String::from_utf8(out).unwrap())
    }

    #[test]
    fn announces_each_step_the_countdown_and_the_end() {
        let mut a = cleared_app();
        let (r, out) = coach(&mut a, &["hook-lying-rotation"], &[]);
        assert_eq!(r, PlainExit::Done);
        // The very words the voice says, each on its line, with more for the reader.
        let want = [
            "Hook-lying rotation. Lie on your back on the bed or the floor.\nStretch 1 of 1: Hook-lying rotation. Starting in 5 seconds. 1. Lie on your back",
            "Right side. Hold.\nHook-lying rotation, repetition 1 of 2: 20 seconds. Knees sink to the right",
            "Halfway.\n3, 2, 1.\nRelease. Rest for 5 seconds. Now the left side.\nLeft side. Hold.",
            "Hook-lying rotation, repetition 2 of 2: 20 seconds. Knees sink to the left",
            "3, 2, 1.\nRelease. That is the end of the session. Well done.\nSession over. 2 of 2 repetitions done; held 80 of 80 seconds.",
        ];
        for w in want {
            assert!(out.contains(w), "{w:?} not in:\n{out}");
        }
        assert_eq!(out.matches("Halfway.").count(), 4, "{out}");
        assert_eq!(out.matches("3, 2, 1.").count(), 4, "{out}");
        assert!(!out.contains('\x1b'));
        assert_eq!(a.history.len(), 1);
    }

    #[test]
    fn what_is_written_is_what_the_voice_says() {
        // Every spoken cue of a session, in order, is a line of the plain output.
        let mut a = cleared_app();
        a.settings.halfway = false;
        let (_, out) = coach(&mut a, &["cat-cow"], &[]);
        let lines: Vec<&str> = out.lines().collect();
        let p = plan(&a, &["cat-cow"]);
        let x = a.cue_ctx();
        let mut at = 0;
        for i in 0..p.steps.len() {
            for (_, cue) in
                crate::voice::step_schedule(&x, &p, crate::voice::Entered::planned(&p, i))
            {
                let found = lines[at..].iter().position(|l| *l == cue.text);
                let Some(k) = found else {
                    panic!("{:?} missing after line {at}:\n{out}", cue.text)
                };
                at += k + 1;
            }
        }
        assert!(out.contains("Now the cat."), "{out}");
    }

    #[test]
    fn a_content_file_in_another_language_speaks_and_writes_it() {
        let mut v: serde_json::Value = serde_json::from_str(crate::content::EMBEDDED).unwrap();
        let mut words = serde_json::Map::new();
        for (k, t, _) in crate::content::Voice::default().entries() {
            words.insert(k.to_string(), t.into());
        }
        v["voice"] = words.into();
        v["voice"]["hold"] = "Mantén {seconds} segundos.".into();
        v["voice"]["session_end"] = "Fin de la sesión.".into();
        let mut content = crate::content::Content::parse(&v.to_string(), "es.json").unwrap();
        // validate refuses control characters in a file; if one got through anyway, the
        // output still carries none.
        content.voice.session_end.push_str("\u{1b}[2J");
        let mut a = cleared_app();
        a.content = content;
        let (_, out) = coach(&mut a, &["knee-to-chest"], &[]);
        assert!(out.contains("Mantén 20 segundos."), "{out}");
        assert!(out.contains("Fin de la sesión."), "{out}");
        assert!(
            !out.contains('\x1b'),
            "a control character reached the output: {out}"
        );
    }

    #[test]
    fn the_gate_and_check_ins_are_prompts_and_end_of_input_skips_them() {
        let mut a = app();
        a.settings.checkins = true;
        let (r, out) = coach(&mut a, &["knee-to-chest"], &[]);
        assert_eq!(r, PlainExit::Done);
        assert!(out.contains("The warning-sign check was skipped."), "{out}");
        assert!(out.contains("Before you start: your back pain now"));
        assert!(out.contains("Session over."));
        let rec = a.history.last().unwrap();
        assert_eq!((rec.pain_before, rec.pain_after), (None, None));
        assert!(
            a.safety().last_complete.is_none(),
            "a skipped check is not recorded"
        );
    }

    #[test]
    fn answers_given_on_stdin() {
        let mut a = app();
        a.settings.checkins = true;
        let (r, out) = coach(&mut a, &["knee-to-chest"], &["y", "7", "3", "2"]);
        assert_eq!(r, PlainExit::Done);
        let rec = a.history.last().unwrap();
        assert_eq!((rec.pain_before, rec.pain_after), (Some(7), Some(3)));
        assert_eq!(a.safety().last_complete.unwrap().result.key(), "none");
        assert_eq!(a.settings.spasm_start.as_deref(), Some("2026-11-22"));
        assert!(out.contains("How many days ago"));
        assert!(
            out.contains("Kept: the spasm began on Sun 22 Nov 2026."),
            "{out}"
        );
        // Or a date; a date after today is refused with the reason.
        for (answer, kept, said) in [
            (
                "2026-11-10",
                Some("2026-11-10"),
                "Kept: the spasm began on Tue 10 Nov 2026.",
            ),
            ("2026-12-01", None, "Not kept: 2026-12-01 is after today."),
        ] {
            let mut b = app();
            b.settings.checkins = true;
            let (_, out) = coach(&mut b, &["knee-to-chest"], &["y", "7", "3", answer]);
            assert_eq!(b.settings.spasm_start.as_deref(), kept);
            assert!(out.contains(said), "{out}");
        }
    }

    #[test]
    fn the_checklist_in_plain_words_and_an_emergency_blocks() {
        let mut a = app();
        let n = a.content.red_flags.signs.len();
        let mut lines = vec!["c", "maybe", "y"];
        lines.extend(std::iter::repeat_n("n", n - 1));
        let (r, out) = coach(&mut a, &["knee-to-chest"], &lines);
        assert_eq!(r, PlainExit::Blocked);
        assert!(out.contains(&format!("1/{n}. Is there numbness")), "{out}");
        assert!(out.contains("in your buttocks"), "{out}");
        assert!(out.contains("Please type y or n."));
        assert!(out.contains("EMERGENCY: get help now."), "{out}");
        assert!(out.contains("911, 999 or 112"));
        assert!(out.contains("Emergency sign today: get help now. No session"));
        assert!(a.history.is_empty());
    }

    #[test]
    fn after_an_emergency_yes_q_stops_the_questions_and_the_block_stands() {
        let mut a = app();
        let (r, out) = coach(&mut a, &["knee-to-chest"], &["c", "n", "n", "y", "q"]);
        assert_eq!(r, PlainExit::Blocked);
        assert!(out.contains("You can stop here"), "{out}");
        assert!(out.contains("No session"), "{out}");
        assert_eq!(a.safety().level(), Some(crate::content::Urgency::Emergency));
        // The three answers are kept; the list is not complete.
        assert_eq!(a.state.safety.entries.len(), 3);
        assert!(a.safety().last_complete.is_none());
        // The end of input in the list keeps the answers too, and blocks the start.
        let mut b = app();
        let (r, out) = coach(&mut b, &["knee-to-chest"], &["c", "y"]);
        assert_eq!(r, PlainExit::Blocked, "{out}");
        assert!(out.contains("the answers given are kept"), "{out}");
        assert_eq!(b.state.safety.entries.len(), 1);
    }

    #[test]
    fn a_standing_today_answer_needs_an_explicit_yes_even_when_input_ends() {
        let mut a = app();
        let n = a.content.red_flags.signs.len();
        let fever = a
            .content
            .red_flags
            .signs
            .iter()
            .position(|s| s.id == "fever")
            .unwrap();
        // A today yes in an unfinished list yesterday, then a new day.
        let order = crate::checklist::Checklist::new(&a.content).order;
        let pos = order.iter().position(|&i| i == fever).unwrap();
        let mut lines = vec!["c"];
        lines.extend(std::iter::repeat_n("n", pos));
        lines.push("y");
        let (r, out) = coach(&mut a, &["knee-to-chest"], &lines);
        assert_eq!(r, PlainExit::HeldOff, "{out}");
        assert!(out.contains("See a doctor today"), "{out}");
        assert!(out.contains("leave the stretches"), "{out}");
        assert!(a.history.is_empty());
        let mut b = App::new(
            a.content.clone(),
            a.state.clone(),
            crate::app::tests::fixed_wall("2026-11-25"),
        );
        b.settings.checkins = false;
        let (r, out) = coach(&mut b, &["knee-to-chest"], &[]);
        assert_eq!(r, PlainExit::HeldOff, "{out}");
        assert!(b.history.is_empty());
        assert!(n > pos);
    }

    #[test]
    fn a_failed_save_that_pauses_the_session_says_how_to_go_on() {
        let dir = tempfile::tempdir().unwrap();
        // Saving the settings (the dose, as the session starts) fails: a directory is in
        // the way.
        std::fs::create_dir_all(dir.path().join("settings.json")).unwrap();
        let store = crate::store::Store::new(dir.path().to_path_buf());
        let mut a = cleared_app();
        a.settings.hold_seconds = Some(25);
        let p = plan(&a, &["knee-to-chest"]);
        let clock = Jumping::new();
        let mut out = Vec::new();
        let r = run(
            &mut a,
            p,
            script(&[""]),
            true,
            &mut out,
            &clock,
            Some(&store),
            &mut Sound::bells_only(false),
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(r, PlainExit::Done, "{out}");
        let at = out.find("Not saved: Your settings").expect(&out);
        assert!(out[at..].contains("Press Enter to go on."), "{out}");
        // The Enter typed goes on: the whole session is done.
        assert!(out.contains("Session over. 2 of 2"), "{out}");
    }

    #[test]
    fn enter_pauses_and_resumes_and_q_quits() {
        let mut a = cleared_app();
        let (tx, rx) = channel();
        let p = plan(&a, &["knee-to-chest"]);
        let clock = Jumping::new();
        // The lines arrive at once: on to the hold, pause, resume, quit.
        for l in ["n", "", "", "q"] {
            tx.send(In::Line(l.to_string())).unwrap();
        }
        // Nothing more comes: a loop still waiting for input after these ends the input
        // rather than hanging the test.
        drop(tx);
        let mut out = Vec::new();
        let r = run(
            &mut a,
            p,
            rx,
            true,
            &mut out,
            &clock,
            None,
            &mut Sound::bells_only(false),
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(r, PlainExit::Done);
        assert!(
            out.contains("Paused: 19 seconds left.\nPress Enter to go on."),
            "{out}"
        );
        assert!(out.contains("Going on: 19 seconds left."), "{out}");
        assert!(out.contains("Session over. 0 of 2"), "{out}");
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.history[0].pauses, 1);
    }

    #[test]
    fn input_ending_while_paused_ends_the_session() {
        let mut a = cleared_app();
        let (r, out) = coach(&mut a, &["knee-to-chest"], &["n", ""]);
        assert_eq!(r, PlainExit::Done);
        assert!(out.contains("Input ended while paused"), "{out}");
    }

    #[test]
    fn release_after_the_last_hold_of_each_stretch() {
        let mut a = cleared_app();
        let (r, out) = coach(&mut a, &["knee-to-chest", "cat-cow"], &[]);
        assert_eq!(r, PlainExit::Done);
        assert!(out.contains("3, 2, 1.\nRelease. Cat-cow."), "{out}");
        assert!(
            out.contains("Release. That is the end of the session."),
            "{out}"
        );
        assert!(
            !out.starts_with("Release."),
            "nothing to release before the first hold: {out}"
        );
    }

    #[test]
    fn a_session_ended_before_its_first_hold_is_not_written() {
        let mut a = cleared_app();
        a.settings.checkins = true;
        let (r, out) = coach(&mut a, &["knee-to-chest"], &["3", "q"]);
        assert_eq!(r, PlainExit::NotStarted);
        assert!(
            out.contains("Ended before the first hold: nothing was recorded."),
            "{out}"
        );
        assert!(
            !out.contains("After the session"),
            "no after questions: {out}"
        );
        assert!(!out.contains("Session over"), "{out}");
        assert!(a.history.is_empty());
        assert!(a.to_append.is_empty());
    }

    #[test]
    fn a_signal_ends_the_session_and_keeps_it() {
        let mut a = cleared_app();
        let (tx, rx) = channel();
        tx.send(In::Line("n".into())).unwrap();
        tx.send(In::Signal(15)).unwrap();
        drop(tx);
        let p = plan(&a, &["knee-to-chest"]);
        let clock = Jumping::new();
        let mut out = Vec::new();
        let r = run(
            &mut a,
            p,
            rx,
            true,
            &mut out,
            &clock,
            None,
            &mut Sound::bells_only(false),
        )
        .unwrap();
        assert_eq!(r, PlainExit::Signal(15));
        assert_eq!(a.history.len(), 1);
        assert!(!a.history[0].completed);
    }

    #[test]
    fn h_then_g_tries_it_gentler_and_the_next_lead_in_says_what_hurt() {
        let mut a = cleared_app();
        let (r, out) = coach(&mut a, &["knee-to-chest"], &["h", "g"]);
        assert_eq!(r, PlainExit::Done);
        assert!(out.contains("Type g to try it gentler (10 s"), "{out}");
        assert!(
            out.contains("Gentler now: go less far, only to a light pull, and keep breathing. Hold for 10 seconds."),
            "{out}"
        );
        assert!(
            out.contains("Knee-to-chest, repetition 1 of 2: 10 seconds."),
            "{out}"
        );
        let h = &a.history[0].hurt[0];
        assert_eq!(
            (h.stretch.as_str(), h.rep, h.step.as_str()),
            ("knee-to-chest", 1, "lead-in")
        );
        assert_eq!(h.then.as_deref(), Some("gentler"));
        // The next session's lead-in says it hurt.
        let (_, out) = coach(&mut a, &["knee-to-chest"], &["q"]);
        assert!(
            out.contains("Hurt on Tue: go gently, or leave it out."),
            "{out}"
        );
    }

    #[test]
    fn h_in_the_lead_in_pauses_and_e_ends() {
        let mut a = cleared_app();
        let (r, out) = coach(&mut a, &["knee-to-chest"], &["h", "e"]);
        assert_eq!(r, PlainExit::Done);
        assert!(
            out.contains("A stretch should feel tight, never painful."),
            "{out}"
        );
        assert!(out.contains("Session over. 0 of 2"), "{out}");
        assert_eq!(a.history[0].pain_stops, 1);
    }

    #[test]
    fn a_signal_at_a_prompt_leaves_without_acting_on_it() {
        let mut a = cleared_app();
        a.settings.checkins = true;
        let (tx, rx) = channel();
        tx.send(In::Signal(2)).unwrap();
        drop(tx);
        let p = plan(&a, &["knee-to-chest"]);
        let clock = Jumping::new();
        let mut out = Vec::new();
        let r = run(
            &mut a,
            p,
            rx,
            true,
            &mut out,
            &clock,
            None,
            &mut Sound::bells_only(false),
        )
        .unwrap();
        assert_eq!(r, PlainExit::Signal(2));
        assert!(
            a.history.is_empty(),
            "no session was started, none is written"
        );
    }
}
