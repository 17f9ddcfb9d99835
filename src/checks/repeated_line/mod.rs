//! `repeated-line`: a short line (a paragraph, a heading, a list item) that appears again in the
//! same article, such as a photo credit copied twice or an advert repeated in a link list.
//!
//! Why: an edited article does not repeat a line word for word; scraped pages do, because widgets
//! (credits, adverts, teasers) are rendered more than once. A repeat counts only where the
//! rendering shows: right after the first copy (the previous non-blank line), or when both copies
//! are items of a bulleted list. Repeats further apart are left alone, because tables in wire copy
//! repeat their row labels (`Avg shrs 5.2 mln vs 5.1 mln` in the quarter and the year columns):
//! on the Reuters-21578 archive that restriction took this rule from 106 findings to a handful.
//!
//! A line that reads as a credit (`anywhere`, a regex such as one for `Photo:`, `/` or `Courtesy
//! of`) and does not end as a sentence is reported wherever its copy is: a credit rendered over a
//! picture and again in the gallery below lands anywhere in scraped text, while wire tables hold
//! no such lines.
//!
//! Parameters: `min-chars` (default 10), `max-chars` (default 200), `min-words` (default 2),
//! `anywhere` (a regex; lines it matches are compared across the whole article).
//! Lines are compared after trimming, dropping a leading bullet and collapsing white space; a line
//! must contain a letter. Message placeholder: `{match}` (the repeated line). The fix deletes the
//! repeat with its line break ([`super::deletion`]); its safety is the rule's `fix`.
//!
//! Example: `Photo: Shutterstock.com` on two lines is flagged on the second, with a label on the first.

use super::deletion::with_deletion;
use super::{Check, KindEntry, RuleIdx, Settings, Sink, compile_each, compile_regex, regexes};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::rule::Rule;
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

pub const KIND: KindEntry = KindEntry {
    name: "repeated-line",
    summary: "a short line repeated word for word within an article",
    fields: super::fields::<Params>,
    fixes: |_| true,
    compile,
};

#[derive(Deserialize, Clone)]
#[serde(rename_all = "kebab-case")]
struct Params {
    #[serde(default = "min_chars")]
    min_chars: usize,
    #[serde(default = "max_chars")]
    max_chars: usize,
    #[serde(default = "min_words")]
    min_words: usize,
    #[serde(default)]
    anywhere: Option<toml::Spanned<String>>,
}

fn min_chars() -> usize {
    10
}
fn max_chars() -> usize {
    200
}
fn min_words() -> usize {
    2
}

struct RepeatedLine {
    rules: Vec<(RuleIdx, Params, Anywhere)>,
}

/// A rule's `anywhere` regex. A rule folder's is compiled at once, so that its errors come before
/// any file is read; a built-in rule's (whose regex the tests compile) only when a line first
/// repeats away from its first copy: most articles repeat no line, and compiling the built-in
/// regex was a quarter of the instructions of a run on one article.
struct Anywhere {
    pattern: Option<String>,
    regex: OnceLock<Option<Regex>>,
}

impl Anywhere {
    fn regex(&self) -> Option<&Regex> {
        let pattern = self.pattern.as_deref()?;
        self.regex
            .get_or_init(|| regexes::compile_trusted(pattern, false))
            .as_ref()
    }
}

fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
    let rules = compile_each(rules, |idx, rule| {
        let p = rule.params::<Params>()?;
        let regex = OnceLock::new();
        if let Some(re) = p.anywhere.as_ref().filter(|_| !rule.trusted()) {
            let _ = regex.set(Some(compile_regex(rule, re)?));
        }
        let anywhere = Anywhere {
            pattern: p.anywhere.as_ref().map(|re| re.get_ref().clone()),
            regex,
        };
        Ok((idx, p, anywhere))
    })?;
    Ok(Box::new(RepeatedLine { rules }))
}

impl Check for RepeatedLine {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        for (rule, p, anywhere) in &self.rules {
            // First copy of each line: its span and whether it is a list item.
            let mut seen: HashMap<Cow<str>, (Span, bool)> = HashMap::new();
            let mut previous: Option<Cow<str>> = None;
            // Paragraphs, not lines: a caption wrapped over several lines is one repeat, and the
            // same whether the copy is wrapped or not.
            for line in doc.paragraphs.iter().map(|b| b.span) {
                let Some((span, key, bulleted)) = normalize(doc.text, line, p) else {
                    previous = None;
                    continue;
                };
                match seen.get(&key) {
                    Some(&(first, first_bulleted))
                        if previous.as_ref() == Some(&key)
                            || (bulleted && first_bulleted)
                            || (!ends_sentence(&key)
                                && anywhere.regex().is_some_and(|re| re.is_match(&key))) =>
                    {
                        let finding = Finding::new(span)
                            .var("match", doc.slice(span))
                            .label(first, "first here");
                        sink.push(*rule, with_deletion(finding, doc.text, span))
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(key.clone(), (span, bulleted));
                    }
                }
                previous = Some(key);
            }
        }
    }
}

/// Whether a line ends as a sentence does: such a line is prose, never a credit, however it reads.
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '’', ')'])
        .ends_with(['.', '!', '?'])
}

/// The line's content without a leading bullet, its comparison key and whether it had a bullet,
/// when the line is one this rule compares.
fn normalize<'a>(text: &'a str, line: Span, p: &Params) -> Option<(Span, Cow<'a, str>, bool)> {
    let s = &text[line.range()];
    let body = s
        .trim_start()
        .trim_start_matches(['-', '*', '•', '·'])
        .trim();
    // Collapsing white space only shortens a line, and a character is at least a byte: lines
    // outside these bounds cannot qualify, so most lines are skipped before any allocation.
    if body.len() < p.min_chars
        || body.len() > 4 * p.max_chars
        || !body.chars().any(char::is_alphabetic)
    {
        return None;
    }
    // Most lines are spaced singly already and serve as their own key.
    let single_spaced =
        !body.contains("  ") && !body.contains(|c: char| c.is_whitespace() && c != ' ');
    if single_spaced && body.is_ascii() && body.len() > p.max_chars {
        return None;
    }
    let key = if single_spaced {
        Cow::Borrowed(body)
    } else {
        Cow::Owned(body.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let chars = key.chars().count();
    if chars < p.min_chars || chars > p.max_chars || key.split(' ').count() < p.min_words {
        return None;
    }
    let start = line.start + (body.as_ptr() as usize - s.as_ptr() as usize);
    Some((
        Span::new(start, start + body.len()),
        key,
        crate::markup::is_list_item(s),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built-in `anywhere` regex is compiled only when a line first repeats, without the
    /// checks a rule folder's gets: they run here instead.
    #[test]
    fn every_builtin_anywhere_regex_compiles_within_the_limits() {
        for rule in crate::ruleset::builtin()
            .iter()
            .filter(|r| r.kind == KIND.name)
        {
            let p: Params = rule.params().unwrap();
            if let Some(re) = &p.anywhere {
                compile_regex(rule, re).unwrap_or_else(|e| panic!("{}: {}", rule.id, e.message));
                assert!(regexes::compile_trusted(re.get_ref(), false).is_some());
            }
        }
    }
}
