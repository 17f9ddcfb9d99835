//! The CI output formats: SARIF validated against the official 2.1.0 schema (tests/data/), the
//! GitHub workflow commands line by line, checkstyle and JUnit XML parsed back. Each format is
//! tested on hand-made diagnostics (labels, fixes, characters that need escaping) and on a real
//! `copydesk check` run, cross-checked against the JSON output of the same run.

use copydesk::diagnostic::{Applicability, Diagnostic, Fix, Label, Location, Severity};
use copydesk::render::sarif::{self, RuleInfo};
use copydesk::render::{checkstyle, github, junit};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn loc(
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
) -> Location {
    Location {
        start,
        end,
        line,
        column,
        end_line,
        end_column,
    }
}

/// Two diagnostics in two files: one with a label in another file, a note, help and a fix; one
/// info finding whose message needs escaping in every format.
fn sample() -> Vec<Diagnostic> {
    vec![
        Diagnostic {
            path: "./articles/003.txt".into(),
            rule: "names/inconsistent-transliteration".into(),
            severity: Severity::Warning,
            message: "`Zhaparov` is spelled `Japarov` elsewhere".into(),
            span: loc(301, 309, 5, 78, 5, 86),
            labels: vec![Label {
                path: Some("articles/004 draft.txt".into()),
                span: loc(911, 918, 14, 19, 14, 26),
                message: "spelled `Japarov` here".into(),
            }],
            notes: vec!["different first names: maybe two people".into()],
            help: Some("pick one transliteration".into()),
            fix: Some(Fix {
                span: loc(301, 309, 5, 78, 5, 86),
                replacement: "Japarov".into(),
                applicability: Applicability::Unsafe,
            }),
            url: Some("https://example.com/rules/names".into()),
        },
        Diagnostic {
            path: "articles/b&c.md".into(),
            rule: "figures/unsourced".into(),
            severity: Severity::Info,
            message: "100% <sure>, \"said\" a:b\nnext line".into(),
            span: loc(0, 4, 1, 1, 2, 3),
            labels: vec![],
            notes: vec![],
            help: None,
            fix: None,
            url: None,
        },
    ]
}

const WHY: &str = "Readers take two spellings for two people.\nPick one.\n";

fn rules() -> Vec<RuleInfo<'static>> {
    vec![
        RuleInfo {
            id: "names/inconsistent-transliteration",
            severity: Severity::Warning,
            why: WHY,
            help: Some("pick one"),
            url: Some("https://example.com/rules/names"),
        },
        RuleInfo {
            id: "figures/unsourced",
            severity: Severity::Info,
            why: "A figure needs a source.",
            help: None,
            url: None,
        },
    ]
}

fn assert_valid_sarif(log: &Value) {
    let errors = sarif_errors(log);
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

fn sarif_errors(log: &Value) -> Vec<String> {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(schema_path).unwrap();
    // The official schema's `language` patterns have a stray `]`, a literal in JavaScript regexes
    // but an error for the validator's regex engine, which then refuses the whole schema. Escaping
    // it keeps its meaning; copydesk never writes a `language` anyway.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(stray).count(), 2);
    let text = text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_schema_check_can_fail() {
    let mut log: Value = serde_json::from_str(&sarif::render(&sample(), &rules())).unwrap();
    log["runs"][0]["results"][0]["level"] = Value::from("info");
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        Value::from("a b^c.md");
    let errors = sarif_errors(&log);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

#[test]
fn sarif_validates_and_carries_rules_locations_labels_and_fixes() {
    let text = sarif::render(&sample(), &rules());
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_valid_sarif(&log);
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "copydesk");
    // Rules sorted by id, the meta-rules with them; results point at them by index.
    assert_eq!(driver["rules"][0]["id"], "copydesk/invalid-suppression");
    assert_eq!(
        driver["rules"][1]["helpUri"],
        "https://github.com/copydesk/copydesk/blob/main/docs/rules/copydesk/unused-suppression.md"
    );
    assert_eq!(driver["rules"][2]["id"], "figures/unsourced");
    assert_eq!(driver["rules"][2]["defaultConfiguration"]["level"], "note");
    let names = &driver["rules"][3];
    assert_eq!(names["id"], "names/inconsistent-transliteration");
    assert_eq!(
        names["shortDescription"]["text"],
        "Readers take two spellings for two people."
    );
    assert_eq!(
        names["fullDescription"]["text"],
        "Readers take two spellings for two people.\nPick one."
    );
    assert_eq!(
        names["help"]["text"],
        "Readers take two spellings for two people.\nPick one.\n\nFix: pick one"
    );
    assert_eq!(
        names["help"]["markdown"],
        "Readers take two spellings for two people.\nPick one.\n\n**Fix:** pick one\n\n\
         [Documentation, examples and options](https://example.com/rules/names)"
    );
    assert_eq!(names["helpUri"], "https://example.com/rules/names");
    assert_eq!(names["properties"]["tags"][0], "names");
    assert!(
        driver["rules"][2].get("helpUri").is_none(),
        "a rule without a page"
    );
    assert_eq!(
        driver["informationUri"],
        "https://github.com/copydesk/copydesk"
    );

    let first = &run["results"][0];
    assert_eq!(first["ruleId"], "names/inconsistent-transliteration");
    // A fingerprint is read off the file's text, which this log is rendered without (the CLI
    // test `sarif_fingerprints_follow_findings_across_edits` has the text).
    assert!(first.get("partialFingerprints").is_none());
    assert_eq!(first["ruleIndex"], 3);
    assert_eq!(first["level"], "warning");
    assert_eq!(
        first["message"]["text"],
        "`Zhaparov` is spelled `Japarov` elsewhere\nnote: different first names: maybe two people\nhelp: pick one transliteration"
    );
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "articles/003.txt");
    let region = serde_json::json!({"startLine": 5, "startColumn": 78, "endLine": 5, "endColumn": 86, "byteOffset": 301, "byteLength": 8});
    assert_eq!(location["region"], region);
    let related = &first["relatedLocations"][0];
    assert_eq!(related["id"], 0);
    assert_eq!(related["message"]["text"], "spelled `Japarov` here");
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "articles/004%20draft.txt"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 14);
    let fix = &first["fixes"][0];
    assert_eq!(
        fix["description"]["text"],
        "Replace with `Japarov` (unsafe: needs `--fix --unsafe-fixes`)"
    );
    assert_eq!(fix["properties"]["applicability"], "unsafe");
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "articles/003.txt");
    assert_eq!(change["replacements"][0]["deletedRegion"], region);
    assert_eq!(
        change["replacements"][0]["insertedContent"]["text"],
        "Japarov"
    );

    let second = &run["results"][1];
    assert_eq!(second["level"], "note");
    assert_eq!(
        second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "articles/b%26c.md"
    );
    assert!(second.get("fixes").is_none() && second.get("relatedLocations").is_none());
    assert!(
        second.get("partialFingerprints").is_none(),
        "no fingerprint computed"
    );
}

#[test]
fn sarif_of_a_clean_run_validates() {
    let log: Value = serde_json::from_str(&sarif::render(&[], &rules())).unwrap();
    assert_valid_sarif(&log);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn github_workflow_commands_are_escaped() {
    assert_eq!(
        github::render(&sample()),
        "::warning file=articles/003.txt,line=5,col=78,endLine=5,endColumn=86,title=names/inconsistent-transliteration\
         ::`Zhaparov` is spelled `Japarov` elsewhere%0Ahelp: pick one transliteration\n\
         ::notice file=articles/b&c.md,line=1,col=1,endLine=2,endColumn=3,title=figures/unsourced\
         ::100%25 <sure>, \"said\" a:b%0Anext line\n"
    );
    let odd = Diagnostic {
        path: "C:\\news\\a,b%.txt".into(),
        severity: Severity::Error,
        ..sample().remove(1)
    };
    assert_eq!(
        github::render(&[odd]),
        "::error file=C%3A\\news\\a%2Cb%25.txt,line=1,col=1,endLine=2,endColumn=3,title=figures/unsourced\
         ::100%25 <sure>, \"said\" a:b%0Anext line\n"
    );
}

#[test]
fn checkstyle_parses_back() {
    let xml = checkstyle::render(&sample());
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let files: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].attribute("name"), Some("./articles/003.txt"));
    assert_eq!(files[1].attribute("name"), Some("articles/b&c.md"));
    let errors: Vec<_> = files
        .iter()
        .flat_map(|f| f.children().filter(|n| n.is_element()))
        .collect();
    assert_eq!(errors.len(), 2);
    assert!(errors.iter().all(|e| e.tag_name().name() == "error"));
    let attrs = |e: &roxmltree::Node, names: &[&str]| {
        names
            .iter()
            .map(|n| e.attribute(*n).unwrap_or("-").to_string())
            .collect::<Vec<_>>()
    };
    let names = ["line", "column", "severity", "source", "message"];
    assert_eq!(
        attrs(&errors[0], &names),
        [
            "5",
            "78",
            "warning",
            "names/inconsistent-transliteration",
            "`Zhaparov` is spelled `Japarov` elsewhere (help: pick one transliteration)"
        ]
    );
    assert_eq!(
        attrs(&errors[1], &names),
        [
            "1",
            "1",
            "info",
            "figures/unsourced",
            "100% <sure>, \"said\" a:b\nnext line"
        ]
    );
    // An empty report is still a valid one.
    let empty = checkstyle::render(&[]);
    assert_eq!(
        roxmltree::Document::parse(&empty)
            .unwrap()
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .count(),
        0
    );
}

#[test]
fn junit_parses_back() {
    let xml = junit::render(&sample());
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(
        (root.attribute("tests"), root.attribute("failures")),
        (Some("2"), Some("2"))
    );
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 2);
    assert_eq!(suites[1].attribute("name"), Some("articles/b&c.md"));
    let case = suites[0]
        .children()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert_eq!(
        case.attribute("name"),
        Some("names/inconsistent-transliteration at 5:78")
    );
    assert_eq!(case.attribute("classname"), Some("./articles/003.txt"));
    assert_eq!(case.attribute("line"), Some("5"));
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("type"), Some("warning"));
    assert_eq!(
        failure.attribute("message"),
        Some("`Zhaparov` is spelled `Japarov` elsewhere")
    );
    assert_eq!(
        failure.text(),
        Some(
            "./articles/003.txt:5:78: warning[names/inconsistent-transliteration] `Zhaparov` is spelled `Japarov` elsewhere\n\
             note: different first names: maybe two people\nhelp: pick one transliteration"
        )
    );
    let other = suites[1]
        .children()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    let failure = other
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("100% <sure>, \"said\" a:b\nnext line")
    );

    let clean = junit::render(&[]);
    let doc = roxmltree::Document::parse(&clean).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        0
    );
}

/// Runs `copydesk check --no-config --format <format> articles` in a folder holding one article
/// with scraper residue and one clean article.
fn run(format: &str) -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(
        dir.path().join("articles/story.txt"),
        "The council met on Friday.\nRead More\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("articles/clean.txt"),
        "The council met on Friday.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--no-config", "--format", format, "articles"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn every_format_reports_what_json_reports() {
    let (json, code) = run("json");
    let diagnostics: Vec<Diagnostic> = serde_json::from_str(&json).unwrap();
    assert!(!diagnostics.is_empty(), "the residue line is reported");
    let read_more = diagnostics
        .iter()
        .find(|d| &*d.rule == "residue/read-more")
        .expect("Read More is reported");
    assert_eq!(
        (
            read_more.span.line,
            read_more.span.column,
            read_more.span.end_column
        ),
        (2, 1, 10)
    );

    let (text, sarif_code) = run("sarif");
    assert_eq!(sarif_code, code);
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for (r, d) in results.iter().zip(&diagnostics) {
        assert_eq!(r["ruleId"], &*d.rule);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], &*d.rule);
        assert!(!rules[index]["help"]["text"].as_str().unwrap().is_empty());
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startLine"].as_u64(), region["startColumn"].as_u64()),
            (Some(d.span.line as u64), Some(d.span.column as u64))
        );
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            &*d.path
        );
    }

    let (text, _) = run("github");
    let expected: String = diagnostics
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::",
                d.path, d.span.line, d.span.column, d.span.end_line, d.span.end_column, d.rule
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    // Each line up to the `::` that ends its properties (property values never hold a `:`).
    let prefixes: Vec<&str> = text
        .lines()
        .map(|l| &l[..2 + l[2..].find("::").unwrap() + 2])
        .collect();
    assert_eq!(prefixes.join("\n"), expected);
    assert!(text.contains("::error file=articles/story.txt,line=2,col=1,endLine=2,endColumn=10,title=residue/read-more::"), "{text}");

    for format in ["checkstyle", "junit"] {
        let (xml, xml_code) = run(format);
        assert_eq!(xml_code, code);
        let doc =
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{format}: {e}\n{xml}"));
        let entries = doc
            .descendants()
            .filter(|n| {
                n.has_tag_name(if format == "junit" {
                    "failure"
                } else {
                    "error"
                })
            })
            .count();
        assert_eq!(entries, diagnostics.len(), "{format}");
    }
}
