//! Hostile input, failing disks and odd files, through the built binary: nothing a file
//! holds reaches the terminal raw, nothing is silently lost or replaced, nothing hangs.

use proptest::prelude::*;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_backstretch"));
    c.env(
        "BACKSTRETCH_DATA_DIR",
        std::env::temp_dir().join("backstretch-hostile-tests-unused"),
    )
    .env_remove("NO_COLOR")
    .stdin(Stdio::null());
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Control characters other than the newline ending each line.
fn has_control(s: &str) -> bool {
    s.chars().any(|c| c != '\n' && c.is_control())
}

/// Waits at most `limit` for a child; kills it and fails if it hangs.
fn wait_bounded(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("the command hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

const EMBEDDED: &str = include_str!("../assets/content.json");

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---- Terminal injection ----------------------------------------------------------------

#[test]
fn validate_reports_control_characters_and_echoes_none() {
    let dir = tempfile::tempdir().unwrap();
    let evil = EMBEDDED
        .replacen("\"knee-to-chest\"", "\"knee\\u001b]0;pwned\\u0007\"", 1)
        .replacen(
            "\"format_version\"",
            "\"evil\\u001b[2Jkey\": 1, \"format_version\"",
            1,
        )
        .replacen("Knee-to-chest", "Knee\\u001b[31m-to-chest", 1);
    let p = write(dir.path(), "evil.json", evil.as_bytes());
    let o = run(&["validate", arg(&p)]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(!has_control(&out), "{out:?}");
    // The key and the id are echoed with the escape made visible.
    assert!(out.contains("evil^[[2Jkey"), "{out}");
    // Every string with a control character is a problem, by its path.
    assert!(out.contains("control character U+001B"), "{out}");
    // Other commands refuse it the same way, with nothing raw on stderr.
    for cmd in [&["list"][..], &["show", "cat-cow"], &["flags"]] {
        let o = bin()
            .args(["--content", arg(&p)])
            .args(cmd)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{cmd:?}");
        assert!(!has_control(&text(&o.stderr)), "{cmd:?}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn a_file_name_with_escape_codes_is_not_echoed_raw() {
    // `validate ~/Downloads/*` meets whatever names a sender chose.
    let dir = tempfile::tempdir().unwrap();
    let bad = EMBEDDED.replacen("\"format_version\": 2", "\"format_version\": 99", 1);
    for body in [EMBEDDED, bad.as_str(), "{", "\u{feff}"] {
        let p = write(
            dir.path(),
            "x\u{1b}]0;pwned\u{7}\u{1b}[2J.json",
            body.as_bytes(),
        );
        let cmds: [&[&str]; 4] = [
            &["validate", arg(&p)],
            &["--content", arg(&p), "list"],
            &["--content", arg(&p), "flags"],
            &["--content", arg(&p), "prescribe"],
        ];
        for cmd in cmds {
            let o = run(cmd);
            let (out, err) = (text(&o.stdout), text(&o.stderr));
            assert!(!has_control(&out), "{cmd:?}: {out:?}");
            assert!(!has_control(&err), "{cmd:?}: {err:?}");
        }
        let missing = dir.path().join("gone\u{1b}[2J.json");
        for cmd in [
            &["validate", arg(&missing)][..],
            &["--content", arg(&missing), "list"],
        ] {
            let o = run(cmd);
            assert_ne!(o.status.code(), Some(0), "{cmd:?}");
            let err = text(&o.stderr) + &text(&o.stdout);
            assert!(!has_control(&err), "{cmd:?}: {err:?}");
            assert!(err.contains("gone^[[2J.json"), "{cmd:?}: {err}");
        }
    }
    // Installed, the name it came from is said by `prescribe` and in `--help`-less errors.
    let p = write(dir.path(), "y\u{1b}[2J.json", EMBEDDED.as_bytes());
    let data = dir.path().join("data");
    let o = run(&["--data-dir", arg(&data), "prescribe", arg(&p)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = run(&["--data-dir", arg(&data), "prescribe"]);
    let out = text(&o.stdout) + &text(&o.stderr);
    assert!(out.contains("y^[[2J.json"), "{out}");
    assert!(!has_control(&out), "{out:?}");
}

#[test]
fn only_the_control_characters_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let evil = EMBEDDED.replacen("Knee-to-chest", "Knee\\u009b31m-to-chest", 1);
    let p = write(dir.path(), "c1.json", evil.as_bytes());
    let out = text(&run(&["validate", arg(&p)]).stdout);
    assert!(out.contains("1 problem found"), "{out}");
    assert!(out.contains("U+009B at character 5"), "{out}");
    assert!(out.contains(".name"), "{out}");
}

fn history_line(routine: &str, day: u32) -> String {
    format!(
        r#"{{"start":"2026-11-{day:02}T08:00:00+00:00","end":"2026-11-{day:02}T08:10:00+00:00","routine":"{routine}","hold_seconds":20,"repetitions":2,"stretches":[{{"id":"knee-to-chest","reps_planned":2,"reps_done":2,"held_seconds":40.0,"skipped":0}}],"pauses":0,"skips":0,"pain_stops":1,"pain_before":6,"pain_after":4,"checklist":"none","completed":true}}"#
    ) + "\n"
}

#[test]
fn history_and_export_print_nothing_raw_from_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let lines = history_line("in-bed\\u001b]0;pwned\\u0007\\u001b[2J", 20)
        + &history_line("floor\\u009b31m", 21);
    write(&data, "history.jsonl", lines.as_bytes());
    for args in [
        &["history"][..],
        &["export"],
        &["export", "--format", "csv"],
    ] {
        let o = bin()
            .args(["--data-dir", arg(&data)])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}");
        let out = text(&o.stdout);
        assert!(!has_control(&out), "{args:?}: {out:?}");
        assert!(out.contains("in-bed^[]0;pwned^G^[[2J"), "{args:?}: {out}");
        assert!(out.contains("floor<U+009B>31m"), "{args:?}: {out}");
    }
}

#[test]
fn messages_about_the_history_print_nothing_raw_and_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "{\"start\":\"x\",\"pain_before\":\"\\u001b[2Jboom\\u0007\"}\n";
    write(dir.path(), "history.jsonl", bad.as_bytes());
    let o = bin()
        .args(["--data-dir", arg(dir.path()), "history"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = text(&o.stderr);
    assert!(err.contains("line 1 of the history"), "{err}");
    assert!(!has_control(&err), "{err:?}");
    // A stderr that cannot be written is no reason to panic.
    let o = bin()
        .args(["--data-dir", arg(dir.path()), "history"])
        .stderr(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}

// ---- Export --out ----------------------------------------------------------------------

fn export_data(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    fs::create_dir_all(&data).unwrap();
    write(
        &data,
        "history.jsonl",
        history_line("in-bed", 20).as_bytes(),
    );
    data
}

fn export_to(data: &Path, out: &Path, force: bool) -> Output {
    let mut c = bin();
    c.args(["--data-dir", arg(data), "export", "--out", arg(out)]);
    if force {
        c.arg("--force");
    }
    c.output().unwrap()
}

#[test]
fn export_out_replaces_only_regular_files_and_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let data = export_data(dir.path());
    // A new file.
    let out = dir.path().join("summary.md");
    assert!(export_to(&data, &out, false).status.success());
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("summary for a clinician")
    );
    // It exists now: only with --force.
    fs::write(&out, "mine").unwrap();
    let o = export_to(&data, &out, false);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("already exists"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "mine");
    assert!(export_to(&data, &out, true).status.success());
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("summary for a clinician")
    );

    // A dangling link counts as existing.
    let link = dir.path().join("dangling.md");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
    let o = export_to(&data, &link, false);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!dir.path().join("nowhere").exists());

    // A directory is refused, even with --force.
    let o = export_to(&data, dir.path(), true);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("is a directory"),
        "{}",
        text(&o.stderr)
    );

    // A missing parent directory is an error, and is not created.
    let deep = dir.path().join("no-such-dir").join("x.md");
    let o = export_to(&data, &deep, false);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("does not exist"),
        "{}",
        text(&o.stderr)
    );
    assert!(!dir.path().join("no-such-dir").exists());

    // No temporary file is left beside the output.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn export_out_force_writes_into_a_device_instead_of_replacing_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = export_data(dir.path());
    // /dev/full stays a device (as root it used to be replaced by a regular file); the
    // write fails, and says so.
    let o = export_to(&data, Path::new("/dev/full"), true);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("could not write"),
        "{}",
        text(&o.stderr)
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    let o = export_to(&data, Path::new("/dev/null"), true);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn export_out_force_writes_into_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let data = export_data(dir.path());
    let fifo = dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let child = bin()
        .args([
            "--data-dir",
            arg(&data),
            "export",
            "--out",
            arg(&fifo),
            "--force",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut got = String::new();
    fs::File::open(&fifo)
        .unwrap()
        .read_to_string(&mut got)
        .unwrap();
    let o = wait_bounded(child, Duration::from_secs(20));
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(got.contains("summary for a clinician"));
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

// ---- Files that are not what they seem -------------------------------------------------

#[test]
fn content_must_be_a_regular_file_of_bounded_size() {
    let dir = tempfile::tempdir().unwrap();
    // /dev/zero would grow memory without end; a fifo with no writer would block forever.
    let fifo = dir.path().join("fifo.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for (path, says) in [
        (Path::new("/dev/zero"), "a device, not a regular file"),
        (fifo.as_path(), "a named pipe (fifo), not a regular file"),
        (dir.path(), "a directory, not a regular file"),
    ] {
        let child = bin()
            .args(["validate", arg(path)])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let o = wait_bounded(child, Duration::from_secs(20));
        assert_eq!(o.status.code(), Some(1));
        assert!(text(&o.stdout).contains(says), "{}", text(&o.stdout));
    }
    let big = write(dir.path(), "big.json", &vec![b' '; 1024 * 1024 + 1]);
    let out = text(&run(&["validate", arg(&big)]).stdout);
    assert!(out.contains("larger than 1 MiB"), "{out}");
}

#[test]
fn prescribe_and_status_never_block_on_a_fifo_or_read_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let fifo = dir.path().join("fifo.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for file in [fifo.as_path(), Path::new("/dev/zero")] {
        let child = bin()
            .args(["--data-dir", arg(&data), "prescribe", arg(file)])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let o = wait_bounded(child, Duration::from_secs(20));
        assert_eq!(o.status.code(), Some(1));
        let err = text(&o.stderr);
        assert!(err.contains("not a regular file"), "{err}");
        assert!(err.contains("nothing was installed"), "{err}");
    }
    // A fifo where the history should be: said, not waited on.
    assert!(
        Command::new("mkfifo")
            .arg(data.join("history.jsonl"))
            .status()
            .unwrap()
            .success()
    );
    let child = bin()
        .args(["--data-dir", arg(&data), "status"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = wait_bounded(child, Duration::from_secs(20));
    assert!(
        text(&o.stderr).contains("not a regular file"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_bom_is_fine_and_bad_utf8_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(EMBEDDED.as_bytes());
    let p = write(dir.path(), "bom.json", &bom);
    let o = run(&["validate", arg(&p)]);
    assert!(o.status.success(), "{}", text(&o.stdout));
    let mut bad = EMBEDDED.as_bytes().to_vec();
    let at = EMBEDDED.find("Knee-to-chest").unwrap();
    bad[at] = 0xFF;
    let line = EMBEDDED[..at].lines().count();
    let p = write(dir.path(), "latin1.json", &bad);
    let o = run(&["validate", arg(&p)]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(out.contains(&format!("offset {at} (line {line})")), "{out}");
    assert!(out.contains("save the file as UTF-8"), "{out}");
}

#[test]
fn a_data_dir_that_is_a_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "not-a-dir", b"x");
    for cmd in [&["history"][..], &["export"]] {
        let o = bin()
            .args(["--data-dir", arg(&file)])
            .args(cmd)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        let err = text(&o.stderr);
        assert!(err.contains("is a file, not a directory"), "{err}");
        assert!(!err.contains("os error 17"), "{err}");
    }
    // The checklist's result still stands, with its exit code, when it cannot be kept.
    let mut child = bin()
        .args(["--data-dir", arg(&file), "flags", "--check"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all("y\n".repeat(40).as_bytes())
            .unwrap();
    }
    let o = wait_bounded(child, Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(5));
    let err = text(&o.stderr);
    assert!(err.contains("the answers will not be saved"), "{err}");
    assert!(err.contains("is a file, not a directory"), "{err}");
}

#[test]
fn an_unreadable_history_is_an_error_not_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the file should be: unreadable even as root.
    fs::create_dir_all(dir.path().join("history.jsonl")).unwrap();
    for cmd in [&["history"][..], &["export"]] {
        let o = bin()
            .args(["--data-dir", arg(dir.path())])
            .args(cmd)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{cmd:?}");
        assert!(!text(&o.stdout).contains("No sessions yet"));
        let err = text(&o.stderr);
        assert!(err.contains("history.jsonl could not be read"), "{err}");
    }
}

// ---- Output errors ---------------------------------------------------------------------

#[test]
fn a_full_disk_is_an_error_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let data = export_data(dir.path());
    for args in [
        &["--help"][..],
        &["--version"],
        &["list"],
        &["show", "cat-cow"],
        &["flags"],
        &["validate", "assets/content.json"],
        &["history"],
        &["export"],
        &["export", "--format", "csv"],
    ] {
        let o = bin()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["--data-dir", arg(&data)])
            .args(args)
            .stdout(fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            text(&o.stderr).contains("could not write the output"),
            "{args:?}: {}",
            text(&o.stderr)
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly_and_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let data = export_data(dir.path());
    for args in [
        &["--help"][..],
        &["--version"],
        &["list"],
        &["history"],
        &["export"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = bin()
            .args(["--data-dir", arg(&data)])
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(141), "{args:?}");
        assert!(o.stderr.is_empty(), "{args:?}: {}", text(&o.stderr));
    }
}

// ---- No silent loss in run --plain -----------------------------------------------------

#[test]
fn run_plain_exits_non_zero_when_the_session_could_not_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("history.jsonl")).unwrap();
    let mut child = bin()
        .args([
            "--data-dir",
            arg(dir.path()),
            "--time-scale",
            "200",
            "--today",
            "2026-11-24",
            "run",
            "--plain",
            "--no-checkin",
            "knee-to-chest",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"y\n").unwrap();
    }
    let o = wait_bounded(child, Duration::from_secs(60));
    let out = text(&o.stdout);
    assert!(out.contains("Not saved: This session's record"), "{out}");
    assert_eq!(o.status.code(), Some(1), "{out}\n{}", text(&o.stderr));
}

// ---- Fuzz: mutated content files -------------------------------------------------------

/// A change to the built-in content: bytes put in, taken out or replaced.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, String),
    Delete(usize, usize),
    Replace(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let piece = prop_oneof![
        Just("\\u001b[2J".to_string()),
        Just("\\u001b]0;x\\u0007".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{9b}".to_string()),
        Just("\"".to_string()),
        Just("{".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just("背中🙂".to_string()),
        Just("\\ud800".to_string()),
        Just("99999999999999999999".to_string()),
        "[ -~]{0,6}",
    ];
    prop_oneof![
        (any::<usize>(), piece).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), 0usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Replace(at, b)),
    ]
}

fn mutate(ms: &[Mutation]) -> Vec<u8> {
    let mut b = EMBEDDED.as_bytes().to_vec();
    for m in ms {
        match m {
            Mutation::Insert(at, s) => {
                let at = at % (b.len() + 1);
                b.splice(at..at, s.bytes());
            }
            Mutation::Delete(at, n) => {
                let at = at % (b.len() + 1);
                let end = (at + n).min(b.len());
                b.drain(at..end);
            }
            Mutation::Replace(at, byte) => {
                if !b.is_empty() {
                    let at = at % b.len();
                    b[at] = *byte;
                }
            }
        }
    }
    b
}

proptest! {
    // Each case runs the binary five times: a bounded number of cases keeps CI quick.
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn mutated_content_never_panics_or_prints_control_characters(
        ms in prop::collection::vec(mutation(), 1..6)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "fuzz.json", &mutate(&ms));
        let runs: [&[&str]; 5] = [
            &["validate", arg(&p)],
            &["--content", arg(&p), "list"],
            &["--content", arg(&p), "show", "cat-cow"],
            &["--content", arg(&p), "flags"],
            &["--content", arg(&p), "run", "--plain", "nope"],
        ];
        for args in runs {
            let o = run(args);
            let code = o.status.code();
            prop_assert!(matches!(code, Some(0..=2)), "{:?}: exit {:?}\n{}", args, code, text(&o.stderr));
            let (out, err) = (text(&o.stdout), text(&o.stderr));
            prop_assert!(!has_control(&out), "{:?}: stdout {:?}", args, out);
            prop_assert!(!has_control(&err), "{:?}: stderr {:?}", args, err);
            prop_assert!(!err.contains("panicked"), "{:?}: {}", args, err);
        }
    }
}
