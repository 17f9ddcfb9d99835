//! What happens to each file after the engine has checked it, and to the run after every file:
//! inline suppressions ([`crate::suppress`]), the baseline ([`crate::baseline`]), fixes and diffs
//! ([`crate::fix`]), rendering; then writing a baseline, listing stale baseline entries and
//! summing up the fixes. The library never prints: the run's notes come back as text for stderr.

use crate::baseline::{self, Baseline, Entry};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::FileSummary;
use crate::engine::{Engine, Selection};
use crate::error::InputError;
use crate::fix::{self, WriteOutcome};
use crate::markup::Format;
use crate::run::{FileReport, Input, Render, RenderMany};
use crate::source::Source;
use crate::suppress::{self, RuleNames};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

mod finish;

pub use finish::Finished;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FixMode {
    #[default]
    Off,
    /// `--fix`: write the fixed files (standard input: print the fixed text).
    Write,
    /// `--diff`: print the fixes as a unified diff, write nothing.
    Diff,
}

/// The workflow options of `copydesk check`.
#[derive(Debug, Clone, Default)]
pub struct WorkflowOptions {
    pub fix: FixMode,
    /// Which fixes `--fix` and `--diff` apply.
    pub fix_options: fix::FixOptions,
    /// Hide the findings this baseline knows.
    pub baseline: Option<PathBuf>,
    /// Record every finding in this baseline instead of reporting them.
    pub write_baseline: Option<PathBuf>,
}

/// The result of one file.
#[derive(Debug, Default)]
pub struct FileResult {
    pub report: FileReport,
    /// The file's name in the baseline, when it was checked.
    pub key: Option<String>,
    /// Baseline entries of this file that hid nothing.
    pub stale: Vec<Entry>,
    /// With `--write-baseline`: this file's findings.
    pub entries: Vec<Entry>,
    /// Edits applied (`--fix`) or shown (`--diff`).
    pub fixes: usize,
    /// Fixes left that only `--unsafe-fixes` applies.
    pub unsafe_left: usize,
    /// Notes on fixes left out because they undo one another.
    pub conflicts: Vec<String>,
    /// With `--diff`: the file's diff.
    pub diff: String,
    /// What the corpus checks keep of this file, until the caller hands it to the corpus pass.
    pub summary: Option<FileSummary>,
    /// With `--fix` on standard input: the fixed text.
    pub fixed_stdin: Option<String>,
}

pub struct Workflow<'a> {
    engine: &'a Engine,
    options: &'a WorkflowOptions,
    known: Vec<String>,
    active: Vec<String>,
    unused: Option<Severity>,
    invalid: Option<Severity>,
    /// Rules that may also report after the per-file step (see [`Workflow::late`]).
    late: Vec<String>,
    baseline: Option<Baseline>,
    /// The folder that baseline paths are relative to.
    folder: Option<PathBuf>,
    /// Whether each file's corpus summary is wanted (a cross-file pass runs).
    summarize: bool,
}

impl<'a> Workflow<'a> {
    /// `known`: every loaded rule id. Loads the baseline, if one is given.
    pub fn new(
        engine: &'a Engine,
        known: Vec<String>,
        selection: &Selection,
        options: &'a WorkflowOptions,
    ) -> Result<Self, InputError> {
        let meta = |id: &str| {
            let ignored = selection
                .ignore
                .iter()
                .any(|s| s == id || s == suppress::META_FAMILY);
            let severity = selection
                .severity
                .get(id)
                .or_else(|| selection.severity.get(suppress::META_FAMILY));
            (!ignored).then(|| severity.copied().unwrap_or(Severity::Warning))
        };
        let baseline = options
            .baseline
            .as_deref()
            .map(Baseline::load)
            .transpose()?;
        let folder = options
            .write_baseline
            .as_deref()
            .or(options.baseline.as_deref())
            .map(baseline::folder);
        Ok(Workflow {
            engine,
            options,
            known,
            active: engine.rules.iter().map(|r| r.id.clone()).collect(),
            unused: meta(suppress::UNUSED),
            invalid: meta(suppress::INVALID),
            late: Vec::new(),
            baseline,
            folder,
            summarize: false,
        })
    }

    fn names(&self) -> RuleNames<'_> {
        RuleNames {
            known: &self.known,
            active: &self.active,
            late: &self.late,
            unused: self.unused,
            invalid: self.invalid,
        }
    }

    /// Names the rules that may report in a pass after the per-file step: a suppression covering
    /// one of them is never judged unused per file (nor deleted by `--fix`), since what it is there
    /// for may only come later.
    pub fn with_late_rules(mut self, ids: Vec<String>) -> Self {
        self.late = ids;
        self
    }

    /// Asks [`Workflow::file`] for each file's corpus summary ([`FileResult::summary`]).
    pub fn with_summaries(mut self, on: bool) -> Self {
        self.summarize = on;
        self
    }

    /// Checks, suppresses, filters, fixes and renders one input.
    pub fn file(
        &self,
        input: &Input,
        read: Result<(Source, Format), InputError>,
        render: Option<Render>,
    ) -> FileResult {
        let (source, format) = match read {
            Ok(x) => x,
            Err(error) => {
                let report = FileReport {
                    path: error.path.clone(),
                    error: Some(error),
                    ..FileReport::default()
                };
                return FileResult {
                    report,
                    ..FileResult::default()
                };
            }
        };
        let key = match (input, &self.folder) {
            (Input::File { path, display, .. }, Some(folder)) => {
                baseline::path_key(folder, path, display)
            }
            _ => source.path.clone(),
        };
        let mut result = FileResult {
            key: Some(key.clone()),
            ..FileResult::default()
        };
        // Standard input cannot be read again to show a cross-file finding: it stays out.
        let summarize = self.summarize && matches!(input, Input::File { .. });
        let (source, diagnostics) = if self.options.fix == FixMode::Off {
            let (found, summary) = self.engine.check_file(&source, format, summarize);
            result.summary = summary;
            let all = suppress::apply(&source, format, found, &self.names());
            if self.options.write_baseline.is_some() {
                result.entries = baseline::entries(&key, &source.text, &all);
            }
            let (shown, stale) = self.hide_known(&key, &source.text, all);
            result.stale = stale;
            (source, shown)
        } else {
            let (source, shown) = self.fix(input, source, format, &key, &mut result);
            // The summary of the text as it ends up (fixed, or as read).
            result.summary = summarize
                .then(|| self.engine.check_file(&source, format, true).1)
                .flatten();
            (source, shown)
        };
        result.report.rendered = render
            .filter(|_| !diagnostics.is_empty())
            .map(|r| r(&source, &diagnostics));
        result.report.path = source.path.clone();
        result.report.diagnostics = diagnostics;
        result
    }

    /// Every finding of `source` that inline suppressions let through, with their own findings.
    fn unsuppressed(&self, source: &Source, format: Format) -> Vec<Diagnostic> {
        suppress::apply(
            source,
            format,
            self.engine.check(source, format),
            &self.names(),
        )
    }

    /// The findings the baseline does not know, and the file's entries left over.
    fn hide_known(
        &self,
        key: &str,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, Vec<Entry>) {
        match &self.baseline {
            Some(b) => b.filter(key, text, diagnostics),
            None => (diagnostics, Vec::new()),
        }
    }

    /// `--fix` and `--diff` on one file: fixes until stable, then writes the file, prints it
    /// (standard input) or diffs it. Returns the text to report on and its findings.
    fn fix(
        &self,
        input: &Input,
        source: Source,
        format: Format,
        key: &str,
        result: &mut FileResult,
    ) -> (Source, Vec<Diagnostic>) {
        let mut stale = Vec::new();
        let fixed = fix::fix_until_stable(&source.text, self.options.fix_options, |text| {
            let (shown, left) = self.hide_known(
                key,
                text,
                self.unsuppressed(&Source::new(source.path.clone(), text.to_string()), format),
            );
            stale = left;
            shown
        });
        result.stale = stale;
        result.fixes = fixed.applied;
        result.unsafe_left = fixed.unsafe_left;
        result.conflicts = fixed
            .conflicts
            .iter()
            .map(|c| c.note(&source.path))
            .collect();
        let path = match (self.options.fix, input) {
            (FixMode::Diff, _) => {
                result.diff = fix::unified_diff(&source.path, &source.text, &fixed.text);
                return (source, fixed.diagnostics);
            }
            (_, Input::Stdin { .. }) => {
                result.fixed_stdin = Some(fixed.text.clone());
                return (
                    Source::new(source.path.clone(), fixed.text),
                    fixed.diagnostics,
                );
            }
            // Identical bytes are never rewritten.
            (_, Input::File { .. }) if fixed.text == source.text => {
                return (source, fixed.diagnostics);
            }
            (_, Input::File { path, .. }) => path,
        };
        let error =
            match fix::write_if_unchanged(path, source.text.as_bytes(), fixed.text.as_bytes()) {
                Ok(WriteOutcome::Written) => {
                    return (
                        Source::new(source.path.clone(), fixed.text),
                        fixed.diagnostics,
                    );
                }
                Ok(WriteOutcome::ChangedSinceRead) => InputError::new(
                    &source.path,
                    format!("`{}` changed since it was read; not fixed", source.path),
                )
                .with_help("check it again: `copydesk check --fix` reads the new text"),
                Err(e) => InputError::new(
                    &source.path,
                    format!("cannot write `{}`: {e}; not fixed", source.path),
                ),
            };
        // Nothing was written: report on the text that was read.
        result.fixes = 0;
        result.report.error = Some(error);
        let (shown, stale) = self.hide_known(key, &source.text, self.unsuppressed(&source, format));
        result.stale = stale;
        (source, shown)
    }

    /// Diagnostics found after the per-file step (by a cross-file pass) go through the same inline
    /// suppressions and baseline as the others: each file that receives some is read again (from
    /// disk, so after `--fix` it is the fixed text) and, with `render`, rendered anew. They are not
    /// fixed, and a suppression that silences only such findings has already been judged unused by
    /// the per-file step, which could not know about them.
    pub fn late(
        &self,
        results: &mut [FileResult],
        diagnostics: Vec<Diagnostic>,
        inputs: &[Input],
        render: Option<RenderMany>,
    ) {
        let mut by_path: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in diagnostics {
            by_path.entry(d.path.clone()).or_default().push(d);
        }
        let files: HashMap<&str, (&Path, Format)> = inputs
            .iter()
            .filter_map(|i| match i {
                Input::File {
                    path,
                    display,
                    format,
                } => Some((display.as_str(), (path.as_path(), *format))),
                Input::Stdin { .. } => None,
            })
            .collect();
        // Silence only: the verdicts on the suppressions themselves were given per file.
        let silent = RuleNames {
            unused: None,
            invalid: None,
            ..self.names()
        };
        for result in results.iter_mut() {
            let Some(extra) = by_path.remove(&result.report.path) else {
                continue;
            };
            let source = files
                .get(result.report.path.as_str())
                .and_then(|&(path, format)| {
                    Some((Source::read(path, result.report.path.clone()).ok()?, format))
                });
            let Some((source, format)) = source else {
                // Unreadable now: better shown unfiltered than lost.
                result.report.diagnostics.extend(extra);
                result
                    .report
                    .diagnostics
                    .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                continue;
            };
            let mut kept = suppress::apply(&source, format, extra, &silent);
            let key = result.key.clone().unwrap_or_else(|| source.path.clone());
            if self.options.write_baseline.is_some() {
                result
                    .entries
                    .extend(baseline::entries(&key, &source.text, &kept));
            }
            if self.baseline.is_some() {
                let left = std::mem::take(&mut result.stale);
                (kept, result.stale) = baseline::hide_with(&key, &source.text, kept, left);
            }
            let all = &mut result.report.diagnostics;
            all.extend(kept);
            all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let Some(render) = render.filter(|_| !all.is_empty()) else {
                continue;
            };
            // Labels in other files are drawn from those files, read again.
            let mut others: Vec<&str> = all
                .iter()
                .flat_map(|d| d.labels.iter().filter_map(|l| l.path.as_deref()))
                .filter(|p| *p != source.path)
                .collect();
            others.sort_unstable();
            others.dedup();
            let loaded: Vec<Source> = others
                .into_iter()
                .filter_map(|p| Source::read(files.get(p)?.0, p.to_string()).ok())
                .collect();
            let sources: Vec<&Source> = std::iter::once(&source).chain(&loaded).collect();
            result.report.rendered = Some(render(&sources, all));
        }
    }
}
