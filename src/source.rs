//! A file's text as it is on disk, with a line index for turning byte offsets into positions.
//!
//! Loading decides what is not an article: binary files (a NUL byte) and text that is not UTF-8
//! are refused with an [`InputError`] that names the file and the position, never decoded lossily,
//! because byte offsets in diagnostics (and fixes) must point into the real file.

use crate::diagnostic::Location;
use crate::error::InputError;
use crate::span::Span;
use std::path::Path;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct Source {
    /// The path as the user should see it (relative paths stay relative; `-` is standard input).
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it)` every [`CHECKPOINT`] bytes, computed when the first
    /// position is asked for: a column is then counted over a few KiB at most, however long its
    /// line and in whatever order positions come (each check reports in its own order), so a
    /// one-line file with many findings stays linear.
    checkpoints: OnceLock<Vec<(usize, usize)>>,
}

/// A position in a file: 1-based line and column, columns counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Bytes between two column checkpoints (see [`Source::position`]).
const CHECKPOINT: usize = 4096;

/// How much of a file is read to tell binary data and UTF-16 from text, as git and ripgrep do.
const SNIFF: usize = 8192;

/// UTF-16 text: named as such, so that the user converts it instead of hearing "binary".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Utf16 {
    little_endian: bool,
    has_bom: bool,
}

impl Utf16 {
    /// UTF-16 by its byte-order mark, or without one by its shape: the first 8 KiB decode as
    /// UTF-16 without an unpaired surrogate or a control character other than white space, and
    /// (the usual case, text in a Latin or Cyrillic script) many of their high bytes are zero.
    fn detect(bytes: &[u8]) -> Option<Utf16> {
        match bytes {
            [0xFF, 0xFE, ..] => {
                return Some(Utf16 {
                    little_endian: true,
                    has_bom: true,
                });
            }
            [0xFE, 0xFF, ..] => {
                return Some(Utf16 {
                    little_endian: false,
                    has_bom: true,
                });
            }
            _ => {}
        }
        let sample = &bytes[..bytes.len().min(SNIFF) & !1];
        if sample.len() < 4 {
            return None;
        }
        let zeros_at = |parity: usize| {
            sample
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let (even, odd) = (zeros_at(0), zeros_at(1));
        let pairs = sample.len() / 2;
        // The high byte of each unit is zero for ASCII: in little-endian order it comes second.
        // At least half the high bytes, and almost none of the low ones (a NUL character).
        let mostly = |zeros: usize| zeros * 2 >= pairs;
        let hardly = |zeros: usize| zeros * 16 <= pairs;
        let little_endian = match (even, odd) {
            (e, o) if hardly(e) && mostly(o) => true,
            (e, o) if mostly(e) && hardly(o) => false,
            _ => return None,
        };
        let units = sample.chunks_exact(2).map(|p| {
            if little_endian {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let text_like = char::decode_utf16(units).enumerate().all(|(i, c)| match c {
            Ok(c) => !c.is_control() || c.is_whitespace(),
            // A surrogate pair cut by the end of the sample is not a fault of the file.
            Err(_) => i + 1 >= pairs,
        });
        text_like.then_some(Utf16 {
            little_endian,
            has_bom: false,
        })
    }

    /// The encoding's name as iconv spells it.
    fn name(self) -> &'static str {
        match (self.has_bom, self.little_endian) {
            (true, _) => "UTF-16",
            (false, true) => "UTF-16LE",
            (false, false) => "UTF-16BE",
        }
    }
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
            checkpoints: OnceLock::new(),
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

    /// Decodes `bytes` read from `path`, refusing binary data, UTF-16 and invalid UTF-8.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, InputError> {
        let path = path.into();
        if let Some(utf16) = Utf16::detect(&bytes) {
            return Err(InputError::utf16(&path, utf16.name(), utf16.has_bom));
        }
        // Like git and ripgrep: a NUL byte in the first 8 KiB means binary.
        if let Some(at) = bytes.iter().take(SNIFF).position(|&b| b == 0) {
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
        // A span never starts inside a character, but be safe with any offset we are given.
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        // A byte-order mark is not a column: the first line's columns count from after it.
        let start = if line == 0 {
            crate::markup::skip_bom(&self.text).min(offset)
        } else {
            start
        };
        // Most lines are short: counting from the line's start reads fewer bytes than counting
        // from the checkpoints before both ends (up to twice a checkpoint's worth).
        let chars = if offset - start <= CHECKPOINT {
            self.text[start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        Position {
            line: line + 1,
            column: chars + 1,
        }
    }

    /// The characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let points = self.checkpoints.get_or_init(|| {
            let text = &self.text;
            let mut points = vec![(0, 0)];
            let (mut at, mut chars) = (0, 0);
            while at + CHECKPOINT < text.len() {
                let mut next = at + CHECKPOINT;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                chars += text[at..next].chars().count();
                points.push((next, chars));
                at = next;
            }
            points
        });
        let (byte, chars) = points[points.partition_point(|p| p.0 <= offset) - 1];
        chars + self.text[byte..offset].chars().count()
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
    fn columns_on_long_lines_agree_with_counting_in_any_order() {
        // Several checkpoints on one line, multi-byte characters across their boundaries.
        let text = "é€a".repeat(5000) + "\nab" + &"😀".repeat(3000);
        let src = Source::new("l.txt", text.clone());
        let naive = |o: usize| {
            let line_start = text[..o].rfind('\n').map_or(0, |i| i + 1);
            Position {
                line: text[..o].matches('\n').count() + 1,
                column: text[line_start..o].chars().count() + 1,
            }
        };
        let offsets = (0..=text.len()).rev().filter(|&o| text.is_char_boundary(o));
        for o in offsets
            .step_by(97)
            .chain([0, 4096, 4097, 30000, text.len()])
        {
            let o = (0..=o).rev().find(|&b| text.is_char_boundary(b)).unwrap();
            assert_eq!(src.position(o), naive(o), "offset {o}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let src = Source::new("b.txt", "\u{feff}ab\ncd".to_string());
        assert_eq!(src.position(3), Position { line: 1, column: 1 });
        assert_eq!(src.position(4), Position { line: 1, column: 2 });
        assert_eq!(src.position(0), Position { line: 1, column: 1 });
        assert_eq!(src.position(7), Position { line: 2, column: 2 });
    }

    #[test]
    fn utf16_is_named_with_or_without_a_byte_order_mark() {
        let encode = |text: &str, little: bool, bom: bool| {
            let mut bytes = Vec::new();
            for unit in bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16()) {
                let pair = if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend(pair);
            }
            bytes
        };
        let text = "One two (three) “four”.\r\nПять шесть.\n";
        for (little, bom, name) in [
            (true, true, "UTF-16"),
            (false, true, "UTF-16"),
            (true, false, "UTF-16LE"),
            (false, false, "UTF-16BE"),
        ] {
            let err = Source::from_bytes("u.txt", encode(text, little, bom)).unwrap_err();
            assert!(err.message.contains("is UTF-16 text"), "{}", err.message);
            let help = err.help.unwrap();
            assert!(
                help.contains(&format!("iconv -f {name} -t UTF-8 u.txt")),
                "{help}"
            );
        }
        // Binary data with zero bytes is not UTF-16 text.
        let err =
            Source::from_bytes("b.bin", vec![0x01, 0, 0x02, 0, 0x03, 0, 0x1b, 0]).unwrap_err();
        assert!(err.message.contains("binary"), "{}", err.message);
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
