//! A workspace folder's cross-file view: one small summary per article (the names it mentions,
//! as the cross-file pass of `copydesk check FOLDER` keeps them), from which the names spelled
//! differently across the folder are found for the open documents.
//!
//! Summaries are built once in the background when the folder is added, then kept up to date one
//! file at a time: an open document's from its buffer at each check, another file's from disk when
//! the editor reports it changed. A key stroke re-runs only the cross-file pass over the kept
//! summaries, never a check of the folder. Until the first build is done the pass is not run, so
//! that half a folder never makes a spelling look like the minority.

use super::check::Checker;
use crate::diagnostic::Diagnostic;
use crate::engine::FileSummary;
use crate::markup::Format;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Workspace {
    pub root: PathBuf,
    /// The checker of the folder's config: its engine makes every summary and runs the pass, as
    /// `copydesk check` run in the folder would.
    pub checker: Arc<Checker>,
    /// Bumped when the summaries are rebuilt from scratch, so that late results of an older
    /// build are recognised and dropped.
    pub generation: u64,
    /// By file name as diagnostics give it (the absolute path), in path order as the pass wants.
    summaries: BTreeMap<String, FileSummary>,
    pub ready: bool,
}

impl Workspace {
    pub fn new(root: PathBuf, checker: Arc<Checker>, generation: u64) -> Self {
        Workspace {
            root,
            checker,
            generation,
            summaries: BTreeMap::new(),
            ready: false,
        }
    }

    /// Whether a cross-file pass runs at all (some rule that runs has one).
    pub fn wanted(&self) -> bool {
        self.checker.corpus().is_some()
    }

    /// Whether `path` is one of the folder's articles, as a walk of the folder would find it.
    pub fn contains(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        let walked = relative
            .parent()
            .into_iter()
            .flat_map(Path::iter)
            .all(|dir| {
                let dir = dir.to_string_lossy();
                !dir.starts_with('.') && !crate::run::SKIPPED_DIRS.contains(&dir.as_ref())
            });
        let hidden = relative
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        walked && !hidden && Format::from_path(path).is_some() && !self.checker.excludes(path)
    }

    /// Sets (or with `None`, forgets) the summary of the file `name`.
    pub fn set(&mut self, name: String, summary: Option<FileSummary>) {
        match summary {
            Some(s) => {
                self.summaries.insert(name, s);
            }
            None => {
                self.summaries.remove(&name);
            }
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.summaries.contains_key(name)
    }

    /// Forgets every summary, for a rebuild with a new checker.
    pub fn restart(&mut self, checker: Arc<Checker>, generation: u64) {
        *self = Workspace::new(self.root.clone(), checker, generation);
    }

    /// The cross-file findings, by file; nothing until the first build is done.
    pub fn findings(&self) -> BTreeMap<String, Vec<Diagnostic>> {
        let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        let Some(mut pass) = self.checker.corpus().filter(|_| self.ready) else {
            return out;
        };
        for summary in self.summaries.values() {
            pass.add(summary);
        }
        for d in pass.finish() {
            out.entry(d.path.clone()).or_default().push(d);
        }
        out
    }
}
