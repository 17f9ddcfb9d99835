//! The main loop: one thread that owns the open documents, the configs and the workspace
//! folders, answers the client's requests, takes its notifications, starts checks when their
//! debounce delay is over, and publishes what the checking and indexing threads send back.
//!
//! Every message is handled under `catch_unwind`: a request that panics gets an `InternalError`
//! response and the session goes on.

use super::Event;
use super::actions::{self, FIX_ALL};
use super::check::{Checker, RuleHome};
use super::config::Configs;
use super::diagnostics::{self, Shown};
use super::documents::{Checked, Document, file_path, file_uri};
use super::hover;
use super::position::{Encoding, Lines, line_starts};
use super::transport::{Inbound, Outbound};
use super::workers::{self, CheckDone, CheckJob, IndexJob, Indexed, guarded};
use super::workspace::Workspace;
use crate::diagnostic::{Diagnostic, Location};
use crate::markup::Format;
use crate::source::Source;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{self as lsp, MessageType, Uri};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How long typing must pause before a changed document is checked, unless the client sets
/// `initializationOptions.debounceMs`: long enough that a check is not started per key stroke,
/// short enough to feel immediate.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// The article files a workspace folder's summaries follow, and the files a config may be
/// made of (configs, and rule files in rule folders).
const WATCHED: &[&str] = &[
    "**/*.{txt,text,md,markdown,mdown,mkd,html,htm,xhtml}",
    "**/*.toml",
];

pub struct Session {
    out: Sender<Outbound>,
    encoding: Encoding,
    shown: Shown,
    markdown_hover: bool,
    document_changes: bool,
    dynamic_watch: bool,
    debounce: Duration,
    docs: HashMap<Uri, Document>,
    /// When each changed document is due to be checked.
    due: HashMap<Uri, Instant>,
    configs: Configs,
    /// The config errors shown, by file.
    config_errors: BTreeMap<PathBuf, Vec<lsp::Diagnostic>>,
    folders: Vec<Workspace>,
    generation: u64,
    checker: Sender<CheckJob>,
    indexer: Sender<IndexJob>,
    shutdown: bool,
    next_request: i32,
}

impl Session {
    pub fn new(
        params: lsp::InitializeParams,
        out: Sender<Outbound>,
        events: Sender<Event>,
    ) -> Self {
        let caps = &params.capabilities;
        let text = caps.text_document.as_ref();
        let publish = text.and_then(|t| t.publish_diagnostics.as_ref());
        let workspace = caps.workspace.as_ref();
        let debounce = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("debounceMs")?.as_u64())
            .map_or(DEBOUNCE, Duration::from_millis);
        let mut session = Session {
            out,
            encoding: Encoding::negotiate(
                caps.general
                    .as_ref()
                    .and_then(|g| g.position_encodings.as_deref()),
            ),
            shown: Shown {
                related_information: publish.and_then(|p| p.related_information) == Some(true),
                code_description: publish.and_then(|p| p.code_description_support) == Some(true),
            },
            markdown_hover: text
                .and_then(|t| t.hover.as_ref()?.content_format.as_ref())
                .is_some_and(|f| f.contains(&lsp::MarkupKind::Markdown)),
            document_changes: workspace.and_then(|w| w.workspace_edit.as_ref()?.document_changes)
                == Some(true),
            dynamic_watch: workspace
                .and_then(|w| w.did_change_watched_files.as_ref()?.dynamic_registration)
                == Some(true),
            debounce,
            docs: HashMap::new(),
            due: HashMap::new(),
            configs: Configs::default(),
            config_errors: BTreeMap::new(),
            folders: Vec::new(),
            generation: 0,
            checker: workers::spawn_checker(events.clone()),
            indexer: workers::spawn_indexer(events),
            shutdown: false,
            next_request: 0,
        };
        #[allow(deprecated)] // `rootUri` and `rootPath`: for clients without workspace folders.
        let roots: Vec<PathBuf> = match (&params.workspace_folders, &params.root_uri) {
            (Some(folders), _) => folders.iter().filter_map(|f| file_path(&f.uri)).collect(),
            (None, Some(uri)) => file_path(uri).into_iter().collect(),
            (None, None) => params.root_path.iter().map(PathBuf::from).collect(),
        };
        for root in roots {
            session.add_folder(root);
        }
        session
    }

    pub fn initialize_result(&self) -> lsp::InitializeResult {
        use lsp::{
            CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
            HoverProviderCapability, OneOf, SaveOptions, TextDocumentSyncCapability,
            TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
            WorkspaceFoldersServerCapabilities, WorkspaceServerCapabilities,
        };
        lsp::InitializeResult {
            capabilities: lsp::ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::from(FIX_ALL),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..lsp::ServerCapabilities::default()
            },
            server_info: Some(lsp::ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        }
    }

    /// Runs until `exit`; returns the exit code.
    pub fn run(&mut self, events: &Receiver<Event>) -> u8 {
        loop {
            let event = match self.due.values().min() {
                Some(&at) => {
                    match events.recv_timeout(at.saturating_duration_since(Instant::now())) {
                        Ok(event) => Some(event),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return 1,
                    }
                }
                None => match events.recv() {
                    Ok(event) => Some(event),
                    Err(_) => return 1,
                },
            };
            match event {
                Some(Event::Client(Inbound::Closed(reason))) => {
                    if let Some(reason) = reason {
                        self.log(MessageType::ERROR, format!("copydesk: {reason}"));
                    }
                    return 1;
                }
                Some(Event::Client(Inbound::Message(Message::Notification(n))))
                    if n.method == "exit" =>
                {
                    return if self.shutdown { 0 } else { 1 };
                }
                Some(event) => {
                    if let Err(panic) = guarded(|| self.handle(event)) {
                        self.log(
                            MessageType::ERROR,
                            format!("copydesk: internal error: {panic}"),
                        );
                    }
                }
                None => {}
            }
            self.start_due_checks();
        }
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::Client(Inbound::Message(Message::Request(req))) => {
                let id = req.id.clone();
                let response = match guarded(|| self.request(req)) {
                    Ok(response) => response,
                    Err(panic) => error(id, ErrorCode::InternalError, format!("panic: {panic}")),
                };
                self.send(response);
            }
            Event::Client(Inbound::Message(Message::Notification(n))) => self.notification(n),
            Event::Client(Inbound::Message(Message::Response(r))) => {
                if let Err(e) = r.response_result {
                    self.log(
                        MessageType::WARNING,
                        format!("copydesk: the client answered: {}", e.message),
                    );
                }
            }
            Event::Client(Inbound::Closed(_)) => {}
            Event::Checked(done) => self.on_checked(done),
            Event::Indexed(batch) => self.on_indexed(batch),
        }
    }

    fn request(&mut self, req: Request) -> Response {
        if self.shutdown {
            return error(
                req.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            );
        }
        let id = req.id.clone();
        match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Response::new_ok(id, Value::Null)
            }
            "textDocument/codeAction" => answer(req, |p| self.code_action(p)),
            "textDocument/hover" => answer(req, |p| self.hover(p)),
            method => error(
                id,
                ErrorCode::MethodNotFound,
                format!("unknown method `{method}`"),
            ),
        }
    }

    fn notification(&mut self, n: Notification) {
        use lsp::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidChangeWorkspaceFolders,
            DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
        };
        let method = n.method.clone();
        let parsed = match method.as_str() {
            "initialized" => {
                self.initialized();
                Ok(())
            }
            DidOpenTextDocument::METHOD => params(n).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => params(n).map(|p| self.did_change(p)),
            DidSaveTextDocument::METHOD => params(n).map(|p| self.did_save(p)),
            DidCloseTextDocument::METHOD => params(n).map(|p| self.did_close(p)),
            DidChangeWatchedFiles::METHOD => params(n).map(|p| self.did_change_watched(p)),
            DidChangeWorkspaceFolders::METHOD => params(n).map(|p| self.did_change_folders(p)),
            // Settings, cancellation, tracing: nothing to do (every request is answered at once).
            _ => Ok(()),
        };
        if let Err(e) = parsed {
            self.log(
                MessageType::ERROR,
                format!("copydesk: bad `{method}` notification: {e}"),
            );
        }
    }

    fn initialized(&mut self) {
        if self.dynamic_watch {
            let watchers: Vec<lsp::FileSystemWatcher> = WATCHED
                .iter()
                .map(|glob| lsp::FileSystemWatcher {
                    glob_pattern: lsp::GlobPattern::String(glob.to_string()),
                    kind: None,
                })
                .collect();
            let registration = lsp::Registration {
                id: "copydesk-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(
                    lsp::DidChangeWatchedFilesRegistrationOptions { watchers },
                )
                .ok(),
            };
            self.next_request += 1;
            let id = RequestId::from(format!("copydesk-{}", self.next_request));
            let params = lsp::RegistrationParams {
                registrations: vec![registration],
            };
            self.send(Request::new(id, "client/registerCapability".into(), params));
        }
        for i in 0..self.folders.len() {
            self.index(i);
        }
    }

    // Documents.

    fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let doc = Document::open(p.text_document);
        if doc.format.is_some() {
            self.due.insert(doc.uri.clone(), Instant::now());
        }
        self.docs.insert(doc.uri.clone(), doc);
    }

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return;
        };
        doc.change(p.text_document.version, p.content_changes, self.encoding);
        if doc.format.is_some() {
            self.due.insert(uri, Instant::now() + self.debounce);
        }
    }

    fn did_save(&mut self, p: lsp::DidSaveTextDocumentParams) {
        if file_path(&p.text_document.uri).is_some_and(|path| self.configs.watches(&path)) {
            self.reload_configs();
        }
    }

    fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) {
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
            self.refresh_from_disk(vec![path]);
        }
    }

    fn start_due_checks(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .due
            .iter()
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
            let (name, version, text, path) = (
                doc.name.clone(),
                doc.version,
                doc.text.clone(),
                doc.path.clone(),
            );
            let checker = self.checker_for(path.as_deref());
            let summarizer = path
                .as_deref()
                .and_then(|p| self.folder_of(p))
                .map(|i| &self.folders[i])
                .filter(|w| w.wanted())
                .map(|w| w.checker.clone());
            let _ = self.checker.send(CheckJob {
                uri,
                version,
                name,
                text,
                format,
                checker,
                summarizer,
            });
        }
    }

    fn on_checked(&mut self, done: CheckDone) {
        let Some(doc) = self.docs.get_mut(&done.uri) else {
            return;
        };
        // A newer version is being checked: these findings would be shown on the wrong text.
        if doc.version != done.version {
            return;
        }
        let (local, summary) = match done.result {
            Ok(found) => found,
            Err(panic) => {
                let message = format!(
                    "copydesk: checking `{}` failed ({panic}); its diagnostics are those of its last good check",
                    doc.name
                );
                self.log(MessageType::ERROR, message);
                return;
            }
        };
        doc.checked = Some(Checked {
            version: done.version,
            local,
            corpus: Vec::new(),
        });
        let (name, path) = (doc.name.clone(), doc.path.clone());
        let folder = path.as_deref().and_then(|p| self.folder_of(p));
        match folder {
            Some(i) if self.folders[i].wanted() => {
                let ws = &mut self.folders[i];
                // A summary made with another checker (the config changed meanwhile) is not
                // comparable with the others: the document's next check brings a good one.
                if done
                    .summarizer
                    .is_some_and(|s| Arc::ptr_eq(&s, &ws.checker))
                {
                    ws.set(name, summary);
                }
                self.refresh_corpus(i, Some(&done.uri));
            }
            _ => self.publish(&done.uri),
        }
    }

    // Workspace folders.

    fn add_folder(&mut self, root: PathBuf) {
        if self.folders.iter().any(|w| w.root == root) {
            return;
        }
        let checker = self.configs.for_dir(Some(&root));
        self.generation += 1;
        self.folders
            .push(Workspace::new(root, checker, self.generation));
        self.publish_config_errors();
    }

    /// The workspace folder `path` is an article of (the innermost, when folders nest).
    fn folder_of(&self, path: &Path) -> Option<usize> {
        (0..self.folders.len())
            .filter(|&i| self.folders[i].contains(path))
            .max_by_key(|&i| self.folders[i].root.components().count())
    }

    /// Summarises the whole folder `i` in the background.
    fn index(&mut self, i: usize) {
        let ws = &mut self.folders[i];
        if !ws.wanted() {
            return;
        }
        let _ = self.indexer.send(IndexJob {
            root: ws.root.clone(),
            generation: ws.generation,
            files: None,
            checker: ws.checker.clone(),
        });
    }

    fn on_indexed(&mut self, batch: Indexed) {
        let Some(i) = self
            .folders
            .iter()
            .position(|w| w.root == batch.root && w.generation == batch.generation)
        else {
            return;
        };
        for (name, panic) in &batch.failures {
            self.log(
                MessageType::ERROR,
                format!("copydesk: summarising `{name}` failed: {panic}"),
            );
        }
        let open: Vec<&str> = self
            .docs
            .values()
            .filter(|d| d.format.is_some())
            .map(|d| d.name.as_str())
            .collect();
        let ws = &mut self.folders[i];
        for (name, summary) in batch.summaries {
            // An open document's summary comes from its buffer once it has been checked; until
            // then the file on disk stands in for it.
            if !(open.contains(&name.as_str()) && ws.has(&name)) {
                ws.set(name, summary);
            }
        }
        if batch.done {
            if batch.whole {
                ws.ready = true;
                let message = format!(
                    "copydesk: summarised the articles of `{}`",
                    ws.root.display()
                );
                self.log(MessageType::INFO, message);
            }
            self.refresh_corpus(i, None);
        }
    }

    /// Runs folder `i`'s cross-file pass and shows its findings in the open documents of the
    /// folder whose findings are current; `changed` is published even if nothing changed.
    fn refresh_corpus(&mut self, i: usize, changed: Option<&Uri>) {
        let findings = self.folders[i].findings();
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            let doc = &self.docs[&uri];
            let Some(format) = doc.format else { continue };
            let Some(path) = doc.path.clone() else {
                continue;
            };
            if doc.current().is_none() || self.folder_of(&path) != Some(i) {
                continue;
            }
            let mine = findings.get(&doc.name).cloned().unwrap_or_default();
            let source = Source::new(doc.name.clone(), doc.text.clone());
            let checker = self.checker_for(Some(&path));
            let silenced = checker.silence(&source, format, mine);
            let checked = self.docs.get_mut(&uri).and_then(|d| d.checked.as_mut());
            let Some(checked) = checked else { continue };
            if checked.corpus != silenced || changed == Some(&uri) {
                checked.corpus = silenced;
                self.publish(&uri);
            }
        }
        if let Some(uri) = changed
            && self
                .docs
                .get(uri)
                .and_then(|d| d.path.as_deref())
                .and_then(|p| self.folder_of(p))
                != Some(i)
        {
            self.publish(uri);
        }
    }

    fn did_change_watched(&mut self, p: lsp::DidChangeWatchedFilesParams) {
        let mut reload = false;
        let mut changed = Vec::new();
        let mut gone = Vec::new();
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
            // Every summary is made again with the new config anyway.
            self.reload_configs();
            return;
        }
        let mut touched = Vec::new();
        for path in gone {
            let name = path.display().to_string();
            if let Some(i) = self.folder_of(&path) {
                self.folders[i].set(name, None);
                touched.push(i);
            }
        }
        touched.dedup();
        for i in touched {
            self.refresh_corpus(i, None);
        }
        self.refresh_from_disk(changed);
    }

    /// Summarises again from disk the files of `paths` that are articles of a folder and not open.
    fn refresh_from_disk(&mut self, paths: Vec<PathBuf>) {
        let mut by_folder: BTreeMap<usize, Vec<(PathBuf, String, Format)>> = BTreeMap::new();
        for path in paths {
            let name = path.display().to_string();
            let open = self
                .docs
                .values()
                .any(|d| d.name == name && d.format.is_some());
            if let (false, Some(i), Some(format)) =
                (open, self.folder_of(&path), Format::from_path(&path))
            {
                by_folder.entry(i).or_default().push((path, name, format));
            }
        }
        for (i, files) in by_folder {
            let ws = &self.folders[i];
            if ws.wanted() {
                let _ = self.indexer.send(IndexJob {
                    root: ws.root.clone(),
                    generation: ws.generation,
                    files: Some(files),
                    checker: ws.checker.clone(),
                });
            }
        }
    }

    fn did_change_folders(&mut self, p: lsp::DidChangeWorkspaceFoldersParams) {
        for removed in p.event.removed.iter().filter_map(|f| file_path(&f.uri)) {
            self.folders.retain(|w| w.root != removed);
        }
        for added in p.event.added.iter().filter_map(|f| file_path(&f.uri)) {
            self.add_folder(added);
            self.index(self.folders.len() - 1);
        }
        // Cross-file findings of the folders that went are dropped with the next checks.
        let now = Instant::now();
        for doc in self.docs.values().filter(|d| d.format.is_some()) {
            self.due.insert(doc.uri.clone(), now);
        }
    }

    // Configs.

    /// The checker of a document at `path` (or, for a document that is no file, of the first
    /// workspace folder).
    fn checker_for(&mut self, path: Option<&Path>) -> Arc<Checker> {
        let dir = match path {
            Some(p) => p.parent().map(Path::to_path_buf),
            None => self.folders.first().map(|w| w.root.clone()),
        };
        let checker = self.configs.for_dir(dir.as_deref());
        self.publish_config_errors();
        checker
    }

    /// Reads every config again, rebuilds the folders whose config changed, and checks every
    /// open document again.
    fn reload_configs(&mut self) {
        self.configs.reload();
        self.publish_config_errors();
        for i in 0..self.folders.len() {
            let checker = self.configs.for_dir(Some(&self.folders[i].root.clone()));
            if !Arc::ptr_eq(&checker, &self.folders[i].checker) {
                self.generation += 1;
                self.folders[i].restart(checker, self.generation);
                self.index(i);
            }
        }
        let now = Instant::now();
        for doc in self.docs.values().filter(|d| d.format.is_some()) {
            self.due.insert(doc.uri.clone(), now);
        }
    }

    /// Shows each config error as a diagnostic on its file, and clears those fixed.
    fn publish_config_errors(&mut self) {
        let mut now: BTreeMap<PathBuf, Vec<lsp::Diagnostic>> = BTreeMap::new();
        for (path, errors) in self.configs.errors() {
            let diags = errors
                .iter()
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
                self.send(Notification::new(
                    "window/showMessage".into(),
                    lsp::ShowMessageParams {
                        typ: MessageType::WARNING,
                        message,
                    },
                ));
            }
            if let Some(uri) = file_uri(path) {
                self.publish_raw(uri, diags.clone(), None);
            }
        }
        self.config_errors = now;
    }

    // Requests.

    /// The findings of a document's text as it is now: the last check's, or a check made now when
    /// a newer version is still waiting for its own.
    fn findings_now(&mut self, uri: &Uri) -> Option<(Format, Arc<Checker>, Vec<Diagnostic>)> {
        let doc = self.docs.get(uri)?;
        let format = doc.format?;
        let path = doc.path.clone();
        let fresh = doc
            .current()
            .is_none()
            .then(|| (doc.name.clone(), doc.text.clone()));
        let checker = self.checker_for(path.as_deref());
        let findings = match fresh {
            Some((name, text)) => checker.check(&name, text, format, false).0,
            None => {
                let checked = self.docs[uri].current()?;
                checked.all().into_iter().cloned().collect()
            }
        };
        Some((format, checker, findings))
    }

    fn code_action(&mut self, p: lsp::CodeActionParams) -> Option<Vec<lsp::CodeActionOrCommand>> {
        let uri = p.text_document.uri;
        let (format, checker, findings) = self.findings_now(&uri)?;
        let doc = &self.docs[&uri];
        let lines = doc.lines(self.encoding);
        let cx = actions::Context {
            doc,
            format,
            lines,
            checker: &checker,
            document_changes: self.document_changes,
        };
        let refs: Vec<&Diagnostic> = findings.iter().collect();
        let lsp = |d: &Diagnostic| self.to_lsp(d, doc, &lines, &checker);
        let found = actions::actions(&cx, &refs, p.range, p.context.only.as_deref(), &lsp);
        Some(found)
    }

    fn hover(&mut self, p: lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = p.text_document_position_params.text_document.uri;
        let (_, checker, findings) = self.findings_now(&uri)?;
        let doc = &self.docs[&uri];
        let refs: Vec<&Diagnostic> = findings.iter().collect();
        let position = p.text_document_position_params.position;
        hover::hover(
            &refs,
            &doc.lines(self.encoding),
            position,
            &checker,
            self.markdown_hover,
        )
    }

    // Output.

    /// Publishes a document's current findings.
    fn publish(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let Some(checked) = doc.current() else { return };
        let version = checked.version;
        let checker = self.checker_for(doc.path.clone().as_deref());
        let doc = &self.docs[uri];
        let lines = doc.lines(self.encoding);
        let diags = doc
            .current()
            .map(|c| {
                c.all()
                    .into_iter()
                    .map(|d| self.to_lsp(d, doc, &lines, &checker))
                    .collect()
            })
            .unwrap_or_default();
        self.publish_raw(uri.clone(), diags, Some(version));
    }

    fn to_lsp(
        &self,
        d: &Diagnostic,
        doc: &Document,
        lines: &Lines,
        checker: &Checker,
    ) -> lsp::Diagnostic {
        let docs = match checker.rule_home(&d.rule) {
            Some(RuleHome::BuiltIn) => diagnostics::builtin_rule_docs(&d.rule),
            Some(RuleHome::File(path)) => file_uri(&path),
            None => None,
        };
        let mut read: HashMap<String, Option<(String, Vec<usize>)>> = HashMap::new();
        let encoding = self.encoding;
        let mut elsewhere = |path: &str, at: &Location| -> Option<lsp::Location> {
            let uri = file_uri(Path::new(path))?;
            if let Some(open) = self.docs.values().find(|o| o.name == path) {
                return Some(lsp::Location::new(
                    open.uri.clone(),
                    open.lines(encoding).range(at.span()),
                ));
            }
            let (text, starts) = read
                .entry(path.to_string())
                .or_insert_with(|| {
                    let text = std::fs::read_to_string(path).ok()?;
                    let starts = line_starts(&text);
                    Some((text, starts))
                })
                .as_ref()?;
            Some(lsp::Location::new(
                uri,
                Lines::new(text, starts, encoding).range(at.span()),
            ))
        };
        diagnostics::to_lsp(d, lines, &doc.uri, docs, self.shown, &mut elsewhere)
    }

    fn publish_raw(&self, uri: Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        self.send(Notification::new(
            "textDocument/publishDiagnostics".into(),
            lsp::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        ));
    }

    fn log(&self, typ: MessageType, message: String) {
        self.send(Notification::new(
            "window/logMessage".into(),
            lsp::LogMessageParams { typ, message },
        ));
    }

    fn send(&self, message: impl Into<Message>) {
        let _ = self.out.send(Outbound::Message(message.into()));
    }
}

fn params<P: DeserializeOwned>(n: Notification) -> Result<P, serde_json::Error> {
    serde_json::from_value(n.params)
}

/// The response to `req`: its parameters read, `handle` run, its result sent back.
fn answer<P: DeserializeOwned, R: serde::Serialize>(
    req: Request,
    handle: impl FnOnce(P) -> R,
) -> Response {
    match serde_json::from_value::<P>(req.params) {
        Ok(p) => Response::new_ok(req.id, handle(p)),
        Err(e) => error(req.id, ErrorCode::InvalidParams, e.to_string()),
    }
}

fn error(id: RequestId, code: ErrorCode, message: String) -> Response {
    Response::new_err(id, code as i32, message)
}
