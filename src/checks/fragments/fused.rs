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
        if !(bytes[i + 1].is_ascii_uppercase() && bytes[i + 2].is_ascii_lowercase()) {
            continue;
        }
        let before = &text[..i];
        let mut back = before.chars().rev();
        if !(back.next().is_some_and(char::is_lowercase)
            && back.next().is_some_and(char::is_lowercase))
        {
            continue;
        }
        let start = before
            .rfind(|c: char| !c.is_alphanumeric() && c != '-' && c != '’' && c != '\'')
            .map_or(0, |k| {
                k + before[k..].chars().next().map_or(1, char::len_utf8)
            });
        let after = &text[i + 1..];
        let end = i
            + 1
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
        {
            continue;
        }
        let span = Span::new(start, end);
        let finding = Finding::new(span)
            .var("match", &text[span.range()])
            .fix(Span::new(i + 1, i + 1), " ");
        // `Swiss.Bank.` in a wire table: a chain of abbreviations, where a space is a guess.
        let chain = text[end..].starts_with('.');
        out.push(if chain { finding.unsafe_fix() } else { finding });
    }
}

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
