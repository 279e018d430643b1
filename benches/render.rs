//! Render and model benchmarks, without criterion: a plain timing loop over `Instant`.
//!
//! backstretch is a binary crate (no lib.rs), so this file compiles the app's own modules
//! again, from `src/`, with `#[path]`. They are declared here at the crate root under the
//! names `src/main.rs` gives them, so their `crate::...` paths resolve as in the binary
//! (`fuzz` is test-only and left out). When `src/main.rs` gains a module, add it below too.
//!
//!     cargo bench --bench render             # everything
//!     cargo bench --bench render -- hold     # only benchmarks whose name contains "hold"
//!
//! Each benchmark runs in batches of about a millisecond after a warm-up; the table gives the
//! median, mean and fastest time per iteration over the batches.
#![allow(dead_code, unused_imports)]

#[path = "../src/app.rs"]
mod app;
#[path = "../src/checklist.rs"]
mod checklist;
#[path = "../src/cli.rs"]
mod cli;
#[path = "../src/content.rs"]
mod content;
#[path = "../src/files.rs"]
mod files;
#[path = "../src/history.rs"]
mod history;
#[path = "../src/keys.rs"]
mod keys;
#[path = "../src/layout.rs"]
mod layout;
#[path = "../src/plain.rs"]
mod plain;
#[path = "../src/plain_run.rs"]
mod plain_run;
#[path = "../src/report.rs"]
mod report;
#[path = "../src/runner.rs"]
mod runner;
#[path = "../src/safety.rs"]
mod safety;
#[path = "../src/screens/mod.rs"]
mod screens;
#[path = "../src/session.rs"]
mod session;
#[path = "../src/speech.rs"]
mod speech;
#[path = "../src/store.rs"]
mod store;
#[cfg(test)]
#[path = "../src/testutil.rs"]
mod testutil;
#[path = "../src/text.rs"]
mod text;
#[path = "../src/theme.rs"]
mod theme;
#[path = "../src/tui.rs"]
mod tui;
#[path = "../src/ui/mod.rs"]
mod ui;
#[path = "../src/voice.rs"]
mod voice;

use app::{App, Wall};
use content::Content;
use keys::Key;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use session::{DoseChoice, Plan, Timer};
use std::cell::RefCell;
use std::hint::black_box;
use std::io::Write;
use std::rc::Rc;
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-24";

/// Per-iteration times of one benchmark, ns.
struct Stats {
    median: f64,
    mean: f64,
    min: f64,
    iters: u64,
}

/// Runs `f` in batches of about 1 ms for about `budget`, after a warm-up.
fn time(mut f: impl FnMut(), budget: Duration) -> Stats {
    // Warm up, and find a batch size that takes about a millisecond.
    let mut batch = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        let e = t.elapsed();
        if e >= Duration::from_millis(1) || batch >= 1 << 30 {
            break;
        }
        batch *= 2;
    }
    let mut samples = Vec::new();
    let start = Instant::now();
    let mut iters = 0u64;
    while start.elapsed() < budget || samples.len() < 21 {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        samples.push(t.elapsed().as_nanos() as f64 / batch as f64);
        iters += batch;
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    Stats {
        median: samples[samples.len() / 2],
        mean: samples.iter().sum::<f64>() / samples.len() as f64,
        min: samples[0],
        iters,
    }
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn wall() -> Box<dyn Fn() -> Wall> {
    Box::new(|| Wall {
        date: TODAY.to_string(),
        at: format!("{TODAY}T09:30:00+00:00"),
    })
}

/// An app past the first-run notice, with today's checklist answered "none".
fn app() -> App {
    let state: store::State = serde_json::from_str(&format!(
        r#"{{"notice_seen": true, "checks": [{{"date": "{TODAY}", "at": "{TODAY}T08:00:00+00:00", "result": "none", "yes": [], "quick": false}}]}}"#
    ))
    .expect("a valid state");
    let mut a = App::new(Content::embedded(), state, wall());
    // No pain check-in before a session (as `run --no-checkin`).
    a.settings.checkins = false;
    a
}

fn plan(a: &App, ids: &[&str], hold: u32) -> Plan {
    let idx = ids
        .iter()
        .map(|id| a.content.stretch_index(id).expect("a stretch"))
        .collect();
    let dose = DoseChoice {
        hold_secs: hold,
        ..DoseChoice::defaults(&a.content)
    };
    Plan::build(&a.content, None, idx, dose)
}

/// The home screen.
fn home(w: u16, h: u16) -> App {
    let mut a = app();
    a.resize(w, h);
    a
}

/// A running hold (knee-to-chest, 30 s holds), started at `t0`: the lead-in skipped.
fn hold(w: u16, h: u16, t0: Instant) -> App {
    let mut a = app();
    a.resize(w, h);
    let p = plan(&a, &["knee-to-chest"], 30);
    a.request_start(p, t0);
    a.on_key(Key::Char('n'), t0);
    assert!(a.session.as_ref().is_some_and(|s| s.in_hold()), "in a hold");
    a
}

/// The red-flag checklist over home, two questions answered.
fn checklist(w: u16, h: u16, t0: Instant) -> App {
    let mut a = home(w, h);
    a.on_key(Key::Char('!'), t0);
    a.on_key(Key::Char('n'), t0);
    a.on_key(Key::Char('n'), t0);
    a
}

/// Terminal output kept in memory, readable from outside the backend.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Bench {
    name: String,
    stats: Stats,
    note: String,
}

/// The benchmarks asked for (by name filter) and their results.
struct Runner {
    filters: Vec<String>,
    budget: Duration,
    results: Vec<Bench>,
}

impl Runner {
    fn wanted(&self, name: &str) -> bool {
        self.filters.is_empty() || self.filters.iter().any(|f| name.contains(f.as_str()))
    }

    fn run(&mut self, name: &str, note: String, f: &mut dyn FnMut()) {
        if self.wanted(name) {
            let stats = time(f, self.budget);
            eprintln!("{name}: median {}", fmt_ns(stats.median));
            self.results.push(Bench {
                name: name.to_string(),
                stats,
                note,
            });
        }
    }
}

fn main() {
    // `cargo bench` passes --bench; any other argument filters by name.
    let mut r = Runner {
        filters: std::env::args()
            .skip(1)
            .filter(|a| !a.starts_with("--"))
            .collect(),
        budget: Duration::from_millis(300),
        results: Vec::new(),
    };
    let t0 = Instant::now();

    // Drawing one frame into a ratatui buffer: what `ui::draw` costs, no diff, no output.
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let screens: [(&str, App, Instant); 3] = [
            ("home", home(w, h), t0),
            ("hold", hold(w, h, t0), t0 + Duration::from_millis(7_300)),
            ("checklist", checklist(w, h, t0), t0),
        ];
        for (screen, a, now) in screens {
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
            let mut f = || {
                term.current_buffer_mut().reset();
                let mut frame = term.get_frame();
                ui::draw(&mut frame, black_box(&a), black_box(now));
                black_box(term.current_buffer_mut());
            };
            r.run(
                &format!("draw {screen} {w}x{h}"),
                "ui::draw into a reset Buffer".into(),
                &mut f,
            );
        }
    }

    // A whole frame as the app sends it: draw, diff with the previous frame, and encode the
    // changes as escape codes (crossterm, into memory). Alternating between two instants
    // a second apart: the countdown and the bar change, as they do once a second.
    for (w, h) in [(100u16, 30u16), (200, 60)] {
        let a = hold(w, h, t0);
        {
            let step = Duration::from_secs(1);
            let area = Rect::new(0, 0, w, h);
            let sink = Sink::default();
            let mut term = Terminal::with_options(
                CrosstermBackend::new(sink.clone()),
                TerminalOptions {
                    viewport: Viewport::Fixed(area),
                },
            )
            .expect("a terminal");
            // Two instants in the same cell/second neighbourhood, mid-hold.
            let base = t0 + Duration::from_millis(10_050);
            let times = [base, base + step];
            let mut i = 0usize;
            let mut bytes = 0usize;
            let mut frames = 0usize;
            // The first frame draws everything; do it outside the timing.
            term.draw(|f| ui::draw(f, &a, times[0])).unwrap();
            sink.0.borrow_mut().clear();
            let mut f = || {
                i += 1;
                let now = times[i % 2];
                term.draw(|f| ui::draw(f, &a, now)).unwrap();
                let mut out = sink.0.borrow_mut();
                bytes += out.len();
                frames += 1;
                out.clear();
            };
            let name = format!("frame hold {w}x{h}, a second later");
            if r.wanted(&name) {
                let stats = time(&mut f, r.budget);
                let per = bytes as f64 / frames.max(1) as f64;
                eprintln!("{name}: median {}, {per:.0} bytes", fmt_ns(stats.median));
                r.results.push(Bench {
                    name,
                    stats,
                    note: format!("draw + diff + escape codes; {per:.0} bytes a frame"),
                });
            }
        }
    }

    // The model.
    let a = app();
    let full: Vec<usize> = (0..a.content.stretches.len()).collect();
    r.run(
        "plan build: the full set",
        format!("{} stretches", full.len()),
        &mut || {
            let p = Plan::build(
                black_box(&a.content),
                Some("full".into()),
                black_box(full.clone()),
                DoseChoice::defaults(&a.content),
            );
            black_box(p);
        },
    );
    r.run(
        "plan build: knee-to-chest",
        "one stretch".into(),
        &mut || {
            black_box(plan(black_box(&a), &["knee-to-chest"], 30));
        },
    );
    let timer = Timer::running(Duration::from_secs(30), t0);
    let mut k = 0u64;
    r.run(
        "timer next_change (30 s)",
        "the runner's next wake-up".into(),
        &mut || {
            k = (k + 7_919) % 30_000;
            let now = t0 + Duration::from_millis(k);
            black_box(black_box(&timer).next_change(black_box(now)));
        },
    );
    r.run(
        "content: parse the embedded content",
        "startup: Content::embedded()".into(),
        &mut || {
            black_box(Content::embedded());
        },
    );
    r.run(
        "app: App::new with the embedded content",
        "startup".into(),
        &mut || {
            black_box(app());
        },
    );
    // The safety record: a copy holding 50,000 answers takes in the file's copy (the
    // merge before every save), and the safety state is derived from the kept answers.
    {
        let entry = |n: usize| safety::Entry {
            seq: 0,
            check: format!("list-{}", n / 23),
            date: TODAY.into(),
            at: format!("{TODAY}T09:30:00+00:00"),
            what: safety::What::Answer {
                sign: format!("sign-{}", n % 23),
                level: content::Urgency::Today,
                question: "Is it so?".into(),
                yes: n.is_multiple_of(97),
            },
        };
        let mut disk = safety::Record::default();
        for n in 0..50_000 {
            disk.push(entry(n));
        }
        disk.number();
        let mine = disk.clone();
        r.run(
            "safety: merge 50,000 answers",
            "Record::merge of two copies of 50,000 answers".into(),
            &mut || {
                let mut m = mine.clone();
                m.merge(black_box(disk.clone()));
                black_box(m);
            },
        );
        let mut kept = disk.clone();
        kept.archive(safety::MAX_KEPT, safety::KEEP);
        r.run(
            "safety: state of the kept answers",
            format!("Record::safety over {} answers", kept.entries.len()),
            &mut || {
                black_box(black_box(&kept).safety());
            },
        );
    }

    println!("| benchmark | median | mean | fastest | iterations | what |");
    println!("|---|---:|---:|---:|---:|---|");
    for b in &r.results {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            b.name,
            fmt_ns(b.stats.median),
            fmt_ns(b.stats.mean),
            fmt_ns(b.stats.min),
            b.stats.iters,
            b.note
        );
    }
}
