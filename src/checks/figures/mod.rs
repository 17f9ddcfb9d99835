//! `figures`: a statistic, sum of money, percentage, casualty count or vague quantity ("thousands
//! of children") that no attribution governs.
//!
//! Why: wire and broadcast style (Reuters "When to source", BBC 3.3.6 and its statistics guidance)
//! want a figure attributed unless it is established fact. In PolNeAR most attributed figures have
//! their cue in the same sentence and nearly all the rest in the same paragraph, so a cue governs
//! its sentence and paragraph (`governed-by`), a list it introduces, and a quotation whose speaker
//! it names; a cue earlier in the story governs nothing else (issue 12, docs/figures.md).
//!
//! Every parameter is data, shared by the family in rules/figures/_shared.toml (a rule file states
//! only its `classes`; a newsroom extends the lists from its own `figures/_shared.toml`): what
//! governs (`governed-by`, `list-paragraphs`), the exemptions (`exempt` and their word lists), the
//! figure vocabulary read by [`FigureFinder`] and the cue vocabulary read by [`CueFinder`].
//! Message placeholders: `{figure}`, `{class}`, `{looked}`.
//!
//! Example: `The Rome Statute has been ratified by 123 countries.` is flagged on `123 countries`;
//! `..., according to the International Criminal Court.` passes.

mod attribution;
mod classify;
mod exempt;
mod govern;
mod words;

use super::quotes::marks::Locale;
use super::{Check, KindEntry, RuleIdx, Settings, Sink, compile_each};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::markup::BlockKind;
use crate::rule::Rule;
use crate::span::Span;
use attribution::{CueFinder, CueLists, Scan};
use classify::{Class, Figure, FigureFinder};
use exempt::{Exemption, Exemptions};
use serde::Deserialize;
use std::sync::Arc;
use words::WordSet;

pub const KIND: KindEntry = KindEntry {
    name: "figures",
    summary: "a figure (percentage, money, count, vague quantity) that no attribution governs",
    fields: super::fields::<Params>,
    fixes: super::never,
    compile,
};

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "kebab-case")]
struct Params {
    classes: Vec<Class>,
    governed_by: Vec<Governor>,
    exempt: Vec<Exemption>,
    list_paragraphs: usize,
    price_words: Vec<String>,
    sports_words: Vec<String>,
    term_words: Vec<String>,
    plan_words: Vec<String>,
    record_words: Vec<String>,
    own_action_words: Vec<String>,
    population_words: Vec<String>,
    year_words: Vec<String>,
    min_count: f64,
    large_count: f64,
    level_words: Vec<String>,
    impact_distance: usize,
    percent_words: Vec<String>,
    currency_symbols: Vec<String>,
    currency_words: Vec<String>,
    scale_words: Vec<String>,
    time_words: Vec<String>,
    months: Vec<String>,
    exempt_nouns: Vec<String>,
    measure_nouns: Vec<String>,
    margin_words: Vec<String>,
    not_plural: Vec<String>,
    irregular_plurals: Vec<String>,
    impact_words: Vec<String>,
    vague_words: Vec<String>,
    background_scales: Vec<String>,
    statistic_nouns: Vec<String>,
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
    continuation_words: Vec<String>,
}

/// What can govern a figure, besides the exemptions.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Governor {
    /// A cue in the figure's sentence.
    Sentence,
    /// A cue anywhere in the figure's paragraph: a paragraph is one statement.
    Paragraph,
    /// The figure's sentence refers back to a named data source (`the poll`, `the same survey`).
    DataReference,
    /// An introduction that names a source and ends with a colon governs the list after it and
    /// up to `list-paragraphs` paragraphs.
    List,
    /// A table row (`Shr 34 cts vs 12 cts`); a results brief is the company's own report.
    Table,
    /// The paragraph right before names a data source (a cue and a data noun: `the report said`,
    /// `according to the documents`): the figures of a data story run on into the next paragraph.
    DataSourceBefore,
    /// The paragraph right before has a cue and states a figure of the same class: its source's
    /// figures run on (`Exports rose 12%, the office said.` / `Imports fell 3%.`).
    SameFiguresBefore,
    /// An interview answer: a line that is only a name (`Keith Humphreys`) stands right before
    /// the paragraph, or before the paragraphs of the answer it opens: the speaker is the source.
    SpeakerLabel,
    /// The paragraph opens with a word that refers back (`continuation-words`: `She`, `Her`,
    /// `These`) and the paragraph right before has a cue: the speaker's statement runs on.
    SpeakerBefore,
}

/// The compiled word lists of one or more rules that share them: what makes a figure and what
/// makes a cue.
struct Finders {
    figure_finder: FigureFinder,
    cue_finder: CueFinder,
}

struct FigureRule {
    rule: RuleIdx,
    continuation_words: WordSet,
    classes: Vec<Class>,
    governed_by: Vec<Governor>,
    exemptions: Exemptions,
    list_paragraphs: usize,
    looked: String,
    finders: Arc<Finders>,
}

impl FigureRule {
    fn governed(&self, g: Governor) -> bool {
        self.governed_by.contains(&g)
    }
}

struct FiguresCheck {
    rules: Vec<FigureRule>,
    locale: Locale,
}

// `InputError` is large; every kind returns it the same way (see `pattern`, `phrase`).
#[allow(clippy::result_large_err)]
fn compile(
    rules: &[(RuleIdx, &Rule)],
    settings: &Settings,
) -> Result<Box<dyn Check>, Vec<InputError>> {
    let mut shared: Vec<(Params, Arc<Finders>)> = Vec::new();
    let rules = compile_each(rules, |idx, rule| {
        let mut p: Params = rule.params()?;
        if p.classes.is_empty() {
            return Err(InputError::new(
                &rule.origin,
                format!("`{}`: a figures rule needs at least one class", rule.origin),
            ));
        }
        let take = |v: &mut Vec<String>| WordSet::new(&std::mem::take(v));
        let exemptions = Exemptions {
            enabled: std::mem::take(&mut p.exempt),
            price: take(&mut p.price_words),
            sports: take(&mut p.sports_words),
            terms: take(&mut p.term_words),
            plans: take(&mut p.plan_words),
            record: take(&mut p.record_words),
            own_actions: take(&mut p.own_action_words),
            population: take(&mut p.population_words),
            year_words: WordSet::new(&[p.year_words.as_slice(), p.months.as_slice()].concat()),
        };
        let continuation_words = take(&mut p.continuation_words);
        let classes = std::mem::take(&mut p.classes);
        let governed_by = std::mem::take(&mut p.governed_by);
        // Rules with the same word lists share one compiled `Finders` and one scan per document
        // (compared as parsed: formatting them as a key cost more than the rest of the lookup).
        let list_paragraphs = p.list_paragraphs;
        let finders = match shared.iter().find(|(k, _)| *k == p) {
            Some((_, f)) => f.clone(),
            None => {
                let f = Arc::new(finders(&p).map_err(|e| {
                    rule.error_at(
                        super::value_span(rule, "vague-words"),
                        &format!("the `vague-words` and `fraction-words` make no regex: {e}"),
                        "too many words",
                    )
                })?);
                shared.push((p, f.clone()));
                f
            }
        };
        Ok(FigureRule {
            rule: idx,
            continuation_words,
            looked: looked(&governed_by),
            classes,
            governed_by,
            exemptions,
            list_paragraphs,
            finders,
        })
    })?;
    Ok(Box::new(FiguresCheck {
        rules,
        locale: settings.locale,
    }))
}

fn finders(p: &Params) -> Result<Finders, regex::Error> {
    let by_length = |v: &[String]| {
        let mut v: Vec<String> = v
            .iter()
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        v
    };
    let figure_finder = FigureFinder {
        candidates: classify::candidate_regex(&p.vague_words, &p.fraction_words)?,
        percent_words: by_length(&p.percent_words),
        currency_symbols: by_length(&p.currency_symbols),
        currency_words: WordSet::new(&p.currency_words),
        scale_words: WordSet::new(&p.scale_words),
        time_words: by_length(&p.time_words),
        months: p.months.iter().cloned().collect(),
        exempt_nouns: WordSet::new(&p.exempt_nouns),
        measure_nouns: WordSet::new(&p.measure_nouns),
        margin_words: WordSet::new(&p.margin_words),
        not_plural: WordSet::new(&p.not_plural),
        irregular_plurals: WordSet::new(&p.irregular_plurals),
        impact_words: WordSet::new(&p.impact_words),
        impact_distance: p.impact_distance,
        vague_words: WordSet::new(&p.vague_words),
        background_scales: WordSet::new(&p.background_scales),
        statistic_nouns: WordSet::new(&p.statistic_nouns),
        fraction_words: WordSet::new(&p.fraction_words),
        locators: WordSet::new(&p.locators),
        street_suffixes: WordSet::new(&p.street_suffixes),
        min_count: p.min_count,
        large_count: p.large_count,
        level_words: WordSet::new(&p.level_words),
    };
    let cue_finder = CueFinder::new(&CueLists {
        reporting_verbs: &p.reporting_verbs,
        cue_phrases: &p.cue_phrases,
        data_nouns: &p.data_nouns,
        show_verbs: &p.show_verbs,
        count_nouns: &p.count_nouns,
        hedges: &p.hedges,
        per_units: &p.per_units,
        anaphora: &p.anaphora,
    });
    Ok(Finders {
        figure_finder,
        cue_finder,
    })
}

/// Where the check looked, for the message.
fn looked(governed_by: &[Governor]) -> String {
    String::from(if governed_by.contains(&Governor::Paragraph) {
        "in its paragraph"
    } else {
        "in its sentence"
    })
}

/// Per document and `Finders`: the figures and cue scans of each block, computed once.
struct Blocks<'d> {
    figures: Vec<Option<Vec<Figure>>>,
    scans: Vec<Option<Scan>>,
    /// For each class and number, where it first occurs in a paragraph that names a source and
    /// states it (see [`repeats_sourced`]): found once per document, not once per figure.
    sourced: std::collections::HashMap<(Class, String), Option<usize>>,
    finders: &'d Finders,
}

impl Blocks<'_> {
    fn figures(&mut self, doc: &Document, i: usize) -> &[Figure] {
        let figure_finder = &self.finders.figure_finder;
        self.figures[i].get_or_insert_with(|| {
            let mut out = Vec::new();
            figure_finder.find(doc.text, doc.paragraphs[i].span, &mut out);
            out
        })
    }

    /// Whether block `i` has a cue (a quick scan that stops at the first `said`).
    fn has_cue(&mut self, doc: &Document, i: usize) -> bool {
        let cue_finder = &self.finders.cue_finder;
        !self.scans[i]
            .get_or_insert_with(|| cue_finder.scan_quick(doc.text, doc.paragraphs[i].span))
            .cues
            .is_empty()
    }

    /// Every cue, hedge and data noun of block `i`.
    fn full_scan(&mut self, doc: &Document, i: usize) -> &Scan {
        if self.scans[i].as_ref().is_some_and(|s| s.partial) {
            self.scans[i] = None;
        }
        let cue_finder = &self.finders.cue_finder;
        self.scans[i].get_or_insert_with(|| cue_finder.scan(doc.text, doc.paragraphs[i].span))
    }
}

/// What the check works out about a document only when a figure needs it.
#[derive(Default)]
struct Lazy {
    results_brief: Option<bool>,
    /// The latest year the article names (`past-event`).
    latest_year: Option<u16>,
    quoted: Option<Vec<Span>>,
}

impl Check for FiguresCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let mut lazy = Lazy::default();
        let mut cache: Vec<(*const Finders, Blocks)> = Vec::new();
        for rule in &self.rules {
            let key = Arc::as_ptr(&rule.finders);
            let at = match cache.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    let n = doc.paragraphs.len();
                    cache.push((
                        key,
                        Blocks {
                            figures: vec![None; n],
                            scans: vec![None; n],
                            sourced: std::collections::HashMap::new(),
                            finders: &rule.finders,
                        },
                    ));
                    cache.len() - 1
                }
            };
            let blocks = &mut cache[at].1;
            for i in 0..doc.paragraphs.len() {
                // Headlines are not checked, unless the line reads as a sentence (a wire lede
                // that lost its full stop); the first line of an article is its title.
                let block = doc.paragraphs[i];
                if block.kind == BlockKind::Heading
                    && (i == 0 || !govern::reads_as_sentence(doc.slice(block.span)))
                {
                    continue;
                }
                // The cue scan first: most paragraphs with figures name their source, and then
                // the figures need not be read at all.
                if rule.governed(Governor::Paragraph) && blocks.has_cue(doc, i) {
                    continue;
                }
                if !blocks
                    .figures(doc, i)
                    .iter()
                    .any(|f| rule.classes.contains(&f.class))
                {
                    continue;
                }
                if rule.governed(Governor::Table)
                    && *lazy
                        .results_brief
                        .get_or_insert_with(|| govern::is_results_brief(doc))
                {
                    break;
                }
                if rule.governed(Governor::List)
                    && govern::introduced(doc, i, rule.list_paragraphs, |j| blocks.has_cue(doc, j))
                {
                    continue;
                }
                if continues_before(rule, doc, blocks, i) {
                    continue;
                }
                self.report(rule, doc, blocks, &mut lazy, i, sink);
            }
        }
    }
}

impl FiguresCheck {
    /// One finding per sentence of block `i` that holds unsourced figures: the primary label on
    /// the figure of the highest class, a secondary label on each other one and on each hedge.
    fn report(
        &self,
        rule: &FigureRule,
        doc: &Document,
        blocks: &mut Blocks,
        lazy: &mut Lazy,
        i: usize,
        sink: &mut Sink,
    ) {
        let text = doc.text;
        let ex = &rule.exemptions;
        let figures: Vec<Figure> = blocks
            .figures(doc, i)
            .iter()
            .filter(|f| rule.classes.contains(&f.class))
            .copied()
            .collect();
        let scan = blocks.full_scan(doc, i).clone();
        // Figures, cues, references and hedges are in text order: each sentence takes its own by
        // bisection, so that a paragraph of a million sentences stays linear.
        let within = |spans: &[Span], s: Span| -> std::ops::Range<usize> {
            spans.partition_point(|x| x.start < s.start)..spans.partition_point(|x| x.start < s.end)
        };
        let starts: Vec<Span> = figures.iter().map(|f| f.span).collect();
        for sentence in doc.sentences_of(i).iter().map(|s| s.span) {
            let mine: Vec<&Figure> = figures[within(&starts, sentence)].iter().collect();
            if mine.is_empty() {
                continue;
            }
            if (rule.governed(Governor::Sentence) && !within(&scan.cues, sentence).is_empty())
                || (rule.governed(Governor::DataReference)
                    && !within(&scan.anaphors, sentence).is_empty())
                || (rule.governed(Governor::Table) && govern::is_table_row(doc.slice(sentence)))
            {
                continue;
            }
            let schedule = ex.schedule(text, &mine, sentence);
            let mut here = Vec::new();
            for f in mine {
                if ex.figure(text, f, sentence, schedule) {
                    continue;
                }
                if ex.on(Exemption::Quotation) && self.quoted_speaker(doc, blocks, lazy, i, f.span)
                {
                    continue;
                }
                if ex.on(Exemption::Repeat) && repeats_sourced(doc, blocks, f) {
                    continue;
                }
                if rule.governed(Governor::SameFiguresBefore)
                    && same_figures_before(doc, blocks, i, f)
                {
                    continue;
                }
                here.push(f);
            }
            let Some(best) = here.iter().min_by_key(|f| (f.class, f.span.start)) else {
                continue;
            };
            if ex.sentence(text, sentence, best.class) {
                continue;
            }
            if best.class == Class::Casualty
                && ex.on(Exemption::PastEvent)
                && ex.past(
                    text,
                    sentence,
                    *lazy
                        .latest_year
                        .get_or_insert_with(|| ex.years(text, 0, text.len()).max().unwrap_or(0)),
                )
            {
                continue;
            }
            let mut finding = Finding::new(best.span)
                .var("figure", doc.slice(best.span))
                .var("class", best.class.describe())
                .var("looked", rule.looked.clone());
            for f in here.iter().filter(|f| f.span != best.span) {
                finding = finding.label(f.span, "also without a source");
            }
            let hedges: Vec<Span> = scan.hedges[within(&scan.hedges, sentence)].to_vec();
            for h in &hedges {
                finding = finding.label(*h, format!("`{}` names no source", doc.slice(*h)));
            }
            if let Some(h) = hedges.first() {
                finding = finding.note(format!(
                    "`{}` hedges the figure but does not say who gives it",
                    doc.slice(*h)
                ));
            }
            sink.push(rule.rule, finding);
        }
    }

    /// Whether the figure at `span` of block `i` is inside a quotation whose speaker is named: a
    /// cue in the block before, or in the block where a quotation that runs on began (or the one
    /// before that). Block `i` itself names no source, or the figure would be governed.
    fn quoted_speaker(
        &self,
        doc: &Document,
        blocks: &mut Blocks,
        lazy: &mut Lazy,
        i: usize,
        span: Span,
    ) -> bool {
        let quoted = lazy
            .quoted
            .get_or_insert_with(|| govern::quoted(doc, self.locale));
        let Some(quote) = govern::enclosing(quoted, span) else {
            return false;
        };
        let began = doc.paragraph_at(quote.start).unwrap_or(i);
        (began < i && blocks.has_cue(doc, began)) || (began > 0 && blocks.has_cue(doc, began - 1))
    }
}

/// How far (bytes) a data noun may be from the cue that reports it (`the report released by the
/// ministry on Monday said`).
const DATA_SOURCE_GAP: usize = 40;

/// The paragraph right before block `i`, when it is prose of the same stretch (not a heading,
/// which starts a new one).
fn before(doc: &Document, i: usize) -> Option<usize> {
    let j = i.checked_sub(1)?;
    (doc.paragraphs[j].kind != BlockKind::Heading && doc.paragraphs[i].kind != BlockKind::Heading)
        .then_some(j)
}

/// Whether a statement before block `i` runs on into it (block `i` names no source of its own):
/// block `i` answers under a speaker's name (`speaker-label`), the paragraph before names a data
/// source (`data-source-before`), or block `i` opens with a word that refers back to its speaker
/// (`speaker-before`). One paragraph only, or one answer: a cue earlier in the story governs
/// nothing else.
fn continues_before(rule: &FigureRule, doc: &Document, blocks: &mut Blocks, i: usize) -> bool {
    if rule.governed(Governor::SpeakerLabel) && govern::answers_speaker(doc, i) {
        return true;
    }
    let Some(j) = before(doc, i) else {
        return false;
    };
    if rule.governed(Governor::SpeakerBefore) {
        let block = doc.paragraphs[i].span;
        let first = words::next_word(doc.text, block.start, block.end)
            .is_some_and(|(a, b)| rule.continuation_words.contains(&doc.text[a..b]));
        if first && blocks.has_cue(doc, j) {
            return true;
        }
    }
    if rule.governed(Governor::DataSourceBefore) && blocks.has_cue(doc, j) {
        // The data noun names what the cue reports (`the report said`, `according to the
        // documents`, `data released on Friday showed`), not any data word in the paragraph.
        let scan = blocks.full_scan(doc, j);
        return scan.cues.iter().any(|c| {
            scan.data_nouns.iter().any(|d| {
                let gap = if d.end <= c.start {
                    c.start - d.end
                } else {
                    d.start.saturating_sub(c.end)
                };
                gap <= DATA_SOURCE_GAP
            })
        });
    }
    false
}

/// Whether the paragraph right before block `i` has a cue and states a figure of the class of
/// `figure` (`same-figures-before`).
fn same_figures_before(doc: &Document, blocks: &mut Blocks, i: usize, figure: &Figure) -> bool {
    before(doc, i).is_some_and(|j| {
        blocks.has_cue(doc, j)
            && blocks
                .figures(doc, j)
                .iter()
                .any(|f| f.class == figure.class)
    })
}

/// Whether `figure` repeats a figure of the same class and number stated earlier in the
/// article, in a paragraph that names a source: the repeat is that source's figure.
fn repeats_sourced(doc: &Document, blocks: &mut Blocks, figure: &Figure) -> bool {
    let Some(number) = exempt::core(doc.slice(figure.span)) else {
        return false;
    };
    let until = doc
        .paragraph_at(figure.span.start)
        .map_or(figure.span.start, |i| doc.paragraphs[i].span.start);
    let key = (figure.class, number.to_string());
    let first = match blocks.sourced.get(&key) {
        Some(&first) => first,
        None => {
            let first = exempt::occurrences(doc.text, number, doc.text.len()).find(|&at| {
                doc.paragraph_at(at).is_some_and(|j| {
                    blocks.has_cue(doc, j)
                        && blocks.figures(doc, j).iter().any(|f| {
                            f.class == figure.class
                                && exempt::core(doc.slice(f.span)) == Some(number)
                        })
                })
            });
            blocks.sourced.insert(key, first);
            first
        }
    };
    first.is_some_and(|at| at < until)
}

#[cfg(test)]
mod tests;
