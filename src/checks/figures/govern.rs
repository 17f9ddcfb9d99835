//! What governs a figure beyond a cue in its own sentence or paragraph: a quotation (the quoted
//! speaker is the source), an introduction that names a source and ends with a colon (`The
//! ministry gave these figures:`) over the list or paragraphs after it, and a table (a `Shr 34
//! cts vs 12 cts` row; a results brief is the company's own report).
//!
//! A cue earlier in the story does not govern later paragraphs: only these devices carry a source
//! past its paragraph (issue 12; measured on PolNeAR in docs/figures.md).

use super::super::quotes::marks::{self, Event, Locale};
use crate::document::Document;
use crate::markup::BlockKind;
use crate::span::Span;

/// How far back a list may reach for its introduction: far beyond any list in an article, and a
/// bound on the work for a file made of one endless list.
const MAX_LIST: usize = 500;

/// The quoted stretches of `doc`, sorted by start: every pair of quotation marks (a quotation
/// that runs on over several paragraphs is one pair), and a quotation left open to the end of
/// its paragraph.
pub fn quoted(doc: &Document, locale: Locale) -> Vec<Span> {
    let pass = marks::run(doc, locale);
    let mut out: Vec<Span> = pass
        .pairs
        .iter()
        .map(|(open, close)| Span::new(open.start, close.end))
        .collect();
    out.extend(pass.events.iter().filter_map(|e| match e {
        Event::Unclosed { opener, end, .. } => {
            Some(Span::new(opener.start, end.end.max(opener.end)))
        }
        _ => None,
    }));
    out.sort_unstable_by_key(|s| s.start);
    out
}

/// The outermost of the sorted `regions` that holds `span`.
pub fn enclosing(regions: &[Span], span: Span) -> Option<Span> {
    let n = regions.partition_point(|r| r.start <= span.start);
    let near = &regions[n.saturating_sub(64)..n];
    near.iter().find(|r| span.end <= r.end).copied()
}

/// Whether block `i` is governed by an introduction before it: a block that ends with a colon or
/// a dash and names a source (`has_cue`), at most `max` plain paragraphs back (counting block
/// `i`); list items reach back over the whole list. A heading ends the search.
pub fn introduced(
    doc: &Document,
    i: usize,
    max: usize,
    mut has_cue: impl FnMut(usize) -> bool,
) -> bool {
    let mut paragraphs = usize::from(doc.paragraphs[i].kind != BlockKind::ListItem);
    for j in (i.saturating_sub(MAX_LIST)..i).rev() {
        if paragraphs > max {
            return false;
        }
        let block = doc.paragraphs[j];
        let text = doc.slice(block.span);
        if is_intro(text) {
            return has_cue(j);
        }
        match block.kind {
            BlockKind::Heading => return false,
            BlockKind::Paragraph => paragraphs += 1,
            BlockKind::ListItem => {}
        }
    }
    false
}

/// A block that introduces a list, table or quotation: it ends with a colon or a dash (`... were
/// filed with the Securities and Exchange Commission:`, `as follows --`).
pub fn is_intro(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(':') || t.ends_with(" -") || t.ends_with("--") || t.ends_with('—')
}

/// A results brief: at least two rows of the form `Shr 34 cts vs 12 cts` or `Net profit 890 mln
/// francs vs 1.12 billion.`: the company's own report, all of it.
pub fn is_results_brief(doc: &Document) -> bool {
    let rows = doc
        .paragraphs
        .iter()
        .filter(|b| is_table_row(doc.slice(b.span)));
    rows.take(2).count() == 2
}

/// A line comparing two figures with `vs`: a row of a table of results or data.
pub fn is_table_row(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b" vs").is_some_and(|at| {
        text[at + 3..].starts_with([' ', '.'])
            && text[..at].bytes().any(|c| c.is_ascii_digit())
            && text[at..].bytes().any(|c| c.is_ascii_digit())
    })
}

/// How many paragraphs an interview answer may run after its speaker's name.
const ANSWER_PARAGRAPHS: usize = 3;

/// Whether block `i` is part of an interview answer: within [`ANSWER_PARAGRAPHS`] blocks after a
/// line that is only a person's name (`Keith Humphreys`, `Alec Ross:`) and that stands on a line
/// of its own elsewhere in the article too (each speaker of an interview speaks more than once; a
/// subheading such as `Tough Times` is used once). The nearest line that reads as a name decides;
/// another heading ends the search.
pub fn answers_speaker(doc: &Document, i: usize) -> bool {
    for j in (i.saturating_sub(ANSWER_PARAGRAPHS)..i).rev() {
        let text = doc.slice(doc.paragraphs[j].span).trim();
        if is_speaker_label(text) {
            return doc
                .paragraphs
                .iter()
                .enumerate()
                .any(|(k, b)| k != j && doc.slice(b.span).trim() == text);
        }
        if doc.paragraphs[j].kind == BlockKind::Heading {
            return false;
        }
    }
    false
}

/// A line that is only a name: two to four capitalized words of letters, not in capitals
/// (`Daniel Markovits`, `Dr. Ellen Vollinger:`), no sentence punctuation.
pub fn is_speaker_label(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && !t.ends_with('.')
}

/// Whether a line the markup layer took for a heading (no closing punctuation) reads as a
/// sentence: eight or more words, at least a third of them lower case. A headline is short or
/// written in capitals or title case; `LONDON, March 12 - The Bank of England said it ... from
/// 1.55 billion` is a lede whose full stop was lost, and is checked as a paragraph.
pub fn reads_as_sentence(text: &str) -> bool {
    let mut words = 0;
    let mut lower = 0;
    for w in text.split_whitespace() {
        words += 1;
        if w.starts_with(|c: char| c.is_lowercase()) {
            lower += 1;
        }
    }
    words >= 8 && lower * 3 >= words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_inside_regions() {
        let regions = [Span::new(0, 10), Span::new(5, 8), Span::new(20, 30)];
        assert_eq!(enclosing(&regions, Span::new(6, 7)), Some(Span::new(0, 10)));
        assert_eq!(
            enclosing(&regions, Span::new(21, 30)),
            Some(Span::new(20, 30))
        );
        assert_eq!(enclosing(&regions, Span::new(9, 12)), None);
        assert_eq!(enclosing(&[], Span::new(0, 1)), None);
    }

    #[test]
    fn intros_and_rows() {
        assert!(is_intro("The ministry gave these figures:"));
        assert!(!is_intro("The ministry gave no figures."));
        assert!(is_table_row("Shr 34 cts vs 12 cts"));
        assert!(!is_table_row("Texas vs Ohio"));
    }
}
