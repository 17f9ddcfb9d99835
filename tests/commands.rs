//! `copydesk init`, `copydesk completions` and `copydesk man`: exact exit codes, the generated
//! config loading cleanly, and generated text that names every subcommand.

use copydesk::config::Config;
use std::path::Path;
use std::process::Command;

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn copydesk(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap_or(-1),
    }
}

const SUBCOMMANDS: &[&str] = &[
    "check",
    "rules",
    "explain",
    "init",
    "server",
    "completions",
    "man",
];

#[test]
fn init_writes_a_starter_config_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let run = copydesk(dir.path(), &["init"]);
    let path = dir.path().join("copydesk.toml");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, format!("wrote {}\n", path.display()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, copydesk::init::STARTER);
    let config = Config::load(&path, false).expect("the starter config parses");
    assert!(config.validate(&copydesk::ruleset::builtin()).is_empty());
    assert_eq!(config.locale, Some(copydesk::locale::Locale::En));
    assert_eq!(config.fail_on, Some(copydesk::diagnostic::Severity::Error));
    // Only the config is left behind, no temporary file.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["copydesk.toml"]);
    // The checker picks it up.
    std::fs::write(dir.path().join("a.txt"), "The council met on Friday.\n").unwrap();
    let run = copydesk(dir.path(), &["check", "a.txt"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "copydesk: no problems in 1 file\n", "")
    );
}

#[test]
fn init_never_overwrites_a_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "locale = \"fr\"\n").unwrap();
    let run = copydesk(dir.path(), &["init"]);
    let path = dir.path().join("copydesk.toml");
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        format!(
            "error: `{}` already exists; not overwriting it\n",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "locale = \"fr\"\n");

    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join(".copydesk.toml"), "").unwrap();
    let run = copydesk(other.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(".copydesk.toml` already exists"),
        "{}",
        run.stderr
    );
    assert!(!other.path().join("copydesk.toml").exists());
}

#[test]
fn completions_cover_every_subcommand_in_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = copydesk(dir.path(), &["completions", shell]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{shell}");
        for name in SUBCOMMANDS {
            assert!(
                run.stdout.contains(name),
                "{shell} completions lack `{name}`"
            );
        }
        assert!(
            run.stdout.contains("format") && run.stdout.contains("stdin-filename"),
            "{shell}"
        );
    }
    assert!(
        copydesk(dir.path(), &["completions", "bash"])
            .stdout
            .contains("sarif")
    );
    assert_eq!(copydesk(dir.path(), &["completions", "tcsh"]).code, 2);
}

#[test]
fn man_pages_come_from_the_clap_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let run = copydesk(dir.path(), &["man"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(
        run.stdout.starts_with(".ie \\n(.g .ds Aq \\(aq"),
        "roff: {}",
        &run.stdout[..80]
    );
    assert!(
        run.stdout.contains(&format!(
            ".TH copydesk 1  \"copydesk {}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{}",
        run.stdout
    );
    for name in SUBCOMMANDS {
        assert!(
            run.stdout.contains(&format!("copydesk\\-{name}(1)")),
            "man page lacks `{name}`"
        );
    }
    let check = copydesk(dir.path(), &["man", "check"]);
    assert_eq!(check.code, 0);
    assert!(
        check.stdout.contains(".TH copydesk-check 1"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("\\-\\-format") && check.stdout.contains("sarif"),
        "{}",
        check.stdout
    );
    let unknown = copydesk(dir.path(), &["man", "nope"]);
    assert_eq!((unknown.code, unknown.stdout.as_str()), (2, ""));
    assert_eq!(
        unknown.stderr,
        "error: no subcommand `nope`; the man pages are: copydesk check, rules, explain, test, init, server, completions, man
"
    );
}
