//! A rule's summary: the first sentence of its `why`, which by convention says what the rule finds
//! (the rest says why it matters). Listings show it on one line, cut at a word with `…` when it is
//! too long, never in the middle of a sentence without saying so.

/// The first sentence of `why` and the text after it, both trimmed. A sentence ends at `.`, `!` or
/// `?` followed by white space and a capital letter, a backtick or a quotation mark (or the end),
/// outside backticks and brackets, and not after an abbreviation: `e.g. the`, `i.e. `X``,
/// `` `U.S.` `` and `(Peking / Beijing.)` do not end one.
pub fn split(why: &str) -> (&str, &str) {
    let why = why.trim();
    let mut code = false;
    let mut depth = 0usize;
    for (i, c) in why.char_indices() {
        match c {
            '`' => code = !code,
            '(' | '[' if !code => depth += 1,
            ')' | ']' if !code => depth = depth.saturating_sub(1),
            '.' | '!' | '?' if !code && depth == 0 => {
                let end = i + c.len_utf8();
                let rest = &why[end..];
                let next = rest.trim_start();
                let spaced = rest.len() > next.len();
                let word = why[..i].rsplit(char::is_whitespace).next().unwrap_or("");
                let abbreviation = word.contains('.') || ABBREVIATIONS.contains(&word);
                let opens = next.starts_with(|c: char| c.is_uppercase() || "`\"“‘«".contains(c));
                if rest.is_empty() || (spaced && opens && !abbreviation) {
                    return (&why[..end], next);
                }
            }
            _ => {}
        }
    }
    (why, "")
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "etc", "vs", "cf", "approx", "Mr", "Mrs", "Ms", "Dr", "St", "No",
];

/// The first sentence of `why` on one line, at most `width` characters: cut at a space and ended
/// with `…` when longer (and before an open backtick, so no code span is left unclosed).
pub fn summary(why: &str, width: usize) -> String {
    let sentence = split(why)
        .0
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if sentence.chars().count() <= width {
        return sentence;
    }
    let limit = sentence
        .char_indices()
        .nth(width.saturating_sub(1))
        .map_or(sentence.len(), |(i, _)| i);
    let mut cut = sentence[..limit].rfind(' ').unwrap_or(limit);
    // No code span or bracket left open by the cut: cut before it instead.
    if sentence[..cut].matches('`').count() % 2 == 1 {
        cut = sentence[..cut].rfind('`').unwrap_or(cut);
    }
    if sentence[..cut].matches('(').count() > sentence[..cut].matches(')').count() {
        cut = sentence[..cut].rfind('(').unwrap_or(cut);
    }
    let kept = sentence[..cut].trim_end_matches([' ', ',', ';', ':', '(']);
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_runs_across_lines_and_past_abbreviations() {
        let why = "A vague quantity (`thousands of children`) stated without saying who\n\
                   estimates it.\nCrowd sizes are disputed.";
        assert_eq!(
            split(why),
            (
                "A vague quantity (`thousands of children`) stated without saying who\nestimates it.",
                "Crowd sizes are disputed."
            )
        );
        assert_eq!(
            split("Labels (e.g. `Share`. Or `Tweet`) and `U.S. News`. Then."),
            (
                "Labels (e.g. `Share`. Or `Tweet`) and `U.S. News`.",
                "Then."
            )
        );
        assert_eq!(split("No full stop"), ("No full stop", ""));
        assert_eq!(
            split("A heading of links. `Related Posts` is one; etc. `Or` not."),
            (
                "A heading of links.",
                "`Related Posts` is one; etc. `Or` not."
            )
        );
    }

    #[test]
    fn long_summaries_end_in_an_ellipsis_at_a_word() {
        let why = "One person or place spelled two ways: readers take the two spellings for two \
                   people, and a search of the archive finds half.";
        assert_eq!(
            summary(why, 60),
            "One person or place spelled two ways: readers take the two…"
        );
        assert_eq!(summary("Short one. Next.", 60), "Short one.");
        assert_eq!(
            summary(
                "A label such as `Share this article on social media` here.",
                30
            ),
            "A label such as…"
        );
        assert_eq!(
            summary(
                "The label of a slot (`Advertisement`, `Sponsored`) and more.",
                40
            ),
            "The label of a slot…"
        );
    }
}
