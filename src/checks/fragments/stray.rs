//! Stray fragments: one to three lower-case words left after a finished sentence by an edit
//! (`… in the country. take.`).

use super::{ABBREVIATIONS, CLOSERS, Report};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::markup::BlockKind;
use crate::span::Span;

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "tweeted",
    "wrote",
    "told",
    "asked",
    "noted",
    "explained",
    "continued",
    "stated",
    "replied",
    "insisted",
    "argued",
    "warned",
];

/// `… in the country. take.`: one to three lower-case words after a finished sentence, ending
/// the paragraph or followed by another sentence.
pub(super) fn stray(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    for block in doc
        .paragraphs
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
    {
        let para = &text[block.span.range()];
        let base = block.span.start;
        // Only a full stop: after `?` or `!` a lower-case word is usually the attribution of a
        // quotation whose marks were lost (`… madness?  he tweeted.`).
        for i in memchr::memchr_iter(b'.', para.as_bytes()) {
            if para[i + 1..].starts_with('.') || para[..i].ends_with('.') {
                continue;
            }
            let mut end = i + 1;
            while let Some(c) = para[end..].chars().next().filter(|c| CLOSERS.contains(c)) {
                end += c.len_utf8();
            }
            if end > i + 1 {
                continue; // `“Yes!” he shouted`: the quotation ended, the sentence goes on
            }
            let rest = &para[end..];
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 || !rest.trim_start().starts_with(|c: char| c.is_lowercase()) {
                continue;
            }
            // A bounded look back keeps a paragraph of a million full stops linear.
            let before = tail(&para[..i], 200);
            let word = before
                .rsplit(|c: char| c.is_whitespace() || "([\"“‘'".contains(c))
                .next()
                .unwrap_or("");
            let bare = word.trim_end_matches(|c: char| CLOSERS.contains(&c));
            if !finished_sentence(before, bare) {
                continue;
            }
            let start = end + gap;
            let Some(len) = fragment_len(&para[start..]) else {
                continue;
            };
            let last_word = para[start..start + len]
                .trim_end_matches('.')
                .rsplit(' ')
                .next()
                .unwrap_or("");
            if SPEECH_VERBS.contains(&last_word) {
                continue; // `he said.` after a quotation whose marks were stripped
            }
            let span = Span::new(base + start, base + start + len);
            let f = Finding::new(span)
                .var("match", &text[span.range()])
                .var("before", bare)
                .label(Span::new(base + i, base + i + 1), "the sentence ends here");
            out.push((Report::Stray, f));
        }
    }
}

/// The last `n` bytes of `s` or fewer, cut at a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Whether `before` (ending in the word `last`) reads as a finished sentence, not an abbreviation.
fn finished_sentence(before: &str, last: &str) -> bool {
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2
        || last.contains('.')
        || !last
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '’' || c == '\'')
    {
        return false;
    }
    let tail = last.rsplit('-').next().unwrap_or(last); // `R-Mo.`
    if last.chars().all(|c| !c.is_lowercase())
        || ABBREVIATIONS.contains(&tail.to_lowercase().as_str())
    {
        return false; // `DLRS.`, `U.S.`, `approx.`
    }
    before.split_whitespace().nth(2).is_some()
}

/// The length of a stray fragment at the start of `s`: one to three lower-case words of letters
/// only, then sentence punctuation (or nothing) before the paragraph ends or a new sentence starts.
fn fragment_len(s: &str) -> Option<usize> {
    let mut words = 0;
    let mut pos = 0;
    loop {
        let word_len = s[pos..]
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '’' || c == '\''))
            .unwrap_or(s.len() - pos);
        let word = &s[pos..pos + word_len];
        if word_len == 0
            || (words == 0
                && (!word.starts_with(char::is_lowercase)
                    || word.chars().skip(1).any(char::is_uppercase)))
        {
            return None; // `iPhone`, `eBay`
        }
        words += 1;
        pos += word_len;
        let rest = &s[pos..];
        match rest.chars().next() {
            None => return Some(pos),
            Some('.' | '!' | '?') => {
                let after = rest[1..].trim_start_matches(|c: char| CLOSERS.contains(&c));
                let next = after.trim_start();
                let ends = next.is_empty()
                    || (after.len() > next.len()
                        && next.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“'));
                return (ends && !rest[1..].starts_with('.')).then_some(pos + 1);
            }
            Some(' ') if words < 3 => pos += 1,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;
    use super::*;

    #[test]
    fn strays_after_a_finished_sentence() {
        assert_eq!(
            run(
                Report::Stray,
                "He was expected to be arrested on arrival in the country. take."
            ),
            ["take."]
        );
        assert_eq!(
            run(
                Report::Stray,
                "The talks ended late on Friday. of the. Officials left."
            ),
            ["of the."]
        );
        assert_eq!(
            run(Report::Stray, "“Yes!” he shouted at the crowd."),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Stray,
                "Prices rose about 3 pct, etc. and then fell back."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Stray,
                "He bought a new phone last week. iPhone sales rose."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Stray,
                "Net profit rose to 1.5 mln dlrs. vs 1.2 mln dlrs."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(Report::Stray, "He paused... then went on."),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Stray,
                "She left the U.S. on Monday. and he said so at length."
            ),
            Vec::<&str>::new()
        );
    }
}
