//! A workspace folder's cross-file view: one small summary per article (the names it mentions,
//! as the cross-file pass of `copydesk check FOLDER` keeps them), from which the names spelled
//! differently across the folder are found for the open documents.
//!
//! Summaries are built in the background when the folder is added, then kept up to date one file
//! at a time: an open document's from its buffer at each check, another file's from disk when the
//! editor reports it changed. A key stroke re-runs only the cross-file pass over the kept
//! summaries, never a check of the folder. Until the first build is done the pass is not run, so
//! that half a folder never makes a spelling look like the minority; a rebuild (the config
//! changed) replaces the summaries as it goes, and the previous findings stay until it is done.

use super::check::Checker;
use crate::diagnostic::Diagnostic;
use crate::engine::FileSummary;
use crate::markup::Format;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Workspace {
    pub root: PathBuf,
    /// Bumped when the summaries are rebuilt from scratch, so that late results of an older
    /// build are recognised and dropped.
    pub generation: u64,
    /// The checker that runs the cross-file pass, as `copydesk check` run in the folder would.
    pass: Option<Arc<Checker>>,
    /// By file name as diagnostics give it (the absolute path), in path order as the pass wants.
    summaries: BTreeMap<String, FileSummary>,
    /// The files the rebuild under way has summarised so far.
    rebuilt: BTreeSet<String>,
}

impl Workspace {
    pub fn new(root: PathBuf, generation: u64) -> Self {
        Workspace {
            root,
            generation,
            pass: None,
            summaries: BTreeMap::new(),
            rebuilt: BTreeSet::new(),
        }
    }

    /// Whether `path` is where a walk of the folder finds articles: below it, in no hidden or
    /// skipped folder, with an article's extension (the config's `exclude` is the caller's).
    pub fn walks_to(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        let visible = relative.iter().all(|part| {
            let part = part.to_string_lossy();
            !part.starts_with('.') && !crate::run::SKIPPED_DIRS.contains(&part.as_ref())
        });
        visible && Format::from_path(path).is_some()
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

    /// Starts a rebuild: summaries from now on are of generation `generation`.
    pub fn rebuild(&mut self, generation: u64) {
        self.generation = generation;
        self.rebuilt.clear();
    }

    /// Notes a file summarised by the rebuild under way.
    pub fn rebuilt(&mut self, name: &str) {
        self.rebuilt.insert(name.to_string());
    }

    /// The rebuild is done: `pass` runs the cross-file pass from now on, and the summaries of
    /// files it did not meet (gone, or now excluded) are dropped, except those of `open` files.
    pub fn finish_rebuild(&mut self, pass: Option<Arc<Checker>>, open: &[&str]) {
        let rebuilt = std::mem::take(&mut self.rebuilt);
        self.summaries
            .retain(|name, _| rebuilt.contains(name) || open.contains(&name.as_str()));
        if pass.is_some() {
            self.pass = pass;
        }
    }

    /// The cross-file findings, by file; nothing until the first build is done.
    pub fn findings(&self) -> BTreeMap<String, Vec<Diagnostic>> {
        let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        let Some(mut pass) = self.pass.as_ref().and_then(|c| c.corpus()) else {
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
