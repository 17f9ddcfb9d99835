//! A check run as a whole: one file's crash costs that file only, inputs that are not regular
//! files, a file named twice, and outputs that cannot be written.

mod common;

use common::{Run, copydesk_stdin, write};
use pretty_assertions::assert_eq;
use std::path::Path;
use std::process::{Command, Stdio};

const DIRTY: &str = "The vote was delayed.\nRead More\n";

fn check_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("check")
        .arg("--no-config")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap(),
    }
}

/// The debug binary panics on a text holding `COPYDESK_TEST_CRASH`'s value, as a bug would.
#[test]
fn a_crash_costs_one_file_and_the_others_are_checked_and_fixed() {
    let tmp = tempfile::tempdir().unwrap();
    let doomed = "CRASH HERE in a story about the vote.\n";
    let csto = "The Treaty Organization for Collective Security met.\n";
    write(
        tmp.path(),
        &[("a.txt", DIRTY), ("b.txt", doomed), ("c.txt", csto)],
    );
    let crash = [("COPYDESK_TEST_CRASH", "CRASH HERE")];
    let run = check_env(tmp.path(), &["--format", "short", "."], &crash);
    assert_eq!(
        without_line_numbers(&run.stdout),
        "./a.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n\
         ./b.txt:1:1: error[copydesk/internal-error] copydesk crashed while checking this file: \
         a test crash, asked for by COPYDESK_TEST_CRASH at src/guard.rs\n\
         ./c.txt:1:5: warning[style/official-names] `Treaty Organization for Collective Security` is not the organisation's name\n"
    );
    assert_eq!((run.stderr.as_str(), run.code), ("", 2));
    // Under --fix, the others are fixed exactly as they would have been; the crashed file is untouched.
    let run = check_env(tmp.path(), &["--format", "short", "--fix", "."], &crash);
    assert_eq!(run.code, 2);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("c.txt")).unwrap(),
        "The Collective Security Treaty Organization met.\n"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("b.txt")).unwrap(),
        doomed
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("a.txt")).unwrap(),
        "The vote was delayed.\n"
    );
    assert_eq!(run.stderr, "copydesk: applied 2 fixes in 2 files\n");
}

/// `text` with the line and column after `.rs` cut, so that the test does not move with the code.
fn without_line_numbers(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        match line.find(".rs:") {
            Some(at) => out.push_str(&format!("{}.rs\n", &line[..at])),
            None => out.push_str(line),
        }
    }
    out
}

#[test]
fn a_pipe_named_on_the_command_line_is_read_and_a_file_named_twice_is_checked_once() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("a.txt", DIRTY)]);
    let run = copydesk_stdin(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "/dev/stdin",
            "a.txt",
            "./a.txt",
        ],
        Some(DIRTY.as_bytes()),
    );
    assert_eq!(
        run.stdout,
        "/dev/stdin:2:1: error[residue/read-more] scraper leftover `Read More`\n\
         a.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_failed_write_is_an_error_and_a_closed_pipe_is_not() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("a.txt", DIRTY)]);
    let full = std::fs::File::create("/dev/full");
    if let Ok(full) = full {
        let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["check", "--no-config", "a.txt"])
            .current_dir(tmp.path())
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with("error: cannot write the report: No space left on device"),
            "{stderr}"
        );
    }
    // `copydesk check | head -c 1`: the reader goes away; the run ends quietly.
    let files: Vec<(String, &str)> = (0..300).map(|i| (format!("f{i:03}.txt"), DIRTY)).collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    write(tmp.path(), &files);
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--no-config", "."])
        .current_dir(tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    assert_eq!(out.status.code(), Some(1));
}
