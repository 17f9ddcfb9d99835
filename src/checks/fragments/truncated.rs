//! Truncated lines: a line that breaks off mid-word before an ellipsis (`Friday morningfollowin...`).

use super::Report;
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::span::Span;

/// `… Friday morningfollowin...`: a line that ends in an ellipsis glued to a word, mid-sentence,
/// and is not continued by the next line.
pub(super) fn truncated(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    let lines: Vec<Span> = doc.lines().collect();
    // Each candidate searches the article for its word: a bound keeps a pathological file linear.
    let mut budget = 64;
    for (n, &line) in lines.iter().enumerate() {
        let s = text[line.range()].trim_end();
        let body = if let Some(b) = s.strip_suffix("...") {
            b
        } else if let Some(b) = s.strip_suffix('…') {
            b
        } else {
            continue;
        };
        if body.ends_with('.') || !body.ends_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        // A line continued by a lower-case word is an ellipsis inside a wrapped sentence.
        let next = lines[n + 1..]
            .iter()
            .map(|l| text[l.range()].trim())
            .find(|l| !l.is_empty());
        if next.is_some_and(|l| l.starts_with(|c: char| c.is_lowercase())) {
            continue;
        }
        // Mid-sentence: at least three words since the last sentence break on the line.
        let sentence = body.rsplit(['.', '!', '?']).next().unwrap_or(body);
        let words = sentence.split_whitespace().count();
        if words < 3 {
            continue;
        }
        let word_start = body
            .rfind(|c: char| c.is_whitespace() || "\"“‘'(".contains(c))
            .map_or(0, |i| {
                i + body[i..].chars().next().map_or(1, char::len_utf8)
            });
        let span = Span::new(line.start + word_start, line.start + s.len());
        if budget == 0 {
            break;
        }
        budget -= 1;
        // A teaser is followed by its link (`Read More`), not by more of the article: without
        // that, only a lone capital (`U...`) shows the cut.
        let teaser = next.is_some_and(is_link_line);
        if !looks_cut(text, &body[word_start..], line.start + word_start, teaser) {
            continue;
        }
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

/// Whether `word`, before a line-final ellipsis at `at`, looks cut short: a lone capital
/// (`U...`), or, in a teaser followed by its link, a word that the article uses nowhere else
/// (`Massach...`, `morningfollowin...`). A word found elsewhere is complete, and its ellipsis
/// ends a sentence (`… Honduras said...`).
fn looks_cut(text: &str, word: &str, at: usize, teaser: bool) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 1 {
        return word.chars().all(|c| c.is_uppercase()) && word != "I" && word != "A";
    }
    teaser
        && !text
            .match_indices(word)
            .any(|(i, _)| i != at && crate::checks::is_whole_word(text, i, i + word.len()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;
    use super::*;

    #[test]
    fn truncation_is_a_line_breaking_off_mid_sentence() {
        assert_eq!(
            run(
                Report::Truncated,
                "A truce in the city came into effect on Friday morningfollowin...\nRead More\n"
            ),
            ["morningfollowin..."]
        );
        assert_eq!(
            run(
                Report::Truncated,
                "He said in a speech in the US state of Massach…\nContinue reading"
            ),
            ["Massach…"]
        );
        assert_eq!(
            run(
                Report::Truncated,
                "A long weekend in the end of the tragedy in U...\nWe will let you decide for yourself…\nThe next paragraph goes on."
            ),
            ["U..."]
        );
        assert_eq!(
            run(
                Report::Truncated,
                "He paused ... then went on.\nThe vote was close. REUTER..."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Truncated,
                "The minister said he would wait...\nand see what happens next."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(Report::Truncated, "Learn More...\n"),
            Vec::<&str>::new()
        );
    }
}
