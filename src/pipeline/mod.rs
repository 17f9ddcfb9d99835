//! A check run, file by file: each input is read, checked, filtered by its inline suppressions
//! ([`crate::suppress`]) and the baseline ([`crate::baseline`]), fixed or diffed ([`crate::fix`]),
//! and handed to the outputs in path order as soon as it and every file before it are done, so
//! memory holds a batch of files, never the run. When a cross-file pass runs (names across
//! articles), the files' results wait for it, without their texts, their findings in a temporary
//! file ([`late`]). The run's end (baseline written, stale entries, totals) is [`finish`].
//!
//! A panic while checking one file becomes an internal-error finding for that file ([`guard`]):
//! every other file is checked, reported and fixed exactly as it would have been.
//!
//! [`guard`]: crate::guard

mod finish;
mod journey;
mod late;

pub use finish::{RuleCount, Totals, plural};
pub use journey::internal_error;

use crate::baseline::{self, Baseline, Entry};

use crate::diagnostic::Diagnostic;
use crate::engine::FileSummary;
use crate::error::InputError;
pub use crate::plan::Mode;
use crate::plan::Profile;
use crate::render::Renderer;
use crate::run::Input;
use crate::source::Source;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::PathBuf;

/// Where a run's results go.
pub struct Outputs<'w> {
    /// The reports: each a renderer and where it writes.
    pub reports: Vec<(Box<dyn Renderer + 'w>, &'w mut dyn Write)>,
    /// Whether some report shows source text (so a file's text is kept until it is reported).
    pub need_source: bool,
    /// Where `--diff` writes the diffs, and `--fix` of standard input the fixed text.
    pub text: &'w mut dyn Write,
    /// Where the files' errors go (unreadable, not fixed), annotated, as they come.
    pub errors: &'w mut dyn Write,
    /// Whether the errors are written in colour.
    pub color: bool,
}

/// The result of one file.
#[derive(Debug, Default)]
pub struct FileResult {
    /// The file's name as reported.
    pub path: String,
    /// The text its diagnostics point into, while it is wanted for rendering.
    pub source: Option<Source>,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file was not (fully) checked or fixed.
    pub error: Option<InputError>,
    /// The file's name in the baseline, when it was checked.
    pub key: Option<String>,
    /// Baseline entries of this file that hid nothing.
    pub stale: Vec<Entry>,
    /// Findings the baseline hid.
    pub hidden: usize,
    /// With `--write-baseline`: this file's findings.
    pub entries: Vec<Entry>,
    /// Edits applied (`--fix`) or shown (`--diff`).
    pub fixes: usize,
    /// Fixes left that only `--unsafe-fixes` would apply.
    pub unsafe_left: usize,
    /// Notes on fixes left out because they undo one another.
    pub conflicts: Vec<String>,
    /// With `--diff`: the file's diff; with `--fix` of standard input: the fixed text.
    pub text_out: String,
    /// What the corpus checks keep of this file, until it is handed to the corpus pass.
    pub summary: Option<FileSummary>,
    /// A hash of the text the diagnostics point into, to notice a file changed before a late
    /// report reads it again.
    pub fingerprint: u64,
    /// The profile that governs the file.
    pub profile: usize,
}

/// The rule id under which a crash while checking a file is reported.
pub const INTERNAL_ERROR: &str = "copydesk/internal-error";

/// Where crashes are reported.
pub const ISSUES_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/issues");

/// Files checked in parallel between two hand-overs to the outputs: large enough to keep every
/// core busy, small enough that the batch's texts and findings are little memory.
const BATCH: usize = 256;

pub struct Pipeline<'a> {
    /// The rules of each part of the run; a file's profile is given with it.
    profiles: &'a [Profile],
    mode: Mode,
    /// Which fixes `--fix` and `--diff` apply.
    fix_options: crate::fix::FixOptions,
    baseline: Option<Baseline>,
    baseline_path: Option<PathBuf>,
    /// The folder that baseline paths are relative to.
    folder: Option<PathBuf>,
}

impl<'a> Pipeline<'a> {
    /// Loads the baseline, if one is given.
    pub fn new(
        profiles: &'a [Profile],
        mode: Mode,
        baseline: Option<&std::path::Path>,
    ) -> Result<Self, InputError> {
        let written = match &mode {
            Mode::WriteBaseline(path) => Some(path.as_path()),
            _ => None,
        };
        Ok(Pipeline {
            profiles,
            folder: written.or(baseline).map(baseline::folder),
            baseline: baseline.map(Baseline::load).transpose()?,
            baseline_path: baseline.map(std::path::Path::to_path_buf),
            mode,
            fix_options: crate::fix::FixOptions::default(),
        })
    }

    /// Which fixes `--fix` and `--diff` apply (default: the safe ones).
    pub fn with_fix_options(mut self, options: crate::fix::FixOptions) -> Self {
        self.fix_options = options;
        self
    }

    /// Checks every input with its profile and hands the results to `outputs` in input order.
    /// Returns the run's totals; a failed write to an output ends the run early (see
    /// [`Totals::write_error`]).
    pub fn run(&self, inputs: &[(Input, usize)], outputs: &mut Outputs) -> Totals {
        let mut totals = Totals::default();
        // One cross-file pass for the run, whichever profile governs each file; across one file
        // there is nothing to compare.
        let mut corpus = inputs
            .first()
            .filter(|_| inputs.len() > 1)
            .and_then(|(_, p)| self.profiles[*p].engine.corpus());
        let summarize = corpus.is_some();
        // With a cross-file pass, results wait for it; their texts are dropped meanwhile, and
        // their findings wait on disk.
        let mut waiting: Vec<late::Waiting> =
            Vec::with_capacity(if summarize { inputs.len() } else { 0 });
        let mut spill = summarize.then(late::Spill::new);
        let keep_key = self.baseline.is_some() || matches!(self.mode, Mode::WriteBaseline(_));
        for batch in inputs.chunks(BATCH) {
            let done: Vec<FileResult> = batch
                .par_iter()
                .map(|(input, p)| {
                    self.file(input, *p, summarize, outputs.need_source && !summarize)
                })
                .collect();
            for ((input, _), mut result) in batch.iter().zip(done) {
                if let (Some(pass), Some(summary)) = (corpus.as_mut(), result.summary.take()) {
                    pass.add(&summary);
                }
                if let Some(spill) = spill.as_mut() {
                    waiting.push(late::Waiting::new(result, input, keep_key, spill));
                } else if let Err(e) = self.emit(result, &[], outputs, &mut totals) {
                    totals.write_error = Some(e);
                    return totals;
                }
            }
        }
        if let (Some(pass), Some(spill)) = (corpus, spill) {
            let late = match crate::guard::catch(|| pass.finish()) {
                Ok(late) => late,
                Err(crash) => {
                    totals.errors.push(InputError::new(
                        "copydesk",
                        format!("copydesk crashed comparing the files ({crash}); cross-file findings are missing"),
                    ).with_help(format!("this is a bug in copydesk: please report it at {ISSUES_URL}")));
                    Vec::new()
                }
            };
            self.late(waiting, spill, late, inputs, outputs, &mut totals);
        }
        totals
    }

    /// Hands one finished file to the outputs and adds it to the totals. `others`: the sources
    /// of other files its labels point into.
    fn emit(
        &self,
        mut result: FileResult,
        others: &[&Source],
        outputs: &mut Outputs,
        totals: &mut Totals,
    ) -> io::Result<()> {
        if matches!(self.mode, Mode::Diff | Mode::Fix) {
            outputs.text.write_all(result.text_out.as_bytes())?;
        }
        if !result.diagnostics.is_empty() && !matches!(self.mode, Mode::WriteBaseline(_)) {
            let sources: Vec<&Source> =
                result.source.iter().chain(others.iter().copied()).collect();
            for (renderer, out) in &mut outputs.reports {
                renderer.file(*out, &sources, &result.diagnostics)?;
            }
        }
        if let Some(error) = &result.error {
            let text = crate::render::human::render_error(error, outputs.color);
            outputs.errors.write_all(text.as_bytes())?;
        }
        if self.baseline.is_none() {
            // The files' baseline names serve only to find a baseline's entries of files that
            // are gone: without a baseline, memory need not grow with them.
            result.key = None;
        }
        totals.add(result);
        Ok(())
    }
}

/// A fast, stable hash of a text (FNV-1a), to tell whether a file changed since it was checked.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
