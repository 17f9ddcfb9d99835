//! Sentence boundaries inside one paragraph, tuned for news copy.
//!
//! A boundary is sentence punctuation (`.` `!` `?` `…`), then any closing quotes or brackets, then
//! white space (a wrapped line break counts as a space), then a capital letter, a digit or an
//! opening quote. That alone keeps `3.5`, `Shutterstock.com` and `he paused ... then` whole. The
//! exceptions are abbreviations: titles and initials (`Mr.`, `Gen.`, `J.`) never end a sentence;
//! multi-period and reference abbreviations (`U.S.`, `a.m.`, `Inc.`, `Jan.`, `etc.`) end one only
//! when the next word is a typical sentence opener (`U.S. officials said` vs `in the U.S. He left`).
//!
//! A boundary before a lower-case word is never made (`“Yes!” he shouted`): the fragments checks
//! look at punctuation and case directly, so they do not depend on this splitter.

use crate::span::Span;

/// Sentences of `text[para]`, each trimmed; together they cover the paragraph's words.
pub fn split(text: &str, para: Span) -> Vec<Span> {
    let s = &text[para.range()];
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let Some(term_len) = terminator_len(&s[i..]) else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut end = i + term_len;
        // Further terminators (`?!`, `...`) and closing quotes or brackets belong to this sentence.
        while end < bytes.len() {
            if let Some(n) = terminator_len(&s[end..]) {
                end += n;
            } else if let Some(c) = s[end..].chars().next().filter(|c| CLOSERS.contains(*c)) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        let after_space = s[end..].trim_start();
        let gap = s.len() - end - after_space.len();
        if gap > 0 && is_break(&s[..i], &s[i..end], after_space) {
            push(&mut out, para.start, s, start, end);
            start = end + gap;
        }
        i = end;
    }
    push(&mut out, para.start, s, start, s.len());
    out
}

fn push(out: &mut Vec<Span>, base: usize, s: &str, start: usize, end: usize) {
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(
            base + start + lead,
            base + start + lead + trimmed.len(),
        ));
    }
}

const CLOSERS: &str = "\"'”’»)]";
const OPENERS: &str = "\"'“‘«([";

fn terminator_len(s: &str) -> Option<usize> {
    match s.chars().next()? {
        c @ ('.' | '!' | '?' | '…') => Some(c.len_utf8()),
        _ => None,
    }
}

fn is_break(before: &str, terminator: &str, next: &str) -> bool {
    let Some(first) = next.chars().next() else {
        return false;
    };
    let starts_sentence = first.is_uppercase()
        || first.is_ascii_digit()
        || (OPENERS.contains(first)
            && next[first.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
    if !starts_sentence {
        return false;
    }
    if terminator != "." {
        return true;
    }
    let word = last_word(before);
    let bare = word.trim_end_matches('.');
    if TITLES.contains(&bare) || is_initial(word) {
        return false;
    }
    let abbreviation = word.contains('.') || REFERENCE_ABBREVIATIONS.contains(&bare);
    !abbreviation || OPENERS_AFTER_ABBREVIATION.contains(&first_word(next))
}

fn last_word(s: &str) -> &str {
    let s = s.trim_end_matches(|c: char| CLOSERS.contains(c));
    s.rsplit(|c: char| c.is_whitespace() || OPENERS.contains(c))
        .next()
        .unwrap_or("")
}

fn first_word(s: &str) -> &str {
    let s = s.trim_start_matches(|c: char| OPENERS.contains(c));
    s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

/// `J` in `J. Smith` (`J.R.R.` is a multi-period abbreviation and goes by the next word).
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Always followed by a name: never the end of a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Rev", "Fr", "Sr", "Jr", "St", "Mt", "Ft", "Gov",
    "Lt", "Gen", "Sen", "Rep", "Adm", "Capt", "Cmdr", "Col", "Cpl", "Maj", "Sgt", "Pvt", "Supt",
    "Det", "Insp", "Amb", "Pres", "Hon", "Gens", "Sens", "Reps",
];

/// Abbreviations that may end a sentence.
const REFERENCE_ABBREVIATIONS: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Bros", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "No", "Nos",
    "Vol", "pp", "p", "vs", "v", "approx", "est", "etc", "cf", "al", "Fig", "Jan", "Feb", "Mar",
    "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs",
    "Fri", "Sat", "Sun",
];

/// Words that begin a new sentence after an abbreviation that could also end one.
const OPENERS_AFTER_ABBREVIATION: &[&str] = &[
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "What",
    "Why",
    "How",
    "Who",
    "Some",
    "Many",
    "Most",
    "Still",
    "Yet",
    "So",
    "Now",
    "Then",
    "After",
    "Before",
    "Since",
    "For",
    "However",
    "Meanwhile",
    "Officials",
    "Analysts",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn titles_initials_and_decimals_do_not_split() {
        assert_eq!(
            sentences("Mr. Smith arrived in Gen. Milley's office. He left."),
            ["Mr. Smith arrived in Gen. Milley's office.", "He left."]
        );
        assert_eq!(
            sentences("J. R. R. Tolkien wrote it. Prices rose 3.5 percent."),
            ["J. R. R. Tolkien wrote it.", "Prices rose 3.5 percent."]
        );
    }

    #[test]
    fn multi_period_abbreviations_depend_on_the_next_word() {
        assert_eq!(
            sentences("U.S. officials said so. I live in the U.S. He does too."),
            [
                "U.S. officials said so.",
                "I live in the U.S.",
                "He does too."
            ]
        );
        assert_eq!(
            sentences(
                "Shares of Apple Inc. rose 2%. Analysts at Goldman Sachs Group Inc. said demand was strong."
            ),
            [
                "Shares of Apple Inc. rose 2%.",
                "Analysts at Goldman Sachs Group Inc. said demand was strong."
            ]
        );
        assert_eq!(
            sentences("It was signed on Jan. 5 in Geneva."),
            ["It was signed on Jan. 5 in Geneva."]
        );
    }

    #[test]
    fn quotes_after_the_stop_belong_to_the_sentence() {
        assert_eq!(
            sentences("\"We won.\" He left."),
            ["\"We won.\"", "He left."]
        );
        assert_eq!(
            sentences("“Yes!” he shouted. “No?” She asked."),
            ["“Yes!” he shouted.", "“No?”", "She asked."]
        );
    }

    #[test]
    fn ellipses_domains_and_wrapped_lines() {
        assert_eq!(
            sentences("He paused ... then went on. Prices rose... Then fell."),
            [
                "He paused ... then went on.",
                "Prices rose...",
                "Then fell."
            ]
        );
        assert_eq!(
            sentences("Photo by Shutterstock.com today. Next\none here."),
            ["Photo by Shutterstock.com today.", "Next\none here."]
        );
    }

    #[test]
    fn datelines_stay_with_their_sentence() {
        assert_eq!(
            sentences("BRUSSELS, March 4 - The EC said. It agreed."),
            ["BRUSSELS, March 4 - The EC said.", "It agreed."]
        );
    }
}
