//! `copydesk server`: a Language Server Protocol server on standard input and output, so that
//! every editor with an LSP client shows copydesk's findings as the copy is typed.
//!
//! What it serves: diagnostics for Markdown, plain-text and HTML documents on open and after each
//! change (debounced; a newer version always wins), the same as `copydesk check` prints for the
//! file (nearest config, built-in and house rules, inline suppressions); names spelled differently
//! across the workspace folder's files; quick fixes, a suppression comment and "fix all" as code
//! actions; the rule's explanation on hover; broken configs shown on the config file, reloaded
//! when they change.
//!
//! How: synchronous, on threads (no async runtime): a reader and a writer on the two streams
//! ([`transport`]), one main loop that owns every document and answers every request
//! ([`session`]), one thread that checks documents, one that summarises the workspace's files and
//! one that runs the cross-file pass over them ([`workers`]). A panic while checking is caught and logged; the server goes on. The library
//! never prints: everything goes to the client, logs as `window/logMessage`.

mod actions;
mod check;
mod config;
mod diagnostics;
mod documents;
mod edits;
mod hover;
mod position;
mod session;
mod transport;
mod workers;
mod workspace;

use lsp_server::{ErrorCode, Message, RequestId, Response};
use lsp_types::InitializeParams;
use std::io::{BufRead, Write};
use std::sync::mpsc::{Receiver, Sender, channel};
use transport::{Inbound, Outbound};

/// Everything the main loop waits for.
pub(crate) enum Event {
    Client(Inbound),
    Checked(workers::CheckDone),
    Indexed(workers::Indexed),
    Passed(workers::Passed),
}

/// Serves on standard input and output until the client says `exit`; returns the exit code
/// (0 after a `shutdown` request, 1 otherwise, as the protocol asks).
pub fn run() -> u8 {
    serve(std::io::BufReader::new(std::io::stdin()), std::io::stdout())
}

/// Serves one client speaking on `input` and listening on `output`.
pub fn serve(input: impl BufRead + Send + 'static, output: impl Write + Send + 'static) -> u8 {
    let (events_tx, events) = channel::<Event>();
    let (out, out_rx) = channel::<Outbound>();
    let writer = transport::spawn_writer(output, out_rx);
    let deliver = events_tx.clone();
    // The reader is left blocked on the input when the session ends; the process exits after.
    transport::spawn_reader(
        input,
        move |m| deliver.send(Event::Client(m)).is_ok(),
        out.clone(),
    );
    let code = match wait_for_initialize(&events, &out) {
        Some((id, params)) => {
            let mut session = session::Session::new(params, out.clone(), events_tx);
            let _ = out.send(Response::new_ok(id, session.initialize_result()).into());
            session.run(&events)
        }
        None => 1,
    };
    // Everything said so far is written before the process ends.
    let _ = out.send(Outbound::Close);
    let _ = writer.join();
    code
}

/// Waits for the `initialize` request, answering any other request with the error the protocol
/// asks for. `None`: the client left (or said `exit`) first.
fn wait_for_initialize(
    events: &Receiver<Event>,
    out: &Sender<Outbound>,
) -> Option<(RequestId, InitializeParams)> {
    for event in events {
        let Event::Client(inbound) = event else {
            continue;
        };
        match inbound {
            Inbound::Message(Message::Request(req)) if req.method == "initialize" => {
                match serde_json::from_value(req.params) {
                    Ok(params) => return Some((req.id, params)),
                    Err(e) => reply_error(out, req.id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            Inbound::Message(Message::Request(req)) => reply_error(
                out,
                req.id,
                ErrorCode::ServerNotInitialized,
                format!("`{}` before `initialize`", req.method),
            ),
            Inbound::Message(Message::Notification(n)) if n.method == "exit" => return None,
            Inbound::Message(_) => {}
            Inbound::Closed(_) => return None,
        }
    }
    None
}

fn reply_error(out: &Sender<Outbound>, id: RequestId, code: ErrorCode, message: String) {
    let _ = out.send(Response::new_err(id, code as i32, message).into());
}
