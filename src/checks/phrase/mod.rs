//! `phrase`: literal phrases, such as scraper leftovers (`Read More`) or retired official names.
//!
//! Why: most residue and house-style faults are fixed strings. The phrases of every `phrase` rule
//! share Aho-Corasick automata (one per case sensitivity and scope), so a document is scanned once
//! however many rules and phrases there are; line-scope phrases are looked for only in lines short
//! enough to be filled by one. Where phrases overlap, the leftmost longest match wins.
//!
//! Parameters: `phrases` (or a `replacements` table of phrase → preferred text, which makes each
//! finding fixable), `case-sensitive` (default false), `whole-word` (default true), `scope`
//! (`text`, the default: anywhere; `line`: the phrase fills its line, give or take bullets,
//! punctuation and white space; `label`: the phrase, or a run of phrases of `label` rules, stands
//! as a web page's label does: filling its line, between two sentences (`… on Wednesday. Read
//! More The minister said …`) or at the end of a paragraph), `ambiguous` (`label` scope: phrases
//! that also begin sentences, such as `Twitter`, found alone only where nothing follows them on
//! their line), `words` (`label` scope: the vocabulary of such labels, words that join a run of
//! phrases without being labels alone: `Share this` + `page`, `after` + `advertisement`; a word listed in
//! lower case joins only in lower case or in a run in capitals, so `Read The Times` is no run), an
//! ambiguous phrase with at least one such word after it is a label (`Read the story here`),
//! `max-line-words` (the line holding the match has at most this many words),
//! `replacement` (one replacement for every phrase; `""` deletes the phrase cleanly: its whole
//! line when it fills one, else with the spacing on one side, see [`super::deletion`]). A phrase
//! may not be both in `phrases` and in `replacements` (one of the two would be lost). A
//! replacement takes the case of what it replaces where the rule leaves its case open
//! ([`case`]): `in the wake of` → `after` fixes `In the wake of` to `After`. A rule with
//! replacements may declare `fix = "safe"`. Message placeholders: `{match}`, `{replacement}`.
//!
//! Example: `scope = "line"`, `phrases = ["Read More"]` flags the line `Read More »` and passes
//! `Read more about the summit in our explainer.`

use super::deletion::with_deletion_within;
use super::lines::LineCursor;
use super::{
    Check, KindEntry, RuleIdx, Settings, Sink, compile_each, is_whole_word, stands_as_label,
};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::rule::Rule;
use crate::span::{Span, ceil_boundary, floor_boundary};
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

mod case;

pub const KIND: KindEntry = KindEntry {
    name: "phrase",
    summary: "literal phrases, matched through one automaton for all rules",
    fields: super::fields::<Params>,
    fixes,
    compile,
};

fn fixes(rule: &Rule) -> bool {
    rule.params::<Params>()
        .is_ok_and(|p| p.replacement.is_some() || !p.replacements.is_empty())
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Params {
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    replacements: BTreeMap<String, String>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default = "yes")]
    whole_word: bool,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    ambiguous: Vec<String>,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    max_line_words: Option<usize>,
    #[serde(default)]
    replacement: Option<String>,
}

/// White space and punctuation a line may hold after its phrase (`Read More »`, a phrase padded
/// with no-break spaces).
const LINE_SLACK: usize = 64;

fn yes() -> bool {
    true
}

#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Scope {
    #[default]
    Text,
    Line,
    Label,
}

struct RuleSpec {
    rule: RuleIdx,
    whole_word: bool,
    scope: Scope,
    max_line_words: Option<usize>,
}

/// What a phrase stands for: the index of its rule's spec, its replacement, if any, and whether
/// it is ambiguous (a `label` phrase that may also begin a sentence).
type PhraseMeta = (usize, Option<String>, bool);

/// The phrases of one case sensitivity and one scope, in one automaton.
struct Automaton {
    ac: AhoCorasick,
    /// The meaning of each pattern id.
    meta: Vec<PhraseMeta>,
    /// Each pattern as listed, whose case a replacement may follow.
    patterns: Vec<String>,
    /// For `line` scope: from where a phrase could start, lines longer than this cannot be
    /// filled by a phrase and its decoration, so they are not searched at all.
    max_line: Option<usize>,
    /// For `label` scope: matches are labels, extended into runs.
    label: bool,
    /// For `label` scope: the vocabulary that joins phrases into runs, lower-cased, with
    /// whether the word may be capitalised outside a run in capitals.
    words: HashMap<String, bool>,
}

struct PhraseCheck {
    specs: Vec<RuleSpec>,
    automata: Vec<Automaton>,
}

fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
    let parsed = compile_each(rules, |idx, rule| {
        let p: Params = rule.params()?;
        if (!p.ambiguous.is_empty() || !p.words.is_empty()) && p.scope != Scope::Label {
            return Err(InputError::new(
                &rule.origin,
                format!(
                    "`{}`: `ambiguous` phrases and `words` need `scope = \"label\"`",
                    rule.origin
                ),
            ));
        }
        if p.phrases.is_empty() && p.replacements.is_empty() {
            return Err(InputError::new(
                &rule.origin,
                format!(
                    "`{}`: a phrase rule needs `phrases` or `replacements`",
                    rule.origin
                ),
            ));
        }
        if let Some(twice) = p.phrases.iter().find(|phrase| {
            p.replacements.keys().any(|r| {
                r == phrase.get_ref()
                    || (!p.case_sensitive && r.eq_ignore_ascii_case(phrase.get_ref()))
            })
        }) {
            return Err(rule
                .error_at(
                    twice.span(),
                    &format!(
                        "`{}` is in both `phrases` and `replacements`",
                        twice.get_ref()
                    ),
                    "also in `replacements`",
                )
                .with_help(
                    "delete it from `phrases`: a phrase in `replacements` is reported and fixed",
                ));
        }
        if let Some(empty) = p
            .phrases
            .iter()
            .map(Spanned::get_ref)
            .chain(p.replacements.keys())
            .chain(&p.ambiguous)
            .chain(&p.words)
            .find(|s| s.trim().is_empty())
        {
            return Err(InputError::new(
                &rule.origin,
                format!("`{}`: empty phrase {empty:?}", rule.origin),
            ));
        }
        Ok((idx, p))
    })?;
    let mut specs = Vec::new();
    // Indexed by [case-sensitive][scope].
    let mut groups: [[(Vec<String>, Vec<PhraseMeta>); 3]; 2] = Default::default();
    let mut vocabulary: [HashMap<String, bool>; 2] = Default::default();
    for (idx, p) in parsed {
        let spec = specs.len();
        specs.push(RuleSpec {
            rule: idx,
            whole_word: p.whole_word,
            scope: p.scope,
            max_line_words: p.max_line_words,
        });
        for word in &p.words {
            let capitalised = word.starts_with(char::is_uppercase);
            let known = vocabulary[p.case_sensitive as usize]
                .entry(word.to_lowercase())
                .or_default();
            *known |= capitalised;
        }
        let (pats, meta) = &mut groups[p.case_sensitive as usize][p.scope as usize];
        for phrase in p.phrases {
            pats.push(phrase.into_inner());
            meta.push((spec, p.replacement.clone(), false));
        }
        for phrase in p.ambiguous {
            pats.push(phrase);
            meta.push((spec, p.replacement.clone(), true));
        }
        for (phrase, replacement) in p.replacements {
            pats.push(phrase);
            meta.push((spec, Some(replacement), false));
        }
    }
    let mut automata = Vec::new();
    for (case_sensitive, by_scope) in groups.into_iter().enumerate() {
        for (scope, (pats, meta)) in [Scope::Text, Scope::Line, Scope::Label]
            .into_iter()
            .zip(by_scope)
        {
            if pats.is_empty() {
                continue;
            }
            let longest = pats.iter().map(String::len).max().unwrap_or(0);
            let ac = AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .ascii_case_insensitive(case_sensitive == 0)
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(match scope {
                    Scope::Text => StartKind::Unanchored,
                    Scope::Line => StartKind::Anchored,
                    // Found anywhere, then extended into a run by anchored searches.
                    Scope::Label => StartKind::Both,
                })
                .build(&pats)
                .map_err(|e| {
                    // Phrases of a size no memory holds: every rule in the automaton is named.
                    let mut ids: Vec<RuleIdx> =
                        meta.iter().map(|(s, _, _)| specs[*s].rule).collect();
                    ids.dedup();
                    let named = rules.iter().filter(|(i, _)| ids.contains(i));
                    named
                        .map(|(_, rule)| {
                            let at = super::value_span(rule, "phrases");
                            let why = format!("the phrases make no automaton: {e}");
                            rule.error_at(at, &why, "too many phrases")
                        })
                        .collect::<Vec<_>>()
                })?;
            let max_line = (scope == Scope::Line).then_some(longest + LINE_SLACK);
            automata.push(Automaton {
                ac,
                meta,
                patterns: pats,
                max_line,
                label: scope == Scope::Label,
                words: if scope == Scope::Label {
                    std::mem::take(&mut vocabulary[case_sensitive])
                } else {
                    HashMap::new()
                },
            });
        }
    }
    Ok(Box::new(PhraseCheck { specs, automata }))
}

impl Check for PhraseCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let text = doc.text;
        for automaton in &self.automata {
            if automaton.label {
                self.labels(automaton, doc, sink);
                continue;
            }
            // Matches come in text order: their lines are found in one reading of the text.
            let mut lines = LineCursor::new(text);
            let mut report = |m: aho_corasick::Match| {
                let spec = &self.specs[automaton.meta[m.pattern().as_usize()].0];
                let span = Span::new(m.start(), m.end());
                if !self.accepts(spec, text, span, &mut lines) {
                    return false;
                }
                sink.push(spec.rule, automaton.finding(text, m, span, &mut lines));
                true
            };
            // Leftmost-longest: of phrases that overlap, the longest wins (`Related Posts` over
            // `Related`), which for line rules is the one that can fill the line.
            let Some(max) = automaton.max_line else {
                automaton.ac.find_iter(text).for_each(|m| {
                    report(m);
                });
                continue;
            };
            // A phrase that fills its line starts at the line's first character or, after a
            // bullet or other decoration, at its first letter: an anchored search there reads a
            // few bytes per line instead of the whole line.
            for line in doc.lines() {
                let body = &text[line.range()];
                let first = line.start + (body.len() - body.trim_start().len());
                let letter = body.find(char::is_alphanumeric).map(|i| line.start + i);
                for at in std::iter::once(first).chain(letter.filter(|&l| l != first)) {
                    let input = Input::new(&text[..line.end])
                        .span(at..line.end)
                        .anchored(Anchored::Yes);
                    if line.end - at <= max && automaton.ac.find(input).is_some_and(&mut report) {
                        break;
                    }
                }
            }
        }
    }
}

impl Automaton {
    /// The end of the vocabulary word at `at` (before `limit`), and whether it may end a run
    /// (it is listed capitalised: a content word, not a function word), if it is one.
    fn word(
        &self,
        text: &str,
        at: usize,
        limit: usize,
        in_capitals: bool,
    ) -> Option<(usize, bool)> {
        let len = text[at..limit]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(limit - at);
        let word = &text[at..at + len];
        self.known(word, in_capitals)
            .map(|content| (at + len, content))
    }

    /// The start of the vocabulary word that ends before `at`, across white space and
    /// decoration, not before `from`.
    fn word_before(&self, text: &str, from: usize, at: usize, in_capitals: bool) -> Option<usize> {
        let before = &text[from..at];
        let kept = before.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '|' | '·' | '•' | '–')
        });
        if kept.len() == before.len() {
            return None;
        }
        let word_start = kept.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
            i + kept[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &kept[word_start..];
        self.known(word, in_capitals).map(|_| from + word_start)
    }

    /// Whether `word` is in the vocabulary in a case labels use, and whether it is a content
    /// word (listed capitalised): a function word joins in lower case or in a run in capitals.
    fn known(&self, word: &str, in_capitals: bool) -> Option<bool> {
        if word.is_empty() {
            return None;
        }
        let content = *self.words.get(&word.to_lowercase())?;
        let lower = !word.chars().any(char::is_uppercase);
        let capitals = !word.chars().any(char::is_lowercase);
        (lower || content || in_capitals && capitals).then_some(content)
    }

    /// The finding for match `m`, reported at `span`, with its replacement as a fix when the
    /// replacement can take the case of the match.
    fn finding(
        &self,
        text: &str,
        m: aho_corasick::Match,
        span: Span,
        lines: &mut LineCursor,
    ) -> Finding {
        let matched = &text[span.range()];
        let mut finding = Finding::new(span).var("match", matched);
        match self.meta[m.pattern().as_usize()].1.as_deref() {
            Some("") => {
                let lines = lines.around(span);
                finding = with_deletion_within(finding.var("replacement", ""), text, span, lines);
            }
            Some(r) => {
                let listed = &self.patterns[m.pattern().as_usize()];
                match case::follow(matched, listed, r) {
                    Some(r) => finding = finding.var("replacement", r.as_str()).fix(span, r),
                    // No replacement in the case of the match: reported, not fixed.
                    None => finding = finding.var("replacement", r),
                }
            }
            None => {}
        }
        finding
    }
}

impl PhraseCheck {
    /// `label` scope: each run of label phrases (`Share on Facebook Share on Twitter`,
    /// `Advertisement - Scroll to continue`) that stands as a label, reported once under the
    /// rule of its first phrase.
    fn labels(&self, automaton: &Automaton, doc: &Document, sink: &mut Sink) {
        let text = doc.text;
        // Matches come in text order: their lines are found in one reading of the text.
        let mut lines = LineCursor::new(text);
        let mut consumed = 0;
        for m in automaton.ac.find_iter(text) {
            if m.start() < consumed || !is_whole_word(text, m.start(), m.end()) {
                continue;
            }
            // A run stays inside the paragraph (the line, outside any paragraph).
            let limit = doc
                .paragraph_at(m.start())
                .map_or_else(
                    || lines.around(Span::new(m.start(), m.end())).end,
                    |i| doc.paragraphs[i].span.end,
                )
                .max(m.end());
            let (spec_idx, _, ambiguous) = &automaton.meta[m.pattern().as_usize()];
            let spec = &self.specs[*spec_idx];
            let in_capitals = !text[m.range()].chars().any(char::is_lowercase);
            let word_at = |at: usize| automaton.word(text, at, limit, in_capitals);
            // The run of phrases, and past it the run that vocabulary words join; a run ends
            // on a phrase or a word listed capitalised, never on a function word.
            let mut end = m.end();
            let (mut plain_end, mut only_ambiguous, mut plain_ambiguous) = (None, *ambiguous, true);
            let mut cursor = m.end();
            loop {
                let gap = text[cursor..limit]
                    .find(|c: char| {
                        !(c.is_whitespace() || matches!(c, '-' | '|' | '·' | '•' | '–'))
                    })
                    .unwrap_or(limit - cursor);
                let input = Input::new(&text[..limit])
                    .span(cursor + gap..limit)
                    .anchored(Anchored::Yes);
                if gap == 0 {
                    break;
                }
                match automaton.ac.find(input) {
                    Some(next) if is_whole_word(text, next.start(), next.end()) => {
                        only_ambiguous &= automaton.meta[next.pattern().as_usize()].2;
                        (cursor, end) = (next.end(), next.end());
                    }
                    _ => match word_at(cursor + gap) {
                        Some((word_end, content)) => {
                            if plain_end.is_none() {
                                (plain_end, plain_ambiguous) = (Some(end), only_ambiguous);
                            }
                            cursor = word_end;
                            if content {
                                end = word_end;
                            }
                        }
                        None => break,
                    },
                }
            }
            // Vocabulary words before the phrase (`Article continues after` + `advertisement`),
            // from a capitalised one.
            let from = doc
                .paragraph_at(m.start())
                .map_or(0, |i| doc.paragraphs[i].span.start);
            let mut start = m.start();
            let mut back = m.start();
            while let Some(word) = automaton.word_before(text, from, back, in_capitals) {
                back = word;
                if text[word..].starts_with(char::is_uppercase) {
                    start = word;
                }
            }
            let joined = start < m.start() || plain_end.is_some_and(|p| p < end);
            // A name that begins sentences too (`Twitter`): a label only with nothing after it,
            // or with the vocabulary of labels around it (`Read the story here`).
            let alone = |end: usize| {
                end == m.end() && text[end..limit].chars().all(|c| !c.is_alphanumeric())
            };
            let mut candidates = Vec::with_capacity(3);
            if joined {
                candidates.push(Span::new(start, end));
                if start < m.start() {
                    candidates.push(Span::new(m.start(), end));
                }
            }
            let plain = plain_end.unwrap_or(end);
            let plain_ambiguous = if plain_end.is_some() {
                plain_ambiguous
            } else {
                only_ambiguous
            };
            // In capitals in a paragraph that is not (`… the biggest impact. ADVERTISING Myanmar's
            // debt …`), the word stands out as the page's label, not as a word of the sentence.
            // The text around it, within a bounded window, stands for the paragraph: a paragraph
            // of a million labels stays linear.
            let shouted = |end: usize| {
                let around = &text[floor_boundary(text, m.start().saturating_sub(200).max(from))
                    ..ceil_boundary(text, (end + 200).min(limit))];
                end == m.end()
                    && in_capitals
                    && m.len() > 1
                    && around.chars().any(char::is_lowercase)
            };
            if !plain_ambiguous || alone(plain) || shouted(plain) {
                candidates.push(Span::new(m.start(), plain));
            }
            let Some(span) = candidates.into_iter().find(|&span| {
                stands_as_label(doc, span) && self.accepts(spec, text, span, &mut lines)
            }) else {
                continue;
            };
            let end = span.end;
            sink.push(spec.rule, automaton.finding(text, m, span, &mut lines));
            consumed = end;
        }
    }

    fn accepts(&self, spec: &RuleSpec, text: &str, span: Span, lines: &mut LineCursor) -> bool {
        if spec.whole_word && !is_whole_word(text, span.start, span.end) {
            return false;
        }
        if spec.scope == Scope::Line {
            let line = lines.around(span);
            let decoration = |s: &str| s.chars().all(|c| !c.is_alphanumeric());
            if !decoration(&text[line.start..span.start]) || !decoration(&text[span.end..line.end])
            {
                return false;
            }
        }
        spec.max_line_words
            .is_none_or(|max| lines.words(span) <= max)
    }
}
