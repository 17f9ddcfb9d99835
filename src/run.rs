//! A check run: which files, read how, checked in parallel, reported in a deterministic order.
//!
//! Folders are walked in name order; hidden entries, `.git`, `target` and `node_modules` are
//! skipped, and so are paths matching the config's `exclude` globs and files whose extension is not
//! an article format. A file named on the command line is always checked (as plain text if its
//! extension says nothing). Symbolic links are followed; a link loop or a broken link is an error.
//! Per-file problems are collected, never fatal.

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::InputError;
use crate::markup::Format;
use crate::source::Source;
use globset::GlobSet;
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One thing to check.
#[derive(Debug, Clone)]
pub enum Input {
    File {
        path: PathBuf,
        display: String,
        format: Format,
    },
    /// Standard input, shown under `name`, read as the format its extension implies.
    Stdin { name: String, format: Format },
}

#[derive(Debug, Default)]
pub struct FileReport {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The diagnostics rendered by the caller's per-file renderer, while the text was in memory.
    pub rendered: Option<String>,
    pub error: Option<InputError>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// Problems found while collecting the inputs (unreadable folders, link loops).
    pub errors: Vec<InputError>,
}

impl Report {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| &f.diagnostics)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.files.iter().any(|f| f.error.is_some())
    }
}

/// Names of folders never walked into.
pub const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// Expands `paths` into inputs. `root` is the folder exclude globs are relative to.
pub fn collect(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    exclude: &GlobSet,
    root: &Path,
) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let name = stdin_name.unwrap_or("-").to_string();
            let format = Format::from_path(Path::new(&name)).unwrap_or(Format::Plain);
            inputs.push(Input::Stdin { name, format });
            continue;
        }
        let display = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) => errors.push(InputError::io(&display, &e)),
            Ok(meta) if meta.is_file() => {
                let format = Format::from_path(path).unwrap_or(Format::Plain);
                inputs.push(Input::File {
                    path: path.clone(),
                    display,
                    format,
                });
            }
            Ok(_) => walk(path, exclude, root, &mut inputs, &mut errors),
        }
    }
    (inputs, errors)
}

fn walk(
    dir: &Path,
    exclude: &GlobSet,
    root: &Path,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<InputError>,
) {
    let excluded = |path: &Path| {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let relative = relative.strip_prefix(".").unwrap_or(relative);
        !exclude.is_empty() && (exclude.is_match(relative) || exclude.is_match(path))
    };
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            let skipped_dir = e.file_type().is_dir() && SKIPPED_DIRS.contains(&name.as_ref());
            !name.starts_with('.') && !skipped_dir && !excluded(e.path())
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if let Some(format) = Format::from_path(e.path()) {
                    inputs.push(Input::File {
                        path: e.path().to_path_buf(),
                        display: e.path().display().to_string(),
                        format,
                    });
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                errors.push(match e.io_error() {
                    _ if e.loop_ancestor().is_some() => {
                        InputError::new(&path, format!("`{path}` is a symbolic link loop; skipped"))
                    }
                    Some(io) => InputError::io(&path, io),
                    None => InputError::new(&path, format!("cannot read `{path}`: {e}")),
                });
            }
        }
    }
}

/// Renders one file's diagnostics while its text is in memory.
pub type Render<'a> = &'a (dyn Fn(&Source, &[Diagnostic]) -> String + Sync);

/// Renders one file's diagnostics with the other files its labels point into.
pub type RenderMany<'a> = &'a (dyn Fn(&[&Source], &[Diagnostic]) -> String + Sync);

/// Files checked in parallel at a time when a cross-file pass runs. Between batches their corpus
/// summaries are handed to the pass and dropped, so memory holds summaries of one batch, not of
/// the whole run.
pub const BATCH: usize = 4096;

/// Reads every input and hands it to `each`, in parallel; the results come back in input order.
/// The check pipeline (`crate::workflow`: checks, suppressions, baselines, fixes) runs on this.
pub fn map_inputs<T: Send>(
    inputs: &[Input],
    each: impl Fn(&Input, Result<(Source, Format), InputError>) -> T + Sync,
) -> Vec<T> {
    inputs
        .par_iter()
        .map(|input| each(input, read(input)))
        .collect()
}

fn read(input: &Input) -> Result<(Source, Format), InputError> {
    match input {
        Input::File {
            path,
            display,
            format,
        } => Ok((Source::read(path, display.clone())?, *format)),
        Input::Stdin { name, format } => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::io(name, &e))?;
            Ok((Source::from_bytes(name.clone(), bytes)?, *format))
        }
    }
}
