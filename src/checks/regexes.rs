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
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

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
    build(rule, pattern, &anchored(hir))
}

/// Compiles a regex that already compiled within the limits (a built-in rule's, whose every regex
/// the tests compile), as [`compile_regex`] or, `whole`, [`compile_whole`] would; `None` if it
/// does not compile after all. Built-in rules are compiled only when a document needs them: most
/// of a short run's time would otherwise go to compiling regexes it never uses.
pub fn compile_trusted(pattern: &str, whole: bool) -> Option<Regex> {
    let text = if whole {
        anchored(regex_syntax::parse(pattern).ok()?)
    } else {
        pattern.to_string()
    };
    RegexBuilder::new(&text).size_limit(SIZE_LIMIT).build().ok()
}

/// The text of `hir` anchored at both ends.
fn anchored(hir: Hir) -> String {
    Hir::concat(vec![Hir::look(Look::Start), hir, Hir::look(Look::End)]).to_string()
}

/// Parses `pattern` with the `regex` crate's own syntax and checks its counted repetitions.
pub fn parse(rule: &Rule, pattern: &toml::Spanned<String>) -> Result<Hir, InputError> {
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
            // The inner part is counted once: counting it twice per level made nested `?` or `*`
            // groups exponential (found by the rule_file fuzz target).
            let inner = repetitions(&r.sub);
            match u64::from(r.max.unwrap_or(r.min)) {
                0 | 1 => inner,
                count => count.saturating_mul(inner.max(1)),
            }
        }
        HirKind::Capture(c) => repetitions(&c.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().map(repetitions).fold(0, u64::saturating_add)
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => 0,
    }
}

/// The most literals a required set may hold; beyond it the set is not worth a prefilter.
const MAX_LITERALS: usize = 64;

/// The most characters a class may stand for and still count as literals (`[>»›]`, a letter in
/// both cases, `k` with the Kelvin sign that `(?i)` adds).
const MAX_CLASS_CHARS: u32 = 4;

/// Literals of which every match of `hir` contains at least one: a text that holds none of them
/// cannot match, and the regex need not run on it. `None` when there is no such set of at most
/// [`MAX_LITERALS`] non-empty literals (a regex that can match any text).
///
/// The literals are exact bytes when the regex cares about case (a text that holds `pa` in
/// `compared` then does not wake a regex that requires `PA`, as in a credit's `/PA`). Where it
/// folds case (`(?i)`, which makes every letter a class of both cases), they are lower-cased and
/// `folded`, to be compared ASCII case-insensitively (so `home` also stands for `HOME`): one
/// literal rather than one per spelling.
///
/// Unlike the prefix literals the `regex` crate finds, a required literal may sit anywhere in the
/// match: `^[ \t]*Related:` requires `Related`. Every literal is exact in bytes outside ASCII
/// letters: `(?i)k` is `k` or the Kelvin sign, two literals, so no match is lost to case folding.
pub fn required_literals(hir: &Hir) -> Option<Required> {
    let fold = folds_case(hir);
    let set = dedup(literals(hir, fold)?.set, fold);
    if set.is_empty() || set.iter().any(Vec::is_empty) {
        return None;
    }
    // A text holding `<img` holds `<`: a literal that contains another adds nothing.
    let holds = |long: &[u8], short: &[u8]| long.windows(short.len()).any(|w| w == short);
    let minimal = set
        .iter()
        .filter(|l| !set.iter().any(|s| s.len() < l.len() && holds(l, s)))
        .cloned()
        .collect();
    Some(Required {
        literals: minimal,
        folded: fold,
    })
}

/// The literals a regex requires (see [`required_literals`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Required {
    pub literals: Vec<Vec<u8>>,
    /// Whether they are lower-cased, to be compared ASCII case-insensitively.
    pub folded: bool,
}

/// Whether some part of `hir` that could be a literal is a letter in both its ASCII cases (what
/// `(?i)` makes of a letter): a small class holding `a` and `A`.
fn folds_case(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(class) => class_literals(class, false).is_some_and(|set| {
            set.iter().any(|l| {
                matches!(l[..], [c] if c.is_ascii_lowercase()
                    && set.contains(&vec![c.to_ascii_uppercase()]))
            })
        }),
        HirKind::Capture(c) => folds_case(&c.sub),
        HirKind::Repetition(r) => folds_case(&r.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().any(folds_case),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => false,
    }
}

/// What [`literals`] knows of a piece of a regex: a set such that every match of the piece
/// contains one of its members; `exact` when every match *is* one of them.
struct Literals {
    set: Vec<Vec<u8>>,
    exact: bool,
}

impl Literals {
    fn exact(set: Vec<Vec<u8>>) -> Self {
        Literals { set, exact: true }
    }

    /// How good a prefilter the set makes: longer shortest literals first, then fewer literals.
    fn score(&self) -> (usize, std::cmp::Reverse<usize>) {
        let shortest = self.set.iter().map(Vec::len).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(self.set.len()))
    }

    /// Each literal of `self` followed by each of `next` (both exact), if that is few enough.
    fn then(&self, next: &Literals, fold: bool) -> Option<Literals> {
        if self.set.len() * next.set.len() > MAX_LITERALS {
            return None;
        }
        let mut set = Vec::with_capacity(self.set.len() * next.set.len());
        for a in &self.set {
            for b in &next.set {
                set.push([a.as_slice(), b].concat());
            }
        }
        Some(Literals::exact(dedup(set, fold)))
    }
}

/// The literals sorted, without repeats (once ASCII case is ignored, with `fold`).
fn dedup(mut set: Vec<Vec<u8>>, fold: bool) -> Vec<Vec<u8>> {
    if fold {
        for l in &mut set {
            l.make_ascii_lowercase();
        }
    }
    set.sort_unstable();
    set.dedup();
    set
}

fn literals(hir: &Hir, fold: bool) -> Option<Literals> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(Literals::exact(vec![Vec::new()])),
        HirKind::Literal(l) => Some(Literals::exact(vec![l.0.to_vec()])),
        HirKind::Class(class) => class_literals(class, fold).map(Literals::exact),
        HirKind::Capture(c) => literals(&c.sub, fold),
        HirKind::Repetition(r) if r.min > 0 => {
            let inner = literals(&r.sub, fold)?;
            let exact = inner.exact && r.max == Some(1);
            Some(Literals {
                set: inner.set,
                exact,
            })
        }
        HirKind::Repetition(_) => None,
        HirKind::Alternation(branches) => {
            let mut set = Vec::new();
            let mut exact = true;
            for branch in branches {
                let l = literals(branch, fold)?;
                exact &= l.exact;
                set.extend(l.set);
            }
            let set = dedup(set, fold);
            (set.len() <= MAX_LITERALS).then_some(Literals { set, exact })
        }
        HirKind::Concat(parts) => {
            // Runs of exact parts multiply out (`click` `here` → `click here`); the best run or
            // inexact part is the concatenation's required set.
            let mut best: Option<Literals> = None;
            let mut keep = |candidate: Literals| {
                if best.as_ref().is_none_or(|b| candidate.score() > b.score()) {
                    best = Some(candidate);
                }
            };
            let mut run: Option<Literals> = Some(Literals::exact(vec![Vec::new()]));
            let mut whole = true;
            for part in parts {
                match literals(part, fold) {
                    Some(l) if l.exact => {
                        run = match run.take() {
                            Some(r) => match r.then(&l, fold) {
                                Some(longer) => Some(longer),
                                None => {
                                    whole = false;
                                    keep(Literals { exact: false, ..r });
                                    Some(l)
                                }
                            },
                            None => Some(l),
                        };
                    }
                    other => {
                        whole = false;
                        if let Some(r) = run.take() {
                            keep(Literals { exact: false, ..r });
                        }
                        if let Some(l) = other {
                            keep(l);
                        }
                    }
                }
            }
            if let Some(r) = run {
                if whole {
                    return Some(r);
                }
                keep(Literals { exact: false, ..r });
            }
            best.filter(|b| b.score().0 > 0)
        }
    }
}

/// The UTF-8 encodings of the few characters (or bytes) a class stands for.
fn class_literals(class: &Class, fold: bool) -> Option<Vec<Vec<u8>>> {
    let mut set = Vec::new();
    match class {
        Class::Unicode(c) => {
            let count: u32 = c
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if count > MAX_CLASS_CHARS {
                return None;
            }
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    set.push(ch.to_string().into_bytes());
                }
            }
        }
        Class::Bytes(c) => {
            let count: u32 = c
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            // A byte outside ASCII is part of a character: it cannot stand alone as a literal.
            if count > MAX_CLASS_CHARS || !c.is_ascii() {
                return None;
            }
            for r in c.ranges() {
                set.extend((r.start()..=r.end()).map(|b| vec![b]));
            }
        }
    }
    Some(dedup(set, fold))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copies(pattern: &str) -> u64 {
        repetitions(&regex_syntax::parse(pattern).unwrap())
    }

    /// Each level is counted once: 64 nested optional groups, or `a` and 80 `+`, took 2^64 steps and
    /// more before.
    #[test]
    fn nested_optional_groups_are_counted_in_linear_time() {
        let deep = format!("{}a{}", "(?:".repeat(64), "b?)?".repeat(64));
        assert_eq!(copies(&deep), 0);
        assert_eq!(copies(&format!("(?:{deep}){{3}}")), 3);
        assert_eq!(copies(&format!("a{}", "+".repeat(80))), 0);
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

    fn required(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).unwrap();
        required_literals(&hir).map(|r| {
            r.literals
                .into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn required_literals_sit_anywhere_in_a_match() {
        assert_eq!(
            required(r"(?m)^[ \t]*(?P<flag>Related|See also)[ \t]*:"),
            Some(vec!["Related".into(), "See also".into()])
        );
        // Exact parts multiply out; case folding keeps the Kelvin sign that `(?i)k` also matches.
        assert_eq!(
            required(r"(?i)\b(?:click|tap) here\b"),
            Some(vec![
                "click here".into(),
                "clic\u{212a} here".into(),
                "tap here".into()
            ])
        );
        assert_eq!(required("Read more:"), Some(vec!["Read more:".into()]));
        // The longest shortest literal wins: `(@` over `)`.
        assert_eq!(
            required(r"\(@[A-Za-z0-9_]{1,15}\)"),
            Some(vec!["(@".into()])
        );
        assert_eq!(required(r"Home[ \t]*[>»›]"), Some(vec!["Home".into()]));
        // A literal holding another is dropped: `<b>` stands for `<b>bold` too.
        assert_eq!(
            required(r"<b>|<b>bold|</i>"),
            Some(vec!["</i>".into(), "<b>".into()])
        );
    }

    #[test]
    fn literals_keep_their_case_unless_the_regex_folds_it() {
        let folded = |p: &str| {
            required_literals(&regex_syntax::parse(p).unwrap())
                .unwrap()
                .folded
        };
        assert_eq!(
            required(r"\p{Lu}+/(?:AP|PA)\b"),
            Some(vec!["/AP".into(), "/PA".into()])
        );
        assert!(!folded(r"\p{Lu}+/(?:AP|PA)\b") && !folded("[A-Za-z]+ Home"));
        assert!(folded("(?i)ab") && folded("</(?i:p)>") && folded("[aA]x"));
        assert_eq!(required("(?i)AB"), Some(vec!["ab".into()]));
    }

    #[test]
    fn a_regex_that_may_match_anything_has_no_required_literals() {
        assert_eq!(required(r"\w+"), None);
        assert_eq!(required(r"a?b*"), None);
        assert_eq!(required(r"abc|\d+"), None);
        assert_eq!(required(r"(?-u:\b)"), None);
        assert_eq!(required(""), None);
    }
}
