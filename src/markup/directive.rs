//! Suppression directives: where they are in a file's raw text, and what they say.
//!
//! Markdown is parsed (pulldown-cmark) for its raw-HTML regions, so a comment shown in a code block
//! is not a directive; HTML and other comment formats are scanned as raw text; plain text has
//! line directives. No `copydesk-` in the text means no directives, found with one scan.

use super::Format;
use crate::span::Span;
use std::borrow::Cow;

/// The marker every directive starts with; text without it has no suppressions (the fast path).
pub const MARKER: &str = "copydesk-";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Disable,
    Enable,
    DisableNextLine,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub action: Action,
    /// The whole directive: the comment, or the line's text in plain text.
    pub span: Span,
    /// The rule ids or families named, with their spans; empty means every rule.
    pub selectors: Vec<(String, Span)>,
}

/// A `copydesk-…` comment or line that is not a directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub span: Span,
    pub keyword: String,
}

/// The directives of a file, in order, and the malformed ones.
pub fn parse(text: &str, format: Format) -> (Vec<Directive>, Vec<Malformed>) {
    let mut directives = Vec::new();
    let mut malformed = Vec::new();
    if !text.contains(MARKER) {
        return (directives, malformed);
    }
    let mut add = |span: Span, body: Span| match directive(text, span, body) {
        Ok(Some(d)) => directives.push(d),
        Ok(None) => {}
        Err(m) => malformed.push(m),
    };
    match format {
        Format::Plain => {
            for line in plain_lines(text) {
                let body = comment_body(text, line).unwrap_or(line);
                add(line, body);
            }
        }
        Format::Markdown => {
            for region in markdown_html(text) {
                for (comment, body) in comments(text, region) {
                    add(comment, body);
                }
            }
        }
        // HTML, and any markup whose comments are HTML comments.
        #[allow(unreachable_patterns)]
        _ => {
            for (comment, body) in comments(text, Span::new(0, text.len())) {
                add(comment, body);
            }
        }
    }
    (directives, malformed)
}

/// Plain text with its directive lines (valid or not) painted out with spaces, so that checks
/// never see them; offsets and line breaks are unchanged.
pub fn blank_plain(text: &str) -> Cow<'_, str> {
    blank_plain_lines(text).0
}

/// [`blank_plain`], with the spans it blanked, in order.
pub fn blank_plain_lines(text: &str) -> (Cow<'_, str>, Vec<Span>) {
    if !text.contains(MARKER) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let (directives, malformed) = parse(text, Format::Plain);
    let mut spans: Vec<Span> = directives
        .iter()
        .map(|d| d.span)
        .chain(malformed.iter().map(|m| m.span))
        .collect();
    if spans.is_empty() {
        return (Cow::Borrowed(text), spans);
    }
    spans.sort();
    let mut bytes = text.as_bytes().to_vec();
    for span in &spans {
        bytes[span.range()].fill(b' ');
    }
    // Whole lines (so whole characters) became ASCII spaces.
    let blanked = String::from_utf8(bytes).expect("blanking whole lines keeps UTF-8 valid");
    (Cow::Owned(blanked), spans)
}

/// The trimmed text of each line that could be a plain-text directive.
fn plain_lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut pos = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = pos;
        pos += line.len();
        let body = line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        let lead = line.len() - body.len();
        let span = Span::new(start + lead, start + lead + body.trim_end().len());
        let body = &text[span.range()];
        (body.starts_with(MARKER) || (body.starts_with("<!--") && body.ends_with("-->")))
            .then_some(span)
    })
}

/// The inside of `<!-- … -->` when `span` is exactly one comment.
fn comment_body(text: &str, span: Span) -> Option<Span> {
    let s = &text[span.range()];
    let inner = s.strip_prefix("<!--")?.strip_suffix("-->")?;
    (!inner.contains("-->")).then(|| Span::new(span.start + 4, span.start + 4 + inner.len()))
}

/// Every `<!-- … -->` inside `region`: (comment, inside).
fn comments(text: &str, region: Span) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    let mut at = region.start;
    while let Some(open) = text[at..region.end].find("<!--").map(|i| at + i) {
        let Some(close) = text[open + 4..region.end].find("-->").map(|i| open + 4 + i) else {
            break;
        };
        out.push((Span::new(open, close + 3), Span::new(open + 4, close)));
        at = close + 3;
    }
    out
}

/// The raw-HTML regions of a Markdown file (so a directive shown in a code block does not count),
/// with adjacent pieces merged: pulldown-cmark gives an HTML block line by line.
fn markdown_html(text: &str) -> Vec<Span> {
    use pulldown_cmark::Event;
    let mut regions: Vec<Span> = Vec::new();
    for (event, range) in super::markdown::events(text) {
        if let Event::Html(_) | Event::InlineHtml(_) = event {
            match regions.last_mut() {
                Some(last) if last.end >= range.start => last.end = last.end.max(range.end),
                _ => regions.push(range),
            }
        }
    }
    regions
}

/// Reads the directive in `body` (the inside of a comment, or a plain line). `Ok(None)`: not a
/// copydesk directive at all.
fn directive(text: &str, span: Span, body: Span) -> Result<Option<Directive>, Malformed> {
    let inside = &text[body.range()];
    let lead = inside.len() - inside.trim_start().len();
    let inside = inside.trim();
    if !inside.starts_with(MARKER) {
        return Ok(None);
    }
    let start = body.start + lead;
    let keyword_len = inside.find(char::is_whitespace).unwrap_or(inside.len());
    let keyword = &inside[..keyword_len];
    let action = match keyword {
        "copydesk-disable" => Action::Disable,
        "copydesk-enable" => Action::Enable,
        "copydesk-disable-next-line" => Action::DisableNextLine,
        _ => {
            return Err(Malformed {
                span,
                keyword: keyword.to_string(),
            });
        }
    };
    let mut selectors = Vec::new();
    let rest = &inside[keyword_len..];
    let mut pos = start + keyword_len;
    for piece in rest.split_inclusive([',', ' ', '\t']) {
        let name = piece.trim_end_matches([',', ' ', '\t']);
        if !name.is_empty() {
            selectors.push((name.to_string(), Span::new(pos, pos + name.len())));
        }
        pos += piece.len();
    }
    Ok(Some(Directive {
        action,
        span,
        selectors,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selectors(d: &Directive) -> Vec<&str> {
        d.selectors.iter().map(|(s, _)| s.as_str()).collect()
    }

    #[test]
    fn markdown_comments_anywhere_but_not_in_code() {
        let md = "<!-- copydesk-disable residue, quotes/x -->\nText <!--copydesk-enable-->.\n\n```\n<!-- copydesk-disable -->\n```\n";
        let (ds, bad) = parse(md, Format::Markdown);
        assert!(bad.is_empty());
        assert_eq!(ds.len(), 2);
        assert_eq!(
            (ds[0].action, selectors(&ds[0])),
            (Action::Disable, vec!["residue", "quotes/x"])
        );
        assert_eq!(&md[ds[0].selectors[1].1.range()], "quotes/x");
        assert_eq!(
            (ds[1].action, &md[ds[1].span.range()]),
            (Action::Enable, "<!--copydesk-enable-->")
        );
    }

    #[test]
    fn plain_lines_and_their_blanking() {
        let txt = "One.\n  copydesk-disable-next-line residue/read-more\nRead More\ncopydesk-disabel x\n<!-- copydesk-enable -->\n";
        let (ds, bad) = parse(txt, Format::Plain);
        assert_eq!(
            ds.iter().map(|d| d.action).collect::<Vec<_>>(),
            [Action::DisableNextLine, Action::Enable]
        );
        assert_eq!(
            bad,
            [Malformed {
                span: Span::new(62, 80),
                keyword: "copydesk-disabel".into()
            }]
        );
        let blank = blank_plain(txt);
        assert_eq!(blank.len(), txt.len());
        assert_eq!(
            blank.lines().map(str::trim).collect::<Vec<_>>(),
            ["One.", "", "Read More", "", ""]
        );
        // A mention inside a sentence is prose, not a directive.
        assert!(
            parse("We ran copydesk-disable on it.\n", Format::Plain)
                .0
                .is_empty()
        );
    }
}
