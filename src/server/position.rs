//! Byte offsets ↔ LSP positions. copydesk points at text with byte spans; the protocol counts a
//! position as a 0-based line and a character offset in the negotiated encoding: UTF-16 code units
//! by default, bytes when the client offers `utf-8` (`general.positionEncodings`, LSP 3.17).
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says, so a position agrees with the
//! editor's even on old Mac line endings.

use crate::span::Span;
use lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The encoding to use with a client offering `offered`: UTF-8 when it can (our spans are
    /// bytes, so nothing to count), else UTF-16, which every client must accept.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A text with its line starts, for converting positions both ways.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    text: &'a str,
    starts: &'a [usize],
    encoding: Encoding,
}

/// The byte offset of every line start of `text`.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        // `\r\n` is one break, counted at its `\n`.
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            continue;
        }
        starts.push(i + 1);
    }
    starts
}

impl<'a> Lines<'a> {
    /// `starts` must be [`line_starts`] of `text`.
    pub fn new(text: &'a str, starts: &'a [usize], encoding: Encoding) -> Self {
        debug_assert_eq!(starts.first(), Some(&0));
        Lines {
            text,
            starts,
            encoding,
        }
    }

    /// The position of byte `offset`; an offset past the end or inside a character is taken back
    /// to the nearest character boundary before it.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of `position`. As the protocol says, a character past the end of its line
    /// means the end of the line, and a line past the end of the text the end of the text; a
    /// position inside a character (half of a surrogate pair) is taken to the character's start.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self.line_end(position.line as usize);
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            units += self.encoding.width(c);
            if units > position.character as usize {
                return start + i;
            }
        }
        end
    }

    pub fn span(&self, range: Range) -> Span {
        let start = self.offset(range.start);
        Span::new(start, self.offset(range.end).max(start))
    }

    /// The byte span of line `index` without its line break.
    pub fn line(&self, index: usize) -> Span {
        Span::new(self.starts[index], self.line_end(index))
    }

    /// Where line `index`'s text ends: before its line break.
    fn line_end(&self, index: usize) -> usize {
        let Some(&next) = self.starts.get(index + 1) else {
            return self.text.len();
        };
        let bytes = self.text.as_bytes();
        let mut end = next;
        if end > self.starts[index] && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > self.starts[index] && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, encoding: Encoding) -> (Vec<usize>, Encoding) {
        (line_starts(text), encoding)
    }

    #[test]
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        let text = "é😀x\nab";
        for (encoding, x) in [(Encoding::Utf16, 3), (Encoding::Utf8, 6)] {
            let (starts, enc) = lines(text, encoding);
            let l = Lines::new(text, &starts, enc);
            let at_x = text.find('x').unwrap();
            assert_eq!(l.position(at_x), Position::new(0, x));
            assert_eq!(l.offset(Position::new(0, x)), at_x);
            assert_eq!(l.position(text.len()), Position::new(1, 2));
        }
    }

    #[test]
    fn out_of_range_positions_clamp_as_the_protocol_says() {
        let text = "one\r\ntwo\rthree";
        let starts = line_starts(text);
        assert_eq!(starts, [0, 5, 9]);
        let l = Lines::new(text, &starts, Encoding::Utf16);
        assert_eq!(
            l.offset(Position::new(0, 99)),
            3,
            "end of line, before \\r\\n"
        );
        assert_eq!(l.offset(Position::new(1, 99)), 8);
        assert_eq!(l.offset(Position::new(7, 0)), text.len());
        // Inside a surrogate pair: the character's start.
        let text = "a😀b";
        let starts = line_starts(text);
        let l = Lines::new(text, &starts, Encoding::Utf16);
        assert_eq!(l.offset(Position::new(0, 2)), 1);
        // Inside a character's bytes: the boundary before it.
        assert_eq!(l.position(2), Position::new(0, 1));
    }

    #[test]
    fn negotiation_prefers_utf8_and_defaults_to_utf16() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
    }
}
