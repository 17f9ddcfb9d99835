//! `copydesk init`: writes a commented starter `copydesk.toml` in a folder.
//!
//! The file is written next to its final name and then linked into place, so a reader never sees
//! half a config, and an existing config (`copydesk.toml` or `.copydesk.toml`) is never replaced,
//! even one created between the check and the write.

use crate::commands::Outcome;
use std::io::{ErrorKind, Write};
use std::path::Path;

/// The starter config. Every key is one that `copydesk.toml` accepts (see `src/config.rs`); the
/// active values are the defaults, so the file changes nothing until it is edited.
pub const STARTER: &str = r#"# copydesk configuration, found by walking up from the current folder.
# Every key is optional; the values below are the defaults. `copydesk rules` lists the rules,
# `copydesk explain RULE` documents one.

# Rule ids or families to run. Empty: every rule that is on by default. Naming a rule that is off
# by default turns it on.
select = []
# select = ["residue", "quotes", "fragments/fused-sentences"]

# Rule ids or families not to run (wins over `select`).
ignore = []
# ignore = ["figures"]

# Folders of your own rules (`<family>/<name>.toml`), relative to this file.
rule-dirs = []
# rule-dirs = ["house-rules"]

# Paths not to check (globs, relative to this file); a folder excludes everything below it.
exclude = []
# exclude = ["drafts", "archive/**/*.html"]

# The quotation-mark convention of the copy: "en" (“ ” ‘ ’), "fr" (« »), "de" („ “), "ch" (« » ‹ ›).
locale = "en"

# The lowest severity that makes `copydesk check` exit with 1: "error", "warning" or "info".
fail-on = "error"

# Severity overrides by rule id or family ("error", "warning" or "info"); a rule id wins over its
# family. This table must stay at the end of the file.
[severity]
# residue = "error"
# "residue/read-more" = "warning"
"#;

/// Writes [`STARTER`] as `copydesk.toml` in `dir`: exit code 0, or 2 with a message when a config
/// is already there or the folder cannot be written.
pub fn init(dir: &Path) -> Outcome {
    let target = dir.join(crate::config::FILE_NAMES[0]);
    match write_new(dir, &target) {
        Ok(()) => Outcome {
            stdout: format!("wrote {}\n", target.display()),
            ..Outcome::default()
        },
        Err(message) => Outcome {
            stderr: format!("error: {message}\n"),
            code: 2,
            ..Outcome::default()
        },
    }
}

fn write_new(dir: &Path, target: &Path) -> Result<(), String> {
    if let Some(existing) = crate::config::FILE_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.exists())
    {
        return Err(format!(
            "`{}` already exists; not overwriting it",
            existing.display()
        ));
    }
    let temp = dir.join(format!(".copydesk.toml.{}.tmp", std::process::id()));
    let cannot = |e: std::io::Error| format!("cannot write `{}`: {e}", target.display());
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut f| f.write_all(STARTER.as_bytes()).and_then(|()| f.sync_all()))
        .map_err(cannot);
    let placed = written.and_then(|()| {
        // A hard link never replaces an existing file, unlike a rename.
        match std::fs::hard_link(&temp, target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(format!(
                "`{}` already exists; not overwriting it",
                target.display()
            )),
            // File systems without hard links: rename, having checked just before.
            Err(_) if !target.exists() => std::fs::rename(&temp, target).map_err(cannot),
            Err(e) => Err(cannot(e)),
        }
    });
    let _ = std::fs::remove_file(&temp);
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_uses_every_config_key() {
        for key in [
            "select =",
            "ignore =",
            "rule-dirs =",
            "exclude =",
            "locale =",
            "fail-on =",
            "[severity]",
        ] {
            assert!(STARTER.lines().any(|l| l.starts_with(key)), "{key}");
        }
    }

    /// Every rule id or family the starter names, in a setting or in a commented example, is one
    /// that exists: a user who uncomments a line gets a working config.
    #[test]
    fn the_starter_names_only_real_rules() {
        let rules = crate::ruleset::builtin();
        let known = crate::suggest::rule_names(crate::config::rule_ids(&rules));
        let mut named = Vec::new();
        let mut in_severity = false;
        for line in STARTER.lines() {
            in_severity |= line == "[severity]";
            let setting = line.strip_prefix("# ").unwrap_or(line);
            let Ok(table) = toml::from_str::<toml::Table>(setting) else {
                continue;
            };
            for (key, value) in table {
                match (in_severity, value) {
                    (_, toml::Value::Table(_)) => {}
                    (true, _) => named.push(key),
                    (false, toml::Value::Array(items)) if key == "select" || key == "ignore" => {
                        named.extend(
                            items
                                .into_iter()
                                .filter_map(|i| i.as_str().map(String::from)),
                        )
                    }
                    _ => {}
                }
            }
        }
        assert!(named.len() >= 6, "the examples were read: {named:?}");
        for name in named {
            assert!(
                known.contains(&name.as_str()),
                "`{name}` is no rule or family"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copydesk.toml");
        std::fs::write(&path, STARTER).unwrap();
        let config = crate::config::Config::load(&path, false).unwrap();
        assert!(config.validate(&rules).is_empty());
    }
}
