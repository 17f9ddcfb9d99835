//! Inline suppressions: comments in an article that silence rules for a stretch of it.
//!
//! In Markdown and HTML a suppression is an HTML comment, anywhere:
//! `<!-- copydesk-disable RULE, RULE -->` … `<!-- copydesk-enable RULE -->`, and
//! `<!-- copydesk-disable-next-line RULE -->`. In plain text it is a line holding nothing but the
//! directive (`copydesk-disable-next-line residue/read-more`), or nothing but the same HTML
//! comment; such lines are blanked before the text is checked ([`blank_plain`]), so no other rule
//! ever reads them as prose. A RULE is a rule id or a family; no RULE means every rule.
//!
//! This module reads the raw file text, never the prose, because the markup layer blanks comments.
//! Suppressions are applied to diagnostics after checking, by the offset of their primary span. A
//! suppression that silences nothing, an `enable` that ends no `disable`, an unknown rule and an
//! unknown directive are reported under the built-in meta-rules [`UNUSED`] and [`INVALID`] (not
//! rule files: they are about the suppressions, not the prose, and no check kind could see them).

use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::docs;
use crate::markup::Format;
use crate::rule::Rule;
use crate::source::Source;
use crate::span::Span;
use crate::suggest;
use std::collections::HashMap;

pub use crate::markup::directive::{Action, Directive, Malformed, parse};

/// A suppression that silences nothing, or an `enable` that ends no `disable`.
pub const UNUSED: &str = "copydesk/unused-suppression";
/// A suppression naming an unknown rule, or an unknown `copydesk-…` directive.
pub const INVALID: &str = "copydesk/invalid-suppression";
/// The family of the meta-rules, usable in `--ignore` and `[severity]` like any family.
pub const META_FAMILY: &str = "copydesk";

/// Whether `name` is a meta-rule id or their family.
pub fn is_meta(name: &str) -> bool {
    name == UNUSED || name == INVALID || name == META_FAMILY
}

/// The meta-rules' documentation and examples, as data beside this module (they are rules in
/// every way a user sees: listed, explained, documented, ignorable; only their check is here).
const META_RULES: &[(&str, &str)] = &[
    (INVALID, include_str!("rules/invalid-suppression.toml")),
    (UNUSED, include_str!("rules/unused-suppression.toml")),
];

/// The meta-rules as [`Rule`]s, for `copydesk rules`, `copydesk explain`, SARIF and the rule pages;
/// their `kind` is `suppression`, which no check kind implements. Parsed once.
pub fn meta_rules() -> &'static [Rule] {
    static RULES: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        META_RULES
            .iter()
            .map(|(id, text)| {
                let origin = format!("src/suppress/rules/{}.toml", &id[META_FAMILY.len() + 1..]);
                let mut rule = Rule::parse(id, &origin, text)
                    .unwrap_or_else(|e| panic!("meta-rule {id} is broken: {}", e.message));
                rule.url = Some(docs::rule_url(id).into());
                rule
            })
            .collect()
    })
}

/// What the suppressions may know about the rules of this run.
#[derive(Clone, Copy)]
pub struct RuleNames<'a> {
    /// Every rule id loaded (run or not): a suppression naming another is a mistake.
    pub known: &'a [String],
    /// The ids of the rules that ran.
    pub active: &'a [String],
    /// The ids of the rules whose findings may still come from the cross-file pass: an unused
    /// suppression of one is reported without a fix, since a late finding may yet need it
    /// ([`apply_late`] then withdraws the report).
    pub deferred: &'a [String],
    /// The severity of each meta-rule, or `None` when it is ignored.
    pub unused: Option<Severity>,
    pub invalid: Option<Severity>,
}

impl RuleNames<'_> {
    fn is_known(&self, name: &str) -> bool {
        is_meta(name) || self.known.iter().any(|id| covers(name, id))
    }

    /// Whether a suppression of `selector` can be judged unused: only when every loaded rule it
    /// covers ran. (`--select residue/read-more` says nothing about the other residue rules a
    /// `disable residue` may be there for.)
    fn is_judged(&self, selector: Option<&str>) -> bool {
        let mut covered = self
            .known
            .iter()
            .filter(|id| selector.is_none_or(|s| covers(s, id)))
            .peekable();
        covered.peek().is_some() && covered.all(|id| self.active.contains(id))
    }

    /// Whether a rule the selector covers may still report in the cross-file pass.
    fn may_report_late(&self, selector: Option<&str>) -> bool {
        self.deferred
            .iter()
            .any(|id| selector.is_none_or(|s| covers(s, id)))
    }
}

/// Whether the selector `name` (a rule id or a family) covers the rule `id`.
fn covers(name: &str, id: &str) -> bool {
    id == name || id.split('/').next() == Some(name)
}

/// A stretch of the file where one selector of one directive silences diagnostics.
struct Region {
    /// Index of the directive that opened it.
    directive: usize,
    /// `None`: every rule.
    selector: Option<String>,
    /// Where to point when the region turns out unused.
    at: Span,
    /// Diagnostics whose primary span starts in `start..end` are silenced.
    start: usize,
    end: usize,
    used: bool,
}

/// The suppressions of one file: where each silences what, and what is wrong with them.
struct Suppressions {
    directives: Vec<Directive>,
    regions: Vec<Region>,
    /// `enable` selectors that ended nothing: (directive, selector, where).
    orphans: Vec<(usize, Option<String>, Span)>,
    /// Directives kept whatever else they say (they name an unknown rule, or end a region).
    keep: Vec<bool>,
    /// Invalid directives and selectors: where, and the message.
    invalid: Vec<(Span, String, String)>,
}

impl Suppressions {
    fn read(text: &str, format: Format, names: &RuleNames) -> Suppressions {
        let (directives, malformed) = parse(text, format);
        let actions = [
            "copydesk-disable",
            "copydesk-enable",
            "copydesk-disable-next-line",
        ];
        let mut invalid: Vec<(Span, String, String)> = malformed
            .iter()
            .map(|m| {
                let help = suggest::did_you_mean(&m.keyword, actions)
                    .unwrap_or_else(|| format!("the directives are {}", actions.join(", ")));
                (m.span, format!("unknown suppression `{}`", m.keyword), help)
            })
            .collect();
        let mut regions: Vec<Region> = Vec::new();
        // Indexes into `regions` of the `disable`s not yet ended.
        let mut open: Vec<usize> = Vec::new();
        let mut orphans = Vec::new();
        let mut keep = vec![false; directives.len()];
        // The line each line start leads to, past directive-only lines (stacked directives).
        let mut next_lines: HashMap<usize, Span> = HashMap::new();
        for (i, d) in directives.iter().enumerate() {
            let mut selectors: Vec<(Option<String>, Span)> = Vec::new();
            for (name, span) in &d.selectors {
                if names.is_known(name) {
                    selectors.push((Some(name.clone()), *span));
                } else {
                    keep[i] = true;
                    let known = suggest::rule_names(names.known.iter().map(String::as_str));
                    let help = suggest::did_you_mean(name, known).unwrap_or_else(|| {
                        "`copydesk rules` lists the rule ids; a family is the part before the `/`"
                            .to_string()
                    });
                    invalid.push((
                        *span,
                        format!("unknown rule or family `{name}` in a suppression"),
                        help,
                    ));
                }
            }
            if d.selectors.is_empty() {
                selectors.push((None, d.span));
            }
            for (selector, at) in selectors {
                match d.action {
                    Action::Disable => {
                        open.push(regions.len());
                        regions.push(Region {
                            directive: i,
                            selector,
                            at,
                            start: d.span.end,
                            end: usize::MAX,
                            used: false,
                        });
                    }
                    Action::DisableNextLine => {
                        let line = next_line(text, d.span.end, &directives, &mut next_lines);
                        regions.push(Region {
                            directive: i,
                            selector,
                            at,
                            start: line.start,
                            end: line.end + 1,
                            used: false,
                        });
                    }
                    Action::Enable => {
                        let ends: Vec<usize> = match &selector {
                            None => std::mem::take(&mut open),
                            Some(_) => open
                                .iter()
                                .rposition(|&r| regions[r].selector == selector)
                                .map(|i| open.remove(i))
                                .into_iter()
                                .collect(),
                        };
                        for &r in &ends {
                            regions[r].end = d.span.start;
                        }
                        if ends.is_empty() {
                            orphans.push((i, selector, at));
                        } else {
                            keep[i] = true;
                        }
                    }
                }
            }
        }
        Suppressions {
            directives,
            regions,
            orphans,
            keep,
            invalid,
        }
    }

    /// The diagnostics no region silences; the regions that silence one are marked used.
    fn silence(&mut self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        // Indexed by selector both ways, so that many suppressions and many findings do not
        // multiply: where the findings each selector covers are, and what each selector silences.
        let mut at_by_key: HashMap<&str, Vec<usize>> = HashMap::new();
        for d in &diagnostics {
            at_by_key.entry(&d.rule).or_default().push(d.span.start);
            at_by_key.entry(d.family()).or_default().push(d.span.start);
        }
        let mut everything: Vec<usize> = diagnostics.iter().map(|d| d.span.start).collect();
        everything.sort_unstable();
        at_by_key.values_mut().for_each(|at| at.sort_unstable());
        let mut silenced_by: HashMap<Option<&str>, Vec<(usize, usize)>> = HashMap::new();
        for r in self.regions.iter_mut() {
            let at = match r.selector.as_deref() {
                None => Some(&everything),
                Some(s) => at_by_key.get(s),
            };
            r.used |= at.is_some_and(|at| any_within(at, r.start, r.end));
            silenced_by
                .entry(r.selector.as_deref())
                .or_default()
                .push((r.start, r.end));
        }
        let silenced_by: HashMap<Option<&str>, Vec<(usize, usize)>> = silenced_by
            .into_iter()
            .map(|(k, v)| (k, merge(v)))
            .collect();
        let silenced = |key: Option<&str>, at: usize| {
            silenced_by.get(&key).is_some_and(|spans| {
                let i = spans.partition_point(|s| s.1 <= at);
                spans.get(i).is_some_and(|s| s.0 <= at)
            })
        };
        diagnostics
            .into_iter()
            .filter(|d| {
                let at = d.span.start;
                !(silenced(None, at)
                    || silenced(Some(&d.rule), at)
                    || silenced(Some(d.family()), at))
            })
            .collect()
    }
}

/// Removes the diagnostics of `source` that a suppression silences, and adds a meta-diagnostic
/// for every suppression that is unused or invalid. An unused directive as a whole (every rule it
/// names unused, none unknown) gets a fix that deletes it, with its line when it stands alone.
/// The result is in output order.
pub fn apply(
    source: &Source,
    format: Format,
    diagnostics: Vec<Diagnostic>,
    names: &RuleNames,
) -> Vec<Diagnostic> {
    let text = source.text.as_str();
    if !text.contains(crate::markup::directive::MARKER) {
        return diagnostics;
    }
    let mut found = Suppressions::read(text, format, names);
    let mut kept = found.silence(diagnostics);
    let mut report = |rule: &str,
                      severity: Option<Severity>,
                      span: Span,
                      message: String,
                      help: String,
                      fix: Option<Span>| {
        if let Some(severity) = severity {
            kept.push(Diagnostic {
                path: source.path.as_str().into(),
                rule: rule.into(),
                severity,
                message,
                span: source.location(span),
                labels: Vec::new(),
                notes: Vec::new(),
                help: Some(help.into()),
                // Deleting a directive that silences nothing changes no prose: safe, as long
                // as the meta-rule is at least a warning.
                fix: fix.map(|span| Fix {
                    span: source.location(span),
                    replacement: String::new(),
                    applicability: Applicability::effective(
                        Some(Applicability::Safe),
                        Applicability::Safe,
                        severity,
                    ),
                }),
                url: Some(docs::rule_url(rule).into()),
            });
        }
    };
    for (span, message, help) in std::mem::take(&mut found.invalid) {
        report(INVALID, names.invalid, span, message, help, None);
    }
    let Suppressions {
        directives,
        regions,
        orphans,
        mut keep,
        ..
    } = found;
    for r in &regions {
        keep[r.directive] |= r.used || !names.is_judged(r.selector.as_deref());
    }
    let removal = |i: usize| (!keep[i]).then(|| removal(text, directives[i].span));
    for r in regions
        .iter()
        .filter(|r| !r.used && names.is_judged(r.selector.as_deref()))
    {
        let message = match &r.selector {
            None => "unused suppression: no rule reports anything here".to_string(),
            Some(s) => format!("unused suppression: `{s}` reports nothing here"),
        };
        let fix = removal(r.directive).filter(|_| !names.may_report_late(r.selector.as_deref()));
        report(
            UNUSED,
            names.unused,
            r.at,
            message,
            "delete the suppression".to_string(),
            fix,
        );
    }
    for (i, selector, at) in orphans {
        let what = selector
            .as_deref()
            .map_or(String::new(), |s| format!(" {s}"));
        let message = format!("`copydesk-enable{what}` ends no `copydesk-disable{what}`");
        let help = "delete it, or name the rule exactly as its `copydesk-disable` does".to_string();
        report(UNUSED, names.unused, at, message, help, removal(i));
    }
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept
}

/// Findings of the cross-file pass, after [`apply`] has judged the file's suppressions: returns
/// those no suppression silences, and withdraws from `reported` the unused-suppression reports of
/// the suppressions that silenced one.
pub fn apply_late(
    source: &Source,
    format: Format,
    late: Vec<Diagnostic>,
    names: &RuleNames,
    reported: &mut Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    if !source.text.contains(crate::markup::directive::MARKER) {
        return late;
    }
    let mut found = Suppressions::read(&source.text, format, names);
    let kept = found.silence(late);
    for r in found.regions.iter().filter(|r| r.used) {
        reported.retain(|d| !(&*d.rule == UNUSED && d.span.span() == r.at));
    }
    kept
}

/// Whether some offset of `sorted` is in `start..end`.
fn any_within(sorted: &[usize], start: usize, end: usize) -> bool {
    let i = sorted.partition_point(|&at| at < start);
    sorted.get(i).is_some_and(|&at| at < end)
}

/// Half-open spans sorted and merged where they overlap or touch.
fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// What to delete to remove the directive at `span`: its whole line (with the line break) when
/// nothing else is on it, else the directive alone.
fn removal(text: &str, span: Span) -> Span {
    let Span {
        start: line_start,
        end: line_end,
    } = span.lines_in(text);
    let alone = text[line_start..span.start].trim().is_empty()
        && text[span.end..line_end].trim().is_empty();
    match (alone, line_end < text.len()) {
        (false, _) => span,
        (true, true) => Span::new(line_start, line_end + 1),
        // The last line, without a line break of its own: take the one before it.
        (true, false) => Span::new(line_start.saturating_sub(1), line_end),
    }
}

/// The first line after `from` that holds text other than directives: the line a
/// `disable-next-line` silences (stacked directives each silence the same line). `memo` remembers
/// the answer for every line start passed, so a stack of directives is read once, not once each.
fn next_line(
    text: &str,
    from: usize,
    directives: &[Directive],
    memo: &mut HashMap<usize, Span>,
) -> Span {
    // Directives come in text order: the one that may cover an offset is found by bisection.
    let in_directive = |at: usize| {
        let i = directives.partition_point(|d| d.span.start <= at);
        i > 0 && directives[i - 1].span.range().contains(&at)
    };
    let mut pos = text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
    let mut passed = Vec::new();
    let found = loop {
        if let Some(&line) = memo.get(&pos) {
            break line;
        }
        if pos >= text.len() {
            break Span::new(text.len(), text.len());
        }
        passed.push(pos);
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let only_directives = text[pos..end]
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .all(|(i, _)| in_directive(pos + i));
        if !only_directives {
            break Span::new(pos, end);
        }
        pos = end + 1;
    };
    for at in passed {
        memo.insert(at, found);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_input_never_panics_and_blanking_keeps_offsets() {
        let known = ["residue/read-more".to_string()];
        let names = RuleNames {
            known: &known,
            active: &known,
            deferred: &[],
            unused: Some(Severity::Warning),
            invalid: Some(Severity::Warning),
        };
        let cases = [
            "<!--",
            "<!-- copydesk-disable",
            "copydesk-",
            "<!---->",
            "<!--copydesk-enable-->",
            "\u{feff}copydesk-disable-next-line é,,  ,ü\r\n“x”",
            "é<!-- copydesk-disable-next-line -->é\n",
            "copydesk-disable-next-line\n",
            "\r\ncopydesk-enable residue residue\r\n<!-- copydesk-disable --><!-- copydesk-enable -->",
        ];
        for text in cases {
            for format in [Format::Plain, Format::Markdown] {
                let source = Source::new("x", text.to_string());
                let _ = apply(&source, format, Vec::new(), &names);
            }
            let blank = crate::markup::directive::blank_plain(text);
            assert_eq!(blank.len(), text.len(), "{text:?}");
            assert_eq!(blank.matches('\n').count(), text.matches('\n').count());
        }
    }

    #[test]
    fn next_line_skips_stacked_directives_and_blank_lines() {
        let txt = "copydesk-disable-next-line a\ncopydesk-disable-next-line b\n\nTarget line\n";
        let (ds, _) = parse(txt, Format::Plain);
        assert_eq!(
            &txt[next_line(txt, ds[0].span.end, &ds, &mut HashMap::new()).range()],
            "Target line"
        );
    }
}
