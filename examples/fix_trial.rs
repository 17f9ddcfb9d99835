//! The `--fix` trial: every change `copydesk check --no-config --fix` (with `--unsafe-fixes`, the
//! unsafe ones too) makes to the articles of a folder, as JSON lines (file, rule, the text replaced,
//! the replacement, up to 60 characters either side), for counting by rule and reading a sample,
//! and each file's text as fixed, to compare with what `--fix` wrote.
//!
//! `cargo run --release --example fix_trial -- FOLDER [--unsafe-fixes] > changes.jsonl`; with
//! `--fixed DIR`, the fixed texts are written under DIR (same relative paths).
//!
//! Passes run as `--fix` runs them (check, apply what fits, check again), without the run's inline
//! suppressions and baseline, which the edited sets do not have.

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::fix::{self, FixOptions};
use copydesk::markup::Format;
use copydesk::source::Source;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut folder = None;
    let mut options = FixOptions::default();
    let mut fixed_dir: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--unsafe-fixes" => options.unsafe_fixes = true,
            "--fixed" => fixed_dir = args.next().map(PathBuf::from),
            _ => folder = Some(PathBuf::from(arg)),
        }
    }
    let folder = folder.expect("usage: fix_trial FOLDER [--unsafe-fixes] [--fixed DIR]");
    let engine = Engine::new(
        copydesk::ruleset::builtin(),
        &Selection::default(),
        &Settings::default(),
    )
    .expect("built-in rules compile");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.is_file() && Format::from_path(p).is_some())
        .collect();
    files.sort();
    let lines: Vec<String> = files
        .par_iter()
        .flat_map_iter(|path| changes(&engine, &folder, path, options, fixed_dir.as_deref()))
        .collect();
    for line in lines {
        println!("{line}");
    }
}

/// The changes of one file, as JSON lines.
fn changes(
    engine: &Engine,
    folder: &Path,
    path: &Path,
    options: FixOptions,
    fixed_dir: Option<&Path>,
) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let format = Format::from_path(path).expect("filtered");
    let name = path
        .strip_prefix(folder)
        .unwrap_or(path)
        .display()
        .to_string();
    let mut out = Vec::new();
    let mut current = text.clone();
    for pass in 0..fix::MAX_PASSES {
        let diagnostics = engine.check(&Source::new(name.clone(), current.clone()), format);
        let edits = fix::edits(&current, &diagnostics, options);
        if edits.is_empty() {
            break;
        }
        for e in &edits {
            let before = tail(&current[..e.span.start], 60);
            let after = head(&current[e.span.end..], 60);
            out.push(
                serde_json::json!({
                    "file": name,
                    "pass": pass + 1,
                    "rule": &*e.rule,
                    "fixes": e.fixes,
                    "old": &current[e.span.range()],
                    "new": e.replacement,
                    "before": before,
                    "after": after,
                })
                .to_string(),
            );
        }
        current = fix::apply(&current, &edits);
    }
    if let Some(dir) = fixed_dir {
        let target = dir.join(&name);
        std::fs::create_dir_all(target.parent().expect("a file in a folder")).unwrap();
        std::fs::write(target, &current).unwrap();
    }
    out
}

fn tail(s: &str, chars: usize) -> &str {
    let skip = s.chars().count().saturating_sub(chars);
    s.char_indices().nth(skip).map_or(s, |(i, _)| &s[i..])
}

fn head(s: &str, chars: usize) -> &str {
    s.char_indices().nth(chars).map_or(s, |(i, _)| &s[..i])
}
