//! Problems with the input rather than with the article: unreadable or binary files, text that is
//! not UTF-8, broken rule files and config. Each names its file and, where there is one, the
//! position, so that it can be rendered like any diagnostic. They make the exit code 2 but never
//! stop the run.

use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
    /// Where in `text` the problem is, when it has a position.
    pub span: Option<Span>,
    /// The file's text for rendering the position (lossily decoded when it was not UTF-8: the
    /// bytes before the first invalid one are exact, which is all a span into it needs).
    pub text: Option<String>,
    /// A label for the span, when the message alone does not say it.
    pub label: Option<String>,
    pub help: Option<String>,
}

impl InputError {
    pub fn new(path: &str, message: impl Into<String>) -> Self {
        InputError {
            path: path.to_string(),
            message: message.into(),
            span: None,
            text: None,
            label: None,
            help: None,
        }
    }

    /// Points the error at `span` of `text` (the file's content).
    pub fn at(mut self, text: &str, span: Span, label: impl Into<String>) -> Self {
        self.text = Some(text.to_string());
        self.span = Some(span);
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn io(path: &str, err: &std::io::Error) -> Self {
        InputError::new(path, format!("cannot read `{path}`: {}", io_reason(err)))
    }

    pub fn binary(path: &str, at: usize) -> Self {
        InputError::new(
            path,
            format!("`{path}` is a binary file (NUL byte at offset {at}); skipped"),
        )
    }

    /// A file in UTF-16 (`encoding` as iconv names it), refused with the command that converts it.
    pub fn utf16(path: &str, encoding: &str, has_bom: bool) -> Self {
        let how = if has_bom {
            "a UTF-16 byte-order mark"
        } else {
            "its zero bytes"
        };
        InputError::new(
            path,
            format!("`{path}` is UTF-16 text ({how}), not UTF-8; skipped"),
        )
        .with_help(format!(
            "copydesk reads UTF-8 only, so that every position it reports is exact; \
             convert the file first: `iconv -f {encoding} -t UTF-8 {path} > converted.txt`"
        ))
    }

    pub fn not_utf8(path: &str, bytes: &[u8], at: usize) -> Self {
        let text = String::from_utf8_lossy(bytes);
        let bad = bytes[at];
        let end = at + text[at..].chars().next().map_or(1, char::len_utf8);
        InputError::new(
            path,
            format!("`{path}` is not valid UTF-8 (byte 0x{bad:02X}); skipped"),
        )
        .at(&text, Span::new(at, end), "not UTF-8")
        .with_help(
            "copydesk reads UTF-8 only, so that every position it reports is exact; \
                 convert the file first, e.g. `iconv -f windows-1252 -t utf-8`",
        )
    }

    /// A `toml` parse or deserialisation error, pointing at the key or value it names.
    pub fn toml(path: &str, text: &str, err: &toml::de::Error) -> Self {
        let message = err.message().trim_end().to_string();
        let error = InputError::new(path, format!("`{path}`: {message}"));
        match err.span() {
            Some(r) => error.at(text, clamp(Span::new(r.start, r.end), text), message),
            None => error,
        }
    }
}

/// Makes a span safe to render: inside the text and on character boundaries.
pub fn clamp(span: Span, text: &str) -> Span {
    Span::new(
        crate::span::floor_boundary(text, span.start),
        crate::span::ceil_boundary(text, span.end.max(span.start)),
    )
}

fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}
