//! The pre-commit hook (`.pre-commit-hooks.yaml`) end to end, in a throwaway git repository.
//!
//! Always: the hook's `entry` is run exactly as pre-commit runs it, with the staged files that
//! the hook's `files` pattern selects appended, and its exit code and output are checked. When the
//! `pre-commit` tool is installed (on `PATH`, or named by `PRE_COMMIT_BIN`), it is also run for
//! real with `pre-commit try-repo` on this repository, which builds copydesk with `cargo install`
//! (offline, from the local crate cache) as a user's pre-commit would. The first such run builds
//! copydesk (minutes on a busy machine); later runs reuse `target/pre-commit-hook`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The value of `key:` in the one hook of `.pre-commit-hooks.yaml`.
fn hook_field(key: &str) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let prefix = format!("{key}:");
    let line = text.lines().map(str::trim_start).find_map(|l| {
        l.strip_prefix("- ")
            .unwrap_or(l)
            .strip_prefix(&prefix)
            .map(str::trim)
    });
    line.unwrap_or_else(|| panic!("no `{key}` in the hook"))
        .to_string()
}

/// A git repository with staged articles: one with scraper residue, one clean, and files the hook
/// must not look at (code, data).
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    git(root, &["config", "user.email", "test@example.com"]);
    git(root, &["config", "user.name", "Test"]);
    git(root, &["config", "commit.gpgsign", "false"]);
    std::fs::create_dir(root.join("news")).unwrap();
    std::fs::write(
        root.join("news/council.md"),
        "# Council vote\n\nThe council met on Friday.\n\nRead More\n",
    )
    .unwrap();
    std::fs::write(
        root.join("news/weather.html"),
        "<p>Rain is expected on Sunday.</p>\n",
    )
    .unwrap();
    std::fs::write(root.join("build.py"), "print('Read More')\n").unwrap();
    std::fs::write(root.join("data.json"), "{\"teaser\": \"Read More\"}\n").unwrap();
    git(root, &["add", "."]);
    dir
}

fn staged(root: &Path) -> Vec<String> {
    let out = Command::new("git")
        .args(["diff", "--cached", "--name-only"])
        .current_dir(root)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

/// Runs the hook's entry as pre-commit does: the entry's words, then the selected file names.
fn run_entry(root: &Path) -> Output {
    let files = regex::Regex::new(&hook_field("files")).unwrap();
    let selected: Vec<String> = staged(root)
        .into_iter()
        .filter(|f| files.is_match(f))
        .collect();
    let entry = hook_field("entry");
    let mut words = entry.split_whitespace();
    assert_eq!(
        words.next(),
        Some("copydesk"),
        "the entry runs the installed binary"
    );
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(words)
        .args(&selected)
        .current_dir(root)
        .output()
        .unwrap()
}

#[test]
fn the_hook_entry_checks_the_staged_articles() {
    assert_eq!(hook_field("id"), "copydesk");
    assert_eq!(hook_field("language"), "rust");
    let dir = repository();
    let root = dir.path();
    let out = run_entry(root);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    assert!(
        stdout.contains(
            "error[residue/read-more]: scraper leftover `Read More`\n  ┌─ news/council.md:5:1\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("in 1 of 2 files; 1 fixable with `--fix`\n"),
        "only the two articles are checked: {stdout}"
    );
    assert!(
        !stdout.contains("build.py") && !stdout.contains("data.json"),
        "{stdout}"
    );

    // Once the residue is gone, the hook passes.
    std::fs::write(
        root.join("news/council.md"),
        "# Council vote\n\nThe council met on Friday.\n",
    )
    .unwrap();
    git(root, &["add", "."]);
    let out = run_entry(root);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "copydesk: no problems in 2 files\n"
    );
}

fn pre_commit() -> Option<PathBuf> {
    let bin = std::env::var_os("PRE_COMMIT_BIN")
        .map_or_else(|| PathBuf::from("pre-commit"), PathBuf::from);
    let works = Command::new(&bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    works.then_some(bin)
}

#[test]
fn the_hook_runs_under_pre_commit_when_it_is_installed() {
    let Some(bin) = pre_commit() else {
        eprintln!("pre-commit is not installed: only the entry was tested");
        return;
    };
    let dir = repository();
    let root = dir.path();
    let cache = tempfile::tempdir().unwrap();
    let run = |root: &Path| {
        Command::new(&bin)
            .args([
                "try-repo",
                env!("CARGO_MANIFEST_DIR"),
                "copydesk",
                "--color",
                "never",
            ])
            .current_dir(root)
            .env("PRE_COMMIT_HOME", cache.path())
            .env("CARGO_NET_OFFLINE", "true")
            // A build directory kept between test runs, and a quicker release profile than the
            // shipped one: the hook's build is what is tested here, not its speed.
            .env(
                "CARGO_TARGET_DIR",
                Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pre-commit-hook"),
            )
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .output()
            .unwrap()
    };
    let out = run(root);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("copydesk") && stdout.contains("Failed"),
        "{stdout}"
    );
    assert!(stdout.contains("news/council.md:5:1"), "{stdout}");

    std::fs::write(
        root.join("news/council.md"),
        "# Council vote\n\nThe council met on Friday.\n",
    )
    .unwrap();
    git(root, &["add", "."]);
    let out = run(root);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Passed"), "{stdout}");
}
