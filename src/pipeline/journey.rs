//! One file's journey: read, check, suppress, filter by the baseline, and fix, diff or record,
//! with a crash turned into an internal-error finding for this file alone.

use super::{FileResult, INTERNAL_ERROR, ISSUES_URL, Mode, Pipeline, fingerprint};
use crate::baseline;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::error::InputError;
use crate::fix::{self, WriteOutcome};
use crate::markup::Format;
use crate::run::{self, Input};
use crate::source::Source;

impl Pipeline<'_> {
    /// The whole journey of one input. `summarize`: also keep what the corpus checks want of it;
    /// `keep_source`: keep its text for rendering.
    pub(super) fn file(
        &self,
        input: &Input,
        profile: usize,
        summarize: bool,
        keep_source: bool,
    ) -> FileResult {
        let path = input.display().to_string();
        let source = match run::read(input) {
            Ok(source) => source,
            Err(error) => {
                return FileResult {
                    path,
                    error: Some(error),
                    profile,
                    ..FileResult::default()
                };
            }
        };
        let mut result =
            match crate::guard::catch(|| self.check(input, profile, &source, summarize)) {
                Ok(result) => result,
                Err(crash) => crashed(path, &source, &crash),
            };
        result.profile = profile;
        if keep_source && !result.diagnostics.is_empty() && result.source.is_none() {
            result.source = Some(source);
        }
        result
    }

    fn check(&self, input: &Input, profile: usize, source: &Source, summarize: bool) -> FileResult {
        crate::guard::test_crash(&source.text);
        let format = input.format();
        let key = match (input, &self.folder) {
            (Input::File { path, .. }, Some(folder)) => {
                baseline::path_key(folder, path, input.display())
            }
            _ => source.path.clone(),
        };
        let mut result = FileResult {
            path: source.path.clone(),
            key: Some(key.clone()),
            fingerprint: fingerprint(&source.text),
            profile,
            ..FileResult::default()
        };
        let profile = &self.profiles[profile];
        // Standard input cannot be read again to show a cross-file finding: it stays out.
        let summarize = summarize && matches!(input, Input::File { .. });
        if matches!(self.mode, Mode::Fix | Mode::Diff) {
            self.fix(input, source, format, &key, summarize, &mut result);
            // The summary of the text as it ends up (fixed, or as read).
            let text = result.source.as_ref().unwrap_or(source);
            result.summary = summarize
                .then(|| profile.engine.check_file(text, format, true).1)
                .flatten();
            return result;
        }
        let (all, summary) = profile.check(source, format, summarize);
        result.summary = summary;
        if let Mode::WriteBaseline(_) = self.mode {
            result.entries = baseline::entries(&key, &source.text, &all);
        }
        self.hide_known(&key, &source.text, all, &mut result);
        result
    }

    /// Every finding of `source` that inline suppressions let through, with their own findings.
    fn unsuppressed(
        &self,
        source: &Source,
        format: Format,
        profile: usize,
        cross_file: bool,
    ) -> Vec<Diagnostic> {
        self.profiles[profile].check(source, format, cross_file).0
    }

    /// Sets `result`'s diagnostics to those of `diagnostics` the baseline does not know, with
    /// how many it hid and the file's baseline entries left over.
    fn hide_known(
        &self,
        key: &str,
        text: &str,
        diagnostics: Vec<Diagnostic>,
        result: &mut FileResult,
    ) {
        let all = diagnostics.len();
        (result.diagnostics, result.stale) = match &self.baseline {
            Some(b) => b.filter(key, text, diagnostics),
            None => (diagnostics, Vec::new()),
        };
        result.hidden = all - result.diagnostics.len();
    }

    /// `--fix` and `--diff` on one file: fixes until stable, then writes the file, keeps the fixed
    /// text (standard input) or diffs it. The result's diagnostics are those of the text it ends
    /// with; its `source` is that text when it differs from what was read.
    fn fix(
        &self,
        input: &Input,
        source: &Source,
        format: Format,
        key: &str,
        cross_file: bool,
        result: &mut FileResult,
    ) {
        let fixed = fix::fix_until_stable(&source.text, self.fix_options, |text| {
            let found = self.unsuppressed(
                &Source::new(source.path.clone(), text.to_string()),
                format,
                result.profile,
                cross_file,
            );
            self.hide_known(key, text, found, result);
            std::mem::take(&mut result.diagnostics)
        });
        result.fixes = fixed.applied;
        result.unsafe_left = fixed.unsafe_left;
        result.conflicts = fixed
            .conflicts
            .iter()
            .map(|c| c.note(&source.path))
            .collect();
        result.diagnostics = fixed.diagnostics;
        if let (Mode::Fix, Input::Stdin { .. }) = (&self.mode, input) {
            // An editor pipes the text through: it gets it back, fixed or not.
            result.text_out.clone_from(&fixed.text);
        }
        if fixed.text == source.text {
            return;
        }
        let path = match (&self.mode, input) {
            (Mode::Diff, _) => {
                result.text_out = fix::unified_diff(&source.path, &source.text, &fixed.text);
                return;
            }
            (_, Input::Stdin { .. }) => {
                result.fingerprint = fingerprint(&fixed.text);
                result.source = Some(Source::new(source.path.clone(), fixed.text));
                return;
            }
            (_, Input::File { path, .. }) => path,
        };
        let error =
            match fix::write_if_unchanged(path, source.text.as_bytes(), fixed.text.as_bytes()) {
                Ok(WriteOutcome::Written) => {
                    result.fingerprint = fingerprint(&fixed.text);
                    result.source = Some(Source::new(source.path.clone(), fixed.text));
                    return;
                }
                Ok(WriteOutcome::ChangedSinceRead) => InputError::new(
                    &source.path,
                    format!("`{}` changed since it was read; not fixed", source.path),
                )
                .with_help("check it again: `copydesk check --fix` reads the new text"),
                Ok(WriteOutcome::NotRegular) => InputError::new(
                    &source.path,
                    format!("`{}` is not a regular file; not fixed", source.path),
                )
                .with_help("`--diff` shows the fixes without writing"),
                Err(e) => InputError::new(
                    &source.path,
                    format!("cannot write `{}`: {e}; not fixed", source.path),
                ),
            };
        // Nothing was written: report on the text that was read.
        result.fixes = 0;
        result.error = Some(error);
        let found = self.unsuppressed(source, format, result.profile, cross_file);
        self.hide_known(key, &source.text, found, result);
    }
}

/// The result of a file whose check crashed: one error finding that says so, nothing else.
fn crashed(path: String, source: &Source, crash: &str) -> FileResult {
    let mut diagnostic = internal_error(&path, crash);
    diagnostic
        .notes
        .push("the other files were checked; this one was not, and was not changed".into());
    FileResult {
        path,
        fingerprint: fingerprint(&source.text),
        diagnostics: vec![diagnostic],
        ..FileResult::default()
    }
}

/// The finding that says copydesk crashed (a bug) while checking `path`, at its first byte.
pub fn internal_error(path: &str, crash: &str) -> Diagnostic {
    let at = Location {
        start: 0,
        end: 0,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    };
    Diagnostic {
        path: path.into(),
        rule: INTERNAL_ERROR.into(),
        severity: Severity::Error,
        message: format!("copydesk crashed while checking this file: {crash}"),
        span: at,
        labels: Vec::new(),
        notes: Vec::new(),
        help: Some(
            format!(
                "this is a bug in copydesk: please report it at {ISSUES_URL}, with the file or the \
                 smallest part of it that still crashes"
            )
            .into(),
        ),
        fix: None,
        url: None,
    }
}
