//! HTML → prose, through html5gum (a WHATWG tokenizer that gives the byte span of every token).
//!
//! The prose is the text a reader sees: tags, attributes and comments are dropped, the content of
//! `<head>`, `<script>`, `<style>`, `<code>`, `<pre>` and other non-prose elements is skipped,
//! character references are decoded (`&amp;` → `&`), and white space is collapsed as a browser
//! would. Block elements (`<p>`, `<h1>`…`<h6>`, `<li>`, `<div>`, `<td>`, `<br>`…) end a block; blocks
//! are separated by a blank line, so each is one line of prose. Because decoding and collapsing
//! change lengths, every gap, collapsed run and decoded reference is recorded in the
//! [`OffsetMap`], and spans found in the prose map back to the exact bytes of the file (a finding
//! on a decoded `&eacute;` covers the whole reference).
//!
//! Markup ([`Markup`]) is every byte outside the character data read as prose: tags, comments,
//! the doctype and skipped elements.
//!
//! Not a tree builder: implied end tags are handled for `<p>` and `<li>`, the usual cases; other
//! misnested markup still yields its text, possibly with blocks drawn slightly differently.

use super::{Block, BlockKind, Markup, OffsetMap, Prose};
use crate::span::Span;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::borrow::Cow;
use std::collections::HashMap;

pub fn extract(text: &str) -> Prose<'static> {
    let mut builder = Builder::default();
    let mut markup = Markup::default();
    // The end of the last character data read as prose: markup runs from there to the next.
    let mut prose_end = 0;
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Switch to raw text inside <script>, <style>, <textarea>, <title>, as a browser does.
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(text, emitter) {
        let Ok(token) = token; // reading from a string cannot fail
        match token {
            Token::StartTag(tag) => {
                builder.start(&String::from_utf8_lossy(&tag.name), tag.self_closing)
            }
            Token::EndTag(tag) => builder.end(&String::from_utf8_lossy(&tag.name)),
            Token::String(s) if builder.skipped.is_empty() => {
                let span = Span::new(s.span.start.min(text.len()), s.span.end.min(text.len()));
                builder.text(text, span);
                markup.push(Span::new(prose_end, span.start.max(prose_end)));
                prose_end = prose_end.max(span.end);
            }
            _ => {}
        }
    }
    builder.flush();
    markup.push(Span::new(prose_end, text.len()));
    Prose {
        text: Cow::Owned(builder.out),
        blocks: builder.blocks,
        map: builder.map,
        markup,
    }
}

/// Elements whose content is not article text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas",
    "code", "pre", "textarea", "select", "kbd", "samp",
];

/// Elements that start and end a block of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements that end the current block but have no content (or no end tag).
const BREAKS: &[&str] = &["br", "hr", "img", "input", "button"];

#[derive(Default)]
struct Builder {
    out: String,
    map: OffsetMap,
    blocks: Vec<Block>,
    /// Open block elements, innermost last, with the kind of block their text forms.
    open: Stack<BlockKind>,
    /// Open skipped elements, innermost last.
    skipped: Stack<()>,
    /// Where the current block's text starts in the prose, once it has some.
    block_start: Option<usize>,
    /// The file offset just after the last byte that became prose.
    file_end: usize,
    /// White space was seen since the last prose character of the block.
    space: bool,
}

impl Builder {
    fn start(&mut self, name: &str, self_closing: bool) {
        let name = name.to_ascii_lowercase();
        if name == "body" {
            // A `<head>` left open ends where the body starts.
            self.skipped.clear();
        }
        if SKIPPED.contains(&name.as_str()) {
            if !self_closing {
                self.skipped.push(name, ());
            }
            return;
        }
        if !self.skipped.is_empty() {
            return;
        }
        if BREAKS.contains(&name.as_str()) {
            self.flush();
        } else if BLOCKS.contains(&name.as_str()) {
            self.flush();
            // `<p>` and `<li>` end the previous one when its end tag was left out.
            if (name == "p" || name == "li")
                && self.open.last().is_some_and(|(top, _)| *top == name)
            {
                self.open.pop();
            }
            if !self_closing {
                let kind = block_kind(&name);
                self.open.push(name, kind);
            }
        }
    }

    fn end(&mut self, name: &str) {
        let name = name.to_ascii_lowercase();
        if self.skipped.close(&name) || !self.skipped.is_empty() {
            return;
        }
        if BLOCKS.contains(&name.as_str()) || BREAKS.contains(&name.as_str()) {
            self.flush();
            self.open.close(&name);
        }
    }

    /// Adds the text of `span` (a run of character data in the file) to the current block.
    fn text(&mut self, text: &str, span: Span) {
        let run = &text[span.range()];
        let mut chars = run.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = span.start + i;
            if is_space(c) {
                self.space = true;
                continue;
            }
            if c == '&'
                && let Some((len, decoded)) = decode_reference(&run[i..])
            {
                self.push(Span::new(at, at + len), &decoded, false);
                while chars.peek().is_some_and(|&(j, _)| j < i + len) {
                    chars.next();
                }
                continue;
            }
            // Copy the whole run of ordinary characters at once.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_space(d) || d == '&' {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            self.push(Span::new(at, span.start + end), &run[i..end], true);
        }
    }

    /// Appends `prose` (from `file` of the file; `verbatim` when it is the same bytes), preceded by
    /// the block separator or a collapsed space, and records the mapping.
    fn push(&mut self, file: Span, prose: &str, verbatim: bool) {
        let gap = Span::new(self.file_end.min(file.start), file.start);
        let separator = match self.block_start {
            None if self.out.is_empty() => "",
            None => "\n\n",
            Some(_) if self.space => " ",
            Some(_) => "",
        };
        let p = self.out.len();
        if !separator.is_empty() || !gap.is_empty() {
            self.map.push(Span::new(p, p + separator.len()), gap);
        }
        self.out.push_str(separator);
        if self.block_start.is_none() {
            self.block_start = Some(self.out.len());
        }
        let p = self.out.len();
        if !verbatim {
            self.map.push(Span::new(p, p + prose.len()), file);
        }
        self.out.push_str(prose);
        self.file_end = file.end;
        self.space = false;
    }

    /// Ends the current block, if it has text.
    fn flush(&mut self) {
        self.space = false;
        let Some(start) = self.block_start.take() else {
            return;
        };
        let span = Span::new(start, self.out.len());
        let kind = match self.open.last().map_or(BlockKind::Paragraph, |(_, k)| *k) {
            BlockKind::Paragraph => super::plain::kind_of(&self.out[span.range()]),
            kind => kind,
        };
        self.blocks.push(Block { span, kind });
    }
}

/// A stack of open elements that knows how many of each name it holds, so that an end tag that
/// closes nothing (a hundred thousand `</p>` after a million unclosed `<div>`) is answered without
/// a search, and one that closes something searches only what it closes.
struct Stack<T> {
    items: Vec<(String, T)>,
    counts: HashMap<String, usize>,
}

impl<T> Default for Stack<T> {
    fn default() -> Self {
        Stack {
            items: Vec::new(),
            counts: HashMap::new(),
        }
    }
}

impl<T> Stack<T> {
    fn push(&mut self, name: String, value: T) {
        *self.counts.entry(name.clone()).or_default() += 1;
        self.items.push((name, value));
    }

    fn pop(&mut self) {
        if let Some((name, _)) = self.items.pop() {
            self.forget(&name);
        }
    }

    fn last(&self) -> Option<&(String, T)> {
        self.items.last()
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn clear(&mut self) {
        self.items.clear();
        self.counts.clear();
    }

    /// Closes the innermost open `name` and every element opened inside it; false when no `name`
    /// is open. The search stops at the element it closes, so its cost is what it removes.
    fn close(&mut self, name: &str) -> bool {
        if self.counts.get(name).is_none_or(|&n| n == 0) {
            return false;
        }
        let Some(i) = self.items.iter().rposition(|(open, _)| open == name) else {
            return false;
        };
        for (closed, _) in self.items.split_off(i) {
            self.forget(&closed);
        }
        true
    }

    fn forget(&mut self, name: &str) {
        if let Some(n) = self.counts.get_mut(name) {
            *n -= 1;
        }
    }
}

fn block_kind(name: &str) -> BlockKind {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "td" | "th" | "caption" | "figcaption"
        | "summary" | "legend" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        _ => BlockKind::Paragraph,
    }
}

/// HTML's white space, plus the byte-order mark, which is never prose.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{feff}')
}

/// The character reference at the start of `s` (which starts with `&`): its length in bytes and
/// its decoded text, or `None` when the `&` is a literal ampersand. The decoding is html5gum's own,
/// run on the reference alone; a legacy reference without `;` (`&notit;` is `¬it;`) is told apart
/// from the text after it by finding which tail of the candidate came back unchanged.
fn decode_reference(s: &str) -> Option<(usize, String)> {
    let bytes = s.as_bytes();
    let mut end = 1;
    if bytes.get(end) == Some(&b'#') {
        end += 1;
        if matches!(bytes.get(end), Some(b'x' | b'X')) {
            end += 1;
        }
    }
    let name_start = end;
    while end < bytes.len() && end < 64 && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == name_start {
        return None;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    let candidate = &s[..end];
    let mut decoded = String::new();
    for token in Tokenizer::new(candidate) {
        let Ok(token) = token;
        if let Token::String(value) = token {
            decoded.push_str(&String::from_utf8_lossy(&value));
        }
    }
    if decoded == candidate {
        return None;
    }
    // The shortest reference whose unconsumed tail is left as it was.
    (1..=candidate.len()).find_map(|k| {
        let tail = &candidate[k..];
        let head = decoded.strip_suffix(tail)?;
        (!head.is_empty()).then(|| (k, head.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(String, BlockKind)> {
        let prose = extract(html);
        prose
            .blocks
            .iter()
            .map(|b| (prose.text[b.span.range()].to_string(), b.kind))
            .collect()
    }

    /// The file text that a prose substring maps back to.
    fn file_text<'a>(html: &'a str, needle: &str) -> &'a str {
        let prose = extract(html);
        let start = prose
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", prose.text));
        &html[prose
            .map
            .to_file(Span::new(start, start + needle.len()))
            .range()]
    }

    #[test]
    fn tags_scripts_styles_head_and_comments_are_skipped() {
        let html = "<!doctype html><html><head><title>Site</title><style>p{}</style></head>\n<body>\
                    <h1>Talks <em>resume</em></h1><script>var a = '<p>x</p>';</script>\
                    <p>The envoy <!-- note -->arrived on\n   Monday.</p><div><code>x = 1</code>Read More</div></body></html>";
        assert_eq!(
            blocks(html),
            [
                ("Talks resume".to_string(), BlockKind::Heading),
                (
                    "The envoy arrived on Monday.".to_string(),
                    BlockKind::Paragraph
                ),
                ("Read More".to_string(), BlockKind::Heading),
            ]
        );
        assert_eq!(
            extract(html).text,
            "Talks resume\n\nThe envoy arrived on Monday.\n\nRead More"
        );
    }

    #[test]
    fn entities_are_decoded_and_map_back_to_their_bytes() {
        let html = "<p>AT&amp;T caf&eacute; &#8220;yes&#x201D; &notit; A&B</p>";
        assert_eq!(blocks(html)[0].0, "AT&T café “yes” ¬it; A&B");
        assert_eq!(file_text(html, "AT&T"), "AT&amp;T");
        assert_eq!(file_text(html, "é"), "&eacute;");
        assert_eq!(file_text(html, "café"), "caf&eacute;");
        assert_eq!(file_text(html, "“yes”"), "&#8220;yes&#x201D;");
        assert_eq!(file_text(html, "¬it;"), "&notit;");
        assert_eq!(file_text(html, "A&B"), "A&B");
    }

    #[test]
    fn collapsed_space_and_skipped_tags_map_back() {
        let html = "<p>one\n   <a href=\"/x\">Read   More</a>  two</p>";
        assert_eq!(file_text(html, "Read More"), "Read   More");
        assert_eq!(file_text(html, "one Read"), "one\n   <a href=\"/x\">Read");
        assert_eq!(file_text(html, "two"), "two");
    }

    #[test]
    fn block_kinds_follow_the_elements() {
        let html = "<ul><li>first item<li>second item</ul><p>A line<br>Another line.</p><table><tr><td>cell</td></tr></table>";
        assert_eq!(
            blocks(html),
            [
                ("first item".to_string(), BlockKind::ListItem),
                ("second item".to_string(), BlockKind::ListItem),
                ("A line".to_string(), BlockKind::Heading),
                ("Another line.".to_string(), BlockKind::Paragraph),
                ("cell".to_string(), BlockKind::Heading),
            ]
        );
    }

    #[test]
    fn broken_markup_never_panics() {
        for html in [
            "<",
            "&",
            "&#",
            "&#x;",
            "<p>&amp",
            "<p>caf\u{e9}&",
            "<!--",
            "<script>",
            "</p></p>é<br/>",
            "\u{feff}<p>x",
        ] {
            let prose = extract(html);
            for b in &prose.blocks {
                let _ = prose.map.to_file(b.span);
                assert!(
                    prose.text.is_char_boundary(b.span.start)
                        && prose.text.is_char_boundary(b.span.end)
                );
            }
        }
        assert_eq!(extract("\u{feff}<p>x").text, "x");
    }

    #[test]
    fn every_truncation_maps_inside_the_file_on_character_boundaries() {
        let html = "<p>Caf&eacute; “news” &amp;c &#x1F600;<br>é <a href='x'>Read&nbsp;More</a>\n<li>&notin; &not x</li><script>&amp;";
        for end in (0..=html.len()).filter(|&e| html.is_char_boundary(e)) {
            let text = &html[..end];
            let prose = extract(text);
            for b in &prose.blocks {
                for span in [
                    b.span,
                    Span::new(b.span.start, b.span.start),
                    Span::new(b.span.end, b.span.end),
                ] {
                    let file = prose.map.to_file(span);
                    assert!(file.end <= text.len(), "{text:?}: {span:?} → {file:?}");
                    assert!(
                        text.is_char_boundary(file.start) && text.is_char_boundary(file.end),
                        "{text:?}: {file:?}"
                    );
                }
            }
        }
    }
}
