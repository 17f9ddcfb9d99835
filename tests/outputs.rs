//! What a CI job asks of a run's output: several outputs from one run, `--output-file`,
//! `--exit-zero`, `--statistics`, and an exact, grammatical summary line.

mod common;

use common::{copydesk, write};
use pretty_assertions::assert_eq;

const DIRTY: &str = "The vote was delayed.\nRead More\n";
const WARNING_ONLY: &str = "The vote was delayed.\n\nTrending Now\n";
const INFO_ONLY: &str = "He said the the vote was delayed.\n";

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), files);
    tmp
}

#[test]
fn several_outputs_from_one_run() {
    let tmp = folder(&[("a.txt", DIRTY)]);
    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "sarif:out/report.sarif,github",
            "--format",
            "jsonl:all.jsonl",
            "a.txt",
        ],
    );
    assert_eq!(
        run.code, 2,
        "the folder `out` does not exist: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .starts_with("error: cannot write `out/report.sarif`"),
        "{}",
        run.stderr
    );
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "sarif:out/report.sarif,github",
            "--format",
            "jsonl:all.jsonl",
            "a.txt",
        ],
    );
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str(), run.code),
        (
            "::error file=a.txt,line=2,col=1,endLine=2,endColumn=10,title=residue/read-more::scraper leftover `Read More`%0Ahelp: delete it: it is the label of a link on the page the article was copied from\n",
            "",
            1
        )
    );
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("out/report.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"],
        "residue/read-more"
    );
    let jsonl = std::fs::read_to_string(tmp.path().join("all.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 1);
    assert!(
        jsonl.starts_with(r#"{"path":"a.txt","rule":"residue/read-more""#),
        "{jsonl}"
    );
    // No temporary file is left beside the reports.
    let mut names: Vec<String> = std::fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["report.sarif"]);

    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "--output-file",
            "r.txt",
            "a.txt",
        ],
    );
    assert_eq!((run.stdout.as_str(), run.code), ("", 1));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("r.txt")).unwrap(),
        "a.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    let run = copydesk(
        tmp.path(),
        &["check", "--format", "short", "--format", "json", "a.txt"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: only one `--format` can write to standard output; give the others a file, as in `--format sarif:results.sarif`\n"
    );
}

#[test]
fn exit_zero_reports_but_never_fails_on_findings() {
    let tmp = folder(&[("a.txt", DIRTY)]);
    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "--exit-zero",
            "a.txt",
        ],
    );
    assert_eq!(
        (run.stdout.as_str(), run.code),
        (
            "a.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n",
            0
        )
    );
    let run = copydesk(
        tmp.path(),
        &["check", "--no-config", "--exit-zero", "missing.txt"],
    );
    assert_eq!(run.code, 2, "errors still fail");
}

#[test]
fn statistics_count_findings_per_rule() {
    let tmp = folder(&[
        ("a.txt", DIRTY),
        ("b.txt", DIRTY),
        (
            "c.txt",
            "The Treaty Organization for Collective Security met.\n",
        ),
    ]);
    let run = copydesk(tmp.path(), &["check", "--no-config", "--statistics", "."]);
    assert_eq!(
        run.stdout,
        "     2  residue/read-more     2 fixable\n     1  style/official-names  1 fixable\n\
         copydesk: 3 problems (2 errors, 1 warning) in 3 of 3 files; 3 fixable with `--fix`\n"
    );
    assert_eq!(run.code, 1);
    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--statistics",
            "--format",
            "json",
            ".",
        ],
    );
    assert_eq!(
        run.stdout,
        "[\n  {\n    \"count\": 2,\n    \"fixable\": 2,\n    \"rule\": \"residue/read-more\",\n    \"unsafe_fixable\": 0\n  },\n  {\n    \"count\": 1,\n    \"fixable\": 1,\n    \"rule\": \"style/official-names\",\n    \"unsafe_fixable\": 0\n  }\n]\n"
    );
}

#[test]
fn the_summary_line_is_exact_and_grammatical() {
    let summary = |files: &[(&str, &str)], args: &[&str]| {
        let tmp = folder(files);
        let mut all = vec!["check", "--no-config"];
        all.extend_from_slice(args);
        let run = copydesk(tmp.path(), &all);
        run.stdout.lines().last().unwrap_or_default().to_string()
    };
    assert_eq!(
        summary(&[("a.txt", DIRTY)], &["a.txt"]),
        "copydesk: 1 problem (1 error) in 1 of 1 file; 1 fixable with `--fix`"
    );
    assert_eq!(
        summary(&[("a.txt", DIRTY), ("b.txt", INFO_ONLY)], &["."]),
        "copydesk: 2 problems (1 error, 1 info) in 2 of 2 files; 1 fixable with `--fix` (1 more with `--unsafe-fixes`)"
    );
    assert_eq!(
        summary(
            &[
                ("a.txt", WARNING_ONLY),
                ("b.txt", WARNING_ONLY),
                ("c.txt", INFO_ONLY),
                ("d.txt", "Fine.\n")
            ],
            &["."]
        ),
        "copydesk: 3 problems (2 warnings, 1 info) in 3 of 4 files; 1 fixable with `--fix --unsafe-fixes`"
    );
    assert_eq!(
        summary(&[("a.txt", "Fine.\n")], &["a.txt"]),
        "copydesk: no problems in 1 file"
    );
    assert_eq!(
        summary(&[("a.txt", "Fine.\n")], &["a.txt", "missing.txt"]),
        "copydesk: no problems in 1 file; 1 input was not checked (see the errors above)"
    );
    assert_eq!(
        summary(&[], &["missing.txt", "gone.txt"]),
        "copydesk: no file checked; 2 inputs were not checked (see the errors above)"
    );
    let tmp = folder(&[("a.txt", DIRTY), ("b.txt", WARNING_ONLY)]);
    copydesk(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--write-baseline",
            "base.json",
            "a.txt",
        ],
    );
    let run = copydesk(
        tmp.path(),
        &["check", "--no-config", "--baseline", "base.json", "."],
    );
    assert_eq!(
        run.stdout.lines().last().unwrap(),
        "copydesk: 1 problem (1 warning) in 1 of 2 files; 1 hidden by the baseline"
    );
}
