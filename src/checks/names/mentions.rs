//! Finding name mentions without a named-entity recogniser: runs of capitalised words (single
//! words too), with particles (`al-`, `bin`, `van`, `de`) inside, titles and cues (`President`,
//! `Prime Minister`, `Mr`) cut off the front, possessives (`Putin’s`) cut off the end. Wrapped
//! lines are already one paragraph, so `Nikol` / `Pashinyan` across a line break is one run.
//!
//! Case-ambiguous positions (the first word of a sentence, after a colon or an opening quote,
//! anything in a heading) follow Mikheev's document-centred rule: such a word is a name only if
//! the document also has it capitalised in an unambiguous position and never in lower case.
//! Headlines in capitals are skipped: their case says nothing.

use crate::document::{Document, TokenKind};
use crate::markup::BlockKind;
use crate::span::Span;
use std::collections::HashSet;
use std::sync::LazyLock;

/// One name word in a run: `Japarov` in `President Sadyr Japarov’s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The word without a possessive ending.
    pub span: Span,
    /// The word before it in the same name (`Sadyr` for `Japarov`), when there is one.
    pub given: Option<Span>,
    /// All capitals (`BRICS`, `ICC`): an acronym, compared only for case.
    pub caps: bool,
}

/// Words that introduce a name and are not part of it.
const TITLE_LIST: &[&str] = &[
    "President",
    "Presidents",
    "Prime",
    "Minister",
    "Ministers",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Crown",
    "Sheikh",
    "Emir",
    "Gen",
    "General",
    "Col",
    "Colonel",
    "Sen",
    "Senator",
    "Rep",
    "Chairman",
    "Chairwoman",
    "Chief",
    "Secretary",
    "Governor",
    "Mayor",
    "Pope",
    "Patriarch",
    "Ayatollah",
    "Imam",
    "Sultan",
    "Premier",
    "Vice",
    "Deputy",
    "Leader",
    "Speaker",
    "Judge",
    "Commander",
    "Marshal",
    "Lt",
    "Captain",
    "Capt",
    "Ambassador",
    "Envoy",
    "Foreign",
    "Defence",
    "Defense",
    "Interior",
    "Finance",
    "Economy",
    "Trade",
    "Justice",
    "Former",
    "Late",
    "Saint",
    "St",
    "Lord",
    "Lady",
    "Sir",
    "Dame",
    "Archbishop",
    "Bishop",
    "Cardinal",
    "Father",
];

/// Lower-case particles that may sit inside a name between capitalised words.
const PARTICLE_LIST: &[&str] = &[
    "al", "el", "bin", "ibn", "ben", "abu", "van", "von", "de", "der", "den", "da", "di", "du",
    "ter", "bint", "ul", "ud",
];

/// Capitalised words that are never names on their own.
const COMMON_LIST: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "I",
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "We",
    "They",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "And",
    "But",
    "Or",
    "If",
    "As",
    "By",
    "To",
    "With",
    "From",
    "After",
    "Before",
];

// The lists as sets: every word of every article is looked up in them.
static TITLES: LazyLock<HashSet<&str>> = LazyLock::new(|| TITLE_LIST.iter().copied().collect());
static PARTICLES: LazyLock<HashSet<&str>> =
    LazyLock::new(|| PARTICLE_LIST.iter().copied().collect());
static COMMON: LazyLock<HashSet<&str>> = LazyLock::new(|| COMMON_LIST.iter().copied().collect());

fn is_capitalised(word: &str) -> bool {
    let mut parts = word.split(['-', '‐']);
    let Some(first) = parts.next() else {
        return false;
    };
    let head = |p: &str| p.chars().next().is_some_and(char::is_uppercase);
    // `al-Assad`: a lower-case particle joined to a capitalised name.
    if PARTICLES.contains(first) {
        return parts.next().is_some_and(head);
    }
    // `Kim Jong-un` has a short lower-case syllable; `Russian-occupied` is no name.
    head(first)
        && parts.all(|p| head(p) || (p.chars().count() <= 3 && p.chars().all(char::is_lowercase)))
}

fn is_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// `Putin’s` → `Putin`; `Belarus's` → `Belarus`; a bare trailing apostrophe too (`Assad’`).
fn strip_possessive(text: &str, span: Span) -> (Span, bool) {
    let word = &text[span.range()];
    for end in ["’s", "'s", "’S", "'S", "’", "'"] {
        if word.len() > end.len() && word.ends_with(end) {
            return (Span::new(span.start, span.end - end.len()), true);
        }
    }
    (span, false)
}

/// Every name word of the document, in text order.
pub fn find(doc: &Document) -> Vec<Word> {
    let text = doc.text;
    let tokens = doc.tokens();
    let lower: HashSet<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| &text[t.span.range()])
        .filter(|w| w.starts_with(char::is_lowercase) && !is_capitalised(w))
        .collect();
    // Pass 1: candidates with their position's ambiguity.
    struct Cand {
        span: Span,
        given: Option<Span>,
        caps: bool,
        ambiguous: bool,
    }
    let mut cands: Vec<Cand> = Vec::new();
    let mut sure: HashSet<&str> = HashSet::new();
    for sentence in doc.sentences() {
        let heading = doc.paragraphs[sentence.paragraph].kind != BlockKind::Paragraph;
        let toks = doc.tokens_in(sentence.span);
        let words = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Word && t.span.len() > 1);
        let (all, shouting) = words.fold((0, 0), |(n, c), t| {
            (n + 1, c + usize::from(is_caps(&text[t.span.range()])))
        });
        if all >= 3 && shouting * 2 > all {
            continue;
        }
        let mut run: Vec<(Span, bool)> = Vec::new();
        let flush = |run: &mut Vec<(Span, bool)>, cands: &mut Vec<Cand>| {
            // Cut titles: the name starts after the last title word of the run.
            let start = run
                .iter()
                .rposition(|(s, _)| TITLES.contains(&text[s.range()]))
                .map_or(0, |i| i + 1);
            let name = &run[start.min(run.len())..];
            // Trailing particles are not part of a name.
            let end = name
                .iter()
                .rposition(|(s, _)| !PARTICLES.contains(&text[s.range()]))
                .map_or(0, |i| i + 1);
            let mut given = None;
            for &(span, ambiguous) in &name[..end] {
                let word = &text[span.range()];
                if PARTICLES.contains(word) {
                    continue;
                }
                cands.push(Cand {
                    span,
                    given,
                    caps: is_caps(word),
                    ambiguous: ambiguous || heading,
                });
                given = Some(span);
            }
            run.clear();
        };
        // A dateline (`NEW YORK, March 3 -`): capitals before a comma opening a paragraph.
        let para_start = doc.paragraphs[sentence.paragraph].span.start;
        let dateline_end = if sentence.span.start == para_start {
            let head = &text[para_start..sentence.span.end];
            let first_word_caps = head.split([' ', ',']).next().is_some_and(is_caps);
            let end = head
                .find(" - ")
                .or_else(|| head.find(" — "))
                .or_else(|| head.find(','));
            end.filter(|&i| i <= 60 && first_word_caps)
                .map_or(0, |i| para_start + i)
        } else {
            0
        };
        let mut prev_end = sentence.span.start;
        let mut ambiguous_next = true;
        for t in toks {
            let word = &text[t.span.range()];
            if t.span.end <= dateline_end {
                prev_end = t.span.end;
                ambiguous_next = false;
                continue;
            }
            let gap_is_space = text[prev_end..t.span.start]
                .chars()
                .all(char::is_whitespace);
            if !gap_is_space {
                flush(&mut run, &mut cands);
            }
            prev_end = t.span.end;
            if t.kind != TokenKind::Word {
                flush(&mut run, &mut cands);
                // After a colon or an opening quote, case is ambiguous again.
                ambiguous_next = matches!(word, ":" | "\"" | "“" | "‘" | "«" | "(" | "—" | "–");
                continue;
            }
            let (span, possessive) = strip_possessive(text, t.span);
            let clean = &text[span.range()];
            let ambiguous = ambiguous_next;
            ambiguous_next = false;
            if is_capitalised(clean) && !COMMON.contains(clean) && !lower.contains(clean) {
                if !ambiguous && !heading {
                    sure.insert(clean);
                }
                run.push((span, ambiguous));
            } else if PARTICLES.contains(clean) && !run.is_empty() {
                run.push((span, ambiguous));
            } else {
                flush(&mut run, &mut cands);
            }
            if possessive {
                flush(&mut run, &mut cands);
            }
        }
        flush(&mut run, &mut cands);
    }
    cands
        .into_iter()
        .filter(|c| !c.ambiguous || sure.contains(&text[c.span.range()]))
        .map(|c| Word {
            span: c.span,
            given: c.given,
            caps: c.caps,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&str, Option<&str>)> {
        let doc = Document::plain(text);
        find(&doc)
            .into_iter()
            .map(|w| (&text[w.span.range()], w.given.map(|g| &text[g.range()])))
            .collect()
    }

    #[test]
    fn titles_possessives_and_wrapped_names() {
        assert_eq!(
            names(
                "He met Kyrgyz President Sadyr Japarov’s guards and the\nArmenian leader Nikol\nPashinyan on Friday."
            ),
            [
                ("Sadyr", None),
                ("Japarov", Some("Sadyr")),
                ("Armenian", None),
                ("Nikol", None),
                ("Pashinyan", Some("Nikol"))
            ]
        );
    }

    #[test]
    fn sentence_initial_words_need_evidence() {
        assert_eq!(
            names("Moscow agreed. Then talks began in Moscow."),
            [("Moscow", None), ("Moscow", None)]
        );
        assert_eq!(
            names("They met Bashar al-Assad."),
            [("Bashar", None), ("al-Assad", Some("Bashar"))]
        );
    }

    #[test]
    fn capital_headlines_are_skipped() {
        assert_eq!(
            names("TEXACO SAYS OUTPUT ROSE\n\nTexaco said output rose."),
            []
        );
    }
}
