//! A workspace folder's cross-file view: one small summary per article (the names it mentions,
//! as the cross-file pass of `copydesk check FOLDER` keeps them), from which the names spelled
//! differently across the folder are found for the open documents.
//!
//! Summaries are built in the background when the folder is added, then kept up to date one file
//! at a time: an open document's from its buffer at each check, another file's from disk when the
//! editor reports it changed. A key stroke never checks the folder again: it replaces one summary
//! and asks for the cross-file pass, which runs over the kept summaries on its own thread, one
//! pass at a time (a pass asked for while one runs starts when it ends). Until the first build is
//! done the pass does not run, so that half a folder never makes a spelling look like the
//! minority; a rebuild (the config changed) replaces the summaries as it goes, and the previous
//! findings stay until it is done.

use super::check::Checker;
use crate::diagnostic::Diagnostic;
use crate::engine::FileSummary;
use crate::markup::Format;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every file's summary by file name (the absolute path), in path order as the pass wants.
/// Shared with a running pass: changed copy-on-write, so a pass never waits nor blocks.
pub type Summaries = Arc<BTreeMap<String, Arc<FileSummary>>>;

pub struct Workspace {
    pub root: PathBuf,
    /// Bumped when the summaries are rebuilt from scratch, so that late results of an older
    /// build are recognised and dropped.
    pub generation: u64,
    /// The checker that runs the cross-file pass, as `copydesk check` run in the folder would.
    pass: Option<Arc<Checker>>,
    summaries: Summaries,
    /// For the summaries made from an open document's buffer, the version of the buffer.
    versions: HashMap<String, i32>,
    /// The files the rebuild under way has summarised so far.
    rebuilt: BTreeSet<String>,
    /// A pass is running; another is wanted when it ends.
    running: bool,
    wanted: bool,
}

/// What a pass needs, taken from the folder when it starts.
pub struct PassInput {
    pub checker: Arc<Checker>,
    pub summaries: Summaries,
    pub versions: HashMap<String, i32>,
}

impl Workspace {
    pub fn new(root: PathBuf, generation: u64) -> Self {
        Workspace {
            root,
            generation,
            pass: None,
            summaries: Summaries::default(),
            versions: HashMap::new(),
            rebuilt: BTreeSet::new(),
            running: false,
            wanted: false,
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

    /// Sets (or with `None`, forgets) the summary of the file `name`; `version`: the version of
    /// the open document it was made from, if it was.
    pub fn set(&mut self, name: String, summary: Option<FileSummary>, version: Option<i32>) {
        match version {
            Some(v) => self.versions.insert(name.clone(), v),
            None => self.versions.remove(&name),
        };
        let summaries = Arc::make_mut(&mut self.summaries);
        match summary {
            Some(s) => summaries.insert(name, Arc::new(s)),
            None => summaries.remove(&name),
        };
    }

    /// Whether the summary of `name` was made from an open document's buffer.
    pub fn is_buffered(&self, name: &str) -> bool {
        self.versions.contains_key(name)
    }

    /// The document `name` was closed: its summary stands until the file's own replaces it.
    pub fn closed(&mut self, name: &str) {
        self.versions.remove(name);
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
    /// files it did not meet (gone, or now excluded) are dropped, except those of open files.
    pub fn finish_rebuild(&mut self, pass: Option<Arc<Checker>>) {
        let rebuilt = std::mem::take(&mut self.rebuilt);
        let versions = &self.versions;
        Arc::make_mut(&mut self.summaries)
            .retain(|name, _| rebuilt.contains(name) || versions.contains_key(name));
        if pass.is_some() {
            self.pass = pass;
        }
    }

    /// A pass is wanted: what it needs, unless one is running (it then runs again when that one
    /// ends) or the folder has not been summarised yet.
    pub fn start_pass(&mut self) -> Option<PassInput> {
        let checker = self.pass.clone()?;
        if self.running {
            self.wanted = true;
            return None;
        }
        self.running = true;
        self.wanted = false;
        Some(PassInput {
            checker,
            summaries: self.summaries.clone(),
            versions: self.versions.clone(),
        })
    }

    /// The pass ended; whether another is wanted.
    pub fn pass_ended(&mut self) -> bool {
        self.running = false;
        self.wanted
    }
}

/// The cross-file pass over `summaries`, by file.
pub fn cross_file(checker: &Checker, summaries: &Summaries) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    let Some(mut pass) = checker.corpus() else {
        return out;
    };
    for summary in summaries.values() {
        pass.add(summary);
    }
    for d in pass.finish() {
        out.entry(d.path.to_string()).or_default().push(d);
    }
    out
}
