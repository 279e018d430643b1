//! The red-flag checklist as a model: one question at a time, yes or no, and the result
//! for the most urgent sign answered yes.

use crate::content::{Content, Urgency};
use crate::keys::Key;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The most urgent level answered yes, or `None` when every answer was no.
    pub urgency: Option<Urgency>,
    /// Sign indices answered yes at that level.
    pub signs: Vec<usize>,
    /// Every sign answered yes, any level.
    pub all_yes: Vec<usize>,
    /// Every question answered. An emergency yes gives a result before that: the other
    /// questions no longer matter for what to do.
    pub complete: bool,
}

impl Outcome {
    /// The result of a list of answers (indexed like `content.red_flags.signs`); `None`
    /// while any is unanswered.
    pub fn of(content: &Content, answers: &[Option<bool>]) -> Option<Outcome> {
        if answers.iter().any(Option::is_none) {
            return None;
        }
        Some(Outcome::so_far(content, answers))
    }

    /// The result of the answers given so far, complete or not.
    pub fn so_far(content: &Content, answers: &[Option<bool>]) -> Outcome {
        let signs = &content.red_flags.signs;
        let all_yes: Vec<usize> = (0..signs.len())
            .filter(|&i| answers[i] == Some(true))
            .collect();
        let urgency = all_yes.iter().map(|&i| signs[i].urgency).min();
        let at_level = all_yes
            .iter()
            .copied()
            .filter(|&i| Some(signs[i].urgency) == urgency)
            .collect();
        Outcome {
            urgency,
            signs: at_level,
            all_yes,
            complete: answers.iter().all(Option::is_some),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Nothing,
    /// The list changed on screen.
    Changed,
    /// A question was answered (saved at once by the app); `done` when that made the
    /// list complete, with its result, now shown.
    Answered {
        sign: usize,
        yes: bool,
        done: Option<Outcome>,
    },
    /// The result is shown: every question answered, or an emergency sign answered yes
    /// and the rest left.
    Finished(Outcome),
    /// A new run through the list begins.
    Restarted,
    /// Leave the checklist.
    Close,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    /// Per sign, in content order.
    pub answers: Vec<Option<bool>>,
    /// Sign indices in the order asked: grouped by urgency, most urgent first.
    pub order: Vec<usize>,
    /// Position in `order`.
    pub cursor: usize,
    pub result: Option<Outcome>,
    /// A short message, such as how many questions are still unanswered.
    pub note: Option<String>,
    /// Up from the first question: the view goes back to the start of the text (the
    /// introduction), which a small window has no room for beside the question.
    pub show_intro: bool,
}

impl Checklist {
    pub fn new(content: &Content) -> Checklist {
        let signs = &content.red_flags.signs;
        let mut order: Vec<usize> = (0..signs.len()).collect();
        order.sort_by_key(|&i| (signs[i].urgency, i));
        Checklist {
            answers: vec![None; signs.len()],
            order,
            cursor: 0,
            result: None,
            note: None,
            show_intro: false,
        }
    }

    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }

    /// The sign under the cursor.
    pub fn current(&self) -> usize {
        self.order[self.cursor.min(self.order.len().saturating_sub(1))]
    }

    fn first_unanswered(&self) -> Option<usize> {
        self.order.iter().position(|&i| self.answers[i].is_none())
    }

    fn answer(&mut self, content: &Content, yes: bool, advance: bool) -> Action {
        if self.order.is_empty() {
            return Action::Nothing;
        }
        let i = self.current();
        self.answers[i] = Some(yes);
        self.note = None;
        self.show_intro = false;
        if let Some(outcome) = Outcome::of(content, &self.answers) {
            self.result = Some(outcome.clone());
            return Action::Answered {
                sign: i,
                yes,
                done: Some(outcome),
            };
        }
        if advance {
            // On to the next unanswered question after this one, else the first one.
            let after = (self.cursor + 1..self.order.len())
                .find(|&c| self.answers[self.order[c]].is_none());
            if let Some(c) = after.or_else(|| self.first_unanswered()) {
                self.cursor = c;
            }
        }
        Action::Answered {
            sign: i,
            yes,
            done: None,
        }
    }

    /// Whether an emergency sign is answered yes: the result may be shown at once.
    pub fn emergency_yes(&self, content: &Content) -> bool {
        self.answers
            .iter()
            .zip(&content.red_flags.signs)
            .any(|(a, s)| *a == Some(true) && s.urgency == Urgency::Emergency)
    }

    pub fn on_key(&mut self, content: &Content, key: Key) -> Action {
        if let Some(result) = &self.result {
            return match key {
                Key::Char('r') => {
                    *self = Checklist::new(content);
                    Action::Restarted
                }
                // Back to the questions left, after an early emergency result.
                Key::Char('c') if !result.complete => {
                    self.result = None;
                    if let Some(c) = self.first_unanswered() {
                        self.cursor = c;
                    }
                    Action::Changed
                }
                Key::Enter | Key::Esc | Key::Char('q') | Key::Char('!') | Key::Char(' ') => {
                    Action::Close
                }
                _ => Action::Nothing,
            };
        }
        let last = self.order.len().saturating_sub(1);
        match key {
            // The answer keys are the language's: y and n in English, s and n in Spanish.
            // They come before j and k, so a language may answer with them (j for "ja").
            Key::Char(c) if content.words.answer(c).is_some() => {
                let yes = content.words.answer(c) == Some(true);
                self.answer(content, yes, true)
            }
            Key::Up | Key::Char('k') if self.cursor == 0 => {
                if self.show_intro {
                    return Action::Nothing;
                }
                self.show_intro = true;
                Action::Changed
            }
            Key::Up | Key::Char('k') => {
                self.cursor -= 1;
                Action::Changed
            }
            // Down from the introduction comes back to the first question first.
            Key::Down | Key::Char('j') if self.show_intro => {
                self.show_intro = false;
                Action::Changed
            }
            Key::Down | Key::Char('j') => {
                self.cursor = (self.cursor + 1).min(last);
                Action::Changed
            }
            Key::Home => {
                self.cursor = 0;
                self.show_intro = false;
                Action::Changed
            }
            Key::End => {
                self.cursor = last;
                self.show_intro = false;
                Action::Changed
            }
            Key::Char(' ') => {
                let yes = self.answers.get(self.current()).copied().flatten() != Some(true);
                self.answer(content, yes, false)
            }
            Key::Enter => match self.first_unanswered() {
                None => match Outcome::of(content, &self.answers) {
                    Some(o) => {
                        self.result = Some(o.clone());
                        Action::Finished(o)
                    }
                    None => Action::Nothing,
                },
                // After an emergency yes the rest is optional: the result at once.
                Some(_) if self.emergency_yes(content) => {
                    let o = Outcome::so_far(content, &self.answers);
                    self.result = Some(o.clone());
                    Action::Finished(o)
                }
                Some(c) => {
                    let left = self.order.len() - self.answered();
                    self.cursor = c;
                    self.note = Some(crate::trn!(content.words, "checklist.left", left));
                    Action::Changed
                }
            },
            Key::Esc | Key::Char('q') => Action::Close,
            _ => Action::Nothing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::StepLimit;

    fn content() -> Content {
        Content::embedded()
    }

    fn id_of(c: &Content, sign: usize) -> &str {
        &c.red_flags.signs[sign].id
    }

    #[test]
    fn asks_emergency_signs_first() {
        let c = content();
        let l = Checklist::new(&c);
        let urgencies: Vec<_> = l
            .order
            .iter()
            .map(|&i| c.red_flags.signs[i].urgency)
            .collect();
        let mut sorted = urgencies.clone();
        sorted.sort();
        assert_eq!(urgencies, sorted);
        assert_eq!(urgencies[0], Urgency::Emergency);
    }

    #[test]
    fn all_no_gives_none() {
        let c = content();
        let mut l = Checklist::new(&c);
        let n = l.order.len();
        for i in 0..n - 1 {
            let sign = l.current();
            assert_eq!(
                l.on_key(&c, Key::Char('n')),
                Action::Answered {
                    sign,
                    yes: false,
                    done: None
                },
                "question {i}"
            );
        }
        let Action::Answered { done: Some(o), .. } = l.on_key(&c, Key::Char('n')) else {
            panic!("expected a result")
        };
        assert!(o.complete);
        assert_eq!(o.urgency, None);
        assert!(o.signs.is_empty());
        assert_eq!(l.on_key(&c, Key::Enter), Action::Close);
    }

    /// Answers each question once, in the order asked: yes to the given ids, no to the
    /// rest. One key per question, so the result comes after exactly that many.
    fn answer_with_yes_at(c: &Content, yes_ids: &[&str]) -> Outcome {
        let mut l = Checklist::new(c);
        let mut limit = StepLimit::new(l.order.len(), "the checklist to give its result");
        loop {
            limit.step();
            let id = id_of(c, l.current()).to_string();
            let key = if yes_ids.contains(&id.as_str()) {
                'y'
            } else {
                'n'
            };
            if let Action::Answered { done: Some(o), .. } = l.on_key(c, Key::Char(key)) {
                return o;
            }
        }
    }

    #[test]
    fn most_urgent_yes_wins() {
        let c = content();
        let o = answer_with_yes_at(&c, &["not-improving"]);
        assert_eq!(o.urgency, Some(Urgency::Soon));
        let o = answer_with_yes_at(&c, &["not-improving", "fever"]);
        assert_eq!(o.urgency, Some(Urgency::Today));
        assert_eq!(o.all_yes.len(), 2);
        let o = answer_with_yes_at(&c, &["not-improving", "fever", "bladder"]);
        assert_eq!(o.urgency, Some(Urgency::Emergency));
        assert_eq!(id_of(&c, o.signs[0]), "bladder");
    }

    #[test]
    fn after_an_emergency_yes_the_rest_is_optional() {
        let c = content();
        let mut l = Checklist::new(&c);
        l.on_key(&c, Key::Char('n'));
        l.on_key(&c, Key::Char('y'));
        assert!(l.emergency_yes(&c));
        let Action::Finished(o) = l.on_key(&c, Key::Enter) else {
            panic!("expected the result at once")
        };
        assert_eq!(o.urgency, Some(Urgency::Emergency));
        assert!(!o.complete);
        // c goes back to the questions left; r starts a new list.
        assert_eq!(l.on_key(&c, Key::Char('c')), Action::Changed);
        assert!(l.result.is_none());
        assert_eq!(l.cursor, 2);
        l.on_key(&c, Key::Enter);
        assert_eq!(l.on_key(&c, Key::Char('r')), Action::Restarted);
        assert_eq!(l, Checklist::new(&c));
    }

    #[test]
    fn enter_with_questions_left_goes_to_the_first_unanswered() {
        let c = content();
        let mut l = Checklist::new(&c);
        l.on_key(&c, Key::Char('n'));
        l.on_key(&c, Key::Char('n'));
        l.on_key(&c, Key::Down);
        assert_eq!(l.on_key(&c, Key::Enter), Action::Changed);
        assert_eq!(l.cursor, 2);
        assert!(l.note.as_deref().unwrap().contains("still to answer"));
        assert!(l.result.is_none());
    }

    #[test]
    fn space_toggles_without_moving() {
        let c = content();
        let mut l = Checklist::new(&c);
        l.on_key(&c, Key::Char(' '));
        assert_eq!(l.answers[l.current()], Some(true));
        l.on_key(&c, Key::Char(' '));
        assert_eq!(l.answers[l.current()], Some(false));
        assert_eq!(l.cursor, 0);
    }

    #[test]
    fn answering_again_resets() {
        let c = content();
        let mut l = Checklist::new(&c);
        for _ in 0..l.order.len() {
            l.on_key(&c, Key::Char('y'));
        }
        assert!(l.result.is_some());
        l.on_key(&c, Key::Char('r'));
        assert_eq!(l, Checklist::new(&c));
    }

    #[test]
    fn moving_and_leaving() {
        let c = content();
        let mut l = Checklist::new(&c);
        l.on_key(&c, Key::Up);
        assert_eq!(l.cursor, 0);
        l.on_key(&c, Key::End);
        assert_eq!(l.cursor, l.order.len() - 1);
        l.on_key(&c, Key::Char('j'));
        assert_eq!(l.cursor, l.order.len() - 1);
        l.on_key(&c, Key::Home);
        l.on_key(&c, Key::Char('j'));
        assert_eq!(l.cursor, 1);
        assert_eq!(l.on_key(&c, Key::Char('x')), Action::Nothing);
        assert_eq!(l.on_key(&c, Key::Esc), Action::Close);
    }

    #[test]
    fn up_and_k_move_up_from_below_the_first_question() {
        let c = content();
        let mut l = Checklist::new(&c);
        let last = l.order.len() - 1;
        l.on_key(&c, Key::End);
        assert_eq!(l.on_key(&c, Key::Up), Action::Changed);
        assert_eq!(l.cursor, last - 1);
        assert_eq!(l.current(), l.order[last - 1]);
        assert_eq!(l.on_key(&c, Key::Char('k')), Action::Changed);
        assert_eq!(l.cursor, last - 2);
        // Up and answer: the answer goes to the question moved to.
        l.on_key(&c, Key::Home);
        l.on_key(&c, Key::Char('j'));
        l.on_key(&c, Key::Char('j'));
        l.on_key(&c, Key::Char('k'));
        let asked = l.current();
        assert_eq!(asked, l.order[1]);
        l.on_key(&c, Key::Char('y'));
        assert_eq!(l.answers[asked], Some(true));
        assert_eq!(l.answered(), 1);
        // On to the next question after it, though the first is still open.
        assert_eq!(l.cursor, 2);
        // k at the top stays there, showing the introduction above the first question;
        // a second k changes nothing, and j comes back to the first question.
        l.on_key(&c, Key::Home);
        assert_eq!(l.on_key(&c, Key::Char('k')), Action::Changed);
        assert_eq!(l.cursor, 0);
        assert!(l.show_intro);
        assert_eq!(l.on_key(&c, Key::Char('k')), Action::Nothing);
        assert_eq!(l.on_key(&c, Key::Char('j')), Action::Changed);
        assert_eq!((l.cursor, l.show_intro), (0, false));
        // An answer given from there goes to the first question.
        l.on_key(&c, Key::Up);
        l.on_key(&c, Key::Char('n'));
        assert_eq!(l.answers[l.order[0]], Some(false));
        assert!(!l.show_intro);
    }

    #[test]
    fn enter_says_how_many_questions_are_left() {
        let c = content();
        let mut l = Checklist::new(&c);
        let n = l.order.len();
        assert!(n > 3, "the list is long enough to count down");
        l.on_key(&c, Key::Enter);
        assert_eq!(
            l.note.as_deref(),
            Some(format!("{n} questions still to answer").as_str())
        );
        l.on_key(&c, Key::Char('n'));
        assert_eq!(l.note, None, "an answer clears the note");
        l.on_key(&c, Key::Char('n'));
        l.on_key(&c, Key::Enter);
        assert_eq!(
            l.note.as_deref(),
            Some(format!("{} questions still to answer", n - 2).as_str())
        );
        // All but the last: singular, and the cursor goes to the one left.
        for _ in 0..n - 3 {
            l.on_key(&c, Key::Char('n'));
        }
        assert_eq!(l.answered(), n - 1);
        l.on_key(&c, Key::Home);
        assert_eq!(l.on_key(&c, Key::Enter), Action::Changed);
        assert_eq!(l.note.as_deref(), Some("1 question still to answer"));
        assert_eq!(l.cursor, n - 1);
        assert_eq!(l.answers[l.current()], None);
        assert!(l.result.is_none());
    }
}

/// The words of a result, the same in the full-screen app and in `flags --check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub urgency: Option<Urgency>,
    /// "EMERGENCY: get help now", or "No warning signs".
    pub heading: String,
    /// What to do.
    pub action: String,
    /// "Because you answered yes to: ..."
    pub because: Option<String>,
    /// Other signs answered yes, at lower levels.
    pub also: Option<String>,
    /// For "today" and "soon": the clinic that prescribed the exercises, with its number,
    /// shown after (never instead of) what to do.
    pub clinic: Option<String>,
}

pub fn verdict(content: &Content, o: &Outcome) -> Verdict {
    let rf = &content.red_flags;
    let names = |ids: &[usize]| -> String {
        ids.iter()
            .map(|&i| rf.signs[i].short.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    match o.urgency {
        Some(u) => {
            let level = rf.level(u);
            let others: Vec<usize> = o
                .all_yes
                .iter()
                .copied()
                .filter(|i| !o.signs.contains(i))
                .collect();
            Verdict {
                urgency: Some(u),
                heading: level.map(|l| l.title.clone()).unwrap_or_default(),
                action: level.map(|l| l.action.clone()).unwrap_or_default(),
                because: Some(crate::tr!(
                    content.words,
                    "result.because",
                    signs = names(&o.signs)
                )),
                also: (!others.is_empty())
                    .then(|| crate::tr!(content.words, "result.also", signs = names(&others))),
                clinic: matches!(u, Urgency::Today | Urgency::Soon)
                    .then(|| content.clinic_line())
                    .flatten(),
            }
        }
        None => Verdict {
            urgency: None,
            heading: crate::tr!(content.words, "result.none_heading"),
            action: rf.none.clone(),
            because: None,
            also: None,
            clinic: None,
        },
    }
}

#[cfg(test)]
mod verdict_tests {
    use super::*;

    #[test]
    fn emergency_verdict_names_the_sign_and_the_numbers() {
        let c = Content::embedded();
        let i = c
            .red_flags
            .signs
            .iter()
            .position(|s| s.id == "bowel")
            .unwrap();
        let mut answers = vec![Some(false); c.red_flags.signs.len()];
        answers[i] = Some(true);
        let v = verdict(&c, &Outcome::of(&c, &answers).unwrap());
        assert_eq!(v.urgency, Some(Urgency::Emergency));
        assert!(v.action.contains("911, 999 or 112"), "{}", v.action);
        assert!(v.action.contains("emergency department"));
        assert!(v.because.unwrap().contains("bowel"));
        assert_eq!(v.also, None);
    }

    #[test]
    fn none_verdict_is_calm() {
        let c = Content::embedded();
        let answers = vec![Some(false); c.red_flags.signs.len()];
        let v = verdict(&c, &Outcome::of(&c, &answers).unwrap());
        assert_eq!(v.urgency, None);
        assert!(v.action.contains("check") || v.action.contains("list again"));
    }
}
