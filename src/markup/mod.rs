//! Markup → prose: which bytes of a file are article text, and how they split into blocks.
//!
//! Every format produces a [`Prose`]: the prose text plus its blocks (paragraphs, headings, list
//! items). Plain text and Markdown keep the file's byte offsets exactly: Markdown syntax, code,
//! HTML and front matter are painted out with spaces (line breaks kept), so a span into the prose
//! is a span into the file. Formats whose decoding changes lengths (HTML entities) record an
//! [`OffsetMap`] that the engine applies once to every reported span.

pub mod directive;
mod html;
mod markdown;
mod plain;

use crate::span::Span;
use std::borrow::Cow;
use std::path::Path;

pub use plain::{is_list_item, skip_bom, split_paragraphs};

/// An article format; in rule examples spelled `text`, `markdown` or `html`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    #[serde(rename = "text", alias = "plain", alias = "txt")]
    Plain,
    #[serde(alias = "md")]
    Markdown,
    #[serde(alias = "htm")]
    Html,
}

impl Format {
    /// The format a file's extension implies; `None` when walking a folder should skip it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Plain),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Running text, ended by sentence punctuation.
    Paragraph,
    /// A line that stands alone without closing punctuation: a title, heading, byline or caption.
    Heading,
    /// A bulleted or numbered item.
    ListItem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// A mapping from offsets in decoded prose back to offsets in the file, for formats whose decoding
/// changes lengths. Empty means identity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Replaced regions, sorted: `(prose span, file span)`. Between them the mapping is a shift.
    edits: Vec<(Span, Span)>,
}

impl OffsetMap {
    pub fn push(&mut self, prose: Span, file: Span) {
        debug_assert!(self.edits.last().is_none_or(|(p, _)| p.end <= prose.start));
        self.edits.push((prose, file));
    }

    /// Maps a prose span to the file. A start inside a replaced region maps to the region's start,
    /// an end to its end, so a span always covers the whole of what it touched.
    pub fn to_file(&self, span: Span) -> Span {
        Span::new(
            self.map(span.start, false),
            self.map(span.end, true).max(self.map(span.start, false)),
        )
    }

    fn map(&self, offset: usize, is_end: bool) -> usize {
        // An end offset belongs to the text before it, a start offset to the text after it.
        let i = self.edits.partition_point(|(p, _)| {
            if is_end {
                p.start < offset
            } else {
                p.start <= offset
            }
        });
        let Some(&(prose, file)) = i.checked_sub(1).map(|i| &self.edits[i]) else {
            return offset;
        };
        if offset < prose.end || (is_end && offset == prose.end) {
            return if is_end { file.end } else { file.start };
        }
        file.end + (offset - prose.end)
    }
}

/// The article text of one file.
#[derive(Debug)]
pub struct Prose<'a> {
    pub text: Cow<'a, str>,
    pub blocks: Vec<Block>,
    pub map: OffsetMap,
}

pub fn extract(text: &str, format: Format) -> Prose<'_> {
    match format {
        Format::Plain => {
            // Suppression lines are not prose: no rule may read them (see `suppress`).
            let text = directive::blank_plain(text);
            let blocks = split_paragraphs(&text, skip_bom(&text));
            Prose {
                text,
                blocks,
                map: OffsetMap::default(),
            }
        }
        Format::Markdown => markdown::extract(text),
        Format::Html => html::extract(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_maps_around_a_shortened_entity() {
        // file: "AT&amp;T x" ; prose: "AT&T x" (the entity `&amp;` at 2..7 became `&` at 2..3)
        let mut map = OffsetMap::default();
        map.push(Span::new(2, 3), Span::new(2, 7));
        assert_eq!(map.to_file(Span::new(0, 2)), Span::new(0, 2));
        assert_eq!(map.to_file(Span::new(0, 4)), Span::new(0, 8));
        assert_eq!(map.to_file(Span::new(5, 6)), Span::new(9, 10));
        assert_eq!(map.to_file(Span::new(2, 3)), Span::new(2, 7));
    }
}
