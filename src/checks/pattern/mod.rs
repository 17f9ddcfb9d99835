//! `pattern`: a regular expression, with exceptions, for faults that are not fixed strings:
//! rating widgets (`veryGood! (7)`), `Featured image via ...`, markup left in text.
//!
//! Why: the next rung after `phrase` on the ladder of effort. The literals that every match of a
//! rule's regex must contain (`Related` in `^[ \t]*Related:`) go into one automaton with those of
//! every other `pattern` rule, so a document that holds none of them (most edited copy) is read
//! once, and a regex runs only on documents that hold one of its literals (in its case, unless the
//! regex folds case).
//!
//! Parameters: `pattern` (Rust `regex` syntax; add `(?i)` or `(?m)` as needed), `exceptions`
//! (regexes: a match that one of them matches in full is dropped), `max-line-words` (the line
//! holding the match has at most this many words), `scope` (`text`, the default, or `label`: the
//! match must stand as a web page's label does, filling its line, between two sentences or at the
//! end of a paragraph, as for `phrase`), `replacement` (a fix, with `$1`/`$name` expanded; one
//! that expands to nothing deletes the match cleanly, see [`super::deletion`]). A group named
//! `flag` narrows the reported span to that group, so context can be matched without being
//! flagged; a regex names one group per alternative that needs it (`flag`, `flag2`, `flag3`, …:
//! the regex crate refuses a name used twice), and the first that took part is reported. Message
//! placeholders: `{match}`, and `{1}`, `{2}`, … and `{name}` for capture groups.
//!
//! Example: `pattern = '(?i)\b(?:very\s?good|excellent)!\s*\(\d+\)'` flags `veryGood! (7)`.

use super::automaton::Automaton;
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
use aho_corasick::{AhoCorasick, Input, MatchKind};
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

pub const KIND: KindEntry = KindEntry {
    name: "pattern",
    summary: "a regular expression with exceptions; one pass finds the literals each regex needs",
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
    pattern: String,
    exceptions: Vec<String>,
    /// The regex and its exceptions, compiled when a document first needs them (a built-in
    /// rule's), or at once (a rule folder's, so that its errors are reported before any file).
    matcher: OnceLock<Option<Matcher>>,
    max_line_words: Option<usize>,
    label: bool,
    replacement: Option<String>,
}

struct Matcher {
    regex: Regex,
    exceptions: Vec<Regex>,
}

impl Compiled {
    fn matcher(&self) -> Option<&Matcher> {
        self.matcher
            .get_or_init(|| {
                Some(Matcher {
                    regex: regexes::compile_trusted(&self.pattern, false)?,
                    exceptions: self
                        .exceptions
                        .iter()
                        .map(|e| regexes::compile_trusted(e, true))
                        .collect::<Option<_>>()?,
                })
            })
            .as_ref()
    }
}

struct PatternCheck {
    patterns: Vec<Compiled>,
    /// The literals one of which every match of a pattern contains, lower-cased, in one automaton
    /// that ignores ASCII case: a pattern runs only on a document holding one of its literals, so
    /// most edited copy is read once.
    literals: Option<Automaton>,
    /// For each literal of the automaton, the patterns that require it.
    owners: Vec<Vec<Owner>>,
    /// Patterns with no required literal, which run on every document.
    always: Vec<usize>,
}

/// A pattern that requires a literal of the automaton.
#[derive(Clone)]
struct Owner {
    pattern: usize,
    /// The literal in its case, when the regex cares about case: `PA` of a credit's `/PA` is
    /// found by the automaton in `compared` too, and checked here.
    exact: Option<Box<[u8]>>,
}

fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
    Ok(Box::new(build(rules)?))
}

fn build(rules: &[(RuleIdx, &Rule)]) -> Result<PatternCheck, Vec<InputError>> {
    let mut required = Vec::new();
    let patterns = compile_each(rules, |idx, rule| {
        let p: Params = rule.params()?;
        let hir = regexes::parse(rule, &p.pattern)?;
        let matcher = OnceLock::new();
        if !rule.trusted() {
            let exceptions = p
                .exceptions
                .iter()
                .map(|e| regexes::compile_whole(rule, e))
                .collect::<Result<_, _>>()?;
            let regex = compile_regex(rule, &p.pattern)?;
            let _ = matcher.set(Some(Matcher { regex, exceptions }));
        }
        required.push(regexes::required_literals(&hir));
        Ok(Compiled {
            rule: idx,
            pattern: p.pattern.into_inner(),
            exceptions: p.exceptions.into_iter().map(|e| e.into_inner()).collect(),
            matcher,
            max_line_words: p.max_line_words,
            label: p.scope == Scope::Label,
            replacement: p.replacement,
        })
    })?;
    let mut literals: Vec<Vec<u8>> = Vec::new();
    let mut owners: Vec<Vec<Owner>> = Vec::new();
    let mut always = Vec::new();
    for (i, required) in required.into_iter().enumerate() {
        let Some(required) = required else {
            always.push(i);
            continue;
        };
        for literal in required.literals {
            let folded = literal.to_ascii_lowercase();
            let owner = Owner {
                pattern: i,
                exact: (!required.folded).then(|| literal.into()),
            };
            match literals.iter().position(|l| *l == folded) {
                Some(at) => owners[at].push(owner),
                None => {
                    literals.push(folded);
                    owners.push(vec![owner]);
                }
            }
        }
    }
    // A literal found also stands for those that are its prefixes: at each position the search
    // reports only the longest literal that starts there.
    let owners: Vec<Vec<Owner>> = literals
        .iter()
        .map(|long| {
            literals
                .iter()
                .zip(&owners)
                .filter(|(short, _)| long.starts_with(short))
                .flat_map(|(_, o)| o.iter().cloned())
                .collect()
        })
        .collect();
    let literals = (!literals.is_empty()).then(|| {
        Automaton::new(
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest),
            &literals,
        )
        .expect("a few short literals always compile")
    });
    Ok(PatternCheck {
        patterns,
        literals,
        owners,
        always,
    })
}

impl PatternCheck {
    /// Which patterns may match `text`: those whose required literals it holds, and the rest.
    fn candidates(&self, text: &str) -> Vec<bool> {
        let mut run = vec![false; self.patterns.len()];
        for &i in &self.always {
            run[i] = true;
        }
        if let Some(ac) = self.literals.as_ref().map(|a| a.get(text.len())) {
            let mut left = self.patterns.len() - self.always.len();
            let mut at = 0;
            // Every position where a literal starts is visited (the search goes on one byte
            // after a match, not after its end), so a literal inside another is found too.
            while left > 0
                && let Some(m) = ac.find(Input::new(text).span(at..text.len()))
            {
                let here = &text.as_bytes()[m.start()..];
                for owner in &self.owners[m.pattern().as_usize()] {
                    if !run[owner.pattern]
                        && owner.exact.as_ref().is_none_or(|e| here.starts_with(e))
                    {
                        run[owner.pattern] = true;
                        left -= 1;
                    }
                }
                at = m.start() + 1;
            }
        }
        run
    }
}

impl Check for PatternCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let text = doc.text;
        let candidates = self.candidates(text);
        for (c, _) in self.patterns.iter().zip(candidates).filter(|(_, run)| *run) {
            let Some(m) = c.matcher() else { continue };
            // The matches of one pattern come in text order: their lines are found in one reading.
            let mut lines = LineCursor::new(text);
            for caps in m.regex.captures_iter(text) {
                let whole = caps.get(0).expect("group 0 always matches");
                if whole.is_empty() || m.exceptions.iter().any(|e| e.is_match(whole.as_str())) {
                    continue;
                }
                if c.label && !stands_as_label(doc, Span::new(whole.start(), whole.end())) {
                    continue;
                }
                let flagged = flag_group(&m.regex, &caps).unwrap_or(whole);
                let span = Span::new(flagged.start(), flagged.end());
                if c.max_line_words.is_some_and(|max| lines.words(span) > max) {
                    continue;
                }
                let mut finding = Finding::new(span).var("match", flagged.as_str());
                for (n, name) in m.regex.capture_names().enumerate().skip(1) {
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

/// The group named `flag`, `flag2`, `flag3`, … that took part in the match, if any.
fn flag_group<'t>(regex: &Regex, caps: &regex::Captures<'t>) -> Option<regex::Match<'t>> {
    regex.capture_names().enumerate().find_map(|(n, name)| {
        let digits = name?.strip_prefix("flag")?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| caps.get(n))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built-in regexes are compiled only when a document needs them: each must compile within
    /// the limits, as a rule folder's would have to at load time.
    #[test]
    fn every_builtin_regex_compiles_within_the_limits() {
        for rule in crate::ruleset::builtin()
            .iter()
            .filter(|r| r.kind == KIND.name)
        {
            let p: Params = rule.params().unwrap();
            compile_regex(rule, &p.pattern)
                .unwrap_or_else(|e| panic!("{}: {}", rule.id, e.message));
            for e in &p.exceptions {
                regexes::compile_whole(rule, e)
                    .unwrap_or_else(|e| panic!("{}: {}", rule.id, e.message));
            }
        }
    }

    /// A `pattern` rule of `pattern`, as a rule file would give it.
    fn rule(id: &str, pattern: &str) -> Rule {
        let text = format!(
            "kind = \"pattern\"\nseverity = \"info\"\nmessage = \"m\"\nwhy = \"w\"\npattern = '{pattern}'\n\n[[example]]\ntext = \"x\"\nflags = [\"x\"]\n\n[[example]]\ntext = \"y\"\nflags = []\n"
        );
        crate::ruleset::parse(id, "x.toml", &text).unwrap()
    }

    #[test]
    fn literals_keep_the_case_of_their_regex() {
        let rules = [
            rule("residue/a", r"\p{Lu}\w*/(?:AP|PA)\b"),
            rule("residue/b", r"(?i)\bclick here\b"),
        ];
        let refs: Vec<(RuleIdx, &Rule)> = rules.iter().enumerate().collect();
        let check = build(&refs).unwrap();
        assert_eq!(check.candidates("compared with a paper"), [false, false]);
        assert_eq!(check.candidates("Jane Doe/PA and CLICK HERE"), [true, true]);
        assert_eq!(check.candidates("Click here"), [false, true]);
    }

    #[test]
    fn a_pattern_runs_where_its_literal_sits_inside_another() {
        // `Read more:`, `more` inside it and `Read` at its start belong to different rules: the
        // search for literals must find all three.
        let rules = [
            rule("residue/a", "Read more:"),
            rule("residue/b", r"more\b"),
            rule("residue/c", r"Read\b"),
        ];
        let refs: Vec<(RuleIdx, &Rule)> = rules.iter().enumerate().collect();
        let check = compile(&refs, &Settings::default()).unwrap();
        let doc = Document::plain("Read more: the rest.");
        let mut sink = Sink::default();
        check.check(&doc, &mut sink);
        let found: Vec<(RuleIdx, &str)> = sink
            .findings
            .iter()
            .map(|(r, f)| (*r, doc.slice(f.span)))
            .collect();
        assert_eq!(found, [(0, "Read more:"), (1, "more"), (2, "Read")]);
    }
}
