//! Attribution cues in a stretch of text: reporting verbs (`said`, `told`, `estimated`),
//! prepositional cues (`according to`, `citing`, `per the ministry`), `by the ministry's count`,
//! data nouns with a show-verb (`the survey found`), and the hedges that name no source
//! (`reportedly`, `an estimated`).
//!
//! All the cue words of a rule go through one Aho-Corasick automaton (leftmost-longest, so the
//! hedge `an estimated` wins over the verb `estimated`); the few cues that depend on their
//! neighbours are confirmed by looking at the words next to the match.

use super::words::{WordSet, crosses_sentence, next_word, prev_word};
use crate::checks::automaton::Automaton;
use crate::checks::is_whole_word;
use crate::span::Span;
use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Verb,
    Phrase,
    DataNoun,
    ShowVerb,
    CountNoun,
    Hedge,
    Per,
}

/// Finds the attribution cues of a stretch of text: the cue word lists of one rule, compiled.
pub struct CueFinder {
    automaton: Automaton,
    /// The first two reporting verbs (`said`, `says`), looked for first with a SIMD substring
    /// search: most news paragraphs have one, and then the full scan is not needed.
    quick: Vec<memchr::memmem::Finder<'static>>,
    cues: Vec<Cue>,
    per_units: WordSet,
    anaphora: WordSet,
}

/// The cue word lists of one rule, as written in its file.
pub struct CueLists<'a> {
    pub reporting_verbs: &'a [String],
    pub cue_phrases: &'a [String],
    pub data_nouns: &'a [String],
    pub show_verbs: &'a [String],
    pub count_nouns: &'a [String],
    pub hedges: &'a [String],
    pub per_units: &'a [String],
    pub anaphora: &'a [String],
}

/// What a scan of a stretch of text found.
#[derive(Debug, Default, Clone)]
pub struct Scan {
    /// Spans of the cues that attribute (a source is named or implied by a reporting verb).
    pub cues: Vec<Span>,
    /// Hedges that name no source.
    pub hedges: Vec<Span>,
    /// Data nouns used as a reference back (`the survey`, `these figures`).
    pub anaphors: Vec<Span>,
    /// Any data noun.
    pub data_nouns: Vec<Span>,
    /// Only the first quick cue was looked for: the other fields are not filled.
    pub partial: bool,
}

impl CueFinder {
    pub fn new(lists: &CueLists) -> CueFinder {
        let mut patterns = Vec::new();
        let mut cues = Vec::new();
        let groups: [(&[String], Cue); 6] = [
            (lists.hedges, Cue::Hedge),
            (lists.cue_phrases, Cue::Phrase),
            (lists.reporting_verbs, Cue::Verb),
            (lists.show_verbs, Cue::ShowVerb),
            (lists.count_nouns, Cue::CountNoun),
            (lists.data_nouns, Cue::DataNoun),
        ];
        for (words, cue) in groups {
            for w in words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
                patterns.push(w.to_string());
                cues.push(cue);
            }
        }
        patterns.push("per".to_string());
        cues.push(Cue::Per);
        let automaton = Automaton::new(
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                // A full DFA once the run is long enough: cue words are dense in news copy, so a
                // prefilter gains nothing and the DFA is the fastest search (measured: the cue
                // scan was a fifth of the run time).
                .kind(Some(AhoCorasickKind::DFA))
                .prefilter(false),
            &patterns,
        )
        .expect("literal cue words always compile");
        let quick = lists
            .reporting_verbs
            .iter()
            .take(2)
            .map(|w| memchr::memmem::Finder::new(w.trim().as_bytes()).into_owned())
            .filter(|f| !f.needle().is_empty())
            .collect();
        CueFinder {
            automaton,
            quick,
            cues,
            per_units: WordSet::new(lists.per_units),
            anaphora: WordSet::new(lists.anaphora),
        }
    }

    /// A scan that stops at the first quick cue (`said`), or the full scan when there is none.
    pub fn scan_quick(&self, s: &str, span: Span) -> Scan {
        for finder in &self.quick {
            for at in finder.find_iter(&s.as_bytes()[span.range()]) {
                let (start, end) = (span.start + at, span.start + at + finder.needle().len());
                if is_whole_word(s, start, end) {
                    return Scan {
                        cues: vec![Span::new(start, end)],
                        partial: true,
                        ..Scan::default()
                    };
                }
            }
        }
        self.scan(s, span)
    }

    /// The cues in `s[span]`.
    pub fn scan(&self, s: &str, span: Span) -> Scan {
        let mut out = Scan::default();
        let mut last_data: Option<usize> = None;
        for m in self.automaton.get(span.len()).find_iter(&s[span.range()]) {
            let (start, end) = (span.start + m.start(), span.start + m.end());
            if !is_whole_word(s, start, end) {
                continue;
            }
            let at = Span::new(start, end);
            match self.cues[m.pattern().as_usize()] {
                Cue::Verb | Cue::Phrase => out.cues.push(at),
                Cue::Hedge => out.hedges.push(at),
                Cue::Per => {
                    // `per the ministry`, `Per a Pew survey`; never `per cent` or `per litre`.
                    if let Some((a, b)) = next_word(s, end, span.end)
                        && !self.per_units.contains(&s[a..b])
                        && (s[a..b].starts_with(char::is_uppercase)
                            || ["the", "a", "an", "its", "their"]
                                .iter()
                                .any(|d| d.eq_ignore_ascii_case(&s[a..b])))
                    {
                        out.cues.push(at);
                    }
                }
                Cue::CountNoun => {
                    if by_before(s, span.start, start) {
                        out.cues.push(at);
                    }
                    self.data_noun(s, span, at, &mut out);
                    last_data = Some(end);
                }
                Cue::DataNoun => {
                    self.data_noun(s, span, at, &mut out);
                    last_data = Some(end);
                }
                Cue::ShowVerb => {
                    // `the survey found`, `Data from the office show`: a data noun shortly before,
                    // in the same sentence.
                    if let Some(d) = last_data
                        && start - d < 80
                        && !crosses_sentence(s, d, start)
                    {
                        out.cues.push(at);
                    }
                }
            }
        }
        out
    }

    fn data_noun(&self, s: &str, span: Span, at: Span, out: &mut Scan) {
        out.data_nouns.push(at);
        let Some((a, b)) = prev_word(s, at.start, span.start) else {
            return;
        };
        if s[b..at.start].contains('.') {
            return;
        }
        if self.anaphora.contains(&s[a..b]) {
            out.anaphors.push(at);
        }
        // `the Index of Leading Economic Indicators`, `the Labour Force Survey`: a data noun
        // that is part of a name, after an article, is a named data source.
        let is_article = |w: &str| ["the", "a", "an"].iter().any(|d| d.eq_ignore_ascii_case(w));
        if s[at.start..at.end].starts_with(char::is_uppercase) && is_article(&s[a..b]) {
            out.cues.push(at);
            return;
        }
        // `in the RealClearPolitics average`, `in a Reuters poll`, `in the regular Gallup/Heylen
        // poll`: a named data source (one plain word may stand between the article and the name).
        let mut pos = a;
        let mut named = false;
        let mut word = (a, b);
        // `The Reuters/Ipsos poll`: the article that opens a sentence is no part of the name.
        while s[word.0..word.1].starts_with(char::is_uppercase) && !is_article(&s[word.0..word.1]) {
            named = true;
            // `Heylen/Eyewitness`: a slash joins the parts of one name.
            let from = if s[..pos].ends_with('/') {
                pos - 1
            } else {
                pos
            };
            match prev_word(s, from, span.start) {
                Some(w) if !s[w.1..pos].contains('.') => {
                    pos = w.0;
                    word = w;
                }
                _ => return,
            }
        }
        if !named {
            return;
        }
        // Up to two plain words may stand between the article and the name (`the most recent
        // YouGov/Economist survey`, `a new Quinnipiac poll`).
        let mut plain = word;
        for _ in 0..3 {
            if is_article(&s[plain.0..plain.1]) {
                out.cues.push(at);
                return;
            }
            if !s[plain.0..plain.1].starts_with(char::is_lowercase) {
                return;
            }
            match prev_word(s, plain.0, span.start) {
                Some(w) if !s[w.1..plain.0].contains('.') => plain = w,
                _ => return,
            }
        }
    }
}

/// `by` within the four words before `at` (`By the ministry's count`, `by its own tally`).
fn by_before(s: &str, floor: usize, at: usize) -> bool {
    let mut pos = at;
    for _ in 0..4 {
        match prev_word(s, pos, floor) {
            Some((a, b)) if !s[b..pos].contains(['.', ',', ';']) => {
                if s[a..b].eq_ignore_ascii_case("by") {
                    return true;
                }
                pos = a;
            }
            _ => return false,
        }
    }
    false
}
