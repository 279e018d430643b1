//! The plain command line, run as a user would: the built binary, its output and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_backstretch"));
    // Never the real home; no colour unless a test asks.
    c.env(
        "BACKSTRETCH_DATA_DIR",
        std::env::temp_dir().join("backstretch-cli-tests-unused"),
    )
    .env_remove("NO_COLOR")
    // English, whatever the locale of the test process.
    .env_remove("LC_ALL")
    .env_remove("LC_MESSAGES")
    .env_remove("LANG")
    .env_remove("BACKSTRETCH_CONTENT")
    .stdin(Stdio::null());
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `validate` on a fixture: exit 1 and the report on stdout.
fn invalid(name: &str) -> String {
    let path = fixture(name);
    let o = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("{}", path.display())), "{out}");
    out
}

/// `validate` on a fixture reports this problem.
fn reports(name: &str, needle: &str) {
    let out = invalid(name);
    assert!(
        out.contains(needle),
        "{name}: {needle:?} missing from\n{out}"
    );
}

#[test]
fn a_voice_section_with_unknown_placeholders_or_empty_words_is_reported() {
    reports(
        "bad_voice.json",
        "at voice.hold: unknown placeholder {segundos}: this entry can use {seconds}",
    );
    reports(
        "bad_voice.json",
        "at voice.countdown: expected words to speak",
    );
}

#[test]
fn list_shows_the_six_stretches_and_the_routines() {
    let o = run(&["list"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for id in [
        "hook-lying-rotation",
        "childs-pose",
        "cat-cow",
        "seated-posterior",
        "knee-to-chest",
        "seated-rotation",
    ] {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
    for id in ["in-bed", "floor", "chair", "full"] {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
    assert!(out.contains("2 (cow, then cat)"), "{out}");
    assert!(out.contains("on all fours"), "{out}");
    assert!(!out.contains('\x1b'), "no escape codes when piped");
}

#[test]
fn show_prints_one_stretch_in_full() {
    let o = run(&["show", "seated-posterior"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("Seated posterior stretch"), "{out}");
    assert!(out.contains("Get into position"));
    assert!(out.contains("1. Sit on the front edge of a chair."));
    assert!(out.contains("Variation"));
    assert!(out.contains("Hold 10-30 s"));
    assert!(out.contains("Take care"));
}

#[test]
fn show_unknown_id_suggests_and_exits_2() {
    let o = run(&["show", "knee-to-chst"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("no stretch 'knee-to-chst'"), "{err}");
    assert!(err.contains("did you mean 'knee-to-chest'?"), "{err}");
    assert!(
        err.contains("stretches: hook-lying-rotation, childs-pose"),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn flags_groups_signs_by_urgency_with_what_to_do() {
    let o = run(&["flags"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let e = out
        .find("EMERGENCY: get help now")
        .expect("emergency group");
    let t = out.find("See a doctor today").expect("today group");
    let s = out.find("Book a doctor's appointment").expect("soon group");
    assert!(e < t && t < s, "{out}");
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("(for example 911, 999 or 112)"), "{out}");
    assert!(words.contains("Contact a doctor or an urgent-care service today."));
    assert!(words.contains("an odd feeling in your buttocks, between your legs"));
    // New today-level signs, and the none message claims no more than a list can.
    let t_end = out[t..].find("Book a doctor's appointment").unwrap() + t;
    assert!(out[t..t_end].contains("coughing, sneezing or opening your bowels"));
    assert!(out[t..t_end].contains("between your shoulder blades"));
    assert!(words.contains("not a substitute"), "disclaimer");
    assert!(!out.contains('\x1b'));
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    // Piped output never has escapes, whatever NO_COLOR says.
    let o = bin().args(["flags"]).env("NO_COLOR", "1").output().unwrap();
    assert!(!stdout(&o).contains('\x1b'));
    let o = bin().args(["--no-color", "list"]).output().unwrap();
    assert!(!stdout(&o).contains('\x1b'));
}

#[test]
fn validate_a_good_file() {
    let o = run(&["validate", fixture("valid_small.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("valid (2 stretches, 1 routine, 17 warning signs)"));
}

#[test]
fn validate_the_built_in_content() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/content.json");
    let o = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("valid (6 stretches, 4 routines"));
}

#[test]
fn validate_missing_file() {
    let o = run(&["validate", "/nonexistent/content.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("/nonexistent/content.json: cannot read the file"));
}

#[test]
fn syntax_errors_name_line_and_column() {
    reports(
        "syntax_missing_comma.json",
        "syntax_missing_comma.json:9:5: invalid JSON: expected `,` or `}`",
    );
    reports(
        "syntax_truncated.json",
        "syntax_truncated.json:14:1: invalid JSON: EOF while parsing",
    );
}

#[test]
fn type_errors_name_the_path_and_position() {
    reports(
        "unknown_field.json",
        ":74:14: at stretches[1] 'childs-pose'.colour: unknown field `colour`, expected one of",
    );
    reports(
        "wrong_type.json",
        ":7:25: at dose.hold_seconds.default: invalid type: string \"twenty\", expected u32",
    );
    reports(
        "unknown_position.json",
        "at stretches[0] 'hook-lying-rotation'.position: unknown variant `standing`",
    );
    reports(
        "missing_field.json",
        ":122:5: at stretches[3] 'seated-posterior': missing field `caution`: the warning shown with the stretch",
    );
}

/// Every fixture's `validate` output, whole, as a clinician reads it: paths name the item,
/// columns count characters, a missing field says what it is for, a byte-order mark is
/// accepted, and ids are explained exactly. `UPDATE_GOLDEN=1` rewrites them.
#[test]
fn validate_output_matches_the_golden_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        let o = bin()
            .current_dir(root)
            .args(["validate", &format!("tests/fixtures/{name}")])
            .output()
            .unwrap();
        let out = stdout(&o);
        let valid = out.contains(": valid (");
        assert_eq!(o.status.code(), Some(if valid { 0 } else { 1 }), "{out}");
        golden(
            &format!("validate/{}.txt", name.trim_end_matches(".json")),
            &out,
        );
    }
}

#[test]
fn validate_messages_a_clinician_can_act_on() {
    reports(
        "bad_id.json",
        "at stretches[0] 'Knee To Chest'.id: expected an id made of lowercase a-z, digits and -, found 'Knee To Chest' ('K' is not allowed)",
    );
    // "—", "·" and "½" take more than one byte each: the column counts characters.
    reports(
        "column_in_characters.json",
        ":28:48: at stretches[0] 'cat-cow'.place: invalid type: integer `5`, expected a string",
    );
    reports(
        "v2_fields_in_v1.json",
        "at meta: the meta section is new in format version 2: set \"format_version\": 2",
    );
    reports(
        "prescription_problems.json",
        "at guidance.dose: the text says \"10 to 30 seconds\", but the file's dose is 15 s: write {hold}",
    );
    reports(
        "prescription_problems.json",
        "at stretches[0] 'cat-cow'.holds[0].cue: the text says \"30 seconds\", but this stretch's dose is 20 s",
    );
    reports(
        "prescription_problems.json",
        "at stretches[1] 'knee-to-chest'.dose.hold_seconds: expected a hold between 10 and 30 seconds, found 45",
    );
    reports(
        "prescription_problems.json",
        "unknown placeholder {times}: the known ones are {hold}, {reps}",
    );
    // A byte-order mark at the start is accepted.
    let o = run(&["validate", fixture("bom.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A version 1 file whose text contradicts its dose still loads, with a warning.
    let o = run(&["validate", fixture("dose_text_v1.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("warning: at guidance.dose: the text says \"10 to 30 seconds\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn duplicate_ids() {
    reports(
        "duplicate_id.json",
        "at stretches[4] 'cat-cow'.id: expected a unique id, but 'cat-cow' is used twice",
    );
}

#[test]
fn routines_name_only_existing_stretches() {
    reports(
        "routine_unknown_stretch.json",
        "at routines[1] 'floor'.stretches[2]: expected the id of a stretch, but there is no stretch 'side-plank'",
    );
}

#[test]
fn every_stretch_has_setup_and_holds() {
    reports(
        "no_setup.json",
        "at stretches[1] 'childs-pose'.setup: expected at least one setup step, found none",
    );
    reports(
        "no_holds.json",
        "at stretches[2] 'cat-cow'.holds: expected at least one hold, found none",
    );
}

#[test]
fn dose_bounds_and_defaults() {
    reports(
        "dose_out_of_bounds.json",
        "at dose.hold_seconds: expected bounds inside 10-30 with min <= max, found 5-45",
    );
    reports(
        "dose_out_of_bounds.json",
        "at dose.repetitions.default: expected a default between 2 and 4, found 6",
    );
}

#[test]
fn at_least_one_emergency_sign() {
    reports(
        "no_emergency_sign.json",
        "at red_flags.signs: expected at least one sign with urgency \"emergency\", found none",
    );
}

#[test]
fn pictures_are_rectangular() {
    reports(
        "ragged_picture.json",
        "at stretches[0] 'hook-lying-rotation'.picture.start[1]: expected every row to be 4 columns wide like the first, found 3",
    );
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let out = invalid("many_problems.json");
    assert!(out.contains("6 problems found"), "{out}");
    for needle in [
        "dose.repetitions.default",
        "stretches[1] 'childs-pose'.setup",
        "stretches[4] 'cat-cow'.id",
        "routines[0] 'in-bed'.stretches[2]: expected the id of a stretch, but there is no stretch 'nope'",
    ] {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }
}

#[test]
fn a_bad_content_option_stops_every_command_before_the_terminal() {
    let bad = fixture("no_holds.json");
    for args in [
        vec!["list"],
        vec!["show", "cat-cow"],
        vec!["flags"],
        vec![],
        vec!["run", "in-bed"],
    ] {
        let mut all = vec!["--content", bad.to_str().unwrap()];
        all.extend(args.iter().copied());
        let o = run(&all);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            stdout(&o).is_empty(),
            "{args:?}: nothing on stdout, no escape codes"
        );
        assert!(
            stderr(&o).contains("at stretches[2] 'cat-cow'.holds: expected at least one hold"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_good_content_option_is_used() {
    let good = fixture("valid_small.json");
    let o = run(&["--content", good.to_str().unwrap(), "list"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("clinic"), "{out}");
    assert!(!out.contains("childs-pose"), "{out}");
}

#[test]
fn run_rejects_out_of_bounds_dose_and_unknown_ids() {
    let o = run(&["run", "cat-cow", "--hold", "45"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("--hold 45 is out of bounds: seconds of hold must be between 10 and 30"),
        "{}",
        stderr(&o)
    );
    let o = run(&["run", "--reps", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--reps 1 is out of bounds: repetitions must be between 2 and 4"));
    let o = run(&["run", "in-bd"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("no stretch or routine 'in-bd'"), "{err}");
    assert!(err.contains("did you mean 'in-bed'?"), "{err}");
    let o = run(&["run", "in-bed", "cat-cow"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'in-bed' is a routine"));
}

#[test]
fn the_full_screen_commands_need_a_terminal() {
    for args in [vec![], vec!["run", "in-bed"]] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("`backstretch list`"), "{err}");
        assert!(err.contains("`backstretch flags --check`"), "{err}");
        assert!(o.stdout.is_empty(), "no escape codes");
    }
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for word in [
        "list",
        "show",
        "flags",
        "validate",
        "run",
        "--content",
        "--data-dir",
    ] {
        assert!(out.contains(word), "{word} missing from --help");
    }
    assert!(
        !out.contains("time-scale"),
        "hidden test options stay hidden"
    );
    let o = run(&["--version"]);
    assert!(stdout(&o).starts_with("backstretch "));
    let o = run(&["no-such-command"]);
    assert_eq!(o.status.code(), Some(2));
}

/// `flags --check` with piped answers: one exit code per result.
fn check(answers: &[&str], dir: &Path) -> Output {
    use std::io::Write;
    let mut child = bin()
        .args(["flags", "--check"])
        .env("BACKSTRETCH_DATA_DIR", dir)
        .env("BACKSTRETCH_TODAY", "2026-11-24")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input
        .write_all(format!("{}\n", answers.join("\n")).as_bytes())
        .unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// The built-in signs' ids in the order asked: most urgent first, then as listed.
fn ask_order() -> Vec<String> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/content.json"))
            .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rank = |u: &str| ["emergency", "today", "soon"].iter().position(|x| *x == u);
    let mut signs: Vec<(usize, usize, String)> = v["red_flags"]["signs"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                rank(s["urgency"].as_str().unwrap()).unwrap(),
                i,
                s["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    signs.sort();
    signs.into_iter().map(|(_, _, id)| id).collect()
}

/// Answers for every question in the order asked: yes to the given sign ids.
fn answers_with_yes_at(yes: &[&str]) -> Vec<&'static str> {
    ask_order()
        .iter()
        .map(|id| if yes.contains(&id.as_str()) { "y" } else { "n" })
        .collect()
}

/// Answers up to and including the given sign (yes to it, no before it), then nothing.
fn answers_until_yes_at(id: &str) -> Vec<&'static str> {
    let order = ask_order();
    let at = order.iter().position(|x| x == id).unwrap();
    let mut v = vec!["n"; at];
    v.push("y");
    v
}

/// The whole lists kept in a data directory's state file: (result, signs answered yes).
fn complete_lists(dir: &Path) -> Vec<(String, Vec<String>)> {
    let state = std::fs::read_to_string(dir.join("state.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&state).unwrap();
    v["safety"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "complete")
        .map(|e| {
            (
                e["result"].as_str().unwrap().to_string(),
                e["yes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|y| y["sign"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// How many single answers a data directory's state file keeps.
fn answers_kept(dir: &Path) -> usize {
    let state = std::fs::read_to_string(dir.join("state.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&state).unwrap();
    v["safety"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "answer")
        .count()
}

#[test]
fn flags_check_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let o = check(&answers_with_yes_at(&[]), dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("None of the warning signs applies."));

    let o = check(&answers_with_yes_at(&["stops-activity"]), dir.path());
    assert_eq!(o.status.code(), Some(3));
    assert!(stdout(&o).contains("BOOK A DOCTOR'S APPOINTMENT"));
    let words = stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("gentle stretches are fine"), "{words}");

    let o = check(
        &answers_with_yes_at(&["rest-pain", "stops-activity"]),
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(4));
    let words = stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Contact a doctor or an urgent-care service today."));
    assert!(words.contains("leave the stretches"), "{words}");
    assert!(words.contains("Also answered yes: pain that stops normal activity."));

    let o = check(&answers_with_yes_at(&["bowel", "rest-pain"]), dir.path());
    assert_eq!(o.status.code(), Some(5));
    let words = stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("!! EMERGENCY !! Stop stretching. Call your local emergency number"),
        "{words}"
    );
    assert!(words.contains("(for example 911, 999 or 112)"));
    assert!(words.contains("Because you answered yes to: new loss of bowel control."));
    assert!(!stdout(&o).contains('\x1b'));

    // Each whole list was kept, newest last, and every single answer before it.
    let lists = complete_lists(dir.path());
    let results: Vec<&str> = lists.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(results, vec!["none", "soon", "today", "emergency"]);
    assert_eq!(lists[3].1, vec!["bowel", "rest-pain"]);
    assert_eq!(answers_kept(dir.path()), 4 * ask_order().len());
}

#[test]
fn flags_check_cut_short_keeps_the_answers_and_exits_with_the_most_urgent_yes() {
    // Only no answers: no result, exit 1, the two answers kept.
    let dir = tempfile::tempdir().unwrap();
    let o = check(&["n", "n"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("2 of"), "{}", stdout(&o));
    assert!(stdout(&o).contains("No result"));
    assert_eq!(answers_kept(dir.path()), 2);
    assert!(complete_lists(dir.path()).is_empty());
    // A yes, then the end of input: that yes decides the exit code.
    for (id, code) in [("bladder", 5), ("upper-back", 4), ("not-improving", 3)] {
        let dir = tempfile::tempdir().unwrap();
        let answers = answers_until_yes_at(id);
        let o = check(&answers, dir.path());
        assert_eq!(o.status.code(), Some(code), "{id}: {}", stdout(&o));
        assert_eq!(answers_kept(dir.path()), answers.len(), "{id}");
        assert!(complete_lists(dir.path()).is_empty(), "{id}");
    }
    // After an emergency yes, q stops the questions: exit 5.
    let dir = tempfile::tempdir().unwrap();
    let o = check(&["y", "q"], dir.path());
    assert_eq!(o.status.code(), Some(5));
    let words = stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("You can stop here"), "{words}");
    assert!(words.contains("911, 999 or 112"), "{words}");
    // Then the full-screen coach and run --plain are blocked on another day too.
    let o = bin()
        .args(["run", "--plain", "cat-cow"])
        .env("BACKSTRETCH_DATA_DIR", dir.path())
        .env("BACKSTRETCH_TODAY", "2026-11-30")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", stdout(&o));
}

fn data_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data")
}

/// Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap();
    assert_eq!(actual, want, "{name} differs from the golden file");
}

#[test]
fn history_prints_the_log_and_reports_bad_lines() {
    let dir = data_fixture();
    let o = run(&["--data-dir", dir.to_str().unwrap(), "history"]);
    assert!(o.status.success());
    golden("history.txt", &stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "line 4 of the history could not be read and was skipped (it is kept in the file)"
        ),
        "{err}"
    );
}

#[test]
fn history_of_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["--data-dir", dir.path().to_str().unwrap(), "history"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("No sessions yet"));
}

#[test]
fn export_markdown_and_csv_match_the_golden_files() {
    let dir = data_fixture();
    let o = run(&["--data-dir", dir.to_str().unwrap(), "export"]);
    assert!(o.status.success());
    golden("export.md", &stdout(&o));
    let o = run(&[
        "--data-dir",
        dir.to_str().unwrap(),
        "export",
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    golden("export.csv", &stdout(&o));
}

#[test]
fn export_out_never_overwrites_without_force() {
    let data = data_fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("summary.md");
    let args = |force: bool| {
        let mut v = vec![
            "--data-dir".to_string(),
            data.to_str().unwrap().to_string(),
            "export".into(),
            "--out".into(),
            out.to_str().unwrap().to_string(),
        ];
        if force {
            v.push("--force".into());
        }
        v
    };
    let run_args = |v: Vec<String>| bin().args(v).output().unwrap();
    let o = run_args(args(false));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote"));
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.starts_with("# backstretch: summary for a clinician"));
    std::fs::write(&out, "my own notes").unwrap();
    let o = run_args(args(false));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists; pass --force to replace it"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my own notes");
    let o = run_args(args(true));
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
}

#[test]
fn run_plain_coaches_in_plain_lines_with_a_pause_and_writes_the_history() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args([
            "run",
            "--plain",
            "knee-to-chest",
            "--hold",
            "10",
            "--time-scale",
            "50",
        ])
        .env("BACKSTRETCH_DATA_DIR", dir.path())
        .env("BACKSTRETCH_TODAY", "2026-11-24")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // None of the signs applies; pain 6; then pause and resume at once; pain 3 after;
    // the spasm began 2 days ago.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"y\n6\n\n\n3\n2\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains('\x1b'), "no escape codes");
    for line in [
        "Knee-to-chest. Lie on your back.",
        "Stretch 1 of 1: Knee-to-chest. Starting in 5 seconds.",
        "Press Enter to go on.",
        "Going on: ",
        "Hold for 10 seconds.",
        "Knee-to-chest, repetition 2 of 2: 10 seconds.",
        "3, 2, 1.",
        "Release. That is the end of the session.",
        "Session over.",
    ] {
        assert!(out.contains(line), "{line:?} missing:\n{out}");
    }
    // On going on, the time left is said, as it is shown.
    let going = out.lines().find(|l| l.starts_with("Going on: ")).unwrap();
    assert!(
        going.ends_with(" seconds left.") || going.ends_with(" second left."),
        "{going}"
    );
    let history = std::fs::read_to_string(dir.path().join("history.jsonl")).unwrap();
    let rec: serde_json::Value = serde_json::from_str(history.lines().next().unwrap()).unwrap();
    assert_eq!(rec["pain_before"], 6);
    assert_eq!(rec["pain_after"], 3);
    assert_eq!(rec["pauses"], 1);
    assert_eq!(rec["checklist"], "none");
    let settings = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(settings.contains("2026-11-22"), "{settings}");
}

#[test]
fn run_wait_lead_in_and_rest_in_plain_lines_and_saved() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args([
            "run",
            "--plain",
            "--wait",
            "--lead-in",
            "3",
            "--rest",
            "4",
            "--hold",
            "10",
            "knee-to-chest",
            "--time-scale",
            "50",
        ])
        .env("BACKSTRETCH_DATA_DIR", dir.path())
        .env("BACKSTRETCH_TODAY", "2026-11-24")
        .env("PATH", "")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // None of the signs applies; no pain rating; Enter starts the waiting stretch; no
    // ratings after.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"y\n\n\n\n\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "Knee-to-chest. Lie on your back. Take your time. Press Enter when you are ready.",
        "Going on: 3 seconds left.",
        "Release. Rest for 4 seconds.",
        "Session over. 2 of 2 repetitions done",
    ] {
        assert!(out.contains(line), "{line:?} missing:\n{out}");
    }
    let settings = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&settings).unwrap();
    assert_eq!(v["lead_in_seconds"], 3, "{settings}");
    assert_eq!(v["rest_seconds"], 4, "{settings}");
    assert_eq!(v["wait"], false, "--wait is for one run");
}

#[test]
fn lead_in_and_rest_out_of_bounds_are_refused() {
    for (flag, value, what) in [
        (
            "--lead-in",
            "2",
            "seconds of lead-in must be between 3 and 20",
        ),
        ("--rest", "21", "seconds of rest must be between 3 and 20"),
    ] {
        let o = bin()
            .args(["run", "cat-cow", flag, value])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{flag} {value} is out of bounds")),
            "{err}"
        );
        assert!(err.contains(what), "{err}");
    }
}

#[test]
fn run_plain_is_blocked_by_an_emergency_answer_today() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("state.json"),
        r#"{"notice_seen": true, "checks": [{"date": "2026-11-24", "at": "2026-11-24T08:00:00+00:00", "result": "emergency", "yes": ["bowel"], "quick": false}]}"#,
    )
    .unwrap();
    let o = bin()
        .args(["run", "--plain", "cat-cow"])
        .env("BACKSTRETCH_DATA_DIR", dir.path())
        .env("BACKSTRETCH_TODAY", "2026-11-24")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5));
    let out = stdout(&o);
    assert!(
        out.contains("Emergency sign today: get help now. No session"),
        "{out}"
    );
    assert!(out.contains("911, 999 or 112"), "{out}");
    assert!(!dir.path().join("history.jsonl").exists());
}

/// One session line for a history file.
fn session_line(start: &str, pain_before: u8) -> String {
    format!(
        r#"{{"start": "{start}", "end": "{start}", "routine": "in-bed", "hold_seconds": 20, "repetitions": 2, "stretches": [{{"id": "knee-to-chest", "reps_planned": 2, "reps_done": 2, "held_seconds": 40.0, "skipped": 0}}], "pauses": 0, "skips": 0, "pain_stops": 0, "pain_before": {pain_before}, "pain_after": null, "checklist": "none", "completed": true}}"#
    )
}

#[test]
fn export_shows_every_answer_and_leaves_out_sessions_dated_in_the_future() {
    let dir = tempfile::tempdir().unwrap();
    // A list left after an emergency yes, then a whole list answered without it.
    assert_eq!(check(&["n", "y", "q"], dir.path()).status.code(), Some(5));
    assert_eq!(
        check(&answers_with_yes_at(&[]), dir.path()).status.code(),
        Some(0)
    );
    // Pain not falling over two weeks, and one session from a clock set a year ahead.
    let mut history = String::new();
    for (day, pain) in [(10, 6), (11, 6), (12, 7), (13, 7), (14, 7)] {
        history.push_str(&session_line(
            &format!("2026-11-{day}T08:00:00+00:00"),
            pain,
        ));
        history.push('\n');
    }
    history.push_str(&session_line("2027-11-20T08:00:00+00:00", 0));
    history.push('\n');
    std::fs::write(dir.path().join("history.jsonl"), &history).unwrap();
    std::fs::write(
        dir.path().join("settings.json"),
        r#"{"spasm_start": "2026-11-01", "spasm_asked": true}"#,
    )
    .unwrap();
    let o = bin()
        .args(["export"])
        .env("BACKSTRETCH_DATA_DIR", dir.path())
        .env("BACKSTRETCH_TODAY", "2026-11-24")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.contains("left unfinished after 2 answers"), "{md}");
    assert!(md.contains("whole list answered: none"), "{md}");
    assert!(
        md.contains(
            "| Is there numbness or tingling on the inside of your thighs? | emergency | yes |"
        ),
        "{md}"
    );
    assert!(md.contains("Standing now: no yes answer."), "{md}");
    // Times with seconds and the offset.
    assert!(md.contains(":00+") || md.contains(":00-"), "{md}");
    // The future session is kept in the file and named, but not in the period or trend.
    assert!(md.contains("- Period: 2026-11-10 to 2026-11-14"), "{md}");
    assert!(md.contains("not clearly falling"), "{md}");
    assert!(md.contains("## Sessions left out"), "{md}");
    assert!(md.contains("2027-11-20T08:00:00+00:00"), "{md}");
    assert!(
        stderr(&o).contains("dated more than a day ahead"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("history.jsonl")).unwrap(),
        history
    );
}

/// `status` on the fixture data, on a given day, with the checklist answers the fixture
/// holds up to that day (a yes stands until a later whole list: the record, not the date,
/// says what stands, so each day gets the record as it was then).
fn status(today: &str, format: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    for f in ["history.jsonl", "settings.json"] {
        std::fs::copy(data_fixture().join(f), dir.path().join(f)).unwrap();
    }
    let state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data_fixture().join("state.json")).unwrap())
            .unwrap();
    let upto: Vec<serde_json::Value> = state["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["date"].as_str().unwrap() <= today)
        .cloned()
        .collect();
    std::fs::write(
        dir.path().join("state.json"),
        serde_json::json!({"notice_seen": true, "checks": upto}).to_string(),
    )
    .unwrap();
    run(&[
        "--data-dir",
        dir.path().to_str().unwrap(),
        "--today",
        today,
        "status",
        "--format",
        format,
    ])
}

#[test]
fn status_matches_the_golden_files_with_exit_codes_as_flags_check() {
    // 2026-11-23: one session, the checklist answered "none".
    for (format, file) in [
        ("text", "status.txt"),
        ("json", "status.json"),
        ("tmux", "status.tmux"),
    ] {
        let o = status("2026-11-23", format);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        golden(file, &stdout(&o));
    }
    // 2026-11-22: an emergency answer, first and unmissable, exit 5 as flags --check.
    for (format, file) in [
        ("text", "status-emergency.txt"),
        ("json", "status-emergency.json"),
        ("tmux", "status-emergency.tmux"),
    ] {
        let o = status("2026-11-22", format);
        assert_eq!(o.status.code(), Some(5));
        golden(file, &stdout(&o));
    }
    let o = status("2026-11-22", "text");
    assert!(stdout(&o).starts_with("backstretch: !! EMERGENCY SIGN"));
    // The emergency of 2026-11-22 still stands on a later day, until a whole list is
    // answered without it (the fixture's 2026-11-23 list lifts it).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("state.json"),
        r#"{"notice_seen": true, "checks": [{"date": "2026-11-22", "at": "2026-11-22T09:15:00+01:00", "result": "emergency", "yes": ["bladder"], "quick": false}]}"#,
    )
    .unwrap();
    let o = run(&[
        "--data-dir",
        dir.path().to_str().unwrap(),
        "--today",
        "2026-12-01",
        "status",
    ]);
    assert_eq!(o.status.code(), Some(5), "{}", stdout(&o));
    // 2026-11-21: "soon" is 3.
    assert_eq!(status("2026-11-21", "json").status.code(), Some(3));
    let j: serde_json::Value =
        serde_json::from_str(&stdout(&status("2026-11-21", "json"))).unwrap();
    assert_eq!(j["checklist"], "soon");
    assert_eq!(j["sessions_today"], 1);
    assert_eq!(j["day"], 5);
    // The latest session in the file, even when it is dated after "today" (a wrong clock).
    assert_eq!(j["last_session"], "2026-11-23T07:50:00+01:00");
}

#[test]
fn status_never_writes_and_knows_nothing_of_an_empty_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("not-yet");
    let o = run(&[
        "--data-dir",
        data.to_str().unwrap(),
        "--today",
        "2026-11-24",
        "status",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "{\"day\":null,\"sessions_today\":0,\"last_session\":null,\"checklist\":\"unchecked\"}\n"
    );
    assert!(!data.exists(), "status created the data directory");
    // The fixture is left exactly as it was.
    let before: Vec<_> = ["history.jsonl", "state.json", "settings.json"]
        .iter()
        .map(|f| std::fs::read(data_fixture().join(f)).unwrap())
        .collect();
    run(&[
        "--data-dir",
        data_fixture().to_str().unwrap(),
        "--today",
        "2026-11-23",
        "status",
    ]);
    let after: Vec<_> = ["history.jsonl", "state.json", "settings.json"]
        .iter()
        .map(|f| std::fs::read(data_fixture().join(f)).unwrap())
        .collect();
    assert_eq!(before, after);
    // A bad format is refused clearly.
    let o = run(&["status", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("possible values: text, json, tmux"),
        "{}",
        stderr(&o)
    );
}

/// A state file that cannot be read hides whatever answer it held: `status` never reads
/// that as "not checked" with exit 0, and says why on stderr. An unreadable history is an
/// error too (exit 1), where no answer stands.
#[test]
fn status_with_files_it_cannot_read_says_so_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("state.json"), "{ damaged").unwrap();
    let o = in_dir(dir.path(), &["status"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("checklist answers could not be read"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("not checked"), "{}", stdout(&o));
    assert!(stderr(&o).contains("state.json"), "{}", stderr(&o));
    let o = in_dir(dir.path(), &["status", "--format", "json"]);
    assert!(
        stdout(&o).contains(r#""checklist":"unknown""#),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("state.json")).unwrap(),
        "{ damaged",
        "never written over"
    );
    // The history: a directory in its place.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("history.jsonl")).unwrap();
    let o = in_dir(dir.path(), &["status"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("history.jsonl"), "{}", stderr(&o));
}

fn in_dir(dir: &Path, args: &[&str]) -> Output {
    bin()
        .env("BACKSTRETCH_DATA_DIR", dir)
        .env("BACKSTRETCH_TODAY", "2026-11-24")
        .args(args)
        .output()
        .unwrap()
}

fn sha256_of(path: &Path) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_prescription_sticks_is_recorded_and_clears() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let rx = fixture("prescription.json");
    let o = in_dir(d, &["prescribe", rx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Installed Morning routine · Riverside Physio (version 3, sha256 "),
        "{out}"
    );
    assert_eq!(
        std::fs::read(d.join("prescription.json")).unwrap(),
        std::fs::read(&rx).unwrap(),
        "the copy is the file, byte for byte"
    );

    // Plain `list` uses it: its routine, its stretches, their own doses.
    let out = stdout(&in_dir(d, &["list"]));
    assert!(out.contains("morning  Morning routine"), "{out}");
    assert!(out.contains("15 s x 3"), "{out}");
    assert!(!out.contains("childs-pose"), "{out}");
    // `show` says the one number, never "15-15".
    let out = stdout(&in_dir(d, &["show", "cat-cow"]));
    assert!(
        out.contains("Hold 15 s in each phase, 3 repetitions. Set by your prescription."),
        "{out}"
    );
    assert!(!out.contains("15-15"), "{out}");

    // `prescribe` alone says what is in use and where it came from.
    let out = stdout(&in_dir(d, &["prescribe"]));
    assert!(
        out.contains("In use: Morning routine · Riverside Physio"),
        "{out}"
    );
    assert!(out.contains("copied from "), "{out}");
    assert!(out.contains("prescription.json"), "{out}");
    assert!(out.contains(&sha256_of(&rx)), "{out}");
    assert!(out.contains("Phone: 01632 960 123"), "{out}");

    // The clinic is named with the checklist's levels, after the emergency number.
    let out = stdout(&in_dir(d, &["flags"]));
    let emergency = out.find("112").unwrap();
    let clinic = out
        .find("Questions about your exercises: Riverside Physio, 01632 960 123")
        .expect("the clinic");
    assert!(emergency < clinic, "{out}");

    // A fixed dose cannot be changed from the command line: the error says the value.
    let o = in_dir(d, &["run", "--plain", "--hold", "20", "morning"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--hold 20: the content in use fixes this at 15 s"),
        "{}",
        stderr(&o)
    );

    // `run --plain` uses it, with its dose and its text filled from the dose.
    let mut child = bin()
        .args([
            "run",
            "--plain",
            "knee-to-chest",
            "--no-checkin",
            "--time-scale",
            "50",
        ])
        .env("BACKSTRETCH_DATA_DIR", d)
        .env("BACKSTRETCH_TODAY", "2026-11-24")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"y\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "Knee-to-chest, repetition 3 of 3: 15 seconds.",
        "Knees in toward your chest for 15 seconds",
        "Session over. 3 of 3 repetitions done; held 45 of 45 seconds.",
    ] {
        assert!(out.contains(line), "{line:?} missing:\n{out}");
    }
    // The history line names the content: title, version, SHA-256.
    let history = std::fs::read_to_string(d.join("history.jsonl")).unwrap();
    let rec: serde_json::Value = serde_json::from_str(history.lines().next().unwrap()).unwrap();
    assert_eq!(rec["content"]["title"], "Morning routine");
    assert_eq!(rec["content"]["version"], "3");
    assert_eq!(rec["content"]["sha256"], sha256_of(&rx).as_str());
    assert_eq!(rec["hold_seconds"], 15);
    assert_eq!(rec["stretches"][0]["reps_planned"], 3);
    // The export names it per session, and the clinic.
    let out = stdout(&in_dir(d, &["export"]));
    assert!(
        out.contains("- Prescribed by: A. Physio, Riverside Physio, 01632 960 123 (2026-11-30)"),
        "{out}"
    );
    let sha = sha256_of(&rx);
    let short = &sha[..12];
    assert!(
        out.contains(&format!("| Morning routine version 3 (sha256 {short}) |")),
        "{out}"
    );
    let csv = stdout(&in_dir(d, &["export", "--format", "csv"]));
    assert!(
        csv.contains(&format!(",Morning routine,3,{sha}\n")),
        "{csv}"
    );

    // BACKSTRETCH_CONTENT wins over the prescription; --content wins over both.
    let small = fixture("valid_small.json");
    let o = bin()
        .env("BACKSTRETCH_DATA_DIR", d)
        .env("BACKSTRETCH_CONTENT", &small)
        .args(["list"])
        .output()
        .unwrap();
    assert!(stdout(&o).contains("clinic"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("morning"), "{}", stdout(&o));
    let o = bin()
        .env("BACKSTRETCH_DATA_DIR", d)
        .env("BACKSTRETCH_CONTENT", &small)
        .args(["prescribe"])
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("named by BACKSTRETCH_CONTENT"),
        "{}",
        stdout(&o)
    );
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/content.json");
    let o = bin()
        .env("BACKSTRETCH_DATA_DIR", d)
        .env("BACKSTRETCH_CONTENT", &small)
        .args(["--content", builtin.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert!(stdout(&o).contains("childs-pose"), "{}", stdout(&o));

    // A broken file is never installed over a good one.
    let o = in_dir(
        d,
        &["prescribe", fixture("no_holds.json").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nothing was installed"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&in_dir(d, &["list"])).contains("morning"));

    // An installed file edited by hand into a broken one stops every command with its
    // report: it never falls back to the built-in stretches without a word.
    let text = std::fs::read_to_string(d.join("prescription.json")).unwrap();
    std::fs::write(
        d.join("prescription.json"),
        text.replacen("\"caution\"", "\"cautoin\"", 1),
    )
    .unwrap();
    for args in [
        vec!["list"],
        vec!["run", "--plain"],
        vec![],
        vec!["prescribe"],
    ] {
        let o = in_dir(d, &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stdout(&o).is_empty(), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("prescription.json:"), "{args:?}: {err}");
        assert!(err.contains("unknown field `cautoin`"), "{args:?}: {err}");
        assert!(
            err.contains("backstretch prescribe --clear"),
            "{args:?}: {err}"
        );
        // The advice reads as lines, not with the source code's indentation inside them.
        assert!(!err.contains("   "), "{args:?}: {err}");
    }
    // `--clear` goes back to the built-in set.
    let o = in_dir(d, &["prescribe", "--clear"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("Removed the prescription"),
        "{}",
        stdout(&o)
    );
    let out = stdout(&in_dir(d, &["list"]));
    assert!(out.contains("childs-pose"), "{out}");
    assert!(!out.contains("morning"), "{out}");
    let out = stdout(&in_dir(d, &["prescribe"]));
    assert!(out.contains("In use: built-in (backstretch "), "{out}");
    let o = in_dir(d, &["prescribe", "--clear"]);
    assert!(
        stdout(&o).contains("No prescription is installed"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn flags_check_names_the_clinic_for_soon_and_today_but_not_an_emergency() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let answer = |yes: &[usize]| {
        let mut child = bin()
            .args(["flags", "--check"])
            .env("BACKSTRETCH_DATA_DIR", dir.path())
            .env("BACKSTRETCH_CONTENT", fixture("prescription.json"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        // The fixture's 17 questions, in the order asked.
        let answers: Vec<&str> = (0..17)
            .map(|i| if yes.contains(&i) { "y" } else { "n" })
            .collect();
        input
            .write_all(format!("{}\n", answers.join("\n")).as_bytes())
            .unwrap();
        drop(input);
        let o = child.wait_with_output().unwrap();
        stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let clinic = "Questions about your exercises: Riverside Physio, 01632 960 123";
    for yes in [&[16][..], &[9]] {
        let words = answer(yes);
        let action = words.find("doctor").expect("what to do");
        let at = words.find(clinic).unwrap_or_else(|| panic!("{words}"));
        assert!(action < at, "{words}");
    }
    let words = answer(&[2]);
    assert!(words.contains("emergency number"), "{words}");
    assert!(!words.contains("Riverside"), "{words}");
}

/// `flags --check` in a language: the answers piped in, the language's options.
fn check_in(lang_args: &[&str], env: &[(&str, &str)], answers: &[&str], dir: &Path) -> Output {
    use std::io::Write;
    let mut cmd = bin();
    cmd.args(lang_args)
        .args(["flags", "--check"])
        .env("BACKSTRETCH_DATA_DIR", dir)
        .env("BACKSTRETCH_TODAY", "2026-11-24")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    input
        .write_all(format!("{}\n", answers.join("\n")).as_bytes())
        .unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// The answers in the language: `s` for yes in Spanish, `n` for no.
fn spanish_answers(yes: &[&str]) -> Vec<&'static str> {
    ask_order()
        .iter()
        .map(|id| if yes.contains(&id.as_str()) { "s" } else { "n" })
        .collect()
}

#[test]
fn flags_check_in_spanish_takes_s_and_n_with_the_right_exit_codes() {
    let es = ["--lang", "es"];
    // Every answer no: exit 0, and the result in Spanish.
    let dir = tempfile::tempdir().unwrap();
    let o = check_in(&es, &[], &spanish_answers(&[]), dir.path());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("Responda cada pregunta con s (sí) o n (no)"),
        "{out}"
    );
    assert!(out.contains("[s/n]"), "{out}");
    assert!(
        out.contains("No tiene ninguna de las señales de alarma."),
        "{out}"
    );
    assert!(
        !out.contains("[y/n]") && !out.contains("Please answer"),
        "{out}"
    );
    // s to an emergency sign: exit 5, what to do in Spanish, with the emergency numbers.
    let dir = tempfile::tempdir().unwrap();
    let o = check_in(&es, &[], &spanish_answers(&["bladder"]), dir.path());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(5), "{out}");
    assert!(out.contains("¡¡ EMERGENCIA !!"), "{out}");
    // Words only: the wrapping may break a line anywhere.
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("su número local de emergencias (por ejemplo 911, 999 o 112)"),
        "{out}"
    );
    assert!(
        flat.contains("Porque respondió que sí a: problemas nuevos para orinar."),
        "{out}"
    );
    // The signs answered yes are kept by id, whatever the language.
    let lists = complete_lists(dir.path());
    assert_eq!(lists.last().unwrap().1, vec!["bladder".to_string()]);
    // s to a today sign: exit 4; to a soon sign: exit 3.
    let dir = tempfile::tempdir().unwrap();
    let o = check_in(&es, &[], &spanish_answers(&["fever"]), dir.path());
    assert_eq!(o.status.code(), Some(4), "{}", stdout(&o));
    assert!(stdout(&o).contains("VEA A UN MÉDICO HOY"), "{}", stdout(&o));
    let dir = tempfile::tempdir().unwrap();
    let o = check_in(&es, &[], &spanish_answers(&["not-improving"]), dir.path());
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    // The English y is not a Spanish answer: it is asked again, then s is taken.
    let dir = tempfile::tempdir().unwrap();
    let mut answers = vec!["y"];
    answers.extend(spanish_answers(&[]));
    answers[1] = "s";
    let o = check_in(&es, &[], &answers, dir.path());
    let out = stdout(&o);
    assert!(out.contains("Responda s o n, por favor"), "{out}");
    assert_eq!(o.status.code(), Some(5), "{out}");
    // The whole word works too, with or without its accent.
    let dir = tempfile::tempdir().unwrap();
    let mut answers = spanish_answers(&[]);
    answers[0] = "sí";
    let o = check_in(&es, &[], &answers, dir.path());
    assert_eq!(o.status.code(), Some(5), "{}", stdout(&o));
    // In English, s is not an answer.
    let dir = tempfile::tempdir().unwrap();
    let mut answers = vec!["s"];
    answers.extend(answers_with_yes_at(&[]));
    let o = check_in(&[], &[], &answers, dir.path());
    assert!(
        stdout(&o).contains("Please answer y or n"),
        "{}",
        stdout(&o)
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn the_locale_picks_the_language_and_lang_and_the_setting_come_first() {
    let dir = tempfile::tempdir().unwrap();
    let list = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = bin();
        c.args(args)
            .args(["list"])
            .env("BACKSTRETCH_DATA_DIR", dir.path());
        for (k, v) in env {
            c.env(k, v);
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let spanish = |out: &str| out.contains("Estiramientos") && out.contains("Rutinas");
    let english = |out: &str| out.contains("Stretches") && out.contains("Routines");
    assert!(english(&list(&[], &[])));
    assert!(spanish(&list(&[], &[("LANG", "es_ES.UTF-8")])));
    assert!(spanish(&list(&[], &[("LC_MESSAGES", "es_MX")])));
    // LC_ALL wins over LANG; a language that is not built in is English.
    assert!(english(&list(
        &[],
        &[("LANG", "es_ES.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]
    )));
    assert!(english(&list(&[], &[("LANG", "de_DE.UTF-8")])));
    assert!(english(&list(&[], &[("LANG", "C")])));
    // --lang wins over the locale.
    assert!(english(&list(
        &["--lang", "en"],
        &[("LANG", "es_ES.UTF-8")]
    )));
    assert!(spanish(&list(&["--lang", "es"], &[])));
    // The language setting wins over the locale, and --lang over the setting.
    std::fs::write(dir.path().join("settings.json"), r#"{"language": "es"}"#).unwrap();
    assert!(spanish(&list(&[], &[("LANG", "en_US.UTF-8")])));
    assert!(english(&list(&["--lang", "en"], &[])));
    std::fs::remove_file(dir.path().join("settings.json")).unwrap();
    // A language that is not built in: exit 2, and what is.
    let o = run(&["--lang", "xx", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--lang xx"), "{}", stderr(&o));
    assert!(stderr(&o).contains("es (español)"), "{}", stderr(&o));
}

#[test]
fn a_format_1_file_without_ui_runs_in_english_whatever_the_locale() {
    let path = fixture("valid_small.json");
    let mut c = bin();
    c.args(["--content", path.to_str().unwrap(), "list"])
        .env("LANG", "es_ES.UTF-8");
    let o = c.output().unwrap();
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        out.contains("Stretches") && out.contains("HOLDS PER REPETITION"),
        "{out}"
    );
    assert!(!out.contains("Estiramientos"), "{out}");
    let mut c = bin();
    c.args(["--content", path.to_str().unwrap(), "--lang", "es", "flags"]);
    let out = stdout(&c.output().unwrap());
    assert!(
        out.contains("Red flags: when to stop and get help"),
        "{out}"
    );
}

#[test]
fn a_spanish_file_uses_its_own_ui_table_and_validate_lists_what_it_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/content.es.json"),
    )
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    // A clinician's Spanish file that words two things its own way and leaves the rest.
    v["ui"] = serde_json::json!({
        "list.stretches": "Ejercicios",
        "flags.title": "Cuándo parar",
    });
    let file = dir.path().join("mine.json");
    std::fs::write(&file, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let o = run(&["validate", file.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("warning: at ui:"), "{out}");
    assert!(
        out.contains("keys are left to the built-in español text (es)"),
        "{out}"
    );
    assert!(out.contains("key.yes"), "{out}");
    assert!(!out.contains("list.stretches,"), "{out}");
    // Run with it, in an English locale: its own words, and Spanish for the rest.
    let mut c = bin();
    c.args(["--content", file.to_str().unwrap(), "list"])
        .env("LANG", "en_US.UTF-8");
    let out = stdout(&c.output().unwrap());
    assert!(
        out.contains("Ejercicios") && out.contains("Rutinas"),
        "{out}"
    );
    // A placeholder that does not exist, and a key that does not: the file stops.
    v["ui"] = serde_json::json!({
        "session.left": "quedan {segundos} s",
        "sesion.left": "x",
    });
    std::fs::write(&file, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let o = run(&["validate", file.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(
            "at ui.session.left: no such placeholder {segundos}: this text may use {seconds}"
        ),
        "{out}"
    );
    assert!(
        out.contains("at ui.sesion.left: no such key (did you mean 'session.left'?)"),
        "{out}"
    );
    // A safety text too long for a small screen: a warning that names it.
    v["ui"] = serde_json::json!({ "gate.offer": "palabra ".repeat(80) });
    std::fs::write(&file, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let o = run(&["validate", file.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("at ui.gate.offer: does not fit whole on the gate before a session at 40x12"),
        "{out}"
    );
}

#[test]
fn flags_check_left_early_says_an_earlier_yes_still_stands_and_exits_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    // An emergency yes, and the list left there.
    let o = check(&["y", "q"], dir.path());
    assert_eq!(o.status.code(), Some(5), "{}", stdout(&o));
    // A later run left early with no yes of its own: the emergency still stands, and the
    // run says so, with the same code as `status`.
    for answers in [&["q"][..], &["n", "q"], &[]] {
        let o = check(answers, dir.path());
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(5), "{answers:?}: {out}");
        assert!(out.contains("earlier yes still stands"), "{out}");
        assert!(out.contains("your local emergency number"), "{out}");
        let status = bin()
            .args(["status"])
            .env("BACKSTRETCH_DATA_DIR", dir.path())
            .output()
            .unwrap();
        assert_eq!(status.status.code(), Some(5));
    }
    // A soon yes in a later unfinished run (the last question left): the more urgent
    // yes still decides.
    let n = ask_order().len();
    let mut answers = vec!["n"; n - 2];
    answers.extend(["y", "q"]);
    let o = check(&answers, dir.path());
    assert_eq!(o.status.code(), Some(5), "{}", stdout(&o));
    assert!(stdout(&o).contains("still stands"), "{}", stdout(&o));
}

#[test]
fn run_plain_with_a_soon_yes_standing_from_before_reads_as_sentences() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let n = ask_order().len();
    let mut answers = vec!["n"; n - 1];
    answers.push("y");
    assert_eq!(check(&answers, dir.path()).status.code(), Some(3));
    let mut child = bin()
        .args(["run", "--plain", "in-bed"])
        .env("BACKSTRETCH_DATA_DIR", dir.path())
        .env("BACKSTRETCH_TODAY", "2026-11-25")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"q\n").unwrap();
    let o = child.wait_with_output().unwrap();
    let out = stdout(&o);
    assert!(
        out.contains("Book a doctor's appointment. Gentle stretching is fine"),
        "{out}"
    );
}

/// A standing today yes: `run --plain` starts only on a typed `y`; declined, or with
/// input ending at that question, nothing starts and it exits 4, as `status` does.
#[test]
fn run_plain_held_off_by_a_today_yes_exits_4() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let order = ask_order();
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/content.json"))
            .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let emergencies = v["red_flags"]["signs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["urgency"] == "emergency")
        .count();
    assert!(emergencies < order.len());
    let mut answers = vec!["n"; emergencies];
    answers.extend(["y", "q"]);
    assert_eq!(check(&answers, dir.path()).status.code(), Some(4));
    for input in ["n\n", ""] {
        let mut child = bin()
            .args(["run", "--plain", "--no-checkin", "in-bed"])
            .env("BACKSTRETCH_DATA_DIR", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(4), "{input:?}: {out}");
        assert!(out.contains("See a doctor today"), "{out}");
        assert!(!out.contains("Hold for"), "nothing started: {out}");
    }
    assert!(!dir.path().join("history.jsonl").exists());
}

/// Runs of eight words or more from the facts the safety texts are built from (the
/// "How long an answer stands" section): the app says these things in its own words.
fn copied_runs(text: &str) -> Vec<String> {
    const FACTS: &[&str] = &[
        "A yes is kept from the moment it is given, even if the list is left unfinished.",
        "An emergency or today answer stands until the whole list is answered again without it. The date, the clock or the time zone changing does not lift it.",
        "A person may correct a mistaken yes only by going through the list again; both answers are kept in the record.",
    ];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let said = words(text);
    let mut out = Vec::new();
    for fact in FACTS {
        let f = words(fact);
        for run in f.windows(8) {
            if said.windows(8).any(|w| w == run) {
                out.push(run.join(" "));
            }
        }
    }
    out
}

#[test]
fn the_standing_yes_is_explained_in_the_apps_own_words() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(check(&["y", "q"], dir.path()).status.code(), Some(5));
    let in_dir = |args: &[&str]| {
        bin()
            .args(args)
            .env("BACKSTRETCH_DATA_DIR", dir.path())
            .env("BACKSTRETCH_TODAY", "2026-11-24")
            .output()
            .unwrap()
    };
    for o in [
        check(&["q"], dir.path()),
        in_dir(&["run", "--plain", "in-bed"]),
        in_dir(&["export"]),
    ] {
        let out = stdout(&o);
        assert!(out.contains("emergency"), "{out}");
        assert_eq!(copied_runs(&out), Vec::<String>::new(), "{out}");
    }
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert_eq!(copied_runs(&readme), Vec::<String>::new());
}

#[test]
fn flags_check_does_not_claim_to_keep_answers_it_cannot_save() {
    let dir = tempfile::tempdir().unwrap();
    // A state file that cannot be read: it is left alone, so nothing is saved over it.
    std::fs::write(dir.path().join("state.json"), "{garbage").unwrap();
    let o = check(&["n", "y", "q"], dir.path());
    assert_eq!(o.status.code(), Some(5));
    let out = stdout(&o);
    assert!(!out.contains("kept"), "{out}");
    assert!(out.contains("not saved"), "{out}");
    assert!(stderr(&o).contains("could not be read"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("state.json")).unwrap(),
        "{garbage"
    );
}
