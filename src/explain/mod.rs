//! `copydesk rules`, `copydesk explain` and the rule pages under `docs/rules/`, all generated from
//! the rule files (and the meta-rules' data in `src/suppress/rules/`), so that the documentation
//! cannot drift from the behaviour.
//!
//! What a rule's examples report is part of its documentation: each example is run through the
//! path `copydesk check` takes ([`crate::examples`]), so a page shows the diagnostics a user would
//! see, and whether the rule offers a fix is read off them rather than declared twice.

mod page;

pub use crate::rule::summary;
pub use page::{index, page, pages};

use crate::diagnostic::Applicability;
use crate::error::InputError;
use crate::examples::{self, Outcome};
use crate::rule::Rule;
use crate::suggest;
use crate::suppress;
use std::fmt::Write;

/// Whether a rule's findings carry a fix, and how `copydesk check --fix` treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixable {
    No,
    /// Applied by `--fix`.
    Safe,
    /// Applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Fixable {
    pub fn as_str(self) -> &'static str {
        match self {
            Fixable::No => "no",
            Fixable::Safe => "safe",
            Fixable::Unsafe => "unsafe",
        }
    }
}

/// A rule with what its examples report.
pub struct Documented<'a> {
    pub rule: &'a Rule,
    pub outcomes: Vec<Outcome>,
}

impl Documented<'_> {
    /// Read off the examples: a rule whose examples show no fix offers none; one whose examples
    /// show a safe fix offers safe fixes (a check may still judge one finding's fix unsafe).
    pub fn fixable(&self) -> Fixable {
        let fixes = self
            .outcomes
            .iter()
            .flat_map(|o| &o.diagnostics)
            .filter_map(|d| d.fix.as_ref());
        fixes.fold(Fixable::No, |so_far, f| match (so_far, f.applicability) {
            (_, Applicability::Safe) | (Fixable::Safe, _) => Fixable::Safe,
            (_, Applicability::Unsafe) => Fixable::Unsafe,
        })
    }
}

/// The rules loaded and the meta-rules, sorted by id: every rule a user can name.
pub fn with_meta(rules: &[Rule]) -> Vec<Rule> {
    let meta = suppress::meta_rules().iter();
    let mut all: Vec<Rule> = rules.iter().chain(meta).cloned().collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

/// Each rule of `all` with its examples run (see [`with_meta`]). A rule that does not compile is
/// left out and reported.
pub fn document(all: &[Rule]) -> (Vec<Documented<'_>>, Vec<InputError>) {
    let mut errors = Vec::new();
    let mut documented = Vec::new();
    for rule in all {
        match examples::run(rule, all) {
            Ok(outcomes) => documented.push(Documented { rule, outcomes }),
            Err(e) => errors.extend(e),
        }
    }
    (documented, errors)
}

/// `copydesk rules`: a header, then one line per rule (the meta-rules included, sorted by id):
/// id, severity, on or off by default, whether it fixes, and the first sentence of its `why`.
pub fn rules_table(rules: &[Rule]) -> (String, Vec<InputError>) {
    let all = with_meta(rules);
    let (documented, errors) = document(&all);
    let width = documented
        .iter()
        .map(|d| d.rule.id.chars().count())
        .max()
        .unwrap_or(0)
        .max("RULE".len());
    let mut out = String::new();
    let mut row = |id: &str, severity: &str, default: &str, fix: &str, summary: &str| {
        let line = format!("{id:width$}  {severity:8}  {default:7}  {fix:6}  {summary}");
        writeln!(out, "{}", line.trim_end()).unwrap();
    };
    row("RULE", "SEVERITY", "DEFAULT", "FIX", "SUMMARY");
    for d in &documented {
        row(
            &d.rule.id,
            d.rule.severity.as_str(),
            if d.rule.enabled { "on" } else { "off" },
            d.fixable().as_str(),
            &summary(&d.rule.why, SUMMARY_WIDTH),
        );
    }
    (out, errors)
}

/// The widest summary in `copydesk rules`, in characters: a row stays under about 150 columns.
const SUMMARY_WIDTH: usize = 90;

/// `copydesk explain NAME`: the documentation of the rule `NAME`, or of every rule of the family
/// `NAME`, in the words of its page, with where it is documented and, for a house rule, defined.
/// An unknown name is an error with the nearest known one.
pub fn explain(name: &str, rules: &[Rule]) -> Result<String, String> {
    let all = with_meta(rules);
    let chosen: Vec<&Rule> = match all.iter().find(|r| r.id == name) {
        Some(rule) => vec![rule],
        None => all.iter().filter(|r| r.family() == name).collect(),
    };
    if chosen.is_empty() {
        let help = suggest::rule_help(name, all.iter().map(|r| r.id.as_str()));
        return Err(format!("error: unknown rule or family `{name}`; {help}\n"));
    }
    let mut out = String::new();
    for (i, rule) in chosen.iter().enumerate() {
        let outcomes = examples::run(rule, &all).map_err(|e| {
            e.iter()
                .map(|e| crate::render::human::render_error(e, false))
                .collect::<String>()
        })?;
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&page(
            &Documented { rule, outcomes },
            page::Target::Terminal,
        ));
    }
    Ok(out)
}
