//! Applying fixes pass after pass until the text settles.
//!
//! Each pass checks the text, applies the fixes that fit together ([`super::edits`]) and checks
//! the result again, since a fix left out for overlapping may apply now. Fixes that do not settle
//! are found and left out rather than applied back and forth:
//!
//! - a fix that undoes a fix of the previous pass (`style/official-names` writes `Fund` where
//!   `names/possible-variant` then writes `Fond` back): neither is applied;
//! - a fix that rewrites what its own rule wrote in the previous pass (a replacement that holds
//!   its own phrase, which would grow forever);
//! - a pass that brings back a text seen before (a longer cycle), or passes that never end
//!   (after [`MAX_PASSES`], every fix applied so far is left out: a rule that fixes one occurrence
//!   a pass, eleven times, is as suspect as a loop).
//!
//! The fixes left out are known by rule, the text they replace and their replacement, so the
//! passes start again from the text that was read without them; each such conflict is reported
//! once, where it is in that text. A file whose bytes end as they were read counts no fixes.

use super::{Edit, FixOptions, apply};
use crate::diagnostic::{Applicability, Diagnostic};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Passes of fix-and-recheck before a file's fixes count as never settling.
pub const MAX_PASSES: usize = 10;

/// Fresh starts after a conflict; each leaves out at least one more fix.
const MAX_ATTEMPTS: usize = 10;

/// Runs again on a result reached by leaving fixes out, before it counts as not settling.
const MAX_ROUNDS: usize = 3;

/// The end state of fixing one text.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    /// How many fixes were applied over all passes (none when the text ends as it was read).
    pub applied: usize,
    /// The diagnostics of the final text.
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes left out because they did not settle, one entry per conflict.
    pub conflicts: Vec<Conflict>,
    /// Fixes of the final text that only `--unsafe-fixes` would apply (none with it).
    pub unsafe_left: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Two rules' fixes undo each other.
    Undo,
    /// A rule's fix rewrites its own replacement.
    Regrow,
    /// Fixes bring back a text seen before.
    Cycle,
    /// Fixes still change the text after [`MAX_PASSES`] passes.
    Unsettled,
}

/// Fixes left out of a file because they did not settle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The rules whose fixes were left out, in the order they applied.
    pub rules: Vec<String>,
    /// Where, in the text that was read: byte offset, line and column (1-based, in characters).
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

impl Conflict {
    /// The line for the run's notes about this conflict in the file shown as `path`.
    pub fn note(&self, path: &str) -> String {
        let at = format!("copydesk: {path}:{}:{}:", self.line, self.column);
        let rules: Vec<String> = self.rules.iter().map(|r| format!("`{r}`")).collect();
        match self.kind {
            ConflictKind::Undo => format!(
                "{at} the fixes of {} undo each other; neither was applied",
                rules.join(" and ")
            ),
            ConflictKind::Regrow => format!(
                "{at} the fix of {} matches its own replacement again; it was not applied",
                rules.join(", ")
            ),
            ConflictKind::Cycle => format!(
                "{at} the fixes of {} bring back a text they changed; none of them was applied",
                rules.join(", ")
            ),
            ConflictKind::Unsettled => format!(
                "{at} the fixes of {} still change the text after {MAX_PASSES} passes; none of them was applied",
                rules.join(", ")
            ),
        }
    }
}

/// A fix as it is known across passes: its rule, the text it replaces, its replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Signature {
    rule: std::sync::Arc<str>,
    old: String,
    new: String,
}

impl Signature {
    fn of(edit: &Edit, text: &str) -> Signature {
        Signature {
            rule: edit.rule.clone(),
            old: text.get(edit.span.range()).unwrap_or_default().to_string(),
            new: edit.replacement.clone(),
        }
    }

    fn matches(&self, d: &Diagnostic, text: &str) -> bool {
        d.fix.as_ref().is_some_and(|f| {
            d.rule == self.rule
                && f.replacement == self.new
                && text.get(f.span.span().range()) == Some(self.old.as_str())
        })
    }
}

/// Fixes left out, with the note their diagnostics get.
type Blocked = Vec<(Signature, String)>;

/// Checks `text` with `check`, applies the fixes `options` allows, and repeats on the fixed text
/// until no fix applies, leaving out fixes that do not settle (see the module documentation).
/// Without fixes this is exactly one check.
///
/// Fixes left out are not remembered by the next run: `--fix` run again on the result would try
/// them on the new text, where they may lead elsewhere. So a result reached by leaving fixes out is
/// kept only once fixing it again changes nothing (a few rounds are tried); otherwise none of the
/// file's fixes is applied. Either way a second `--fix` changes nothing.
pub fn fix_until_stable(
    text: &str,
    options: FixOptions,
    mut check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let (first, blocked) = settle(text, options, &mut check);
    if blocked.is_empty() {
        // Its last pass checked the final text with every fix allowed and found none to apply.
        return first;
    }
    let mut fixed = first;
    for _ in 0..MAX_ROUNDS {
        let (again, _) = settle(&fixed.text, options, &mut check);
        if again.text == fixed.text {
            // The conflicts reported are those found in the text that was read.
            return Fixed {
                applied: if fixed.text == text { 0 } else { fixed.applied },
                diagnostics: again.diagnostics,
                unsafe_left: again.unsafe_left,
                ..fixed
            };
        }
        fixed.applied += again.applied;
        fixed.text = again.text;
    }
    let mut diagnostics = check(text);
    for d in &mut diagnostics {
        if d.fix.take().is_some() {
            d.notes
                .push("not fixed: the fixes in this file do not settle".to_string());
        }
    }
    Fixed {
        text: text.to_string(),
        applied: 0,
        diagnostics,
        conflicts: fixed.conflicts,
        unsafe_left: 0,
    }
}

/// One run of [`fix_until_stable`]'s passes, with the fixes it had to leave out.
fn settle(
    text: &str,
    options: FixOptions,
    check: &mut impl FnMut(&str) -> Vec<Diagnostic>,
) -> (Fixed, Blocked) {
    let mut blocked: Blocked = Vec::new();
    let mut conflicts = Vec::new();
    for _ in 0..MAX_ATTEMPTS {
        match attempt(text, options, check, &blocked) {
            Ok((fixed, applied, diagnostics)) => {
                let fixed = finish(
                    text,
                    fixed,
                    applied,
                    diagnostics,
                    conflicts,
                    &blocked,
                    options,
                );
                return (fixed, blocked);
            }
            Err((conflict, left_out)) => {
                conflicts.push(conflict);
                blocked.extend(left_out);
            }
        }
    }
    // Still not settled: nothing is applied, and the last conflict says where it failed.
    let diagnostics = check(text);
    let fixed = finish(
        text,
        text.to_string(),
        0,
        diagnostics,
        conflicts,
        &blocked,
        options,
    );
    (fixed, blocked)
}

type Attempt = Result<(String, usize, Vec<Diagnostic>), (Conflict, Blocked)>;

/// One run of passes from the text that was read, leaving out the `blocked` fixes.
fn attempt(
    original: &str,
    options: FixOptions,
    check: &mut impl FnMut(&str) -> Vec<Diagnostic>,
    blocked: &Blocked,
) -> Attempt {
    let mut current = original.to_string();
    let mut applied = 0;
    // Each pass's edits, in the coordinates of the text it edited, and their signatures; the text
    // before the last pass; the pass that each text seen went into.
    let mut history: Vec<Vec<Edit>> = Vec::new();
    let mut signatures: Vec<Vec<Signature>> = Vec::new();
    let mut before = String::new();
    let mut seen = HashMap::from([(hash(original), 0usize)]);
    for pass in 0..MAX_PASSES {
        let diagnostics = check(&current);
        let edits = super::edits_where(&current, &diagnostics, options, |d| {
            !blocked.iter().any(|(s, _)| s.matches(d, &current))
        });
        if edits.is_empty() {
            return Ok((current, applied, diagnostics));
        }
        let conflict = |kind, left_out: Vec<Signature>, offset: usize, history: &[Vec<Edit>]| {
            let offset = map_back(offset, history);
            let mut rules: Vec<String> = Vec::new();
            for s in &left_out {
                if !rules.iter().any(|r| **r == *s.rule) {
                    rules.push(s.rule.to_string());
                }
            }
            let left_out = left_out
                .into_iter()
                .map(|s| {
                    let note = left_out_note(kind, &rules, &s.rule);
                    (s, note)
                })
                .collect();
            let (line, column) = position(original, offset);
            let found = Conflict {
                kind,
                rules,
                offset,
                line,
                column,
            };
            Err((found, left_out))
        };
        if let Some(previous) = history.last()
            && let Some((i, j, kind)) = undoing(&before, previous, &current, &edits)
        {
            let pair = vec![
                Signature::of(&previous[i], &before),
                Signature::of(&edits[j], &current),
            ];
            return conflict(
                kind,
                pair,
                previous[i].span.start,
                &history[..history.len() - 1],
            );
        }
        let next = apply(&current, &edits);
        signatures.push(edits.iter().map(|e| Signature::of(e, &current)).collect());
        let first = match seen.insert(hash(&next), pass + 1) {
            // The passes since the one that read this text make a cycle.
            Some(first) => Some((first, ConflictKind::Cycle)),
            // Never settling: every pass so far.
            None if pass + 1 == MAX_PASSES => Some((0, ConflictKind::Unsettled)),
            None => None,
        };
        if let Some((first, kind)) = first {
            let all = signatures.drain(first..).flatten().collect();
            let offset = history
                .get(first)
                .map_or(edits[0].span.start, |e| e[0].span.start);
            return conflict(kind, all, offset, &history[..first]);
        }
        applied += edits.iter().map(|e| e.fixes).sum::<usize>();
        history.push(edits);
        before = std::mem::replace(&mut current, next);
    }
    unreachable!("the last pass returns")
}

/// The note of a diagnostic whose fix was left out.
fn left_out_note(kind: ConflictKind, rules: &[String], own: &str) -> String {
    let others: Vec<String> = rules
        .iter()
        .filter(|r| *r != own)
        .map(|r| format!("`{r}`"))
        .collect();
    match kind {
        ConflictKind::Undo if !others.is_empty() => format!(
            "not fixed: this fix and the fix of {} undo each other",
            others.join(", ")
        ),
        ConflictKind::Undo | ConflictKind::Regrow => {
            "not fixed: the fix matches its own replacement again".to_string()
        }
        ConflictKind::Cycle | ConflictKind::Unsettled => {
            "not fixed: fixes here keep changing the text".to_string()
        }
    }
}

fn finish(
    original: &str,
    text: String,
    applied: usize,
    mut diagnostics: Vec<Diagnostic>,
    conflicts: Vec<Conflict>,
    blocked: &Blocked,
    options: FixOptions,
) -> Fixed {
    let applied = if text == original { 0 } else { applied };
    // A fix left out is not offered either: its diagnostic says why instead.
    for d in &mut diagnostics {
        if let Some((_, note)) = blocked.iter().find(|(s, _)| s.matches(d, &text)) {
            d.fix = None;
            d.notes.push(note.clone());
        }
    }
    let unsafe_left = if options.unsafe_fixes {
        0
    } else {
        diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Unsafe)
            })
            .count()
    };
    Fixed {
        text,
        applied,
        diagnostics,
        conflicts,
        unsafe_left,
    }
}

/// The first fix of `now` (on `text`, which is `before` with `previous` applied) that undoes a fix
/// of `previous`, or, being of the same rule, rewrites what that fix wrote: `(index in previous,
/// index in now, kind)`.
fn undoing(
    before: &str,
    previous: &[Edit],
    text: &str,
    now: &[Edit],
) -> Option<(usize, usize, ConflictKind)> {
    let mut delta: isize = 0;
    for (i, e) in previous.iter().enumerate() {
        let start = e.span.start.checked_add_signed(delta)?;
        let end = start + e.replacement.len();
        delta += e.replacement.len() as isize - e.span.len() as isize;
        let from = now.partition_point(|n| n.span.end < start);
        for (j, n) in now.iter().enumerate().skip(from) {
            if n.span.start > end {
                break;
            }
            // `n` applied to what `e` wrote (and what it touches around it) …
            let (lo, hi) = (start.min(n.span.start), end.max(n.span.end));
            let redone = [
                text.get(lo..n.span.start),
                Some(n.replacement.as_str()),
                text.get(n.span.end..hi),
            ];
            // … is the text `e` replaced, with the same surroundings.
            let undone = e
                .span
                .start
                .checked_sub(start - lo)
                .and_then(|a| before.get(a..e.span.end + (hi - end)));
            if let (Some(undone), [Some(a), Some(b), Some(c)]) = (undone, redone)
                && undone.len() == a.len() + b.len() + c.len()
                && undone.starts_with(a)
                && undone[a.len()..].starts_with(b)
                && undone.ends_with(c)
            {
                return Some((i, j, ConflictKind::Undo));
            }
            let overlaps = (n.span.start < end && start < n.span.end)
                || (n.span.is_empty() && start < n.span.start && n.span.start < end);
            if n.rule == e.rule && overlaps {
                return Some((i, j, ConflictKind::Regrow));
            }
        }
    }
    None
}

/// An offset of the text after the passes of `history` mapped back to the text before them: an
/// offset inside what a fix wrote maps to the start of what it replaced.
fn map_back(mut offset: usize, history: &[Vec<Edit>]) -> usize {
    for edits in history.iter().rev() {
        let mut delta: isize = 0;
        let mut mapped = None;
        for e in edits {
            let start = e.span.start.saturating_add_signed(delta);
            if offset < start {
                break;
            }
            if offset < start + e.replacement.len() {
                mapped = Some(e.span.start);
                break;
            }
            delta += e.replacement.len() as isize - e.span.len() as isize;
        }
        offset = mapped.unwrap_or_else(|| offset.saturating_add_signed(-delta));
    }
    offset
}

/// The 1-based line and column (in characters) of `offset` in `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn hash(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::tests::fixing_by;

    /// The run's notes about the conflicts of `fixed`, for a file shown as `a.txt`.
    fn notes(fixed: &Fixed) -> Vec<String> {
        fixed.conflicts.iter().map(|c| c.note("a.txt")).collect()
    }

    /// A checker with two rules that undo each other: `x` writes `Fund` for `Fond` (a phrase),
    /// `y` writes `Fond` for every `Fund` but the first.
    fn seesaw(text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, _) in text.match_indices("Monetary Fond") {
            out.push(fixing_by(
                "style/x",
                i,
                i + 13,
                "Monetary Fund",
                Applicability::Safe,
            ));
        }
        for (i, _) in text.match_indices("Fund").skip(1) {
            out.push(fixing_by("names/y", i, i + 4, "Fond", Applicability::Safe));
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    #[test]
    fn fixes_that_undo_each_other_are_both_left_out_and_reported_once() {
        let text = "The Fund met.\nThe International Monetary Fond said so.\n";
        let fixed = fix_until_stable(text, FixOptions::default(), seesaw);
        assert_eq!(fixed.text, text);
        assert_eq!(fixed.applied, 0);
        assert_eq!(
            notes(&fixed),
            [
                "copydesk: a.txt:2:19: the fixes of `style/x` and `names/y` undo each other; neither was applied"
            ]
        );
        let d = &fixed.diagnostics[0];
        assert_eq!((&*d.rule, d.fix.as_ref()), ("style/x", None));
        assert_eq!(
            d.notes,
            ["not fixed: this fix and the fix of `names/y` undo each other"]
        );
    }

    #[test]
    fn a_replacement_that_holds_its_own_phrase_is_not_applied_forever() {
        let grow = |text: &str| -> Vec<Diagnostic> {
            text.match_indices("Fund")
                .take(1)
                .map(|(i, _)| fixing_by("style/x", i, i + 4, "Monetary Fund", Applicability::Safe))
                .collect()
        };
        let fixed = fix_until_stable("The Fund.", FixOptions::default(), grow);
        assert_eq!((fixed.text.as_str(), fixed.applied), ("The Fund.", 0));
        assert_eq!(
            fixed.conflicts[0].note("a.txt"),
            "copydesk: a.txt:1:5: the fix of `style/x` matches its own replacement again; it was not applied"
        );
    }

    #[test]
    fn a_longer_cycle_is_found_by_its_repeated_text() {
        // a → b → c → a, each by a different rule.
        let cycle = |text: &str| -> Vec<Diagnostic> {
            let (rule, to) = match text {
                "a" => ("r/one", "b"),
                "b" => ("r/two", "c"),
                _ => ("r/three", "a"),
            };
            vec![fixing_by(rule, 0, 1, to, Applicability::Safe)]
        };
        let fixed = fix_until_stable("a", FixOptions::default(), cycle);
        assert_eq!((fixed.text.as_str(), fixed.applied), ("a", 0));
        assert_eq!(
            notes(&fixed),
            [
                "copydesk: a.txt:1:1: the fixes of `r/one`, `r/two`, `r/three` bring back a text they changed; none of them was applied"
            ]
        );
    }

    #[test]
    fn fixes_that_never_stop_are_left_out() {
        let grow = |t: &str| {
            vec![fixing_by(
                "r/grow",
                t.len(),
                t.len(),
                "y",
                Applicability::Safe,
            )]
        };
        let fixed = fix_until_stable("x", FixOptions::default(), grow);
        assert_eq!((fixed.text.as_str(), fixed.applied), ("x", 0));
        assert_eq!(
            notes(&fixed),
            [
                "copydesk: a.txt:1:2: the fixes of `r/grow` still change the text after 10 passes; none of them was applied"
            ]
        );
    }

    #[test]
    fn unsafe_fixes_left_are_counted() {
        let check = |_: &str| vec![fixing_by("names/y", 0, 1, "B", Applicability::Unsafe)];
        let fixed = fix_until_stable("a", FixOptions::default(), check);
        assert_eq!((fixed.text.as_str(), fixed.unsafe_left), ("a", 1));
        let fixed = fix_until_stable("a", FixOptions { unsafe_fixes: true }, |t: &str| {
            if t == "a" { check(t) } else { Vec::new() }
        });
        assert_eq!(
            (fixed.text.as_str(), fixed.applied, fixed.unsafe_left),
            ("B", 1, 0)
        );
    }

    #[test]
    fn offsets_map_back_through_passes() {
        let edit = |start, end, replacement: &str| Edit {
            span: crate::span::Span::new(start, end),
            replacement: replacement.into(),
            rule: "r/x".into(),
            fixes: 1,
        };
        // "abcdef": pass 1 writes "XYZ" over "b" → "aXYZcdef"; pass 2 deletes "XYZc".
        let history = vec![vec![edit(1, 2, "XYZ")]];
        assert_eq!(map_back(5, &history), 3);
        assert_eq!(map_back(2, &history), 1);
        assert_eq!(map_back(0, &history), 0);
    }
}
