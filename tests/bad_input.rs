//! Bad input never panics and never stops the run: each problem is reported with the file's name
//! (and position where there is one), the other files are still checked, and the exit code is 2.

mod common;

use common::{copydesk, write};
use pretty_assertions::assert_eq;
use tempfile::TempDir;

const DIRTY: &str = "The vote was delayed.\nRead More\n";

fn tmp_with_good_file() -> TempDir {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), &[("good.txt", DIRTY)]);
    tmp
}

#[test]
fn invalid_utf8_is_reported_with_its_position_and_the_run_goes_on() {
    let tmp = tmp_with_good_file();
    std::fs::write(
        tmp.path().join("latin1.txt"),
        b"Caf\xe9 society\nRead More\n",
    )
    .unwrap();
    let run = copydesk(tmp.path(), &["check", "--format", "short", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        "./good.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    assert!(
        run.stderr
            .starts_with("error: `./latin1.txt` is not valid UTF-8 (byte 0xE9); skipped\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("./latin1.txt:1:4"), "{}", run.stderr);
    assert!(
        run.stderr.contains("help: copydesk reads UTF-8 only"),
        "{}",
        run.stderr
    );
}

#[test]
fn binary_files_are_skipped_with_a_message() {
    let tmp = tmp_with_good_file();
    std::fs::write(
        tmp.path().join("image.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let run = copydesk(tmp.path(), &["check", "--format", "short", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout.lines().count(), 1);
    assert_eq!(
        run.stderr,
        "error: `./image.txt` is a binary file (NUL byte at offset 8); skipped\n\n"
    );
}

#[test]
fn empty_and_whitespace_files_are_fine() {
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        &[
            ("empty.txt", ""),
            ("blank.md", "\n\n   \n"),
            ("bom.txt", "\u{feff}"),
        ],
    );
    let run = copydesk(tmp.path(), &["check", "."]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "copydesk: no problems in 3 files\n", "")
    );
}

#[test]
fn missing_paths_are_reported_and_the_others_checked() {
    let tmp = tmp_with_good_file();
    let run = copydesk(
        tmp.path(),
        &["check", "--format", "short", "nope.txt", "good.txt"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout.lines().count(), 1);
    assert_eq!(
        run.stderr,
        "error: cannot read `nope.txt`: no such file or directory\n\n"
    );
}

#[cfg(unix)]
#[test]
fn broken_symlinks_and_symlink_loops_are_reported() {
    let tmp = tmp_with_good_file();
    std::os::unix::fs::symlink("missing.txt", tmp.path().join("broken.txt")).unwrap();
    std::fs::create_dir(tmp.path().join("loop")).unwrap();
    std::os::unix::fs::symlink("..", tmp.path().join("loop/up")).unwrap();
    let run = copydesk(tmp.path(), &["check", "--format", "short", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        "./good.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    assert!(
        run.stderr
            .contains("`./broken.txt`: no such file or directory"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`./loop/up` is a symbolic link loop; skipped"),
        "{}",
        run.stderr
    );
    let run = copydesk(tmp.path(), &["check", "broken.txt"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: cannot read `broken.txt`: no such file or directory\n\n"
        )
    );
}

#[test]
fn a_large_file_is_checked_in_pieces_with_exact_positions() {
    // Three mebibytes of paragraphs: larger than the engine's piece size, so it is checked in
    // pieces, and the finding near the end must still carry its exact line and offset.
    let paragraph = |i: usize| {
        format!("The committee met for the {i}th time and agreed to publish its findings.\n\n")
    };
    let count = 3 * 1024 * 1024 / paragraph(100_000).len();
    let mut text: String = (0..count).map(paragraph).collect();
    let offset = text.len();
    text.push_str("Read More\n");
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), &[("big.txt", &text)]);
    let run = copydesk(tmp.path(), &["check", "--format", "jsonl", "big.txt"]);
    let value: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(value["span"]["start"].as_u64(), Some(offset as u64));
    assert_eq!(value["span"]["line"].as_u64(), Some(2 * count as u64 + 1));
}

#[test]
fn a_file_with_no_line_breaks_is_cut_without_losing_findings() {
    let mut text = "word ".repeat(300_000);
    text.push_str("CLICK HERE to subscribe.");
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), &[("one-line.txt", &text)]);
    let run = copydesk(tmp.path(), &["check", "--format", "short", "one-line.txt"]);
    assert_eq!(
        run.stdout,
        "one-line.txt:1:1500001: warning[residue/click-here] web instruction `CLICK HERE` in the text\n"
    );
}

#[test]
fn a_huge_markdown_list_item_holding_other_blocks_is_checked_in_pieces() {
    // A list item over a mebibyte that holds a heading and a paragraph: the item's text must
    // not overlap the blocks nested in it, or a piece would end before its own text does.
    let mut text = format!(
        "- {}\n  # H\n  more\n\n{}\n",
        "word ".repeat(200_000),
        "word ".repeat(20_000)
    );
    let offset = text.len();
    text.push_str("\nRead More\n");
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), &[("min.md", &text)]);
    let run = copydesk(tmp.path(), &["check", "--format", "jsonl", "min.md"]);
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    let value: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(value["rule"], "residue/read-more");
    assert_eq!(value["span"]["start"].as_u64(), Some(offset as u64 + 1));
    assert_eq!(value["span"]["line"].as_u64(), Some(7));
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let tmp = TempDir::new().unwrap();
    let files: Vec<(String, &str)> = (0..200).map(|i| (format!("f{i:03}.txt"), DIRTY)).collect();
    for (name, content) in &files {
        write(tmp.path(), &[(name.as_str(), content)]);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "."])
        .current_dir(tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, like `| head -0`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "findings, not an error");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// A `pattern` rule file for a house rule folder.
fn pattern_rule(pattern: &str, extra: &str) -> String {
    format!(
        "kind = \"pattern\"\nseverity = \"warning\"\nmessage = \"leftover `{{match}}`\"\nwhy = \"w\"\n\
         pattern = '{pattern}'\n{extra}\n[[example]]\ntext = \"zzz\"\nflags = [\"zzz\"]\n\n\
         [[example]]\ntext = \"y\"\nflags = []\n"
    )
}

#[test]
fn an_exception_is_anchored_as_parsed_so_a_comment_in_it_cannot_swallow_the_anchor() {
    // `(?x)` makes `#` start a comment: pasting `)$` after the exception's text would comment it
    // out (a panic before). Here the exception means `zzz` in full, with a comment after it.
    let rule = pattern_rule(
        "z{3,}",
        "exceptions = ['(?x) zzz  # the word itself', '(?x)#']\n",
    )
    // The rule's own example must hold too: the exception spares `zzz` itself.
    .replace(
        "text = \"zzz\"\nflags = [\"zzz\"]",
        "text = \"zzzz\"\nflags = [\"zzzz\"]",
    );
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        &[
            ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
            ("house/residue/zed.toml", &rule),
            ("a.txt", "Say zzz, not zzzz.\n"),
        ],
    );
    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--format",
            "short",
            "--select",
            "residue/zed",
            "a.txt",
        ],
    );
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "a.txt:1:14: warning[residue/zed] leftover `zzzz`\n", "")
    );
}

#[test]
fn costly_regexes_in_rule_files_are_errors_at_the_regex() {
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        &[
            ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
            (
                "house/residue/big-a.toml",
                &pattern_rule("a{1000}{300}", ""),
            ),
            (
                "house/residue/big-b.toml",
                &pattern_rule("b{1000}{300}", ""),
            ),
            ("house/residue/wide.toml", &pattern_rule(r"\w{60}", "")),
            ("house/residue/fine.toml", &pattern_rule("c{1000}", "")),
            ("a.txt", "Fine.\n"),
        ],
    );
    let run = copydesk(tmp.path(), &["check", "a.txt"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    let costly = |name: &str, what: &str| {
        format!(
            "error: `./house/residue/big-{name}.toml`: regex too costly: its counted repetitions \
             make 300000 copies, more than 1000\n  \
             ┌─ ./house/residue/big-{name}.toml:5:11\n  │\n5 │ pattern = '{what}'\n  \
             │           ^^^^^^^^^^^^^^ repeats too much\n  │\n  \
             = help: matching time grows with the copies a repetition makes; use a shorter \
             count, or `+`/`*` where any length will do\n\n"
        )
    };
    let wide = "error: `./house/residue/wide.toml`: regex too large: it compiles to more than 1 MiB\n  \
                ┌─ ./house/residue/wide.toml:5:11\n  │\n5 │ pattern = '\\w{60}'\n  \
                │           ^^^^^^^^ too large\n  │\n  \
                = help: a Unicode class (`\\w`, `\\p{L}`) stands for thousands of characters: \
                repeat it fewer times, or use an ASCII class (`[A-Za-z]`, `(?-u:\\w)`)\n\n";
    // Rule folders are named from the config's folder.
    let stderr = run.stderr.replace(&tmp.path().display().to_string(), ".");
    assert_eq!(
        stderr,
        costly("a", "a{1000}{300}") + &costly("b", "b{1000}{300}") + wide
    );
}

#[test]
fn utf16_files_are_named_as_utf16_with_the_command_that_converts_them() {
    let tmp = tmp_with_good_file();
    let utf16 = |text: &str, bom: bool| -> Vec<u8> {
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        units.flat_map(u16::to_le_bytes).collect()
    };
    let story = "The vote was delayed.\r\nRead More\r\n";
    std::fs::write(tmp.path().join("bom.txt"), utf16(story, true)).unwrap();
    std::fs::write(tmp.path().join("plain.txt"), utf16(story, false)).unwrap();
    let run = copydesk(tmp.path(), &["check", "--format", "short", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        "./good.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    let error = |name: &str, how: &str, encoding: &str| {
        format!(
            "error: `./{name}` is UTF-16 text ({how}), not UTF-8; skipped\n = help: copydesk \
             reads UTF-8 only, so that every position it reports is exact; convert the file \
             first: `iconv -f {encoding} -t UTF-8 ./{name} > converted.txt`\n\n"
        )
    };
    assert_eq!(
        run.stderr,
        error("bom.txt", "a UTF-16 byte-order mark", "UTF-16")
            + &error("plain.txt", "its zero bytes", "UTF-16LE")
    );
}

#[test]
fn a_byte_order_mark_is_not_a_column_nor_text() {
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        &[
            ("a.txt", "\u{feff}Read More\n"),
            // After the mark, front matter and a heading are read as such.
            ("b.md", "\u{feff}---\ntitle: Read More\n---\n# Read More\n"),
        ],
    );
    let run = copydesk(tmp.path(), &["check", "--format", "jsonl", "a.txt", "b.md"]);
    let found: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at: Vec<(&str, u64, u64, u64)> = found
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["span"]["start"].as_u64().unwrap(),
                d["span"]["line"].as_u64().unwrap(),
                d["span"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(at, [("a.txt", 3, 1, 1), ("b.md", 30, 4, 3)]);
}
