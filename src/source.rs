//! A file's text as it is on disk, with a line index for turning byte offsets into positions.
//!
//! Loading decides what is not an article: binary files (a NUL byte) and text that is not UTF-8
//! are refused with an [`InputError`] that names the file and the position, never decoded lossily,
//! because byte offsets in diagnostics (and fixes) must point into the real file.

use crate::diagnostic::Location;
use crate::error::InputError;
use crate::span::Span;
use std::path::Path;
use std::sync::Mutex;

#[derive(Debug)]
pub struct Source {
    /// The path as the user should see it (relative paths stay relative; `-` is standard input).
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// The last column computed, `(byte offset, characters since its line start)`: positions are
    /// asked for in increasing order within a line, so counting on from here keeps a file with
    /// many findings on one long line linear instead of quadratic.
    last_column: Mutex<(usize, usize)>,
}

/// A position in a file: 1-based line and column, columns counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Source {
    pub fn new(path: impl Into<String>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Source {
            path: path.into(),
            text,
            line_starts,
            last_column: Mutex::new((0, 0)),
        }
    }

    /// The positions of `span` (in file coordinates), as the JSON contract spells them.
    pub fn location(&self, span: Span) -> Location {
        let start = self.position(span.start);
        let end = self.position(span.end);
        Location {
            start: span.start,
            end: span.end,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }

    /// Decodes `bytes` read from `path`, refusing binary data and invalid UTF-8.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, InputError> {
        let path = path.into();
        // Like git and ripgrep: a NUL byte in the first 8 KiB means binary.
        if let Some(at) = bytes.iter().take(8192).position(|&b| b == 0) {
            return Err(InputError::binary(&path, at));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(path, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                Err(InputError::not_utf8(&path, &bytes, at))
            }
        }
    }

    pub fn read(path: &Path, display: impl Into<String>) -> Result<Self, InputError> {
        let display = display.into();
        match std::fs::read(path) {
            Ok(bytes) => Source::from_bytes(display, bytes),
            Err(e) => Err(InputError::io(&display, &e)),
        }
    }

    /// The 0-based index of the line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The bytes of line `index` (0-based), without its line break.
    pub fn line_span(&self, index: usize) -> Span {
        let start = self.line_starts[index];
        let mut end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&s| s - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let mut last = self.last_column.lock().unwrap_or_else(|e| e.into_inner());
        let (from, counted) = if last.0 >= start && last.0 <= offset {
            *last
        } else {
            (start, 0)
        };
        // A span never starts inside a character, but be safe with any offset we are given.
        let chars = self
            .text
            .get(from..offset)
            .map_or(offset - from, |s| s.chars().count())
            + counted;
        *last = (offset, chars);
        let column = chars + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let src = Source::new("a.txt", "ab\n“x” y\n".to_string());
        assert_eq!(src.position(0), Position { line: 1, column: 1 });
        assert_eq!(src.position(3), Position { line: 2, column: 1 });
        let y = src.text.find('y').unwrap();
        assert_eq!(src.position(y), Position { line: 2, column: 5 });
        assert_eq!(src.line_span(1), Span::new(3, src.text.len() - 1));
    }

    #[test]
    fn cached_columns_agree_in_any_order() {
        let src = Source::new("l.txt", "é".repeat(50) + "\nab");
        let fresh = |o: usize| Source::new("l.txt", src.text.clone()).position(o);
        for o in [20, 40, 10, 100, 0, 102, 101, 60] {
            assert_eq!(src.position(o), fresh(o), "offset {o}");
        }
    }

    #[test]
    fn binary_and_invalid_utf8_are_refused_with_a_position() {
        let err = Source::from_bytes("b.txt", b"abc\0def".to_vec()).unwrap_err();
        assert!(err.message.contains("binary"), "{}", err.message);
        let err = Source::from_bytes("c.txt", b"caf\xe9 au lait\n".to_vec()).unwrap_err();
        // The span is into the text as rendered, where the bad byte shows as U+FFFD (3 bytes).
        assert_eq!(err.span, Some(Span::new(3, 6)));
        assert!(err.message.contains("0xE9"), "{}", err.message);
    }

    #[test]
    fn crlf_lines_exclude_the_carriage_return() {
        let src = Source::new("d.txt", "one\r\ntwo".to_string());
        assert_eq!(src.slice(src.line_span(0)), "one");
        assert_eq!(src.slice(src.line_span(1)), "two");
    }
}
