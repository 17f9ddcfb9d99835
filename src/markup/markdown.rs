//! Markdown → prose, through pulldown-cmark (CommonMark with tables, footnotes, front matter).
//!
//! The prose starts as a blank copy of the file (every byte a space, line breaks kept) and the text
//! of prose elements is painted back at its own offsets. Code blocks, inline code, HTML, link and
//! image targets, image alt text, emphasis markers and front matter therefore stay blank, and a
//! span into the prose is a span into the file. An escape or entity whose decoded text is shorter
//! than its source (`\*`, `&amp;`) is painted at its start and padded with spaces.
//!
//! What was painted verbatim is prose; the rest of the file is markup ([`Markup`]), but for line
//! breaks and white space at the end of a line. An escape or entity counts as markup: a fix may
//! not cut into it.

use super::{Block, BlockKind, Markup, OffsetMap, Prose};
use crate::span::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// The CommonMark extensions copydesk reads (suppression comments are found through the same
/// [`events`], so that both see the same blocks).
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS)
    .union(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);

/// The parser's events with their spans in `text`. A byte-order mark is not Markdown (it would
/// keep a heading or front matter on the first line from being read as one): the text after it is
/// parsed, and the spans shifted.
pub fn events(text: &str) -> impl Iterator<Item = (Event<'_>, Span)> {
    let bom = super::skip_bom(text);
    Parser::new_ext(&text[bom..], OPTIONS)
        .into_offset_iter()
        .map(move |(event, range)| (event, Span::from(range).shift(bom)))
}

pub fn extract(text: &str) -> Prose<'_> {
    let mut canvas: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    // The mark stays, so that the prose starts as the file does in every format (the engine
    // starts after it).
    let bom = super::skip_bom(text);
    canvas[..bom].copy_from_slice(&text.as_bytes()[..bom]);
    // Open blocks, innermost last. A list item holds other blocks (a heading, a paragraph, a
    // nested list): its own text is cut into segments around them, so that blocks never overlap
    // (each byte of prose is read once, and a huge file's pieces end where their blocks do).
    let mut open: Vec<Open> = Vec::new();
    let mut blocks = Vec::new();
    let mut hidden = 0usize; // inside an image (alt text) or a code block
    // Spans painted with the file's own bytes, in the order painted.
    let mut verbatim: Vec<Span> = Vec::new();
    for (event, range) in events(text) {
        match event {
            Event::Start(tag) => {
                if is_block(&tag)
                    && let Some(parent) = open.last_mut()
                {
                    parent.close_segment(range.start, &canvas, &mut blocks);
                }
                match tag {
                    Tag::Paragraph => open.push(Open::new(BlockKind::Paragraph, range)),
                    Tag::Heading { .. } | Tag::TableCell => {
                        open.push(Open::new(BlockKind::Heading, range))
                    }
                    Tag::Item => open.push(Open::new(BlockKind::ListItem, range)),
                    Tag::Image { .. }
                    | Tag::CodeBlock(_)
                    | Tag::MetadataBlock(_)
                    | Tag::HtmlBlock => hidden += 1,
                    _ => {}
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item => {
                        if let Some(mut block) = open.pop() {
                            block.close_segment(range.end, &canvas, &mut blocks);
                        }
                    }
                    TagEnd::Image
                    | TagEnd::CodeBlock
                    | TagEnd::MetadataBlock(_)
                    | TagEnd::HtmlBlock => hidden = hidden.saturating_sub(1),
                    _ => {}
                }
                // The enclosing block's text goes on after the nested block.
                if is_block_end(&end)
                    && let Some(parent) = open.last_mut()
                {
                    parent.segment_start = parent.segment_start.max(range.end);
                }
            }
            Event::Text(decoded) if hidden == 0 => {
                if paint(&mut canvas, text, range, &decoded) {
                    verbatim.push(range);
                }
                if let Some(top) = open.last_mut() {
                    top.painted = true;
                }
            }
            _ => {}
        }
    }
    blocks.sort_by_key(|b| b.span);
    // Painting copies whole characters to their own offsets, and blanks are ASCII.
    let prose = String::from_utf8(canvas).expect("painted prose is valid UTF-8");
    Prose {
        text: Cow::Owned(prose),
        blocks,
        map: OffsetMap::default(),
        markup: markup(text, verbatim),
    }
}

/// A block being read: its kind, where its current segment of text starts, and whether prose was
/// painted in that segment.
struct Open {
    kind: BlockKind,
    segment_start: usize,
    painted: bool,
    /// Segments already emitted: a list item's text after a nested block is not its bullet line.
    segments: usize,
}

impl Open {
    fn new(kind: BlockKind, range: Span) -> Self {
        Open {
            kind,
            segment_start: range.start,
            painted: false,
            segments: 0,
        }
    }

    /// Emits the text painted since the segment started, up to `end`, as a block.
    fn close_segment(&mut self, end: usize, canvas: &[u8], blocks: &mut Vec<Block>) {
        let painted = std::mem::take(&mut self.painted);
        if !painted || end <= self.segment_start {
            return;
        }
        let span = trim(canvas, Span::new(self.segment_start, end));
        self.segment_start = end;
        if span.is_empty() {
            return;
        }
        let kind = match self.kind {
            BlockKind::ListItem if self.segments == 0 => BlockKind::ListItem,
            BlockKind::Heading => BlockKind::Heading,
            _ => super::plain::kind_of(std::str::from_utf8(&canvas[span.range()]).unwrap_or("")),
        };
        self.segments += 1;
        blocks.push(Block { span, kind });
    }
}

/// Tags that start a block of their own: inside a list item they end the item's current text.
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
    )
}

/// Paints `decoded` (the text of `range`) onto the canvas; whether it was painted verbatim.
fn paint(canvas: &mut [u8], text: &str, range: Span, decoded: &str) -> bool {
    let source = &text[range.range()];
    let verbatim = source == decoded || decoded.len() > source.len();
    let bytes = if verbatim { source } else { decoded };
    canvas[range.start..range.start + bytes.len()].copy_from_slice(bytes.as_bytes());
    verbatim
}

/// The markup of `text`: every byte outside the `verbatim` prose spans, but for line breaks and
/// the white space that ends a line.
fn markup(text: &str, mut verbatim: Vec<Span>) -> Markup {
    verbatim.sort_unstable();
    let mut out = Markup::default();
    let mut gap_start = 0;
    let gaps = verbatim
        .iter()
        .map(|p| (p.start, p.end))
        .chain(std::iter::once((text.len(), text.len())));
    for (start, end) in gaps {
        if start > gap_start {
            gap(text, Span::new(gap_start, start), &mut out);
        }
        gap_start = gap_start.max(end);
    }
    out
}

/// Adds the markup of a stretch of unpainted bytes: each line's part of it, without the white
/// space that ends that line.
fn gap(text: &str, span: Span, out: &mut Markup) {
    let bytes = text.as_bytes();
    let mut at = span.start;
    while at < span.end {
        let line_end =
            memchr::memchr2(b'\n', b'\r', &bytes[at..span.end]).map_or(span.end, |i| at + i);
        let ends_line = line_end < span.end
            || span.end == text.len()
            || matches!(bytes[span.end], b'\n' | b'\r');
        let mut end = line_end;
        if ends_line {
            while end > at && matches!(bytes[end - 1], b' ' | b'\t') {
                end -= 1;
            }
        }
        out.push(Span::new(at, end));
        at = line_end + 1;
    }
}

fn trim(canvas: &[u8], span: Span) -> Span {
    let s = &canvas[span.range()];
    let start = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    Span::new(span.start + start, span.start + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_code_and_front_matter_are_blanked_in_place() {
        let md = "---\ntitle: Read More\n---\n# A *big* day\n\nSee [the report](http://x.y/z) and `code`.\n\n```\nRead More\n```\n";
        let prose = extract(md);
        assert_eq!(prose.text.len(), md.len());
        let kept: Vec<&str> = prose
            .blocks
            .iter()
            .map(|b| &prose.text[b.span.range()])
            .collect();
        assert_eq!(
            kept,
            ["A  big  day", "See  the report                and       ."]
        );
        assert_eq!(prose.blocks[0].kind, BlockKind::Heading);
        assert!(!prose.text.contains("Read More"));
        assert!(!prose.text.contains("http"));
    }

    #[test]
    fn list_items_and_escapes() {
        let md = "- one\n- two \\* three\n";
        let prose = extract(md);
        let kept: Vec<_> = prose
            .blocks
            .iter()
            .map(|b| (&prose.text[b.span.range()], b.kind))
            .collect();
        // The escape `\\*` is painted as `*` and padded: offsets stay exact.
        assert_eq!(
            kept,
            [
                ("one", BlockKind::ListItem),
                ("two  * three", BlockKind::ListItem)
            ]
        );
    }

    #[test]
    fn blocks_nested_in_a_list_item_do_not_overlap_it() {
        let md = "- first line\n  # Heading\n  more text.\n  - inner item\n  after the inner list.\n\nEnd.\n";
        let prose = extract(md);
        let kept: Vec<_> = prose
            .blocks
            .iter()
            .map(|b| (&prose.text[b.span.range()], b.kind))
            .collect();
        assert_eq!(
            kept,
            [
                ("first line", BlockKind::ListItem),
                ("Heading", BlockKind::Heading),
                ("more text.", BlockKind::Paragraph),
                ("inner item\n  after the inner list.", BlockKind::ListItem),
                ("End.", BlockKind::Paragraph),
            ]
        );
        assert!(
            prose
                .blocks
                .windows(2)
                .all(|w| w[0].span.end <= w[1].span.start)
        );
    }
}
