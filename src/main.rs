//! backstretch: a calm terminal coach for gentle low-back stretches.
#![forbid(unsafe_code)]

mod app;
mod checklist;
mod cli;
mod content;
#[cfg(test)]
mod fuzz;
mod history;
mod keys;
mod plain;
mod plain_run;
mod report;
mod runner;
mod session;
mod store;
#[cfg(test)]
mod testutil;
mod tui;
mod ui;

use clap::Parser;
use cli::{Cli, Command};
use content::Content;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match real_main(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = tui::leave();
            eprintln!("backstretch: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Colour for plain output: only to a terminal, never with NO_COLOR or --no-color.
fn color_allowed(cli: &Cli) -> bool {
    !cli.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn real_main(cli: Cli) -> anyhow::Result<ExitCode> {
    let color = color_allowed(&cli);
    let paint = plain::Paint {
        on: color && io::stdout().is_terminal(),
    };
    let content = match &cli.content {
        Some(path) => match Content::load(path) {
            Ok(c) => c,
            Err(report) => {
                eprint!("{report}");
                return Ok(ExitCode::from(1));
            }
        },
        None => Content::embedded(),
    };
    let mut out = io::stdout().lock();
    match &cli.command {
        Some(Command::List) => {
            write!(out, "{}", plain::list(&content, paint))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Show { id }) => match content.stretch(id) {
            Some(s) => {
                write!(out, "{}", plain::show(&content, s, paint))?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                eprint!("{}", plain::unknown_stretch(&content, id));
                Ok(ExitCode::from(2))
            }
        },
        Some(Command::Flags { check: false }) => {
            write!(out, "{}", plain::flags(&content, paint))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Flags { check: true }) => {
            drop(out);
            flags_check(&cli, &content, paint)
        }
        Some(Command::History) => {
            let mut st = open_store(&cli)?;
            let records = st.load_history();
            for p in &st.problems {
                eprintln!("backstretch: {p}");
            }
            write!(out, "{}", report::table(&records))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            format,
            out: file,
            force,
        }) => {
            let mut st = open_store(&cli)?;
            let records = st.load_history();
            let state = st.load_state();
            let settings = st.load_settings();
            for p in &st.problems {
                eprintln!("backstretch: {p}");
            }
            let text = match format {
                cli::Format::Md => report::markdown(&content, &records, &state, &settings),
                cli::Format::Csv => report::csv(&records),
            };
            match file {
                None => write!(out, "{text}")?,
                Some(path) => {
                    if path.exists() && !force {
                        eprintln!(
                            "backstretch: {} already exists; pass --force to replace it",
                            path.display()
                        );
                        return Ok(ExitCode::from(1));
                    }
                    store::write_atomic(path, text.as_bytes())
                        .map_err(|e| anyhow::anyhow!("could not write {}: {e}", path.display()))?;
                    eprintln!(
                        "backstretch: wrote {} ({})",
                        path.display(),
                        plain::count(records.len(), "session", "sessions")
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Validate { file }) => match Content::load(file) {
            Ok(c) => {
                writeln!(
                    out,
                    "{}: valid ({}, {}, {})",
                    file.display(),
                    plain::count(c.stretches.len(), "stretch", "stretches"),
                    plain::count(c.routines.len(), "routine", "routines"),
                    plain::count(c.red_flags.signs.len(), "warning sign", "warning signs"),
                )?;
                Ok(ExitCode::SUCCESS)
            }
            Err(report) => {
                write!(out, "{report}")?;
                Ok(ExitCode::from(1))
            }
        },
        Some(Command::Run {
            targets,
            hold,
            reps,
            no_checkin,
            plain,
        }) => {
            drop(out);
            let plan = match resolve_run(&content, targets, *hold, *reps) {
                Ok(p) => p,
                Err(msg) => {
                    eprintln!("backstretch: {msg}");
                    return Ok(ExitCode::from(2));
                }
            };
            if *plain {
                plain_session(&cli, content, plan, *no_checkin)
            } else {
                open_app(&cli, content, Some(plan), *no_checkin, color)
            }
        }
        None => {
            drop(out);
            open_app(&cli, content, None, false, color)
        }
    }
}

/// The data directory's files: --data-dir, BACKSTRETCH_DATA_DIR, or the platform's.
fn open_store(cli: &Cli) -> anyhow::Result<store::Store> {
    let dir = store::data_dir(cli.data_dir.clone()).map_err(anyhow::Error::msg)?;
    Ok(store::Store::new(dir))
}

/// The local date and time, or a fixed date for tests.
fn wall_clock(today: Option<String>) -> anyhow::Result<Box<dyn Fn() -> app::Wall>> {
    if let Some(d) = &today {
        d.parse::<jiff::civil::Date>()
            .map_err(|e| anyhow::anyhow!("--today {d}: expected a date like 2026-11-24 ({e})"))?;
    }
    Ok(Box::new(move || {
        let now = jiff::Zoned::now();
        let date = today.clone().unwrap_or_else(|| now.date().to_string());
        let at = format!("{date}T{}", now.strftime("%H:%M:%S%:z"));
        app::Wall { date, at }
    }))
}

fn flags_check(cli: &Cli, content: &Content, paint: plain::Paint) -> anyhow::Result<ExitCode> {
    use content::Urgency;
    let wall = wall_clock(cli.today.clone())?;
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = io::stdout().lock();
    let Some(outcome) = plain::check(content, &mut input, &mut out, paint)? else {
        return Ok(ExitCode::from(1));
    };
    // Keep the answer with the day's date, as the full-screen checklist does.
    let mut st = open_store(cli)?;
    let mut state = st.load_state();
    if let Some(p) = st.problem() {
        eprintln!("backstretch: {p}");
    } else {
        let w = wall();
        state.checks.push(store::CheckRecord {
            date: w.date,
            at: w.at,
            result: store::CheckResult::from_urgency(outcome.urgency),
            yes: outcome
                .all_yes
                .iter()
                .map(|&i| content.red_flags.signs[i].id.clone())
                .collect(),
            quick: false,
        });
        if let Err(e) = st.save_state(&mut state) {
            eprintln!(
                "backstretch: could not save the answer to {}: {e}",
                st.state_path().display()
            );
        }
    }
    Ok(ExitCode::from(match outcome.urgency {
        None => 0,
        Some(Urgency::Soon) => 3,
        Some(Urgency::Today) => 4,
        Some(Urgency::Emergency) => 5,
    }))
}

/// The model with everything from the data directory: state, settings, history.
fn build_app(
    cli: &Cli,
    content: Content,
    no_checkin: bool,
    color: bool,
) -> anyhow::Result<(app::App, store::Store)> {
    let wall = wall_clock(cli.today.clone())?;
    let mut st = open_store(cli)?;
    let state = st.load_state();
    let settings = st.load_settings();
    let history = st.load_history();
    let mut app = app::App::new(content, state, wall);
    app.history = history;
    app.skip_checkin_once = no_checkin;
    app.store_problem = st.problem().map(str::to_string);
    app.quiet = cli.quiet;
    // NO_COLOR and --no-color win over --theme, which wins over the saved setting.
    if !color {
        app.theme = ui::ThemeKind::Mono;
        app.theme_locked = true;
    } else if let Some(t) = cli.theme {
        app.theme = t;
        app.theme_locked = true;
    }
    app.apply_settings(settings);
    Ok((app, st))
}

/// `run --plain`: plain lines, no terminal needed.
fn plain_session(
    cli: &Cli,
    content: Content,
    plan: session::Plan,
    no_checkin: bool,
) -> anyhow::Result<ExitCode> {
    let (mut app, st) = build_app(cli, content, no_checkin, false)?;
    for p in &st.problems {
        eprintln!("backstretch: {p}");
    }
    let clock = runner::ScaledClock::new(cli.time_scale);
    let input = plain_run::stdin_lines()?;
    let out = io::stdout().lock();
    let echo = !io::stdin().is_terminal();
    let exit = plain_run::run(&mut app, plan, input, echo, out, &clock, Some(&st))?;
    Ok(match exit {
        plain_run::PlainExit::Done | plain_run::PlainExit::NotStarted => ExitCode::SUCCESS,
        plain_run::PlainExit::Blocked => ExitCode::from(5),
        plain_run::PlainExit::Signal(sig) => ExitCode::from(128u8.saturating_add(sig as u8)),
    })
}

/// The full-screen coach, at home or straight into a session.
fn open_app(
    cli: &Cli,
    content: Content,
    start: Option<session::Plan>,
    no_checkin: bool,
    color: bool,
) -> anyhow::Result<ExitCode> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        eprintln!(
            "backstretch: the full-screen coach needs a terminal on stdin and stdout.\n\
             Without one, use the plain commands: `backstretch list`, `backstretch show ID`, \
             `backstretch flags`, `backstretch flags --check` or `backstretch run --plain`."
        );
        return Ok(ExitCode::from(2));
    }
    let (mut app, st) = build_app(cli, content, no_checkin, color)?;
    let clock = runner::ScaledClock::new(cli.time_scale);
    let exit = {
        let _guard = tui::Guard::new()?;
        let mut ui = tui::TermFrontend::new()?;
        let mut events = tui::TermEvents::start()?;
        if let Some(plan) = start {
            use runner::Clock;
            app.request_start(plan, clock.now());
        }
        let mut stats = runner::LoopStats::default();
        runner::run(
            &mut app,
            &mut ui,
            &mut events,
            &clock,
            Some(&st),
            &mut stats,
        )?
    };
    Ok(match exit {
        runner::Exit::Quit | runner::Exit::Closed => ExitCode::SUCCESS,
        runner::Exit::Signal(sig) => ExitCode::from(128u8.saturating_add(sig as u8)),
    })
}

/// What `run` was asked for, checked against the content: a routine, or stretch ids.
fn resolve_run(
    c: &Content,
    targets: &[String],
    hold: Option<u32>,
    reps: Option<u32>,
) -> Result<session::Plan, String> {
    let mut dose = session::DoseChoice::defaults(c);
    let check = |value: Option<u32>, b: content::Bounded, flag: &str, what: &str| match value {
        Some(v) if !b.contains(v) => Err(format!(
            "{flag} {v} is out of bounds: {what} must be between {} and {}",
            b.min, b.max
        )),
        Some(v) => Ok(v),
        None => Ok(b.default),
    };
    dose.hold_secs = check(hold, c.dose.hold_seconds, "--hold", "seconds of hold")?;
    dose.reps = check(reps, c.dose.repetitions, "--reps", "repetitions")?;
    let (routine, ids): (Option<String>, Vec<String>) = match targets {
        [] => {
            let r = c.routine("full").unwrap_or(&c.routines[0]);
            (Some(r.id.clone()), r.stretches.clone())
        }
        [one] if c.routine(one).is_some() => {
            let r = c.routine(one).expect("checked");
            (Some(r.id.clone()), r.stretches.clone())
        }
        many => {
            if let Some(r) = many.iter().find(|t| c.routine(t).is_some()) {
                return Err(format!(
                    "'{r}' is a routine: give one routine on its own, or stretch ids"
                ));
            }
            (None, many.to_vec())
        }
    };
    let mut idx = Vec::new();
    for id in &ids {
        match c.stretch_index(id) {
            Some(i) => idx.push(i),
            None => {
                let mut msg = format!("no stretch or routine '{id}'");
                if let Some(best) = c.closest_id(id, true) {
                    msg.push_str(&format!("\ndid you mean '{best}'?"));
                }
                let r: Vec<&str> = c.routines.iter().map(|r| r.id.as_str()).collect();
                let s: Vec<&str> = c.stretches.iter().map(|s| s.id.as_str()).collect();
                msg.push_str(&format!(
                    "\nroutines: {}\nstretches: {}",
                    r.join(", "),
                    s.join(", ")
                ));
                return Err(msg);
            }
        }
    }
    Ok(session::Plan::build(c, routine, idx, dose))
}
