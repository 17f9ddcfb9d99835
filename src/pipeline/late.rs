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
use crate::error::InputError;
use crate::run::Input;
use crate::source::Source;
use crate::suppress;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// A file's result while it waits for the cross-file pass. Every file of the run waits, so a
/// result keeps as little as it can: most results hold only findings (or nothing), and those wait
/// as a compact record, with the findings in the run's [`Spill`] file and the file's name taken
/// from its input again (results wait in the inputs' order, one per input). Anything else
/// (errors, fixes, diffs, baseline bookkeeping) keeps the full result in memory: those are rare,
/// and bounded by the files a run fixes or fails on.
pub(super) enum Waiting {
    Compact {
        /// Its baseline name, only when a baseline is read or written.
        key: Option<Box<str>>,
        fingerprint: u64,
        profile: usize,
        /// Where its findings are in the spill file, if it has any.
        spilled: Option<Spilled>,
    },
    Full(Box<FileResult>),
}

/// Where one file's findings are in the spill file.
pub(super) struct Spilled {
    offset: u64,
    len: usize,
}

/// The findings of the files waiting for the cross-file pass, written as JSON to a temporary file
/// the process owns (deleted by the operating system when the process ends, however it ends):
/// memory does not hold every finding of the run (in memory, a finding took about 1.2 KB, and an
/// archive has hundreds of thousands). A run that cannot create or write the file keeps the
/// findings in memory.
pub(super) struct Spill {
    out: Option<io::BufWriter<std::fs::File>>,
    written: u64,
    /// A write failed: nothing more goes to the file, and what it holds is read back (or its
    /// failure reported, file by file) at the end.
    failed: bool,
}

impl Spill {
    pub(super) fn new() -> Spill {
        Spill {
            out: tempfile::tempfile().ok().map(io::BufWriter::new),
            written: 0,
            failed: false,
        }
    }

    /// Writes `diagnostics` to the file; `None` when it cannot (they stay in memory).
    fn put(&mut self, diagnostics: &[Diagnostic]) -> Option<Spilled> {
        if self.failed {
            return None;
        }
        let out = self.out.as_mut()?;
        let bytes = serde_json::to_vec(diagnostics).ok()?;
        if out.write_all(&bytes).is_err() {
            // The bytes of the earlier findings stay in the writer's buffer or the file.
            self.failed = true;
            return None;
        }
        let spilled = Spilled {
            offset: self.written,
            len: bytes.len(),
        };
        self.written += bytes.len() as u64;
        Some(spilled)
    }

    /// The file, to read the findings back from.
    fn reader(self) -> io::Result<Option<Unspill>> {
        let Some(out) = self.out else {
            return Ok(None);
        };
        let mut file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.seek(SeekFrom::Start(0))?;
        Ok(Some(Unspill {
            file: io::BufReader::new(file),
            at: 0,
        }))
    }
}

/// The spill file read back, in the order it was written.
struct Unspill {
    file: io::BufReader<std::fs::File>,
    at: u64,
}

impl Unspill {
    fn take(&mut self, spilled: &Spilled) -> io::Result<Vec<Diagnostic>> {
        if self.at != spilled.offset {
            self.file.seek(SeekFrom::Start(spilled.offset))?;
        }
        let mut bytes = vec![0; spilled.len];
        self.file.read_exact(&mut bytes)?;
        self.at = spilled.offset + spilled.len as u64;
        Ok(serde_json::from_slice(&bytes)?)
    }
}

impl Waiting {
    /// `input`: the file's input; `keep_key`: whether a baseline is read or written (else the
    /// file's baseline name is not needed again).
    pub(super) fn new(
        result: FileResult,
        input: &Input,
        keep_key: bool,
        spill: &mut Spill,
    ) -> Waiting {
        // Every field named, so that a new one is not lost here unnoticed.
        let FileResult {
            path,
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
        let compact = source.is_none()
            && error.is_none()
            && stale.is_empty()
            && *hidden == 0
            && entries.is_empty()
            && *fixes == 0
            && *unsafe_left == 0
            && conflicts.is_empty()
            && text_out.is_empty()
            && summary.is_none()
            && input.display() == path;
        if !compact {
            return Waiting::Full(Box::new(result));
        }
        let spilled = if diagnostics.is_empty() {
            None
        } else {
            match spill.put(diagnostics) {
                Some(spilled) => Some(spilled),
                None => return Waiting::Full(Box::new(result)),
            }
        };
        Waiting::Compact {
            key: result.key.filter(|_| keep_key).map(String::into_boxed_str),
            fingerprint: result.fingerprint,
            profile: result.profile,
            spilled,
        }
    }

    /// The full result again (`input`: the file's input), its findings read back from the spill
    /// file.
    fn into_result(
        self,
        input: &Input,
        spill: &mut Option<Unspill>,
    ) -> Result<FileResult, InputError> {
        match self {
            Waiting::Compact {
                key,
                fingerprint,
                profile,
                spilled,
            } => {
                let path = input.display().to_string();
                let diagnostics = match (spilled, spill) {
                    (None, _) => Ok(Vec::new()),
                    (Some(spilled), Some(file)) => file.take(&spilled),
                    (Some(_), None) => Err(io::Error::other("the file is gone")),
                }
                .map_err(|e| {
                    InputError::new(
                        &path,
                        format!(
                            "cannot read back the findings of `{path}` from copydesk's temporary file: {e}"
                        ),
                    )
                })?;
                Ok(FileResult {
                    path,
                    key: key.map(String::from),
                    fingerprint,
                    profile,
                    diagnostics,
                    ..FileResult::default()
                })
            }
            Waiting::Full(result) => Ok(*result),
        }
    }
}

impl Pipeline<'_> {
    pub(super) fn late(
        &self,
        results: Vec<Waiting>,
        spill: Spill,
        diagnostics: Vec<Diagnostic>,
        inputs: &[(Input, usize)],
        outputs: &mut Outputs,
        totals: &mut Totals,
    ) {
        let mut by_path: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in diagnostics {
            by_path.entry(d.path.to_string()).or_default().push(d);
        }
        // The files that late findings label, by name: few, so no map of every input is built.
        let labelled: HashSet<&str> = by_path
            .values()
            .flatten()
            .flat_map(|d| d.labels.iter().filter_map(|l| l.path.as_deref()))
            .collect();
        let files: HashMap<&str, &Path> = inputs
            .iter()
            .filter_map(|(i, _)| match i {
                Input::File { path, .. } if labelled.contains(i.display()) => {
                    Some((i.display(), path.as_path()))
                }
                _ => None,
            })
            .collect();
        // Read again, if it still is what was checked.
        let reread = |input: &Input, expected: u64| {
            let Input::File { path, .. } = input else {
                return None;
            };
            let source = Source::read(path, input.display().to_string()).ok()?;
            (fingerprint(&source.text) == expected).then_some(source)
        };
        let mut unspill = match spill.reader() {
            Ok(file) => file,
            Err(e) => {
                totals.errors.push(InputError::new(
                    "copydesk",
                    format!("cannot read back findings from copydesk's temporary file: {e}"),
                ));
                None
            }
        };
        // One result per input, in the inputs' order.
        debug_assert_eq!(results.len(), inputs.len());
        for (waiting, (input, _)) in results.into_iter().zip(inputs) {
            let mut result = match waiting.into_result(input, &mut unspill) {
                Ok(result) => result,
                Err(error) => FileResult {
                    path: error.path.clone(),
                    error: Some(error),
                    ..FileResult::default()
                },
            };
            let extra = by_path.remove(&result.path).unwrap_or_default();
            let wanted =
                !extra.is_empty() || (outputs.need_source && !result.diagnostics.is_empty());
            if wanted && result.source.is_none() {
                result.source = reread(input, result.fingerprint);
            }
            if !extra.is_empty() {
                self.add_late(&mut result, extra, input);
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
                    .filter_map(|p| Source::read(files.get(p)?, p.to_string()).ok())
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
    fn add_late(&self, result: &mut FileResult, extra: Vec<Diagnostic>, input: &Input) {
        let Some((source, format)) = result
            .source
            .as_ref()
            .zip(matches!(input, Input::File { .. }).then(|| input.format()))
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
