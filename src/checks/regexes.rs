//! Regexes from rule files: compiled within limits that keep every check linear in the text and
//! bounded in memory, with each failure an error pointing at the regex in its rule file.
//!
//! A newsroom's rule folder is input like any article, so a regex in it must not be able to stop
//! a run. The `regex` crate guarantees time linear in the text, but with a factor that grows with
//! the compiled regex: its lazy DFA gives up on a pattern whose states do not fit its cache (a long
//! counted repetition of something that can overlap itself: `a{2000}` takes seconds per MB, and
//! `a{1000}{300}` a minute) and falls back to an engine whose time is text × regex size. So a regex
//! from a rule file is refused when its counted repetitions make more than [`MAX_REPETITIONS`]
//! copies, or when it compiles to more than [`SIZE_LIMIT`] (a tenth of the crate's default).

use crate::error::InputError;
use crate::rule::Rule;
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Hir, HirKind, Look};

/// The most copies the counted repetitions of one regex may make (nested counts multiply,
/// counts in sequence add): `a{1000}` is at the limit, `a{1000}{300}` is 300,000.
pub const MAX_REPETITIONS: u64 = 1000;

/// The most memory one compiled regex from a rule file may take. The built-in patterns take less
/// than 80 KiB; `\w{20}`, a class of every letter of every script repeated 20 times, about 1 MiB.
pub const SIZE_LIMIT: usize = 1 << 20;

/// Compiles the regex `pattern` of `rule`, pointing at it on error.
pub fn compile_regex(rule: &Rule, pattern: &toml::Spanned<String>) -> Result<Regex, InputError> {
    parse(rule, pattern)?;
    build(rule, pattern, pattern.get_ref())
}

/// Compiles `pattern` of `rule` so that it matches only a whole text (an exception that must match
/// a finding in full). The anchors are added to the parsed regex, not to its text, which a flag or
/// a comment in the pattern could change (`(?x)#` would turn a `)$` after it into a comment).
pub fn compile_whole(rule: &Rule, pattern: &toml::Spanned<String>) -> Result<Regex, InputError> {
    let hir = parse(rule, pattern)?;
    let anchored = Hir::concat(vec![Hir::look(Look::Start), hir, Hir::look(Look::End)]);
    build(rule, pattern, &anchored.to_string())
}

/// One set of the regexes of several rules, each of which compiled alone within the limits; on
/// error (which the per-regex limits leave no room for), every rule in it is named.
pub fn compile_set<'r>(
    members: impl IntoIterator<Item = (&'r Rule, &'r toml::Spanned<String>, &'r Regex)>,
) -> Result<RegexSet, Vec<InputError>> {
    let members: Vec<_> = members.into_iter().collect();
    let limit = SIZE_LIMIT.saturating_mul(members.len()).max(SIZE_LIMIT);
    RegexSetBuilder::new(members.iter().map(|(_, _, r)| r.as_str()))
        .size_limit(limit)
        .build()
        .map_err(|e| {
            members
                .iter()
                .map(|(rule, pattern, _)| {
                    let reason = format!("the patterns of the `pattern` rules together: {e}");
                    rule.error_at(pattern.span(), &reason, "in this set")
                })
                .collect()
        })
}

/// Parses `pattern` with the `regex` crate's own syntax and checks its counted repetitions.
fn parse(rule: &Rule, pattern: &toml::Spanned<String>) -> Result<Hir, InputError> {
    let hir = regex_syntax::parse(pattern.get_ref()).map_err(|e| {
        let reason = e.to_string();
        let last = reason
            .lines()
            .last()
            .unwrap_or("invalid regex")
            .trim_start_matches("error: ")
            .to_string();
        rule.error_at(pattern.span(), &format!("invalid regex: {last}"), &last)
    })?;
    let copies = repetitions(&hir);
    if copies > MAX_REPETITIONS {
        return Err(rule
            .error_at(
                pattern.span(),
                &format!(
                    "regex too costly: its counted repetitions make {copies} copies, \
                     more than {MAX_REPETITIONS}"
                ),
                "repeats too much",
            )
            .with_help(
                "matching time grows with the copies a repetition makes; \
                 use a shorter count, or `+`/`*` where any length will do",
            ));
    }
    Ok(hir)
}

/// Compiles `text` (the pattern itself, or a form of it) within [`SIZE_LIMIT`].
fn build(rule: &Rule, pattern: &toml::Spanned<String>, text: &str) -> Result<Regex, InputError> {
    RegexBuilder::new(text)
        .size_limit(SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => rule
                .error_at(
                    pattern.span(),
                    &format!(
                        "regex too large: it compiles to more than {} MiB",
                        SIZE_LIMIT >> 20
                    ),
                    "too large",
                )
                .with_help(
                    "a Unicode class (`\\w`, `\\p{L}`) stands for thousands of characters: \
                     repeat it fewer times, or use an ASCII class (`[A-Za-z]`, `(?-u:\\w)`)",
                ),
            other => rule.error_at(
                pattern.span(),
                &format!("invalid regex: {other}"),
                "invalid regex",
            ),
        })
}

/// The copies the counted repetitions of `hir` make: a count multiplies what it repeats, and the
/// parts of a sequence or an alternation add up. Literals, classes and `*`, `+`, `?` count nothing.
fn repetitions(hir: &Hir) -> u64 {
    match hir.kind() {
        HirKind::Repetition(r) => {
            let count = u64::from(r.max.unwrap_or(r.min).max(1));
            let inner = repetitions(&r.sub).max(1);
            if count == 1 {
                repetitions(&r.sub)
            } else {
                count.saturating_mul(inner)
            }
        }
        HirKind::Capture(c) => repetitions(&c.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().map(repetitions).fold(0, u64::saturating_add)
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copies(pattern: &str) -> u64 {
        repetitions(&regex_syntax::parse(pattern).unwrap())
    }

    #[test]
    fn counted_repetitions_multiply_when_nested_and_add_in_sequence() {
        assert_eq!(copies("abc|def"), 0);
        assert_eq!(copies(r"\w+\s*x?"), 0);
        assert_eq!(copies("a{1000}"), 1000);
        assert_eq!(copies("a{3,}"), 3);
        assert_eq!(copies("a{1000}{300}"), 300_000);
        assert_eq!(copies("(?:a{10}b{5}){2}"), 30);
        assert_eq!(copies("a{600}|b{600}"), 1200);
        assert_eq!(copies("(?:x+){4}"), 4);
    }

    #[test]
    fn an_anchored_exception_matches_whole_texts_only() {
        let rule =
            crate::rule::Rule::parse("residue/x", "x.toml", crate::rule::tests::RULE).unwrap();
        let whole =
            |p: &str| compile_whole(&rule, &toml::Spanned::new(0..0, p.to_string())).unwrap();
        let alternation = whole("a|ab");
        assert!(alternation.is_match("ab") && !alternation.is_match("abc"));
        let commented = whole("(?x) a b  # a comment");
        assert!(commented.is_match("ab") && !commented.is_match("xab"));
        assert!(whole("(?x)#").is_match("") && !whole("(?x)#").is_match("a"));
    }
}
