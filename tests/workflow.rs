//! The editing workflow through the built binary: inline suppressions, baselines, `--fix` and
//! `--diff`, each with exact stdout, stderr, exit code and file bytes.

mod common;

use common::{Run, copydesk_stdin};
use pretty_assertions::assert_eq;
use std::path::Path;

/// Runs `copydesk check --no-config --format short ARGS` in `dir`.
fn check(dir: &Path, args: &[&str]) -> Run {
    check_stdin(dir, args, None)
}

fn check_stdin(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut all = vec!["check", "--no-config", "--format", "short"];
    all.extend_from_slice(args);
    copydesk_stdin(dir, &all, stdin.map(str::as_bytes))
}

fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

const CSTO: &str = "Treaty Organization for Collective Security";

// ---------------------------------------------------------------- suppressions

#[test]
fn disable_next_line_silences_only_the_next_line() {
    let md = "# Summit\n\n<!-- copydesk-disable-next-line residue/read-more -->\nRead More\n\nRead More\n";
    let dir = folder_with(&[("a.md", md)]);
    let run = check(dir.path(), &["a.md"]);
    assert_eq!(
        run.stdout,
        "a.md:6:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    assert_eq!((run.stderr.as_str(), run.code), ("", 1));
}

#[test]
fn disable_and_enable_bound_a_region_by_rule_and_by_family() {
    let md = format!(
        "<!-- copydesk-disable residue -->\nRead More\n\nThe {CSTO} met.\n\n<!-- copydesk-enable residue -->\nRead More\n\n\
         <!-- copydesk-disable residue/read-more, style/official-names -->\nRead More\n\nThe {CSTO} met.\n"
    );
    let dir = folder_with(&[("a.md", &md)]);
    let run = check(dir.path(), &["a.md"]);
    assert_eq!(
        run.stdout,
        "a.md:4:5: warning[style/official-names] `Treaty Organization for Collective Security` is not the organisation's name\n\
         a.md:7:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
}

#[test]
fn a_suppression_without_rules_silences_every_rule() {
    let md = format!(
        "<!-- copydesk-disable -->\nRead More\n\nThe {CSTO} met.\n<!-- copydesk-enable -->\n\nRead More\n"
    );
    let dir = folder_with(&[("a.md", &md)]);
    let run = check(dir.path(), &["a.md"]);
    assert_eq!(
        run.stdout,
        "a.md:7:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
}

#[test]
fn plain_text_suppressions_are_lines_that_no_rule_reads() {
    let txt = format!(
        "The summit ended.\ncopydesk-disable-next-line residue/read-more\nRead More\n\ncopydesk-disable style\nThe {CSTO} met.\n"
    );
    let dir = folder_with(&[("a.txt", &txt)]);
    let run = check(dir.path(), &["a.txt"]);
    assert_eq!((run.stdout.as_str(), run.code), ("", 0));
    // The HTML-comment form works in plain text too when it fills its line.
    let dir = folder_with(&[("b.txt", "<!-- copydesk-disable-next-line -->\nRead More\n")]);
    assert_eq!(check(dir.path(), &["b.txt"]).stdout, "");
}

#[test]
fn unused_and_invalid_suppressions_are_reported() {
    let md = "<!-- copydesk-disable-next-line style/official-names -->\nA plain sentence.\n\n\
              <!-- copydesk-enable residue -->\n\n<!-- copydesk-disable-next-line residu -->\nRead More\n\n\
              <!-- copydesk-disabel -->\n\n```\n<!-- copydesk-disable-next-line residue -->\n```\n";
    let dir = folder_with(&[("a.md", md)]);
    let run = check(dir.path(), &["a.md"]);
    assert_eq!(
        run.stdout,
        "a.md:1:33: warning[copydesk/unused-suppression] unused suppression: `style/official-names` reports nothing here\n\
         a.md:4:22: warning[copydesk/unused-suppression] `copydesk-enable residue` ends no `copydesk-disable residue`\n\
         a.md:6:33: warning[copydesk/invalid-suppression] unknown rule or family `residu` in a suppression\n\
         a.md:7:1: error[residue/read-more] scraper leftover `Read More`\n\
         a.md:9:1: warning[copydesk/invalid-suppression] unknown suppression `copydesk-disabel`\n"
    );
    // Warnings do not fail the run by default; the meta-rules can be ignored like any rule.
    let run = check(dir.path(), &["a.md", "--ignore", "copydesk"]);
    assert_eq!(
        run.stdout,
        "a.md:7:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    let run = check(
        dir.path(),
        &[
            "a.md",
            "--ignore",
            "copydesk/unused-suppression",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.contains("copydesk/"))
            .count(),
        2
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_suppression_of_a_rule_that_did_not_run_is_not_unused() {
    let md = "<!-- copydesk-disable-next-line style/official-names -->\nA plain sentence.\n\n\
              <!-- copydesk-disable-next-line residue -->\nAnother one.\n\n<!-- copydesk-disable-next-line -->\nA third.\n";
    let dir = folder_with(&[("a.md", md)]);
    // Neither a rule that did not run, nor a family or "all" of which only part ran, is judged.
    let style = "a.md:1:33: warning[copydesk/unused-suppression] unused suppression: `style/official-names` reports nothing here\n";
    let residue = "a.md:4:33: warning[copydesk/unused-suppression] unused suppression: `residue` reports nothing here\n";
    let all = "a.md:7:1: warning[copydesk/unused-suppression] unused suppression: no rule reports anything here\n";
    let cases: [(&[&str], String); 4] = [
        (&["--select", "residue/read-more"], String::new()),
        (&["--select", "residue"], residue.to_string()),
        (&["--ignore", "residue/html-markup"], style.to_string()),
        (&[], format!("{style}{residue}{all}")),
    ];
    for (args, expected) in cases {
        let run = check(dir.path(), &[&["a.md"][..], args].concat());
        assert_eq!((run.stdout, run.code), (expected, 0), "{args:?}");
    }
}

#[test]
fn fix_deletes_unused_suppressions_but_keeps_used_and_partly_used_ones() {
    let md = "# Summit\n\n<!-- copydesk-disable-next-line residue -->\nA plain sentence.\n\n\
              <!-- copydesk-disable-next-line residue, style -->\nRead More\n\n\
              <!-- copydesk-disable style -->\nQuiet text.\n<!-- copydesk-enable style -->\n\n\
              Text <!-- copydesk-disable-next-line --> inline.\n<!-- copydesk-enable -->";
    let dir = folder_with(&[("a.md", md)]);
    let run = check(dir.path(), &["a.md", "--fix"]);
    // The `disable style` goes in the first pass, the `enable style` it leaves orphaned in the
    // second; the partly used directive stays and is still reported.
    assert_eq!(
        read(dir.path(), "a.md"),
        "# Summit\n\nA plain sentence.\n\n<!-- copydesk-disable-next-line residue, style -->\nRead More\n\n\
         Quiet text.\n\nText  inline."
    );
    assert_eq!(
        run.stdout,
        "a.md:5:42: warning[copydesk/unused-suppression] unused suppression: `style` reports nothing here\n"
    );
    assert_eq!(
        (run.stderr.as_str(), run.code),
        ("copydesk: applied 5 fixes in 1 file\n", 0)
    );
    let again = check(dir.path(), &["a.md", "--fix"]);
    assert_eq!((again.stdout, again.stderr), (run.stdout, String::new()));
}

// ---------------------------------------------------------------- baseline

const ARTICLE: &str = "Armenia froze its part in the Treaty Organization for Collective Security last year.\n\n\
                       Read More\n\nThe talks resume in Yerevan on Monday.\n";

const BASELINE: &str = r#"{
  "version": 1,
  "findings": [
    {
      "path": "a.txt",
      "rule": "residue/read-more",
      "match": "Read More",
      "context": "Read More",
      "count": 1
    },
    {
      "path": "a.txt",
      "rule": "style/official-names",
      "match": "Treaty Organization for Collective Security",
      "context": "Armenia froze its part in the Treaty Organization for Collective Security last year.",
      "count": 1
    }
  ]
}
"#;

#[test]
fn baseline_round_trip() {
    let dir = folder_with(&[("a.txt", ARTICLE)]);
    let run = check(dir.path(), &["a.txt", "--write-baseline", "base.json"]);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        (
            "",
            "copydesk: wrote 2 findings to baseline `base.json`\n",
            0
        )
    );
    assert_eq!(read(dir.path(), "base.json"), BASELINE);

    // Known findings are hidden.
    let run = check(dir.path(), &["a.txt", "--baseline", "base.json"]);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", "", 0)
    );

    // Editing an unrelated paragraph, and adding one above the findings, reports nothing new.
    let edited = format!(
        "A new opening paragraph.\n\n{}",
        ARTICLE.replace("resume in Yerevan on Monday", "resumed on Tuesday")
    );
    std::fs::write(dir.path().join("a.txt"), &edited).unwrap();
    let run = check(dir.path(), &["a.txt", "--baseline", "base.json"]);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", "", 0)
    );

    // A new fault is reported, and only it: even a second identical `Read More` line.
    let faulty = format!("{edited}\nRead More\n");
    std::fs::write(dir.path().join("a.txt"), &faulty).unwrap();
    let run = check(dir.path(), &["a.txt", "--baseline", "base.json"]);
    assert_eq!(
        run.stdout,
        "a.txt:9:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    assert_eq!((run.stderr.as_str(), run.code), ("", 1));

    // A fixed fault leaves a stale entry: listed on stderr, but it fails nothing.
    std::fs::write(
        dir.path().join("a.txt"),
        edited.replace(CSTO, "Collective Security Treaty Organization"),
    )
    .unwrap();
    let run = check(dir.path(), &["a.txt", "--baseline", "base.json"]);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "copydesk: 1 finding in baseline `base.json` no longer matches; `--write-baseline base.json` drops it:\n  \
         a.txt: style/official-names `Treaty Organization for Collective Security`\n"
    );
    assert_eq!(run.code, 0);
}

#[test]
fn baseline_paths_are_relative_to_the_baseline_and_unchecked_files_are_not_stale() {
    let dir = folder_with(&[]);
    std::fs::create_dir_all(dir.path().join("news/sub")).unwrap();
    std::fs::write(dir.path().join("news/sub/a.txt"), "Read More\n").unwrap();
    std::fs::write(dir.path().join("news/b.txt"), "Read More\n").unwrap();
    let run = check(dir.path(), &["news", "--write-baseline", "news/base.json"]);
    assert_eq!(run.code, 0);
    let written = read(dir.path(), "news/base.json");
    assert!(
        written.contains("\"path\": \"b.txt\"") && written.contains("\"path\": \"sub/a.txt\""),
        "{written}"
    );
    // Run from inside the folder, on one file: the other file's entry is not stale.
    let run = check(
        &dir.path().join("news"),
        &["sub/a.txt", "--baseline", "base.json"],
    );
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", "", 0)
    );
}

#[test]
fn entries_of_deleted_files_are_stale_and_a_failed_run_writes_no_baseline() {
    let dir = folder_with(&[("a.txt", "Read More\n"), ("b.txt", "Read More\n")]);
    assert_eq!(
        check(dir.path(), &[".", "--write-baseline", "base.json"]).code,
        0
    );
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    let run = check(dir.path(), &["a.txt", "--baseline", "base.json"]);
    assert_eq!(
        run.stderr,
        "copydesk: 1 finding in baseline `base.json` no longer matches; `--write-baseline base.json` drops it:\n  \
         b.txt: residue/read-more `Read More` (file not found)\n"
    );
    assert_eq!(run.code, 0);
    let run = check(
        dir.path(),
        &["a.txt", "gone.txt", "--write-baseline", "new.json"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("baseline `new.json` not written"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("new.json").exists());
}

#[test]
fn a_broken_baseline_is_an_error_that_points_into_it() {
    let dir = folder_with(&[
        ("a.txt", "Read More\n"),
        (
            "base.json",
            "{\"version\": 1, \"findings\": [{\"path\": 3}]}",
        ),
    ]);
    let run = check(dir.path(), &["a.txt", "--baseline", "base.json"]);
    assert_eq!((run.stdout.as_str(), run.code), ("", 2));
    assert!(
        run.stderr.starts_with(
            "error: `base.json` is not a copydesk baseline: invalid type: integer `3`"
        ),
        "{}",
        run.stderr
    );
    let run = check(dir.path(), &["a.txt", "--baseline", "missing.json"]);
    assert_eq!(
        run.stderr,
        "error: cannot read `missing.json`: no such file or directory\n\n"
    );
    assert_eq!(run.code, 2);
}

// ---------------------------------------------------------------- fixes

/// Every byte outside the fixed spans survives: CRLF, a byte-order mark, non-ASCII text, trailing
/// spaces and a missing final newline.
const MESSY: &str = "\u{feff}Минск  \r\nThe Treaty Organization for Collective Security (ОДКБ) and the \
                     International Atomic Energy Authority.  \r\n\r\nRead More\r\nThe International Monetary Fond, again &amp; again.";
const MESSY_FIXED: &str = "\u{feff}Минск  \r\nThe Collective Security Treaty Organization (ОДКБ) and the \
                           International Atomic Energy Agency.  \r\n\r\nThe International Monetary Fund, again &amp; again.";

/// An article with a safe fix (a wrong official name), a leftover line to delete, and an error
/// that has no fix.
const TO_FIX: &str = "Armenia froze its part in the Treaty Organization for Collective Security last year.\n\n\
                      Read More\n\nShares of AT&amp;T fell on Monday.\n";
const TO_FIX_FIXED: &str = "Armenia froze its part in the Collective Security Treaty Organization last year.\n\n\
                            Shares of AT&amp;T fell on Monday.\n";

#[test]
fn fix_round_trip_exact_bytes_idempotent_permissions_kept() {
    let dir = folder_with(&[("a.txt", MESSY)]);
    let path = dir.path().join("a.txt");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let run = check(dir.path(), &["a.txt", "--fix"]);
    assert_eq!(read(dir.path(), "a.txt"), MESSY_FIXED);
    // What remains is reported, and decides the exit code.
    assert_eq!(
        run.stdout,
        "a.txt:4:40: error[residue/html-entity] HTML entity `&amp;` in the text\n"
    );
    assert_eq!(
        (run.stderr.as_str(), run.code),
        ("copydesk: applied 4 fixes in 1 file\n", 1)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let again = check(dir.path(), &["a.txt", "--fix"]);
    assert_eq!(read(dir.path(), "a.txt"), MESSY_FIXED);
    assert_eq!(
        (again.stdout, again.stderr, again.code),
        (run.stdout, String::new(), 1)
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified,
        "an unchanged file is not rewritten"
    );
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.txt"]);
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = folder_with(&[("a.txt", TO_FIX), ("b.txt", "Nothing to fix here.\n")]);
    let run = check(dir.path(), &["a.txt", "b.txt", "--diff"]);
    assert_eq!(
        run.stdout,
        "--- a.txt\n+++ a.txt\n@@ -1,5 +1,3 @@\n\
         -Armenia froze its part in the Treaty Organization for Collective Security last year.\n\
         -\n\
         -Read More\n\
         +Armenia froze its part in the Collective Security Treaty Organization last year.\n \n \
         Shares of AT&amp;T fell on Monday.\n"
    );
    assert_eq!((run.stderr.as_str(), run.code), ("", 1));
    assert_eq!(read(dir.path(), "a.txt"), TO_FIX);
    let run = check(dir.path(), &["b.txt", "--diff"]);
    assert_eq!((run.stdout.as_str(), run.code), ("", 0));
    // A file without a final newline gets the marker `patch` expects.
    std::fs::write(
        dir.path().join("c.txt"),
        "The International Monetary Fond said so.",
    )
    .unwrap();
    let run = check(dir.path(), &["c.txt", "--diff"]);
    assert_eq!(
        run.stdout,
        "--- c.txt\n+++ c.txt\n@@ -1 +1 @@\n-The International Monetary Fond said so.\n\\ No newline at end of file\n\
         +The International Monetary Fund said so.\n\\ No newline at end of file\n"
    );
}

#[test]
fn fixing_standard_input_prints_the_fixed_text() {
    let dir = folder_with(&[]);
    let run = check_stdin(dir.path(), &["-", "--fix"], Some(TO_FIX));
    assert_eq!(run.stdout, TO_FIX_FIXED);
    assert_eq!(
        run.stderr,
        "-:3:13: error[residue/html-entity] HTML entity `&amp;` in the text\ncopydesk: applied 2 fixes in 1 file\n"
    );
    assert_eq!(run.code, 1);
    // Nothing to fix: the text comes back unchanged. `--diff` names standard input `-`, or as told.
    let clean = "Nothing to fix.\n";
    let run = check_stdin(dir.path(), &["-", "--fix"], Some(clean));
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        (clean, "", 0)
    );
    let run = check_stdin(
        dir.path(),
        &["-", "--diff", "--stdin-filename", "story.md"],
        Some("The International Monetary Fond.\n"),
    );
    assert_eq!(
        run.stdout,
        "--- story.md\n+++ story.md\n@@ -1 +1 @@\n-The International Monetary Fond.\n+The International Monetary Fund.\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn fixes_go_through_symbolic_links_and_respect_suppressions_and_the_baseline() {
    let md = format!(
        "<!-- copydesk-disable-next-line style -->\nThe {CSTO} met.\n\nThe {CSTO} met again.\n"
    );
    let dir = folder_with(&[("a.md", &md)]);
    #[cfg(unix)]
    std::os::unix::fs::symlink("a.md", dir.path().join("link.md")).unwrap();
    #[cfg(not(unix))]
    std::fs::copy(dir.path().join("a.md"), dir.path().join("link.md")).unwrap();
    let run = check(dir.path(), &["link.md", "--fix"]);
    assert_eq!((run.stdout.as_str(), run.code), ("", 0));
    let fixed = format!(
        "<!-- copydesk-disable-next-line style -->\nThe {CSTO} met.\n\nThe Collective Security Treaty Organization met again.\n"
    );
    assert_eq!(read(dir.path(), "link.md"), fixed);
    #[cfg(unix)]
    assert!(
        std::fs::symlink_metadata(dir.path().join("link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A finding the baseline knows is neither reported nor fixed.
    let dir = folder_with(&[("a.txt", ARTICLE)]);
    check(dir.path(), &["a.txt", "--write-baseline", "base.json"]);
    let run = check(dir.path(), &["a.txt", "--fix", "--baseline", "base.json"]);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", "", 0)
    );
    assert_eq!(read(dir.path(), "a.txt"), ARTICLE);
}

#[test]
fn a_file_changed_since_it_was_read_is_not_written() {
    use copydesk::fix::{WriteOutcome, write_if_unchanged};
    let dir = folder_with(&[("a.txt", "edited by someone else\n")]);
    let path = dir.path().join("a.txt");
    let outcome = write_if_unchanged(&path, b"what copydesk read\n", b"fixed\n").unwrap();
    assert_eq!(outcome, WriteOutcome::ChangedSinceRead);
    assert_eq!(read(dir.path(), "a.txt"), "edited by someone else\n");
    let outcome = write_if_unchanged(&path, b"edited by someone else\n", b"fixed\n").unwrap();
    assert_eq!(outcome, WriteOutcome::Written);
    assert_eq!(read(dir.path(), "a.txt"), "fixed\n");
    // A read-only file is left alone, even though a rename could replace it.
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let error = write_if_unchanged(&path, b"fixed\n", b"again\n").unwrap_err();
    assert_eq!(error.to_string(), "the file is read-only");
    assert_eq!(read(dir.path(), "a.txt"), "fixed\n");
}

#[test]
fn fix_and_diff_conflict_with_writing_a_baseline() {
    let dir = folder_with(&[("a.txt", ARTICLE)]);
    let run = check(
        dir.path(),
        &["a.txt", "--fix", "--write-baseline", "b.json"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

/// Every built-in rule that offers fixes, on each of its flagging examples: `--fix` writes exactly
/// the text with the fixes applied, leaves none of that rule's fixable findings, and a second run
/// changes nothing.
#[test]
fn fix_round_trip_over_every_fixable_rule() {
    use copydesk::checks::Settings;
    use copydesk::engine::{Engine, Selection};
    use copydesk::source::Source;
    let mut fixable = Vec::new();
    for rule in copydesk::ruleset::builtin() {
        let selection = Selection {
            select: vec![rule.id.clone()],
            ..Selection::default()
        };
        let engine = Engine::new(
            vec![rule.clone()],
            &selection,
            &Settings {
                locale: copydesk::locale::Locale::En,
                ..Settings::default()
            },
        )
        .unwrap();
        for example in rule.examples.iter().filter(|e| !e.flags.is_empty()) {
            let format = example.format;
            let name = match format.name() {
                "markdown" => "example.md",
                "html" => "example.html",
                _ => "example.txt",
            };
            let fixes_of = |text: &str| -> Vec<(usize, usize, String)> {
                let diagnostics = engine.check(&Source::new(name, text.to_string()), format);
                diagnostics
                    .iter()
                    .filter_map(|d| d.fix.as_ref())
                    .map(|x| (x.span.start, x.span.end, x.replacement.clone()))
                    .collect()
            };
            let mut edits = fixes_of(&example.text);
            if edits.is_empty() {
                continue;
            }
            fixable.push(rule.id.clone());
            edits.sort();
            let dir = folder_with(&[(name, &example.text)]);
            let all = [name, "--fix", "--unsafe-fixes", "--select", &rule.id];
            let run = check(dir.path(), &all);
            let after = read(dir.path(), name);
            // Non-overlapping fixes of one pass are exactly the expected text; later passes (for
            // fixes that overlapped) must at least leave nothing of this rule to fix.
            let disjoint = edits
                .windows(2)
                .all(|w| w[0].1 <= w[1].0 && w[0].0 != w[1].0);
            if disjoint {
                let mut expected = example.text.clone();
                for (start, end, replacement) in edits.iter().rev() {
                    expected.replace_range(start..end, replacement);
                }
                assert_eq!(
                    after, expected,
                    "rule {} example {:?}",
                    rule.id, example.text
                );
            }
            assert_ne!(run.code, 2, "rule {}: {}", rule.id, run.stderr);
            assert_eq!(
                fixes_of(&after),
                [],
                "rule {} left fixable findings in {after:?}",
                rule.id
            );
            let again = check(dir.path(), &all);
            assert_eq!(
                read(dir.path(), name),
                after,
                "rule {}: a second --fix changed the file",
                rule.id
            );
            assert!(
                !again.stderr.contains("applied"),
                "rule {}: {}",
                rule.id,
                again.stderr
            );
        }
    }
    assert!(
        fixable.contains(&"style/official-names".to_string()),
        "{fixable:?}"
    );
}

#[test]
fn the_config_can_ignore_the_meta_rules_or_change_their_severity() {
    let dir = folder_with(&[(
        "u.md",
        "<!-- copydesk-disable-next-line style -->\nFine text.\n",
    )]);
    let run_with = |config: &str| {
        std::fs::write(dir.path().join("copydesk.toml"), config).unwrap();
        let run = common::copydesk(dir.path(), &["check", "--format", "short", "u.md"]);
        (run.stdout, run.code)
    };
    let expected = "u.md:1:33: error[copydesk/unused-suppression] unused suppression: `style` reports nothing here\n";
    assert_eq!(
        run_with("[severity]\n\"copydesk/unused-suppression\" = \"error\"\n"),
        (expected.to_string(), 1)
    );
    assert_eq!(run_with("ignore = [\"copydesk\"]\n"), (String::new(), 0));
}

/// Findings of the cross-file pass (names across articles) go through the same inline
/// suppressions and baseline as the others, and a suppression that only they need is not reported
/// unused.
#[test]
fn late_findings_are_suppressed_and_baselined_too() {
    let body = "President Sadyr Zhaparov spoke on Monday.\n\nZhaparov said the vote was fair.\n";
    let suppressed = format!("<!-- copydesk-disable-next-line names -->\n{body}");
    let others = [
        (
            "b.md",
            "President Sadyr Japarov spoke on Monday.\n\nJaparov said the vote was fair.\n",
        ),
        (
            "c.md",
            "President Sadyr Japarov met the envoy.\n\nJaparov said little.\n",
        ),
    ];
    let dir = folder_with(&[&[("a.md", body)][..], &others].concat());
    let run = check(dir.path(), &["."]);
    assert_eq!(
        (run.stdout.as_str(), run.code),
        (
            "./a.md:1:17: warning[names/inconsistent-transliteration] `Zhaparov` is spelled `Japarov` in 2 other checked files\n",
            0
        )
    );
    std::fs::write(dir.path().join("a.md"), &suppressed).unwrap();
    let run = check(dir.path(), &["."]);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    // `--fix` does not delete it either: per file it looks unused.
    let run = check(dir.path(), &["--fix", "."]);
    assert_eq!((run.stdout.as_str(), run.code), ("", 0));
    assert_eq!(read(dir.path(), "a.md"), suppressed);
    std::fs::write(dir.path().join("a.md"), body).unwrap();
    let run = check(dir.path(), &["--write-baseline", "base.json", "."]);
    assert_eq!(
        run.stderr,
        "copydesk: wrote 1 finding to baseline `base.json`\n"
    );
    let run = check(dir.path(), &["--baseline", "base.json", "."]);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", "", 0)
    );
}
