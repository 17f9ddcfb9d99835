//! Which config governs which file: the nearest one, `extend`, `[[overrides]]`, the locale as one
//! typed value, and rule folders and extended configs kept inside the repository.

mod common;

use common::{Run, copydesk, write};
use pretty_assertions::assert_eq;
use std::path::Path;

const DIRTY: &str = "The vote was delayed.\nRead More\n";

const RULE: &str = "kind = \"phrase\"\nseverity = \"warning\"\nmessage = \"house style: `{match}`\"\nwhy = \"We write Kyiv.\"\nphrases = [\"Kiev\"]\n\n[[example]]\ntext = \"in Kiev\"\nflags = [\"Kiev\"]\n\n[[example]]\ntext = \"in Kyiv\"\nflags = []\n";

fn short(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--format", "short"];
    all.extend_from_slice(args);
    copydesk(dir, &all)
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    // A repository of its own, so that no config above the temporary folder is found or reached.
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    write(tmp.path(), files);
    tmp
}

#[test]
fn the_nearest_config_governs_each_file_from_wherever_copydesk_runs() {
    let tmp = folder(&[
        ("copydesk.toml", "fail-on = \"warning\"\n"),
        ("articles/en/a.txt", DIRTY),
        ("articles/fr/copydesk.toml", "ignore = [\"residue\"]\n"),
        ("articles/fr/b.txt", DIRTY),
    ]);
    let from_root = short(tmp.path(), &["."]);
    assert_eq!(
        from_root.stdout,
        "./articles/en/a.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    let from_folder = short(&tmp.path().join("articles/fr"), &["."]);
    assert_eq!((from_folder.stdout.as_str(), from_folder.code), ("", 0));
    // Named on the command line, a file is still governed by its own folder's config.
    let named = short(tmp.path(), &["articles/fr/b.txt", "articles/en/a.txt"]);
    assert_eq!(
        named.stdout,
        "articles/en/a.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    // `--config` names one config for every file.
    let one = short(tmp.path(), &["--config", "copydesk.toml", "articles"]);
    assert_eq!(one.stdout.lines().count(), 2, "{}", one.stdout);
}

#[test]
fn extend_inherits_and_the_extending_config_wins() {
    let tmp = folder(&[
        (
            "copydesk.toml",
            "ignore = [\"figures\"]\n\n[severity]\nresidue = \"info\"\n",
        ),
        (
            "fr/copydesk.toml",
            "extend = \"../copydesk.toml\"\n\n[severity]\n\"residue/read-more\" = \"warning\"\n",
        ),
        ("fr/a.txt", "The town has 41 schools.\nRead More\n"),
        ("b.txt", "The town has 41 schools.\nRead More\n"),
    ]);
    let run = short(tmp.path(), &["."]);
    assert_eq!(
        run.stdout,
        "./b.txt:2:1: info[residue/read-more] scraper leftover `Read More`\n\
         ./fr/a.txt:2:1: warning[residue/read-more] scraper leftover `Read More`\n"
    );
    write(
        tmp.path(),
        &[("copydesk.toml", "extend = \"fr/copydesk.toml\"\n")],
    );
    let run = short(tmp.path(), &["b.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`extend` makes a loop"),
        "{}",
        run.stderr
    );
}

#[test]
fn overrides_change_rules_and_severity_for_the_paths_they_match() {
    let tmp = folder(&[
        (
            "copydesk.toml",
            "[[overrides]]\npaths = [\"archive\"]\nignore = [\"residue/read-more\"]\n\n\
             [[overrides]]\npaths = [\"**/*.md\"]\nseverity = { \"residue\" = \"warning\" }\n",
        ),
        ("archive/old.txt", DIRTY),
        ("new.txt", DIRTY),
        ("new.md", DIRTY),
    ]);
    let run = short(tmp.path(), &["."]);
    assert_eq!(
        run.stdout,
        "./new.md:2:1: warning[residue/read-more] scraper leftover `Read More`\n\
         ./new.txt:2:1: error[residue/read-more] scraper leftover `Read More`\n"
    );
    // The command line's `--select` wins over every config.
    let run = short(tmp.path(), &["--select", "quotes", "."]);
    assert_eq!(run.stdout, "");
    write(
        tmp.path(),
        &[("copydesk.toml", "[[overrides]]\npaths = [\"a[\"]\n")],
    );
    let run = short(tmp.path(), &["."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid glob"), "{}", run.stderr);
}

#[test]
fn the_locale_is_one_typed_value() {
    // French spacing is a French convention: English copy is not held to it.
    let tmp = folder(&[("a.txt", "Il a dit « oui ».\n")]);
    assert_eq!(short(tmp.path(), &["a.txt"]).stdout, "");
    write(tmp.path(), &[("copydesk.toml", "locale = \"fr-CA\"\n")]);
    let run = short(tmp.path(), &["a.txt"]);
    assert_eq!(
        run.stdout,
        "a.txt:1:10: info[quotes/french-spacing] spacing inside guillemets: an ordinary space, which may break the line; use a no-break space\n\
         a.txt:1:15: info[quotes/french-spacing] spacing inside guillemets: an ordinary space, which may break the line; use a no-break space\n"
    );
    write(tmp.path(), &[("copydesk.toml", "locale = \"es\"\n")]);
    let run = copydesk(tmp.path(), &["check", "a.txt"]);
    assert_eq!(
        run.stderr,
        "error: `copydesk.toml`: unknown locale `es`\n  ┌─ copydesk.toml:1:10\n  │\n1 │ locale = \"es\"\n  │          ^^^^ expected `en`, `fr` or `de`, with or without a region (`en-GB`, `fr-CA`, `de-AT`), or `de-CH` (also `ch`)\n\n"
    );
    assert_eq!(run.code, 2);
}

#[test]
fn rule_folders_and_extended_configs_stay_inside_the_repository() {
    let outer = tempfile::tempdir().unwrap();
    write(
        outer.path(),
        &[
            ("outside/style/kyiv.toml", RULE),
            ("elsewhere/copydesk.toml", "ignore = [\"figures\"]\n"),
        ],
    );
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    write(
        &repo,
        &[
            ("a.txt", "Talks in Kiev ended.\n"),
            ("house/style/kyiv.toml", RULE),
        ],
    );
    let refused = |config: &str, needle: &str| {
        write(&repo, &[("copydesk.toml", config)]);
        let run = short(&repo, &["a.txt"]);
        assert_eq!(run.code, 2, "{config}");
        assert!(run.stderr.contains(needle), "{config}: {}", run.stderr);
        assert!(
            run.stderr.contains("--allow-external-rules"),
            "{}",
            run.stderr
        );
        let allowed = short(&repo, &["--allow-external-rules", "a.txt"]);
        assert_ne!(allowed.code, 2, "{config}: {}", allowed.stderr);
    };
    refused(
        "rule-dirs = [\"../outside\"]\n",
        "rule folder `../outside` leads out of the repository",
    );
    let absolute = outer.path().join("outside").display().to_string();
    refused(
        &format!("rule-dirs = [{absolute:?}]\n"),
        "is an absolute path",
    );
    refused(
        "extend = \"../elsewhere/copydesk.toml\"\n",
        "extended config `../elsewhere/copydesk.toml` leads out of the repository",
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outer.path().join("outside"), repo.join("linked")).unwrap();
        refused(
            "rule-dirs = [\"linked\"]\n",
            "rule folder `linked` leads out of the repository",
        );
        std::fs::remove_file(repo.join("linked")).unwrap();
        // A link inside a rule folder that leads out is refused too.
        std::os::unix::fs::symlink(
            outer.path().join("outside/style/kyiv.toml"),
            repo.join("house/style/linked.toml"),
        )
        .unwrap();
        refused(
            "rule-dirs = [\"house\"]\n",
            "house/style/linked.toml` leads out of the repository",
        );
        std::fs::remove_file(repo.join("house/style/linked.toml")).unwrap();
    }
    write(&repo, &[("copydesk.toml", "rule-dirs = [\".house\"]\n")]);
    let run = short(&repo, &["a.txt"]);
    assert!(
        run.stderr.contains("is in a hidden folder"),
        "{}",
        run.stderr
    );
    // Inside the repository, all is well.
    write(&repo, &[("copydesk.toml", "rule-dirs = [\"house\"]\n")]);
    let run = short(&repo, &["--ignore", "names", "a.txt"]);
    assert_eq!(
        (run.stdout.as_str(), run.code),
        ("a.txt:1:10: warning[style/kyiv] house style: `Kiev`\n", 0)
    );
}

#[test]
fn a_file_in_a_rule_folder_that_is_not_a_rule_is_never_shown() {
    let tmp = folder(&[
        ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
        ("house/keys/credentials.toml", "secret_key = \"hunter2\"\n"),
        ("a.txt", "Fine.\n"),
    ]);
    let run = short(tmp.path(), &["a.txt"]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("is not a rule file (it has no `kind` key)"),
        "{}",
        run.stderr
    );
}
