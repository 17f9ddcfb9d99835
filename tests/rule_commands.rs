//! The commands and messages about rules, as a user sees them: `copydesk rules`, `explain`,
//! `test`, "did you mean" for misspelt rule ids and keys, the load-time check of a rule folder's
//! examples, phrase rules' replacements, and long lines cut in the human format. Exact output and
//! exit code for each.

mod common;

use common::{copydesk, write};
use pretty_assertions::assert_eq;

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), files);
    dir
}

/// `text` with the folder `dir` taken off the paths in it (rule folders are shown absolute).
fn relative(text: &str, dir: &tempfile::TempDir) -> String {
    let absolute = std::fs::canonicalize(dir.path()).unwrap();
    text.replace(&format!("{}/", absolute.display()), "")
        .replace(&format!("{}/", dir.path().display()), "")
}

/// A house rule with three examples: the first passes, the second (HTML) misses `Kharkov`, the
/// third flags `Chicken Kiev`.
const KYIV: &str = r#"kind = "phrase"
severity = "warning"
message = "write `{replacement}`"
why = "We write Kyiv."
replacements = { "Kiev" = "Kyiv" }

[[example]]
text = "Talks in Kiev ended."
flags = ["Kiev"]

[[example]]
text = "<p>Talks in <b>Kiev</b>&nbsp;and Kharkov.</p>"
format = "html"
flags = ["Kiev", "Kharkov"]

[[example]]
text = "Chicken Kiev is on the menu."
flags = []
"#;

const KYIV_FAILURES: &str = "\
error: `house/style/kyiv.toml`: example 2 of `style/kyiv` flags `Kiev` (1:16); it should flag `Kiev`, `Kharkov`
   ┌─ house/style/kyiv.toml:12:8
   │
12 │ text = \"<p>Talks in <b>Kiev</b>&nbsp;and Kharkov.</p>\"
   │        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ this example
   │
   = help: positions are line:column in the example's text; fix the rule or the example's `flags`

error: `house/style/kyiv.toml`: example 3 of `style/kyiv` should pass, but flags `Kiev` (1:9)
   ┌─ house/style/kyiv.toml:17:8
   │
17 │ text = \"Chicken Kiev is on the menu.\"
   │        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ this example
   │
   = help: positions are line:column in the example's text; fix the rule or the example's `flags`

copydesk test: 3 examples of 1 rule: 1 passed, 2 failed
";

#[test]
fn rules_lists_every_rule_with_a_header() {
    let tmp = folder(&[]);
    let run = copydesk(tmp.path(), &["rules", "--no-config"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "RULE                                SEVERITY  DEFAULT  FIX     SUMMARY",
            "copydesk/invalid-suppression        warning   on       no      A suppression naming a rule or family that does not exist, or a `copydesk-…` comment…",
            "copydesk/unused-suppression         warning   on       safe    A suppression comment that silences nothing, or a `copydesk-enable` that ends no…",
        ]
    );
    assert!(lines.contains(
        &"residue/read-more                   error     on       safe    A teaser link such as `Read More` copied from a web page along with the article."
    ));
    // A first sentence that runs past its line is not cut there (it was: `... without saying who`).
    assert!(lines.contains(
        &"figures/vague-quantity              info      on       no      A vague quantity (`thousands of children`, `tens of thousands of protesters`) that no…"
    ));
    let builtin = copydesk::ruleset::builtin().len();
    assert_eq!(
        lines.len(),
        1 + builtin + 2,
        "header, built-in rules, meta-rules"
    );
}

#[test]
fn rules_docs_writes_the_pages() {
    let tmp = folder(&[]);
    let run = copydesk(tmp.path(), &["rules", "--no-config", "--docs", "out"]);
    // A page per built-in rule and meta-rule, and the index.
    let pages = copydesk::ruleset::builtin().len() + 2 + 1;
    assert_eq!(
        (run.code, run.stdout, run.stderr.as_str()),
        (0, format!("wrote {pages} pages to out\n"), "")
    );
    let page = std::fs::read_to_string(tmp.path().join("out/residue/read-more.md")).unwrap();
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules/residue/read-more.md"),
    )
    .unwrap();
    assert_eq!(page, committed);
}

#[test]
fn explain_takes_a_rule_or_a_family_and_suggests_the_nearest() {
    let tmp = folder(&[]);
    let run = copydesk(tmp.path(), &["explain", "--no-config", "copydesk"]);
    assert_eq!(run.code, 0);
    let titles: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(
        titles,
        [
            "# copydesk/invalid-suppression",
            "# copydesk/unused-suppression"
        ]
    );
    assert!(run.stdout.contains(
        "\nDocumented at https://github.com/copydesk/copydesk/blob/main/docs/rules/copydesk/unused-suppression.md\n"
    ));
    assert!(
        !run.stdout.contains("src/suppress"),
        "no path of the source tree"
    );

    let run = copydesk(tmp.path(), &["explain", "--no-config", "residue/red-more"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            2,
            "",
            "error: unknown rule or family `residue/red-more`; did you mean `residue/read-more`?\n"
        )
    );
    let run = copydesk(tmp.path(), &["explain", "--no-config", "weather"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: unknown rule or family `weather`; `copydesk rules` lists them\n"
        )
    );
}

#[test]
fn misspelt_rule_ids_get_a_suggestion_everywhere() {
    let tmp = folder(&[
        (
            "copydesk.toml",
            "select = [\"residue/red-more\"]\nignore = [\"qoutes\"]\n",
        ),
        ("a.txt", "Read More\n"),
    ]);
    let run = copydesk(tmp.path(), &["check", "--config", "copydesk.toml", "a.txt"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            2,
            "",
            "\
error: `copydesk.toml`: unknown rule or family `residue/red-more`
  ┌─ copydesk.toml:1:11
  │
1 │ select = [\"residue/red-more\"]
  │           ^^^^^^^^^^^^^^^^^^ unknown rule
  │
  = help: did you mean `residue/read-more`?

error: `copydesk.toml`: unknown rule or family `qoutes`
  ┌─ copydesk.toml:2:11
  │
2 │ ignore = [\"qoutes\"]
  │           ^^^^^^^^ unknown rule
  │
  = help: did you mean `quotes`?

"
        )
    );
    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--select",
            "residu",
            "--ignore",
            "fragments/fused-sentence,copydesk/unused-supression",
            "a.txt",
        ],
    );
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "\
error: unknown rule or family `residu` in --select
 = help: did you mean `residue`?

error: unknown rule or family `fragments/fused-sentence` in --ignore
 = help: did you mean `fragments/fused-sentences`?

error: unknown rule or family `copydesk/unused-supression` in --ignore
 = help: did you mean `copydesk/unused-suppression`?

"
        )
    );
}

#[test]
fn a_misspelt_key_in_a_rule_file_is_named_where_it_is() {
    let tmp = folder(&[
        ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
        (
            "house/style/kyiv.toml",
            &KYIV.replace("message =", "mesage ="),
        ),
        ("a.txt", "Talks in Kiev ended.\n"),
    ]);
    let run = copydesk(tmp.path(), &["check", "--config", "copydesk.toml", "a.txt"]);
    assert_eq!(
        (run.code, relative(&run.stderr, &tmp).as_str()),
        (
            2,
            "\
error: `house/style/kyiv.toml`: unknown key `mesage` in a `phrase` rule; did you mean `message`?
  ┌─ house/style/kyiv.toml:3:1
  │
3 │ mesage = \"write `{replacement}`\"
  │ ^^^^^^ unknown key
  │
  = help: the keys of a `phrase` rule are: ambiguous, case-sensitive, enabled, example, extend, fix, help, kind, max-line-words, message, phrases, replacement, replacements, scope, severity, url, whole-word, why, words

"
        )
    );
}

#[test]
fn test_runs_the_examples_of_rule_folders() {
    let tmp = folder(&[
        ("house/style/kyiv.toml", KYIV),
        (
            "good/style/kyiv.toml",
            &KYIV
                .replace(", \"Kharkov\"", "")
                .replace("Chicken Kiev", "Chicken Kyiv"),
        ),
    ]);
    let run = copydesk(tmp.path(), &["test", "--no-config", "house"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (1, KYIV_FAILURES, "")
    );
    let run = copydesk(tmp.path(), &["test", "--no-config", "good"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            0,
            "copydesk test: 3 examples of 1 rule: 3 passed, 0 failed\n",
            ""
        )
    );
    // Without folders: the config's `rule-dirs`.
    write(tmp.path(), &[("copydesk.toml", "rule-dirs = [\"good\"]\n")]);
    let run = copydesk(tmp.path(), &["test", "--config", "copydesk.toml"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (
            0,
            "copydesk test: 3 examples of 1 rule: 3 passed, 0 failed\n"
        )
    );
    let run = copydesk(tmp.path(), &["test", "--no-config", "nowhere"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            2,
            "",
            "error: cannot read rule folder `nowhere`: no such file or directory\n\n"
        )
    );
    let run = copydesk(tmp.path(), &["test", "--no-config"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: no rule folders to test: name one (`copydesk test house-rules`) or set `rule-dirs` in copydesk.toml\n\n"
        )
    );
}

#[test]
fn a_rule_folder_with_failing_examples_is_a_warning_and_the_run_goes_on() {
    let tmp = folder(&[
        ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
        ("house/style/kyiv.toml", KYIV),
        ("a.txt", "Talks in Kiev ended.\n"),
    ]);
    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--config",
            "copydesk.toml",
            "--format",
            "short",
            "--ignore",
            "names",
            "a.txt",
        ],
    );
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "a.txt:1:10: warning[style/kyiv] write `Kyiv`\n")
    );
    let warnings = KYIV_FAILURES
        .replace("error:", "warning:")
        .replace(
            "positions are line:column in the example's text; fix the rule or the example's `flags`",
            "the rule still runs; `copydesk test` checks the examples of every rule folder",
        )
        .replace("copydesk test: 3 examples of 1 rule: 1 passed, 2 failed\n", "");
    assert_eq!(relative(&run.stderr, &tmp), warnings);
}

#[test]
fn a_phrase_in_both_lists_is_an_error_at_it() {
    let rule = "kind = \"phrase\"\nseverity = \"warning\"\nmessage = \"`{match}`: write `{replacement}`\"\nwhy = \"Shorter is better.\"\nphrases = [\"in order to\"]\n\n[replacements]\n\"In order to\" = \"to\"\n\n[[example]]\ntext = \"In order to win.\"\nflags = [\"In order to\"]\n\n[[example]]\ntext = \"To win.\"\nflags = []\n";
    let tmp = folder(&[
        ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
        ("house/style/short.toml", rule),
        ("a.txt", "In order to win.\n"),
    ]);
    let run = copydesk(tmp.path(), &["check", "--config", "copydesk.toml", "a.txt"]);
    assert_eq!(
        (
            run.code,
            run.stdout.as_str(),
            relative(&run.stderr, &tmp).as_str()
        ),
        (
            2,
            "",
            "\
error: `house/style/short.toml`: `in order to` is in both `phrases` and `replacements`
  ┌─ house/style/short.toml:5:12
  │
5 │ phrases = [\"in order to\"]
  │            ^^^^^^^^^^^^^ also in `replacements`
  │
  = help: delete it from `phrases`: a phrase in `replacements` is reported and fixed

"
        )
    );
}

#[test]
fn replacements_follow_the_case_of_what_they_replace() {
    let rule = "kind = \"phrase\"\nseverity = \"warning\"\nmessage = \"`{match}`: write `{replacement}`\"\nwhy = \"Shorter is better.\"\nfix = \"safe\"\n\n[replacements]\n\"in the wake of\" = \"after\"\n\"strasse\" = \"Straße\"\n\n[[example]]\ntext = \"In the wake of the storm.\"\nflags = [\"In the wake of\"]\n\n[[example]]\ntext = \"After the storm.\"\nflags = []\n";
    let text =
        "In the wake of the storm, IN THE WAKE OF THE FLOOD, in the wake of it.\nSTRASSE 5\n";
    let tmp = folder(&[
        ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
        ("house/style/short.toml", rule),
        ("a.txt", text),
    ]);
    let args = [
        "check",
        "--config",
        "copydesk.toml",
        "--select",
        "style/short",
    ];
    let run = copydesk(
        tmp.path(),
        &[&args[..], &["--format", "short", "a.txt"]].concat(),
    );
    assert_eq!(
        run.stdout,
        "\
a.txt:1:1: warning[style/short] `In the wake of`: write `After`
a.txt:1:27: warning[style/short] `IN THE WAKE OF`: write `AFTER`
a.txt:1:53: warning[style/short] `in the wake of`: write `after`
a.txt:2:1: warning[style/short] `STRASSE`: write `Straße`
"
    );
    let run = copydesk(tmp.path(), &[&args[..], &["--diff", "a.txt"]].concat());
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (
            1,
            "\
--- a.txt
+++ a.txt
@@ -1,2 +1,2 @@
-In the wake of the storm, IN THE WAKE OF THE FLOOD, in the wake of it.
+After the storm, AFTER THE FLOOD, after it.
 STRASSE 5
"
        )
    );
}

#[test]
fn long_lines_are_cut_around_the_finding() {
    let sentence = "The harbour council met on Friday to discuss the ferry plan, its costs and its \
                    timetable with residents. ";
    let paragraph = format!(
        "{}The chair said the the vote would wait. {}\n",
        sentence.repeat(15),
        sentence.repeat(15)
    );
    assert_eq!(paragraph.chars().count(), 3191);
    let tmp = folder(&[("long.txt", &paragraph)]);
    let run = copydesk(tmp.path(), &["check", "--no-config", "long.txt"]);
    assert_eq!(
        run.stdout,
        "\
note[fragments/doubled-word]: `the` is doubled
  ┌─ long.txt:1:1595
  │
1 │ …with residents. The chair said the the vote would wait. The harbour council…
  │                                 --- ^^^
  │                                 │    
  │                                 first here
  │
  = help: delete one `the`
  = fix: delete ` the` (unsafe: needs `--fix --unsafe-fixes`)
  = docs: https://github.com/copydesk/copydesk/blob/main/docs/rules/fragments/doubled-word.md

copydesk: 1 problem (1 info) in 1 of 1 file; 1 fixable with `--fix --unsafe-fixes`
"
    );
}

/// SARIF links each rule's page and carries the baseline's fingerprint: the same finding moved
/// down by an edit keeps its fingerprint, and identical findings of a file are told apart.
#[test]
fn sarif_fingerprints_follow_findings_across_edits() {
    let tmp = folder(&[("a.txt", "Read More\n\nRead More\n")]);
    let fingerprints = |tmp: &tempfile::TempDir| -> Vec<String> {
        let run = copydesk(
            tmp.path(),
            &["check", "--no-config", "--format", "sarif", "a.txt"],
        );
        let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let driver = &log["runs"][0]["tool"]["driver"];
        assert_eq!(
            driver["informationUri"],
            "https://github.com/copydesk/copydesk"
        );
        let read_more = driver["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "residue/read-more")
            .unwrap();
        assert_eq!(
            read_more["helpUri"],
            "https://github.com/copydesk/copydesk/blob/main/docs/rules/residue/read-more.md"
        );
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["copydesk/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = fingerprints(&tmp);
    assert_eq!(before.len(), 2);
    assert_eq!(before[0].split(':').next(), before[1].split(':').next());
    assert!(
        before[0].ends_with(":1") && before[1].ends_with(":2"),
        "{before:?}"
    );
    write(
        tmp.path(),
        &[(
            "a.txt",
            "A new first paragraph.\n\nRead More\n\nRead More\n",
        )],
    );
    assert_eq!(fingerprints(&tmp), before);
}
