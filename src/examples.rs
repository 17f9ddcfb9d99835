//! Running a rule's own examples, through the path `copydesk check` takes for a file: the markup
//! reader, the engine, inline suppressions. What an example flags is the text at each reported
//! span of the example as a file, so an HTML example is judged on the bytes a user would see
//! underlined (`Read More`, not the extracted prose around it).
//!
//! One function for every user of examples: the rule-example test (tests/rules.rs), `copydesk
//! test`, the check of a rule folder's examples when it is loaded, and the documentation pages
//! (which show what each example reports, and whether the rule offers a fix).
//!
//! Each rule runs alone, so that one rule's examples never depend on another's. A meta-rule
//! (`copydesk/*`) judges suppressions of the other rules, so its examples run with every rule that
//! is on by default, and only its own findings count.

use crate::checks::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{Engine, FileSummary, Selection};
use crate::error::InputError;
use crate::markup::Format;
use crate::rule::{Example, Rule};
use crate::source::Source;
use crate::suppress::{self, RuleNames};

/// What one example gave.
#[derive(Debug)]
pub struct Outcome {
    /// The example's index in the rule's `[[example]]` list.
    pub index: usize,
    /// The example as a file, named after its format (`example.md`).
    pub source: Source,
    /// The rule's diagnostics on it, in output order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text at each diagnostic's primary span.
    pub flagged: Vec<String>,
}

impl Outcome {
    /// Whether the example flags exactly what it says, in order.
    pub fn passes(&self, example: &Example) -> bool {
        self.flagged == example.flags
    }
}

/// Runs every example of `rule`. `rules` are all the rules loaded alongside it (suppressions in an
/// example may name any of them; a meta-rule's examples run with them). An error is the rule's
/// own: it does not compile.
pub fn run(rule: &Rule, rules: &[Rule]) -> Result<Vec<Outcome>, Vec<InputError>> {
    let meta = suppress::is_meta(&rule.id);
    let (engine_rules, selection) = if meta {
        let checked = rules.iter().filter(|r| !suppress::is_meta(&r.id));
        (checked.cloned().collect(), Selection::default())
    } else {
        let selection = Selection {
            select: vec![rule.id.clone()],
            ..Selection::default()
        };
        (vec![rule.clone()], selection)
    };
    let engine = Engine::new(engine_rules, &selection, &settings())?;
    let known: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
    let active: Vec<String> = engine.rules.iter().map(|r| r.id.clone()).collect();
    let judged = |id: &str| (meta && rule.id == id).then_some(Severity::Warning);
    let names = RuleNames {
        known: &known,
        active: &active,
        deferred: &[],
        unused: judged(suppress::UNUSED),
        invalid: judged(suppress::INVALID),
    };
    Ok(rule
        .examples
        .iter()
        .enumerate()
        .map(|(index, example)| {
            let source = Source::new(file_name(example.format), example.text.clone());
            let diagnostics: Vec<Diagnostic> =
                check(&engine, &names, &source, example.format, false)
                    .0
                    .into_iter()
                    .filter(|d| *d.rule == *rule.id)
                    .collect();
            let flagged = diagnostics
                .iter()
                .map(|d| source.text[d.span.span().range()].to_string())
                .collect();
            Outcome {
                index,
                source,
                diagnostics,
                flagged,
            }
        })
        .collect())
}

/// One file's diagnostics as `copydesk check` finds them before baselines and fixes: the engine
/// over the file's prose, then the file's inline suppressions.
pub fn check(
    engine: &Engine,
    names: &RuleNames,
    source: &Source,
    format: Format,
    summarize: bool,
) -> (Vec<Diagnostic>, Option<FileSummary>) {
    let (found, summary) = engine.check_file(source, format, summarize);
    (suppress::apply(source, format, found, names), summary)
}

/// The settings examples run under: the defaults (locale `en`, no house names table), so that a
/// rule's examples mean the same in every newsroom's configuration.
fn settings() -> Settings {
    Settings {
        locale: crate::locale::Locale::En,
        ..Settings::default()
    }
}

fn file_name(format: Format) -> &'static str {
    match format {
        Format::Plain => "example.txt",
        Format::Markdown => "example.md",
        Format::Html => "example.html",
    }
}

/// What is wrong with each example of `rule` that does not flag what it says (from `outcomes`,
/// [`run`]'s), as errors pointing at the example's text in the rule file.
pub fn failures(rule: &Rule, outcomes: &[Outcome]) -> Vec<InputError> {
    rule.examples
        .iter()
        .zip(outcomes)
        .filter(|(example, outcome)| !outcome.passes(example))
        .map(|(example, outcome)| {
            let n = outcome.index + 1;
            let id = &rule.id;
            let expected = list(example.flags.iter().map(|f| format!("`{f}`")));
            let found = list(outcome.diagnostics.iter().zip(&outcome.flagged).map(|(d, text)| {
                format!("`{text}` ({}:{})", d.span.line, d.span.column)
            }));
            let message = match (example.flags.is_empty(), outcome.flagged.is_empty()) {
                (false, true) => format!("example {n} of `{id}` flags nothing; it should flag {expected}"),
                (true, _) => format!("example {n} of `{id}` should pass, but flags {found}"),
                (false, false) => {
                    format!("example {n} of `{id}` flags {found}; it should flag {expected}")
                }
            };
            let error = InputError::new(&rule.origin, format!("`{}`: {message}", rule.origin))
                .with_help("positions are line:column in the example's text; fix the rule or the example's `flags`");
            match example_span(&rule.source, outcome.index) {
                Some(span) => error.at(&rule.source, span, "this example"),
                None => error,
            }
        })
        .collect()
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// The span of the `text` of the `index`th `[[example]]` in a rule file.
fn example_span(source: &str, index: usize) -> Option<crate::span::Span> {
    let table = toml::de::DeTable::parse(source).ok()?;
    let (_, examples) = table
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "example")?;
    let text = examples.get_ref().get(index)?.get_ref().get("text")?;
    Some(text.span().into())
}
