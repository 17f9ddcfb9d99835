//! The names family end to end: cross-file findings with labels in other files, majority and
//! house-table preferences, fixed expressions, strict `[names]` config.

mod common;

use pretty_assertions::assert_eq;

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::write(tmp.path(), files);
    tmp
}

/// `copydesk check --no-config --select names --format FORMAT PATH` in `dir`.
fn names_only(dir: &std::path::Path, format: &str, path: &str) -> common::Run {
    common::copydesk(
        dir,
        &[
            "check",
            "--no-config",
            "--select",
            "names",
            "--format",
            format,
            path,
        ],
    )
}

const JAPAROV: &str = "The talks were hosted by President Sadyr Japarov on Monday.\n";
const ZHAPAROV: &str = "The summit was opened by President Sadyr Zhaparov on Friday.\n";

#[test]
fn the_majority_decides_across_files_and_labels_point_into_them() {
    let tmp = folder(&[
        ("a.txt", JAPAROV),
        ("b.txt", JAPAROV),
        ("c.txt", ZHAPAROV),
        ("d.txt", JAPAROV),
    ]);
    let run = names_only(tmp.path(), "short", ".");
    assert_eq!(
        run.stdout,
        "./c.txt:1:42: warning[names/inconsistent-transliteration] `Zhaparov` is spelled `Japarov` in 3 other checked files\n"
    );
    let run = names_only(tmp.path(), "json", ".");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let label = &json[0]["labels"][0];
    assert_eq!(label["path"], "./a.txt");
    assert_eq!(
        (
            label["span"]["line"].as_u64(),
            label["span"]["column"].as_u64()
        ),
        (Some(1), Some(42))
    );
    // No command applies a cross-file finding's fix, so none is offered: the help names the spelling.
    assert_eq!(json[0]["fix"], serde_json::Value::Null);
    assert_eq!(run.code, 0);
}

#[test]
fn one_file_alone_has_no_cross_file_finding() {
    let tmp = folder(&[("c.txt", ZHAPAROV)]);
    let run = names_only(tmp.path(), "short", "c.txt");
    assert_eq!(run.stdout, "");
}

#[test]
fn the_house_table_decides_and_reaches_what_rules_cannot() {
    let config = "[[names.entity]]\npreferred = \"Sadyr Zhaparov\"\n\n[[names.entity]]\npreferred = \"Beijing\"\nvariants = [\"Peking\"]\nallow = [\"Peking duck\"]\n";
    let tmp = folder(&[
        ("copydesk.toml", config),
        ("a.txt", JAPAROV),
        ("b.txt", JAPAROV),
        ("c.txt", ZHAPAROV),
        ("d.txt", "Officials in Peking served Peking duck.\n"),
    ]);
    let run = common::copydesk(
        tmp.path(),
        &["check", "--select", "names", "--format", "short", "."],
    );
    assert_eq!(
        run.stdout,
        "./a.txt:1:42: warning[names/inconsistent-transliteration] `Japarov` is spelled `Zhaparov` in 1 other checked file\n\
         ./b.txt:1:42: warning[names/inconsistent-transliteration] `Japarov` is spelled `Zhaparov` in 1 other checked file\n\
         ./d.txt:1:14: warning[names/house-spelling] `Peking` is spelled `Beijing` in the house table\n"
    );
}

#[test]
fn unknown_keys_in_the_names_table_are_errors() {
    let tmp = folder(&[
        (
            "copydesk.toml",
            "[[names.entity]]\npreferred = \"Kyiv\"\nvariant = [\"Kiev\"]\n",
        ),
        ("a.txt", JAPAROV),
    ]);
    let run = common::copydesk(tmp.path(), &["check", "a.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown field `variant`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("copydesk.toml:3:1"), "{}", run.stderr);
}

#[test]
fn human_output_shows_the_other_file() {
    let tmp = folder(&[("a.txt", JAPAROV), ("b.txt", ZHAPAROV), ("c.txt", JAPAROV)]);
    let run = common::copydesk(
        tmp.path(),
        &[
            "check",
            "--no-config",
            "--select",
            "names",
            "--color",
            "never",
            ".",
        ],
    );
    assert_eq!(
        run.stdout,
        "warning[names/inconsistent-transliteration]: `Zhaparov` is spelled `Japarov` in 2 other checked files
  ┌─ ./b.txt:1:42
  │
1 │ The summit was opened by President Sadyr Zhaparov on Friday.
  │                                          ^^^^^^^^
  │
  ┌─ ./a.txt:1:42
  │
1 │ The talks were hosted by President Sadyr Japarov on Monday.
  │                                          ------- spelled `Japarov` here
  │
  = `Japarov` is used in 2 files, `Zhaparov` in 1 (this one)
  = help: use one spelling across articles: `Japarov` is the spelling of 2 checked files
  = docs: https://github.com/copydesk/copydesk/blob/main/docs/rules/names/inconsistent-transliteration.md

copydesk: 1 problem (1 warning) in 1 of 3 files
"
    );
}

#[test]
fn a_long_house_table_lives_in_a_file_the_config_names() {
    let table = "# Preferred spellings of Ukrainian places, written for this test.\n\
                 [[entity]]\npreferred = \"Kharkiv\"\nvariants = [\"Kharkov\", \"Charkiw\"]\n\n\
                 [[entity]]\npreferred = \"Zaporizhzhia\"\nvariants = [\"Zaporozhye\", \"Zaporizhia\"]\n\n\
                 [[distinct]]\nnames = [\"Basra\", \"Bosra\"]\n";
    let tmp = folder(&[
        (
            "copydesk.toml",
            "[names]\ntable = \"tables/house-names.toml\"\n",
        ),
        ("tables/house-names.toml", table),
        (
            "a.txt",
            "Shelling hit Kharkov overnight, and power failed in Zaporizhia. Kharkiv was quiet.\n",
        ),
    ]);
    let run = common::copydesk(
        tmp.path(),
        &["check", "--select", "names", "--format", "short", "a.txt"],
    );
    assert_eq!(
        run.stdout,
        "a.txt:1:14: warning[names/house-spelling] `Kharkov` is spelled `Kharkiv` in the house table\n\
         a.txt:1:53: warning[names/house-spelling] `Zaporizhia` is spelled `Zaporizhzhia` in the house table\n"
    );
}

#[test]
fn a_bad_table_file_is_an_error_at_its_position() {
    let tmp = folder(&[
        ("copydesk.toml", "[names]\ntable = \"house.toml\"\n"),
        (
            "house.toml",
            "[[entity]]\npreferred = \"Kyiv\"\nvariant = [\"Kiev\"]\n",
        ),
        ("a.txt", JAPAROV),
    ]);
    let run = common::copydesk(tmp.path(), &["check", "a.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown field `variant`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("house.toml:3:1"), "{}", run.stderr);

    let tmp = folder(&[
        ("copydesk.toml", "[names]\ntable = \"missing.toml\"\n"),
        ("a.txt", JAPAROV),
    ]);
    let run = common::copydesk(tmp.path(), &["check", "a.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no house table file `missing.toml`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("copydesk.toml:2:9"), "{}", run.stderr);
}

/// The findings that wait for the cross-file pass go to a temporary file and come back whole (the
/// human report rereads each file for its snippets); with no temporary folder they wait in memory,
/// and the report is the same.
#[test]
fn findings_that_wait_for_the_cross_file_pass_come_back_whole_with_or_without_a_temporary_file() {
    let doubled = "The the talks were hosted by President Sadyr Japarov on Monday.\n";
    let tmp = folder(&[
        ("a.txt", doubled),
        ("b.txt", JAPAROV),
        ("c.txt", ZHAPAROV),
        ("d.txt", doubled),
    ]);
    let run = |tmpdir: &std::path::Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["check", "--no-config", "."])
            .current_dir(tmp.path())
            .env("NO_COLOR", "1")
            .env("TMPDIR", tmpdir)
            .output()
            .unwrap();
        (String::from_utf8(out.stdout).unwrap(), out.status.code())
    };
    let (spilled, code) = run(tmp.path());
    for expected in [
        "`the` is doubled\n  ┌─ ./a.txt:1:5\n",
        "`the` is doubled\n  ┌─ ./d.txt:1:5\n",
        "`Zhaparov` is spelled `Japarov` in 3 other checked files\n  ┌─ ./c.txt:1:42\n",
    ] {
        assert!(
            spilled.contains(expected),
            "{expected} missing in:\n{spilled}"
        );
    }
    assert_eq!(code, Some(0));
    let (in_memory, code) = run(&tmp.path().join("no such folder"));
    assert_eq!(in_memory, spilled);
    assert_eq!(code, Some(0));
}
