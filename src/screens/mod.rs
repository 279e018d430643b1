//! One home per screen and popup: the keys it takes, what each does, and the words that
//! name them in its footer and in the help, all from one table.
//!
//! Each module has a `keys` function that returns its table (a `Binding` per action) and a
//! `run` function that carries out an action. `on_key` routes a key to the screen or popup
//! on top and runs only what that table lists, so a key a footer names always does what
//! the table says, and a key the table does not list does nothing. `hints` gives the
//! footer and help words of the same table. Ctrl-C and Ctrl-Z act everywhere (`App`
//! handles them before a table is asked) and are listed in the help of every screen.
//!
//! To find what Esc does in the pain-stop box: `pain_stop.rs`, its table and its `run`.

pub mod checkin;
pub mod checklist;
pub mod confirm_end;
pub mod detail;
pub mod gate;
pub mod help;
pub mod history;
pub mod home;
pub mod manual;
pub mod notice;
pub mod pain_stop;
pub mod save_failed;
pub mod session;
pub mod settings;
pub mod spasm_start;
pub mod summary;

use crate::app::{App, Overlay, Screen};
use crate::keys::Key;
use std::time::Instant;

/// How one action is named: in the footer (short) and in the help (longer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The keys as shown: "Space", "↑↓", "0-9 x".
    pub label: &'static str,
    /// The footer's words: "pause".
    pub word: String,
    /// The words in a popup's own box, where there is room for more: "skip this stretch".
    pub long: String,
    /// The help's words: "pause, or go on".
    pub help: String,
    /// Footer priority, lower first (0 is essential); `None`: in the help only.
    pub footer: Option<u8>,
    /// Listed among a popup's keys in its box (not when the box's own words name it).
    pub boxed: bool,
}

/// One row of a table: the keys, how they are named, and the action they run.
#[derive(Debug, Clone)]
pub struct Binding<A> {
    pub keys: Vec<Key>,
    pub hint: Hint,
    pub act: A,
}

impl<A> Binding<A> {
    /// A row shown in the footer with priority `prio` (lower shows first).
    pub fn new(
        act: A,
        keys: &[Key],
        label: &'static str,
        word: impl Into<String>,
        prio: u8,
    ) -> Self {
        let word = word.into();
        Binding {
            keys: keys.to_vec(),
            hint: Hint {
                label,
                help: word.clone(),
                long: word.clone(),
                word,
                footer: Some(prio),
                boxed: true,
            },
            act,
        }
    }

    /// A row shown in the help only.
    pub fn help_only(act: A, keys: &[Key], label: &'static str, help: impl Into<String>) -> Self {
        let help = help.into();
        Binding {
            keys: keys.to_vec(),
            hint: Hint {
                label,
                word: help.clone(),
                long: help.clone(),
                help,
                footer: None,
                boxed: false,
            },
            act,
        }
    }

    /// The help's longer words for this row.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.hint.help = help.into();
        self
    }

    /// Not listed among a popup's keys: its box names it already.
    pub fn named_in_box(mut self) -> Self {
        self.hint.boxed = false;
        self
    }

    /// A popup box's longer words for this row (and the help's, unless given apart).
    pub fn boxed(mut self, long: impl Into<String>) -> Self {
        let long = long.into();
        if self.hint.help == self.hint.word {
            self.hint.help = long.clone();
        }
        self.hint.long = long;
        self
    }
}

/// Keys shared by many tables.
pub const UP_DOWN: [Key; 4] = [Key::Up, Key::Char('k'), Key::Down, Key::Char('j')];
pub const HELP: [Key; 1] = [Key::Char('?')];
pub const CHECKLIST: [Key; 1] = [Key::Char('!')];

/// Whether `key` moves up (or back) in an up/down or left/right pair.
pub fn is_up(key: Key) -> bool {
    matches!(
        key,
        Key::Up | Key::Char('k') | Key::Right | Key::Char('l') | Key::PageUp | Key::Home
    )
}

/// The row of `table` that answers `key`, if any.
fn find<A: Copy>(table: &[Binding<A>], key: Key) -> Option<A> {
    table.iter().find(|b| b.keys.contains(&key)).map(|b| b.act)
}

/// Runs `key` through `table`: its action if it has a row, else nothing.
fn dispatch<A: Copy>(
    app: &mut App,
    table: Vec<Binding<A>>,
    key: Key,
    now: Instant,
    run: fn(&mut App, A, Key, Instant) -> bool,
) -> bool {
    match find(&table, key) {
        Some(act) => run(app, act, key, now),
        None => false,
    }
}

/// Keys that act everywhere, outside every table, named in every help.
pub fn everywhere(w: &crate::lang::Words) -> Vec<Hint> {
    vec![
        Binding::help_only((), &[Key::CtrlZ], "Ctrl-Z", w.t("help.session_suspend")).hint,
        Binding::help_only((), &[Key::CtrlC], "Ctrl-C", w.t("k.quit_anywhere")).hint,
    ]
}

/// The screen or popup `view` (a popup, or the base screen when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Screen,
    Overlay(Overlay),
}

/// Every row of `view`'s table: its keys and how they are named, in table order.
pub fn rows_for(app: &App, view: View) -> Vec<(Vec<Key>, Hint)> {
    fn of<A>(table: Vec<Binding<A>>) -> Vec<(Vec<Key>, Hint)> {
        table.into_iter().map(|b| (b.keys, b.hint)).collect()
    }
    match view {
        View::Overlay(o) => match o {
            Overlay::Help => of(help::keys(app)),
            Overlay::Notice => of(notice::keys(app)),
            Overlay::ConfirmEnd => of(confirm_end::keys(app)),
            Overlay::PainStop => of(pain_stop::keys(app)),
            Overlay::Checklist => of(checklist::keys(app)),
            Overlay::Gate(g) => of(gate::keys(app, g)),
            Overlay::CheckIn(w) => of(checkin::keys(app, w)),
            Overlay::SpasmStart => of(spasm_start::keys(app)),
            Overlay::Settings => of(settings::keys(app)),
            Overlay::SaveFailed => of(save_failed::keys(app)),
        },
        View::Screen => match &app.screen {
            Screen::Home => of(home::keys(app)),
            Screen::Detail { .. } => of(detail::keys(app)),
            Screen::Session => of(session::keys(app)),
            Screen::Summary => of(summary::keys(app)),
            Screen::History => of(history::keys(app)),
        },
    }
}

/// Every key `view` takes, as it is named, in table order.
pub fn hints_for(app: &App, view: View) -> Vec<Hint> {
    rows_for(app, view).into_iter().map(|(_, h)| h).collect()
}

/// The view on top: the newest popup, else the screen.
pub fn top_view(app: &App) -> View {
    app.top().map_or(View::Screen, View::Overlay)
}

/// The keys of what is on top: the footer shows these, whatever is drawn underneath.
pub fn hints(app: &App) -> Vec<Hint> {
    hints_for(app, top_view(app))
}

/// The rows of the table on top (for tests that walk every screen).
#[cfg(test)]
pub fn rows(app: &App) -> Vec<(Vec<Key>, Hint)> {
    rows_for(app, top_view(app))
}

/// Routes a key to what is on top. Returns whether the screen changed.
pub fn on_key(app: &mut App, key: Key, now: Instant) -> bool {
    match top_view(app) {
        View::Overlay(o) => match o {
            Overlay::Help => dispatch(app, help::keys(app), key, now, help::run),
            Overlay::Notice => dispatch(app, notice::keys(app), key, now, notice::run),
            Overlay::ConfirmEnd => {
                dispatch(app, confirm_end::keys(app), key, now, confirm_end::run)
            }
            Overlay::PainStop => dispatch(app, pain_stop::keys(app), key, now, pain_stop::run),
            Overlay::Checklist => dispatch(app, checklist::keys(app), key, now, checklist::run),
            Overlay::Gate(g) => {
                let table = gate::keys(app, g);
                match find(&table, key) {
                    Some(act) => gate::run(app, g, act, now),
                    None => false,
                }
            }
            Overlay::CheckIn(w) => {
                let table = checkin::keys(app, w);
                match find(&table, key) {
                    Some(act) => checkin::run(app, w, act, key, now),
                    None => false,
                }
            }
            Overlay::SpasmStart => {
                dispatch(app, spasm_start::keys(app), key, now, spasm_start::run)
            }
            Overlay::Settings => dispatch(app, settings::keys(app), key, now, settings::run),
            Overlay::SaveFailed => {
                dispatch(app, save_failed::keys(app), key, now, save_failed::run)
            }
        },
        View::Screen => match app.screen.clone() {
            Screen::Home => dispatch(app, home::keys(app), key, now, home::run),
            Screen::Detail { .. } => dispatch(app, detail::keys(app), key, now, detail::run),
            Screen::Session => dispatch(app, session::keys(app), key, now, session::run),
            Screen::Summary => dispatch(app, summary::keys(app), key, now, summary::run),
            Screen::History => dispatch(app, history::keys(app), key, now, history::run),
        },
    }
}

/// The footer at `width`: which hints show, in table order, their words (shortened when
/// the essential ones would not fit otherwise), and whether "? more keys" must follow
/// because some did not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footer {
    pub shown: Vec<(&'static str, String)>,
    pub more: bool,
    /// "more keys", or "more" where the long words would push out an essential key.
    pub more_word: &'static str,
}

/// Cells a footer entry takes: the keys, a space, the words, two spaces.
fn entry_w(label: &str, word: &str) -> usize {
    label.chars().count() + 1 + word.chars().count() + 2
}

/// "? more keys", as the footer says it when some keys did not fit.
pub const MORE: (&str, &str) = ("?", "more keys");
/// Its short form, for the narrowest footers.
pub const MORE_SHORT: &str = "more";

/// Lays out a footer of `hints` in `width` cells (one cell of margin on the left).
pub fn footer(w: &crate::lang::Words, hints: &[Hint], width: u16) -> Footer {
    let rows: Vec<&Hint> = hints.iter().filter(|h| h.footer.is_some()).collect();
    let pick = |words: &dyn Fn(&Hint) -> String| -> Vec<bool> {
        // The last entry needs no gap after it.
        let total: usize = (1 + rows
            .iter()
            .map(|h| entry_w(h.label, &words(h)))
            .sum::<usize>())
        .saturating_sub(2);
        vec![total <= usize::from(width); rows.len()]
    };
    let full = |h: &Hint| h.word.clone();
    let short = |h: &Hint| short_word(w, &h.word).to_string();
    // Everything in full words, if it fits.
    let keep = pick(&full);
    if keep.iter().all(|k| *k) {
        return assemble(&rows, &keep, &full, false);
    }
    // Else shorter words; and when even that leaves keys out, room for "? more keys",
    // in place of "? help" (the same key).
    let keep = pick(&short);
    if keep.iter().all(|k| *k) {
        return assemble(&rows, &keep, &short, false);
    }
    let help_row = rows.iter().position(|h| h.label == "?");
    let rows_wo: Vec<&Hint> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != help_row)
        .map(|(_, h)| *h)
        .collect();
    let pick = |more: &str| {
        let mut order: Vec<usize> = (0..rows_wo.len()).collect();
        order.sort_by_key(|&i| rows_wo[i].footer);
        // "? more keys" comes last: no gap after it.
        let mut used = 1 + entry_w(MORE.0, more) - 2;
        let mut keep = vec![false; rows_wo.len()];
        for i in order {
            let w = entry_w(rows_wo[i].label, &short(rows_wo[i]));
            if used + w <= usize::from(width) {
                used += w;
                keep[i] = true;
            }
        }
        keep
    };
    let essential = |keep: &[bool]| {
        (0..rows_wo.len())
            .filter(|&i| keep[i] && rows_wo[i].footer == Some(0))
            .count()
    };
    // "? more" where "? more keys" would push out an essential key.
    let long = pick(MORE.1);
    let brief = pick(MORE_SHORT);
    let (keep, word) = if essential(&brief) > essential(&long) {
        (brief, MORE_SHORT)
    } else {
        (long, MORE.1)
    };
    let mut f = assemble(&rows_wo, &keep, &short, true);
    f.more_word = word;
    f
}

fn assemble(rows: &[&Hint], keep: &[bool], words: &dyn Fn(&Hint) -> String, more: bool) -> Footer {
    Footer {
        more_word: MORE.1,
        shown: rows
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(h, _)| (h.label, words(h)))
            .collect(),
        more,
    }
}

/// The short form of a footer word, for narrow screens.
pub fn short_word<'a>(w: &'a crate::lang::Words, d: &'a str) -> &'a str {
    w.short_of(d)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod footer_tests {
    use super::*;

    fn h(label: &'static str, word: &str, p: u8) -> Hint {
        Hint {
            label,
            word: word.into(),
            long: word.into(),
            help: word.into(),
            footer: Some(p),
            boxed: true,
        }
    }

    #[test]
    fn a_footer_that_fits_shows_everything_in_order() {
        let hs = [h("Enter", "start", 0), h("?", "help", 0), h("q", "quit", 1)];
        let f = footer(&crate::lang::Words::default(), &hs, 80);
        assert!(!f.more);
        assert_eq!(
            f.shown,
            vec![
                ("Enter", "start".into()),
                ("?", "help".into()),
                ("q", "quit".into())
            ]
        );
    }

    #[test]
    fn a_footer_that_does_not_fit_says_more_keys_in_place_of_help() {
        let hs = [
            h("Enter", "start", 0),
            h("!", "red flags", 0),
            h("?", "help", 0),
            h("s", "start ticked", 4),
            h("q", "quit", 1),
        ];
        let f = footer(&crate::lang::Words::default(), &hs, 36);
        assert!(f.more);
        assert!(f.shown.iter().all(|(l, _)| *l != "?"));
        assert!(f.shown.contains(&("Enter", "start".into())));
        assert!(f.shown.contains(&("!", "flags".into())));
        let used: usize =
            f.shown.iter().map(|(l, w)| entry_w(l, w)).sum::<usize>() + entry_w(MORE.0, MORE.1) + 1;
        assert!(used <= 36, "{used}");
    }

    #[test]
    fn help_only_rows_never_show_in_the_footer() {
        let mut hs = vec![h("Enter", "start", 0)];
        hs.push(Binding::help_only((), &[Key::Home], "Home", "first").hint);
        let f = footer(&crate::lang::Words::default(), &hs, 80);
        assert_eq!(f.shown.len(), 1);
        assert!(!f.more);
    }
}
