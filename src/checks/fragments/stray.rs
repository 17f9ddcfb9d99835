//! Stray fragments: one to three lower-case words left after a finished sentence by an edit
//! (`… in the country. take.`, `… after 1990. the. He …`, `… a deal with Acme Corp. in the. Then …`).

use super::{ABBREVIATIONS, CLOSERS, Report};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::markup::BlockKind;
use crate::span::Span;

/// Verbs of an attribution (`he said`), which may follow a quotation whose marks were lost.
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
    "shouted",
    "cried",
    "laughed",
];

/// Words that cannot take up the sentence an abbreviation left off (`the U.S. the.`, `Acme Corp.
/// in the.`): after an abbreviation, a fragment counts only when it starts with one of them, because
/// `the U.S. economy.` and `Acme Corp. said.` go on with the sentence.
const CANNOT_CONTINUE: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "for", "with", "by", "at", "from", "it", "he", "she",
    "they", "we", "which", "who", "that", "this", "is", "was", "were", "are", "be", "been", "has",
    "have", "had", "will", "would", "could", "should", "can", "may", "more", "its", "their",
];

/// Abbreviations that stand before what they abbreviate (`approx. two`, `vs. the`, `No. 5`):
/// whatever follows them is the same sentence.
const LEADING_ABBREVIATIONS: &[&str] = &[
    "approx", "vs", "v", "no", "nos", "vol", "pp", "p", "cf", "fig", "est", "ca", "c", "op", "ed",
    "eds", "viz", "mr", "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "prof", "min", "max",
    "ft", "mt", "unch",
];

/// How the word before a full stop ends its sentence.
#[derive(PartialEq)]
enum Before {
    /// A word or a figure: the sentence is finished.
    Finished,
    /// An abbreviation that may end a sentence (`Corp.`, `U.S.`, `etc.`).
    Abbreviation,
}

/// `… in the country. take.`: one to three lower-case words after a finished sentence, ending
/// the paragraph or followed by another sentence.
pub(super) fn stray(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    // Copy without a single double quotation mark has probably lost them (a scraper stripped
    // them): there, `… in the country. he said.` is the attribution of a quotation.
    let quotes_stripped = !text.contains(['"', '“', '”', '«', '»']);
    // Headings too: a fragment without a stop at the end of a paragraph (`… the day before.
    // sources`) leaves the paragraph without sentence punctuation.
    for block in doc
        .paragraphs
        .iter()
        .filter(|b| b.kind != BlockKind::ListItem)
    {
        let para = &text[block.span.range()];
        let base = block.span.start;
        for i in memchr::memchr3_iter(b'.', b'?', b'!', para.as_bytes()) {
            if para[i + 1..].starts_with(['.', '?', '!']) || para[..i].ends_with(['.', '?', '!']) {
                continue; // an ellipsis or `?!`
            }
            let mut end = i + 1;
            while let Some(c) = para[end..].chars().next().filter(|c| CLOSERS.contains(c)) {
                end += c.len_utf8();
            }
            let closed_quote = end > i + 1;
            let rest = &para[end..];
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 || !rest.trim_start().starts_with(|c: char| c.is_lowercase()) {
                continue;
            }
            // A bounded look back keeps a paragraph of a million full stops linear.
            let before = tail(&para[..i], 200);
            // `… University-Hanoi (VNU). sources`: a parenthetical ends the sentence.
            let bracketed = before.ends_with(')');
            let bare = before
                .trim_end_matches(|c: char| CLOSERS.contains(&c))
                .rsplit(|c: char| c.is_whitespace() || "([\"“‘'".contains(c))
                .next()
                .unwrap_or("");
            let stop = &para[i..i + 1];
            let Some(kind) = ends_sentence(before, bare, stop, closed_quote || bracketed) else {
                continue;
            };
            let start = end + gap;
            let Some(len) = fragment_len(&para[start..]) else {
                continue;
            };
            let words: Vec<&str> = para[start..start + len]
                .trim_end_matches(['.', '!', '?'])
                .split(' ')
                .collect();
            if is_attribution(&words) && (closed_quote || stop != "." || quotes_stripped) {
                continue; // `“We won.” he said.`, `… madness? he tweeted.`
            }
            if kind == Before::Abbreviation && !CANNOT_CONTINUE.contains(&words[0]) {
                continue;
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

/// Whether a fragment reads as the attribution of a quotation: a subject and a speech verb, or a
/// verb in the past tense (`he said`, `he shouted`, `the crowd roared`). A lone `said.` has no
/// subject: it is a word left behind.
fn is_attribution(words: &[&str]) -> bool {
    words.len() > 1
        && words
            .iter()
            .skip(1)
            .any(|w| SPEECH_VERBS.contains(w) || w.ends_with("ed"))
}

/// The last `n` bytes of `s` or fewer, cut at a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// How `before` (ending in the word `last`, then the stop `stop`) ends a sentence, if it does.
fn ends_sentence(before: &str, last: &str, stop: &str, closed_quote: bool) -> Option<Before> {
    // `16. in the`: a list number or a heading, not a sentence.
    before.split_whitespace().nth(2)?;
    let figure = !last.is_empty()
        && last.starts_with(|c: char| c.is_ascii_digit())
        && last
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '%');
    if figure && !last.ends_with('.') {
        return Some(Before::Finished); // `… after 1990. the.`
    }
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    // `7am`, `COVID-19`, `km/h`, `Britain’s`.
    let wordlike = last
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '’' | '\'' | '/'));
    if letters == 0 || !wordlike {
        return None;
    }
    if stop != "." || closed_quote {
        return Some(Before::Finished);
    }
    let tail = last.rsplit('-').next().unwrap_or(last); // `R-Mo.`
    let lower = tail.to_lowercase();
    if LEADING_ABBREVIATIONS.contains(&lower.as_str()) {
        return None;
    }
    // `U.S.`, `a.m.`, `Corp.`, `DLRS.`, a lone initial: an abbreviation that may end a sentence.
    if letters < 2
        || last.contains('.')
        || ABBREVIATIONS.contains(&lower.as_str())
        || last.chars().all(|c| !c.is_lowercase())
    {
        return Some(Before::Abbreviation);
    }
    Some(Before::Finished)
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
            || !word.starts_with(char::is_lowercase)
            || word.chars().any(char::is_uppercase)
        {
            return None; // `iPhone`, `eBay`, `and Google.`
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

    fn strays(text: &str) -> Vec<&str> {
        run(Report::Stray, text)
    }

    #[test]
    fn strays_after_a_finished_sentence() {
        assert_eq!(
            strays("He was expected to be arrested on arrival in the country. take."),
            ["take."]
        );
        assert_eq!(
            strays("The talks ended late on Friday. of the. Officials left."),
            ["of the."]
        );
        assert_eq!(
            strays("Debts fall due after 1990. the. He gave no figures."),
            ["the."]
        );
        assert_eq!(
            strays("The board met on Friday. said. “We agreed,” she said."),
            ["said."]
        );
        assert_eq!(
            strays("It was a “historic day.” take. Then the crowd left."),
            ["take."]
        );
        assert_eq!(
            strays(
                "It cannot be taken at \"face value\". to be.\n\nThe road reopened at 7am. of the. Then"
            ),
            ["to be.", "of the."]
        );
        assert_eq!(
            strays("Prices rose 3% the day before. sources\n\n“No,” she said. It ended. he added"),
            ["sources", "he added"]
        );
    }

    #[test]
    fn strays_after_an_abbreviation_only_when_they_cannot_continue_it() {
        assert_eq!(
            strays("They signed a deal with Acme Corp. in the. Then they left for home."),
            ["in the."]
        );
        assert_eq!(
            strays("Growth slowed across the whole U.S. economy. Then prices fell back."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("The deal is done and it is final, Acme Corp. said. Shares rose."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("Prices rose about 3 pct, etc. and then fell back."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("Net profit rose to 1.5 mln dlrs. vs 1.2 mln dlrs."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn attributions_quotations_and_brands_pass() {
        assert_eq!(
            strays("“Yes!” he shouted at the crowd."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("“It is over for all of us.” he said. “We go home.”"),
            Vec::<&str>::new()
        );
        // Without a single quotation mark the copy lost them: `he said.` is an attribution.
        assert_eq!(
            strays("It is over for all of us now. he said. We go home."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("He bought a new phone last week. iPhone sales rose."),
            Vec::<&str>::new()
        );
        assert_eq!(strays("He paused... then went on."), Vec::<&str>::new());
        assert_eq!(
            strays("She left the U.S. on Monday. and he said so at length."),
            Vec::<&str>::new()
        );
    }
}
