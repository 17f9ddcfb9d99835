//! `pattern`: a regular expression, with exceptions, for faults that are not fixed strings:
//! rating widgets (`veryGood! (7)`), `Featured image via ...`, markup left in text.
//!
//! Why: the next rung after `phrase` on the ladder of effort. The regexes of all `pattern` rules
//! form one `RegexSet`, so a document that matches none of them (most edited copy) is scanned once.
//!
//! Parameters: `pattern` (Rust `regex` syntax; add `(?i)` or `(?m)` as needed), `exceptions`
//! (regexes: a match that one of them matches in full is dropped), `max-line-words` (the line
//! holding the match has at most this many words), `scope` (`text`, the default, or `label`: the
//! match must stand as a web page's label does, filling its line, between two sentences or at the
//! end of a paragraph, as for `phrase`), `replacement` (a fix, with `$1`/`$name` expanded; one
//! that expands to nothing deletes the match cleanly, see [`super::deletion`]). A group named
//! `flag` narrows the reported span to that group, so context can be matched without being
//! flagged. Message placeholders: `{match}`, and `{1}`, `{2}`, … and `{name}` for capture groups.
//!
//! Example: `pattern = '(?i)\b(?:very\s?good|excellent)!\s*\(\d+\)'` flags `veryGood! (7)`.

use super::deletion::with_deletion_within;
use super::lines::LineCursor;
use super::{
    Check, KindEntry, RuleIdx, Settings, Sink, compile_each, compile_regex, regexes,
    stands_as_label,
};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::rule::Rule;
use crate::span::Span;
use regex::{Regex, RegexSet};
use serde::Deserialize;

pub const KIND: KindEntry = KindEntry {
    name: "pattern",
    summary: "a regular expression with exceptions; all patterns share one RegexSet pass",
    fields: super::fields::<Params>,
    fixes,
    compile,
};

fn fixes(rule: &Rule) -> bool {
    rule.params::<Params>()
        .is_ok_and(|p| p.replacement.is_some())
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Params {
    pattern: toml::Spanned<String>,
    #[serde(default)]
    exceptions: Vec<toml::Spanned<String>>,
    #[serde(default)]
    max_line_words: Option<usize>,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    replacement: Option<String>,
}

#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Scope {
    #[default]
    Text,
    Label,
}

struct Compiled {
    rule: RuleIdx,
    regex: Regex,
    exceptions: Vec<Regex>,
    max_line_words: Option<usize>,
    label: bool,
    replacement: Option<String>,
}

struct PatternCheck {
    set: RegexSet,
    patterns: Vec<Compiled>,
}

fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
    let patterns = compile_each(rules, |idx, rule| {
        let p: Params = rule.params()?;
        let regex = compile_regex(rule, &p.pattern)?;
        let exceptions = p
            .exceptions
            .iter()
            .map(|e| regexes::compile_whole(rule, e))
            .collect::<Result<_, _>>()?;
        Ok((
            p.pattern,
            Compiled {
                rule: idx,
                regex,
                exceptions,
                max_line_words: p.max_line_words,
                label: p.scope == Scope::Label,
                replacement: p.replacement,
            },
        ))
    })?;
    let rule = |idx: RuleIdx| rules.iter().find(|(i, _)| *i == idx).map(|(_, r)| *r);
    let set = regexes::compile_set(
        patterns
            .iter()
            .filter_map(|(p, c)| Some((rule(c.rule)?, p, &c.regex))),
    )?;
    let patterns = patterns.into_iter().map(|(_, c)| c).collect();
    Ok(Box::new(PatternCheck { set, patterns }))
}

impl Check for PatternCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let text = doc.text;
        for i in self.set.matches(text).iter() {
            let c = &self.patterns[i];
            // The matches of one pattern come in text order: their lines are found in one reading.
            let mut lines = LineCursor::new(text);
            for caps in c.regex.captures_iter(text) {
                let whole = caps.get(0).expect("group 0 always matches");
                if whole.is_empty() || c.exceptions.iter().any(|e| e.is_match(whole.as_str())) {
                    continue;
                }
                if c.label && !stands_as_label(doc, Span::new(whole.start(), whole.end())) {
                    continue;
                }
                let flagged = caps.name("flag").unwrap_or(whole);
                let span = Span::new(flagged.start(), flagged.end());
                if c.max_line_words.is_some_and(|max| lines.words(span) > max) {
                    continue;
                }
                let mut finding = Finding::new(span).var("match", flagged.as_str());
                for (n, name) in c.regex.capture_names().enumerate().skip(1) {
                    let value = caps.get(n).map_or("", |m| m.as_str());
                    finding = finding.var(n.to_string(), value);
                    if let Some(name) = name {
                        finding = finding.var(name.to_string(), value);
                    }
                }
                if let Some(r) = &c.replacement {
                    let mut out = String::new();
                    caps.expand(r, &mut out);
                    finding = if out.is_empty() {
                        with_deletion_within(finding, text, span, lines.around(span))
                    } else {
                        finding.fix(span, out)
                    };
                }
                sink.push(c.rule, finding);
            }
        }
    }
}
