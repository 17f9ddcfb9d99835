//! Deleting a leftover cleanly: the fix of residue findings (a `phrase` or `pattern` rule whose
//! replacement is empty, and `repeated-line`), written once so that every such rule leaves the
//! text the same way.
//!
//! A line that holds nothing but the leftover (and punctuation or white space around it, such as
//! the bullet of `- Read More »`) goes with its line break, and with a blank line next to it when
//! it stood between two blank lines or at an end of the text, so that no doubled blank line is
//! left behind. A leftover inside a line goes with the spacing on one side of it, so that no two
//! spaces, no space before punctuation and no space at the start of a line are left behind. A
//! leftover glued to text on both sides (`morningRead Morefollowing`, `said.<p>The`) has no
//! deletion that is certainly clean, unless what follows is closing punctuation or what precedes
//! it opening punctuation (`no</em>.`): otherwise none is offered.
//!
//! A leftover inside a line whose first or last word touches a word outside it across the
//! spacing (`Facebook Twitter Pinterest Facebook has faced …`: the last `Facebook` starts the
//! sentence) may have taken a word of the text: its deletion is offered as unsafe. So is that of
//! a label whose title would stay behind, hidden (`… what is the plan? Read more`, `Also read: …`,
//! see [`leaves_its_title`]).
//!
//! Runs of deleted lines next to one another are tidied once more when the fixes are applied
//! together (`crate::fix`), since each finding sees only its own line.

use crate::diagnostic::Finding;
use crate::span::Span;

/// `finding` with the fix that deletes `span` of `text` cleanly, when there is one; unsafe when
/// the leftover may have taken a word of the text (see the module documentation).
pub fn with_deletion(finding: Finding, text: &str, span: Span) -> Finding {
    with_deletion_within(finding, text, span, span.lines_in(text))
}

/// [`with_deletion`] when the lines of `span` are known (as for [`deletion_within`]).
pub fn with_deletion_within(
    finding: Finding,
    text: &str,
    span: Span,
    lines_of_span: Span,
) -> Finding {
    let Some(cut) = deletion_within(text, span, lines_of_span) else {
        return finding;
    };
    let finding = finding.fix(cut, "");
    let word_at = |s: &str, last: bool| {
        let c = if last {
            s.chars().next_back()
        } else {
            s.chars().next()
        };
        c.is_some_and(char::is_alphanumeric)
    };
    let matched = &text[span.range()];
    let before = text[lines_of_span.start..span.start].trim_end();
    let after = text[span.end..lines_of_span.end].trim_start();
    // (A line-filling leftover has no word beside it.)
    let touches = (word_at(matched, false) && word_at(before, true))
        || (word_at(matched, true) && word_at(after, false));
    if touches || leaves_its_title(text, span, lines_of_span) {
        finding.unsafe_fix()
    } else {
        finding
    }
}

/// Whether the leftover may be the label of a link or promotion whose title stays behind, so that
/// deleting the label alone would hide that the title is residue too (seen on edited web copy):
/// a label that introduces what follows (`Also read: …`, a line `ALSO READ:`, a label starting a
/// line of other text), a label after text that is not a sentence ended by `.` or `!` (`… what is
/// the plan? Read more`), or a label line under a title of two words or more (`Archie Roach` over
/// `Read more`). After a finished sentence (`ended. Read More The`) or alone in its paragraph, the
/// label is all there is to delete.
fn leaves_its_title(text: &str, span: Span, lines_of_span: Span) -> bool {
    let matched = text[span.range()].trim();
    if !matched.starts_with(char::is_alphanumeric) {
        // Not a label: markup (`</em>`), a rating widget's figures.
        return false;
    }
    let before = text[lines_of_span.start..span.start].trim_end();
    let after = text[span.end..lines_of_span.end].trim_start();
    if matched.ends_with(':') || after.starts_with(':') {
        return true;
    }
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    let finished = |s: &str| {
        s.trim_end_matches(['"', '\'', '”', '’', ')', '»'])
            .ends_with(['.', '!'])
    };
    if words(before) {
        return !finished(before);
    }
    if words(after) {
        return true;
    }
    previous_line(text, lines_of_span.start).is_some_and(|line| {
        let above = text[line.range()].trim();
        above.split_whitespace().count() >= 2
            && !above.ends_with(['.', '!', '?', ',', ';', ':', '"', '”', '’', ')'])
    })
}

/// What to delete to remove `span` of `text` cleanly, or `None` when no deletion is certainly
/// clean (see the module documentation).
pub fn deletion(text: &str, span: Span) -> Option<Span> {
    deletion_within(text, span, span.lines_in(text))
}

/// [`deletion`] when the lines of `span` (from the start of its first line to the end of its
/// last, line break excluded) are known: a kind that reports many matches on one long line finds
/// their lines once ([`super::lines::LineCursor`]), not once per match.
pub fn deletion_within(text: &str, span: Span, lines_of_span: Span) -> Option<Span> {
    let Span {
        start: line_start,
        end: line_end,
    } = lines_of_span;
    let before = &text[line_start..span.start];
    let after = &text[span.end..line_end];
    let decoration = |s: &str| !s.chars().any(char::is_alphanumeric);
    if decoration(before) && decoration(after) {
        return Some(lines(
            text,
            Span::new(line_start, next_line(text, line_end)),
        ));
    }
    let is_space = |c: char| c.is_whitespace() && c != '\n';
    let space_before = before.len() - before.trim_end_matches(is_space).len();
    let space_after = after.len() - after.trim_start_matches(is_space).len();
    let prev = before[..before.len() - space_before].chars().next_back();
    let next = after[space_after..].chars().next();
    match (prev, next) {
        // At the start of the line: the spacing after it goes (indentation stays).
        (None, _) => Some(Span::new(span.start, span.end + space_after)),
        // At the end of the line: the spacing before it goes.
        (_, None) => Some(Span::new(span.start - space_before, span.end)),
        (Some(p), Some(n)) => {
            if space_before > 0 && space_after > 0 {
                Some(Span::new(span.start, span.end + space_after))
            } else if space_before > 0 {
                // `said Read More.` → `said.`; `said Read Moreit` → `said it`.
                if is_closing(n) {
                    Some(Span::new(span.start - space_before, span.end))
                } else {
                    Some(span)
                }
            } else if space_after > 0 {
                // `(Read More the` → `(the`; `said.Read More The` → `said. The`.
                if is_opening(p) {
                    Some(Span::new(span.start, span.end + space_after))
                } else {
                    Some(span)
                }
            } else if is_closing(n) || is_opening(p) {
                // Glued on both sides, yet nothing fuses: `no</em>.` → `no.`.
                Some(span)
            } else {
                None
            }
        }
    }
}

/// What to delete to remove whole `lines` of `text` (from a line start to just after a line break
/// or the end of the text) and leave the spacing of paragraphs as it was: with the blank lines
/// after them when a blank line (or the start of the text) comes before them, and with the blank
/// lines before them when nothing but blank lines follows.
pub fn lines(text: &str, lines: Span) -> Span {
    let mut start = lines.start;
    let mut end = lines.end;
    let blank = |s: Span| text[s.range()].trim().is_empty();
    let previous_blank = start == 0 || previous_line(text, start).is_some_and(blank);
    // Blank lines after: dropped when there was a blank line (or nothing) before.
    let mut after = end;
    while after < text.len() {
        let line = Span::new(after, next_line(text, after));
        if !blank(line) {
            break;
        }
        after = line.end;
    }
    if after == text.len() {
        // Nothing but blank lines follow: the text ends where the last kept line ends.
        end = after;
        while let Some(line) = previous_line(text, start).filter(|l| blank(*l)) {
            start = line.start;
        }
    } else if previous_blank {
        end = after;
    }
    Span::new(start, end)
}

/// Whether `span` of `text` is whole lines: it starts a line and ends after a line break or at the
/// end of the text.
pub fn is_lines(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    !span.is_empty()
        && (span.start == 0 || bytes[span.start - 1] == b'\n')
        && (span.end == text.len() || bytes[span.end - 1] == b'\n')
}

/// The offset after the line break of the line holding `at` (or the end of the text).
fn next_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The line before the one starting at `start`, with its line break.
fn previous_line(text: &str, start: usize) -> Option<Span> {
    if start == 0 {
        return None;
    }
    let begin = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    Some(Span::new(begin, start))
}

/// Punctuation that closes what comes before it, so no space belongs in front of it.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '”' | '’' | '»' | '…' | '"' | '\''
    )
}

/// Punctuation that opens what comes after it, so no space belongs after it.
fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '“' | '‘' | '«' | '„' | '"' | '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with the deletion of its first `needle` applied, or `None`.
    fn delete(text: &str, needle: &str) -> Option<String> {
        let start = text.find(needle).unwrap();
        let cut = deletion(text, Span::new(start, start + needle.len()))?;
        let mut out = text.to_string();
        out.replace_range(cut.range(), "");
        Some(out)
    }

    #[test]
    fn a_line_goes_with_its_break_and_leaves_paragraphs_spaced_once() {
        let cases = [
            ("A.\n\nRead More\n\nB.\n", "A.\n\nB.\n"),
            ("A.\nRead More\nB.\n", "A.\nB.\n"),
            ("A.\n\nRead More\nB.\n", "A.\n\nB.\n"),
            ("A.\nRead More\n\nB.\n", "A.\n\nB.\n"),
            ("Read More\n\nA.\n", "A.\n"),
            ("A.\n\nRead More\n", "A.\n"),
            ("A.\n\nRead More", "A.\n"),
            ("A.\nRead More\n\n\n", "A.\n"),
            ("Read More\n", ""),
            ("A.\r\n\r\n- Read More »\r\n\r\nB.\r\n", "A.\r\n\r\nB.\r\n"),
            ("A.\n\n  Read More  \n\nB.\n", "A.\n\nB.\n"),
        ];
        for (text, expected) in cases {
            assert_eq!(
                delete(text, "Read More").as_deref(),
                Some(expected),
                "{text:?}"
            );
        }
    }

    /// The applicability of the deletion of the first `needle` in `text`, if there is one.
    fn applicability(text: &str, needle: &str) -> Option<crate::diagnostic::Applicability> {
        let start = text.find(needle).unwrap();
        let span = Span::new(start, start + needle.len());
        with_deletion(Finding::new(span), text, span)
            .fix
            .map(|f| f.applicability)
    }

    #[test]
    fn a_leftover_that_may_have_taken_a_word_has_an_unsafe_deletion() {
        use crate::diagnostic::Applicability::{Safe, Unsafe};
        let row = "Facebook Twitter Pinterest Facebook";
        assert_eq!(
            applicability(&format!("{row} has faced a backlash."), row),
            Some(Unsafe)
        );
        assert_eq!(
            applicability(&format!("Watch it. {row}\n"), row),
            Some(Safe)
        );
        assert_eq!(applicability(&format!("A.\n{row}\nB.\n"), row), Some(Safe));
        assert_eq!(
            applicability("The mayor said <em>no</em>.", "</em>"),
            Some(Safe)
        );
        assert_eq!(
            applicability("morningRead Morefollowing", "Read More"),
            None
        );
    }

    #[test]
    fn a_label_whose_title_would_stay_has_an_unsafe_deletion() {
        use crate::diagnostic::Applicability::{Safe, Unsafe};
        let cases = [
            ("Can the mayor win a third term? Read more\n\nB.\n", Unsafe),
            ("Read more: Mayor opens the new bridge\n", Unsafe),
            ("A.\n\nRead more:\n\nMayor opens the new bridge\n", Unsafe),
            ("A.\n\nMayor Jane Doe\nRead more\nB.\n", Unsafe),
            ("Read more The mayor opened the bridge.\n", Unsafe),
            ("The bridge opened. Read more\n\nB.\n", Safe),
            ("\u{201c}It is open.\u{201d} Read more\n", Safe),
            ("A.\n\nRead more\n\nB.\n", Safe),
            ("A.\nShare\nRead more\n", Safe),
        ];
        for (text, expected) in cases {
            assert_eq!(applicability(text, "Read more"), Some(expected), "{text:?}");
        }
    }

    #[test]
    fn an_inline_leftover_goes_with_the_spacing_on_one_side() {
        let cases = [
            (
                "The talks ended. Read More The envoy left.",
                "The talks ended. The envoy left.",
            ),
            ("The talks ended Read More.", "The talks ended."),
            ("Read More The envoy left.", "The envoy left."),
            ("The envoy left. Read More", "The envoy left."),
            ("  Read More the envoy", "  the envoy"),
            (
                "The talks ended.Read More The envoy",
                "The talks ended. The envoy",
            ),
            ("The talks (Read More the envoy", "The talks (the envoy"),
            ("said Read Moreit", "said it"),
        ];
        for (text, expected) in cases {
            assert_eq!(
                delete(text, "Read More").as_deref(),
                Some(expected),
                "{text:?}"
            );
        }
        assert_eq!(
            delete("said no</em>.", "</em>").as_deref(),
            Some("said no.")
        );
        assert_eq!(delete("(<em>no", "<em>").as_deref(), Some("(no"));
        assert_eq!(delete("morningRead Morefollowing", "Read More"), None);
        assert_eq!(delete("said.<p>The", "<p>"), None);
    }
}
