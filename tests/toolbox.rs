//! The toolbox commands as a user's shell, `man` and editor meet them: completion scripts
//! loaded into real shells, the man page rendered by `man`, and content files checked
//! against the JSON Schema by a JSON Schema validator.
//!
//! The shells and `man` are used where installed; `.ci/run` installs them, so under CI a
//! missing one is a failure rather than a skip.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_backstretch"));
    c.env(
        "BACKSTRETCH_DATA_DIR",
        std::env::temp_dir().join("backstretch-toolbox-tests-unused"),
    )
    .env_remove("BACKSTRETCH_CONTENT")
    .stdin(Stdio::null());
    c
}

fn run(args: &[&str]) -> Output {
    let o = bin().args(args).output().expect("the binary runs");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(run(args).stdout).unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Whether `tool` can be run; under CI it must be (`.ci/run` installs it).
fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is missing under CI: .ci/run installs it"
        );
        eprintln!("skipped: {tool} is not installed");
    }
    found
}

/// The commands, as `--help` lists them (so a new command is covered by itself).
fn commands() -> Vec<String> {
    let help = stdout(&["--help"]);
    let list = help
        .split("Commands:\n")
        .nth(1)
        .expect("--help lists the commands");
    let names: Vec<String> = list
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(String::from)
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    assert!(names.iter().any(|n| n == "completions"), "{names:?}");
    names
}

fn write_temp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    let cmds = commands();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {script}");
        for c in &cmds {
            assert!(script.contains(c.as_str()), "{shell}: {c} missing");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let o = bin().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bash") && err.contains("powershell"), "{err}");
}

/// Bash: the script parses, then completing real command lines gives what a user expects.
#[test]
fn bash_completes_commands_ids_themes_and_doses() {
    let dir = tempfile::tempdir().unwrap();
    let script = write_temp(
        dir.path(),
        "backstretch.bash",
        &stdout(&["completions", "bash"]),
    );
    let check = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    // What bash's programmable completion does on Tab: set COMP_WORDS and call the function.
    let driver = format!(
        r#"source {script}
comp() {{
  COMP_WORDS=("$@"); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
  COMP_LINE="$*"; COMP_POINT=${{#COMP_LINE}}
  _backstretch backstretch "${{COMP_WORDS[-1]}}" "${{COMP_WORDS[-2]}}" 2>/dev/null
  echo "$1 ${{COMP_WORDS[*]:1}}| ${{COMPREPLY[*]}}"
}}
comp backstretch ""
comp backstretch ru
comp backstretch run ""
comp backstretch run knee-to-chest ca
comp backstretch show se
comp backstretch --theme ""
comp backstretch run --hold ""
comp backstretch run --reps ""
comp backstretch export --format ""
comp backstretch completions ""
"#,
        script = script.display()
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg(&driver)
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    let line = |prefix: &str| -> Vec<String> {
        let l = out
            .lines()
            .find(|l| l.starts_with(&format!("backstretch {prefix}|")))
            .unwrap_or_else(|| panic!("{prefix}: no line in\n{out}"));
        l.split('|')
            .nth(1)
            .unwrap()
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    let top = line("");
    for c in commands() {
        assert!(top.contains(&c), "{c} not offered: {top:?}");
    }
    assert!(!top.iter().any(|w| w == "--time-scale" || w == "--today"));
    assert_eq!(line("ru"), ["run"]);
    let run_words = line("run ");
    for id in [
        "in-bed",
        "floor",
        "chair",
        "full",
        "knee-to-chest",
        "cat-cow",
    ] {
        assert!(run_words.contains(&id.to_string()), "{id}: {run_words:?}");
    }
    assert_eq!(line("run knee-to-chest ca"), ["cat-cow"]);
    assert_eq!(line("show se"), ["seated-posterior", "seated-rotation"]);
    assert_eq!(line("--theme "), ["default", "high-contrast", "mono"]);
    assert_eq!(line("run --hold "), ["10", "15", "20", "25", "30"]);
    assert_eq!(line("run --reps "), ["2", "3", "4"]);
    assert_eq!(line("export --format "), ["md", "csv"]);
    let shells: Vec<String> = line("completions ")
        .into_iter()
        .filter(|w| !w.starts_with('-'))
        .collect();
    assert_eq!(shells, ["bash", "elvish", "fish", "powershell", "zsh"]);
}

/// The ids offered are those of the content in use when the script is made.
#[test]
fn completions_offer_the_ids_of_a_clinicians_file() {
    let small = fixture("valid_small.json");
    let script = stdout(&["--content", small.to_str().unwrap(), "completions", "bash"]);
    let run_line = script
        .lines()
        .skip_while(|l| !l.contains("backstretch__subcmd__run)"))
        .find(|l| l.contains("opts="))
        .unwrap();
    assert!(run_line.contains("cat-cow"), "{run_line}");
    assert!(!run_line.contains("seated-rotation"), "{run_line}");
    // A file with problems stops, as for every command.
    let bad = fixture("duplicate_id.json");
    let o = bin()
        .args(["--content", bad.to_str().unwrap(), "completions", "bash"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
}

/// A content file's names become descriptions in the scripts; quotes and `$(...)` in
/// them must not break (or run inside) any shell's script.
#[test]
fn hostile_names_in_a_content_file_stay_inert() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("assets/content.json")).unwrap();
    let hostile = text.replacen(
        "\"name\": \"Knee-to-chest\"",
        r#""name": "Knee'\"$(touch PWNED)`touch PWNED2`; [x]:{y} \\ ${IFS}&|<>""#,
        1,
    );
    assert_ne!(hostile, text);
    let file = write_temp(dir.path(), "hostile.json", &hostile);
    let mut shells = vec![("bash", vec!["-n"]), ("bash", vec![])];
    if have("zsh") {
        shells.push(("zsh", vec!["-n"]));
    }
    if have("fish") {
        shells.push(("fish", vec!["--no-execute"]));
    }
    for (shell, flags) in shells {
        let script = stdout(&["--content", file.to_str().unwrap(), "completions", shell]);
        assert!(!script.contains("$(touch"), "{shell}");
        let path = write_temp(dir.path(), &format!("script.{shell}"), &script);
        let o = Command::new(shell)
            .args(&flags)
            .arg(&path)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{shell} {flags:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(!dir.path().join("PWNED").exists());
    assert!(!dir.path().join("PWNED2").exists());
}

/// fish: the script loads, and `complete -C` (what Tab shows) gives ids and values.
#[test]
fn fish_completes_commands_ids_and_values() {
    if !have("fish") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = write_temp(
        dir.path(),
        "backstretch.fish",
        &stdout(&["completions", "fish"]),
    );
    let complete = |line: &str| -> Vec<String> {
        let o = Command::new("fish")
            .arg("--no-config")
            .arg("-c")
            .arg(format!("source {}; complete -C '{line}'", script.display()))
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    };
    let top = complete("backstretch ");
    for c in commands() {
        assert!(top.contains(&c), "{c}: {top:?}");
    }
    let run = complete("backstretch run ");
    for id in ["in-bed", "full", "knee-to-chest", "cat-cow"] {
        assert!(run.contains(&id.to_string()), "{id}: {run:?}");
    }
    assert_eq!(
        complete("backstretch show se"),
        ["seated-posterior", "seated-rotation"]
    );
    assert_eq!(
        complete("backstretch run --theme "),
        ["default", "high-contrast", "mono"]
    );
    assert_eq!(complete("backstretch run --reps "), ["2", "3", "4"]);
    assert!(complete("backstretch run --").contains(&"--no-checkin".to_string()));
}

/// zsh: the script parses, and Tab in a real interactive zsh (driven through zpty)
/// offers the stretch ids.
#[test]
fn zsh_completes_stretch_ids() {
    if !have("zsh") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = stdout(&["completions", "zsh"]);
    write_temp(dir.path(), "_backstretch", &script);
    let o = Command::new("zsh")
        .arg("-n")
        .arg(dir.path().join("_backstretch"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // An interactive zsh with only this completion, asked to list `show se<Tab>`; reading
    // waits for the listing (bounded by `timeout`), so nothing sleeps.
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_backstretch"))
        .parent()
        .unwrap();
    let driver = format!(
        r#"zmodload zsh/zpty
zpty z 'env -i TERM=dumb HOME={dir} PATH={bin}:/usr/bin:/bin zsh -f -i'
zpty -w z 'PS1="> "; fpath=({dir} $fpath); autoload -U compinit; compinit -u -d {dir}/zcd'
zpty -w z 'zstyle ":completion:*" list-prompt ""; print READY'
zpty -r z line '*READY*'
zpty -w -n z $'backstretch show se\t\t'
zpty -r z out '*seated-rotation*'
print -r -- "$out"
zpty -d z
"#,
        dir = dir.path().display(),
        bin = bin_dir.display()
    );
    let o = Command::new("timeout")
        .args(["60", "zsh", "-f", "-c", &driver])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("seated-posterior") && out.contains("seated-rotation"),
        "zsh did not offer the ids:\n{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn man_page_renders_without_warnings() {
    let page = stdout(&["man"]);
    assert!(page.starts_with(".TH BACKSTRETCH 1 "), "{}", &page[..60]);
    for c in commands() {
        assert!(
            page.contains(&format!(".SS \"backstretch {c}")),
            "{c} missing"
        );
    }
    if !have("man") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write_temp(dir.path(), "backstretch.1", &page);
    let o = Command::new("man")
        .args(["--warnings", "-E", "UTF-8", "-l"])
        .arg(&file)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.trim().is_empty(), "man warns:\n{err}");
    let text = String::from_utf8_lossy(&o.stdout);
    for heading in [
        "NAME",
        "SYNOPSIS",
        "COMMANDS",
        "KEYS",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
    ] {
        assert!(text.contains(heading), "{heading} not rendered:\n{text}");
    }
    assert!(text.contains("backstretch run [OPTIONS]"), "{text}");
    assert!(text.contains("BACKSTRETCH_DATA_DIR"), "{text}");
}

fn schema_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("assets/content.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

fn json(path: &Path) -> Option<serde_json::Value> {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).ok()
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let committed = std::fs::read_to_string(root().join("assets/content.schema.json")).unwrap();
    assert!(
        stdout(&["schema"]) == committed,
        "assets/content.schema.json is out of date; regenerate it with:\n    \
         cargo run -- schema > assets/content.schema.json"
    );
}

#[test]
fn shipped_and_valid_content_passes_the_schema() {
    let v = schema_validator();
    for path in [
        root().join("assets/content.json"),
        fixture("valid_small.json"),
    ] {
        let doc = json(&path).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

/// Every fixture `validate` rejects for its structure (reported with a line and column:
/// syntax, unknown or missing fields, wrong types or values) fails under the schema too;
/// so do the fixtures breaking a bound or count the schema states.
#[test]
fn structure_errors_fail_under_the_schema() {
    let v = schema_validator();
    let mut structure = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let o = bin().arg("validate").arg(&path).output().unwrap();
        let report = String::from_utf8_lossy(&o.stdout);
        let with_position = format!("{}:", path.display());
        let is_structure = report.lines().skip(1).any(|l| {
            l.trim_start()
                .strip_prefix(&with_position)
                .is_some_and(|rest| {
                    rest.split(':')
                        .next()
                        .is_some_and(|n| n.parse::<u32>().is_ok())
                })
        });
        if is_structure {
            assert_eq!(o.status.code(), Some(1));
            structure.push(path);
        }
    }
    structure.sort();
    let names: Vec<String> = structure
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for known in [
        "missing_field.json",
        "syntax_truncated.json",
        "unknown_field.json",
        "wrong_type.json",
    ] {
        assert!(
            names.iter().any(|n| n == known),
            "{known} not found: {names:?}"
        );
    }
    for path in structure.iter().chain(
        [
            "dose_out_of_bounds.json",
            "no_emergency_sign.json",
            "no_holds.json",
            "no_setup.json",
        ]
        .map(fixture)
        .iter(),
    ) {
        // A syntax error is not JSON at all, so no editor's schema check can pass it.
        if let Some(doc) = json(path) {
            assert!(!v.is_valid(&doc), "{} passes the schema", path.display());
        }
    }
}

/// A content file may name its schema; `validate` and `--content` accept it.
#[test]
fn a_file_naming_its_schema_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("valid_small.json")).unwrap();
    let named = text.replacen('{', "{\n  \"$schema\": \"./content.schema.json\",", 1);
    let file = write_temp(dir.path(), "named.json", &named);
    let out = stdout(&["validate", file.to_str().unwrap()]);
    assert!(out.contains("valid"), "{out}");
    let list = stdout(&["--content", file.to_str().unwrap(), "list"]);
    assert!(list.contains("cat-cow"), "{list}");
    assert!(schema_validator().is_valid(&json(&file).unwrap()));
}

/// After `prescribe`, the scripts complete the prescription's ids.
#[test]
fn completions_follow_the_installed_prescription() {
    let data = tempfile::tempdir().unwrap();
    let small = fixture("valid_small.json");
    let with_data = |args: &[&str]| {
        let o = bin()
            .env("BACKSTRETCH_DATA_DIR", data.path())
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    with_data(&["prescribe", small.to_str().unwrap()]);
    let script = with_data(&["completions", "fish"]);
    assert!(script.contains("-a 'cat-cow'"), "{script}");
    assert!(!script.contains("seated-rotation"), "{script}");
}
