//! Check kinds: the Rust behind the rules. One kind per folder, `src/checks/<kind>/mod.rs`, with
//! one file per detector beside it when it has several; a rule file names its kind and gives it
//! parameters.
//!
//! A kind compiles all the enabled rules of that kind into one [`Check`] (so that, for example,
//! the phrases of every `phrase` rule share one automaton and a document is scanned once). A check
//! reads a [`Document`] (paragraphs, sentences, tokens, lines: whichever unit it looks at, cached
//! by the document) and pushes findings tagged with the rule they belong to. Checks never read
//! files or config and never print.
//!
//! A new kind, in full (it compiles: this is a doc test). Give it a folder, add its `KIND` to
//! [`KINDS`] and a row to README's kinds table (a test compares the two), then write its rules:
//!
//! ```
//! //! `shouting`: a word of four or more capitals inside a sentence (`the MAYOR said`).
//! //!
//! //! Why: ... Parameters: `report` (`word`). Example: flags `MAYOR` in `the MAYOR said`.
//! use copydesk::checks::{Check, KindEntry, ReportParams, Reports, RuleIdx, Settings, Sink};
//! use copydesk::diagnostic::Finding;
//! use copydesk::document::Document;
//! use copydesk::error::InputError;
//! use copydesk::rule::Rule;
//! use copydesk::span::Span;
//!
//! pub const KIND: KindEntry = KindEntry {
//!     name: "shouting",
//!     summary: "words in capitals inside a sentence",
//!     // The keys a rule of this kind may have besides the common ones, read from serde.
//!     fields: copydesk::checks::fields::<ReportParams<Report>>,
//!     // Whether a rule of this kind makes fixes (and so may declare `fix = "safe"`): none here.
//!     fixes: copydesk::checks::never,
//!     compile,
//! };
//!
//! /// What one pass finds; each rule of the kind reports one of these (`report = "word"`).
//! #[derive(serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
//! #[serde(rename_all = "kebab-case")]
//! pub enum Report {
//!     Word,
//! }
//!
//! struct ShoutingCheck {
//!     reports: Reports<Report>,
//! }
//!
//! /// Called once per run with every enabled rule of the kind; regexes and automata are built here.
//! fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
//!     Ok(Box::new(ShoutingCheck { reports: Reports::compile(rules)? }))
//! }
//!
//! impl Check for ShoutingCheck {
//!     fn check(&self, doc: &Document, sink: &mut Sink) {
//!         let mut found = Vec::new();
//!         if self.reports.wants(Report::Word) {
//!             for word in doc.text.split_whitespace() {
//!                 let start = word.as_ptr() as usize - doc.text.as_ptr() as usize;
//!                 if word.len() >= 4 && word.chars().all(|c| c.is_ascii_uppercase()) {
//!                     let span = Span::new(start, start + word.len());
//!                     found.push((Report::Word, Finding::new(span).var("match", word)));
//!                 }
//!             }
//!         }
//!         // Each finding goes to every rule that reports it, tagged with that rule.
//!         self.reports.emit(found, sink);
//!     }
//! }
//! ```

pub mod automaton;
pub mod deletion;
mod doubled;
mod figures;
mod fragments;
pub mod lines;
pub mod names;
mod pattern;
mod phrase;
mod quotes;
pub mod regexes;
mod repeated_line;

use crate::diagnostic::{Finding, Fix, Label, Location};
use crate::document::Document;
use crate::error::InputError;
use crate::rule::Rule;
use crate::span::Span;
use serde::Deserialize;

pub use regexes::compile_regex;

/// Index of a rule in the engine's rule list.
pub type RuleIdx = usize;

pub trait Check: Send + Sync {
    /// Reports the document's findings; a cross-file kind also adds what it keeps of the
    /// document for the corpus pass ([`Sink::mention`]) in the same pass over it.
    fn check(&self, doc: &Document, sink: &mut Sink);

    /// Cross-file kinds only: a fresh accumulator for the corpus pass, fed every file's summary.
    fn corpus(&self) -> Option<Box<dyn Corpus>> {
        None
    }
}

/// Something a document mentions, as a check summarises it: `text` occurs `count` times, first at `span`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub text: String,
    pub count: u32,
    pub span: Span,
}

/// A [`Mention`] located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMention {
    pub text: String,
    pub count: u32,
    pub at: Location,
}

/// The cross-file half of a kind: it sees each file's mentions once (in path order) and then
/// reports. It must keep only small per-file facts: the pass scales to 100,000 files.
pub trait Corpus: Send {
    fn add(&mut self, path: &str, mentions: &[FileMention]);
    fn finish(self: Box<Self>) -> Vec<CorpusFinding>;
}

/// A finding of the corpus pass: already in file coordinates; labels may point into other files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFinding {
    pub rule: RuleIdx,
    pub path: String,
    pub span: Location,
    pub vars: Vec<(std::borrow::Cow<'static, str>, String)>,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

/// Collects the findings of every check on one document.
#[derive(Default, Debug)]
pub struct Sink {
    pub findings: Vec<(RuleIdx, Finding)>,
    /// What cross-file kinds keep of the document (a few mentions, never the text); `None` when
    /// no corpus pass runs. The engine turns the spans into file locations.
    pub mentions: Option<Vec<Mention>>,
}

impl Sink {
    /// A sink that also collects mentions for the corpus pass.
    pub fn summarizing() -> Self {
        Sink {
            findings: Vec::new(),
            mentions: Some(Vec::new()),
        }
    }

    pub fn push(&mut self, rule: RuleIdx, finding: Finding) {
        self.findings.push((rule, finding));
    }

    /// Whether a corpus pass wants this document's mentions.
    pub fn wants_mentions(&self) -> bool {
        self.mentions.is_some()
    }

    pub fn mention(&mut self, mention: Mention) {
        if let Some(mentions) = &mut self.mentions {
            mentions.push(mention);
        }
    }
}

/// What a kind may read from the user's configuration.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The quotation-mark convention of the copy.
    pub locale: crate::locale::Locale,
    /// The house table of name spellings (`[names]` in copydesk.toml).
    pub names: crate::house::HouseTable,
}

pub struct KindEntry {
    pub name: &'static str,
    /// One line for `copydesk explain`.
    pub summary: &'static str,
    /// The parameter keys a rule of this kind may have, besides the common ones.
    pub fields: fn() -> &'static [&'static str],
    /// Whether a rule of this kind, with its parameters, can make fixes (and so may declare
    /// `fix`). Parameters that do not parse answer `false`: compiling reports them.
    pub fixes: fn(&Rule) -> bool,
    /// Compiles the rules of this kind, or says what is wrong with each bad one.
    pub compile: Compile,
}

/// Compiles the enabled rules of one kind into a check.
pub type Compile = fn(&[(RuleIdx, &Rule)], &Settings) -> Result<Box<dyn Check>, Vec<InputError>>;

pub static KINDS: &[KindEntry] = &[
    phrase::KIND,
    pattern::KIND,
    repeated_line::KIND,
    quotes::KIND,
    fragments::KIND,
    doubled::KIND,
    figures::KIND,
    names::KIND,
];

pub fn kind(name: &str) -> Option<&'static KindEntry> {
    KINDS.iter().find(|k| k.name == name)
}

/// Compiles each rule of a kind with `one`, collecting every rule's error rather than the first.
pub fn compile_each<T>(
    rules: &[(RuleIdx, &Rule)],
    mut one: impl FnMut(RuleIdx, &Rule) -> Result<T, InputError>,
) -> Result<Vec<T>, Vec<InputError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for &(idx, rule) in rules {
        match one(idx, rule) {
            Ok(t) => out.push(t),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The parameters of a kind that serves several rules, each rule reporting one kind of finding of
/// a single shared pass (`report = "unclosed"`).
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ReportParams<R> {
    pub report: R,
}

/// The rules of such a kind: which rule reports which of the pass's results. The pass computes
/// only what some rule [`wants`](Reports::wants), and [`emit`](Reports::emit) hands each result
/// to every rule that reports it.
pub struct Reports<R> {
    rules: Vec<(RuleIdx, R)>,
}

/// For [`KindEntry::fixes`] of a kind whose rules make no fixes.
pub fn never(_: &Rule) -> bool {
    false
}

/// For [`KindEntry::fixes`] of a [`ReportParams`] kind: whether the rule reports one of `fixed`.
pub fn reports_one_of<R: PartialEq + serde::de::DeserializeOwned>(
    rule: &Rule,
    fixed: &[R],
) -> bool {
    rule.params::<ReportParams<R>>()
        .is_ok_and(|p| fixed.contains(&p.report))
}

impl<R: Copy + PartialEq + serde::de::DeserializeOwned> Reports<R> {
    pub fn new(rules: Vec<(RuleIdx, R)>) -> Self {
        Reports { rules }
    }

    /// Reads the `report` of each rule, collecting every rule's error.
    pub fn compile(rules: &[(RuleIdx, &Rule)]) -> Result<Self, Vec<InputError>> {
        compile_each(rules, |idx, rule| {
            Ok((idx, rule.params::<ReportParams<R>>()?.report))
        })
        .map(Reports::new)
    }

    pub fn wants(&self, report: R) -> bool {
        self.rules.iter().any(|(_, r)| *r == report)
    }

    pub fn emit(&self, found: Vec<(R, Finding)>, sink: &mut Sink) {
        for (report, finding) in found {
            for &(rule, _) in self.rules.iter().filter(|(_, r)| *r == report) {
                sink.push(rule, finding.clone());
            }
        }
    }
}

/// The span of `key`'s value in `rule`'s file (its start when the key is absent), for errors
/// about a value that was read without its position.
pub fn value_span(rule: &Rule, key: &str) -> std::ops::Range<usize> {
    toml::de::DeTable::parse(&rule.source)
        .ok()
        .and_then(|table| {
            table
                .get_ref()
                .iter()
                .find(|(k, _)| k.get_ref() == key)
                .map(|(_, v)| v.span())
        })
        .unwrap_or(0..0)
}

/// The field names of a `Deserialize` struct, read from serde itself so that the list of keys a
/// rule may have cannot drift from the struct that reads them.
pub fn fields<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe(Option<&'static [&'static str]>);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl serde::de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> serde::Deserializer<'de> for &mut Probe {
        type Error = Stop;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = Some(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
            unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut probe = Probe(None);
    let _ = T::deserialize(&mut probe);
    probe.0.unwrap_or(&[])
}

/// Whether the text at `span` starts and ends on word boundaries.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let boundary = |outside: Option<char>, inside: Option<char>| {
        !(outside.is_some_and(char::is_alphanumeric) && inside.is_some_and(char::is_alphanumeric))
    };
    boundary(before, first) && boundary(after, last)
}

/// Punctuation that decorates a label on a web page (`Read More »`, `Share this:`, `- Advertisement -`).
fn is_decoration(c: char) -> bool {
    matches!(
        c,
        '»' | '›'
            | '«'
            | '‹'
            | ':'
            | '|'
            | '•'
            | '·'
            | '–'
            | '—'
            | '-'
            | '…'
            | '>'
            | '*'
            | '/'
    )
}

/// Whether `span` stands as a web page's label does: alone in its paragraph (on a line of its
/// own in copy with one paragraph a line), between two of its sentences, or ending it, give or
/// take decoration (`Read More »`). The paragraph, not the line, bounds it, so that hard-wrapped
/// copy, whose line breaks fall anywhere, reads the same as the unwrapped original.
pub fn stands_as_label(doc: &Document, span: Span) -> bool {
    let text = doc.text;
    let (from, to) = match doc.paragraph_at(span.start) {
        Some(i) => (
            doc.paragraphs[i].span.start.min(span.start),
            doc.paragraphs[i].span.end.max(span.end),
        ),
        None => {
            let line = span.lines_in(text);
            (line.start, line.end)
        }
    };
    label_starts(&text[from..span.start]) && label_ends(&text[span.end..to])
}

/// Whether a label may start after `before` (its paragraph up to it): first in the paragraph
/// (after white space or decoration), or after a sentence ends and white space (`… on Wednesday.
/// Read More`). A label glued to the stop (`decade.Read more:`) is the business of rules written
/// for glued text.
fn label_starts(before: &str) -> bool {
    let kept = before.trim_end_matches(|c: char| c.is_whitespace() || is_decoration(c));
    kept.is_empty()
        || (before[kept.len()..].starts_with(char::is_whitespace)
            && kept
                .trim_end_matches(['"', '”', '’', ')', ']'])
                .ends_with(['.', '!', '?']))
}

/// Whether a label may end before `after` (the rest of its paragraph): nothing but decoration and a
/// stop, or a new sentence after white space or decoration (`Read More The minister said`).
fn label_ends(after: &str) -> bool {
    let rest = after.trim_start_matches(|c: char| c.is_whitespace() || is_decoration(c));
    if rest.trim_start_matches(['.', '!', '?']).trim().is_empty() {
        return true;
    }
    // The next sentence starts with a capitalised word or a quotation; a word in capitals
    // (`SHARE PRICES FALL`) is a headline going on, and a figure a table row (`Share 6.0p`).
    let next_word = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let in_capitals = next_word.chars().count() > 1 && next_word.chars().all(char::is_uppercase);
    rest.len() < after.len()
        && !in_capitals
        && rest.starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '\'' | '('))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_stand_between_sentences_or_fill_their_paragraph() {
        let text = "It rained on Wednesday. Read More The minister said.\n\nRead More »\n\nRead more about it.";
        let doc = Document::plain(text);
        let at = |n: usize| {
            let i = text.match_indices("Read").nth(n).unwrap().0;
            Span::new(i, i + 9)
        };
        assert!(stands_as_label(&doc, at(0)));
        assert!(stands_as_label(&doc, at(1)));
        assert!(!stands_as_label(&doc, at(2)));
        assert!(!label_starts("a decade."));
        // Wrapped: a line that starts with `Facebook` inside a paragraph is not a label.
        let wrapped = "The company said it would appeal the ruling and keep its pages on\nFacebook and other sites for now, a spokesman said on Monday evening.\n";
        let doc = Document::plain(wrapped);
        let i = wrapped.find("Facebook").unwrap();
        assert!(!stands_as_label(&doc, Span::new(i, i + 8)));
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Params {
        phrases: Vec<String>,
        #[serde(rename = "case-sensitive")]
        case_sensitive: bool,
    }

    #[test]
    fn fields_come_from_serde() {
        assert_eq!(fields::<Params>(), ["phrases", "case-sensitive"]);
    }

    #[test]
    fn whole_words() {
        assert!(is_whole_word("a Read More.", 2, 11));
        assert!(!is_whole_word("Tweeted", 0, 5));
    }
}
