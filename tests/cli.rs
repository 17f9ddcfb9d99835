//! The command line, case by case: arguments in, exact output and exit code out.

mod common;

use common::{copydesk, copydesk_stdin, write};
use pretty_assertions::assert_eq;
use tempfile::TempDir;

const DIRTY: &str = "The vote was delayed.\nRead More\n";
const WARNING_ONLY: &str = "The vote was delayed.\n\nTrending Now\n";
const CLEAN: &str = "The vote was delayed until Friday, the council said.\n";

fn dir(files: &[(&str, &str)]) -> TempDir {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), files);
    tmp
}

#[test]
fn exit_codes_follow_the_failing_severity() {
    let tmp = dir(&[
        ("clean.txt", CLEAN),
        ("warn.txt", WARNING_ONLY),
        ("dirty.txt", DIRTY),
    ]);
    let run = copydesk(tmp.path(), &["check", "clean.txt"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "copydesk: no problems in 1 file\n", "")
    );
    assert_eq!(
        copydesk(tmp.path(), &["check", "warn.txt"]).code,
        0,
        "warnings do not fail by default"
    );
    assert_eq!(
        copydesk(tmp.path(), &["check", "--fail-on", "warning", "warn.txt"]).code,
        1
    );
    assert_eq!(copydesk(tmp.path(), &["check", "dirty.txt"]).code, 1);
    assert_eq!(
        copydesk(tmp.path(), &["check", "--fail-on", "info", "clean.txt"]).code,
        0
    );
}

#[test]
fn human_format_is_annotated() {
    let tmp = dir(&[("dirty.txt", DIRTY)]);
    let run = copydesk(tmp.path(), &["check", "dirty.txt"]);
    assert_eq!(
        run.stdout,
        "\
error[residue/read-more]: scraper leftover `Read More`
  ┌─ dirty.txt:2:1
  │
2 │ Read More
  │ ^^^^^^^^^
  │
  = help: delete it: it is the label of a link on the page the article was copied from
  = fix: delete the line (safe: applied by `--fix`)
  = docs: https://github.com/copydesk/copydesk/blob/main/docs/rules/residue/read-more.md

copydesk: 1 problem (1 error) in 1 of 1 file; 1 fixable with `--fix`
"
    );
}

#[test]
fn short_and_jsonl_formats() {
    let tmp = dir(&[("b.txt", WARNING_ONLY), ("a.txt", DIRTY)]);
    let run = copydesk(tmp.path(), &["check", "--format", "short", "."]);
    assert_eq!(
        run.stdout,
        "./a.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n\
         ./b.txt:3:1: warning[residue/link-list-heading] link-list heading `Trending Now` left in the article\n"
    );
    let run = copydesk(tmp.path(), &["check", "--format", "jsonl", "a.txt"]);
    assert_eq!(
        run.stdout,
        r#"{"path":"a.txt","rule":"residue/read-more","severity":"error","message":"scraper leftover `Read More`","span":{"start":22,"end":31,"line":2,"column":1,"end_line":2,"end_column":10},"labels":[],"notes":[],"help":"delete it: it is the label of a link on the page the article was copied from","fix":{"span":{"start":22,"end":32,"line":2,"column":1,"end_line":3,"end_column":1},"replacement":"","applicability":"safe"},"url":"https://github.com/copydesk/copydesk/blob/main/docs/rules/residue/read-more.md"}"#
            .to_string()
            + "\n"
    );
}

#[test]
fn json_of_a_clean_run_is_an_empty_array() {
    let tmp = dir(&[("clean.txt", CLEAN)]);
    let run = copydesk(tmp.path(), &["check", "--format", "json", "clean.txt"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "[]\n"));
}

#[test]
fn columns_count_characters_and_offsets_count_bytes() {
    let tmp = dir(&[("u.txt", "« Überall » — déjà vu.\n  Read More\n")]);
    let run = copydesk(
        tmp.path(),
        &["check", "--format", "jsonl", "--select", "residue", "u.txt"],
    );
    let value: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let text = "« Überall » — déjà vu.\n";
    assert_eq!(value["span"]["start"], text.len() + 2);
    assert_eq!(
        (
            value["span"]["line"].as_u64(),
            value["span"]["column"].as_u64()
        ),
        (Some(2), Some(3))
    );
}

#[test]
fn standard_input_takes_its_format_from_the_stdin_filename() {
    let tmp = dir(&[]);
    let markdown = b"Intro.\n\n```\nRead More\n```\n\n[Read More](http://example.com)\n";
    let run = copydesk_stdin(
        tmp.path(),
        &[
            "check",
            "--format",
            "short",
            "--stdin-filename",
            "story.md",
            "-",
        ],
        Some(markdown),
    );
    assert_eq!(
        run.stdout,
        "story.md:7:2: error[residue/read-more] scraper leftover `Read More`\n"
    );
    let run = copydesk_stdin(
        tmp.path(),
        &["check", "--format", "short", "-"],
        Some(DIRTY.as_bytes()),
    );
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (
            1,
            "-:2:1: error[residue/read-more] scraper leftover `Read More`\n"
        )
    );
}

#[test]
fn select_and_ignore_rules_and_families() {
    let tmp = dir(&[("a.txt", "Read More\n\nTrending Now\n")]);
    let rules = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "short"];
        all.extend_from_slice(args);
        all.push("a.txt");
        copydesk(tmp.path(), &all)
            .stdout
            .lines()
            .map(|l| l.split(' ').nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(
        rules(&[]),
        [
            "error[residue/read-more]",
            "warning[residue/link-list-heading]"
        ]
    );
    assert_eq!(
        rules(&["--select", "residue/read-more"]),
        ["error[residue/read-more]"]
    );
    assert_eq!(
        rules(&["--ignore", "residue/read-more"]),
        ["warning[residue/link-list-heading]"]
    );
    assert_eq!(rules(&["--ignore", "residue"]), Vec::<String>::new());
    let run = copydesk(tmp.path(), &["check", "--select", "residue/nope", "a.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown rule or family `residue/nope` in --select"),
        "{}",
        run.stderr
    );
}

#[test]
fn config_is_found_walking_up_and_can_be_bypassed() {
    let tmp = dir(&[
        (
            "copydesk.toml",
            "ignore = [\"residue/read-more\"]\nfail-on = \"warning\"\n\n[severity]\n\"residue/link-list-heading\" = \"error\"\n",
        ),
        ("desk/story/a.txt", "Read More\n\nTrending Now\n"),
    ]);
    let story = tmp.path().join("desk/story");
    let run = copydesk(&story, &["check", "--format", "short", "a.txt"]);
    assert_eq!(
        run.stdout,
        "a.txt:3:1: error[residue/link-list-heading] link-list heading `Trending Now` left in the article\n"
    );
    let run = copydesk(
        &story,
        &["check", "--format", "short", "--no-config", "a.txt"],
    );
    assert_eq!(run.stdout.lines().count(), 2);
    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--format",
            "short",
            "--config",
            "copydesk.toml",
            "desk",
        ],
    );
    assert_eq!(
        run.stdout,
        "desk/story/a.txt:3:1: error[residue/link-list-heading] link-list heading `Trending Now` left in the article\n"
    );
}

#[test]
fn a_hidden_config_file_works_too() {
    let tmp = dir(&[
        (".copydesk.toml", "select = [\"residue/read-more\"]\n"),
        ("a.txt", "Read More\n\nTrending Now\n"),
    ]);
    let run = copydesk(tmp.path(), &["check", "--format", "short", "a.txt"]);
    assert_eq!(
        run.stdout,
        "a.txt:1:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
}

#[test]
fn an_unknown_config_key_is_an_error_with_its_position() {
    let tmp = dir(&[
        ("copydesk.toml", "select = []\nignroe = [\"residue\"]\n"),
        ("a.txt", DIRTY),
    ]);
    let run = copydesk(tmp.path(), &["check", "a.txt"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "", "nothing is checked with a broken config");
    assert!(run.stderr.starts_with("error: `"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("copydesk.toml`: unknown field `ignroe`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("┌─ ") && run.stderr.contains("copydesk.toml:2:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 │ ignroe = [\"residue\"]"),
        "{}",
        run.stderr
    );
}

#[test]
fn config_errors_point_at_unknown_rules_bad_globs_and_locales() {
    let cases = [
        (
            "select = [\"residue/read-mroe\"]\n",
            "unknown rule or family `residue/read-mroe`",
            "copydesk.toml:1:11",
        ),
        (
            "exclude = [\"drafts/[\"]\n",
            "invalid glob",
            "copydesk.toml:1:12",
        ),
        (
            "locale = \"xx\"\n",
            "unknown locale `xx`",
            "copydesk.toml:1:10",
        ),
        (
            "[severity]\n\"residue/nope\" = \"info\"\n",
            "unknown rule or family `residue/nope`",
            "copydesk.toml:2:1",
        ),
        (
            "fail-on = \"fatal\"\n",
            "unknown variant `fatal`",
            "copydesk.toml:1:11",
        ),
        ("select = [\n", "copydesk.toml", "copydesk.toml:1:"),
    ];
    for (config, message, position) in cases {
        let tmp = dir(&[("copydesk.toml", config), ("a.txt", CLEAN)]);
        let run = copydesk(tmp.path(), &["check", "a.txt"]);
        assert_eq!(run.code, 2, "{config}");
        assert!(run.stderr.contains(message), "{config}: {}", run.stderr);
        assert!(run.stderr.contains(position), "{config}: {}", run.stderr);
    }
}

#[test]
fn exclude_globs_and_hidden_and_build_folders_are_skipped() {
    let tmp = dir(&[
        (
            "copydesk.toml",
            "exclude = [\"drafts\", \"**/*.draft.md\"]\n",
        ),
        ("news/a.txt", DIRTY),
        ("news/b.draft.md", DIRTY),
        ("drafts/c.txt", DIRTY),
        (".hidden/d.txt", DIRTY),
        ("target/e.txt", DIRTY),
        ("news/.f.txt", DIRTY),
        ("news/notes.csv", DIRTY),
    ]);
    let run = copydesk(tmp.path(), &["check", "--format", "short", "."]);
    assert_eq!(
        run.stdout,
        "./news/a.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    // A file named explicitly is always checked.
    let run = copydesk(
        tmp.path(),
        &[
            "check",
            "--format",
            "short",
            "news/.f.txt",
            "news/notes.csv",
        ],
    );
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
}

#[test]
fn rule_folders_add_rules_and_broken_rules_point_into_the_file() {
    let rule = "kind = \"phrase\"\nseverity = \"warning\"\nmessage = \"house style: `{match}`\"\nwhy = \"We write Kyiv.\"\nphrases = [\"Kiev\"]\nreplacement = \"Kyiv\"\n\n[[example]]\ntext = \"in Kiev\"\nflags = [\"Kiev\"]\n\n[[example]]\ntext = \"in Kyiv\"\nflags = []\n";
    let tmp = dir(&[
        ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
        ("house/style/kyiv.toml", rule),
        ("a.txt", "Talks in Kiev ended.\n"),
    ]);
    // `names/house-spelling` knows Kiev too; this test is about the folder's rule.
    let run = copydesk(
        tmp.path(),
        &["check", "--format", "short", "--ignore", "names", "a.txt"],
    );
    assert_eq!(
        run.stdout,
        "a.txt:1:10: warning[style/kyiv] house style: `Kiev`\n"
    );
    let run = copydesk(tmp.path(), &["explain", "style/kyiv"]);
    assert!(
        run.stdout.starts_with(
            "# style/kyiv\n\nWe write Kyiv.\n\n| severity | default | fix | kind |\n|---|---|---|---|\n\
             | warning | on | unsafe | `phrase`: literal phrases, matched through one automaton for all rules |\n"
        ),
        "{}",
        run.stdout
    );
    let defined = run.stdout.lines().last().unwrap();
    assert!(
        defined.starts_with("Defined in ") && defined.ends_with("house/style/kyiv.toml"),
        "a house rule is documented where it is defined, not on copydesk's pages: {}",
        run.stdout
    );

    let broken = rule.replace(
        "phrases = [\"Kiev\"]",
        "phrases = [\"Kiev\"]\nwhole-words = false",
    );
    write(tmp.path(), &[("house/style/kyiv.toml", &broken)]);
    let run = copydesk(tmp.path(), &["check", "a.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown key `whole-words` in a `phrase` rule"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("kyiv.toml:6:1"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("help: the keys of a `phrase` rule are:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_regex_in_a_rule_is_reported_at_the_regex() {
    let rule = "kind = \"pattern\"\nseverity = \"info\"\nmessage = \"m\"\nwhy = \"w\"\npattern = 'Read (More'\n\n[[example]]\ntext = \"x\"\nflags = [\"x\"]\n\n[[example]]\ntext = \"y\"\nflags = []\n";
    let tmp = dir(&[
        ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
        ("house/residue/bad.toml", rule),
        ("a.txt", CLEAN),
    ]);
    let run = copydesk(tmp.path(), &["check", "a.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid regex: unclosed group"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("bad.toml:5:11"), "{}", run.stderr);
}
