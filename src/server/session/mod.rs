//! The main loop: one thread that owns the open documents, the configs and the workspace
//! folders, answers the client's requests, takes its notifications, starts checks when their
//! debounce delay is over, and publishes what the background threads send back.
//!
//! Every message is handled under `catch_unwind`: a request that panics gets an `InternalError`
//! response and the session goes on.
//!
//! The handlers are grouped by what they look after: the documents and their checks
//! ([`checks`]), the workspace folders and the configs ([`folders`]), the requests about a
//! document ([`requests`]).

mod checks;
mod folders;
mod requests;

use super::Event;
use super::actions::FIX_ALL;
use super::config::Configs;
use super::diagnostics::Shown;
use super::documents::{Document, file_path};
use super::position::Encoding;
use super::transport::{Inbound, Outbound};
use super::workers::{self, CheckJob, IndexJob, PassJob};
use super::workspace::Workspace;
use crate::guard::catch as guarded;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{self as lsp, MessageType, Uri};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
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
    passer: Sender<PassJob>,
    shutdown: bool,
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
            indexer: workers::spawn_indexer(events.clone()),
            passer: workers::spawn_passer(events),
            shutdown: false,
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
            Event::Passed(passed) => self.on_passed(passed),
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
            // The one request the server makes; the answer is only logged if it is an error.
            let id = RequestId::from("copydesk-register-watchers".to_string());
            let params = lsp::RegistrationParams {
                registrations: vec![registration],
            };
            self.send(Request::new(id, "client/registerCapability".into(), params));
        }
        for i in 0..self.folders.len() {
            self.index(i);
        }
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
