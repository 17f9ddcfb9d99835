//! Small text helpers for the figures check: words next to a position and case-insensitive word
//! sets. They read `&str` around a byte offset and never cross a paragraph's bounds, so the check
//! needs no token list and pays only for the places where a number is.

use std::collections::HashSet;

/// A set of words compared case-insensitively (ASCII), built from a rule's word list.
#[derive(Debug, Default)]
pub struct WordSet(HashSet<String>);

impl WordSet {
    pub fn new(words: &[String]) -> Self {
        WordSet(
            words
                .iter()
                .map(|w| w.trim().to_ascii_lowercase())
                .filter(|w| !w.is_empty())
                .collect(),
        )
    }

    pub fn contains(&self, word: &str) -> bool {
        if word.len() > 40 {
            return false;
        }
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            // Lower-cased on the stack: this runs for words next to every number.
            let mut buf = [0u8; 40];
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(|w| self.0.contains(w))
        } else {
            self.0.contains(word)
        }
    }
}

/// Whether `c` continues a word after `prev`: letters and digits, and an apostrophe, hyphen or
/// dot between two of them (`Putin’s`, `two-thirds`, `U.S`).
fn joins(s: &str, at: usize, c: char) -> bool {
    if c.is_alphanumeric() {
        return true;
    }
    matches!(c, '\'' | '’' | '-' | '.')
        && s[at + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// The end of the word that starts at `start`.
pub fn word_end(s: &str, start: usize, limit: usize) -> usize {
    let mut end = start;
    for (i, c) in s[start..limit].char_indices() {
        if (i > 0 && !joins(&s[..limit], start + i, c)) || (i == 0 && !c.is_alphanumeric()) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    end
}

/// The word after `pos` (white space skipped, punctuation stops), within `..limit`.
pub fn next_word(s: &str, pos: usize, limit: usize) -> Option<(usize, usize)> {
    let rest = &s[pos..limit];
    let start = pos + (rest.len() - rest.trim_start().len());
    let end = word_end(s, start, limit);
    (end > start).then_some((start, end))
}

/// The word before `pos` (white space and one full stop skipped, other punctuation stops), within
/// `floor..`. The stop is skipped so that `Sept. 30` and `No. 10` see their word.
pub fn prev_word(s: &str, pos: usize, floor: usize) -> Option<(usize, usize)> {
    let before = s[floor..pos].trim_end();
    let before = before.strip_suffix('.').unwrap_or(before);
    let end = floor + before.len();
    let mut start = end;
    for (i, c) in s[floor..end].char_indices().rev() {
        let at = floor + i;
        if c.is_alphanumeric() || (matches!(c, '\'' | '’' | '-' | '.') && start < end && at > floor)
        {
            start = at;
        } else {
            break;
        }
    }
    // A joiner cannot start a word.
    while start < end && !s[start..].starts_with(char::is_alphanumeric) {
        start += s[start..].chars().next().map_or(1, char::len_utf8);
    }
    (end > start).then_some((start, end))
}

/// Whether `s` starts with `prefix`, ignoring ASCII case, and the match ends at a word boundary.
pub fn starts_with_word(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
        && !s[prefix.len()..].starts_with(char::is_alphanumeric)
}

/// Whether `s[at..]` starts a new sentence: a full stop, question or exclamation mark, white
/// space and a capital or digit (`Co. on` and `U.S. officials` do not: a lower-case word follows,
/// or no space).
fn sentence_break_at(s: &str, at: usize) -> bool {
    s[at..].starts_with(['.', '?', '!'])
        && s[at + 1..].starts_with(char::is_whitespace)
        && s[at + 1..]
            .trim_start()
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether a sentence ends within `s[from..to]` (see `sentence_break_at`).
pub fn crosses_sentence(s: &str, from: usize, to: usize) -> bool {
    memchr::memchr3_iter(b'.', b'?', b'!', &s.as_bytes()[from..to])
        .any(|i| sentence_break_at(s, from + i))
}

/// `from..to` narrowed to the sentence of `start..end` (which it holds): a window around a word
/// that does not reach into the sentences before or after it.
pub fn within_sentence(
    s: &str,
    from: usize,
    to: usize,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let bytes = s.as_bytes();
    let from = memchr::memrchr3_iter(b'.', b'?', b'!', &bytes[from..start])
        .map(|i| from + i)
        .find(|&i| sentence_break_at(s, i))
        .map_or(from, |i| i + 1);
    let to = memchr::memchr3_iter(b'.', b'?', b'!', &bytes[end..to])
        .map(|i| end + i)
        .find(|&i| sentence_break_at(s, i))
        .unwrap_or(to);
    (from, to)
}

/// Whether a word of `set` appears in `s[from..to]`.
pub fn any_word_in(s: &str, from: usize, to: usize, set: &WordSet) -> bool {
    words_in(s, from, to, set).next().is_some()
}

/// The words of `set` in `s[from..to]`, in text order.
pub fn words_in<'a>(
    s: &'a str,
    from: usize,
    to: usize,
    set: &'a WordSet,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut pos = from;
    std::iter::from_fn(move || {
        while pos < to {
            let c = s[pos..to].chars().next()?;
            if c.is_alphanumeric() {
                let start = pos;
                let end = word_end(s, pos, to);
                pos = end.max(pos + c.len_utf8());
                if set.contains(&s[start..end]) {
                    return Some((start, end));
                }
            } else {
                pos += c.len_utf8();
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_a_position() {
        let s = "in Sept. 30, the U.S. page 14";
        assert_eq!(prev_word(s, 9, 0).map(|(a, b)| &s[a..b]), Some("Sept"));
        assert_eq!(
            next_word(s, 12, s.len()).map(|(a, b)| &s[a..b]),
            Some("the")
        );
        assert_eq!(
            next_word(s, 16, s.len()).map(|(a, b)| &s[a..b]),
            Some("U.S")
        );
        assert_eq!(prev_word(s, 27, 0).map(|(a, b)| &s[a..b]), Some("page"));
        assert_eq!(prev_word("x, 5", 3, 0), None);
        assert_eq!(next_word("5 — x", 1, 7), None);
    }

    #[test]
    fn word_sets_ignore_case() {
        let set = WordSet::new(&["Percent".to_string()]);
        assert!(set.contains("PERCENT") && set.contains("percent") && !set.contains("per"));
        assert!(
            starts_with_word("Per cent.", "per cent") && !starts_with_word("percentage", "percent")
        );
    }

    #[test]
    fn sentence_breaks_need_a_capital_after() {
        let s = "A survey by Asahi Co. on Monday showed it. Then 40 died.";
        assert!(!crosses_sentence(s, 0, 40));
        assert!(crosses_sentence(s, 0, s.len()));
        let at = s.find("40").unwrap();
        assert_eq!(within_sentence(s, 0, s.len(), at, at + 2), (42, s.len()));
    }
}
