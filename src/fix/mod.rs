//! Fixes: which fixes of a file's diagnostics apply ([`FixOptions`]: safe ones, or all), fitting a
//! fix to the prose of its file ([`prose`]: never onto markup), applying them pass after pass
//! until the text settles ([`settle`]: fixes that undo one another are left out and reported),
//! showing them as a unified diff, and writing a file safely ([`write`]).
//!
//! The guarantees (docs/workflow.md, "Fixes"): only the bytes inside fixed spans change; no fix
//! changes Markdown or HTML markup; of two overlapping fixes the first in output order wins and
//! the other waits for the next pass, which re-checks the fixed text, except deletions of
//! neighbouring lines, which merge; passes repeat until no fix applies, so running `--fix` again
//! changes nothing; a file is written through a temporary file in its own folder and a rename,
//! with its permissions kept, and not at all when its bytes changed since they were read.

mod prose;
mod settle;
mod write;

pub use prose::{fit_to_prose, in_file};
pub use settle::{Conflict, Fixed, MAX_PASSES, fix_until_stable};
pub use write::{WriteOutcome, atomic_write, create_temporary, write_if_unchanged};

use crate::checks::deletion;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::span::Span;

/// Which fixes `--fix` and `--diff` apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// Also the unsafe fixes (`--unsafe-fixes`), not only the safe ones.
    pub unsafe_fixes: bool,
}

impl FixOptions {
    pub fn applies(self, applicability: Applicability) -> bool {
        self.unsafe_fixes || applicability == Applicability::Safe
    }
}

/// One replacement in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
    /// The rule whose fix this is (the first one's, when deletions of neighbouring lines merged).
    pub rule: std::sync::Arc<str>,
    /// How many fixes this edit applies: more than one when deletions merged.
    pub fixes: usize,
}

/// The fixes of `diagnostics` (in output order) that `options` allows and that apply to `text`:
/// in bounds, on character boundaries, changing something, and not overlapping an earlier one,
/// except that deletions of whole lines next to or over one another merge into one (with the
/// blank lines around them tidied, see [`deletion::lines`]). Sorted by position.
pub fn edits(text: &str, diagnostics: &[Diagnostic], options: FixOptions) -> Vec<Edit> {
    edits_where(text, diagnostics, options, |_| true)
}

/// [`edits`] of the diagnostics that `keep` accepts.
fn edits_where(
    text: &str,
    diagnostics: &[Diagnostic],
    options: FixOptions,
    keep: impl Fn(&Diagnostic) -> bool,
) -> Vec<Edit> {
    let mut fixes: Vec<Edit> = diagnostics
        .iter()
        .filter(|d| keep(d))
        .filter_map(|d| {
            let f = d
                .fix
                .as_ref()
                .filter(|f| options.applies(f.applicability))?;
            let span = f.span.span();
            let old = text.get(span.range())?;
            (old != f.replacement).then(|| Edit {
                span,
                replacement: f.replacement.clone(),
                rule: d.rule.clone(),
                fixes: 1,
            })
        })
        .collect();
    // Stable: of fixes at the same place, the diagnostic that comes first in the output wins.
    fixes.sort_by_key(|e| (e.span.start, e.span.end));
    let is_lines = |e: &Edit| e.replacement.is_empty() && deletion::is_lines(text, e.span);
    let mut out: Vec<Edit> = Vec::with_capacity(fixes.len());
    for e in fixes {
        if let Some(last) = out.last_mut() {
            if is_lines(last) && is_lines(&e) && e.span.start <= last.span.end {
                last.span.end = last.span.end.max(e.span.end);
                last.fixes += e.fixes;
                continue;
            }
            // Accepted edits are sorted and disjoint, so only the last can overlap. Two edits at
            // the same start conflict even when one is an insertion: their order would be arbitrary.
            if e.span.start < last.span.end || e.span.start == last.span.start {
                continue;
            }
        }
        out.push(e);
    }
    // Each finding tidied the blank lines around its own line; a merged run is tidied as a whole,
    // unless that would reach into a neighbouring edit.
    for i in 0..out.len() {
        if out[i].fixes > 1 && is_lines(&out[i]) {
            let tidy = deletion::lines(text, out[i].span);
            let after_previous = i == 0 || out[i - 1].span.end <= tidy.start;
            let before_next = out.get(i + 1).is_none_or(|n| tidy.end <= n.span.start);
            if after_previous && before_next {
                out[i].span = tidy;
            }
        }
    }
    out
}

/// `text` with `edits` (sorted, disjoint) applied; every byte outside them is copied unchanged.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A unified diff (3 lines of context) from `old` to `new`, headed `--- path` / `+++ path` so
/// that `patch -p0` applies it; empty when they are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Location, Severity};

    pub(crate) fn fixing(start: usize, end: usize, replacement: &str) -> Diagnostic {
        fixing_by("style/x", start, end, replacement, Applicability::Safe)
    }

    pub(crate) fn fixing_by(
        rule: &str,
        start: usize,
        end: usize,
        replacement: &str,
        applicability: Applicability,
    ) -> Diagnostic {
        let at = Location {
            start,
            end,
            line: 1,
            column: start + 1,
            end_line: 1,
            end_column: end + 1,
        };
        Diagnostic {
            path: "a.txt".into(),
            rule: rule.into(),
            severity: Severity::Warning,
            message: String::new(),
            span: at,
            labels: vec![],
            notes: vec![],
            help: None,
            fix: Some(Fix {
                span: at,
                replacement: replacement.into(),
                applicability,
            }),
            url: None,
        }
    }

    fn replacements(edits: &[Edit]) -> Vec<&str> {
        edits.iter().map(|e| e.replacement.as_str()).collect()
    }

    #[test]
    fn overlapping_fixes_first_wins_and_no_ops_are_dropped() {
        let text = "abcdefgh";
        let ds = [
            fixing(0, 3, "X"),
            fixing(2, 5, "Y"),
            fixing(5, 5, "+"),
            fixing(5, 5, "-"),
            fixing(6, 7, "g"),
            fixing(7, 8, ""),
        ];
        let es = edits(text, &ds, FixOptions::default());
        assert_eq!(replacements(&es), ["X", "+", ""]);
        assert_eq!(apply(text, &es), "Xde+fg");
    }

    #[test]
    fn unsafe_fixes_apply_only_when_asked() {
        let ds = [
            fixing(0, 1, "A"),
            fixing_by("names/x", 2, 3, "C", Applicability::Unsafe),
        ];
        let safe = edits("abc", &ds, FixOptions::default());
        assert_eq!(replacements(&safe), ["A"]);
        let all = edits("abc", &ds, FixOptions { unsafe_fixes: true });
        assert_eq!(apply("abc", &all), "AbC");
    }

    #[test]
    fn deleted_neighbouring_lines_merge_and_leave_one_blank_line() {
        // `Share` and `Tweet` are deleted by two findings, each seeing only its own line.
        let text = "A.\n\nShare\nTweet\n\nB.\n";
        let ds = [fixing(4, 10, ""), fixing(10, 16, "")];
        let es = edits(text, &ds, FixOptions::default());
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].fixes, 2);
        assert_eq!(apply(text, &es), "A.\n\nB.\n");
    }

    #[test]
    fn out_of_bounds_and_mid_character_fixes_are_ignored() {
        let ds = [fixing(1, 2, "e"), fixing(0, 9, "x")];
        assert!(edits("é", &ds, FixOptions::default()).is_empty());
    }

    #[test]
    fn diff_has_headers_and_context() {
        let diff = unified_diff("a.txt", "one\ntwo\n", "one\n2\n");
        assert_eq!(
            diff,
            "--- a.txt\n+++ a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n"
        );
        assert_eq!(unified_diff("a.txt", "x", "x"), "");
    }
}
