//! Truncated paragraphs: a paragraph that breaks off mid-word before an ellipsis
//! (`the council approved a new libr…`, `ahead of next month's referen...`).
//!
//! The stub before the ellipsis is judged against an English word list (words.txt, from SCOWL)
//! and the article's own words: a stub that is a whole word is a deliberate trailing ellipsis
//! (`and then the lights went out...`) and passes; a stub that is only the start of a longer word
//! (`libr`, `referen`, `Massach`) was cut. A stub that is neither (a foreign name, a typo) passes,
//! unless the next line is the teaser's link (`Read More`).

use super::{Report, SIGN_OFFS};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::markup::BlockKind;
use crate::span::Span;
use std::sync::LazyLock;

/// `… a new libr…`: a paragraph that ends in an ellipsis after a word cut short, mid-sentence.
pub(super) fn truncated(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    // Each candidate searches the article for its word: a bound keeps a pathological file linear.
    let mut budget = 64;
    for block in &doc.paragraphs {
        if block.kind == BlockKind::ListItem {
            continue;
        }
        let s = &text[block.span.range()];
        let Some(body) = s
            .strip_suffix("...")
            .or_else(|| s.strip_suffix('…'))
            .map(|b| b.strip_suffix(' ').unwrap_or(b))
        else {
            continue;
        };
        if !body.ends_with(char::is_alphabetic) {
            continue;
        }
        let word_start = body
            .rfind(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '’'))
            .map_or(0, |i| {
                i + body[i..].chars().next().map_or(1, char::len_utf8)
            });
        let stub = &body[word_start..];
        if SIGN_OFFS.contains(&stub.to_lowercase().as_str()) {
            continue; // `… in 1986. Reuter...`
        }
        // Mid-sentence: three words since the last sentence break, or a word of four letters or
        // more that is not a sign-off in capitals (`… said. REUTER...`).
        let sentence = body.rsplit(['.', '!', '?', ':']).next().unwrap_or(body);
        let signoff = stub.chars().count() < 4 || stub.chars().all(|c| !c.is_lowercase());
        if sentence.split_whitespace().count() < 3 && signoff {
            continue;
        }
        let at = block.span.start + word_start;
        if budget == 0 {
            break;
        }
        budget -= 1;
        // A teaser is followed by its link (`Read More`) on the next line, not by more of the
        // article.
        let teaser = text[block.span.end..]
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .is_some_and(is_link_line);
        if !looks_cut(text, stub, at, teaser) {
            continue;
        }
        let span = Span::new(at, block.span.end);
        out.push((
            Report::Truncated,
            Finding::new(span).var("match", &text[span.range()]),
        ));
    }
}

/// A short line without sentence punctuation, such as the link after a teaser (`Read More`).
fn is_link_line(line: &str) -> bool {
    line.split_whitespace().count() <= 4
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && line.chars().any(char::is_alphabetic)
}

/// Whether `stub`, the word before a paragraph-final ellipsis at `at`, was cut short: a lone
/// capital (`U...`), or a stub that is not a whole word (in the word list, or elsewhere in the
/// article) but starts a longer one, or, in a teaser followed by its link, any stub the article
/// uses nowhere else (`morningfollowin...`).
fn looks_cut(text: &str, stub: &str, at: usize, teaser: bool) -> bool {
    let letters = stub.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 1 {
        return stub.chars().all(char::is_uppercase) && stub != "I" && stub != "A";
    }
    // The last part of a compound (`well-known`) and the word without a possessive decide.
    let last = stub.rsplit('-').next().unwrap_or(stub);
    let last = last
        .strip_suffix("'s")
        .or_else(|| last.strip_suffix("’s"))
        .unwrap_or(last)
        .to_lowercase();
    if CANNOT_END.contains(&last.as_str()) {
        return true; // `… have to brace themselves for...`
    }
    let elsewhere = text
        .match_indices(stub)
        .any(|(i, _)| i != at && crate::checks::is_whole_word(text, i, i + stub.len()));
    if elsewhere || COMMON_SHORT.contains(&last.as_str()) {
        return false; // `… Honduras said...`, `the lights went out...`
    }
    // The word list holds many short abbreviations and rare words (`stat`, `viol`, `seas`): a
    // short stub that is one is still cut when the article uses a longer word it starts
    // (`stat` in an article about the United States).
    let whole =
        is_word(&last) && (last.chars().count() > 5 || !starts_article_word(text, stub, at));
    if whole {
        return false;
    }
    teaser || (last.len() >= 2 && (starts_word(&last) || starts_article_word(text, stub, at)))
}

/// Words a sentence cannot end on: before an ellipsis, the rest was cut.
const CANNOT_END: &[&str] = &[
    "the", "a", "an", "of", "for", "to", "with", "and", "or", "but", "from", "at", "as", "than",
    "their", "its", "his", "our", "your", "my", "whose", "which", "is", "was", "are", "were",
    "has", "have", "had", "will", "would", "could", "should", "can", "into", "onto", "upon", "via",
];

/// Common words of five letters or fewer that a sentence may trail off on (`the lights went
/// out...`, `and then...`).
const COMMON_SHORT: &[&str] = &[
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "this", "that",
    "these", "those", "what", "who", "why", "how", "when", "where", "there", "here", "then", "now",
    "so", "too", "yet", "still", "again", "ago", "soon", "later", "never", "ever", "maybe", "yes",
    "no", "not", "all", "both", "each", "more", "most", "less", "else", "much", "many", "few",
    "some", "any", "none", "one", "two", "three", "four", "five", "six", "ten", "out", "up", "on",
    "off", "in", "down", "away", "back", "over", "under", "along", "above", "below", "by", "well",
    "fine", "good", "bad", "best", "worse", "worst", "right", "wrong", "true", "false", "sure",
    "free", "alone", "dead", "alive", "lost", "done", "gone", "made", "said", "says", "say", "see",
    "seen", "saw", "go", "went", "goes", "come", "came", "know", "knew", "think", "do", "did",
    "does", "be", "been", "being", "am", "get", "got", "give", "gave", "take", "took", "make",
    "let", "keep", "kept", "wait", "stop", "start", "try", "tried", "want", "need", "like", "love",
    "hope", "feel", "felt", "look", "find", "found", "tell", "told", "ask", "work", "live", "die",
    "died", "win", "won", "lose", "play", "stay", "leave", "left", "run", "ran", "walk", "talk",
    "home", "life", "time", "day", "days", "year", "years", "night", "today", "world", "war",
    "peace", "money", "power", "way", "thing", "man", "men", "woman", "women", "child", "kids",
    "end", "next", "last", "first", "long", "short", "big", "small", "old", "new", "young", "high",
    "low", "late", "early", "great", "happy", "sad", "angry", "ready", "okay", "ok", "etc", "hell",
    "god", "pain", "fear", "hate", "truth", "water", "food", "help", "wish", "move", "again",
    "twice", "once", "only", "just", "even", "also", "very", "quite", "such", "same", "other",
    "own", "real", "whole", "part", "half", "lot", "lots",
];

/// The word list, sorted, one lower-case word a line after the `#` header.
static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("words.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
});

fn is_word(lower: &str) -> bool {
    WORDS.binary_search(&lower).is_ok()
}

/// Whether a longer word of the list starts with `lower`.
fn starts_word(lower: &str) -> bool {
    let i = WORDS.partition_point(|w| *w <= lower);
    WORDS.get(i).is_some_and(|w| w.starts_with(lower))
}

/// Whether the article uses a longer word that starts with `stub` (`referendum` for `referen`).
fn starts_article_word(text: &str, stub: &str, at: usize) -> bool {
    text.match_indices(stub).any(|(i, _)| {
        i != at
            && !text[..i].ends_with(char::is_alphanumeric)
            && text[i + stub.len()..].starts_with(char::is_alphabetic)
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;
    use super::*;

    fn truncations(text: &str) -> Vec<&str> {
        run(Report::Truncated, text)
    }

    #[test]
    fn a_paragraph_breaking_off_mid_word() {
        assert_eq!(
            truncations(
                "The council on Monday approved plans for a new libr…\n\nIt meets again soon."
            ),
            ["libr…"]
        );
        assert_eq!(
            truncations("Voters head to the polls ahead of next month's referen..."),
            ["referen..."]
        );
        assert_eq!(
            truncations("He said in a speech in the US state of Massach…\nContinue reading"),
            ["Massach…"]
        );
        assert_eq!(
            truncations(
                "A truce in the city came into effect on Friday morningfollowin...\nRead More\n"
            ),
            ["morningfollowin..."]
        );
        assert_eq!(
            truncations("A long weekend in the end of the tragedy in U...\n\nNext one."),
            ["U..."]
        );
    }

    #[test]
    fn a_deliberate_trailing_ellipsis_passes() {
        assert_eq!(
            truncations("And then, one witness said, the lights went out...\n\nNext."),
            Vec::<&str>::new()
        );
        assert_eq!(
            truncations("Police said they would investigate...\n\nThe case goes on."),
            Vec::<&str>::new()
        );
        // A name used elsewhere, a foreign word that starts no English word, a short line.
        assert_eq!(
            truncations("Honduras voted. The result was announced in Honduras...\n"),
            Vec::<&str>::new()
        );
        assert_eq!(
            truncations("The delegation flew on to Ouagadougou…\n"),
            Vec::<&str>::new()
        );
        assert_eq!(
            truncations("He paused ... then went on.\nThe vote was close. REUTER..."),
            Vec::<&str>::new()
        );
        assert_eq!(truncations("Learn More...\n"), Vec::<&str>::new());
    }
}
