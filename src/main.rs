//! backstretch: a calm terminal coach for gentle low-back stretches.
#![forbid(unsafe_code)]

mod app;
mod checklist;
mod cli;
mod content;
mod files;
#[cfg(test)]
mod fuzz;
mod history;
mod keys;
mod lang;
mod layout;
mod plain;
mod plain_run;
mod prescription;
mod report;
mod runner;
mod safety;
mod screens;
mod session;
mod speech;
mod status;
mod store;
#[cfg(test)]
mod testutil;
mod text;
mod theme;
mod toolbox;
mod tui;
mod ui;
mod voice;

/// A message on stderr, through the sanitiser (it may quote a file: a path, a history
/// line). A stderr that cannot be written (closed, a full disk) is no reason to panic: the
/// exit status still tells.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let mut err = std::io::stderr().lock();
        for line in text.split('\n') {
            let _ = writeln!(err, "{}", crate::text::clean(line));
        }
    }};
}

/// Text on stderr as it is (a report that ends its own lines).
macro_rules! note_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

use clap::Parser;
use cli::{Cli, Command};
use content::Content;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// The exit status after a closed pipe: 128 + SIGPIPE, as a shell reports a Unix tool
/// that the pipe ended.
const EXIT_PIPE: u8 = 141;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help, --version and usage errors. A failed write is an error too.
            let code = u8::try_from(e.exit_code()).unwrap_or(2);
            let printed = e.print().and_then(|()| io::stdout().flush());
            return match printed {
                Ok(()) => ExitCode::from(code),
                Err(err) => output_failed(&err),
            };
        }
    };
    let result = real_main(cli).and_then(|code| {
        io::stdout().flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = tui::leave();
            if let Some(io) = e.downcast_ref::<io::Error>() {
                return output_failed(io);
            }
            note!("backstretch: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Output that could not be written: a closed pipe ends quietly (as `head` closing it is
/// no fault), anything else (a full disk) is said on stderr. Non-zero either way.
fn output_failed(e: &io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::from(EXIT_PIPE);
    }
    let _ = writeln!(io::stderr(), "backstretch: could not write the output: {e}");
    ExitCode::from(1)
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
    // These two read content files of their own.
    match &cli.command {
        Some(Command::Validate { file }) => return validate(file),
        Some(Command::Prescribe { file, clear }) => {
            return prescribe(&cli, file.as_deref(), *clear);
        }
        _ => {}
    }
    let content = match load_content(&cli) {
        Ok((c, _)) => c,
        Err(code) => return Ok(code),
    };
    let mut out = io::stdout().lock();
    match &cli.command {
        Some(Command::Validate { .. }) | Some(Command::Prescribe { .. }) => {
            unreachable!("handled above")
        }
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
                note_raw!("{}", plain::unknown_stretch(&content, id));
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
            let st = open_store(&cli)?;
            let path = st.history_path();
            // Two passes over the file, a line at a time: the column widths, then the rows.
            let mut table = report::Table::new(&content.words);
            let scan = match history::scan(&path, Some(now(&cli)?), |r| table.add(r)) {
                Ok(scan) => scan,
                Err(e) => return Ok(history_unreadable(&path, &e)),
            };
            report_bad_lines(&path, &scan);
            let mut w = io::BufWriter::new(out);
            let file = report::FileSessions {
                path: &path,
                scan: &scan,
            };
            table
                .write(&mut w, &file)
                .map_err(|e| read_or_write(&path, e))?;
            w.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Status { format }) => {
            let today = match &cli.today {
                Some(d) => {
                    d.parse::<jiff::civil::Date>().map_err(|e| {
                        anyhow::anyhow!("--today {d}: expected a date like 2026-11-24 ({e})")
                    })?;
                    d.clone()
                }
                None => jiff::Zoned::now().date().to_string(),
            };
            // Only reads: nothing in the data directory is created or written.
            let mut st = open_store(&cli)?;
            let state = st.load_state();
            let settings = st.load_settings();
            let mut failed = st.state_unreadable();
            let recent = status::recent(&st.history_path(), &today).unwrap_or_else(|e| {
                failed = true;
                st.problems.push(format!(
                    "{} could not be read ({e})",
                    st.history_path().display()
                ));
                status::Recent::default()
            });
            for p in &st.problems {
                note!("backstretch: {p}");
            }
            let s = status::Status {
                day: settings
                    .spasm_start
                    .as_deref()
                    .and_then(|start| history::day_number(start, &today)),
                sessions_today: recent.sessions_today,
                last_session: recent.last_session,
                checklist: if st.state_unreadable() {
                    status::Standing::Unknown
                } else {
                    status::standing(&state, &today)
                },
            };
            let line = match format {
                cli::StatusFormat::Text => status::text(&s, &content, &today),
                cli::StatusFormat::Json => status::json(&s),
                cli::StatusFormat::Tmux => status::tmux(&s, &content, &today, color),
            };
            write!(out, "{line}")?;
            // A standing answer's code first (safety before errors); else 1 if a file
            // could not be read.
            Ok(ExitCode::from(match s.checklist.exit_code() {
                0 if failed => 1,
                code => code,
            }))
        }
        Some(Command::Export {
            format,
            out: file,
            force,
        }) => {
            drop(out);
            export(&cli, &content, *format, file.as_deref(), *force)
        }
        Some(Command::Completions { shell }) => {
            out.write_all(&toolbox::completions(*shell, &content))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            out.write_all(&toolbox::man_page())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Schema) => {
            write!(out, "{}", toolbox::schema())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Run {
            targets,
            hold,
            reps,
            lead_in,
            rest,
            wait,
            no_checkin,
            plain,
        }) => {
            drop(out);
            let plan = match resolve_run(&content, targets, *hold, *reps, *lead_in, *rest) {
                Ok(p) => p,
                Err(msg) => {
                    note!("backstretch: {msg}");
                    return Ok(ExitCode::from(2));
                }
            };
            let start = Start {
                plan,
                no_checkin: *no_checkin,
                wait: *wait,
                lead_in: *lead_in,
                rest: *rest,
            };
            if *plain {
                plain_session(&cli, content, start)
            } else {
                open_app(&cli, content, Some(start), color)
            }
        }
        None => {
            drop(out);
            open_app(&cli, content, None, color)
        }
    }
}

/// `validate FILE`: every problem, or "valid" with what it holds and any warnings.
fn validate(file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    match Content::load(file) {
        Ok(mut c) => {
            // Safety words that a small screen would not show whole.
            let fit = ui::fit::safety_problems(&c);
            c.warnings.extend(fit);
            writeln!(
                out,
                "{}: valid ({}, {}, {})",
                text::path(file),
                plain::count(c.stretches.len(), "stretch", "stretches"),
                plain::count(c.routines.len(), "routine", "routines"),
                plain::count(c.red_flags.signs.len(), "warning sign", "warning signs"),
            )?;
            write!(out, "{}", content::warnings(&text::path(file), &c))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(report) => {
            write!(out, "{report}")?;
            Ok(ExitCode::from(1))
        }
    }
}

/// The data directory, if one can be found (no home directory: none).
fn data_dir_of(cli: &Cli) -> Option<std::path::PathBuf> {
    store::data_dir(cli.data_dir.clone()).ok()
}

/// The content in use: --content, BACKSTRETCH_CONTENT, the installed prescription or the
/// built-in file. A chosen file that does not load stops here with its full report.
fn load_content(cli: &Cli) -> Result<(Content, prescription::Origin), ExitCode> {
    let dir = data_dir_of(cli);
    let origin = prescription::origin(
        cli.content.as_deref(),
        std::env::var_os(prescription::ENV),
        dir.as_deref(),
    );
    let setting = dir
        .as_ref()
        .and_then(|d| store::Store::new(d.clone()).load_settings().language);
    let lang = match lang::choose(cli.lang.as_deref(), setting.as_deref(), |v| {
        std::env::var(v).ok()
    }) {
        Ok((lang, note)) => {
            if let Some(n) = note {
                eprintln!("backstretch: {n}");
            }
            lang
        }
        Err(msg) => {
            eprintln!("backstretch: {msg}");
            return Err(ExitCode::from(2));
        }
    };
    match prescription::load(&origin, &lang) {
        Ok(c) => Ok((c, origin)),
        Err(report) => {
            note_raw!("{report}");
            match &origin {
                prescription::Origin::Installed(_) => note!(
                    "backstretch: this is {}.\nFix the original and install it again with \
                     `backstretch prescribe FILE`, or go back to the built-in stretches with \
                     `backstretch prescribe --clear`.",
                    prescription::describe(&origin, dir.as_deref())
                ),
                prescription::Origin::Env(p) => note!(
                    "backstretch: {} is named by {} in the environment.",
                    p.display(),
                    prescription::ENV
                ),
                _ => {}
            }
            Err(ExitCode::from(1))
        }
    }
}

/// `prescribe [FILE | --clear]`.
fn prescribe(cli: &Cli, file: Option<&std::path::Path>, clear: bool) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    let env_note = |out: &mut io::StdoutLock| -> io::Result<()> {
        if let Some(e) = std::env::var_os(prescription::ENV).filter(|e| !e.is_empty()) {
            writeln!(
                out,
                "Note: {} is set ({}), so that file is used instead in this environment.",
                prescription::ENV,
                std::path::Path::new(&e).display()
            )?;
        }
        Ok(())
    };
    if clear {
        let dir = store::data_dir(cli.data_dir.clone()).map_err(anyhow::Error::msg)?;
        let had = prescription::clear(&dir).map_err(|e| {
            anyhow::anyhow!(
                "could not remove the prescription in {}: {e}",
                dir.display()
            )
        })?;
        if had {
            writeln!(
                out,
                "Removed the prescription from {}. Every command now uses the built-in stretches.",
                dir.display()
            )?;
        } else {
            writeln!(
                out,
                "No prescription is installed in {}; the built-in stretches are in use.",
                dir.display()
            )?;
        }
        env_note(&mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(file) = file else {
        let dir = data_dir_of(cli);
        let (content, origin) = match load_content(cli) {
            Ok(c) => c,
            Err(code) => return Ok(code),
        };
        write!(
            out,
            "{}",
            prescription::status(&content, &origin, dir.as_deref())
        )?;
        return Ok(ExitCode::SUCCESS);
    };
    let name = file.display().to_string();
    // Only a regular file, of a content file's size, in UTF-8.
    let bytes = match files::read_bytes(file, files::CONTENT_CAP) {
        Ok(b) => b,
        Err(e) => {
            note!("backstretch: cannot read {name}: {e}; nothing was installed");
            return Ok(ExitCode::from(1));
        }
    };
    let text = match files::decode(bytes.clone()) {
        Ok(t) => t,
        Err(e) => {
            note!("backstretch: {name}: {e}; nothing was installed");
            return Ok(ExitCode::from(1));
        }
    };
    let content = match Content::parse(&text, &name) {
        Ok(mut c) => {
            let fit = ui::fit::safety_problems(&c);
            c.warnings.extend(fit);
            c
        }
        Err(report) => {
            note_raw!("{report}");
            note!("backstretch: nothing was installed.");
            return Ok(ExitCode::from(1));
        }
    };
    let dir = store::data_dir(cli.data_dir.clone()).map_err(anyhow::Error::msg)?;
    let at = wall_clock(cli.today.clone())?().at;
    let dest = prescription::install(&dir, file, &bytes, at).map_err(|e| {
        anyhow::anyhow!(
            "could not install the prescription in {}: {e}",
            dir.display()
        )
    })?;
    write!(out, "{}", content::warnings(&name, &content))?;
    let id = content.identity();
    let mut about = Vec::new();
    if let Some(v) = &id.version {
        about.push(format!("version {v}"));
    }
    if let Some(h) = &id.sha256 {
        about.push(format!("sha256 {}", h.get(..12).unwrap_or(h)));
    }
    writeln!(
        out,
        "Installed {} ({}) as {}.\nEvery command now uses it; `backstretch prescribe --clear` goes back to the built-in stretches.",
        content.label().unwrap_or_else(|| name.clone()),
        about.join(", "),
        dest.display()
    )?;
    if cli.content.is_some() {
        writeln!(
            out,
            "Note: --content still wins for the run it is given to."
        )?;
    }
    env_note(&mut out)?;
    Ok(ExitCode::SUCCESS)
}

/// The data directory's files: --data-dir, BACKSTRETCH_DATA_DIR, or the platform's. Its
/// place must be free or a directory.
fn open_store(cli: &Cli) -> anyhow::Result<store::Store> {
    let dir = store::data_dir(cli.data_dir.clone()).map_err(anyhow::Error::msg)?;
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(
            "the data directory {} is a file, not a directory: move that file away, or pass --data-dir DIR",
            dir.display()
        );
    }
    Ok(store::Store::new(dir))
}

/// The history could not be read at all: said, with what to do, and exit 1.
fn history_unreadable(path: &std::path::Path, e: &io::Error) -> ExitCode {
    note!(
        "backstretch: the history {} could not be read ({e}); check its permissions, or move it away to start a new one",
        path.display()
    );
    ExitCode::from(1)
}

/// Sessions set apart for their date, and lines that could not be read, on stderr.
fn report_bad_lines(path: &std::path::Path, scan: &history::Scan) {
    for p in scan.problems(path) {
        note!("backstretch: {p}");
    }
}

/// An error while streaming the history out: reading it is named as such; writing is an
/// output error.
fn read_or_write(path: &std::path::Path, e: io::Error) -> anyhow::Error {
    match e.kind() {
        io::ErrorKind::BrokenPipe | io::ErrorKind::StorageFull | io::ErrorKind::WriteZero => {
            e.into()
        }
        _ if e.raw_os_error() == Some(28) => e.into(),
        _ => anyhow::anyhow!("reading {}: {e}", path.display()),
    }
}

/// `export`: the history streamed to stdout or into `--out`, written so that no one else's
/// file is replaced by surprise (see `out_target`).
fn export(
    cli: &Cli,
    content: &Content,
    format: cli::Format,
    file: Option<&std::path::Path>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let target = match file.map(|f| out_target(f, force)).transpose() {
        Ok(t) => t,
        Err(msg) => {
            note!("backstretch: {msg}");
            return Ok(ExitCode::from(1));
        }
    };
    let mut st = open_store(cli)?;
    let path = st.history_path();
    let mut sum = history::Summary::default();
    let scan = match history::scan(&path, Some(now(cli)?), |r| sum.add(r)) {
        Ok(scan) => scan,
        Err(e) => return Ok(history_unreadable(&path, &e)),
    };
    report_bad_lines(&path, &scan);
    let state = st.load_state();
    let answers = st.all_answers(&state);
    let settings = st.load_settings();
    for p in &st.problems {
        note!("backstretch: {p}");
    }
    let sessions = report::FileSessions {
        path: &path,
        scan: &scan,
    };
    let write = |w: &mut dyn Write| match format {
        cli::Format::Md => report::write_markdown(
            w,
            content,
            &sum,
            &sessions,
            &scan.suspect,
            &answers,
            &settings,
        ),
        cli::Format::Csv => report::write_csv(w, &sessions),
    };
    let Some(target) = target else {
        let mut w = io::BufWriter::new(io::stdout().lock());
        write(&mut w).map_err(|e| read_or_write(&path, e))?;
        w.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    let written = match &target {
        OutTarget::Replace(p) => store::write_atomic_with(p, |w| write(w)),
        OutTarget::Into(p) => std::fs::OpenOptions::new()
            .write(true)
            .open(p)
            .and_then(|f| {
                let mut w = io::BufWriter::new(f);
                write(&mut w)?;
                w.flush()
            }),
    };
    let shown = file.unwrap_or(std::path::Path::new("-")).display();
    if let Err(e) = written {
        note!("backstretch: could not write {shown}: {e}");
        return Ok(ExitCode::from(1));
    }
    note!(
        "backstretch: wrote {shown} ({})",
        plain::count(scan.len(), "session", "sessions")
    );
    Ok(ExitCode::SUCCESS)
}

/// How `export --out` writes.
enum OutTarget {
    /// A new file, or a regular file replaced (with --force): atomically.
    Replace(std::path::PathBuf),
    /// A fifo or a character device (with --force): written into, as a shell's `>` would.
    Into(std::path::PathBuf),
}

/// Decides how to write `--out`: anything already there (even a dangling link) needs
/// --force; --force replaces only a regular file; a directory or socket is refused; the
/// directory it goes in must exist.
fn out_target(path: &std::path::Path, force: bool) -> Result<OutTarget, String> {
    use std::os::unix::fs::FileTypeExt;
    let shown = path.display();
    match std::fs::symlink_metadata(path) {
        Ok(_) if !force => Err(format!(
            "{shown} already exists; pass --force to replace it"
        )),
        Ok(link) => {
            // Through a link to where it points (a dangling one is replaced itself).
            let meta = std::fs::metadata(path).unwrap_or(link);
            let t = meta.file_type();
            if t.is_file() {
                Ok(OutTarget::Replace(
                    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
                ))
            } else if t.is_symlink() {
                Ok(OutTarget::Replace(path.to_path_buf()))
            } else if t.is_fifo() || t.is_char_device() {
                Ok(OutTarget::Into(path.to_path_buf()))
            } else if t.is_dir() {
                Err(format!(
                    "{shown} is a directory; give a file name, such as {}",
                    path.join("backstretch.md").display()
                ))
            } else {
                Err(format!(
                    "{shown} is not a regular file; --force replaces regular files only"
                ))
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => std::path::Path::new("."),
            };
            if dir.is_dir() {
                Ok(OutTarget::Replace(path.to_path_buf()))
            } else {
                Err(format!(
                    "the directory {} does not exist; create it first, or give another --out",
                    dir.display()
                ))
            }
        }
        Err(e) => Err(format!("cannot use {shown}: {e}")),
    }
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

/// Now, as the model sees it (the --today date with the time of day, for tests).
fn now(cli: &Cli) -> anyhow::Result<jiff::Timestamp> {
    let w = wall_clock(cli.today.clone())?();
    Ok(w.at.parse().unwrap_or_else(|_| jiff::Timestamp::now()))
}

fn flags_check(cli: &Cli, content: &Content, paint: plain::Paint) -> anyhow::Result<ExitCode> {
    use content::Urgency;
    let wall = wall_clock(cli.today.clone())?;
    // Each answer is saved the moment it is given, as the full-screen checklist does, so
    // an early end (end of input, q, Ctrl-C) keeps what was answered.
    // The questions are asked, and the result stands, even when nothing can be kept.
    let (mut st, mut state, problem) = match open_store(cli) {
        Ok(mut st) => {
            let state = st.load_state();
            let problem = st.problem().map(str::to_string);
            (Some(st), state, problem)
        }
        Err(e) => (
            None,
            store::State::default(),
            Some(format!("the answers will not be saved: {e:#}")),
        ),
    };
    if let Some(p) = &problem {
        note!("backstretch: {p}");
    }
    let check = safety::new_check_id();
    let mut save_failed = false;
    let mut keep = |what: safety::What| {
        let Some(st) = st.as_mut().filter(|_| problem.is_none()) else {
            return;
        };
        let w = wall();
        state.safety.push(safety::Entry {
            seq: 0,
            check: check.clone(),
            date: w.date,
            at: w.at,
            what,
        });
        if let Err(e) = st.save_state(&mut state)
            && !save_failed
        {
            save_failed = true;
            note!(
                "backstretch: could not save the answer to {}: {e}",
                st.state_path().display()
            );
        }
    };
    let stdin = io::stdin();
    // Answers typed at a terminal show as typed; piped ones are written after their
    // question, so each question ends its line.
    let echo = !stdin.is_terminal();
    let mut input = stdin.lock();
    let mut out = io::stdout().lock();
    let saving = problem.is_none();
    let mut outcome = plain::check(
        content, &mut input, &mut out, paint, echo, &mut keep, saving,
    )?;
    // A list left early lifts nothing: a more urgent yes given before still stands, and
    // is said, with its code, as `status` and the coach say it.
    if !outcome.as_ref().is_some_and(|o| o.complete) {
        let standing = state.safety.safety();
        let run = outcome.as_ref().and_then(|o| o.urgency);
        if let Some(u) = standing.level().filter(|u| run.is_none_or(|r| u < &r))
            && let Some(level) = content.red_flags.level(u)
        {
            let names: Vec<String> = standing
                .standing
                .iter()
                .filter(|s| s.level == u)
                .map(|s| {
                    let sign = content.red_flags.signs.iter().find(|x| x.id == s.sign);
                    sign.map_or(s.sign.clone(), |x| x.short.clone())
                })
                .collect();
            let said = format!(
                "An earlier yes still stands: {}. It holds until the whole list is done again with a no to it.",
                names.join("; ")
            );
            writeln!(out)?;
            writeln!(out, "{}", plain::level_title(&level.title, u, paint))?;
            writeln!(out, "{}", plain::wrap(&level.action, 78, ""))?;
            writeln!(out, "{}", plain::wrap(&said, 78, ""))?;
            outcome = Some(checklist::Outcome {
                urgency: Some(u),
                signs: Vec::new(),
                all_yes: Vec::new(),
                complete: false,
            });
        }
    }
    // The most urgent yes decides, even when the list was left early; without one, an
    // unfinished list has no result.
    Ok(ExitCode::from(match outcome {
        Some(o) => match o.urgency {
            Some(Urgency::Emergency) => 5,
            Some(Urgency::Today) => 4,
            Some(Urgency::Soon) => 3,
            None if o.complete => 0,
            None => 1,
        },
        None => 1,
    }))
}

/// A session asked for with `run`.
struct Start {
    plan: session::Plan,
    no_checkin: bool,
    wait: bool,
    /// Given on the command line; else the saved setting.
    lead_in: Option<u32>,
    rest: Option<u32>,
}

impl Start {
    /// The plan with the saved lead-in and rest where none was given, and `--wait`.
    fn prepare(self, app: &mut app::App) -> session::Plan {
        app.wait_once = self.wait;
        let mut dose = self.plan.dose;
        if self.lead_in.is_none() {
            dose.lead_in_secs = app.dose.lead_in_secs;
        }
        if self.rest.is_none() {
            dose.rest_secs = app.dose.rest_secs;
        }
        session::Plan::build(&app.content, self.plan.routine, self.plan.stretches, dose)
    }
}

/// The model with the state and settings of the data directory (the history's figures
/// are read by the caller: in the background for the full screen).
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
    let mut app = app::App::new(content, state, wall);
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
    app.voice_forced = cli.voice;
    app.speech = speech::detect(
        std::env::var(speech::SPEAK_ENV).ok().as_deref(),
        app.settings.speak_command.as_deref(),
        std::env::var_os("PATH").as_deref(),
    );
    Ok((app, st))
}

/// `run --plain`: plain lines, no terminal needed.
fn plain_session(cli: &Cli, content: Content, start: Start) -> anyhow::Result<ExitCode> {
    let (mut app, st) = build_app(cli, content, start.no_checkin, false)?;
    let plan = start.prepare(&mut app);
    // No bell: a screen reader reads the words instead. The voice speaks if asked.
    let mut sound = speech::Sound::new(speech::Speaker::new(&app.speech), false);
    let past = history::Loaded::read(&st.history_path(), Some(now(cli)?));
    app.past = past.summary;
    for p in st.problems.iter().chain(&past.problems) {
        note!("backstretch: {p}");
    }
    let clock = runner::ScaledClock::new(cli.time_scale);
    let input = plain_run::stdin_lines()?;
    let out = io::stdout().lock();
    let echo = !io::stdin().is_terminal();
    let exit = plain_run::run(
        &mut app,
        plan,
        input,
        echo,
        out,
        &clock,
        Some(&st),
        &mut sound,
    )?;
    if app.unsaved && !matches!(exit, plain_run::PlainExit::Signal(_)) {
        note!("backstretch: not everything of this run could be saved (see above)");
        return Ok(ExitCode::from(1));
    }
    Ok(match exit {
        plain_run::PlainExit::Done | plain_run::PlainExit::NotStarted => ExitCode::SUCCESS,
        plain_run::PlainExit::Blocked => ExitCode::from(5),
        // As `status` and `flags --check` give for a standing today yes.
        plain_run::PlainExit::HeldOff => ExitCode::from(4),
        plain_run::PlainExit::Signal(sig) => ExitCode::from(128u8.saturating_add(sig as u8)),
    })
}

/// The full-screen coach, at home or straight into a session.
fn open_app(
    cli: &Cli,
    content: Content,
    start: Option<Start>,
    color: bool,
) -> anyhow::Result<ExitCode> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        note!(
            "backstretch: the full-screen coach needs a terminal on stdin and stdout.\n\
             Without one, use the plain commands: `backstretch list`, `backstretch show ID`, \
             `backstretch flags`, `backstretch flags --check` or `backstretch run --plain`."
        );
        return Ok(ExitCode::from(2));
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        note!(
            "backstretch: the full-screen coach needs a capable terminal, and TERM=dumb says this one is not.\n\
             Use `backstretch run --plain` for a session in plain lines, or the other plain commands \
             (`list`, `show ID`, `flags`, `flags --check`)."
        );
        return Ok(ExitCode::from(2));
    }
    let no_checkin = start.as_ref().is_some_and(|s| s.no_checkin);
    let (mut app, st) = build_app(cli, content, no_checkin, color)?;
    let start = start.map(|s| s.prepare(&mut app));
    let clock = runner::ScaledClock::new(cli.time_scale);
    // Dropped after the terminal is restored: any speech still going is stopped then.
    let mut sound = speech::Sound::new(speech::Speaker::new(&app.speech), true);
    let exit = {
        let _guard = tui::Guard::new()?;
        let mut ui = tui::TermFrontend::new()?;
        let mut events = tui::TermEvents::start()?;
        // The history's figures are read once the first frame is up: the coach opens at
        // once, however long the history.
        let (path, at, waker) = (st.history_path(), now(cli)?, events.loaded_waker());
        // Only what is on disk now: the sessions of this run are in `app.history`.
        let limit = std::fs::metadata(&path).map_or(0, |m| m.len());
        app.read_past = Some(Box::new(move || {
            history::Loaded::spawn(path, Some(at), limit, waker)
        }));
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
            &mut sound,
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
    lead_in: Option<u32>,
    rest: Option<u32>,
) -> Result<session::Plan, String> {
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
    let mut dose = session::DoseChoice::defaults(c);
    dose.hold_secs = check_dose(c, &idx, hold, true)?;
    dose.reps = check_dose(c, &idx, reps, false)?;
    let within = |value: Option<u32>, b: content::Bounded, flag: &str, what: &str| match value {
        Some(v) if !b.contains(v) => Err(format!(
            "{flag} {v} is out of bounds: {what} must be between {} and {}",
            b.min, b.max
        )),
        Some(v) => Ok(v),
        None => Ok(b.default),
    };
    dose.lead_in_secs = within(
        lead_in,
        c.dose.lead_in_seconds,
        "--lead-in",
        "seconds of lead-in",
    )?;
    dose.rest_secs = within(rest, c.dose.rest_seconds, "--rest", "seconds of rest")?;
    Ok(session::Plan::build(c, routine, idx, dose))
}

/// `--hold` or `--reps` against the content: inside its bounds, and only where it can
/// change something. A value a prescription fixes is an error that says the value.
fn check_dose(c: &Content, idx: &[usize], value: Option<u32>, hold: bool) -> Result<u32, String> {
    let (b, flag, unit) = if hold {
        (c.dose.hold_seconds, "--hold", " s")
    } else {
        (c.dose.repetitions, "--reps", " repetitions")
    };
    let Some(v) = value else { return Ok(b.default) };
    let fixed = |i: &usize| {
        let s = &c.stretches[*i];
        if hold {
            c.fixed_hold(s)
        } else {
            c.fixed_reps(s)
        }
    };
    if !idx.is_empty() && idx.iter().all(|i| fixed(i).is_some()) {
        let mut values: Vec<u32> = idx.iter().filter_map(fixed).collect();
        values.sort_unstable();
        values.dedup();
        if values != [v] {
            let shown: Vec<String> = values.iter().map(|x| format!("{x}{unit}")).collect();
            return Err(format!(
                "{flag} {v}: the content in use fixes this at {}; it cannot be changed{}",
                shown.join(" or "),
                c.label()
                    .map_or(String::new(), |l| format!(" (set by {l})"))
            ));
        }
        return Ok(b.default.clamp(b.min, b.max));
    }
    if !b.contains(v) {
        return Err(format!(
            "{flag} {v} is out of bounds: {} must be between {} and {}",
            if hold {
                "seconds of hold"
            } else {
                "repetitions"
            },
            b.min,
            b.max
        ));
    }
    let kept: Vec<String> = idx
        .iter()
        .filter_map(|i| fixed(i).map(|x| format!("{} keeps its {x}{unit}", c.stretches[*i].id)))
        .collect();
    if !kept.is_empty() {
        note!(
            "backstretch: {flag} {v} applies to the other stretches; {}.",
            kept.join(", ")
        );
    }
    Ok(v)
}
