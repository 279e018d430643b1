//! Snapshots of every screen at 80x24 and 40x12 at a fixed time, and checks that hold at
//! any size.

use super::{MIN_H, MIN_W, draw};
use crate::app::tests::{answer_all, app, cleared_app, fixed_wall};
use crate::app::{App, Gate, Overlay, Screen};
use crate::content::Content;
use crate::keys::Key;
use crate::store::State;
use crate::testutil::StepLimit;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::time::{Duration, Instant};

pub fn render(app: &mut App, w: u16, h: u16, now: Instant) -> Buffer {
    app.resize(w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app, now)).unwrap();
    t.backend().buffer().clone()
}

pub fn text(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in 0..a.height {
        let mut line = String::new();
        for x in 0..a.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn screen(app: &mut App, w: u16, h: u16, now: Instant) -> String {
    text(&render(app, w, h, now))
}

/// Snapshots one state at both sizes.
fn snap(name: &str, app: &mut App, now: Instant) {
    // As the runner does: time first, then the frame.
    app.tick(now);
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24, now));
    insta::assert_snapshot!(format!("{name}_40x12"), screen(app, 40, 12, now));
}

fn keys(a: &mut App, ks: &[Key], now: Instant) {
    for k in ks {
        a.on_key(*k, now);
    }
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn home() {
    let t = Instant::now();
    let mut a = cleared_app();
    snap("home_routine", &mut a, t);
    keys(&mut a, &[Key::Down; 8], t);
    a.on_key(Key::Char(' '), t);
    a.on_key(Key::Char('k'), t);
    a.on_key(Key::Char(' '), t);
    keys(&mut a, &[Key::Char('+'), Key::Char(']')], t);
    snap("home_stretch_ticked", &mut a, t);
    a.on_key(Key::End, t);
    snap("home_start_ticked", &mut a, t);
}

#[test]
fn home_first_run_notice() {
    let t = Instant::now();
    let mut a = App::new(
        Content::embedded(),
        State::default(),
        fixed_wall("2026-11-24"),
    );
    snap("notice", &mut a, t);
}

#[test]
fn detail() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.screen = Screen::Detail {
        stretch: 3,
        scroll: 0,
    };
    snap("detail", &mut a, t);
}

/// A session of knee-to-chest then cat-cow, started at `t`.
fn session(t: Instant) -> App {
    let mut a = cleared_app();
    let plan = a.plan_for(None, vec![4, 2]);
    a.request_start(plan, t);
    a
}

#[test]
fn session_screens() {
    let t = Instant::now();
    let mut a = session(t);
    snap("lead_in", &mut a, t + Duration::from_millis(1_500));
    // 5 s lead-in, then the hold: 7.5 s into it.
    a.tick(t + Duration::from_millis(12_500));
    snap("hold_running", &mut a, t + Duration::from_millis(12_500));
    a.on_key(Key::Char(' '), t + Duration::from_millis(12_500));
    snap("hold_paused", &mut a, t + secs(40));
    a.on_key(Key::Char(' '), t + secs(40));
    a.on_key(Key::Char('n'), t + secs(41));
    snap("rest", &mut a, t + secs(42));
    // On to cat-cow: its cat phase, second repetition.
    keys(&mut a, &[Key::Char('n'); 9], t + secs(43));
    snap("hold_phase", &mut a, t + secs(50));
}

#[test]
fn a_stretch_waiting_for_the_person() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.settings.wait = true;
    let plan = a.plan_for(None, vec![4, 2]);
    a.request_start(plan, t);
    snap("lead_in_waiting", &mut a, t + secs(30));
}

#[test]
fn session_overlays() {
    let t = Instant::now();
    let mut a = session(t);
    a.on_key(Key::Char('n'), t);
    a.on_key(Key::Char('?'), t);
    snap("help_session", &mut a, t);
    a.on_key(Key::Esc, t);
    a.on_key(Key::Char('q'), t);
    snap("confirm_end", &mut a, t);
    a.on_key(Key::Esc, t);
    a.on_key(Key::Char('h'), t + secs(3));
    snap("pain_stop", &mut a, t + secs(3));
}

#[test]
fn help_on_home() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.on_key(Key::Char('?'), t);
    snap("help_home", &mut a, t);
}

#[test]
fn summary() {
    let t = Instant::now();
    let mut a = session(t);
    a.on_key(Key::Char(' '), t + secs(2));
    a.on_key(Key::Char(' '), t + secs(9));
    // Skip one hold half way, let the rest run out.
    a.tick(t + secs(20));
    a.on_key(Key::Char('n'), t + secs(20));
    a.tick(t + secs(600));
    assert_eq!(a.screen, Screen::Summary);
    snap("summary", &mut a, t + secs(600));
}

#[test]
fn gates() {
    let t = Instant::now();
    let mut a = app();
    a.on_key(Key::Enter, t);
    assert_eq!(a.top(), Some(Overlay::Gate(Gate::Offer)));
    snap("gate_offer", &mut a, t);
    a.on_key(Key::Char('c'), t);
    snap("checklist_start", &mut a, t);
    // Down the list: yes to the second question (numbness on the inner thighs).
    keys(&mut a, &[Key::Char('n'), Key::Char('y')], t);
    keys(&mut a, &[Key::Char('n'); 4], t);
    snap("checklist_middle", &mut a, t);
    keys(&mut a, &[Key::Char('n'); 20], t);
    snap("result_emergency", &mut a, t);
    // Closing the result goes back to the gate, which now blocks.
    a.on_key(Key::Enter, t);
    assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
    snap("gate_blocked", &mut a, t);
}

/// Answers the checklist with yes to the given sign ids, from home.
fn answered(yes: &[&str]) -> App {
    let t = Instant::now();
    let mut a = app();
    a.on_key(Key::Char('!'), t);
    answer_all(&mut a, yes, t);
    a
}

#[test]
fn results() {
    let t = Instant::now();
    snap("result_none", &mut answered(&[]), t);
    snap("result_soon", &mut answered(&["not-improving"]), t);
    snap(
        "result_today",
        &mut answered(&["night-pain", "stops-activity"]),
        t,
    );
    let mut a = answered(&["fever"]);
    a.on_key(Key::Enter, t);
    a.on_key(Key::Enter, t);
    assert_eq!(a.top(), Some(Overlay::Gate(Gate::ConfirmToday)));
    snap("gate_confirm_today", &mut a, t);
}

#[test]
fn emergency_result_is_styled_as_an_alarm() {
    let t = Instant::now();
    let mut a = answered(&["saddle-numbness"]);
    let buf = render(&mut a, 80, 24, t);
    let body = text(&buf);
    assert!(body.contains("!!  EMERGENCY  !!"), "{body}");
    // Every cell of the result box is white on red and bold: an alarm.
    let mut alarm = 0;
    for y in 2..20 {
        for x in 2..78 {
            let c = &buf[(x, y)];
            assert_eq!(c.bg, Color::Red, "cell {x},{y} {:?}", c.symbol());
            assert!(c.modifier.contains(Modifier::BOLD));
            alarm += 1;
        }
    }
    assert!(alarm > 1000);
    // The calm result is not.
    let mut calm = answered(&[]);
    let buf = render(&mut calm, 80, 24, t);
    assert!(buf.content.iter().all(|c| c.bg != Color::Red));
}

#[test]
fn monochrome_still_reads_clearly() {
    let t = Instant::now();
    let mut a = answered(&["bladder"]);
    a.theme = super::ThemeKind::Mono;
    let buf = render(&mut a, 80, 24, t);
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "no colour at all"
    );
    let body = text(&buf);
    assert!(body.contains("EMERGENCY"));
    assert!(body.contains("Stop stretching. Call your local emergency number"));
    // The alarm is carried by reverse video instead.
    assert!(
        buf.content
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED))
    );
    insta::assert_snapshot!("mono_result_emergency_80x24", body);

    let mut s = session(t);
    s.theme = super::ThemeKind::Mono;
    s.on_key(Key::Char('n'), t);
    s.on_key(Key::Char(' '), t + secs(4));
    let buf = render(&mut s, 80, 24, t + secs(9));
    assert!(buf.content.iter().all(|c| c.fg == Color::Reset));
    let body = text(&buf);
    assert!(body.contains("PAUSED"), "{body}");
    insta::assert_snapshot!("mono_hold_paused_80x24", body);
}

#[test]
fn too_small_says_so() {
    let t = Instant::now();
    let mut a = session(t);
    insta::assert_snapshot!("too_small_30x8", screen(&mut a, 30, 8, t));
}

#[test]
fn no_size_panics_on_any_screen() {
    let t = Instant::now();
    let mut states: Vec<App> = Vec::new();
    states.push(cleared_app());
    states.push(App::new(
        Content::embedded(),
        State::default(),
        fixed_wall("2026-11-24"),
    ));
    let mut d = cleared_app();
    d.screen = Screen::Detail {
        stretch: 0,
        scroll: 40,
    };
    states.push(d);
    let mut s = session(t);
    s.on_key(Key::Char('n'), t);
    states.push(s);
    let mut p = session(t);
    p.on_key(Key::Char('n'), t);
    p.on_key(Key::Char('h'), t);
    states.push(p);
    let mut h = session(t);
    h.on_key(Key::Char('?'), t);
    states.push(h);
    states.push(answered(&["bowel"]));
    let mut g = app();
    g.on_key(Key::Enter, t);
    states.push(g);
    let mut c = app();
    c.on_key(Key::Char('!'), t);
    keys(&mut c, &[Key::End], t);
    states.push(c);
    let mut sum = session(t);
    sum.tick(t + secs(900));
    states.push(sum);
    for a in &mut states {
        for w in (1..=130).step_by(7).chain([MIN_W - 1, MIN_W, 200]) {
            for h in (1..=45).step_by(3).chain([MIN_H - 1, MIN_H, 60]) {
                render(a, w, h, t + secs(3));
            }
        }
    }
}

#[test]
fn the_bar_fills_with_the_countdown_and_every_wake_up_shows_a_change() {
    let t = Instant::now();
    let mut a = session(t);
    a.tick(t + secs(5));
    assert!(a.session.as_ref().unwrap().in_hold());
    let bar = |a: &mut App, now| {
        let s = screen(a, 80, 24, now);
        let line = s
            .lines()
            .find(|l| l.contains("s left"))
            .unwrap()
            .to_string();
        (line.matches('█').count(), line)
    };
    let mut now = t + secs(5);
    let (mut last, mut last_line) = bar(&mut a, now);
    assert_eq!(last, 0);
    let mut wakeups = 0;
    let mut limit = StepLimit::new(1_000, "the hold to end");
    while let Some(d) = a.next_deadline(now) {
        limit.step();
        now = d;
        a.tick(now);
        if !a.session.as_ref().unwrap().in_hold() {
            break;
        }
        let (f, line) = bar(&mut a, now);
        assert!(f > last, "the bar moves at every wake-up: {line}");
        last = f;
        last_line = line;
        wakeups += 1;
    }
    // A 20 s hold: 19 changes within it (the 20th ends it), each about 3 cells.
    assert_eq!(wakeups, 19);
    // At 1 s left, 19 of 20 parts of the 62-cell bar: 58.9 cells, drawn to an eighth.
    assert_eq!(last, 62 * 19 / 20);
    assert!(
        last_line.contains(&format!("{}▉░", "█".repeat(58))),
        "{last_line}"
    );
}

/// Twelve days of sessions with falling-then-flat pain, a pain stop, a skipped rating.
pub fn sample_history() -> Vec<crate::history::SessionRecord> {
    use crate::history::tests::record;
    let pains: [(u8, Option<u8>, Option<u8>); 12] = [
        (11, Some(8), Some(7)),
        (12, Some(8), Some(6)),
        (13, Some(7), Some(6)),
        (14, Some(7), Some(5)),
        (15, Some(6), None),
        (16, Some(6), Some(5)),
        (18, Some(5), Some(4)),
        (19, Some(6), Some(4)),
        (20, None, None),
        (21, Some(5), Some(4)),
        (23, Some(5), Some(3)),
        (24, Some(4), Some(3)),
    ];
    pains
        .iter()
        .enumerate()
        .map(|(i, (day, b, a))| {
            let mut r = record(&format!("2026-11-{day:02}T08:{i:02}:00+01:00"), *b, *a);
            if i == 4 {
                r.pain_stops = 1;
            }
            r
        })
        .collect()
}

#[test]
fn progress_screen() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.history = sample_history();
    a.settings.spasm_start = Some("2026-11-09".into());
    a.on_key(Key::Char('p'), t);
    snap("progress", &mut a, t);
    insta::assert_snapshot!("progress_120x40", screen(&mut a, 120, 40, t));
    let mut empty = cleared_app();
    empty.on_key(Key::Char('p'), t);
    snap("progress_empty", &mut empty, t);
}

#[test]
fn home_suggests_a_doctor_when_pain_is_not_falling() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.history = sample_history()
        .into_iter()
        .map(|mut r| {
            r.pain_before = Some(6);
            r
        })
        .collect();
    a.settings.spasm_start = Some("2026-11-09".into());
    assert!(a.suggest_doctor());
    snap("home_doctor", &mut a, t);
}

#[test]
fn check_in_spasm_start_and_settings() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.settings.checkins = true;
    a.on_key(Key::Enter, t);
    // Nothing is chosen on the first check-in, and the keys say what to press.
    snap("check_in_empty", &mut a, t);
    a.on_key(Key::Right, t);
    snap("check_in", &mut a, t);
    a.on_key(Key::Char('4'), t);
    a.on_key(Key::Char('n'), t);
    a.on_key(Key::Char('q'), t);
    a.on_key(Key::Char('y'), t);
    a.on_key(Key::Char('3'), t);
    snap("spasm_start", &mut a, t);
    a.on_key(Key::Enter, t);
    a.on_key(Key::Enter, t);
    a.on_key(Key::Char('o'), t);
    snap("settings", &mut a, t);
}

#[test]
fn high_contrast_uses_bright_colours_only() {
    let t = Instant::now();
    let mut a = session(t);
    a.theme = super::ThemeKind::HighContrast;
    a.on_key(Key::Char('n'), t);
    let buf = render(&mut a, 80, 24, t + secs(3));
    assert!(buf.content.iter().all(|c| c.fg != Color::DarkGray));
    assert!(buf.content.iter().any(|c| c.fg == Color::LightYellow));
    insta::assert_snapshot!("high_contrast_hold_80x24", text(&buf));
}

#[test]
fn pictures_on_the_detail_and_hold_screens() {
    let t = Instant::now();
    for id in ["cat-cow", "seated-rotation"] {
        let mut a = cleared_app();
        let i = a.content.stretch_index(id).unwrap();
        a.screen = Screen::Detail {
            stretch: i,
            scroll: 0,
        };
        for (w, h) in [(80, 24), (120, 40), (50, 16)] {
            insta::assert_snapshot!(
                format!("detail_picture_{id}_{w}x{h}"),
                screen(&mut a, w, h, t)
            );
        }
    }
    // The hold shows the side being held: the second side is the drawing turned round.
    let mut a = cleared_app();
    let i = a.content.stretch_index("seated-rotation").unwrap();
    let plan = a.plan_for(None, vec![i]);
    a.request_start(plan, t);
    a.on_key(Key::Char('n'), t);
    let first = screen(&mut a, 80, 24, t + secs(2));
    a.on_key(Key::Char('n'), t + secs(2));
    a.on_key(Key::Char('n'), t + secs(2));
    let second = screen(&mut a, 80, 24, t + secs(4));
    assert!(first.contains("LEFT SIDE") && second.contains("RIGHT SIDE"));
    let pic = a.content.stretches[i].picture.clone().unwrap();
    let mirrored = super::picture::mirror(&pic.end);
    assert!(first.contains(pic.end[2].trim()), "{first}");
    assert!(second.contains(mirrored[2].trim()), "{second}");
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        insta::assert_snapshot!(
            format!("hold_picture_{w}x{h}"),
            screen(&mut a, w, h, t + secs(4))
        );
    }
    // Home's preview shows it too, when there is room.
    let mut h = cleared_app();
    h.cursor = 4 + i;
    insta::assert_snapshot!("home_preview_picture_120x40", screen(&mut h, 120, 40, t));
}

/// Words only, however the lines wrap, borders dropped.
fn words(screen: &str) -> String {
    screen
        .split(|c: char| c.is_whitespace() || "│║".contains(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_emergency_action_is_whole_at_the_smallest_size() {
    let t = Instant::now();
    let action = "Stop stretching. Call your local emergency number (for example 911, 999 or 112) or go to an emergency department now.";
    for (w, h) in [(MIN_W, MIN_H), (40, 12), (80, 24)] {
        let mut a = answered(&["saddle-numbness"]);
        let s = words(&screen(&mut a, w, h, t));
        assert!(s.contains(action), "{w}x{h}: {s}");
        assert!(s.contains("EMERGENCY"), "{w}x{h}: {s}");
        // The blocked start says it whole too (on small screens its popup is full width,
        // so no words of the screen under it mix in).
        a.on_key(Key::Enter, t);
        a.on_key(Key::Enter, t);
        assert_eq!(a.top(), Some(Overlay::Gate(Gate::Blocked)));
        if w >= 50 {
            continue;
        }
        let s = words(&screen(&mut a, w, h, t));
        assert!(s.contains(action), "blocked at {w}x{h}: {s}");
        assert!(s.contains("Esc back"), "blocked at {w}x{h}: {s}");
    }
    insta::assert_snapshot!("result_emergency_32x10", {
        let mut a = answered(&["saddle-numbness"]);
        screen(&mut a, MIN_W, MIN_H, t)
    });
}

#[test]
fn an_emergency_yes_shows_what_to_do_before_the_last_question() {
    let t = Instant::now();
    let mut a = app();
    a.on_key(Key::Char('!'), t);
    a.on_key(Key::Char('n'), t);
    a.on_key(Key::Char('y'), t);
    assert!(a.checklist.result.is_none());
    let s = words(&screen(&mut a, 80, 24, t));
    assert!(
        s.contains("!! EMERGENCY: Stop stretching. Call your local emergency number"),
        "{s}"
    );
    insta::assert_snapshot!("checklist_emergency_early_80x24", screen(&mut a, 80, 24, t));
}

#[test]
fn the_countdown_grows_with_the_terminal() {
    let t = Instant::now();
    let mut a = session(t);
    a.on_key(Key::Char('n'), t);
    // Rows of big digits: rows with a block that are not the bar's.
    let digit_rows = |a: &mut App, w, h| {
        screen(a, w, h, t + secs(2))
            .lines()
            .filter(|l| l.contains('█') && !l.contains("s left"))
            .count()
    };
    let sizes = [(80, 24), (120, 40), (200, 50), (240, 70)];
    let rows: Vec<usize> = sizes
        .iter()
        .map(|&(w, h)| digit_rows(&mut a, w, h))
        .collect();
    assert_eq!(rows, vec![5, 10, 15, 20]);
    // At 40x12 there is no room: the count is plain text.
    assert_eq!(digit_rows(&mut a, 40, 12), 0);
}

#[test]
fn the_summary_after_an_emergency_repeats_what_to_do() {
    let t = Instant::now();
    let mut a = session(t);
    a.on_key(Key::Char('n'), t + secs(6));
    a.on_key(Key::Char('!'), t + secs(8));
    a.on_key(Key::Char('y'), t + secs(8));
    a.on_key(Key::Enter, t + secs(8));
    a.on_key(Key::Enter, t + secs(8));
    assert_eq!(a.screen, Screen::Summary);
    assert_eq!(a.top(), None);
    let action = a
        .content
        .red_flags
        .action(crate::content::Urgency::Emergency);
    for (w, h) in [(80, 24), (40, 12)] {
        let s = words(&screen(&mut a, w, h, t + secs(8)));
        assert!(s.contains(&action), "{w}x{h}: {s}");
        assert!(!s.contains("Keep moving"), "{w}x{h}: {s}");
    }
    snap("summary_after_emergency", &mut a, t + secs(8));
}

#[test]
fn home_names_a_standing_yes_at_every_size_and_never_offers_to_start() {
    let t = Instant::now();
    // An emergency yes in a list left at once.
    let mut a = cleared_app();
    a.on_key(Key::Char('!'), t);
    a.on_key(Key::Char('y'), t);
    a.on_key(Key::Esc, t);
    for (w, h) in [(80, 24), (40, 12), (MIN_W, MIN_H)] {
        let s = screen(&mut a, w, h, t);
        let first = s.lines().next().unwrap();
        assert!(
            first.contains("Emergency sign today: get help now")
                || first.contains("EMERGENCY: get help now"),
            "{w}x{h}: {s}"
        );
        assert!(!s.contains("Enter starts it"), "{w}x{h}: {s}");
    }
    snap("home_emergency", &mut a, t);
    // A today yes.
    let mut b = cleared_app();
    b.on_key(Key::Char('!'), t);
    answer_all(&mut b, &["upper-back"], t);
    b.on_key(Key::Enter, t);
    let s = screen(&mut b, 80, 24, t);
    assert!(
        s.lines().next().unwrap().contains("See a doctor today"),
        "{s}"
    );
    assert!(!s.contains("Enter starts it"), "{s}");
    snap("home_today", &mut b, t);
    // Soon, and not checked.
    let mut c = cleared_app();
    c.on_key(Key::Char('!'), t);
    answer_all(&mut c, &["stops-activity"], t);
    c.on_key(Key::Enter, t);
    let s = screen(&mut c, 80, 24, t);
    assert!(
        s.lines()
            .next()
            .unwrap()
            .contains("Book a doctor's appointment"),
        "{s}"
    );
    assert!(s.contains("Enter starts it"), "{s}");
    let s = screen(&mut app(), 40, 12, t);
    assert!(
        s.lines().next().unwrap().contains("Not checked today"),
        "{s}"
    );
}

#[test]
fn the_notice_meets_a_newcomer_with_the_levels_and_staying_active() {
    let t = Instant::now();
    let mut a = App::new(
        Content::embedded(),
        State::default(),
        fixed_wall("2026-11-24"),
    );
    let s = words(&screen(&mut a, 80, 24, t));
    assert!(s.contains("both legs"), "{s}");
    assert!(s.contains("See a doctor today if one leg"), "{s}");
    assert!(s.contains("Keep moving gently through the day."), "{s}");
    let action = a
        .content
        .red_flags
        .action(crate::content::Urgency::Emergency);
    let s = words(&screen(&mut a, 40, 12, t));
    assert!(s.contains(&action), "{s}");
    assert!(s.contains("both legs"), "{s}");
}

/// A history whose last session had pain stops on knee-to-chest (in-bed's second stretch)
/// and on cat-cow's cat phase.
fn hurt_history() -> Vec<crate::history::SessionRecord> {
    use crate::history::PainStop;
    let mut h = sample_history();
    let last = h.last_mut().unwrap();
    last.pain_stops = 2;
    last.hurt = vec![
        PainStop {
            stretch: "knee-to-chest".into(),
            rep: 2,
            part: None,
            step: "hold".into(),
            at: "2026-11-24T08:13:10+01:00".into(),
            then: Some("gentler".into()),
        },
        PainStop {
            stretch: "cat-cow".into(),
            rep: 1,
            part: Some("Cat".into()),
            step: "hold".into(),
            at: "2026-11-24T08:15:40+01:00".into(),
            then: Some("skip".into()),
        },
    ];
    h
}

#[test]
fn what_hurt_is_marked_on_home_the_how_to_and_the_lead_in() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.history = hurt_history();
    snap("home_hurt", &mut a, t);
    let home = screen(&mut a, 80, 24, t);
    assert!(home.contains("Knee-to-chest · hurt Tue"), "{home}");
    assert!(home.contains("x leaves out what hurt lately"), "{home}");
    // One key leaves it out of the routine; the preview says so.
    a.on_key(Key::Char('x'), t);
    snap("home_hurt_left_out", &mut a, t);
    assert_eq!(a.routine_plan(0).stretches, vec![0]);
    a.on_key(Key::Char('x'), t);
    assert_eq!(a.routine_plan(0).stretches.len(), 2);
    // The how-to.
    let k2c = a.content.stretch_index("knee-to-chest").unwrap();
    a.screen = Screen::Detail {
        stretch: k2c,
        scroll: 0,
    };
    snap("detail_hurt", &mut a, t);
    assert!(screen(&mut a, 40, 12, t).contains("Hurt on Tue: go gently"));
    // The lead-in of that stretch in the routine.
    a.screen = Screen::Home;
    a.on_key(Key::Enter, t);
    a.on_key(Key::Char('n'), t);
    let s = a.session.as_mut().unwrap();
    let mut limit = StepLimit::new(100, "the routine to reach its second stretch");
    while s.step().item == 0 {
        limit.step();
        s.skip(t);
    }
    snap("lead_in_hurt", &mut a, t);
    let lead_in = screen(&mut a, 40, 12, t);
    assert!(lead_in.contains("Hurt on Tue: go gently, or"), "{lead_in}");
}

#[test]
fn try_it_gentler_and_the_summary_of_pain() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.settings.checkins = true;
    a.history = sample_history();
    a.cursor = 8; // knee-to-chest alone
    a.on_key(Key::Enter, t);
    a.on_key(Key::Enter, t);
    // Later check-ins start at the last rating, shown as such.
    assert_eq!(a.checkin.cursor, Some(3));
    snap("check_in_last", &mut a, t);
    a.on_key(Key::Char('7'), t);
    a.on_key(Key::Char('n'), t);
    a.on_key(Key::Char('h'), t + secs(4));
    snap("pain_stop_noted", &mut a, t + secs(4));
    a.on_key(Key::Char('g'), t + secs(5));
    snap("hold_gentler", &mut a, t + secs(6));
    a.tick(t + secs(600));
    a.on_key(Key::Char('4'), t + secs(600));
    a.on_key(Key::Char('s'), t + secs(600));
    assert_eq!(a.screen, Screen::Summary);
    snap("summary_pain", &mut a, t + secs(600));
    let text = screen(&mut a, 80, 24, t + secs(600));
    assert!(text.contains("Pain: 7 → 4, down 3"), "{text}");
    assert!(
        text.contains("Hurt: Knee-to-chest, repetition 1, during the hold; tried it gentler"),
        "{text}"
    );
    assert!(text.contains("Time held:"), "{text}");
}

#[test]
fn progress_advice_matches_what_is_missing() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.on_key(Key::Char('p'), t);
    let see = |a: &mut App| words(&screen(a, 80, 24, t));
    assert!(see(&mut a).contains("No pain ratings yet: rate your pain before and after"));
    // Rated on two days: too few for a trend, and it says so.
    a.history = sample_history()[..2].to_vec();
    let two = see(&mut a);
    assert!(
        two.contains("Pain rated on 2 days so far: the trend shows from the third day."),
        "{two}"
    );
    assert!(!two.contains("Rate your pain before and after"), "{two}");
    // Rated before every session, never after.
    a.history = sample_history()
        .into_iter()
        .map(|mut r| {
            r.pain_after = None;
            r
        })
        .collect();
    snap("progress_before_only", &mut a, t);
    let before = see(&mut a);
    assert!(
        before.contains("Ratings before sessions only: rate your pain after them too"),
        "{before}"
    );
    assert!(before.contains("Pain is falling"), "{before}");
    // Rated before and after: the trend, and no advice.
    a.history = hurt_history();
    snap("progress_hurt", &mut a, t);
    let all = see(&mut a);
    assert!(!all.contains("Rate your pain"), "{all}");
    assert!(
        all.contains("Hurt lately: Knee-to-chest on Tue, repetition 2, during the hold"),
        "{all}"
    );
}

#[test]
fn typed_days_and_dates_for_the_start_of_the_spasm() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.on_key(Key::Char('o'), t);
    a.on_key(Key::Char('d'), t);
    a.on_key(Key::Char('1'), t);
    a.on_key(Key::Char('4'), t);
    snap("spasm_start_typed", &mut a, t);
    assert!(screen(&mut a, 80, 24, t).contains("14 days ago  (Tue 10 Nov 2026)"));
    a.on_key(Key::Backspace, t);
    a.on_key(Key::Backspace, t);
    for c in "2026-11-0".chars() {
        a.on_key(Key::Char(c), t);
    }
    snap("spasm_start_partial_date", &mut a, t);
    a.on_key(Key::Char('2'), t);
    assert!(screen(&mut a, 80, 24, t).contains("22 days ago  (Mon 2 Nov 2026)"));
}

/// The trend as each place shows it: the sentence with its figures.
fn trend_sentence(text: &str) -> Option<String> {
    let flat = words(text);
    let start = flat.find("Pain is ")?;
    let last = flat[start..].find("on the last")? + start;
    let end = flat[last..].find('.')? + last;
    Some(flat[start..=end].to_string())
}

#[test]
fn home_progress_and_export_give_the_same_trend() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.history = sample_history()
        .into_iter()
        .map(|mut r| {
            r.pain_before = r.pain_before.map(|p| p.min(6));
            r
        })
        .collect();
    a.settings.spasm_start = Some("2026-11-09".into());
    assert!(a.suggest_doctor());
    let home = screen(&mut a, 100, 30, t);
    a.on_key(Key::Char('p'), t);
    let progress = screen(&mut a, 100, 30, t);
    let export = crate::report::markdown(
        &a.content,
        &a.history,
        &[],
        &a.state.safety.entries,
        &a.settings,
    );
    let want = crate::history::trend(&a.history).trend.unwrap().words();
    assert_eq!(
        want,
        "Pain is not clearly falling: about 6.0 on the first 3 rated days, 4.7 on the last 3."
    );
    for (name, text) in [
        ("home", &home),
        ("progress", &progress),
        ("export", &export),
    ] {
        assert_eq!(
            trend_sentence(text).as_deref(),
            Some(want.as_str()),
            "{name}:\n{text}"
        );
    }
}

/// An app on the physiotherapist's file of `tests/fixtures/prescription.json`: three
/// stretches fixed at 15 s and 3 repetitions, one routine, the clinic in `meta`.
fn prescribed(state: State) -> App {
    let c = Content::parse(
        include_str!("../../tests/fixtures/prescription.json"),
        "prescription.json",
    )
    .unwrap_or_else(|r| panic!("{r}"));
    let mut a = App::new(c, state, fixed_wall("2026-11-24"));
    a.settings.checkins = false;
    a
}

fn prescribed_cleared() -> App {
    let mut a = prescribed(State {
        notice_seen: true,
        ..State::default()
    });
    a.state.safety = cleared_app().state.safety;
    a
}

#[test]
fn a_prescription_on_home_detail_and_the_hold() {
    let t = Instant::now();
    let mut a = prescribed_cleared();
    snap("prescribed_home", &mut a, t);
    let home = screen(&mut a, 80, 24, t);
    assert!(
        home.contains("backstretch · Morning routine · Riverside Physio"),
        "{home}"
    );
    assert!(
        home.contains("Hold 15 s (set)   Repetitions 3 (set)"),
        "{home}"
    );
    // Keys that cannot change the fixed dose are not offered, and do nothing but say so.
    assert!(!home.contains("-/+") && !home.contains("[/]"), "{home}");
    a.on_key(Key::Char('+'), t);
    assert_eq!(
        a.message.as_deref(),
        Some("Hold set by your prescription: 15 s.")
    );
    a.on_key(Key::Char('?'), t);
    let help = screen(&mut a, 80, 24, t);
    assert!(!help.contains("shorter or longer holds"), "{help}");
    a.on_key(Key::Esc, t);
    a.message = None;

    a.screen = Screen::Detail {
        stretch: 0,
        scroll: 0,
    };
    snap("prescribed_detail", &mut a, t);
    let detail = screen(&mut a, 80, 24, t);
    assert!(
        detail.contains("Hold 15 s, 3 repetitions. Set by your prescription."),
        "{detail}"
    );

    a.screen = Screen::Home;
    let plan = a.routine_plan(0);
    assert_eq!(plan.doses, vec![(15, 3); 3]);
    a.request_start(plan, t);
    // 5 s to get into position, then 7.5 s of the first 15 s hold.
    snap("prescribed_hold", &mut a, t + Duration::from_millis(12_500));
    let hold = screen(&mut a, 80, 24, t + Duration::from_millis(12_500));
    assert!(hold.contains("rep 1 of 3"), "{hold}");
    assert!(hold.contains("8 s left"), "{hold}");
    // The cue's {hold} is filled from the dose.
    assert!(hold.contains("for 15 seconds"), "{hold}");
}

#[test]
fn a_prescription_names_the_clinic_after_the_emergency_words() {
    let t = Instant::now();
    let mut a = prescribed(State::default());
    snap("prescribed_notice", &mut a, t);
    let notice = screen(&mut a, 80, 24, t);
    let emergency = notice
        .find("emergency number")
        .expect("the emergency number");
    let clinic = notice
        .find("Questions about your exercises: Riverside Physio, 01632 960 123")
        .expect("the clinic");
    assert!(emergency < clinic, "{notice}");

    let mut a = prescribed_cleared();
    a.on_key(Key::Char('!'), t);
    answer_all(&mut a, &["night-pain"], t);
    snap("prescribed_result_today", &mut a, t);
    let today = screen(&mut a, 80, 24, t);
    assert!(today.contains("Riverside Physio, 01632 960 123"), "{today}");

    let mut a = prescribed_cleared();
    a.on_key(Key::Char('!'), t);
    answer_all(&mut a, &["saddle-numbness"], t);
    let emergency = screen(&mut a, 80, 24, t);
    assert!(
        !emergency.contains("Riverside"),
        "an emergency is for the emergency number only"
    );
}

#[test]
fn the_checklist_opens_at_a_whole_part_never_mid_sentence() {
    let t = Instant::now();
    for (w, h) in [(MIN_W, MIN_H), (40, 12), (80, 24), (50, 16)] {
        let mut a = cleared_app();
        a.on_key(Key::Char('!'), t);
        let s = screen(&mut a, w, h, t);
        let first = s.lines().nth(1).unwrap_or("");
        let first = first.trim_matches(|c: char| c.is_whitespace() || "│┌─".contains(c));
        let intro = &a.content.red_flags.intro;
        let title = &a.content.red_flags.levels[0].title;
        // Below the header: the start of the text, a level title or the question, or a
        // row that says what is above, then one of those.
        let (first, marked) = match first.strip_prefix('↑') {
            Some(_) => {
                let next = s.lines().nth(2).unwrap_or("");
                (
                    next.trim_matches(|c: char| c.is_whitespace() || "│┌─".contains(c)),
                    true,
                )
            }
            None => (first, false),
        };
        assert!(!marked || first != intro.as_str(), "{w}x{h}");
        assert!(
            first.starts_with("When to stop")
                || intro.starts_with(first)
                || first.starts_with(title.as_str())
                || first.starts_with('▸'),
            "{w}x{h} opens mid-text: {first:?}\n{s}"
        );
    }
}

#[test]
fn the_too_small_screen_says_what_is_running_and_that_space_still_pauses() {
    let t = Instant::now();
    let mut a = cleared_app();
    a.on_key(Key::Enter, t);
    a.on_key(Key::Char('n'), t);
    let s = words(&screen(&mut a, 30, 8, t + secs(8)));
    assert!(s.contains("Hold: 12 s left · Space pauses"), "{s}");
    assert!(s.contains("Make the window larger"), "{s}");
    a.on_key(Key::Char(' '), t + secs(8));
    let s = words(&screen(&mut a, 30, 8, t + secs(9)));
    assert!(s.contains("paused, 12 s left · Space goes on"), "{s}");
}

#[test]
fn the_day_stands_apart_from_the_title_at_every_width() {
    let t = Instant::now();
    for w in [MIN_W, 40, 50, 60, 70, 80, 100, 160] {
        let mut a = cleared_app();
        a.settings.spasm_start = Some("2026-11-10".into());
        let s = screen(&mut a, w, 24, t);
        let head = s.lines().next().unwrap_or("");
        if let Some(i) = head.find("day 15") {
            let before = &head[..i];
            assert!(
                before.is_empty() || before.ends_with("  ") || before.ends_with("· "),
                "{w}: {head:?}"
            );
            assert!(!head.contains("backstretchday"), "{w}: {head:?}");
        }
    }
}

#[test]
fn a_routine_whose_every_stretch_is_left_out_does_not_offer_to_start() {
    use crate::history::PainStop;
    let t = Instant::now();
    let mut a = cleared_app();
    let mut h = hurt_history();
    // Both of in-bed's stretches hurt.
    h.last_mut().unwrap().hurt.push(PainStop {
        stretch: "hook-lying-rotation".into(),
        rep: 1,
        part: Some("Right side".into()),
        step: "hold".into(),
        at: "2026-11-24T08:11:00+01:00".into(),
        then: Some("skip".into()),
    });
    a.history = h;
    a.on_key(Key::Char('x'), t);
    assert!(a.routine_plan(0).stretches.is_empty());
    for (w, h) in [(80, 24), (40, 12)] {
        let s = screen(&mut a, w, h, t);
        assert!(!s.contains("Enter starts it"), "{w}x{h}: {s}");
    }
    let s = screen(&mut a, 80, 24, t);
    assert!(s.contains("x puts back"), "{s}");
    a.on_key(Key::Enter, t);
    assert_eq!(a.screen, Screen::Home);
    let said = a.message.clone().unwrap_or_default();
    assert!(said.contains("left out"), "{said}");
    assert!(said.contains("x "), "{said}");
}
