//! What makes backstretch at home in a terminal user's toolbox: shell completion scripts,
//! the manual page and the JSON Schema of content files. All three are generated from the
//! same definitions the program runs on (clap's command, the content types), so a new
//! command, option or content field shows up in each by itself.

use crate::cli::Cli;
use crate::content::Content;
use clap::CommandFactory;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap_complete::Shell;
use clap_mangen::roff::{Roff, bold, italic, roman};

/// The command name completions and the manual are written for.
pub const NAME: &str = "backstretch";

/// The command, with the ids of `content` as the values `run` and `show` take, so that
/// completion offers them. Only used to generate scripts: the real parser keeps accepting
/// any word, so an unknown id still gets backstretch's own "did you mean" message.
pub fn command_for(content: &Content) -> clap::Command {
    let routines: Vec<PossibleValue> = content
        .routines
        .iter()
        .map(|r| PossibleValue::new(r.id.clone()).help(plain_help(&r.name)))
        .collect();
    let stretches: Vec<PossibleValue> = content
        .stretches
        .iter()
        .map(|s| PossibleValue::new(s.id.clone()).help(plain_help(&s.name)))
        .collect();
    let targets: Vec<PossibleValue> = routines.into_iter().chain(stretches.clone()).collect();
    // Holds in the home screen's 5 s steps, and every repetition count, within bounds.
    let hold = content.dose.hold_seconds;
    let mut holds: Vec<u32> = (hold.min..=hold.max).filter(|v| v % 5 == 0).collect();
    holds.extend([hold.min, hold.max]);
    holds.sort_unstable();
    holds.dedup();
    let reps = content.dose.repetitions;
    let numbers = |values: Vec<u32>| {
        PossibleValuesParser::new(
            values
                .into_iter()
                .map(|v| PossibleValue::new(v.to_string())),
        )
    };
    let cmd = Cli::command()
        .mut_subcommand("run", |c| {
            c.mut_arg("targets", |a| {
                a.value_parser(PossibleValuesParser::new(targets))
            })
            .mut_arg("hold", |a| a.value_parser(numbers(holds)))
            .mut_arg("reps", |a| {
                a.value_parser(numbers((reps.min..=reps.max).collect()))
            })
        })
        .mut_subcommand("show", |c| {
            c.mut_arg("id", |a| {
                a.value_parser(PossibleValuesParser::new(stretches))
            })
        });
    visible(&cmd)
}

/// The command without its hidden options and commands (test hooks such as
/// --time-scale), which completion must not offer; some generators list them all.
fn visible(cmd: &clap::Command) -> clap::Command {
    let mut out = clap::Command::new(cmd.get_name().to_string())
        .args(cmd.get_arguments().filter(|a| !a.is_hide_set()).cloned())
        .subcommands(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(visible),
        );
    if let Some(about) = cmd.get_about() {
        out = out.about(about.clone());
    }
    if let Some(version) = cmd.get_version() {
        out = out.version(version.to_string());
    }
    out
}

/// A name from a content file, reduced to characters that are plain text in every shell's
/// completion syntax (a content file is not trusted to be free of quotes or `$(...)`).
fn plain_help(name: &str) -> String {
    let kept: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | ',' | '.') {
                c
            } else if matches!(c, '\'' | '\u{2019}') {
                '\u{2019}'
            } else {
                ' '
            }
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The completion script for `shell`, completing the ids of `content`.
pub fn completions(shell: Shell, content: &Content) -> Vec<u8> {
    let mut cmd = command_for(content);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, NAME, &mut out);
    match shell {
        Shell::Fish => fish_positionals(&cmd, &mut out),
        Shell::Elvish | Shell::PowerShell => {
            out = block_positionals(shell, &cmd, &String::from_utf8_lossy(&out)).into_bytes()
        }
        _ => {}
    }
    out
}

/// The values a command's own arguments take (the ids after `run` and `show`), with
/// their help, by command name.
fn positional_values(cmd: &clap::Command) -> Vec<(String, Vec<(String, String)>)> {
    cmd.get_subcommands()
        .map(|sub| {
            let values = sub
                .get_positionals()
                .flat_map(|a| a.get_possible_values())
                .filter(|v| !v.is_hide_set())
                .map(|v| {
                    let help = v.get_help().map(|h| h.to_string()).unwrap_or_default();
                    (v.get_name().to_string(), help)
                })
                .collect();
            (sub.get_name().to_string(), values)
        })
        .filter(|(_, values): &(String, Vec<_>)| !values.is_empty())
        .collect()
}

/// clap_complete's elvish and PowerShell scripts offer each command's options but not
/// its own arguments; this adds the ids to the block of candidates for `run` and `show`.
/// Values are ids ([a-z0-9-]) and help is `plain_help` text, so nothing needs quoting.
fn block_positionals(shell: Shell, cmd: &clap::Command, script: &str) -> String {
    let mut script = script.to_string();
    for (sub, values) in positional_values(cmd) {
        let (opening, line): (String, fn(&str, &str) -> String) = match shell {
            Shell::Elvish => (format!("&'{NAME};{sub}'= {{\n"), |v, h| {
                format!("            cand {v} '{h}'\n")
            }),
            _ => (format!("'{NAME};{sub}' {{\n"), |v, h| {
                format!(
                    "            [CompletionResult]::new('{v}', '{v}', \
                     [CompletionResultType]::ParameterValue, '{h}')\n"
                )
            }),
        };
        if let Some(at) = script.find(&opening) {
            let lines: String = values.iter().map(|(v, h)| line(v, h)).collect();
            script.insert_str(at + opening.len(), &lines);
        }
    }
    script
}

/// clap_complete's fish script completes options' values but not a command's own
/// arguments (the ids after `run` and `show`); these lines add them, with their names.
fn fish_positionals(cmd: &clap::Command, out: &mut Vec<u8>) {
    use std::io::Write;
    for (sub, values) in positional_values(cmd) {
        for (value, help) in values {
            // Values are ids ([a-z0-9-]) and help is plain_help text: nothing to quote.
            let _ = writeln!(
                out,
                "complete -c {NAME} -n \"__fish_{NAME}_using_subcommand {sub}\" -f -a '{value}' -d '{help}'",
            );
        }
    }
}

/// The JSON Schema (draft 2020-12) of content files, as kept in
/// `assets/content.schema.json`.
pub fn schema() -> String {
    let mut schema = schemars::schema_for!(Content).to_value();
    unwrap_descriptions(&mut schema);
    // What a reader looks for first goes first: the draft, the title, the description.
    if let serde_json::Value::Object(map) = &mut schema {
        let mut ordered = serde_json::Map::new();
        for key in ["$schema", "title", "description"] {
            if let Some(v) = map.remove(key) {
                ordered.insert(key.to_string(), v);
            }
        }
        ordered.append(map);
        *map = ordered;
    }
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is always JSON");
    text.push('\n');
    text
}

/// Doc comments are wrapped at 100 columns; an editor shows a description as one
/// paragraph, so single line breaks become spaces.
fn unwrap_descriptions(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    serde_json::Value::String(s) if key == "description" => {
                        *s = s
                            .split("\n\n")
                            .map(|para| para.split_whitespace().collect::<Vec<_>>().join(" "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    _ => unwrap_descriptions(value),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// The rules of a content file that `validate` checks and the schema cannot say.
pub const VALIDATE_ONLY: &str = "ids unique among stretches, routines and signs, no routine \
     id that is also a stretch id, routines naming stretches that exist, each dose's min no \
     larger than its max with the default between them, every row of a picture as wide as \
     the first (counting a wide character as two columns), only known {placeholders}, and no \
     number of seconds or times in the text that the dose contradicts";

/// Environment variables the program reads, with what they do.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "BACKSTRETCH_DATA_DIR",
        "Where checklist answers, settings and history are kept; the same as --data-dir, \
         which wins over it.",
    ),
    (
        "BACKSTRETCH_CONTENT",
        "A content file to use in this environment instead of the installed prescription or \
         the built-in content; --content still wins for one run. A file with problems stops \
         with the full report (exit 1), never falling back to the built-in content.",
    ),
    (
        "BACKSTRETCH_SPEAK",
        "The speech command for the spoken cues (--voice), split on whitespace, with the \
         text passed as its last argument, for example \"espeak-ng -s 140 -v en-gb\". It wins \
         over speak_command in settings.json, which wins over the search for a speech \
         command.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour in any output (the same as --no-color). Output \
         that is not a terminal never has colour or escape codes.",
    ),
    (
        "TERM",
        "TERM=dumb (as in an Emacs shell) makes the full-screen coach refuse to start (exit \
         2) and name run --plain.",
    ),
];

/// The files in the data directory, with what each holds.
pub const DATA_FILES: &[(&str, &str)] = &[
    (
        "state.json",
        "Whether the first-run notice was read, and the recent checklist answers, each with \
         its local date and time, the question and its level; the safety state is worked \
         out from these. Written atomically.",
    ),
    (
        "answers.jsonl",
        "Older checklist answers, moved out of state.json once it holds 400. Only ever \
         appended to.",
    ),
    (
        "settings.json",
        "The last dose and routine, check-ins on or off, the day the spasm began, the colour \
         theme, whether routines leave out what hurt lately, the voice, halfway and \
         wait-for-me choices, the lead-in and rest, and an optional speak_command added by \
         hand. Written atomically.",
    ),
    (
        "history.jsonl",
        "One line per session: start and end, the routine, each stretch with its hold, \
         repetitions and seconds held, pauses, skips, pain stops, pain before and after, the \
         checklist result standing at the start, and the content in use. Only ever appended \
         to, under a file lock.",
    ),
    (
        "prescription.json, prescription-origin.json",
        "The content file installed by backstretch prescribe FILE, byte for byte, and the \
         file it was copied from and when; prescribe --clear removes both.",
    ),
];

/// Exit codes, with their meaning.
pub const EXIT_CODES: &[(&str, &str)] = &[
    (
        "0",
        "Success; for flags --check, every answer no; for status, no standing yes.",
    ),
    (
        "1",
        "A bad content file (given with --content, named by BACKSTRETCH_CONTENT, or an \
         installed prescription edited into a broken one), an error, an export --out file \
         that exists, output that could not be written, an unreadable history, run --plain \
         that could not save, flags --check stopped early with no yes, or status when the state or history cannot be read.",
    ),
    (
        "2",
        "A usage error, an unknown id, an out-of-bounds dose, or no terminal for the \
         full-screen coach.",
    ),
    (
        "3",
        "flags --check and status: see a doctor soon (flags --check also when stopped early \
         after such a yes).",
    ),
    (
        "4",
        "flags --check and status: see a doctor today; also run --plain not started because \
         of a standing today answer.",
    ),
    (
        "5",
        "flags --check and status: an emergency sign; also run --plain blocked by a \
         standing emergency answer.",
    ),
    (
        "128+N",
        "Ended by signal N (SIGTERM, SIGHUP, SIGINT), after restoring the terminal.",
    ),
    (
        "141",
        "The output pipe was closed (as for any tool ended by SIGPIPE).",
    ),
];

/// The manual page, backstretch(1), in roff.
pub fn man_page() -> Vec<u8> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let version = cmd.get_version().unwrap_or_default().to_string();
    let man = clap_mangen::Man::new(cmd.clone())
        .title(NAME.to_uppercase())
        .section("1")
        .date(man_date())
        .source(format!("{NAME} {version}"))
        .manual("User Commands");

    let mut out = Vec::new();
    // Title, name, synopsis, description and the options every command takes, as
    // clap_mangen writes them from the command itself.
    for render in [
        clap_mangen::Man::render_title,
        clap_mangen::Man::render_name_section,
        clap_mangen::Man::render_synopsis_section,
        clap_mangen::Man::render_description_section,
        clap_mangen::Man::render_options_section,
    ] {
        render(&man, &mut out).expect("writing to memory");
    }

    let mut r = Roff::new();
    commands_section(&mut r, &cmd);

    r.control("SH", ["KEYS"]);
    r.text([roman(
        "Every screen lists its keys at the bottom (\"? more keys\" where they do not all \
         fit), and ? shows them all. One key at a time does everything. These lists come \
         from the same tables as the footers and the help:",
    )]);
    // The built-in content's bounds; a content file may set others.
    for (screen, keys) in crate::screens::manual::sections(&crate::content::Content::embedded()) {
        r.control("SS", [screen.as_str()]);
        for (key, what) in keys {
            r.control("TP", []);
            r.text([bold(key)]);
            r.text([roman(what)]);
        }
    }

    r.control("SH", ["CONTENT FILES"]);
    r.text([roman(
        "All coaching text (stretches, routines, the red-flag checklist, guidance and the \
         disclaimer) comes from a JSON content file; one is built in. ",
    )]);
    r.text([
        bold("backstretch schema"),
        roman(
            " prints its JSON Schema, for an editor to check a file as it is typed (a file \
             may name it with a top-level \"$schema\" key, which backstretch ignores). ",
        ),
        bold("backstretch validate"),
        italic(" FILE"),
        roman(format!(
            " checks every rule, also those only it can: {VALIDATE_ONLY}."
        )),
    ]);

    r.control("SH", ["ENVIRONMENT"]);
    for (var, what) in ENVIRONMENT {
        r.control("TP", []);
        r.text([bold(*var)]);
        r.text([roman(*what)]);
    }

    r.control("SH", ["FILES"]);
    r.text([
        roman("The data directory is "),
        bold("--data-dir"),
        roman(", else "),
        bold("$BACKSTRETCH_DATA_DIR"),
        roman(", else "),
        italic("~/.local/share/backstretch"),
        roman(" on Linux ("),
        italic("~/Library/Application Support/backstretch"),
        roman(" on macOS). It holds:"),
    ]);
    for (file, what) in DATA_FILES {
        r.control("TP", []);
        r.text([italic(*file)]);
        r.text([roman(*what)]);
    }
    r.control("PP", []);
    r.text([roman(
        "A file that cannot be read is reported and never written over; a history line \
         that cannot be read is skipped, never deleted.",
    )]);

    r.control("SH", ["EXIT STATUS"]);
    for (code, what) in EXIT_CODES {
        r.control("TP", []);
        r.text([bold(*code)]);
        r.text([roman(*what)]);
    }

    r.control("SH", ["EXAMPLES"]);
    for (example, what) in [
        ("backstretch", "open the coach"),
        ("backstretch run in-bed", "start the in-bed routine at once"),
        (
            "backstretch run cat-cow --hold 15",
            "one stretch, 15 s holds",
        ),
        (
            "backstretch run --plain floor",
            "coach in plain lines, for a screen reader",
        ),
        (
            "backstretch flags --check",
            "the warning-sign questions as plain prompts",
        ),
        (
            "backstretch export --out summary.md",
            "a summary for a doctor",
        ),
        (
            "backstretch --content theirs.json completions bash",
            "completions with the ids of a clinician's file",
        ),
    ] {
        r.control("TP", []);
        r.text([bold(example)]);
        r.text([roman(what)]);
    }

    r.control("SH", ["NOTES"]);
    r.text([roman(
        "backstretch is for education only and is not a substitute for advice, diagnosis \
         or treatment from a doctor or physiotherapist. A stretch should feel tight, never \
         painful. Numbness between the legs, new trouble passing urine or controlling the \
         bowels, or weakness in the legs: call your local emergency number (for example \
         911, 999 or 112) or go to an emergency department now.",
    )]);

    r.control("SH", ["VERSION"]);
    r.text([roman(version)]);

    // Each rendered part starts with roff's preamble (it defines the apostrophe); a
    // manual page starts with .TH, so the preamble goes once, right after the title.
    let text = String::from_utf8(out).expect("clap_mangen writes UTF-8") + &r.render();
    let mut lines = text.lines().filter(|l| !PREAMBLE.contains(l));
    let mut page = String::new();
    for line in lines
        .next()
        .into_iter()
        .chain(PREAMBLE.iter().copied())
        .chain(lines)
    {
        page.push_str(line);
        page.push('\n');
    }
    page.into_bytes()
}

/// The lines roff puts before every rendered part.
const PREAMBLE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];

/// The page's date: SOURCE_DATE_EPOCH's day when set (for reproducible packages), else
/// today's.
fn man_date() -> String {
    let from_epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date());
    from_epoch
        .unwrap_or_else(|| jiff::Zoned::now().date())
        .to_string()
}

/// COMMANDS: each subcommand with its usage, what it does, and its own arguments.
fn commands_section(r: &mut Roff, cmd: &clap::Command) {
    r.control("SH", ["COMMANDS"]);
    r.text([roman(
        "With no command, backstretch opens the full-screen coach.",
    )]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        r.control("SS", [usage]);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            r.text([roman(about.to_string())]);
        }
        for arg in sub.get_arguments() {
            if arg.is_hide_set() || arg.is_global_set() {
                continue;
            }
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            r.control("TP", []);
            let names = value_names(arg);
            match arg.get_long() {
                Some(long) => {
                    let mut line = vec![bold(format!("--{long}"))];
                    if arg.get_action().takes_values() {
                        line.push(roman(" "));
                        line.push(italic(names));
                    }
                    r.text(line);
                }
                None => {
                    r.text([italic(names)]);
                }
            }
            let mut help = arg
                .get_long_help()
                .or(arg.get_help())
                .map(|h| h.to_string())
                .unwrap_or_default();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            // Listed unless the help already names them all ("md (Markdown) or csv").
            if !values.is_empty() && !values.iter().all(|v| help.contains(v.as_str())) {
                help.push_str(&format!(" (one of: {})", values.join(", ")));
            }
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() && arg.get_action().takes_values() {
                help.push_str(&format!(" [default: {}]", defaults.join(", ")));
            }
            r.text([roman(help)]);
        }
    }
}

fn value_names(arg: &clap::Arg) -> String {
    let names: Vec<String> = arg
        .get_value_names()
        .map(|v| v.iter().map(|n| n.to_string()).collect())
        .unwrap_or_else(|| vec![arg.get_id().as_str().to_uppercase()]);
    let many = matches!(arg.get_num_args(), Some(r) if r.max_values() > 1);
    let text = names.join(" ");
    if arg.is_positional() && !arg.is_required_set() {
        format!("[{text}]{}", if many { "..." } else { "" })
    } else {
        format!("{text}{}", if many { "..." } else { "" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{ID_PATTERN, PICTURE_MAX};
    use clap::ValueEnum;

    const REGENERATE: &str = "cargo run -- schema > assets/content.schema.json";

    /// The commands a user can type, straight from clap: a new command is covered as soon
    /// as it is added to cli.rs.
    fn subcommands() -> Vec<String> {
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| s.get_name().to_string())
            .collect();
        assert!(names.len() >= 10, "{names:?}");
        names
    }

    /// Every visible long option of the program and of each command.
    fn long_options() -> Vec<String> {
        let cmd = Cli::command();
        let mut all: Vec<String> = Vec::new();
        for c in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
            for a in c.get_arguments().filter(|a| !a.is_hide_set()) {
                if let Some(long) = a.get_long() {
                    all.push(format!("--{long}"));
                }
            }
        }
        all.sort();
        all.dedup();
        all
    }

    /// Hidden test hooks (--time-scale, --today): never offered or documented.
    fn hidden_options() -> Vec<String> {
        let hidden: Vec<String> = Cli::command()
            .get_arguments()
            .filter(|a| a.is_hide_set())
            .filter_map(|a| a.get_long())
            .map(|l| format!("--{l}"))
            .collect();
        assert!(!hidden.is_empty());
        hidden
    }

    fn script(shell: Shell, c: &Content) -> String {
        String::from_utf8(completions(shell, c)).unwrap()
    }

    fn small_content() -> Content {
        let text = include_str!("../tests/fixtures/valid_small.json");
        Content::parse(text, "valid_small.json").unwrap_or_else(|r| panic!("{r}"))
    }

    #[test]
    fn every_shell_script_names_every_command_option_theme_and_id() {
        let c = Content::embedded();
        let themes: Vec<String> = crate::ui::ThemeKind::value_variants()
            .iter()
            .filter_map(|t| t.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        assert!(themes.contains(&"high-contrast".to_string()));
        for shell in Shell::value_variants() {
            let s = script(*shell, &c);
            let mut wanted = subcommands();
            wanted.extend(long_options().into_iter().map(|o| match shell {
                // fish writes `-l check` for --check
                Shell::Fish => format!("-l {}", &o[2..]),
                _ => o,
            }));
            wanted.extend(c.routines.iter().map(|r| r.id.clone()));
            wanted.extend(c.stretches.iter().map(|s| s.id.clone()));
            // Option values (themes, formats, shells, doses): clap_complete's elvish and
            // PowerShell scripts complete by command only, so just these three have them.
            if matches!(shell, Shell::Bash | Shell::Zsh | Shell::Fish) {
                wanted.extend(themes.iter().cloned());
                wanted.extend(["md", "csv", "bash", "zsh", "fish", "powershell"].map(String::from));
            }
            for w in &wanted {
                assert!(s.contains(w.as_str()), "{shell}: {w} missing");
            }
            for h in hidden_options() {
                assert!(!s.contains(&h), "{shell}: offers the hidden {h}");
            }
        }
    }

    #[test]
    fn scripts_complete_the_ids_of_the_content_in_use() {
        let c = small_content();
        let built_in = Content::embedded();
        for shell in Shell::value_variants() {
            let s = script(*shell, &c);
            for r in &c.routines {
                assert!(s.contains(&r.id), "{shell}: routine {} missing", r.id);
            }
            for st in &c.stretches {
                assert!(s.contains(&st.id), "{shell}: stretch {} missing", st.id);
            }
            // A stretch only the built-in content has is not offered.
            let only_built_in = built_in
                .stretches
                .iter()
                .find(|b| c.stretch(&b.id).is_none())
                .expect("the small file has fewer stretches");
            assert!(
                !s.contains(&only_built_in.id),
                "{shell}: {}",
                only_built_in.id
            );
        }
    }

    #[test]
    fn run_and_show_take_ids_and_doses_only_when_completing() {
        let c = Content::embedded();
        let cmd = command_for(&c);
        let run = cmd.find_subcommand("run").unwrap();
        let values = |name: &str| -> Vec<String> {
            run.get_arguments()
                .find(|a| a.get_id() == name)
                .unwrap()
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect()
        };
        assert_eq!(values("hold"), ["10", "15", "20", "25", "30"]);
        assert_eq!(values("reps"), ["2", "3", "4"]);
        assert!(values("targets").contains(&"in-bed".to_string()));
        assert!(values("targets").contains(&"cat-cow".to_string()));
        // The real parser still takes any word, for backstretch's own messages.
        use clap::Parser;
        let cli = Cli::try_parse_from(["backstretch", "run", "no-such-thing"]).unwrap();
        assert!(matches!(cli.command, Some(crate::cli::Command::Run { .. })));
    }

    #[test]
    fn names_from_a_content_file_are_plain_text_in_scripts() {
        assert_eq!(plain_help("Child's pose"), "Child\u{2019}s pose");
        assert_eq!(
            plain_help("a\"b`c$(rm -rf ~)\\d\n[e]:f;g"),
            "a b c rm -rf d e f g"
        );
        assert_eq!(
            plain_help("Knee-to-chest, gently."),
            "Knee-to-chest, gently."
        );
    }

    #[test]
    fn man_page_starts_with_th_and_names_every_command_and_option() {
        let page = String::from_utf8(man_page()).unwrap();
        assert!(page.starts_with(".TH BACKSTRETCH 1 "), "{}", &page[..80]);
        // Roff escapes dashes; compare against the text as a reader sees it.
        let text = page.replace("\\-", "-");
        for sub in subcommands() {
            assert!(
                text.contains(&format!(".SS \"backstretch {sub}")),
                "command {sub} missing"
            );
        }
        for opt in long_options() {
            assert!(text.contains(&opt), "option {opt} missing");
        }
        for h in hidden_options() {
            assert!(!text.contains(&h), "documents the hidden {h}");
        }
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "KEYS",
            "ENVIRONMENT",
            "FILES",
            "\"EXIT STATUS\"",
        ] {
            assert!(
                text.contains(&format!(".SH {section}\n")),
                "{section} missing"
            );
        }
        assert_eq!(page.matches(".ds Aq").count(), 2, "one preamble");
    }

    /// Every environment variable clap reads for a visible option is in ENVIRONMENT.
    #[test]
    fn man_page_lists_every_environment_variable_the_options_read() {
        let page = String::from_utf8(man_page()).unwrap();
        let cmd = Cli::command();
        for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(var) = a.get_env() {
                let var = var.to_string_lossy();
                assert!(ENVIRONMENT.iter().any(|(v, _)| *v == var), "{var}");
                assert!(page.contains(&*var), "{var}");
            }
        }
    }

    /// The man page documents what README documents: every environment variable, every
    /// file of the data directory and every exit code README names.
    #[test]
    fn man_page_covers_what_readme_lists() {
        let readme = include_str!("../README.md");
        let page = String::from_utf8(man_page()).unwrap().replace("\\-", "-");
        let section = |start: &str| -> &str {
            let from = readme
                .find(start)
                .unwrap_or_else(|| panic!("{start} in README"));
            let rest = &readme[from..];
            let end = rest[start.len()..]
                .find("\n## ")
                .map_or(rest.len(), |e| e + start.len());
            &rest[..end]
        };
        // Environment variables: any `NAME` in capitals with an underscore, and NO_COLOR.
        let mut vars = Vec::new();
        for quoted in readme.split('`').skip(1).step_by(2) {
            let is_var = quoted.len() > 3
                && quoted.contains('_')
                && quoted
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit());
            if is_var {
                vars.push(quoted.to_string());
            }
        }
        assert!(
            vars.contains(&"BACKSTRETCH_DATA_DIR".to_string()),
            "{vars:?}"
        );
        assert!(vars.contains(&"NO_COLOR".to_string()), "{vars:?}");
        for v in vars {
            assert!(page.contains(&v), "README names {v}; the man page does not");
        }
        // Files: each `name.ext` listed under "The data directory".
        let data = section("## The data directory");
        let mut files = 0;
        for line in data.lines().filter(|l| l.starts_with("- `")) {
            let names = line.split(':').next().unwrap();
            for name in names.split('`').skip(1).step_by(2) {
                assert!(
                    page.contains(name),
                    "README lists {name}; the man page does not"
                );
                files += 1;
            }
        }
        assert!(files >= 3, "{data}");
        // Exit codes: every number README's "Exit codes:" paragraph gives.
        let from = readme.find("Exit codes:").expect("README has exit codes");
        let para = readme[from..].split("\n\n").next().unwrap();
        let exits = page.split(".SH \"EXIT STATUS\"").nth(1).unwrap();
        let exits = exits.split(".SH ").next().unwrap();
        let mut codes = 0;
        for word in para.split(|c: char| !(c.is_ascii_alphanumeric() || c == '+')) {
            if word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty() {
                if word == "128" {
                    continue;
                }
                assert!(
                    exits.contains(&format!("\n{word}\n"))
                        || exits.contains(&format!("fB{word}\\fR")),
                    "README gives exit code {word}; the man page does not"
                );
                codes += 1;
            } else if word == "128+N" {
                assert!(exits.contains("128+N"));
            }
        }
        assert!(codes >= 6, "{para}");
    }

    #[test]
    fn the_committed_schema_is_the_generated_one() {
        let committed = include_str!("../assets/content.schema.json");
        assert!(
            committed == schema(),
            "assets/content.schema.json is out of date with the content types in \
             src/content.rs; regenerate it with:\n    {REGENERATE}"
        );
    }

    #[test]
    fn schema_is_draft_2020_12_with_the_bounds() {
        let v: serde_json::Value = serde_json::from_str(&schema()).unwrap();
        assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
        let dose = &v["$defs"]["Dose"]["properties"];
        for (field, lo, hi) in [
            ("hold_seconds", 10, 30),
            ("repetitions", 2, 4),
            ("lead_in_seconds", 1, 60),
            ("rest_seconds", 0, 60),
        ] {
            for part in ["min", "max", "default"] {
                let p = &dose[field]["properties"][part];
                assert_eq!(p["minimum"], lo, "{field}.{part}");
                assert_eq!(p["maximum"], hi, "{field}.{part}");
            }
            assert!(dose[field]["description"].is_string(), "{field}");
        }
        let stretch = &v["$defs"]["Stretch"]["properties"];
        assert_eq!(stretch["id"]["pattern"], ID_PATTERN);
        let picture = &v["$defs"]["Picture"]["properties"];
        assert_eq!(picture["start"]["maxItems"], PICTURE_MAX.0);
        assert_eq!(picture["start"]["items"]["maxLength"], PICTURE_MAX.1);
        // Descriptions are single paragraphs, as editors show them.
        assert!(
            !schema().contains("\\n"),
            "a description keeps a line break"
        );
    }
}
