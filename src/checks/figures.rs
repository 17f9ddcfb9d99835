//! `figures`: a statistic, sum of money, percentage, casualty count or vague quantity ("thousands
//! of children") stated with no attribution nearby.
//!
//! Why: wire and broadcast style (Reuters "When to source", BBC 3.3.6 and its statistics guidance)
//! want a figure attributed unless it is established fact. In PolNeAR 87% of attributed figures
//! have their cue in the same sentence and most of the rest in the same paragraph, so the check
//! looks in windows, in order: the sentence, the paragraph, the paragraph before when this one
//! refers back to the data (`the same poll`), and for the lede the paragraph after it.
//!
//! Parameters (all in the rule file, so a newsroom can tune them): `classes` (which figure classes
//! the rule reports), `windows`, the figure vocabulary (`percent-words`, `currency-symbols`,
//! `currency-words`, `scale-words`, `vague-words`, `vague-nouns`, `fraction-words`,
//! `impact-words`, `min-count`, ...), the exclusions (`months`, `time-words`, `locators`,
//! `street-suffixes`, `exempt-nouns`) and the cue lexicon (`reporting-verbs`, `cue-phrases`,
//! `data-nouns`, `show-verbs`, `count-nouns`, `per-units`, `anaphora`, and `hedges`, which are
//! never attribution). Message placeholders: `{figure}`, `{class}`, `{looked}`.
//!
//! Example: `The Rome Statute has been ratified by 123 countries.` is flagged on `123 countries`;
//! `..., according to the International Criminal Court.` passes.

mod attribution;
mod classify;
mod words;

use super::{Check, KindEntry, RuleIdx, Settings, Sink, compile_each};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::markup::BlockKind;
use crate::rule::Rule;
use crate::span::Span;
use attribution::{Lexicon, Lists, Scan};
use classify::{Class, Figure, Vocab};
use serde::Deserialize;
use std::sync::Arc;
use words::WordSet;

pub const KIND: KindEntry = KindEntry {
    name: "figures",
    summary: "a figure (percentage, money, count, vague quantity) with no attribution nearby",
    fields: super::fields::<Params>,
    compile,
};

#[derive(Deserialize, Debug)]
#[serde(rename_all = "kebab-case")]
struct Params {
    classes: Vec<Class>,
    windows: Vec<Window>,
    min_count: f64,
    impact_distance: usize,
    percent_words: Vec<String>,
    currency_symbols: Vec<String>,
    currency_words: Vec<String>,
    scale_words: Vec<String>,
    time_words: Vec<String>,
    months: Vec<String>,
    exempt_nouns: Vec<String>,
    not_plural: Vec<String>,
    irregular_plurals: Vec<String>,
    impact_words: Vec<String>,
    vague_words: Vec<String>,
    vague_nouns: Vec<String>,
    fraction_words: Vec<String>,
    locators: Vec<String>,
    street_suffixes: Vec<String>,
    reporting_verbs: Vec<String>,
    cue_phrases: Vec<String>,
    data_nouns: Vec<String>,
    show_verbs: Vec<String>,
    count_nouns: Vec<String>,
    hedges: Vec<String>,
    per_units: Vec<String>,
    anaphora: Vec<String>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Window {
    /// A cue in the figure's sentence.
    Sentence,
    /// A cue anywhere in the figure's paragraph.
    Paragraph,
    /// A cue in the paragraph before, when this paragraph refers back to data (`the survey`).
    PreviousParagraph,
    /// For the first paragraph: a cue and a data noun in the second (`The figures, released by ...`).
    Lede,
    /// A results table (`Shr 34 cts vs 12 cts`) sources the whole brief: the figures are the
    /// company's own report.
    ResultsTable,
}

/// The compiled vocabulary of one or more rules that share the same word lists.
struct Lexis {
    vocab: Vocab,
    lexicon: Lexicon,
}

struct FigureRule {
    rule: RuleIdx,
    classes: Vec<Class>,
    windows: Vec<Window>,
    looked: String,
    lexis: Arc<Lexis>,
}

struct FiguresCheck {
    rules: Vec<FigureRule>,
}

fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
    let mut shared: Vec<(String, Arc<Lexis>)> = Vec::new();
    let rules = compile_each(rules, |idx, rule| {
        let mut p: Params = rule.params()?;
        if p.classes.is_empty() || p.windows.is_empty() {
            return Err(InputError::new(&rule.origin, format!("`{}`: a figures rule needs at least one class and one window", rule.origin)));
        }
        let classes = std::mem::take(&mut p.classes);
        let windows = std::mem::take(&mut p.windows);
        // Rules with the same word lists share one compiled vocabulary and one scan per document.
        let key = format!("{p:?}");
        let lexis = match shared.iter().find(|(k, _)| *k == key) {
            Some((_, l)) => l.clone(),
            None => {
                let l = Arc::new(lexis(&p));
                shared.push((key, l.clone()));
                l
            }
        };
        Ok(FigureRule { rule: idx, looked: looked(&windows), classes, windows, lexis })
    })?;
    Ok(Box::new(FiguresCheck { rules }))
}

fn lexis(p: &Params) -> Lexis {
    let by_length = |v: &[String]| {
        let mut v: Vec<String> = v.iter().map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect();
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        v
    };
    let vocab = Vocab {
        candidates: classify::candidate_regex(&p.vague_words, &p.fraction_words),
        percent_words: by_length(&p.percent_words),
        currency_symbols: by_length(&p.currency_symbols),
        currency_words: WordSet::new(&p.currency_words),
        scale_words: WordSet::new(&p.scale_words),
        time_words: by_length(&p.time_words),
        months: p.months.iter().cloned().collect(),
        exempt_nouns: WordSet::new(&p.exempt_nouns),
        not_plural: WordSet::new(&p.not_plural),
        irregular_plurals: WordSet::new(&p.irregular_plurals),
        impact_words: WordSet::new(&p.impact_words),
        impact_distance: p.impact_distance,
        vague_words: WordSet::new(&p.vague_words),
        vague_nouns: WordSet::new(&p.vague_nouns),
        fraction_words: WordSet::new(&p.fraction_words),
        locators: WordSet::new(&p.locators),
        street_suffixes: WordSet::new(&p.street_suffixes),
        min_count: p.min_count,
    };
    let lexicon = Lexicon::new(&Lists {
        reporting_verbs: &p.reporting_verbs,
        cue_phrases: &p.cue_phrases,
        data_nouns: &p.data_nouns,
        show_verbs: &p.show_verbs,
        count_nouns: &p.count_nouns,
        hedges: &p.hedges,
        per_units: &p.per_units,
        anaphora: &p.anaphora,
    });
    Lexis { vocab, lexicon }
}

/// Where the check looked, for the message.
fn looked(windows: &[Window]) -> String {
    let mut out = String::from(if windows.contains(&Window::Paragraph) { "in its sentence or paragraph" } else { "in its sentence" });
    if windows.contains(&Window::PreviousParagraph) {
        out.push_str(", nor a sourced paragraph before it that it refers back to");
    }
    out
}

/// Per document and shared vocabulary: the figures and cue scans of each block, computed once.
struct Blocks<'d> {
    figures: Vec<Option<Vec<Figure>>>,
    scans: Vec<Option<Scan>>,
    lexis: &'d Lexis,
}

impl Blocks<'_> {
    fn scan(&mut self, doc: &Document, i: usize) -> &Scan {
        let lexicon = &self.lexis.lexicon;
        self.scans[i].get_or_insert_with(|| lexicon.scan(doc.text, doc.paragraphs[i].span))
    }
}

impl Check for FiguresCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let body: Vec<usize> = (0..doc.paragraphs.len()).filter(|&i| doc.paragraphs[i].kind != BlockKind::Heading).collect();
        if body.is_empty() {
            return;
        }
        let table = has_results_table(doc);
        let mut cache: Vec<(*const Lexis, Blocks)> = Vec::new();
        for rule in &self.rules {
            let key = Arc::as_ptr(&rule.lexis);
            let at = match cache.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    let n = doc.paragraphs.len();
                    cache.push((key, Blocks { figures: vec![None; n], scans: vec![None; n], lexis: &rule.lexis }));
                    cache.len() - 1
                }
            };
            if table && rule.windows.contains(&Window::ResultsTable) {
                continue;
            }
            let blocks = &mut cache[at].1;
            for (n, &i) in body.iter().enumerate() {
                let span = doc.paragraphs[i].span;
                let figures = blocks.figures[i].get_or_insert_with(|| {
                    let mut out = Vec::new();
                    rule.lexis.vocab.find(doc.text, span, &mut out);
                    out
                });
                let mine: Vec<Figure> = figures.iter().filter(|f| rule.classes.contains(&f.class)).copied().collect();
                if mine.is_empty() || sourced_nearby(rule, doc, blocks, &body, n) {
                    continue;
                }
                report(rule, doc, blocks.scan(doc, i), i, &mine, sink);
            }
        }
    }
}

/// Whether the paragraph `body[n]` is sourced as a whole by the paragraph, previous-paragraph or
/// lede window.
fn sourced_nearby(rule: &FigureRule, doc: &Document, blocks: &mut Blocks, body: &[usize], n: usize) -> bool {
    let i = body[n];
    if rule.windows.contains(&Window::Paragraph) && !blocks.scan(doc, i).cues.is_empty() {
        return true;
    }
    if rule.windows.contains(&Window::PreviousParagraph)
        && n > 0
        && !blocks.scan(doc, i).anaphors.is_empty()
        && !blocks.scan(doc, body[n - 1]).cues.is_empty()
    {
        return true;
    }
    if rule.windows.contains(&Window::Lede) && n == 0 && body.len() > 1 {
        let next = blocks.scan(doc, body[1]);
        return !next.cues.is_empty() && !next.data_nouns.is_empty();
    }
    false
}

/// One finding per sentence of paragraph `i` that holds unsourced figures: the primary label on
/// the figure of the highest class, the others in a note, a secondary label on each hedge.
fn report(rule: &FigureRule, doc: &Document, scan: &Scan, i: usize, figures: &[Figure], sink: &mut Sink) {
    let block = doc.paragraphs[i];
    let sentences = match block.kind {
        BlockKind::Paragraph => crate::sentences::split(doc.text, block.span),
        _ => vec![block.span],
    };
    let in_span = |span: Span, s: Span| s.start <= span.start && span.start < s.end;
    for sentence in sentences {
        let here: Vec<&Figure> = figures.iter().filter(|f| in_span(f.span, sentence)).collect();
        let Some(best) = here.iter().min_by_key(|f| (f.class, f.span.start)) else { continue };
        if rule.windows.contains(&Window::Sentence) && scan.cues.iter().any(|c| in_span(*c, sentence)) {
            continue;
        }
        let text = doc.slice(best.span);
        let mut finding = Finding::new(best.span).var("figure", text).var("class", best.class.describe()).var("looked", rule.looked.clone());
        let others: Vec<String> = here.iter().filter(|f| f.span != best.span).map(|f| format!("`{}`", doc.slice(f.span))).collect();
        if !others.is_empty() {
            finding = finding.note(format!("also without a source in this sentence: {}", others.join(", ")));
        }
        let hedges: Vec<Span> = scan.hedges.iter().copied().filter(|h| in_span(*h, sentence)).collect();
        for h in &hedges {
            finding = finding.label(*h, format!("`{}` names no source", doc.slice(*h)));
        }
        if let Some(h) = hedges.first() {
            finding = finding.note(format!("`{}` hedges the figure but does not say who gives it", doc.slice(*h)));
        }
        sink.push(rule.rule, finding);
    }
}

/// A results brief: at least two heading-like lines of the form `Shr 34 cts vs 12 cts`.
fn has_results_table(doc: &Document) -> bool {
    let rows = doc.paragraphs.iter().filter(|b| b.kind == BlockKind::Heading).filter(|b| {
        let line = doc.slice(b.span);
        line.find(" vs ").is_some_and(|at| line[..at].bytes().any(|c| c.is_ascii_digit()) || line[at..].bytes().any(|c| c.is_ascii_digit()))
    });
    rows.take(2).count() == 2
}

#[cfg(test)]
mod tests;
