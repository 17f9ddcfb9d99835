//! Markup → prose: which bytes of a file are article text, and how they split into blocks.
//!
//! Every format produces a [`Prose`]: the prose text plus its blocks (paragraphs, headings, list
//! items). Plain text and Markdown keep the file's byte offsets exactly: Markdown syntax, code,
//! HTML and front matter are painted out with spaces (line breaks kept), so a span into the prose
//! is a span into the file. Formats whose decoding changes lengths (HTML entities) record an
//! [`OffsetMap`] that the engine applies once to every reported span.
//!
//! Each format also says which bytes of the file are markup ([`Markup`]), so that a fix can be
//! kept off them (`crate::fix`): Markdown syntax, tags, comments, code, front matter, entities,
//! suppression lines.

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

impl OffsetMap {
    /// Whether `offset` (in prose) falls on the boundary of every replaced region rather than
    /// strictly inside one: a span whose ends do maps to the file without taking in more than it
    /// covers (part of a decoded entity, half of a block separator).
    pub fn is_exact(&self, offset: usize) -> bool {
        let i = self.edits.partition_point(|(p, _)| p.start < offset);
        i.checked_sub(1)
            .is_none_or(|i| offset >= self.edits[i].0.end)
    }
}

/// The bytes of a file that are markup rather than prose, as sorted, disjoint file spans.
///
/// - Markdown: every byte not painted as prose (syntax, indentation and the space after a list or
///   quote marker, code, HTML, link targets, front matter, escapes and entities), except line
///   breaks and white space at the end of a line, which carry no construct of their own.
/// - HTML: tags, comments, the doctype, and the content of skipped elements (`<script>`,
///   `<head>`, `<code>` …); the text between tags, entities included, is prose.
/// - Plain text: the byte-order mark and suppression lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    spans: Vec<Span>,
}

impl Markup {
    /// Adds a span after those already added, merging it with a neighbour it touches.
    fn push(&mut self, span: Span) {
        if span.is_empty() {
            return;
        }
        match self.spans.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => self.spans.push(span),
        }
    }

    /// The markup spans, sorted and disjoint.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The markup spans that share a byte with `span`, or, for an empty span (an insertion),
    /// that hold it strictly inside: inserting at the edge of a construct changes no markup.
    pub fn within(&self, span: Span) -> &[Span] {
        let from = self.spans.partition_point(|m| m.end <= span.start);
        let to = self
            .spans
            .partition_point(|m| m.start < span.end.max(span.start + 1));
        let found = &self.spans[from..to.max(from)];
        if span.is_empty() {
            let inside = found
                .first()
                .is_some_and(|m| m.start < span.start && span.start < m.end);
            return if inside { &found[..1] } else { &[] };
        }
        found
    }

    /// Whether replacing `span` would change markup (see [`Markup::within`]).
    pub fn touches(&self, span: Span) -> bool {
        !self.within(span).is_empty()
    }
}

/// The article text of one file.
#[derive(Debug)]
pub struct Prose<'a> {
    pub text: Cow<'a, str>,
    pub blocks: Vec<Block>,
    pub map: OffsetMap,
    /// The bytes of the file that are markup.
    pub markup: Markup,
}

/// `text` made safe to insert into a file of `format` as the prose it reads as: HTML escapes
/// `&`, `<` and `>`; Markdown escapes the characters that open inline constructs. A fix's
/// replacement goes through this, so that no fix creates markup.
pub fn escape(format: Format, text: &str) -> Cow<'_, str> {
    let special: &[char] = match format {
        Format::Plain => return Cow::Borrowed(text),
        Format::Html => &['&', '<', '>'],
        Format::Markdown => &['\\', '`', '*', '_', '[', ']', '<', '&', '~', '|'],
    };
    if !text.contains(special) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match (format, c) {
            (Format::Html, '&') => out.push_str("&amp;"),
            (Format::Html, '<') => out.push_str("&lt;"),
            (Format::Html, '>') => out.push_str("&gt;"),
            (Format::Markdown, c) if special.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            (_, c) => out.push(c),
        }
    }
    Cow::Owned(out)
}

pub fn extract(text: &str, format: Format) -> Prose<'_> {
    match format {
        Format::Plain => {
            // Suppression lines are not prose: no rule may read them (see `suppress`).
            let (blanked, lines) = directive::blank_plain_lines(text);
            let blocks = split_paragraphs(&blanked, skip_bom(&blanked));
            let mut markup = Markup::default();
            markup.push(Span::new(0, skip_bom(text)));
            for line in lines {
                markup.push(line);
            }
            Prose {
                text: blanked,
                blocks,
                map: OffsetMap::default(),
                markup,
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
