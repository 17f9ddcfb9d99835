//! Fused sentences: two sentences run together without a space (`in March.Chairman`).

use super::{ABBREVIATIONS, Report};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::span::Span;

/// `in March.Chairman`: a lower-case word, sentence punctuation, a capitalised word, no space.
pub(super) fn fused(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let mut found = Vec::new();
    fused_each(doc, &mut found);
    // Many fusions in one article are one fault (its paragraph breaks were lost), told once.
    if found.len() > MAX_FUSED_REPORTS {
        let more = found.len() - 1;
        found.truncate(1);
        let note = format!(
            "{more} more places in this article run two sentences together the same way: its paragraph breaks were probably lost"
        );
        found[0] = std::mem::take(&mut found[0]).note(note);
    }
    out.extend(found.into_iter().map(|f| (Report::Fused, f)));
}

/// Above this many fusions in an article, only the first is reported, with a count.
const MAX_FUSED_REPORTS: usize = 3;

fn fused_each(doc: &Document, out: &mut Vec<Finding>) {
    let text = doc.text;
    let bytes = text.as_bytes();
    let mut tokens = Tokens::new(text);
    // The verdict on the last token: many fusions in one token are judged once.
    let mut address: Option<(Span, bool)> = None;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if i < 2 || i + 2 >= bytes.len() {
            continue;
        }
        // `said.”The`: the quotation closes, then the next sentence starts without a space.
        let closer = text[i + 1..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '”' | '’' | ')'))
            .map_or(0, char::len_utf8);
        let next = i + 1 + closer;
        if !(bytes.get(next).is_some_and(u8::is_ascii_uppercase)
            && bytes.get(next + 1).is_some_and(u8::is_ascii_lowercase))
        {
            continue;
        }
        let before = &text[..i];
        if !ends_a_sentence(before) {
            continue;
        }
        let start = word_start(before);
        let after = &text[next..];
        let end = next
            + after
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(after.len());
        let token = tokens.around(start, end);
        let in_address = match address {
            Some((t, verdict)) if t == token => verdict,
            _ => {
                let verdict = is_address(&text[token.range()]);
                address = Some((token, verdict));
                verdict
            }
        };
        if in_address
            || is_domain(text, start, end)
            || ABBREVIATIONS.contains(&text[start..i].to_lowercase().as_str())
            || GLUED_LABELS.iter().any(|l| text[next..].starts_with(l))
        {
            continue;
        }
        let span = Span::new(start, end);
        let finding = Finding::new(span)
            .var("match", &text[span.range()])
            .fix(Span::new(next, next), " ");
        // `Swiss.Bank.` in a wire table: a chain of abbreviations, where a space is a guess.
        let chain = text[end..].starts_with('.');
        out.push(if chain { finding.unsafe_fix() } else { finding });
    }
}

/// Where the word before a stop starts: letters, digits, `'`, `’` and `-`, a figure's `,` and
/// currency sign, and a closing bracket after it (`ruling)`). The look back is bounded, so that a
/// text without white space stays linear.
fn word_start(before: &str) -> usize {
    let body = before.strip_suffix(')').unwrap_or(before);
    let mut start = body.len();
    for (k, c) in body.char_indices().rev().take(64) {
        if !(c.is_alphanumeric() || matches!(c, '-' | '’' | '\'' | ',' | '$' | '£' | '€')) {
            break;
        }
        start = k;
    }
    start
}

/// Whether `before`, the text up to a stop, ends like a sentence: two lower-case letters
/// (`March.`), a possessive (`Heck's.`), a figure that is not part of a dotted number or version
/// (`May 25.`, `$750,000.`, not `v1.2.`), or a closing bracket after a word (`ruling).`).
fn ends_a_sentence(before: &str) -> bool {
    let mut back = before.chars().rev();
    let (a, b) = (back.next(), back.next());
    if a.is_some_and(char::is_lowercase)
        && b.is_some_and(|b| b.is_lowercase() || (a == Some('s') && matches!(b, '\'' | '’')))
    {
        return true;
    }
    if a == Some(')') {
        return b.is_some_and(char::is_alphanumeric);
    }
    if a.is_some_and(|c| c.is_ascii_digit()) {
        let token = before[word_start(before)..].trim_start_matches(['$', '£', '€', '(']);
        let figure = token.chars().all(|c| c.is_ascii_digit() || c == ',');
        return figure && token.len() >= 2;
    }
    false
}

/// Labels that scrapers glue to the end of a sentence (`Dallas.Image copyrightGETTY IMAGES`,
/// `capital.Read more:`): residue, which the residue rules report, not a second sentence.
const GLUED_LABELS: &[&str] = &[
    "Image copyright",
    "Image caption",
    "Image source",
    "Media caption",
    "Photo:",
    "Photo by",
    "Photo credit",
    "Photograph:",
    "Picture:",
    "Image:",
    "Credit:",
    "Featured image",
    "Featured Image",
    "Getty Images",
    "Read more",
    "Read More",
    "Advertisement",
    "Share this",
];

/// The white-space separated tokens around fusions, which come in text order: the white space
/// before one and after it is searched from where the previous search stopped, so a text without
/// white space (a million fusions in one token) is read a bounded number of times.
struct Tokens<'t> {
    text: &'t str,
    /// Text before this offset has been searched for white space backwards...
    scanned: usize,
    /// ... and the token holding `scanned` starts here.
    start: usize,
    /// The first white space at or after the last token end asked for (or the text's end).
    next_space: usize,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Self {
        Tokens {
            text,
            scanned: 0,
            start: 0,
            next_space: 0,
        }
    }

    /// The token holding `start..end`: from after the white space before it (which may be wider
    /// than a byte, U+00A0) to the white space after it.
    fn around(&mut self, start: usize, end: usize) -> Span {
        let text = self.text;
        let after_space = |from: usize, to: usize| {
            text[from..to]
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace())
                .map(|(k, c)| from + k + c.len_utf8())
        };
        let token_start = if start >= self.scanned {
            if let Some(s) = after_space(self.scanned, start) {
                self.start = s;
            }
            self.scanned = start;
            self.start
        } else {
            after_space(0, start).unwrap_or(0)
        };
        if self.next_space < end {
            self.next_space = text[end..]
                .find(char::is_whitespace)
                .map_or(text.len(), |k| end + k);
        }
        Span::new(token_start, self.next_space.max(end))
    }
}

/// Whether a white-space separated token is a web or e-mail address, a handle or a file name.
fn is_address(token: &str) -> bool {
    token.contains("://")
        || token.contains('@')
        || memchr::memmem::find(token.to_ascii_lowercase().as_bytes(), b"www.").is_some()
        || token.starts_with(['#', '<'])
}

/// Whether the fused word at `start..end` is a domain name or a brand.
fn is_domain(text: &str, start: usize, end: usize) -> bool {
    // `Example.Com`, `Yahoo!News`: a capitalised top-level domain or a brand with its punctuation.
    let tail = text[..end]
        .rsplit(['.', '!', '?'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let head = text[start..end]
        .split(['.', '!', '?'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        tail.as_str(),
        "com"
            | "net"
            | "org"
            | "gov"
            | "edu"
            | "info"
            | "biz"
            | "io"
            | "co"
            | "uk"
            | "tv"
            | "me"
            | "ly"
            | "js"
    ) || head == "yahoo"
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;
    use super::*;

    #[test]
    fn a_space_in_a_chain_of_abbreviations_is_a_guess() {
        let applicability = |text: &str| {
            let mut out = Vec::new();
            fused(&Document::plain(text), &mut out);
            out.iter()
                .map(|(_, f)| f.fix.as_ref().unwrap().applicability)
                .collect::<Vec<_>>()
        };
        use crate::diagnostic::Applicability::{Safe, Unsafe};
        assert_eq!(
            applicability("It rose in March.Chairman Ivanov spoke."),
            [Safe]
        );
        assert_eq!(applicability("Shares of Swiss.Bank. rose 5,000."), [Unsafe]);
    }

    #[test]
    fn fusions_are_not_domains_decimals_or_abbreviations() {
        assert_eq!(
            run(Report::Fused, "a warrant in March.Chairman Ivanov spoke"),
            ["March.Chairman"]
        );
        for (text, fused) in [
            ("on May 25.Its record", "25.Its"),
            ("of $750,000.Bronder said", "$750,000.Bronder"),
            ("a stake in Heck's.It rose", "Heck's.It"),
            ("a ruling).For now", "ruling).For"),
            ("he said.”The end", "said.”The"),
        ] {
            assert_eq!(run(Report::Fused, text), [fused]);
        }
        assert_eq!(
            run(
                Report::Fused,
                "Photo: Shutterstock.com and 3.5 pct at 7.50 on v2.1.3"
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Fused,
                "see www.example.Com/Page or mail info@news.Com or http://a.b/c.Html"
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Fused,
                "the U.S. and Mrs.Smith and e.g.The end and Yahoo!News"
            ),
            Vec::<&str>::new()
        );
        let flattened = "It rose.The end came.Then it fell.After that it rose.Then it stopped.";
        let doc = Document::plain(flattened);
        let mut out = Vec::new();
        fused(&doc, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&flattened[out[0].1.span.range()], "rose.The");
        assert_eq!(
            out[0].1.notes,
            [
                "3 more places in this article run two sentences together the same way: its paragraph breaks were probably lost"
            ]
        );
    }
}
