//! Fixes an editor can trust, through the built binary: safe and unsafe fixes (`--fix`,
//! `--unsafe-fixes`, `--diff`), fixes kept off Markdown and HTML markup, fixes that undo each
//! other, residue deletions, the house table's values checked, and `--fix` twice changing
//! nothing. Each case asserts the exact bytes written, stdout, stderr and exit code.

mod common;

use common::{Run, copydesk};
use pretty_assertions::assert_eq;
use std::path::Path;

/// Runs `copydesk check --format short ARGS` in `dir` (with `--no-config` unless it has one).
fn check(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--format", "short"];
    if !dir.join("copydesk.toml").exists() {
        all.push("--no-config");
    }
    all.extend_from_slice(args);
    copydesk(dir, &all)
}

fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), files);
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// A safe fix (an official name), an unsafe one (a doubled word, an info-level guess), a leftover
/// line, and an error without a fix.
const MIXED: &str = "Armenia froze its part in the Treaty Organization for Collective Security.\n\n\
                     The the talks resume on Monday.\nRead More\n\nShares of AT&amp;T fell.\n";

#[test]
fn fix_applies_safe_fixes_and_counts_the_unsafe_ones_left() {
    let dir = folder_with(&[("a.txt", MIXED)]);
    let run = check(dir.path(), &["a.txt", "--fix"]);
    let safe = "Armenia froze its part in the Collective Security Treaty Organization.\n\n\
                The the talks resume on Monday.\n\nShares of AT&amp;T fell.\n";
    assert_eq!(read(dir.path(), "a.txt"), safe);
    assert_eq!(
        run.stdout,
        "a.txt:3:5: info[fragments/doubled-word] `the` is doubled\n\
         a.txt:5:13: error[residue/html-entity] HTML entity `&amp;` in the text\n"
    );
    assert_eq!(
        run.stderr,
        "copydesk: applied 2 fixes in 1 file\ncopydesk: 1 more fix is available with `--unsafe-fixes`\n"
    );
    assert_eq!(run.code, 1);

    // The unsafe fix, shown and then applied.
    let run = check(dir.path(), &["a.txt", "--diff", "--unsafe-fixes"]);
    assert_eq!(
        run.stdout,
        "--- a.txt\n+++ a.txt\n@@ -1,5 +1,5 @@\n \
         Armenia froze its part in the Collective Security Treaty Organization.\n \n\
         -The the talks resume on Monday.\n+The talks resume on Monday.\n \n \
         Shares of AT&amp;T fell.\n"
    );
    assert_eq!((run.stderr.as_str(), run.code), ("", 1));
    assert_eq!(read(dir.path(), "a.txt"), safe);
    let run = check(dir.path(), &["a.txt", "--fix", "--unsafe-fixes"]);
    let all = safe.replace("The the", "The");
    assert_eq!(read(dir.path(), "a.txt"), all);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        (
            "a.txt:5:13: error[residue/html-entity] HTML entity `&amp;` in the text\n",
            "copydesk: applied 1 fix in 1 file\n",
            1
        )
    );

    // Nothing left to fix: nothing written, no note, and an empty diff exits 0.
    let modified = std::fs::metadata(dir.path().join("a.txt"))
        .unwrap()
        .modified()
        .unwrap();
    let run = check(dir.path(), &["a.txt", "--fix", "--unsafe-fixes"]);
    assert_eq!((run.stderr.as_str(), run.code), ("", 1));
    let run = check(dir.path(), &["a.txt", "--diff", "--unsafe-fixes"]);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", "", 0)
    );
    assert_eq!(read(dir.path(), "a.txt"), all);
    let now = std::fs::metadata(dir.path().join("a.txt"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(now, modified);
}

#[test]
fn the_diff_without_unsafe_fixes_says_what_it_left_out() {
    let dir = folder_with(&[("a.txt", "The the talks resume on Monday.\n")]);
    let run = check(dir.path(), &["a.txt", "--diff"]);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        (
            "",
            "copydesk: 1 more fix is available with `--unsafe-fixes`\n",
            0
        )
    );
}

#[test]
fn unsafe_fixes_need_fix_or_diff() {
    let dir = folder_with(&[("a.txt", MIXED)]);
    let run = check(dir.path(), &["a.txt", "--unsafe-fixes"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error: the following required arguments were not provided:\n  <--fix|--diff>\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(read(dir.path(), "a.txt"), MIXED);
}

#[test]
fn json_and_human_output_say_how_safe_a_fix_is() {
    let dir = folder_with(&[("a.txt", "The the talks.\nRead More\n")]);
    let run = copydesk(
        dir.path(),
        &["check", "--no-config", "--format", "jsonl", "a.txt"],
    );
    let applicability: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            let d: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{} {}", d["rule"], d["fix"]["applicability"])
        })
        .collect();
    assert_eq!(
        applicability,
        [
            "\"fragments/doubled-word\" \"unsafe\"",
            "\"residue/read-more\" \"safe\""
        ]
    );
    let run = copydesk(dir.path(), &["check", "--no-config", "a.txt"]);
    assert!(
        run.stdout
            .contains("  = fix: delete ` the` (unsafe: needs `--fix --unsafe-fixes`)\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  = fix: delete the line (safe: applied by `--fix`)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_finding_below_warning_never_has_a_safe_fix() {
    let config = "[severity]\n\"style/official-names\" = \"info\"\n";
    let text = "The International Monetary Fond said so.\n";
    let dir = folder_with(&[("copydesk.toml", config), ("a.txt", text)]);
    let run = check(dir.path(), &["a.txt", "--fix"]);
    assert_eq!(read(dir.path(), "a.txt"), text);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        (
            "a.txt:1:5: info[style/official-names] `International Monetary Fond` is not the organisation's name\n",
            "copydesk: 1 more fix is available with `--unsafe-fixes`\n",
            0
        )
    );
    let run = check(dir.path(), &["a.txt", "--fix", "--unsafe-fixes"]);
    assert_eq!(
        read(dir.path(), "a.txt"),
        "The International Monetary Fund said so.\n"
    );
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", "copydesk: applied 1 fix in 1 file\n", 0)
    );
}

// ------------------------------------------------------------------ markup

/// Every fix applied (`--fix --unsafe-fixes`) to `text` as file `name`: the bytes written.
fn fixed(name: &str, text: &str) -> String {
    let dir = folder_with(&[(name, text)]);
    let run = check(dir.path(), &[name, "--fix", "--unsafe-fixes"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    read(dir.path(), name)
}

#[test]
fn markdown_fixes_never_touch_markup() {
    // `**the** the` loses the second `the`, not the closing `**`.
    assert_eq!(
        fixed("a.md", "He read **the** the report.\n"),
        "He read **the** report.\n"
    );
    // Neither two table cells nor two items of a tight list are merged.
    let table = "| Item | Note |\n|---|---|\n| the | the |\n";
    assert_eq!(fixed("a.md", table), table);
    let list = "- read the\n- the report\n";
    assert_eq!(fixed("a.md", list), list);
    // A quotation closed by the wrong mark: the mark is replaced, the `*` or backtick before it kept.
    assert_eq!(
        fixed("a.md", "It was \"null and *void*». It will not comply.\n"),
        "It was \"null and *void*\". It will not comply.\n"
    );
    assert_eq!(
        fixed("a.md", "It was \"null and `void`». It will not comply.\n"),
        "It was \"null and `void`\". It will not comply.\n"
    );
    // A link is never rewritten with its target.
    let link = "The [International Monetary](https://www.imf.org/) Fond said so.\n";
    assert_eq!(fixed("a.md", link), link);
    // A leftover line inside a list item is not deleted with the item's marker.
    let item = "The talks ended.\n\n- Read More\n- Another story\n";
    assert_eq!(fixed("a.md", item), item);
    // Outside markup, fixes apply as in plain text.
    assert_eq!(
        fixed(
            "a.md",
            "# Talks\n\nThe *International Monetary Fond* said so.\n\nRead More\n\nThe end.\n"
        ),
        "# Talks\n\nThe *International Monetary Fund* said so.\n\nThe end.\n"
    );
}

#[test]
fn html_fixes_never_touch_markup() {
    assert_eq!(
        fixed("a.html", "<p>He read <b>the</b> the report.</p>\n"),
        "<p>He read <b>the</b> report.</p>\n"
    );
    let links = "<p>The <a href=\"https://www.imf.org/\">International Monetary</a> Fond said so.</p>\n\
                 <p>The International Monetary <a href=\"https://www.imf.org/\">Fond</a> says so.</p>\n";
    assert_eq!(fixed("a.html", links), links);
    assert_eq!(
        fixed(
            "a.html",
            "<p>It was \"null and <em>void</em>». It will not comply.</p>\n"
        ),
        "<p>It was \"null and <em>void</em>\". It will not comply.</p>\n"
    );
    // Text between tags is fixed in place, entities included.
    assert_eq!(
        fixed(
            "a.html",
            "<p>The International Monetary Fond &amp; the <i>Treaty Organization for Collective Security</i>.</p>\n"
        ),
        "<p>The International Monetary Fund &amp; the <i>Collective Security Treaty Organization</i>.</p>\n"
    );
}

// ------------------------------------------------------------------ convergence

/// A house that keeps `Kiev` with a phrase rule of its own, against the built-in house table
/// that writes `Kyiv`: each fix would undo the other.
const KEEPS_KIEV: &str = r#"kind = "phrase"
severity = "warning"
message = "`{match}`: this house writes `{replacement}`"
why = "This house keeps the spelling of its archive."
fix = "safe"
case-sensitive = true

[replacements]
"Kyiv" = "Kiev"

[[example]]
text = "Talks in Kyiv."
flags = ["Kyiv"]

[[example]]
text = "Talks in Kiev."
flags = []
"#;

#[test]
fn fixes_that_undo_each_other_are_left_out_and_reported_once() {
    let text =
        "Talks were held in Kiev on Monday.\n\nThe International Monetary Fond sent a team.\n";
    let dir = folder_with(&[
        ("a.txt", text),
        ("copydesk.toml", "rule-dirs = [\"house-rules\"]\n"),
        ("house-rules/house/keep-kiev.toml", KEEPS_KIEV),
    ]);
    let conflict = "copydesk: a.txt:1:20: the fixes of `names/house-spelling` and `house/keep-kiev` undo each other; neither was applied\n";
    let run = check(dir.path(), &["a.txt", "--fix"]);
    // The official name is fixed; Kiev is left as it was, and the conflict is said once.
    assert_eq!(
        read(dir.path(), "a.txt"),
        text.replace("Monetary Fond", "Monetary Fund")
    );
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        (
            "a.txt:1:20: warning[names/house-spelling] `Kiev` is spelled `Kyiv` in the house table\n",
            format!("{conflict}copydesk: applied 1 fix in 1 file\n").as_str(),
            0
        )
    );
    // The diff shows nothing for the conflict, and says it again.
    let run = check(dir.path(), &["a.txt", "--diff"]);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", conflict, 0)
    );
}

#[test]
fn fix_twice_changes_nothing_on_the_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for unsafe_fixes in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(&corpus).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
            }
        }
        let mut args = vec![".", "--fix"];
        if unsafe_fixes {
            args.push("--unsafe-fixes");
        }
        let first = check(dir.path(), &args);
        assert!(
            first.stderr.contains("copydesk: applied"),
            "{}",
            first.stderr
        );
        let snapshot = |dir: &Path| {
            let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| {
                    let path = e.unwrap().path();
                    (
                        path.display().to_string(),
                        std::fs::read_to_string(&path).unwrap(),
                    )
                })
                .collect();
            files.sort();
            files
        };
        let after = snapshot(dir.path());
        let second = check(dir.path(), &args);
        assert_eq!(snapshot(dir.path()), after, "unsafe fixes: {unsafe_fixes}");
        assert!(!second.stderr.contains("applied"), "{}", second.stderr);
        assert_eq!(second.stdout, first.stdout);
    }
}

/// Found by the `fix` fuzz target: in a tangle of quotation marks, fixes left out in one run were
/// tried again by the next `--fix` on the new text, and led elsewhere. A second run must change
/// nothing whatever the first had to leave out.
#[test]
fn fix_twice_changes_nothing_after_fixes_were_left_out() {
    const TANGLE: &str = "The mayor said 'too late“. Then 'fine“ ('ok“) '“\n\n\
                          The mayor said 'too late”. Then 'fine” ('ok”) '”\n\
                          The mayor said “too late„. Then “fine„ (“ok„) “„\n\n\
                          The mayor said ‹too late`. Then ‹fine` (‹ok`) ‹`\n\
                          The mayor said ›too late\". Then ›fine\" (›ok\") ›\"\n";
    let dir = folder_with(&[("tangle.md", TANGLE)]);
    let args = ["tangle.md", "--select", "quotes", "--fix", "--unsafe-fixes"];
    let first = check(dir.path(), &args);
    assert!(
        first.stderr.contains("copydesk: applied"),
        "{}",
        first.stderr
    );
    let once = read(dir.path(), "tangle.md");
    let second = check(dir.path(), &args);
    assert_eq!(read(dir.path(), "tangle.md"), once);
    assert!(!second.stderr.contains("applied"), "{}", second.stderr);
}

// ------------------------------------------------------------------ residue

#[test]
fn residue_is_deleted_with_its_line_or_its_spacing() {
    let text = "Home > World\nThe summit opened.Read more:\n\nveryGood! (7)\n\n\nShare\nTweet\n\n\
                The talks ended on Friday. Facebook Twitter Email\n\n\
                <strong>The</strong> mayor said <em>no</em>.\n\nAdvertisement\n\n\
                Facebook Twitter Pinterest Facebook has a new policy.\n";
    let dir = folder_with(&[("a.txt", text)]);
    let run = check(dir.path(), &["a.txt", "--fix"]);
    // Tags may be a wire ticker (`<em>`), a row of buttons glued to a sentence may have taken its
    // first word, and a label ending in `:` may introduce a title that would stay: those deletions
    // are unsafe.
    let safe = "Home > World\nThe summit opened.Read more:\n\nThe talks ended on Friday.\n\n\
                <strong>The</strong> mayor said <em>no</em>.\n\n\
                Facebook Twitter Pinterest Facebook has a new policy.\n";
    assert_eq!(read(dir.path(), "a.txt"), safe);
    // A breadcrumb may stop short of its line's end: it has no fix.
    assert_eq!(
        run.stdout,
        "a.txt:1:1: warning[residue/breadcrumb] navigation breadcrumb `Home > World` left in the article\n\
         a.txt:2:19: error[residue/glued-read-more] scraper leftover `Read more:` glued to the text\n\
         a.txt:6:1: error[residue/html-markup] HTML tag `<strong>` in the text\n\
         a.txt:6:12: error[residue/html-markup] HTML tag `</strong>` in the text\n\
         a.txt:6:33: error[residue/html-markup] HTML tag `<em>` in the text\n\
         a.txt:6:39: error[residue/html-markup] HTML tag `</em>` in the text\n\
         a.txt:8:1: warning[residue/social-links] a row of social-network button labels: `Facebook Twitter Pinterest Facebook`\n"
    );
    assert_eq!(
        (run.stderr.as_str(), run.code),
        (
            "copydesk: applied 5 fixes in 1 file\ncopydesk: 6 more fixes are available with `--unsafe-fixes`\n",
            1
        )
    );
    check(dir.path(), &["a.txt", "--fix", "--unsafe-fixes"]);
    assert_eq!(
        read(dir.path(), "a.txt"),
        "Home > World\nThe summit opened.\n\nThe talks ended on Friday.\n\nThe mayor said no.\n\nhas a new policy.\n"
    );
}

#[test]
fn a_cookie_notice_is_deleted_where_a_banner_stands_and_kept_in_a_quotation() {
    let text = "The road reopened on Monday. We use cookies to improve your experience on our site. \
                Traffic was light.\n\nAccept all cookies\n\n\
                \"We use cookies to show ads,\" the company said.\n";
    let dir = folder_with(&[("a.txt", text)]);
    let run = check(dir.path(), &["a.txt", "--fix"]);
    assert_eq!(
        read(dir.path(), "a.txt"),
        "The road reopened on Monday. Traffic was light.\n\n\
         \"We use cookies to show ads,\" the company said.\n"
    );
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        ("", "copydesk: applied 2 fixes in 1 file\n", 0)
    );
}

// ------------------------------------------------------------------ values that drive fixes

#[test]
fn an_empty_house_table_value_is_a_config_error_at_its_position() {
    let config = "[[names.entity]]\npreferred = \"Kyiv\"\nvariants = [\"Kiev\", \"\"]\n";
    let text = "Talks were held in Kiev.\n";
    let dir = folder_with(&[("copydesk.toml", config), ("a.txt", text)]);
    let run = check(dir.path(), &["a.txt", "--fix"]);
    assert_eq!(read(dir.path(), "a.txt"), text);
    assert_eq!((run.stdout.as_str(), run.code), ("", 2));
    let config_path = dir.path().join("copydesk.toml").display().to_string();
    assert_eq!(
        run.stderr.replace(&config_path, "copydesk.toml"),
        "error: `copydesk.toml`: the variant is empty, so its fix would match everywhere\n  \
         ┌─ copydesk.toml:3:21\n  │\n3 │ variants = [\"Kiev\", \"\"]\n  │                     ^^ here\n\n"
    );
}
