//! The end of a check run, once every file is done: the fixes summed up, the baseline written,
//! stale baseline entries listed, every file's report and diff gathered.

use super::{FileResult, FixMode, Workflow};
use crate::baseline;
use crate::error::InputError;
use crate::run::FileReport;
use crate::suppress;
use std::fmt::Write;

impl Workflow<'_> {
    /// Everything that concerns the whole run, once every file is done: writes the baseline, and
    /// returns the file reports with the run's notes and errors.
    /// `input_errors`: whether some inputs could not even be listed (a missing path).
    pub fn finish(&self, results: Vec<FileResult>, input_errors: bool) -> Finished {
        let mut done = Finished::default();
        let mut checked = std::collections::BTreeSet::new();
        let mut entries = Vec::new();
        let mut stale = Vec::new();
        let mut fixed_files = 0;
        let mut unsafe_left = 0;
        for r in results {
            done.fixes += r.fixes;
            unsafe_left += r.unsafe_left;
            for note in r.conflicts {
                writeln!(done.notes, "{note}").unwrap();
            }
            fixed_files += usize::from(r.fixes > 0);
            done.diff.push_str(&r.diff);
            if let Some(text) = r.fixed_stdin {
                done.fixed_stdin
                    .get_or_insert_with(String::new)
                    .push_str(&text);
            }
            entries.extend(r.entries);
            stale.extend(r.stale);
            checked.extend(r.key);
            done.files.push(r.report);
        }
        let plural = |n: usize, word: &str| {
            let ending = if n == 1 {
                ""
            } else if word.ends_with('x') {
                "es"
            } else {
                "s"
            };
            format!("{n} {word}{ending}")
        };
        if self.options.fix == FixMode::Write && done.fixes > 0 {
            writeln!(
                done.notes,
                "copydesk: applied {} in {}",
                plural(done.fixes, "fix"),
                plural(fixed_files, "file")
            )
            .unwrap();
        }
        if self.options.fix != FixMode::Off && unsafe_left > 0 {
            let more = if unsafe_left == 1 {
                "fix is"
            } else {
                "fixes are"
            };
            writeln!(
                done.notes,
                "copydesk: {unsafe_left} more {more} available with `--unsafe-fixes`"
            )
            .unwrap();
        }
        if let Some(path) = &self.options.write_baseline {
            let display = path.display();
            let has_errors = input_errors || done.files.iter().any(|f| f.error.is_some());
            let count: usize = entries.iter().map(|e| e.count).sum();
            if has_errors {
                let message =
                    format!("baseline `{display}` not written: some files could not be checked");
                done.errors
                    .push(InputError::new(&display.to_string(), message));
            } else if let Err(e) = baseline::write(path, entries) {
                done.errors.push(InputError::new(
                    &display.to_string(),
                    format!("cannot write baseline `{display}`: {e}"),
                ));
            } else {
                writeln!(
                    done.notes,
                    "copydesk: wrote {} to baseline `{display}`",
                    plural(count, "finding")
                )
                .unwrap();
            }
        }
        // A stale entry of a rule that did not run (`--select`) may still be live: not listed.
        stale.retain(|e| {
            self.active.contains(&e.rule) || (suppress::is_meta(&e.rule) && self.meta_runs(&e.rule))
        });
        // Entries of files that no longer exist are stale whatever ran.
        let missing = match (&self.baseline, &self.folder) {
            (Some(b), Some(folder)) => b.entries_of_missing_files(&checked, folder),
            _ => Vec::new(),
        };
        let missing_paths: std::collections::BTreeSet<String> =
            missing.iter().map(|e| e.path.clone()).collect();
        stale.extend(missing);
        // Writing a new baseline replaces the stale entries; a diff's stale entries are hypothetical.
        let writing = self.options.write_baseline.is_some() || self.options.fix == FixMode::Diff;
        if let (Some(path), false, false) = (&self.options.baseline, stale.is_empty(), writing) {
            let display = path.display();
            let count: usize = stale.iter().map(|e| e.count).sum();
            let (verb, pronoun) = if count == 1 {
                ("matches", "it")
            } else {
                ("match", "them")
            };
            writeln!(done.notes, "copydesk: {} in baseline `{display}` no longer {verb}; `--write-baseline {display}` drops {pronoun}:", plural(count, "finding"))
                .unwrap();
            stale.sort();
            for e in &stale {
                let times = if e.count > 1 {
                    format!(" ({}x)", e.count)
                } else {
                    String::new()
                };
                let gone = if missing_paths.contains(&e.path) {
                    " (file not found)"
                } else {
                    ""
                };
                writeln!(
                    done.notes,
                    "  {}: {} `{}`{times}{gone}",
                    e.path, e.rule, e.matched
                )
                .unwrap();
            }
        }
        done
    }

    fn meta_runs(&self, id: &str) -> bool {
        if id == suppress::UNUSED {
            self.unused.is_some()
        } else {
            self.invalid.is_some()
        }
    }
}

/// The run's results beyond the diagnostics.
#[derive(Debug, Default)]
pub struct Finished {
    pub files: Vec<FileReport>,
    /// Problems of the run itself (a baseline that could not be written).
    pub errors: Vec<InputError>,
    /// Lines for stderr: fixes applied, baseline written, stale baseline entries.
    pub notes: String,
    /// Edits applied or shown.
    pub fixes: usize,
    /// With `--diff`: every file's diff, in input order.
    pub diff: String,
    /// With `--fix` and standard input: the fixed text.
    pub fixed_stdin: Option<String>,
}
