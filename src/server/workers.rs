//! The two background threads, so that the main loop keeps answering the editor while copy is
//! checked: one checks open documents, the other summarises a workspace folder's files from disk.
//! Each runs every piece of work under `catch_unwind`: a panic on some document is reported back
//! as an error and the thread goes on with the next one.
//!
//! The checking thread takes whatever has queued up before it starts, keeping only the latest
//! version of each document: a check of a version already superseded is never started.

use super::Event;
use super::check::Checker;
use crate::diagnostic::Diagnostic;
use crate::engine::FileSummary;
use crate::markup::Format;
use crate::source::Source;
use lsp_types::Uri;
use std::panic::{AssertUnwindSafe, catch_unwind};
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
    /// The checker of the workspace folder that wants the document's summary, if one does.
    pub summarizer: Option<Arc<Checker>>,
}

pub struct CheckDone {
    pub uri: Uri,
    pub version: i32,
    /// The checker that made the summary.
    pub summarizer: Option<Arc<Checker>>,
    /// The findings and the summary, or what the panic said.
    pub result: Result<(Vec<Diagnostic>, Option<FileSummary>), String>,
}

/// Summarise these files of the workspace folder `root`, or with `None` all of its articles.
pub struct IndexJob {
    pub root: PathBuf,
    pub generation: u64,
    pub files: Option<Vec<(PathBuf, String, Format)>>,
    pub checker: Arc<Checker>,
}

pub struct Indexed {
    pub root: PathBuf,
    pub generation: u64,
    /// By file name; `None` for a file that could not be read or summarised.
    pub summaries: Vec<(String, Option<FileSummary>)>,
    /// Panics met, by file name.
    pub failures: Vec<(String, String)>,
    /// The last batch of the job.
    pub done: bool,
    /// The job was the whole folder.
    pub whole: bool,
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
                    summarizer: job.summarizer.clone(),
                    result: guarded(|| check(job)),
                };
                if events.send(Event::Checked(done)).is_err() {
                    return;
                }
            }
        }
    });
    tx
}

fn check(job: CheckJob) -> (Vec<Diagnostic>, Option<FileSummary>) {
    match job.summarizer {
        // One pass gives both when the document's config is its folder's.
        Some(s) if Arc::ptr_eq(&s, &job.checker) => {
            job.checker.check(&job.name, job.text, job.format, true)
        }
        Some(s) => {
            let summary = s.check(&job.name, job.text.clone(), job.format, true).1;
            (
                job.checker.check(&job.name, job.text, job.format, false).0,
                summary,
            )
        }
        None => job.checker.check(&job.name, job.text, job.format, false),
    }
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

/// Summarises the job's files, reporting in batches. A job queued meanwhile for the same folder
/// with a newer generation (its config changed) makes the rest of this one pointless: it stops.
/// Returns false when the main loop is gone.
fn index(
    job: IndexJob,
    rx: &Receiver<IndexJob>,
    queue: &mut Vec<IndexJob>,
    events: &Sender<Event>,
) -> bool {
    let whole = job.files.is_none();
    // Walking a large folder takes a while too: it is done here, not in the main loop.
    let files = job.files.unwrap_or_else(|| job.checker.walk(&job.root));
    let mut batch = Indexed {
        root: job.root.clone(),
        generation: job.generation,
        summaries: Vec::new(),
        failures: Vec::new(),
        done: false,
        whole,
    };
    let total = files.len();
    for (i, (path, name, format)) in files.into_iter().enumerate() {
        queue.extend(rx.try_iter());
        if queue
            .iter()
            .any(|q| q.root == job.root && q.generation > job.generation)
        {
            return true;
        }
        let checker = &job.checker;
        let summary = guarded(|| {
            let text = Source::read(&path, name.clone()).ok()?.text;
            checker.check(&name, text, format, true).1
        });
        match summary {
            Ok(s) => batch.summaries.push((name, s)),
            Err(panic) => batch.failures.push((name, panic)),
        }
        batch.done = i + 1 == total;
        if batch.done || batch.summaries.len() + batch.failures.len() >= BATCH {
            let next = Indexed {
                root: batch.root.clone(),
                summaries: Vec::new(),
                failures: Vec::new(),
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
        return events.send(Event::Indexed(batch)).is_ok();
    }
    true
}

/// Runs `work`, turning a panic into its message.
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string())
    })
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(work)
        .expect("a thread can be started");
}
