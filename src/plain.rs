//! Plain output for the subcommands that print: list, show, flags, validate.
//! No escape codes unless stdout is a terminal and colour is allowed.

use crate::content::{Content, HoldKind, Stretch, Urgency};
use std::fmt::Write as _;

/// Whether to colour output, decided once.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    pub fn bold(self, s: &str) -> String {
        self.wrap(s, "1")
    }
    pub fn dim(self, s: &str) -> String {
        self.wrap(s, "2")
    }
    pub fn alarm(self, s: &str) -> String {
        self.wrap(s, "1;97;41")
    }
    pub fn warn(self, s: &str) -> String {
        self.wrap(s, "1;33")
    }
    fn wrap(self, s: &str, code: &str) -> String {
        let s = crate::text::clean(s);
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Word-wraps `text` to `width` display columns (a CJK character or an emoji counts two),
/// each line after the first indented by `indent`. Control characters are made visible.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    let indent_w = crate::text::width(indent);
    for word in text.split_whitespace() {
        let word = crate::text::clean(word);
        let w = crate::text::width(&word);
        if w > width.saturating_sub(indent_w) {
            // Wider than a whole line (CJK has no spaces to break at): broken by columns.
            let mut fresh = col == 0;
            if !fresh && col + 3 > width {
                out.push('\n');
                out.push_str(indent);
                col = indent_w;
                fresh = true;
            } else if !fresh {
                out.push(' ');
                col += 1;
            }
            for ch in word.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
                if !fresh && col + cw > width {
                    out.push('\n');
                    out.push_str(indent);
                    col = indent_w;
                }
                out.push(ch);
                col += cw;
                fresh = false;
            }
            continue;
        }
        if col > 0 && col + 1 + w > width {
            out.push('\n');
            out.push_str(indent);
            col = indent_w;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(&word);
        col += w;
    }
    out
}

const WIDTH: usize = 78;

/// "1 stretch", "2 stretches".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn list(c: &Content, p: Paint) -> String {
    let w = &c.words;
    let mut o = String::new();
    o.push_str(&p.bold(w.t("list.stretches")));
    o.push('\n');
    let row = |s: &Stretch| {
        [
            s.id.clone(),
            s.name.clone(),
            s.position.label(w),
            holds_summary(c, s),
        ]
    };
    let head: [&str; 4] = [
        w.t("list.col_id"),
        w.t("list.col_name"),
        w.t("list.col_position"),
        w.t("list.col_holds"),
    ];
    if c.has_stretch_doses() {
        // A prescription's own doses, one per stretch.
        let rows: Vec<[String; 5]> = c
            .stretches
            .iter()
            .map(|s| {
                let [id, name, position, holds] = row(s);
                [id, name, position, holds, short_dose(c, s)]
            })
            .collect();
        let [a, b, d, e] = head;
        table(&mut o, p, [a, b, d, e, w.t("list.col_dose")], &rows);
    } else {
        let rows: Vec<[String; 4]> = c.stretches.iter().map(row).collect();
        table(&mut o, p, head, &rows);
    }
    o.push('\n');
    o.push_str(&p.bold(w.t("list.routines")));
    o.push('\n');
    let rows: Vec<[String; 3]> = c
        .routines
        .iter()
        .map(|r| [r.id.clone(), r.name.clone(), r.stretches.join(", ")])
        .collect();
    table(
        &mut o,
        p,
        [
            w.t("list.col_id"),
            w.t("list.col_name"),
            w.t("list.col_stretches"),
        ],
        &rows,
    );
    if c.stretches.iter().any(|s| s.dose.is_none()) {
        let hold = c.hold_words(None);
        let reps = c.reps_words(None);
        let line = if c.has_stretch_doses() {
            crate::tr!(w, "list.dose_others", hold = hold, reps = reps)
        } else {
            crate::tr!(w, "list.dose", hold = hold, reps = reps)
        };
        let _ = writeln!(o, "\n{line}");
    } else {
        o.push('\n');
    }
    let _ = writeln!(o, "{}", w.t("list.how"));
    o
}

/// "15 s x 3" for a stretch's fixed dose, "10-30 s x 2-4" for a chosen one.
fn short_dose(c: &Content, s: &Stretch) -> String {
    let d = &c.dose;
    let hold = c.fixed_hold(s).map_or(
        format!("{}-{} s", d.hold_seconds.min, d.hold_seconds.max),
        |h| format!("{h} s"),
    );
    let reps = c.fixed_reps(s).map_or(
        format!("{}-{}", d.repetitions.min, d.repetitions.max),
        |r| r.to_string(),
    );
    format!("{hold} x {reps}")
}

fn holds_summary(c: &Content, s: &Stretch) -> String {
    match s.hold_kind {
        HoldKind::Single => 1.to_string(),
        _ => {
            let names: Vec<String> = s.holds.iter().map(|h| h.name.to_lowercase()).collect();
            let names = names.join(c.words.t("list.then"));
            crate::tr!(c.words, "list.holds", n = s.holds.len(), names = names)
        }
    }
}

/// Columns aligned by display width; cells from a file have control characters made
/// visible.
fn table<const N: usize>(o: &mut String, p: Paint, head: [&str; N], rows: &[[String; N]]) {
    use crate::text::{clean, width};
    let rows: Vec<[String; N]> = rows
        .iter()
        .map(|r| r.each_ref().map(|c| clean(c).into_owned()))
        .collect();
    let mut widths = head.map(width);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[&str]| {
        let mut l = String::from("  ");
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            l.push_str(cell);
            if i + 1 < N {
                l.push_str(&" ".repeat(w - width(cell) + 2));
            }
        }
        l
    };
    o.push_str(&p.dim(&line(&head)));
    o.push('\n');
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        o.push_str(&line(&cells));
        o.push('\n');
    }
}

pub fn show(c: &Content, s: &Stretch, p: Paint) -> String {
    let w = &c.words;
    let mut o = String::new();
    let _ = writeln!(o, "{}  ({})", p.bold(&s.name), crate::text::clean(&s.id));
    let position = crate::tr!(
        w,
        "show.position",
        position = s.position.label(w),
        place = s.place
    );
    let _ = writeln!(o, "{}", wrap(&position, WIDTH, ""));
    let why = crate::tr!(w, "show.why", purpose = s.purpose);
    let _ = writeln!(o, "{}", wrap(&why, WIDTH, ""));
    let _ = writeln!(o, "\n{}", p.bold(w.t("show.setup")));
    for (i, step) in s.setup.iter().enumerate() {
        let _ = writeln!(o, "  {}. {}", i + 1, wrap(step, WIDTH - 5, "     "));
    }
    let heading = match s.hold_kind {
        HoldKind::Single => w.t("show.stretch"),
        HoldKind::Sides => w.t("show.stretch_sides"),
        HoldKind::Phases => w.t("show.stretch_phases"),
    };
    let _ = writeln!(o, "\n{}", p.bold(heading));
    for h in &s.holds {
        if h.name.is_empty() {
            let _ = writeln!(o, "  {}", wrap(&h.how, WIDTH - 2, "  "));
        } else {
            let _ = writeln!(
                o,
                "  {}",
                wrap(
                    &crate::tr!(w, "show.hold", name = h.name, how = h.how),
                    WIDTH - 2,
                    "  "
                )
            );
        }
    }
    if let Some(v) = &s.variation {
        let _ = writeln!(o, "\n{}", p.bold(w.t("show.variation")));
        let _ = writeln!(o, "  {}", wrap(v, WIDTH - 2, "  "));
    }
    let _ = writeln!(o, "\n{}", p.bold(w.t("show.how_long")));
    let (hold, reps) = (c.hold_words(Some(s)), c.reps_words(Some(s)));
    let mut how_long = match s.hold_kind {
        HoldKind::Single => crate::tr!(w, "show.dose", hold = hold, reps = reps),
        HoldKind::Sides => crate::tr!(w, "show.dose_sides", hold = hold, reps = reps),
        HoldKind::Phases => crate::tr!(w, "show.dose_phases", hold = hold, reps = reps),
    };
    if s.dose.is_some() {
        how_long.push(' ');
        how_long.push_str(w.t("show.prescribed"));
    }
    let _ = writeln!(o, "  {}", wrap(&how_long, WIDTH - 2, "  "));
    let _ = writeln!(o, "\n{}", p.bold(w.t("show.care")));
    let _ = writeln!(o, "  {}", wrap(&s.caution, WIDTH - 2, "  "));
    let _ = writeln!(o, "  {}", wrap(&c.guidance.tight_not_pain, WIDTH - 2, "  "));
    o
}

/// The "no stretch" message for an unknown id.
pub fn unknown_stretch(c: &Content, id: &str) -> String {
    use crate::text::clean;
    let w = &c.words;
    let mut o = format!("{}\n", crate::tr!(w, "show.no_stretch", id = clean(id)));
    if let Some(best) = c.closest_id(id, false) {
        let _ = writeln!(
            o,
            "{}",
            crate::tr!(w, "show.did_you_mean", id = clean(best))
        );
    }
    let ids: Vec<&str> = c.stretches.iter().map(|s| s.id.as_str()).collect();
    let _ = writeln!(
        o,
        "{}",
        crate::tr!(w, "show.stretch_ids", ids = clean(&ids.join(", ")))
    );
    o
}

pub fn flags(c: &Content, p: Paint) -> String {
    let rf = &c.red_flags;
    let mut o = String::new();
    let _ = writeln!(o, "{}", p.bold(c.words.t("flags.title")));
    let _ = writeln!(o, "{}\n", wrap(&rf.intro, WIDTH, ""));
    for u in Urgency::ALL {
        let Some(level) = rf.level(u) else { continue };
        let title = level_title(level.title.as_str(), u, p);
        let _ = writeln!(o, "{title}");
        let _ = writeln!(o, "  {}", wrap(&level.action, WIDTH - 2, "  "));
        for s in rf.signs.iter().filter(|s| s.urgency == u) {
            let q = match &s.note {
                Some(n) => format!("{} ({n})", s.question),
                None => s.question.clone(),
            };
            let _ = writeln!(o, "  - {}", wrap(&q, WIDTH - 4, "    "));
        }
        o.push('\n');
    }
    if let Some(clinic) = c.clinic_line() {
        let _ = writeln!(o, "{}\n", wrap(&clinic, WIDTH, ""));
    }
    let _ = writeln!(o, "{}", wrap(&c.disclaimer, WIDTH, ""));
    o
}

pub fn level_title(title: &str, u: Urgency, p: Paint) -> String {
    match u {
        // Padded only where the reverse video shows it; plain text has no stray spaces.
        Urgency::Emergency if p.on => p.alarm(&format!(" {title} ")),
        Urgency::Emergency => p.alarm(title),
        Urgency::Today => p.warn(title),
        Urgency::Soon => p.bold(title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_wider_than_the_line_is_broken_by_columns() {
        // CJK text has no spaces to break at.
        let cjk = "腰の筋肉をゆっくり伸ばします。".repeat(4);
        let w = wrap(&format!("Why: {cjk} ok"), 20, "  ");
        for line in w.lines() {
            assert!(crate::text::width(line) <= 20, "{line:?} in {w}");
        }
        let joined: String = w.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, format!("Why:{cjk}ok"));
    }

    #[test]
    fn wrap_respects_width() {
        let w = wrap("one two three four five six seven", 10, "  ");
        for line in w.lines() {
            assert!(line.chars().count() <= 10, "{line:?}");
        }
        assert_eq!(w, "one two\n  three\n  four\n  five six\n  seven");
    }

    #[test]
    fn paint_off_writes_no_escapes() {
        let p = Paint { on: false };
        let c = Content::embedded();
        for text in [list(&c, p), flags(&c, p), show(&c, &c.stretches[0], p)] {
            assert!(!text.contains('\x1b'));
        }
    }

    /// Content as a file could hold it if validation were bypassed: every output path
    /// still makes the control characters visible.
    #[test]
    fn control_characters_from_content_never_reach_the_terminal() {
        let mut c = Content::embedded();
        let evil = "x\x1b]0;pwned\x07\x1b[2J\u{9b}y";
        c.stretches[0].id = evil.into();
        c.stretches[0].name = evil.into();
        c.stretches[0].setup[0] = evil.into();
        c.stretches[0].holds[0].name = evil.into();
        c.routines[0].name = evil.into();
        c.red_flags.levels[0].title = evil.into();
        c.red_flags.signs[0].question = evil.into();
        c.disclaimer = evil.into();
        let p = Paint { on: false };
        let mut checked = Vec::new();
        let input = "n\n".repeat(c.red_flags.signs.len());
        check(
            &c,
            &mut input.as_bytes(),
            &mut checked,
            p,
            true,
            &mut |_| {},
            true,
        )
        .unwrap();
        for text in [
            list(&c, p),
            flags(&c, p),
            show(&c, &c.stretches[0], p),
            unknown_stretch(&c, evil),
            String::from_utf8(checked).unwrap(),
        ] {
            assert!(
                !text.chars().any(|ch| ch != '\n' && ch.is_control()),
                "{text:?}"
            );
            assert!(text.contains("x^[]0;pwned^G^[[2J<U+009B>y"), "{text}");
        }
    }

    #[test]
    fn wide_text_wraps_by_columns_and_aligns() {
        let text = "背中を ゆっくり 伸ばします 🙂🙂 呼吸を 止めずに 続けます ".repeat(4);
        let w = wrap(&text, 20, "  ");
        for line in w.lines() {
            assert!(crate::text::width(line) <= 20, "{line:?}");
        }
        let mut c = Content::embedded();
        c.stretches[0].name = "膝を胸に 🙂".into();
        let out = list(&c, Paint { on: false });
        // POSITION starts in the same display column on the header and every row.
        let cols: Vec<usize> = out
            .lines()
            .skip(1)
            .take(1 + c.stretches.len())
            .map(|l| {
                let at = ["POSITION", "lying", "kneeling", "on all fours", "seated"]
                    .iter()
                    .filter_map(|w| l.find(&format!("  {w}  ")))
                    .min()
                    .unwrap();
                crate::text::width(&l[..at])
            })
            .collect();
        assert!(cols.windows(2).all(|w| w[0] == w[1]), "{cols:?}\n{out}");
    }

    #[test]
    fn paint_on_colours_the_emergency_title() {
        let c = Content::embedded();
        let text = flags(&c, Paint { on: true });
        assert!(text.contains("\x1b[1;97;41m EMERGENCY"));
    }
}

/// `flags --check`: every question as a plain prompt, answered y or n on its own line.
/// Returns the outcome, or `None` when input ended first.
/// The checklist as plain prompts. Each answer is handed to `keep` the moment it is given
/// (and the whole list too, once every question is answered), so an early end loses
/// nothing. Returns the result of the answers given, complete or not (`None` when no
/// question was answered). With `echo` (input that is not a terminal, so the answer is
/// not shown as typed), each answer is written after its question, ending its line.
pub fn check(
    c: &Content,
    input: &mut dyn std::io::BufRead,
    out: &mut dyn std::io::Write,
    p: Paint,
    echo: bool,
    keep: &mut dyn FnMut(crate::safety::What),
    saving: bool,
) -> std::io::Result<Option<crate::checklist::Outcome>> {
    use crate::checklist::{Checklist, Outcome, verdict};
    use crate::safety::{CheckResult, What, Yes};
    let rf = &c.red_flags;
    let order = Checklist::new(c).order;
    let mut answers: Vec<Option<bool>> = vec![None; rf.signs.len()];
    let w = &c.words;
    let (yes, no) = (w.yes_key(), w.no_key());
    writeln!(out, "{}", p.bold(w.t("flags.title")))?;
    writeln!(out, "{}", wrap(&rf.intro, WIDTH, ""))?;
    writeln!(
        out,
        "{} {}",
        crate::tr!(w, "flags.how", yes = yes, no = no),
        if saving {
            w.t("flags.kept")
        } else {
            w.t("flags.not_saved")
        }
    )?;
    let mut last = None;
    let mut stopped = false;
    'questions: for (n, &i) in order.iter().enumerate() {
        let sign = &rf.signs[i];
        if last != Some(sign.urgency) {
            last = Some(sign.urgency);
            if let Some(level) = rf.level(sign.urgency) {
                writeln!(out, "\n{}", level_title(&level.title, sign.urgency, p))?;
            }
        }
        if let Some(note) = &sign.note {
            writeln!(out, "{}", p.dim(&wrap(&format!("({note})"), WIDTH, "")))?;
        }
        loop {
            write!(
                out,
                "{}/{}. {} [{yes}/{no}] ",
                n + 1,
                order.len(),
                wrap(&sign.question, WIDTH - 8, "  ")
            )?;
            out.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                writeln!(out)?;
                stopped = true;
                break 'questions;
            }
            if echo {
                writeln!(out, "{}", crate::content::shown(line.trim()))?;
            }
            // The language's answers (s or n in Spanish); q or the stop words end early.
            let said = line.trim().to_lowercase();
            let yes = match w.answer_line(&said) {
                Some(yes) => yes,
                None if said == "q" || said == w.t("word.stop") || said == w.t("word.quit") => {
                    stopped = true;
                    break 'questions;
                }
                None => {
                    writeln!(out, "{}", crate::tr!(w, "flags.again", yes = yes, no = no))?;
                    continue;
                }
            };
            answers[i] = Some(yes);
            keep(What::Answer {
                sign: sign.id.clone(),
                level: sign.urgency,
                question: sign.question.clone(),
                yes,
            });
            // An emergency sign: what to do, at once; the other questions are optional.
            if yes
                && sign.urgency == Urgency::Emergency
                && let Some(level) = rf.level(Urgency::Emergency)
            {
                writeln!(
                    out,
                    "{} {}",
                    p.alarm(&format!(" {} ", w.t("emergency.banner"))),
                    wrap(&level.action, WIDTH - 18, "")
                )?;
                writeln!(out, "{}", w.t("flags.can_stop"))?;
            }
            break;
        }
    }
    let outcome = Outcome::so_far(c, &answers);
    if outcome.complete {
        keep(What::Complete {
            result: CheckResult::from_urgency(outcome.urgency),
            yes: outcome
                .all_yes
                .iter()
                .map(|&i| Yes {
                    sign: rf.signs[i].id.clone(),
                    level: rf.signs[i].urgency,
                })
                .collect(),
            quick: false,
        });
    }
    if stopped {
        let given = answers.iter().filter(|a| a.is_some()).count();
        if given == 0 {
            writeln!(out, "{}", w.t("flags.stopped_none"))?;
        } else {
            let line = if saving {
                crate::tr!(w, "flags.stopped", given = given, total = order.len())
            } else {
                crate::tr!(
                    w,
                    "flags.stopped_unsaved",
                    given = given,
                    total = order.len()
                )
            };
            writeln!(out, "{line}")?;
        }
        if outcome.urgency.is_none() {
            writeln!(out, "{}", crate::trn!(w, "flags.no_result", order.len()))?;
            return Ok((given > 0).then_some(outcome));
        }
    }
    let v = verdict(c, &outcome);
    writeln!(out)?;
    match v.urgency {
        Some(Urgency::Emergency) => {
            writeln!(
                out,
                "{}",
                p.alarm(&format!(" {} ", w.t("emergency.banner")))
            )?;
        }
        Some(u) => writeln!(out, "{}", level_title(&v.heading.to_uppercase(), u, p))?,
        None => writeln!(out, "{}", p.bold(w.t("result.none_plain")))?,
    }
    writeln!(out, "{}", wrap(&v.action, WIDTH, ""))?;
    if let Some(b) = &v.because {
        writeln!(out, "{}", wrap(b, WIDTH, ""))?;
    }
    if let Some(a) = &v.also {
        writeln!(out, "{}", wrap(a, WIDTH, ""))?;
    }
    if let Some(clinic) = &v.clinic {
        writeln!(out, "{}", wrap(clinic, WIDTH, ""))?;
    }
    Ok(Some(outcome))
}

#[cfg(test)]
mod check_tests {
    use super::*;
    use crate::content::Urgency;

    #[test]
    fn piped_answers_end_each_question_line() {
        let c = Content::embedded();
        let n = c.red_flags.signs.len();
        let mut out = Vec::new();
        check(
            &c,
            &mut "n\n".repeat(n).as_bytes(),
            &mut out,
            Paint { on: false },
            true,
            &mut |_| {},
            true,
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        let asked: Vec<&str> = out.lines().filter(|l| l.contains("[y/n]")).collect();
        assert_eq!(asked.len(), n, "{out}");
        assert!(asked.iter().all(|l| l.ends_with("[y/n] n")), "{out}");
    }

    #[test]
    fn level_titles_have_no_padding_without_colour() {
        let c = Content::embedded();
        let out = flags(&c, Paint { on: false });
        let title = &c.red_flags.level(Urgency::Emergency).unwrap().title;
        assert!(out.lines().any(|l| l == title), "{out}");
        assert!(!out.contains(&format!(" {title} ")), "{out}");
        let painted = level_title(title, Urgency::Emergency, Paint { on: true });
        assert!(painted.contains(&format!(" {title} ")), "{painted}");
    }

    fn run(c: &Content, input: &str) -> (Option<Option<Urgency>>, String) {
        let mut out = Vec::new();
        let mut kept = Vec::new();
        let r = check(
            c,
            &mut input.as_bytes(),
            &mut out,
            Paint { on: false },
            true,
            &mut |w| kept.push(w),
            true,
        )
        .unwrap();
        // Every answer given was kept, and the whole list when complete.
        let given = input
            .lines()
            .take_while(|l| !matches!(l.trim(), "q" | "quit" | "stop"))
            .filter(|l| matches!(l.trim(), "y" | "yes" | "n" | "no"))
            .count()
            .min(c.red_flags.signs.len());
        let complete = r.as_ref().is_some_and(|o| o.complete);
        assert_eq!(kept.len(), given + usize::from(complete));
        let text = String::from_utf8(out).unwrap();
        // Words only: the wrapping may break a line anywhere.
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        (r.map(|o| o.urgency), words)
    }

    #[test]
    fn all_no_then_result() {
        let c = Content::embedded();
        let input = "n\n".repeat(c.red_flags.signs.len());
        let (r, out) = run(&c, &input);
        assert_eq!(r, Some(None));
        assert!(out.contains("None of the warning signs applies."), "{out}");
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn bad_answers_are_asked_again_and_an_early_end_keeps_the_answers() {
        let c = Content::embedded();
        // A yes to the first (emergency) question, then the input ends: the emergency
        // result stands.
        let (r, out) = run(&c, "maybe\nyes\n");
        assert_eq!(r, Some(Some(Urgency::Emergency)));
        assert!(out.contains("Please answer y or n"));
        let n = c.red_flags.signs.len();
        assert!(
            out.contains(&format!("1 of {n} answered, and kept")),
            "{out}"
        );
        assert!(out.contains("You can stop here"), "{out}");
        // Only no answers, then the end: no result.
        let (r, out) = run(&c, "n\nn\n");
        assert_eq!(r, Some(None));
        assert!(out.contains("No result"), "{out}");
        let (r, _) = run(&c, "");
        assert_eq!(r, None);
        // q stops at once, keeping a today answer given before.
        let emergencies = c
            .red_flags
            .signs
            .iter()
            .filter(|s| s.urgency == Urgency::Emergency)
            .count();
        let mut input = "n\n".repeat(emergencies);
        input.push_str("y\nq\n");
        let (r, out) = run(&c, &input);
        assert_eq!(r, Some(Some(Urgency::Today)));
        assert!(out.contains("SEE A DOCTOR TODAY"), "{out}");
    }

    #[test]
    fn first_question_yes_is_an_emergency() {
        let c = Content::embedded();
        let input = format!("y\n{}", "no\n".repeat(c.red_flags.signs.len() - 1));
        let (r, out) = run(&c, &input);
        assert_eq!(r, Some(Some(Urgency::Emergency)));
        assert!(out.contains("!! EMERGENCY !! Stop stretching."), "{out}");
        assert!(out.contains("911, 999 or 112"));
    }
}
