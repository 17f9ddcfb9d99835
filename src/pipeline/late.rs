//! The files' results after the cross-file pass: its findings go through the same inline
//! suppressions and baseline as the others, and every file is then handed to the outputs in order.
//!
//! Texts were dropped while the pass waited for every file: a file that gets late findings, or
//! whose report shows source text, is read again from disk (after `--fix`, that is the fixed
//! text). A file that changed since it was checked is reported without snippets rather than with
//! wrong ones. Late findings are not fixed. A suppression the per-file step judged unused, and
//! that silences a late finding, is not reported after all ([`suppress::apply_late`]).

use super::{FileResult, Outputs, Pipeline, Totals, fingerprint};
use crate::baseline;
use crate::diagnostic::Diagnostic;
use crate::markup::Format;
use crate::run::Input;
use crate::source::Source;
use crate::suppress;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A file's result while it waits for the cross-file pass. Most files have nothing to report
/// (yet): they keep only what a late finding needs, a tenth of a full result, since every file of
/// the run waits.
pub(super) enum Waiting {
    Quiet {
        path: Box<str>,
        key: Option<Box<str>>,
        fingerprint: u64,
        profile: usize,
    },
    Full(Box<FileResult>),
}

impl Waiting {
    pub(super) fn new(result: FileResult) -> Waiting {
        // Every field named, so that a new one is not lost here unnoticed.
        let FileResult {
            path: _,
            source,
            diagnostics,
            error,
            key: _,
            stale,
            hidden,
            entries,
            fixes,
            unsafe_left,
            conflicts,
            text_out,
            summary,
            fingerprint: _,
            profile: _,
        } = &result;
        let quiet = source.is_none()
            && diagnostics.is_empty()
            && error.is_none()
            && stale.is_empty()
            && *hidden == 0
            && entries.is_empty()
            && *fixes == 0
            && *unsafe_left == 0
            && conflicts.is_empty()
            && text_out.is_empty()
            && summary.is_none();
        if !quiet {
            return Waiting::Full(Box::new(result));
        }
        Waiting::Quiet {
            path: result.path.into(),
            key: result.key.map(String::into_boxed_str),
            fingerprint: result.fingerprint,
            profile: result.profile,
        }
    }

    fn into_result(self) -> FileResult {
        match self {
            Waiting::Quiet {
                path,
                key,
                fingerprint,
                profile,
            } => FileResult {
                path: path.into(),
                key: key.map(String::from),
                fingerprint,
                profile,
                ..FileResult::default()
            },
            Waiting::Full(result) => *result,
        }
    }
}

impl Pipeline<'_> {
    pub(super) fn late(
        &self,
        results: Vec<Waiting>,
        diagnostics: Vec<Diagnostic>,
        inputs: &[(Input, usize)],
        outputs: &mut Outputs,
        totals: &mut Totals,
    ) {
        let mut by_path: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in diagnostics {
            by_path.entry(d.path.to_string()).or_default().push(d);
        }
        let files: HashMap<&str, (&Path, Format)> = inputs
            .iter()
            .filter_map(|(i, _)| match i {
                Input::File {
                    path,
                    display,
                    format,
                } => Some((display.as_str(), (path.as_path(), *format))),
                Input::Stdin { .. } => None,
            })
            .collect();
        // Read again, if it still is what was checked.
        let reread = |path: &str, expected: u64| {
            let source = Source::read(files.get(path)?.0, path.to_string()).ok()?;
            (fingerprint(&source.text) == expected).then_some(source)
        };
        for waiting in results {
            let mut result = waiting.into_result();
            let extra = by_path.remove(&result.path).unwrap_or_default();
            let wanted =
                !extra.is_empty() || (outputs.need_source && !result.diagnostics.is_empty());
            if wanted && result.source.is_none() {
                result.source = reread(&result.path, result.fingerprint);
            }
            if !extra.is_empty() {
                self.add_late(&mut result, extra, &files);
            }
            // Labels in other files are drawn from those files, read again.
            let others: Vec<Source> = if outputs.need_source {
                let mut paths: Vec<&str> = result
                    .diagnostics
                    .iter()
                    .flat_map(|d| d.labels.iter().filter_map(|l| l.path.as_deref()))
                    .filter(|p| *p != result.path)
                    .collect();
                paths.sort_unstable();
                paths.dedup();
                paths
                    .into_iter()
                    .filter_map(|p| Source::read(files.get(p)?.0, p.to_string()).ok())
                    .collect()
            } else {
                Vec::new()
            };
            let others: Vec<&Source> = others.iter().collect();
            if let Err(e) = self.emit(result, &others, outputs, totals) {
                totals.write_error = Some(e);
                return;
            }
        }
    }

    /// Adds the late findings of one file, suppressed and baselined against its text.
    fn add_late(
        &self,
        result: &mut FileResult,
        extra: Vec<Diagnostic>,
        files: &HashMap<&str, (&Path, Format)>,
    ) {
        let Some((source, format)) = result
            .source
            .as_ref()
            .zip(files.get(result.path.as_str()).map(|f| f.1))
        else {
            // Unreadable or changed now: better shown unfiltered than lost.
            result.diagnostics.extend(extra);
            result
                .diagnostics
                .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            return;
        };
        let mut kept = suppress::apply_late(
            source,
            format,
            extra,
            &self.profiles[result.profile].names(true),
            &mut result.diagnostics,
        );
        let key = result.key.clone().unwrap_or_else(|| source.path.clone());
        if let super::Mode::WriteBaseline(_) = self.mode {
            result
                .entries
                .extend(baseline::entries(&key, &source.text, &kept));
        }
        if self.baseline.is_some() {
            let left = std::mem::take(&mut result.stale);
            let before = kept.len();
            (kept, result.stale) = baseline::hide_with(&key, &source.text, kept, left);
            result.hidden += before - kept.len();
        }
        result.diagnostics.extend(kept);
        result
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
}
