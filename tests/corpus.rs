//! Golden tests: the full human and JSON output of `copydesk check corpus`, compared with the
//! committed files in `corpus/expected/`. Regenerate with `BLESS=1 cargo test --test corpus`, then
//! read the diff line by line before committing.

mod common;

use pretty_assertions::assert_eq;
use std::path::Path;

fn golden(name: &str, args: &[&str]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = common::copydesk(root, args);
    assert_eq!(run.stderr, "", "copydesk {args:?} wrote to stderr");
    let path = root.join("corpus/expected").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &run.stdout).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with BLESS=1", path.display()));
    assert_eq!(
        run.stdout,
        expected,
        "output differs from {}",
        path.display()
    );
}

#[test]
fn human_output_of_the_corpus() {
    golden(
        "corpus.human",
        &["check", "--no-config", "--color", "never", "corpus"],
    );
}

#[test]
fn json_output_of_the_corpus() {
    golden(
        "corpus.json",
        &["check", "--no-config", "--format", "json", "corpus"],
    );
}

#[test]
fn clean_articles_have_no_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut clean: Vec<_> = std::fs::read_dir(root.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("clean-")
        })
        .collect();
    clean.sort();
    assert!(clean.len() >= 2, "the corpus keeps clean articles");
    for path in clean {
        let run = common::copydesk(
            root,
            &[
                "check",
                "--no-config",
                "--format",
                "short",
                "--fail-on",
                "info",
                path.to_str().unwrap(),
            ],
        );
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (0, ""),
            "{} should be clean",
            path.display()
        );
    }
}
