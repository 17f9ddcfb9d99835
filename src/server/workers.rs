//! The background threads, so that the main loop keeps answering the editor while copy is
//! checked: one checks open documents, one summarises a workspace folder's files from disk, one
//! runs the folders' cross-file passes.
//! Each runs every piece of work under `catch_unwind`: a panic on some document is reported back
//! as an error and the thread goes on with the next one.
//!
//! The checking thread takes whatever has queued up before it starts, keeping only the latest
//! version of each document: a check of a version already superseded is never started.

use super::Event;
use super::check::{self, Checker};
use super::workspace::{self, PassInput};
use crate::diagnostic::Diagnostic;
use crate::engine::FileSummary;
use crate::error::InputError;
use crate::guard::catch as guarded;
use crate::markup::Format;
use crate::source::Source;
use lsp_types::Uri;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

pub struct CheckJob {
    pub uri: Uri,
    pub version: i32,
    /// The document's name in diagnostics.
    pub name: String,
    pub text: String,
    pub format: Format,
    pub checker: Arc<Checker>,
    /// Whether the document is an article of a workspace folder (its summary is wanted, and its
    /// suppressions of cross-file rules are judged after the folder's pass).
    pub cross_file: bool,
}

pub struct CheckDone {
    pub uri: Uri,
    pub version: i32,
    /// The findings and the summary, or what the panic said.
    pub result: Result<(Vec<Diagnostic>, Option<FileSummary>), String>,
}

/// Summarise these files of the workspace folder `root`, or with `None` all of its articles.
pub struct IndexJob {
    pub root: PathBuf,
    pub generation: u64,
    pub files: Option<Vec<PathBuf>>,
}

pub struct Indexed {
    pub root: PathBuf,
    pub generation: u64,
    /// By file name; `None` for a file that could not be read.
    pub summaries: Vec<(String, Option<FileSummary>)>,
    /// Panics met, by file name.
    pub failures: Vec<(String, String)>,
    /// Why the folder could not be planned at all (a broken config).
    pub errors: Vec<InputError>,
    /// With the last batch of a whole folder: the checker that runs its cross-file pass.
    pub pass: Option<Arc<Checker>>,
    /// The last batch of the job.
    pub done: bool,
    /// The job was the whole folder.
    pub whole: bool,
}

/// Run the cross-file pass of the workspace folder `root`.
pub struct PassJob {
    pub root: PathBuf,
    pub input: PassInput,
}

pub struct Passed {
    pub root: PathBuf,
    /// For the summaries made from open documents, the version each was made from.
    pub versions: HashMap<String, i32>,
    /// The findings by file, or what the panic said.
    pub result: Result<BTreeMap<String, Vec<Diagnostic>>, String>,
}

/// Files summarised between two reports to the main loop.
const BATCH: usize = 256;

pub fn spawn_checker(events: Sender<Event>) -> Sender<CheckJob> {
    let (tx, rx) = channel::<CheckJob>();
    spawn("copydesk-lsp-check", move || {
        while let Ok(first) = rx.recv() {
            let mut latest: Vec<CheckJob> = Vec::new();
            for job in std::iter::once(first).chain(rx.try_iter()) {
                match latest.iter_mut().find(|j| j.uri == job.uri) {
                    Some(older) => *older = job,
                    None => latest.push(job),
                }
            }
            for job in latest {
                let done = CheckDone {
                    uri: job.uri.clone(),
                    version: job.version,
                    result: guarded(|| {
                        job.checker
                            .check(&job.name, job.text, job.format, job.cross_file)
                    }),
                };
                if events.send(Event::Checked(done)).is_err() {
                    return;
                }
            }
        }
    });
    tx
}

pub fn spawn_passer(events: Sender<Event>) -> Sender<PassJob> {
    let (tx, rx) = channel::<PassJob>();
    spawn("copydesk-lsp-pass", move || {
        for job in rx {
            let PassInput {
                checker,
                summaries,
                versions,
            } = job.input;
            let passed = Passed {
                root: job.root,
                versions,
                result: guarded(|| workspace::cross_file(&checker, &summaries)),
            };
            if events.send(Event::Passed(passed)).is_err() {
                return;
            }
        }
    });
    tx
}

pub fn spawn_indexer(events: Sender<Event>) -> Sender<IndexJob> {
    let (tx, rx) = channel::<IndexJob>();
    spawn("copydesk-lsp-index", move || {
        let mut queue = Vec::new();
        loop {
            if queue.is_empty() {
                match rx.recv() {
                    Ok(job) => queue.push(job),
                    Err(_) => return,
                }
            }
            let job = queue.remove(0);
            if !index(job, &rx, &mut queue, &events) {
                return;
            }
        }
    });
    tx
}

/// Summarises the job's files, each with its own config as `copydesk check` would, reporting in
/// batches. A job queued meanwhile for the same folder with a newer generation (its config
/// changed) makes the rest of this one pointless: it stops. Returns false when the main loop is
/// gone.
fn index(
    job: IndexJob,
    rx: &Receiver<IndexJob>,
    queue: &mut Vec<IndexJob>,
    events: &Sender<Event>,
) -> bool {
    let whole = job.files.is_none();
    let mut batch = Indexed {
        root: job.root.clone(),
        generation: job.generation,
        summaries: Vec::new(),
        failures: Vec::new(),
        errors: Vec::new(),
        pass: None,
        done: false,
        whole,
    };
    // Walking a large folder takes a while too: it is done here, not in the main loop.
    let planned = guarded(|| check::plan_folder(&job.root, job.files.as_deref()));
    let (files, checkers) = match planned {
        Ok(Ok(planned)) => planned,
        Ok(Err(errors)) => {
            batch.errors = errors;
            batch.done = true;
            return events.send(Event::Indexed(batch)).is_ok();
        }
        Err(panic) => {
            batch.failures.push((job.root.display().to_string(), panic));
            batch.done = true;
            return events.send(Event::Indexed(batch)).is_ok();
        }
    };
    let checkers: Vec<Arc<Checker>> = checkers.into_iter().map(Arc::new).collect();
    let mut pass = whole.then(|| {
        files.first().map_or_else(
            || checkers[0].clone(),
            |(.., profile)| checkers[*profile].clone(),
        )
    });
    let total = files.len();
    for (i, (path, name, format, profile)) in files.into_iter().enumerate() {
        queue.extend(rx.try_iter());
        if queue
            .iter()
            .any(|q| q.root == job.root && q.generation > job.generation)
        {
            return true;
        }
        let checker = &checkers[profile];
        let summary = guarded(|| {
            let text = Source::read(&path, name.clone()).ok()?.text;
            checker.summarize(&name, text, format)
        });
        match summary {
            Ok(s) => batch.summaries.push((name, s)),
            Err(panic) => batch.failures.push((name, panic)),
        }
        batch.done = i + 1 == total;
        if batch.done {
            batch.pass = pass.take();
        }
        if batch.done || batch.summaries.len() + batch.failures.len() >= BATCH {
            let next = Indexed {
                root: batch.root.clone(),
                summaries: Vec::new(),
                failures: Vec::new(),
                errors: Vec::new(),
                pass: None,
                ..batch
            };
            let full = std::mem::replace(&mut batch, next);
            if events.send(Event::Indexed(full)).is_err() {
                return false;
            }
        }
    }
    if total == 0 {
        batch.done = true;
        batch.pass = pass;
        return events.send(Event::Indexed(batch)).is_ok();
    }
    true
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(work)
        .expect("a thread can be started");
}
