//! Finding name mentions without a named-entity recogniser: runs of capitalised words, with
//! particles (`al-`, `bin`, `van`, `de`) inside, titles (`President`, `Prime Minister`, `Mr`) cut
//! off the front, possessives (`Putin’s`) cut off the end. A run of two or more names with no
//! common word inside is a person (`Sadyr Japarov`: given name and surname); a single word is
//! bare (`Japarov`, `Bishkek`), or a surname when a title introduces it (`Mr Aliyev`).
//!
//! Capitals in a case-ambiguous position (the start of a sentence, after a colon or an opening
//! quote, a heading, a list item, a table cell) are decided with evidence, not skipped: the word
//! is no common English word ([`words::is_common`]), or it is capitalised mid-sentence elsewhere
//! in the document, or a verb of speech follows it (`Brown said`), or another name follows it
//! (`Gordon Brown`). Sentences mostly in capitals (headlines) and datelines (`MOSCOW, March 3 -`)
//! are skipped: their case says nothing.

use super::words;
use crate::document::{Document, Token, TokenKind};
use crate::markup::BlockKind;
use crate::span::Span;
use std::collections::HashSet;

/// The part a word plays in its run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The first word of a person's name (`Sadyr` in `Sadyr Japarov`).
    Given,
    /// Between given name and surname (`Vladimirovich`).
    Middle,
    /// The last word of a person's name, or a word a title introduces (`Mr Aliyev`).
    Surname,
    /// A name on its own, or part of a name with common words (`Manas` in `Manas Airport`).
    Bare,
}

/// One name word: `Japarov` in `President Sadyr Japarov’s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The word without a possessive ending.
    pub span: Span,
    pub role: Role,
    /// For a surname: the given name before it in its run (`Sadyr` for `Japarov`).
    pub given: Option<Span>,
    /// All capitals (`BRICS`): an acronym, compared only for case.
    pub caps: bool,
    /// A common English word (`White` in `White House`): never compared as a variant.
    pub common: bool,
    /// A bare name standing alone (`Japarov said`), not within a longer name (`Manas Airport`)
    /// nor after `of` (`Marie of Nassau`): it may refer back to a person.
    pub lone: bool,
    /// What the words around it say it names (`Japarov said`, `in Chennai`).
    pub cue: Cue,
    /// In a heading: a headline names by surname the person its story names in full after it.
    pub heading: bool,
}

/// What the words around a bare name say it names: evidence stronger than being near a surname.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cue {
    #[default]
    None,
    /// The words around it say a person: a verb of speech or of a person's act follows
    /// (`Kowalczik said`, `Kowalczik resigned`, `Kowalczik, who`), an honorific precedes (`Mr
    /// Kowalczik`; not a title that may be a given name or open a place: `Prince`, `Saint`), a
    /// verb whose object is a person (`released Kowalczik`) or a person's act (`a visit by
    /// Kowalczik`), or it is set off by commas after a noun phrase (`The winner, Kowalczik,`).
    Person,
    /// A preposition of place precedes it (`flew to Chennai`, `in Lyon`).
    Place,
}

fn is_capitalised(word: &str) -> bool {
    // A word with no hyphen (`-`, or `‐` led by byte E2) is answered from its first letter,
    // without a split or a look-up: this runs on every word of the document.
    let b = word.as_bytes();
    if !b.iter().any(|&c| c == b'-' || c == 0xE2) {
        return match b.first() {
            Some(c) if c.is_ascii() => c.is_ascii_uppercase(),
            _ => {
                word.chars().next().is_some_and(char::is_uppercase)
                    && word.chars().any(char::is_alphabetic)
            }
        };
    }
    let mut parts = word.split(['-', '‐']);
    let Some(first) = parts.next() else {
        return false;
    };
    let head = |p: &str| p.chars().next().is_some_and(char::is_uppercase);
    // `al-Assad`: a lower-case particle joined to a capitalised name.
    if words::is_particle(first) {
        return parts.next().is_some_and(head);
    }
    // `Kim Jong-un` has a short lower-case syllable; `Russian-occupied` is no name.
    head(first)
        && first.chars().any(char::is_alphabetic)
        && parts.all(|p| head(p) || (p.chars().count() <= 3 && p.chars().all(char::is_lowercase)))
}

/// All capitals, two letters or more (`BRICS`, `ICC`).
pub fn is_caps(word: &str) -> bool {
    // Most words open in lower case: answered from the first byte.
    if word.as_bytes().first().is_none_or(u8::is_ascii_lowercase) {
        return false;
    }
    if word.is_ascii() {
        let b = word.as_bytes();
        return b
            .iter()
            .filter(|c| c.is_ascii_alphabetic())
            .nth(1)
            .is_some()
            && !b.iter().any(u8::is_ascii_lowercase);
    }
    word.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
        && !word.chars().any(char::is_lowercase)
}

/// `Putin’s` → `Putin`; `Belarus's` → `Belarus`; a bare trailing apostrophe too (`Assad’`).
fn strip_possessive(text: &str, span: Span) -> (Span, bool) {
    let word = &text[span.range()];
    // Every possessive ends in `s`, `S`, `'` or the last byte of `’`.
    if !word
        .as_bytes()
        .last()
        .is_some_and(|b| matches!(b, b's' | b'S' | b'\'' | 0x99))
    {
        return (span, false);
    }
    for end in ["’s", "'s", "’S", "'S", "’", "'"] {
        if word.len() > end.len() && word.ends_with(end) {
            return (Span::new(span.start, span.end - end.len()), true);
        }
    }
    (span, false)
}

/// A capitalised word met in a sentence, before it is known to be a name.
#[derive(Clone, Copy)]
struct Cand {
    span: Span,
    /// Its position says nothing about its case.
    ambiguous: bool,
    heading: bool,
    /// A verb of speech follows it.
    speaks: bool,
    /// What follows says a person: a verb of speech or of a person's act (`Kowalczik
    /// resigned`), or `, who`.
    person_after: bool,
    /// A comma follows it: with [`Cand::apposed`] on the run's first word, an apposition.
    comma_after: bool,
    /// A comma after a lower-case word precedes it (`The winner, Kowalczik,`): the run may be
    /// an apposition naming who the noun phrase is.
    apposed: bool,
    /// A preposition of place precedes its run.
    place: bool,
    /// A title precedes its run.
    title: bool,
    /// What precedes its run says a person follows: an honorific (`Mr`, `Dr`), a verb whose
    /// object is a person (`released Kowalczik`), or `by` after a noun of a person's act (`a
    /// visit by Kowalczik`).
    person_before: bool,
    particle: bool,
    /// The run follows `of` (`Duke of York`): a place or an institution, not a person.
    after_of: bool,
    /// A common English word ([`words::is_common`]), looked up once.
    common: bool,
}

/// Every name word of the document, in text order.
pub fn find(doc: &Document) -> Vec<Word> {
    let text = doc.text;
    // Every run's candidates in one buffer, each run a range of it: no allocation per run.
    let mut runs = Runs::default();
    // Words capitalised in an unambiguous position: evidence for the same word elsewhere.
    let mut sure: HashSet<&str, foldhash::fast::FixedState> = HashSet::default();
    for sentence in doc.sentences() {
        let block = doc.paragraphs[sentence.paragraph];
        let heading = block.kind != BlockKind::Paragraph;
        let toks = doc.tokens_in(sentence.span);
        if shouting(text, toks) {
            continue;
        }
        let skip_to = dateline_end(text, block.span.start, sentence.span);
        let mut run: Vec<Cand> = Vec::new();
        let mut prev_end = sentence.span.start;
        let mut ambiguous_next = true;
        let mut title = false;
        let mut after_of = false;
        for (i, t) in toks.iter().enumerate() {
            if t.span.end <= skip_to {
                prev_end = t.span.end;
                ambiguous_next = false;
                continue;
            }
            let word = &text[t.span.range()];
            if !run.is_empty() && column_gap(&text.as_bytes()[prev_end..t.span.start]) {
                flush(&mut run, &mut runs);
            }
            prev_end = t.span.end;
            // A handle or hashtag (`@ZelenskyyUa`, `#Iraq`) is no name as written in prose.
            let handle = text.as_bytes()[..t.span.start]
                .last()
                .is_some_and(|b| matches!(b, b'@' | b'#'));
            // Most words are lower case outside any run: nothing to decide, as neither a
            // particle nor a possessive matters there. This loop sees every word of the text.
            if t.kind == TokenKind::Word && run.is_empty() && !handle && !is_capitalised(word) {
                title = false;
                after_of = word == "of";
                ambiguous_next = false;
                continue;
            }
            if t.kind != TokenKind::Word {
                flush(&mut run, &mut runs);
                // The full stop of an abbreviated title (`Mr.`, `Gen.`) keeps it.
                title = title && word == "." && run_title_before(text, toks, i);
                after_of = false;
                // After a colon, an opening quote or a bracket, case is ambiguous again.
                ambiguous_next =
                    matches!(word, ":" | "\"" | "“" | "‘" | "«" | "(" | "—" | "–" | "|");
                continue;
            }
            let (span, possessive) = strip_possessive(text, t.span);
            let clean = &text[span.range()];
            if handle {
                flush(&mut run, &mut runs);
                continue;
            }
            let ambiguous = ambiguous_next || heading;
            ambiguous_next = false;
            // `De`, `Van`, `Al` inside a name are particles (`Jean-Yves Le Drian`).
            let particle =
                !run.is_empty() && clean.len() <= 3 && words::is_particle_any_case(clean);
            if is_capitalised(clean) && !words::is_never_name(clean) && !particle {
                if words::is_title(clean) && !is_caps(clean) {
                    flush(&mut run, &mut runs);
                    title = true;
                    after_of = false;
                    continue;
                }
                if !ambiguous {
                    sure.insert(clean);
                }
                let tok = |k: usize| toks.get(k).map_or("", |t| &text[t.span.range()]);
                let first = run.is_empty();
                // The word before the run, past an abbreviation's full stop (`Mr. Aliyev`).
                let before = match i.checked_sub(1).map(tok) {
                    _ if !first => "",
                    Some(".") if i >= 2 => tok(i - 2),
                    Some(w) => w,
                    None => "",
                };
                let back = |k: usize| {
                    if first {
                        i.checked_sub(k).map_or("", tok)
                    } else {
                        ""
                    }
                };
                let next = words::cues(tok(i + 1));
                let prev = if before.is_empty() {
                    0
                } else {
                    words::cues(before)
                };
                let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
                run.push(Cand {
                    span,
                    ambiguous,
                    heading,
                    speaks: next & words::SPEECH_VERB != 0,
                    person_after: next & (words::SPEECH_VERB | words::ACT_VERB) != 0
                        || tok(i + 1) == "," && matches!(tok(i + 2), "who" | "whose"),
                    comma_after: tok(i + 1) == ",",
                    apposed: back(1) == "," && lower(back(2)),
                    place: words::is_place_preposition(before),
                    person_before: words::is_honorific(before)
                        || prev & words::OBJECT_VERB != 0
                        || before == "by" && words::cues(back(2)) & words::ACT_NOUN != 0,
                    title,
                    particle: false,
                    after_of,
                    common: words::is_common(clean),
                });
                if possessive {
                    flush(&mut run, &mut runs);
                    title = false;
                }
            } else if !run.is_empty() && (particle || words::is_particle(clean)) {
                run.push(Cand {
                    span,
                    ambiguous: false,
                    heading,
                    speaks: false,
                    person_after: false,
                    comma_after: false,
                    apposed: false,
                    place: false,
                    person_before: false,
                    title,
                    particle: true,
                    after_of,
                    common: false,
                });
            } else {
                flush(&mut run, &mut runs);
                title = false;
                after_of = clean == "of";
                continue;
            }
            after_of = after_of && !run.is_empty();
        }
        flush(&mut run, &mut runs);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for &end in &runs.ends {
        let run = &runs.cands[start..end];
        start = end;
        resolve(text, run, &sure, &mut out);
    }
    out
}

/// Whether the space between two tokens separates columns of a plain-text table: a tab, or two
/// spaces or more within a line.
fn column_gap(gap: &[u8]) -> bool {
    gap != b" "
        && (gap.contains(&b'\t') || gap.windows(2).any(|w| w == b"  ") && !gap.contains(&b'\n'))
}

/// Whether the token before `toks[i]` is a title (`Mr` of `Mr.`).
fn run_title_before(text: &str, toks: &[Token], i: usize) -> bool {
    i.checked_sub(1)
        .is_some_and(|j| words::is_title(&text[toks[j].span.range()]))
}

#[derive(Default)]
struct Runs {
    cands: Vec<Cand>,
    ends: Vec<usize>,
}

fn flush(run: &mut Vec<Cand>, runs: &mut Runs) {
    // Trailing particles are not part of a name.
    while run.last().is_some_and(|c| c.particle) {
        run.pop();
    }
    if !run.is_empty() {
        runs.cands.append(run);
        runs.ends.push(runs.cands.len());
    }
    run.clear();
}

/// A sentence mostly in capitals (a headline): its case says nothing.
fn shouting(text: &str, toks: &[Token]) -> bool {
    let (all, caps) = toks
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.span.len() > 1)
        .fold((0, 0), |(n, c), t| {
            (n + 1, c + usize::from(is_caps(&text[t.span.range()])))
        });
    all >= 3 && caps * 2 > all
}

/// The end of a dateline (`NEW YORK, March 3 -`, `MOSCOW (Reuters) -`) that opens this sentence's
/// paragraph, or 0: capitals before a comma, bracket or dash near the paragraph's start.
fn dateline_end(text: &str, para_start: usize, sentence: Span) -> usize {
    if sentence.start != para_start {
        return 0;
    }
    // A dateline ends within 60 bytes (its mark up to 5 more): search no further.
    let limit = crate::span::floor_boundary(text, sentence.end.min(para_start + 66));
    let head = &text[para_start..limit];
    let first_word_caps = head.split([' ', ',', '(']).next().is_some_and(is_caps);
    if !first_word_caps {
        return 0;
    }
    let end = [" - ", " — ", " – ", ",", "("]
        .iter()
        .filter_map(|m| head.find(m))
        .min();
    end.filter(|&i| i <= 60).map_or(0, |i| para_start + i)
}

/// Decides which candidates of a run are names and what part each plays.
fn resolve(
    text: &str,
    run: &[Cand],
    sure: &HashSet<&str, foldhash::fast::FixedState>,
    out: &mut Vec<Word>,
) {
    let word = |c: &Cand| &text[c.span.range()];
    // A capital in an ambiguous position is a name with evidence: no common word, capitalised
    // mid-sentence elsewhere, followed by a verb of speech or by another name.
    let n = run.len();
    let keep = |i: usize| {
        let c = &run[i];
        if c.particle || !c.ambiguous {
            return true;
        }
        let w = word(c);
        let next_name = run[i + 1..]
            .iter()
            .find(|d| !d.particle)
            .is_some_and(|d| !d.common && !is_caps(word(d)));
        !c.common || sure.contains(w) || c.speaks || next_name && !is_caps(w)
    };
    // Split the run where a word was dropped; each piece is resolved on its own.
    let mut start = 0;
    for i in 0..=n {
        if i == n || !keep(i) {
            if start < i {
                piece(text, &run[start..i], out);
            }
            start = i + 1;
        }
    }
}

/// Roles in one run of names.
fn piece(text: &str, run: &[Cand], out: &mut Vec<Word>) {
    let word = |c: &Cand| &text[c.span.range()];
    let common = |c: &Cand| c.common;
    // Acronyms stand alone.
    let mut names: Vec<&Cand> = Vec::with_capacity(run.len());
    for c in run {
        if is_caps(word(c)) {
            out.push(Word {
                span: c.span,
                role: Role::Bare,
                given: None,
                caps: true,
                common: c.common,
                lone: false,
                cue: Cue::None,
                heading: c.heading,
            });
        } else {
            names.push(c);
        }
    }
    while names.first().is_some_and(|c| c.particle) {
        names.remove(0);
    }
    // Common words at either end are cut (`State` in `Secretary of State Mike Pompeo`, `Airport`
    // in `Manas Airport`); one left inside makes the run no person's name (`Bank of America`).
    // A common word may open a person's name where its capital is no sentence's (`Frank
    // Finlay`, `Joy Harjo`).
    let proper: Vec<&Cand> = names.iter().copied().filter(|c| !c.particle).collect();
    let last = proper.iter().rposition(|c| !common(c));
    let mut first = proper.iter().position(|c| !common(c));
    if let (Some(a), Some(b)) = (first, last)
        && a == 1
        && b > a
        && !proper[0].ambiguous
    {
        first = Some(0);
    }
    let person = match (first, last) {
        (Some(a), Some(b)) => {
            b > a && proper[a + 1..=b].iter().all(|c| !common(c)) && !proper[a].after_of
        }
        _ => false,
    };
    let (a, b) = (first.unwrap_or(0), last.unwrap_or(0));
    let lone = proper.len() == 1 && !proper[0].after_of;
    // A place is read from the run's first word, speech from its last.
    let cue = if proper.first().is_some_and(|c| c.place) {
        Cue::Place
    } else if proper.last().is_some_and(|c| c.person_after)
        || proper.first().is_some_and(|c| c.person_before)
        || proper.first().is_some_and(|c| c.apposed) && proper.last().is_some_and(|c| c.comma_after)
    {
        Cue::Person
    } else {
        Cue::None
    };
    for (k, c) in proper.iter().enumerate() {
        let role = if person && k == a {
            Role::Given
        } else if person && k == b {
            Role::Surname
        } else if person && k > a && k < b {
            Role::Middle
        } else if lone && c.title {
            Role::Surname
        } else {
            Role::Bare
        };
        out.push(Word {
            span: c.span,
            role,
            // The word before the surname: a run may open with a place (`Kyrgyzstan Akylbek
            // Zhaparov`) or hold a patronymic, and the word next to the surname is its given name.
            given: (role == Role::Surname && person).then(|| proper[k - 1].span),
            caps: false,
            common: common(c),
            lone,
            cue,
            heading: c.heading,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&str, Role, Option<&str>)> {
        let doc = Document::plain(text);
        find(&doc)
            .into_iter()
            .map(|w| {
                (
                    &text[w.span.range()],
                    w.role,
                    w.given.map(|g| &text[g.range()]),
                )
            })
            .collect()
    }

    #[test]
    fn titles_possessives_and_wrapped_names() {
        use Role::*;
        assert_eq!(
            names(
                "He met Kyrgyz President Sadyr Japarov’s guards and the\nArmenian leader Nikol\nPashinyan on Friday."
            ),
            [
                ("Kyrgyz", Bare, None),
                ("Sadyr", Given, None),
                ("Japarov", Surname, Some("Sadyr")),
                ("Armenian", Bare, None),
                ("Nikol", Given, None),
                ("Pashinyan", Surname, Some("Nikol"))
            ]
        );
        assert_eq!(names("They met Mr Aliyev."), [("Aliyev", Surname, None)]);
    }

    #[test]
    fn sentence_initial_words_need_evidence() {
        use Role::*;
        // `However` and `Police` are common words; `Kowalczik` is not, and `Brown` speaks.
        assert_eq!(
            names("However, Kowalczik agreed. Police came. Brown said so."),
            [("Kowalczik", Bare, None), ("Brown", Bare, None)]
        );
        assert_eq!(
            names("Moscow agreed. Then talks began in Moscow."),
            [("Moscow", Bare, None), ("Moscow", Bare, None)]
        );
        assert_eq!(
            names("They met Bashar al-Assad."),
            [
                ("Bashar", Given, None),
                ("al-Assad", Surname, Some("Bashar"))
            ]
        );
    }

    #[test]
    fn headings_lists_and_tables_are_read() {
        use Role::*;
        assert_eq!(
            names("Zhaparov Wins Second Term\n\n- Sadyr Japarov, head\n"),
            [
                ("Zhaparov", Bare, None),
                ("Sadyr", Given, None),
                ("Japarov", Surname, Some("Sadyr"))
            ]
        );
        assert_eq!(
            names("1\tSadyr Japarov\tKGZ\t45.10\n"),
            [
                ("Sadyr", Given, None),
                ("Japarov", Surname, Some("Sadyr")),
                ("KGZ", Bare, None)
            ]
        );
    }

    #[test]
    fn capital_headlines_and_datelines_are_skipped() {
        assert_eq!(
            names("TEXACO SAYS OUTPUT ROSE\n\nHOUSTON, March 3 - Texaco said output rose."),
            [("Texaco", Role::Bare, None)]
        );
    }
}
