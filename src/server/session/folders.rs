//! The workspace folders and the configs: each folder summarised in the background, its
//! cross-file pass run in the background after each change and its findings shown in its open
//! documents; files changed on disk summarised again; configs reloaded when they change, and
//! their errors shown on the files at fault.

use super::Session;
use crate::diagnostic::Diagnostic;
use crate::server::diagnostics;
use crate::server::documents::{file_path, file_uri};
use crate::server::position::{Lines, line_starts};
use crate::server::workers::{IndexJob, Indexed, PassJob, Passed};
use crate::server::workspace::Workspace;
use crate::source::Source;
use lsp_server::Notification;
use lsp_types::{self as lsp, MessageType, Uri};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

impl Session {
    pub(super) fn add_folder(&mut self, root: PathBuf) {
        if self.folders.iter().all(|w| w.root != root) {
            self.generation += 1;
            self.folders.push(Workspace::new(root, self.generation));
        }
    }

    /// The workspace folder `path` is an article of, as a walk of the folder would find it (the
    /// innermost, when folders nest).
    pub(super) fn folder_of(&mut self, path: &Path) -> Option<usize> {
        let i = (0..self.folders.len())
            .filter(|&i| self.folders[i].walks_to(path))
            .max_by_key(|&i| self.folders[i].root.components().count())?;
        (!self.configs.excluded(path)).then_some(i)
    }

    /// Summarises the whole folder `i` in the background.
    pub(super) fn index(&mut self, i: usize) {
        let ws = &self.folders[i];
        let _ = self.indexer.send(IndexJob {
            root: ws.root.clone(),
            generation: ws.generation,
            files: None,
        });
    }

    pub(super) fn on_indexed(&mut self, batch: Indexed) {
        let Some(i) = (self.folders.iter())
            .position(|w| w.root == batch.root && w.generation == batch.generation)
        else {
            return;
        };
        for (name, panic) in &batch.failures {
            let message = format!("copydesk: summarising `{name}` failed: {panic}");
            self.log(MessageType::ERROR, message);
        }
        if let Some(e) = batch.errors.first() {
            let message = format!(
                "copydesk: the cross-file findings of `{}` wait for its config to be mended: {}",
                batch.root.display(),
                e.message
            );
            self.log(MessageType::ERROR, message);
        }
        let ws = &mut self.folders[i];
        for (name, summary) in batch.summaries {
            ws.rebuilt(&name);
            // An open document's summary comes from its buffer once it has been checked; until
            // then the file on disk stands in for it.
            if !ws.is_buffered(&name) {
                ws.set(name, summary, None);
            }
        }
        if !batch.done {
            return;
        }
        if batch.whole && batch.errors.is_empty() {
            ws.finish_rebuild(batch.pass);
            let message = format!(
                "copydesk: summarised the articles of `{}`",
                ws.root.display()
            );
            self.log(MessageType::INFO, message);
        }
        self.start_pass(i);
    }

    /// Starts folder `i`'s cross-file pass on its thread (or, when one is running, once it ends).
    pub(super) fn start_pass(&mut self, i: usize) {
        let ws = &mut self.folders[i];
        if let Some(input) = ws.start_pass() {
            let root = ws.root.clone();
            let _ = self.passer.send(PassJob { root, input });
        }
    }

    /// Shows a pass's findings in the open documents of its folder: each moved from the version
    /// its summary was made of to the text as it is now.
    pub(super) fn on_passed(&mut self, passed: Passed) {
        let Some(i) = self.folders.iter().position(|w| w.root == passed.root) else {
            return;
        };
        if self.folders[i].pass_ended() {
            self.start_pass(i);
        }
        let findings = match passed.result {
            Ok(findings) => findings,
            Err(panic) => {
                let message = format!(
                    "copydesk: comparing the files of `{}` failed ({panic}); cross-file findings are missing",
                    passed.root.display()
                );
                self.log(MessageType::ERROR, message);
                return;
            }
        };
        let members: Vec<(Uri, PathBuf)> = (self.docs.iter())
            .filter(|(_, d)| d.format.is_some() && d.current().is_some())
            .filter_map(|(uri, d)| Some((uri.clone(), d.path.clone()?)))
            .collect();
        for (uri, path) in members {
            let doc = &self.docs[&uri];
            let Some(&from) = passed.versions.get(&doc.name) else {
                // Its buffer was not in the pass: its own check asks for the next one.
                continue;
            };
            if self.folder_of(&path) != Some(i) {
                continue;
            }
            let doc = self.docs.get_mut(&uri).expect("listed above");
            let source = Source::new(doc.name.clone(), doc.text.clone());
            let late: Vec<Diagnostic> = (findings.get(&doc.name).into_iter().flatten())
                .filter_map(|d| doc.edits.relocate(d, from, doc.version, &source))
                .collect();
            if let Some(checked) = doc.checked.as_mut() {
                checked.late = late;
            }
            if self.settle(&uri) {
                self.publish(&uri);
            }
        }
    }

    pub(super) fn did_change_watched(&mut self, p: lsp::DidChangeWatchedFilesParams) {
        let mut changed = Vec::new();
        let mut gone = Vec::new();
        let mut reload = false;
        for event in p.changes {
            let Some(path) = file_path(&event.uri) else {
                continue;
            };
            if self.configs.watches(&path) {
                reload = true;
            } else if event.typ == lsp::FileChangeType::DELETED {
                gone.push(path);
            } else {
                changed.push(path);
            }
        }
        if reload {
            // Every folder is summarised again with the new configs anyway.
            self.reload_configs();
            return;
        }
        let mut touched = Vec::new();
        for path in gone {
            let name = path.display().to_string();
            // Excluded or not, a file that is gone has no summary any more.
            for (i, ws) in self.folders.iter_mut().enumerate() {
                if ws.walks_to(&path) && !ws.is_buffered(&name) {
                    ws.set(name.clone(), None, None);
                    touched.push(i);
                }
            }
        }
        touched.dedup();
        for i in touched {
            self.start_pass(i);
        }
        self.refresh_from_disk(changed);
    }

    /// Summarises again from disk the files of `paths` that are articles of a folder and not open.
    pub(super) fn refresh_from_disk(&mut self, paths: Vec<PathBuf>) {
        let mut by_folder: BTreeMap<usize, Vec<PathBuf>> = BTreeMap::new();
        for path in paths {
            let name = path.display().to_string();
            let open = (self.docs.values()).any(|d| d.name == name && d.format.is_some());
            if let (false, Some(i)) = (open, self.folder_of(&path)) {
                by_folder.entry(i).or_default().push(path);
            }
        }
        for (i, files) in by_folder {
            let ws = &self.folders[i];
            let _ = self.indexer.send(IndexJob {
                root: ws.root.clone(),
                generation: ws.generation,
                files: Some(files),
            });
        }
    }

    pub(super) fn did_change_folders(&mut self, p: lsp::DidChangeWorkspaceFoldersParams) {
        for removed in p.event.removed.iter().filter_map(|f| file_path(&f.uri)) {
            self.folders.retain(|w| w.root != removed);
        }
        for added in p.event.added.iter().filter_map(|f| file_path(&f.uri)) {
            self.add_folder(added);
            self.index(self.folders.len() - 1);
        }
        // The documents of the folders that went lose their cross-file findings.
        self.check_all_again();
    }

    /// Reads every config again, summarises every folder again with them, and checks every open
    /// document again.
    pub(super) fn reload_configs(&mut self) {
        self.configs.reload();
        self.publish_config_errors();
        for i in 0..self.folders.len() {
            self.generation += 1;
            self.folders[i].rebuild(self.generation);
            self.index(i);
        }
        self.check_all_again();
    }

    fn check_all_again(&mut self) {
        let now = Instant::now();
        for doc in self.docs.values().filter(|d| d.format.is_some()) {
            self.due.insert(doc.uri.clone(), now);
        }
    }

    /// Shows each config error as a diagnostic on its file, and clears those mended.
    pub(super) fn publish_config_errors(&mut self) {
        let mut now: BTreeMap<PathBuf, Vec<lsp::Diagnostic>> = BTreeMap::new();
        for (path, errors) in self.configs.errors() {
            let diags = (errors.iter())
                .map(|e| {
                    let text = e.text.as_deref().unwrap_or("");
                    let starts = line_starts(text);
                    diagnostics::input_error(e, Some(&Lines::new(text, &starts, self.encoding)))
                })
                .collect();
            now.insert(path, diags);
        }
        if now == self.config_errors {
            return;
        }
        let before = std::mem::take(&mut self.config_errors);
        for path in before.keys().filter(|p| !now.contains_key(*p)) {
            if let Some(uri) = file_uri(path) {
                self.publish_raw(uri, Vec::new(), None);
            }
        }
        for (path, diags) in &now {
            if before.get(path) == Some(diags) {
                continue;
            }
            if !before.contains_key(path) {
                let message = format!(
                    "copydesk: `{}` has errors (shown in it); checking goes on with its last good version, or without it",
                    path.display()
                );
                let params = lsp::ShowMessageParams {
                    typ: MessageType::WARNING,
                    message,
                };
                self.send(Notification::new("window/showMessage".into(), params));
            }
            if let Some(uri) = file_uri(path) {
                self.publish_raw(uri, diags.clone(), None);
            }
        }
        self.config_errors = now;
    }
}
