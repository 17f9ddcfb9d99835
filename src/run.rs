//! The inputs of a check run: which files, and how each is read. Checking them is
//! the pipeline's work.
//!
//! Folders are walked in name order; hidden entries, `.git`, `target` and `node_modules` are
//! skipped, and so are excluded paths and files whose extension is not an article format. A file
//! named on the command line is always checked (as plain text if its extension says nothing),
//! also when it is not a regular file (a pipe such as `/dev/stdin` or `<(…)`); a file named twice,
//! or reached twice through links, is checked once. Symbolic links are followed; a link loop or a
//! broken link is an error. Per-file problems are collected, never fatal.

use crate::error::InputError;
use crate::markup::Format;
use crate::source::Source;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One thing to check.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file, made by [`Input::file`].
    File {
        path: PathBuf,
        /// Its name in reports when the path is not UTF-8 (shown lossily); otherwise the path
        /// is its name, and no second copy is held (every input is held for the whole run, and
        /// an archive lists 100,000 files and more).
        lossy: Option<Box<str>>,
        format: Format,
    },
    /// Standard input, shown under `name`, read as the format its extension implies.
    Stdin { name: String, format: Format },
}

/// Names of folders never walked into.
pub const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// Expands `paths` into inputs, each once. `excluded` says whether a path met while walking a
/// folder is left out (a path named on the command line never is).
pub fn collect(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    excluded: &dyn Fn(&Path) -> bool,
) -> (Vec<Input>, Vec<InputError>) {
    let mut list = Inputs::default();
    for path in paths {
        if path.as_os_str() == "-" {
            let name = stdin_name.unwrap_or("-").to_string();
            let format = Format::from_path(Path::new(&name)).unwrap_or(Format::Plain);
            if !list.inputs.iter().any(|i| matches!(i, Input::Stdin { .. })) {
                list.inputs.push(Input::Stdin { name, format });
            }
            continue;
        }
        let display = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) => list.errors.push(InputError::io(&display, &e)),
            Ok(meta) if meta.is_dir() => list.walk(path, excluded),
            // A regular file, or a pipe or device named on purpose.
            Ok(_) => list.add(path, Format::from_path(path).unwrap_or(Format::Plain)),
        }
    }
    (list.inputs, list.errors)
}

#[derive(Default)]
struct Inputs {
    inputs: Vec<Input>,
    errors: Vec<InputError>,
    /// The files taken so far, by their real path: a file named twice is checked (and fixed) once.
    seen: HashSet<PathBuf>,
}

impl Inputs {
    fn add(&mut self, path: &Path, format: Format) {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.seen.insert(real) {
            self.inputs.push(Input::file(path.to_path_buf(), format));
        }
    }

    fn walk(&mut self, dir: &Path, excluded: &dyn Fn(&Path) -> bool) {
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
                        self.add(e.path(), format);
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e
                        .path()
                        .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                    self.errors.push(match e.io_error() {
                        _ if e.loop_ancestor().is_some() => InputError::new(
                            &path,
                            format!("`{path}` is a symbolic link loop; skipped"),
                        ),
                        Some(io) => InputError::io(&path, io),
                        None => InputError::new(&path, format!("cannot read `{path}`: {e}")),
                    });
                }
            }
        }
    }
}

/// Reads one input: a file (regular or not: `/dev/stdin` and `<(…)` are read like any file), or
/// standard input.
pub fn read(input: &Input) -> Result<Source, InputError> {
    match input {
        Input::File { path, .. } => Source::read(path, input.display().to_string()),
        Input::Stdin { name, .. } => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::io(name, &e))?;
            Source::from_bytes(name.clone(), bytes)
        }
    }
}

impl Input {
    /// The file at `path`, read as `format`.
    pub fn file(path: PathBuf, format: Format) -> Input {
        let lossy = path
            .to_str()
            .is_none()
            .then(|| path.display().to_string().into_boxed_str());
        Input::File {
            path,
            lossy,
            format,
        }
    }

    pub fn format(&self) -> Format {
        match self {
            Input::File { format, .. } | Input::Stdin { format, .. } => *format,
        }
    }

    /// The name shown for it in reports.
    pub fn display(&self) -> &str {
        match self {
            // `lossy` is set whenever the path is not UTF-8.
            Input::File { path, lossy, .. } => lossy.as_deref().or(path.to_str()).unwrap_or(""),
            Input::Stdin { name, .. } => name,
        }
    }
}
