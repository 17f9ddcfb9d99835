//! The totals of a check run, added up file by file as the outputs take them, and the run's end:
//! the baseline written, stale baseline entries listed, the fixes summed up.

use super::{FileResult, INTERNAL_ERROR, Mode, Pipeline};
use crate::baseline::{self, Entry};
use crate::diagnostic::{Applicability, Severity};
use crate::error::InputError;
use crate::suppress;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// What a run found and did, in numbers, plus what the run's end needs.
#[derive(Debug, Default)]
pub struct Totals {
    /// Files read and checked (or attempted).
    pub files: usize,
    /// Files with at least one reported diagnostic.
    pub files_with_findings: usize,
    /// Reported diagnostics by severity: info, warning, error.
    pub by_severity: [usize; 3],
    /// Reported diagnostics by rule: how many, and how many carry a fix.
    pub by_rule: BTreeMap<String, RuleCount>,
    /// Findings the baseline hid.
    pub hidden: usize,
    /// Edits applied (`--fix`) or shown (`--diff`), and in how many files.
    pub fixes: usize,
    pub fixed_files: usize,
    /// Fixes left that only `--unsafe-fixes` would apply.
    pub unsafe_left: usize,
    /// Notes on fixes left out because they undo one another, one line each.
    pub conflicts: Vec<String>,
    /// Files that could not be read, checked or written, and crashes.
    pub failed_files: usize,
    /// Problems of the run itself (a baseline that could not be written, a crash across files).
    pub errors: Vec<InputError>,
    /// A write to an output that failed and ended the run.
    pub write_error: Option<std::io::Error>,
    /// With `--write-baseline`: every finding.
    entries: Vec<Entry>,
    stale: Vec<Entry>,
    /// The baseline names of the files checked.
    checked: BTreeSet<String>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RuleCount {
    pub count: usize,
    /// Of them, carrying a safe fix (applied by `--fix`).
    pub fixable: usize,
    /// Of them, carrying an unsafe fix (applied with `--unsafe-fixes` too).
    pub unsafe_fixable: usize,
}

impl Totals {
    pub(super) fn add(&mut self, result: FileResult) {
        self.files += 1;
        self.fixes += result.fixes;
        self.fixed_files += usize::from(result.fixes > 0);
        self.unsafe_left += result.unsafe_left;
        self.conflicts.extend(result.conflicts);
        self.hidden += result.hidden;
        let crashed = result
            .diagnostics
            .iter()
            .any(|d| &*d.rule == INTERNAL_ERROR);
        self.failed_files += usize::from(result.error.is_some() || crashed);
        self.files_with_findings += usize::from(!result.diagnostics.is_empty());
        for d in &result.diagnostics {
            self.by_severity[d.severity as usize] += 1;
            let count = self.by_rule.entry(d.rule.to_string()).or_default();
            count.count += 1;
            let safe = d
                .fix
                .as_ref()
                .map(|f| f.applicability == Applicability::Safe);
            count.fixable += usize::from(safe == Some(true));
            count.unsafe_fixable += usize::from(safe == Some(false));
        }
        self.entries.extend(result.entries);
        self.stale.extend(result.stale);
        self.checked.extend(result.key);
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.by_severity[severity as usize]
    }

    pub fn reported(&self) -> usize {
        self.by_severity.iter().sum()
    }

    /// Whether anything failed: the exit code is then 2.
    pub fn failed(&self) -> bool {
        self.failed_files > 0 || !self.errors.is_empty()
    }
}

impl Pipeline<'_> {
    /// Everything that concerns the whole run once every file is done: writes the baseline, and
    /// returns the run's notes for standard error. `input_errors`: whether some inputs could not
    /// even be listed (a missing path).
    pub fn finish(&self, totals: &mut Totals, input_errors: bool) -> String {
        let mut notes = String::new();
        for conflict in &totals.conflicts {
            writeln!(notes, "{conflict}").unwrap();
        }
        if self.mode == Mode::Fix && totals.fixes > 0 {
            writeln!(
                notes,
                "copydesk: applied {} in {}",
                plural(totals.fixes, "fix"),
                plural(totals.fixed_files, "file")
            )
            .unwrap();
        }
        if matches!(self.mode, Mode::Fix | Mode::Diff) && totals.unsafe_left > 0 {
            let more = if totals.unsafe_left == 1 {
                "fix is"
            } else {
                "fixes are"
            };
            writeln!(
                notes,
                "copydesk: {} more {more} available with `--unsafe-fixes`",
                totals.unsafe_left
            )
            .unwrap();
        }
        if let Mode::WriteBaseline(path) = &self.mode {
            let display = path.display();
            let entries = std::mem::take(&mut totals.entries);
            let count: usize = entries.iter().map(|e| e.count).sum();
            if input_errors || totals.failed() {
                let message =
                    format!("baseline `{display}` not written: some files could not be checked");
                totals
                    .errors
                    .push(InputError::new(&display.to_string(), message));
            } else if let Err(e) = baseline::write(path, entries) {
                totals.errors.push(InputError::new(
                    &display.to_string(),
                    format!("cannot write baseline `{display}`: {e}"),
                ));
            } else {
                writeln!(
                    notes,
                    "copydesk: wrote {} to baseline `{display}`",
                    plural(count, "finding")
                )
                .unwrap();
            }
        }
        self.stale_notes(totals, &mut notes);
        notes
    }

    fn stale_notes(&self, totals: &mut Totals, notes: &mut String) {
        let mut stale = std::mem::take(&mut totals.stale);
        // A stale entry of a rule that did not run (`--select`) may still be live: not listed.
        stale.retain(|e| {
            self.profiles.iter().any(|p| {
                p.active.contains(&e.rule) || (suppress::is_meta(&e.rule) && meta_runs(p, &e.rule))
            })
        });
        // Entries of files that no longer exist are stale whatever ran.
        let missing = match (&self.baseline, &self.folder) {
            (Some(b), Some(folder)) => b.entries_of_missing_files(&totals.checked, folder),
            _ => Vec::new(),
        };
        let missing_paths: BTreeSet<String> = missing.iter().map(|e| e.path.clone()).collect();
        stale.extend(missing);
        // Writing a new baseline replaces the stale entries; a diff's stale entries are hypothetical.
        let writing = matches!(self.mode, Mode::WriteBaseline(_) | Mode::Diff);
        let Some(path) = self
            .baseline_path
            .as_deref()
            .filter(|_| !stale.is_empty() && !writing)
        else {
            return;
        };
        let display = path.display();
        let count: usize = stale.iter().map(|e| e.count).sum();
        let (verb, pronoun) = if count == 1 {
            ("matches", "it")
        } else {
            ("match", "them")
        };
        writeln!(
            notes,
            "copydesk: {} in baseline `{display}` no longer {verb}; `--write-baseline {display}` drops {pronoun}:",
            plural(count, "finding")
        )
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
                notes,
                "  {}: {} `{}`{times}{gone}",
                e.path, e.rule, e.matched
            )
            .unwrap();
        }
    }
}

fn meta_runs(profile: &crate::plan::Profile, id: &str) -> bool {
    if id == suppress::UNUSED {
        profile.unused.is_some()
    } else {
        profile.invalid.is_some()
    }
}

/// `n word`, with the word in the plural unless `n` is 1 (`1 fix`, `2 fixes`, `3 files`).
pub fn plural(n: usize, word: &str) -> String {
    let ending = match n {
        1 => "",
        _ if word.ends_with('x') || word.ends_with('s') => "es",
        _ => "s",
    };
    format!("{n} {word}{ending}")
}
