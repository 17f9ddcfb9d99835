//! The wire: JSON-RPC messages framed by `Content-Length` headers, read from one stream and
//! written to another on their own threads, so that the main loop sees whole messages only.
//!
//! lsp-server's stdio transport gives up at the first payload that is not a JSON-RPC message; a
//! language server must not take the editor's session down over one bad message. This reader
//! answers it and reads on: unparseable JSON gets a `ParseError` with a null id and a JSON object
//! that is no message an `InvalidRequest` (with its id when it has one), as JSON-RPC 2.0 says.
//! Only the end of the input, or a header the stream cannot be framed past, stops it.

use lsp_server::{ErrorCode, Message, RequestId, Response};
use serde_json::Value;
use std::io::{self, BufRead, Write};
use std::sync::mpsc::{Receiver, Sender};
use std::thread::JoinHandle;

/// What the reader delivers.
#[derive(Debug)]
pub enum Inbound {
    Message(Message),
    /// The input ended (or could no longer be framed, with the reason).
    Closed(Option<String>),
}

/// What the writer writes.
#[derive(Debug)]
pub enum Outbound {
    Message(Message),
    /// An error response to a message whose id could not be read (`"id": null`).
    Unanswerable {
        code: ErrorCode,
        message: String,
    },
    /// The session is over: stop once everything before this is written.
    Close,
}

impl<M: Into<Message>> From<M> for Outbound {
    fn from(m: M) -> Self {
        Outbound::Message(m.into())
    }
}

/// Reads messages from `input` until it ends, handing each to `deliver`; replies to broken ones
/// through `reply`. Stops early when `deliver` returns false (the server is gone).
pub fn spawn_reader(
    mut input: impl BufRead + Send + 'static,
    deliver: impl Fn(Inbound) -> bool + Send + 'static,
    reply: Sender<Outbound>,
) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name("copydesk-lsp-reader".into())
        .spawn(move || {
            loop {
                let inbound = match read_frame(&mut input) {
                    Ok(None) => Inbound::Closed(None),
                    Err(e) => Inbound::Closed(Some(e.to_string())),
                    Ok(Some(body)) => match decode(&body) {
                        Ok(message) => Inbound::Message(message),
                        Err(answer) => {
                            let _ = reply.send(answer);
                            continue;
                        }
                    },
                };
                let closed = matches!(inbound, Inbound::Closed(_));
                if !deliver(inbound) || closed {
                    return;
                }
            }
        })
        .expect("a thread can be started")
}

/// Writes what it receives to `output` until told to close, or the output fails (the client is
/// gone: nothing more can be said to it).
pub fn spawn_writer(
    mut output: impl Write + Send + 'static,
    rx: Receiver<Outbound>,
) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name("copydesk-lsp-writer".into())
        .spawn(move || {
            for out in rx {
                let written = match out {
                    Outbound::Message(m) => m.write(&mut output),
                    Outbound::Unanswerable { code, message } => {
                        let body = serde_json::json!({
                            "jsonrpc": "2.0",
                            "id": null,
                            "error": {"code": code as i32, "message": message},
                        });
                        write!(
                            output,
                            "Content-Length: {}\r\n\r\n{body}",
                            body.to_string().len()
                        )
                        .and_then(|()| output.flush())
                    }
                    Outbound::Close => return,
                };
                if written.is_err() {
                    return;
                }
            }
        })
        .expect("a thread can be started")
}

/// One frame's body: headers up to an empty line, then `Content-Length` bytes. `None` at the end
/// of the input between frames.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut headers = 0;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return match headers {
                0 => Ok(None),
                _ => Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the input ended inside a message header",
                )),
            };
        }
        // Lenient with a bare `\n`: some clients and hand-written tests send it.
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if headers == 0 {
                // A stray empty line between frames.
                continue;
            }
            break;
        }
        headers += 1;
        let (name, value) = header.split_once(':').ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("malformed message header {header:?}"),
            )
        })?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse::<usize>().map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("bad Content-Length {:?}", value.trim()),
                )
            })?);
        }
    }
    let length = length.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "a message without Content-Length",
        )
    })?;
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

/// The message in `body`, or the error response it deserves.
fn decode(body: &[u8]) -> Result<Message, Outbound> {
    let value: Value = serde_json::from_slice(body).map_err(|e| Outbound::Unanswerable {
        code: ErrorCode::ParseError,
        message: format!("not JSON: {e}"),
    })?;
    let id = value.get("id").cloned();
    serde_json::from_value::<Message>(value).map_err(|e| {
        let message = format!("not a JSON-RPC request, response or notification: {e}");
        match id.and_then(|id| serde_json::from_value::<RequestId>(id).ok()) {
            Some(id) => Response::new_err(id, ErrorCode::InvalidRequest as i32, message).into(),
            None => Outbound::Unanswerable {
                code: ErrorCode::InvalidRequest,
                message,
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Result<Message, String>> {
        let mut reader = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Ok(Some(body)) = read_frame(&mut reader) {
            out.push(decode(&body).map_err(|o| format!("{o:?}")));
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_messages_are_answered_and_reading_goes_on() {
        let input = [
            frame("{not json"),
            frame(r#"{"id": 7, "params": {}}"#),
            frame(r#"{"jsonrpc": "2.0", "method": "exit"}"#),
        ]
        .concat();
        let got = frames(&input);
        assert_eq!(got.len(), 3);
        assert!(
            matches!(&got[0], Err(e) if e.contains("ParseError")),
            "{got:?}"
        );
        assert!(
            matches!(&got[1], Err(e) if e.contains("-32600") && e.contains("I32(7)")),
            "{got:?}"
        );
        assert!(matches!(&got[2], Ok(Message::Notification(n)) if n.method == "exit"));
    }

    #[test]
    fn headers_are_case_insensitive_and_a_missing_length_stops_framing() {
        let input = "content-length: 2\r\nContent-Type: x\r\n\r\n{}";
        let mut reader = io::Cursor::new(input.as_bytes().to_vec());
        assert_eq!(read_frame(&mut reader).unwrap(), Some(b"{}".to_vec()));
        assert_eq!(read_frame(&mut reader).unwrap(), None);
        let mut reader = io::Cursor::new(b"X-Other: 1\r\n\r\n{}".to_vec());
        assert!(read_frame(&mut reader).is_err());
    }
}
