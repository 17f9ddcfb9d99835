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
//! the rule reports) and `windows` (`sentence`, `paragraph`, `previous-paragraph`, `continuation`,
//! `lede`, `results-table`) with `continuation-paragraphs` and `lede-paragraphs`; the figure
//! vocabulary (`percent-words`, `currency-symbols`, `currency-words`, `scale-words`, `vague-words`,
//! `statistic-nouns`, `fraction-words`, `impact-words`, `impact-distance`, `min-count`,
//! `irregular-plurals`, `not-plural`); the exclusions (`months`, `time-words`, `locators`,
//! `street-suffixes`, `exempt-nouns`, `record-words`, and for sums and percentages `term-words`,
//! `plan-words`, `money-context`, `rate-words`); and the cue lexicon (`reporting-verbs`, whose first
//! two are searched first, `cue-phrases`, `data-nouns`, `show-verbs`, `count-nouns`, `per-units`,
//! `anaphora`, `topic-shifts`, and `hedges`, which are never attribution). Message placeholders:
//! `{figure}`, `{class}`, `{looked}`.
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
    fixes: super::never,
    compile,
};

#[derive(Deserialize, Debug)]
#[serde(rename_all = "kebab-case")]
struct Params {
    classes: Vec<Class>,
    windows: Vec<Window>,
    continuation_paragraphs: usize,
    brief_paragraphs: usize,
    lede_paragraphs: usize,
    record_words: Vec<String>,
    own_action_words: Vec<String>,
    money_context: Vec<String>,
    rate_words: Vec<String>,
    term_words: Vec<String>,
    plan_words: Vec<String>,
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
    topic_shifts: Vec<String>,
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
    /// A cue in the paragraph before, unless this one opens with a change of topic (`Meanwhile`):
    /// wire stories give the source once and go on with its figures.
    Continuation,
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
    continuation: usize,
    brief: usize,
    lede: usize,
    record: WordSet,
    own_actions: WordSet,
    money_context: WordSet,
    rate_words: WordSet,
    terms: WordSet,
    plan_words: WordSet,
    looked: String,
    lexis: Arc<Lexis>,
}

struct FiguresCheck {
    rules: Vec<FigureRule>,
}

// `InputError` is large; every kind returns it the same way (see `pattern`, `phrase`).
#[allow(clippy::result_large_err)]
fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
    let mut shared: Vec<(String, Arc<Lexis>)> = Vec::new();
    let rules = compile_each(rules, |idx, rule| {
        let mut p: Params = rule.params()?;
        if p.classes.is_empty() || p.windows.is_empty() {
            return Err(InputError::new(
                &rule.origin,
                format!(
                    "`{}`: a figures rule needs at least one class and one window",
                    rule.origin
                ),
            ));
        }
        let classes = std::mem::take(&mut p.classes);
        let windows = std::mem::take(&mut p.windows);
        let continuation_paragraphs = std::mem::take(&mut p.continuation_paragraphs);
        let lede = std::mem::take(&mut p.lede_paragraphs);
        let brief = std::mem::take(&mut p.brief_paragraphs);
        let record = WordSet::new(&std::mem::take(&mut p.record_words));
        let own_actions = WordSet::new(&std::mem::take(&mut p.own_action_words));
        let money_context = WordSet::new(&std::mem::take(&mut p.money_context));
        let rate_words = WordSet::new(&std::mem::take(&mut p.rate_words));
        let terms = WordSet::new(&std::mem::take(&mut p.term_words));
        let plan_words = WordSet::new(&std::mem::take(&mut p.plan_words));
        // Rules with the same word lists share one compiled vocabulary and one scan per document.
        let key = format!("{p:?}");
        let lexis = match shared.iter().find(|(k, _)| *k == key) {
            Some((_, l)) => l.clone(),
            None => {
                let l = Arc::new(lexis(&p).map_err(|(key, why)| {
                    rule.error_at(
                        super::value_span(rule, key),
                        &format!("the word lists are too large: {why}"),
                        "too many words",
                    )
                })?);
                shared.push((key, l.clone()));
                l
            }
        };
        let continuation = continuation_paragraphs;
        Ok(FigureRule {
            rule: idx,
            looked: looked(&windows),
            classes,
            windows,
            continuation,
            brief,
            lede,
            record,
            own_actions,
            money_context,
            rate_words,
            terms,
            plan_words,
            lexis,
        })
    })?;
    Ok(Box::new(FiguresCheck { rules }))
}

/// The compiled vocabulary of a rule; on error, the key of the list that made it fail and why.
fn lexis(p: &Params) -> Result<Lexis, (&'static str, String)> {
    let by_length = |v: &[String]| {
        let mut v: Vec<String> = v
            .iter()
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        v
    };
    let vocab = Vocab {
        candidates: classify::candidate_regex(&p.vague_words, &p.fraction_words)
            .map_err(|e| ("vague-words", e.to_string()))?,
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
        statistic_nouns: WordSet::new(&p.statistic_nouns),
        fraction_words: WordSet::new(&p.fraction_words),
        locators: WordSet::new(&p.locators),
        street_suffixes: WordSet::new(&p.street_suffixes),
        topic_shifts: by_length(&p.topic_shifts),
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
    })
    .map_err(|e| ("cue-phrases", e.to_string()))?;
    Ok(Lexis { vocab, lexicon })
}

/// Where the check looked, for the message.
fn looked(windows: &[Window]) -> String {
    let mut out = String::from(if windows.contains(&Window::Paragraph) {
        "in its sentence or paragraph"
    } else {
        "in its sentence"
    });
    if windows.contains(&Window::PreviousParagraph) || windows.contains(&Window::Continuation) {
        out.push_str(" or the paragraphs before it");
    }
    out
}

/// Per document and shared vocabulary: the figures and cue scans of each block, computed once.
struct Blocks<'d> {
    figures: Vec<Option<Vec<Figure>>>,
    scans: Vec<Option<Scan>>,
    /// Whether each block opens with a change of topic and whether it introduces a list: the
    /// walk back over a run of figures asks each block again for every block after it.
    shapes: Vec<Option<(bool, bool)>>,
    lexis: &'d Lexis,
}

impl Blocks<'_> {
    fn figures(&mut self, doc: &Document, i: usize) -> &[Figure] {
        let vocab = &self.lexis.vocab;
        self.figures[i].get_or_insert_with(|| {
            let mut out = Vec::new();
            vocab.find(doc.text, doc.paragraphs[i].span, &mut out);
            out
        })
    }

    /// Whether block `i` opens with a change of topic (`Meanwhile,`).
    fn opens_topic(&mut self, doc: &Document, i: usize) -> bool {
        self.shape(doc, i).0
    }

    /// Whether block `i` introduces a list (it ends with a colon or a dash).
    fn is_intro(&mut self, doc: &Document, i: usize) -> bool {
        self.shape(doc, i).1
    }

    fn shape(&mut self, doc: &Document, i: usize) -> (bool, bool) {
        let vocab = &self.lexis.vocab;
        *self.shapes[i].get_or_insert_with(|| {
            let span = doc.paragraphs[i].span;
            (
                vocab.opens_with_topic_shift(doc.text, span),
                is_list_intro(doc.slice(span)),
            )
        })
    }

    /// The cues of block `i`; enough to tell whether it has one.
    fn scan(&mut self, doc: &Document, i: usize) -> &Scan {
        let lexicon = &self.lexis.lexicon;
        self.scans[i].get_or_insert_with(|| lexicon.scan_quick(doc.text, doc.paragraphs[i].span))
    }

    /// Every cue, hedge and data noun of block `i`.
    fn full_scan(&mut self, doc: &Document, i: usize) -> &Scan {
        if self.scans[i].as_ref().is_some_and(|s| s.partial) {
            self.scans[i] = None;
        }
        let lexicon = &self.lexis.lexicon;
        self.scans[i].get_or_insert_with(|| lexicon.scan(doc.text, doc.paragraphs[i].span))
    }
}

impl Check for FiguresCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        // Headings are not checked, but a heading-like line that reads as a sentence (a wire lede
        // that lost its full stop) can name the source of the figures after it.
        let body: Vec<usize> = (0..doc.paragraphs.len())
            .filter(|&i| {
                doc.paragraphs[i].kind != BlockKind::Heading
                    || reads_as_sentence(doc.slice(doc.paragraphs[i].span))
            })
            .collect();
        if body.is_empty() {
            return;
        }
        // Whether the document is a results brief, worked out only when a figure needs it.
        let mut table: Option<bool> = None;
        let mut cache: Vec<(*const Lexis, Blocks)> = Vec::new();
        for rule in &self.rules {
            let key = Arc::as_ptr(&rule.lexis);
            let at = match cache.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    let n = doc.paragraphs.len();
                    cache.push((
                        key,
                        Blocks {
                            figures: vec![None; n],
                            scans: vec![None; n],
                            shapes: vec![None; n],
                            lexis: &rule.lexis,
                        },
                    ));
                    cache.len() - 1
                }
            };
            let blocks = &mut cache[at].1;
            for (n, &i) in body.iter().enumerate() {
                if doc.paragraphs[i].kind == BlockKind::Heading {
                    continue; // a source for what follows, never checked itself
                }
                // The cue scan first: most paragraphs with figures name their source, and then
                // the figures need not be read at all.
                if sourced_nearby(rule, doc, blocks, &body, n) {
                    continue;
                }
                let figures = blocks.figures(doc, i);
                let mine: Vec<Figure> = figures
                    .iter()
                    .filter(|f| rule.classes.contains(&f.class))
                    .copied()
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                if rule.windows.contains(&Window::ResultsTable)
                    && *table.get_or_insert_with(|| has_results_table(doc))
                {
                    break;
                }
                report(rule, doc, blocks.full_scan(doc, i), i, &mine, sink);
            }
        }
    }
}

/// How far back a run of paragraphs holding figures may carry a source: far beyond any table in
/// an article, and a bound on the work for a file made of one endless table.
const MAX_RUN: usize = 500;

/// Whether the paragraph `body[n]` is sourced as a whole by the paragraph, previous-paragraph or
/// lede window.
fn sourced_nearby(
    rule: &FigureRule,
    doc: &Document,
    blocks: &mut Blocks,
    body: &[usize],
    n: usize,
) -> bool {
    let i = body[n];
    if rule.windows.contains(&Window::Paragraph) && !blocks.scan(doc, i).cues.is_empty() {
        return true;
    }
    if rule.windows.contains(&Window::PreviousParagraph)
        && n > 0
        && !blocks.full_scan(doc, i).anaphors.is_empty()
        && !blocks.scan(doc, body[n - 1]).cues.is_empty()
    {
        return true;
    }
    if rule.windows.contains(&Window::Continuation) {
        // Back through the paragraphs before, stopping at a change of topic: a cue within
        // `continuation-paragraphs` sources this one, and so does a cue further back when every
        // paragraph in between holds figures too (a run of data that one source introduced) or it
        // introduces a list (`The following offerings were filed ...:`).
        let mut run = true;
        // A brief (a short story) is one report: a source named anywhere before covers the rest.
        let brief = body.len() <= rule.brief;
        for back in 1..=n {
            if blocks.opens_topic(doc, body[n - back + 1]) {
                break;
            }
            let before = body[n - back];
            let intro = blocks.is_intro(doc, before);
            if (back <= rule.continuation || run || intro || brief)
                && !blocks.scan(doc, before).cues.is_empty()
            {
                return true;
            }
            run = run && !blocks.figures(doc, before).is_empty();
            // Past the window only an unbroken run of figures reaches further back: stop at its
            // end, so that a long document costs paragraphs × window, not paragraphs squared.
            if back >= rule.continuation && !brief && (!run || back >= MAX_RUN) {
                break;
            }
        }
    }
    if rule.windows.contains(&Window::Lede) && n == 0 {
        // Reuters: an unsourced first paragraph is fine "as long as the sourcing is clearly given
        // high in the story": a cue in the next `lede-paragraphs` paragraphs.
        // A heading-like line only sources what follows it.
        return body
            .iter()
            .skip(1)
            .take(rule.lede)
            .filter(|&&j| doc.paragraphs[j].kind != BlockKind::Heading)
            .any(|&j| !blocks.scan(doc, j).cues.is_empty());
    }
    false
}

/// One finding per sentence of paragraph `i` that holds unsourced figures: the primary label on
/// the figure of the highest class, the others in a note, a secondary label on each hedge.
fn report(
    rule: &FigureRule,
    doc: &Document,
    scan: &Scan,
    i: usize,
    figures: &[Figure],
    sink: &mut Sink,
) {
    // Figures, cues and hedges are in text order: each sentence takes its own by bisection, and
    // what every figure asks of its sentence is read once, so a paragraph of a million sentences
    // or a sentence of a million figures stays linear.
    let within = |spans: &[Span], s: Span| -> std::ops::Range<usize> {
        spans.partition_point(|x| x.start < s.start)..spans.partition_point(|x| x.start < s.end)
    };
    let starts: Vec<Span> = figures.iter().map(|f| f.span).collect();
    for sentence in doc.sentences_of(i).iter().map(|s| s.span) {
        let figures = &figures[within(&starts, sentence)];
        if figures.is_empty() {
            continue;
        }
        let context = Context::new(rule, doc.text, sentence);
        // A sentence that states a rate or term states a schedule: its other percentages are
        // part of it (`an interest rate of seven pct for a year, rising to 7.50 pct`).
        let schedule = figures
            .iter()
            .any(|f| f.class == Class::Percent && near_term(rule, doc.text, f.span, sentence));
        let here: Vec<&Figure> = figures
            .iter()
            .filter(|f| {
                !(schedule && f.class == Class::Percent)
                    && is_claim(rule, doc.text, f, sentence, &context)
            })
            .collect();
        let Some(best) = here.iter().min_by_key(|f| (f.class, f.span.start)) else {
            continue;
        };
        if rule.windows.contains(&Window::Sentence) && !within(&scan.cues, sentence).is_empty() {
            continue;
        }
        if rule.windows.contains(&Window::ResultsTable) && is_table_row(doc.slice(sentence)) {
            continue;
        }
        if words::any_word_in(doc.text, sentence.start, sentence.end, &rule.record) {
            continue; // a market price or a court's or parliament's figure: on the record
        }
        if best.class != Class::Casualty
            && best.class != Class::Vague
            && words::any_word_in(doc.text, sentence.start, sentence.end, &rule.own_actions)
        {
            // `the subsidiary employs 880 people`, `the government has agreed that prices will
            // rise 9.6 pct`: the actor states its own payroll, plan or holding, and is the source.
            continue;
        }
        let text = doc.slice(best.span);
        let mut finding = Finding::new(best.span)
            .var("figure", text)
            .var("class", best.class.describe())
            .var("looked", rule.looked.clone());
        let others: Vec<String> = here
            .iter()
            .filter(|f| f.span != best.span)
            .map(|f| format!("`{}`", doc.slice(f.span)))
            .collect();
        if !others.is_empty() {
            finding = finding.note(format!(
                "also without a source in this sentence: {}",
                others.join(", ")
            ));
        }
        let hedges = &scan.hedges[within(&scan.hedges, sentence)];
        for h in hedges {
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

/// Whether a percentage or a sum of money reads as a claim rather than a term: a percentage or
/// sum next to one of `term-words` is a rate, target or condition (`a capital ratio of four pct`,
/// `a 9-1/2 pct coupon`); a sum must also be a rate (`£1,850 a month`) or sit in a sentence about
/// cost, spending or losses, or it is the terms of a deal.
fn is_claim(
    rule: &FigureRule,
    text: &str,
    figure: &Figure,
    sentence: Span,
    context: &Context,
) -> bool {
    if matches!(figure.class, Class::Fraction | Class::Vague) {
        // `a regulation ... if states with two-thirds of the population adopt ...`, `a bill to aid
        // thousands of homeless people`: the scope of the plan named before it, not a statistic.
        // After the figure the plan is what is measured (`half of voters oppose the plan`).
        return !context.plan_before(figure.span.start);
    }
    if !matches!(figure.class, Class::Percent | Class::Money) {
        return true;
    }
    if near_term(rule, text, figure.span, sentence) {
        return false;
    }
    if context.plan.is_some() {
        return false;
    }
    figure.class == Class::Percent || is_money_claim(rule, text, figure.span, sentence, context)
}

/// What the figures of one sentence ask of it, read once: its first word of `plan-words`, and
/// whether it has a word of `money-context` (read when a sum of money asks).
struct Context<'a> {
    rule: &'a FigureRule,
    text: &'a str,
    sentence: Span,
    plan: Option<(usize, usize)>,
    money: std::cell::OnceCell<bool>,
}

impl<'a> Context<'a> {
    fn new(rule: &'a FigureRule, text: &'a str, sentence: Span) -> Self {
        Context {
            rule,
            text,
            sentence,
            plan: words::words_in(text, sentence.start, sentence.end, &rule.plan_words).next(),
            money: std::cell::OnceCell::new(),
        }
    }

    /// Whether a plan word ends before `at`.
    fn plan_before(&self, at: usize) -> bool {
        self.plan.is_some_and(|(_, end)| end <= at)
    }

    fn money_context(&self) -> bool {
        *self.money.get_or_init(|| {
            let (text, s) = (self.text, self.sentence);
            words::any_word_in(text, s.start, s.end, &self.rule.money_context)
        })
    }
}

/// Whether a term word stands within three words before or two after `span` (`a capital ratio of
/// four pct`, `a 9-1/2 pct coupon`).
fn near_term(rule: &FigureRule, text: &str, span: Span, sentence: Span) -> bool {
    let mut at = span.start;
    for _ in 0..3 {
        let Some((a, b)) = words::prev_word(text, at, sentence.start) else {
            break;
        };
        if rule.terms.contains(&text[a..b]) {
            return true;
        }
        at = a;
    }
    let mut at = span.end;
    for _ in 0..2 {
        let Some((a, b)) = words::next_word(text, at, sentence.end) else {
            break;
        };
        if rule.terms.contains(&text[a..b]) {
            return true;
        }
        at = b;
    }
    false
}

fn is_money_claim(
    rule: &FigureRule,
    text: &str,
    figure: Span,
    sentence: Span,
    context: &Context,
) -> bool {
    if let Some((a, b)) = words::next_word(text, figure.end, sentence.end)
        && ["a", "an", "per", "each", "every"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(&text[a..b]))
        && let Some((c, d)) = words::next_word(text, b, sentence.end)
        && rule.rate_words.contains(&text[c..d])
    {
        return true;
    }
    context.money_context()
}

/// Whether a line the markup layer took for a heading (no closing punctuation) reads as a
/// sentence: eight or more words, at least a third of them lower case. A headline is short or
/// written in capitals or title case; `LONDON, March 12 - The Bank of England said it ... from
/// 1.55 billion` is a lede whose full stop was lost.
fn reads_as_sentence(text: &str) -> bool {
    let mut words = 0;
    let mut lower = 0;
    for w in text.split_whitespace() {
        words += 1;
        if w.starts_with(|c: char| c.is_lowercase()) {
            lower += 1;
        }
    }
    words >= 8 && lower * 3 >= words
}

/// A paragraph that introduces a list or table: it ends with a colon or a dash
/// (`... were filed with the Securities and Exchange Commission:`, `as follows --`).
fn is_list_intro(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(':') || t.ends_with(" -") || t.ends_with("--") || t.ends_with('—')
}

/// A results brief: at least two rows of the form `Shr 34 cts vs 12 cts` or
/// `Net profit 890 mln francs vs 1.12 billion.`
fn has_results_table(doc: &Document) -> bool {
    let rows = doc
        .paragraphs
        .iter()
        .filter(|b| is_table_row(doc.slice(b.span)));
    rows.take(2).count() == 2
}

/// A line comparing two figures with `vs`: a row of a table of results or data.
fn is_table_row(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b" vs").is_some_and(|at| {
        text[at + 3..].starts_with([' ', '.'])
            && text[..at].bytes().any(|c| c.is_ascii_digit())
            && text[at..].bytes().any(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests;
