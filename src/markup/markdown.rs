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

/// The CommonMark extensions copydesk reads (also used to find suppression comments, so that both
/// see the same blocks).
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS)
    .union(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);

pub fn extract(text: &str) -> Prose<'_> {
    let mut canvas: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    // Open blocks: kind, source range, whether prose was painted directly inside.
    let mut open: Vec<(BlockKind, Span, bool)> = Vec::new();
    let mut blocks = Vec::new();
    let mut hidden = 0usize; // inside an image (alt text) or a code block
    // Spans painted with the file's own bytes, in the order painted.
    let mut verbatim: Vec<Span> = Vec::new();
    for (event, range) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
        let range = Span::from(range);
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => open.push((BlockKind::Paragraph, range, false)),
                Tag::Heading { .. } | Tag::TableCell => {
                    open.push((BlockKind::Heading, range, false))
                }
                Tag::Item => open.push((BlockKind::ListItem, range, false)),
                Tag::Image { .. } | Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                    hidden += 1
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item => {
                    if let Some((kind, span, painted)) = open.pop()
                        && painted
                    {
                        let span = trim(&canvas, span);
                        let kind = match kind {
                            BlockKind::Paragraph => super::plain::kind_of(
                                std::str::from_utf8(&canvas[span.range()]).unwrap_or(""),
                            ),
                            k => k,
                        };
                        blocks.push(Block { span, kind });
                    }
                }
                TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock => hidden = hidden.saturating_sub(1),
                _ => {}
            },
            Event::Text(decoded) if hidden == 0 => {
                if paint(&mut canvas, text, range, &decoded) {
                    verbatim.push(range);
                }
                if let Some(top) = open.last_mut() {
                    top.2 = true;
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
}
