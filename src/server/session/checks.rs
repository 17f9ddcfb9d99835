//! The open documents: kept in step with the editor, checked when their debounce delay is over
//! (on the checking thread), and their findings published when they are still about the text
//! the editor has.

use super::Session;
use crate::diagnostic::{Diagnostic, Location};
use crate::server::check::Checker;
use crate::server::diagnostics;
use crate::server::documents::{Checked, Document, file_path, file_uri};
use crate::server::position::{Lines, line_starts};
use crate::server::workers::{CheckDone, CheckJob};
use crate::source::Source;
use lsp_types::{self as lsp, MessageType, Uri};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

impl Session {
    pub(super) fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let doc = Document::open(p.text_document);
        if doc.format.is_some() {
            self.due.insert(doc.uri.clone(), Instant::now());
        }
        self.docs.insert(doc.uri.clone(), doc);
    }

    pub(super) fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return;
        };
        doc.change(p.text_document.version, p.content_changes, self.encoding);
        if doc.format.is_some() {
            self.due.insert(uri, Instant::now() + self.debounce);
        }
    }

    pub(super) fn did_save(&mut self, p: lsp::DidSaveTextDocumentParams) {
        if file_path(&p.text_document.uri).is_some_and(|path| self.configs.watches(&path)) {
            self.reload_configs();
        }
    }

    pub(super) fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        self.due.remove(&uri);
        let Some(doc) = self.docs.remove(&uri) else {
            return;
        };
        if doc.format.is_none() {
            return;
        }
        self.publish_raw(uri, Vec::new(), None);
        // The folder's summary of the file is the one on disk again.
        if let Some(path) = doc.path {
            for ws in &mut self.folders {
                ws.closed(&doc.name);
            }
            self.refresh_from_disk(vec![path]);
        }
    }

    /// Hands the documents whose delay is over to the checking thread.
    pub(super) fn start_due_checks(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = (self.due.iter())
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.due.remove(&uri);
            let Some(doc) = self.docs.get(&uri) else {
                continue;
            };
            let Some(format) = doc.format else {
                continue;
            };
            let (name, version, text) = (doc.name.clone(), doc.version, doc.text.clone());
            let path = doc.path.clone();
            let checker = self.checker_for(path.as_deref());
            let cross_file = path.as_deref().and_then(|p| self.folder_of(p)).is_some();
            let _ = self.checker.send(CheckJob {
                uri,
                version,
                name,
                text,
                format,
                checker,
                cross_file,
            });
        }
    }

    pub(super) fn on_checked(&mut self, done: CheckDone) {
        let Some(doc) = self.docs.get_mut(&done.uri) else {
            return;
        };
        // A newer version is being checked: these findings would be shown on the wrong text.
        if doc.version != done.version {
            return;
        }
        let (found, summary) = match done.result {
            Ok(result) => result,
            Err(panic) => {
                let message = format!("copydesk: checking `{}` failed: {panic}", doc.name);
                // Shown in the document, as `copydesk check` reports it; the folder keeps the
                // document's last summary.
                doc.checked = Some(Checked {
                    version: done.version,
                    found: vec![crate::pipeline::internal_error(&doc.name, &panic)],
                    ..Checked::default()
                });
                self.log(MessageType::ERROR, message);
                self.settle(&done.uri);
                self.publish(&done.uri);
                return;
            }
        };
        // The cross-file findings of the last version, carried to this one until the folder's
        // pass says what they are now.
        let source = Source::new(doc.name.clone(), doc.text.clone());
        let late = match doc.checked.take() {
            Some(before) => (before.late.iter())
                .filter_map(|d| doc.edits.relocate(d, before.version, done.version, &source))
                .collect(),
            None => Vec::new(),
        };
        doc.checked = Some(Checked {
            version: done.version,
            found,
            late,
            ..Checked::default()
        });
        let (name, path) = (doc.name.clone(), doc.path.clone());
        self.settle(&done.uri);
        self.publish(&done.uri);
        if let Some(i) = path.as_deref().and_then(|p| self.folder_of(p)) {
            let ws = &mut self.folders[i];
            ws.rebuilt(&name);
            ws.set(name, summary, Some(done.version));
            self.start_pass(i);
        }
    }

    /// Works out what a document shows from its findings: its cross-file findings go through
    /// its suppressions (which they may prove used). Returns whether that changed.
    pub(super) fn settle(&mut self, uri: &Uri) -> bool {
        let Some(path) = self.docs.get(uri).map(|d| d.path.clone()) else {
            return false;
        };
        let checker = self.checker_for(path.as_deref());
        let Some(doc) = self.docs.get_mut(uri) else {
            return false;
        };
        let (Some(format), Some(checked)) = (doc.format, doc.checked.as_mut()) else {
            return false;
        };
        let mut local = checked.found.clone();
        let corpus = if checked.late.is_empty() {
            Vec::new()
        } else {
            let source = Source::new(doc.name.clone(), doc.text.clone());
            checker.late(&source, format, checked.late.clone(), &mut local)
        };
        let changed = local != checked.local || corpus != checked.corpus;
        checked.local = local;
        checked.corpus = corpus;
        changed
    }

    /// The checker of a document at `path` (or, for a document that is no file, the one of
    /// the first workspace folder, as `copydesk check -` finds its config from its folder).
    pub(super) fn checker_for(&mut self, path: Option<&Path>) -> Arc<Checker> {
        let dir = self.folders.first().map(|w| w.root.clone());
        let checker = self.configs.for_file(path, dir.as_deref());
        self.publish_config_errors();
        checker
    }

    /// Publishes a document's findings, when they are of its text as it is now.
    pub(super) fn publish(&self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let Some(checked) = doc.current() else {
            return;
        };
        let lines = doc.lines(self.encoding);
        let diags = (checked.all().into_iter())
            .map(|d| self.to_lsp(d, doc, &lines))
            .collect();
        self.publish_raw(uri.clone(), diags, Some(checked.version));
    }

    /// `d`, found in `doc`, in the protocol's shape.
    pub(super) fn to_lsp(&self, d: &Diagnostic, doc: &Document, lines: &Lines) -> lsp::Diagnostic {
        // Labels in other files: the editor's text when the file is open, else the file's.
        let mut read: HashMap<String, Option<(String, Vec<usize>)>> = HashMap::new();
        let encoding = self.encoding;
        let mut elsewhere = |path: &str, at: &Location| -> Option<lsp::Location> {
            if let Some(open) = self.docs.values().find(|o| o.name == path) {
                let range = open.lines(encoding).range(at.span());
                return Some(lsp::Location::new(open.uri.clone(), range));
            }
            let uri = file_uri(Path::new(path))?;
            let (text, starts) = read
                .entry(path.to_string())
                .or_insert_with(|| {
                    let text = std::fs::read_to_string(path).ok()?;
                    let starts = line_starts(&text);
                    Some((text, starts))
                })
                .as_ref()?;
            let range = Lines::new(text, starts, encoding).range(at.span());
            Some(lsp::Location::new(uri, range))
        };
        diagnostics::to_lsp(d, lines, &doc.uri, self.shown, &mut elsewhere)
    }
}
