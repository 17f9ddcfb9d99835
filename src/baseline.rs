//! Baselines: a committed list of known findings that a check run does not report, so that old
//! articles do not block new work.
//!
//! A finding is known by its file, its rule, the text it flags and a little context (up to
//! [`CONTEXT`] characters either side on the same line, white space collapsed), never by line
//! numbers, so edits elsewhere in the file keep it known. Matching counts: a baseline entry with
//! `count = 2` hides two identical findings, not three. Entries that hide nothing in a checked
//! file are *stale* and reported so the file can be cleaned. Format: docs/workflow.md, "Baseline".

use crate::diagnostic::Diagnostic;
use crate::error::InputError;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The format version written and understood.
pub const VERSION: u32 = 1;

/// Characters of context kept on each side of the flagged text.
pub const CONTEXT: usize = 30;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// One known finding (or `count` identical ones).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the baseline's folder when it is inside it, with `/` separators.
    pub path: String,
    pub rule: String,
    /// The flagged text, white space collapsed.
    #[serde(rename = "match")]
    pub matched: String,
    /// The flagged text with its surroundings on the same line, white space collapsed.
    pub context: String,
    pub count: usize,
}

/// What a finding is known by within one file: rule, match, context.
type Key = (String, String, String);

impl Entry {
    fn new(path: &str, (rule, matched, context): Key, count: usize) -> Entry {
        Entry {
            path: path.to_string(),
            rule,
            matched,
            context,
            count,
        }
    }
}

fn key(text: &str, d: &Diagnostic) -> Key {
    let span = crate::error::clamp(d.span.span(), text);
    // Up to CONTEXT characters each side, within the line: read outwards from the span, so that
    // many findings on one long line do not each read the whole line.
    let from = text[..span.start]
        .char_indices()
        .rev()
        .take(CONTEXT)
        .take_while(|&(_, c)| c != '\n')
        .last()
        .map_or(span.start, |(i, _)| i);
    let to = text[span.end..]
        .char_indices()
        .take(CONTEXT)
        .take_while(|&(_, c)| c != '\n')
        .last()
        .map_or(span.end, |(i, c)| span.end + i + c.len_utf8());
    let (before, after) = (&text[from..span.start], &text[span.end..to]);
    let matched = collapse(&text[span.range()]);
    let context = collapse(&format!("{before}{}{after}", &text[span.range()]));
    (d.rule.to_string(), matched, context)
}

/// A stable 64-bit fingerprint of what the baseline knows a finding by (rule, match, context: not
/// its line), for SARIF's `partialFingerprints`, so that code scanning follows a finding across
/// edits exactly as a baseline does. FNV-1a: fixed, so the value never changes across versions
/// and platforms (std's hasher promises neither).
pub fn fingerprint(text: &str, d: &Diagnostic) -> u64 {
    let (rule, matched, context) = key(text, d);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    // The parts are separated by a byte no UTF-8 text holds, so `a` + `bc` differs from `ab` + `c`.
    for byte in [rule, matched, context]
        .iter()
        .flat_map(|p| p.bytes().chain([0xff]))
    {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Sets the [`fingerprint`] of each of `diagnostics`, findings in the file whose text is `text`.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The entries recording `diagnostics` of the file `path` whose text is `text`.
pub fn entries(path: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<Entry> {
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for d in diagnostics {
        *counts.entry(key(text, d)).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(key, count)| Entry::new(path, key, count))
        .collect()
}

/// A loaded baseline.
#[derive(Debug, Default)]
pub struct Baseline {
    files: BTreeMap<String, BTreeMap<Key, usize>>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, InputError> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| InputError::io(&display, &e))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            let message = format!("`{display}` is not a copydesk baseline: {e}");
            let at = offset(&text, e.line(), e.column());
            InputError::new(&display, message).at(
                &text,
                crate::error::clamp(Span::new(at, at + 1), &text),
                "here",
            )
        })?;
        if file.version != VERSION {
            return Err(InputError::new(
                &display,
                format!(
                    "`{display}`: baseline version {} is not supported (expected {VERSION})",
                    file.version
                ),
            )
            .with_help("write a new one with `copydesk check --write-baseline`"));
        }
        let mut baseline = Baseline::default();
        for e in file.findings {
            *baseline
                .files
                .entry(e.path)
                .or_default()
                .entry((e.rule, e.matched, e.context))
                .or_default() += e.count;
        }
        Ok(baseline)
    }

    /// Removes the findings of the file `path` that the baseline knows, as many of each as it
    /// counts. Returns the rest, and the file's entries left with something still to hide (stale,
    /// unless later findings of the file use them up: see [`hide_with`]).
    pub fn filter(
        &self,
        path: &str,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, Vec<Entry>) {
        match self.files.get(path) {
            Some(known) => hide(path, text, diagnostics, known.clone()),
            None => (diagnostics, Vec::new()),
        }
    }
}

/// Removes from `diagnostics` (of the file `path`, whose text is `text`) those that `left`, the
/// file's entries not used up yet, still hide. Returns the rest and the entries left after them.
pub fn hide_with(
    path: &str,
    text: &str,
    diagnostics: Vec<Diagnostic>,
    left: Vec<Entry>,
) -> (Vec<Diagnostic>, Vec<Entry>) {
    let mut known: BTreeMap<Key, usize> = BTreeMap::new();
    for e in left {
        *known.entry((e.rule, e.matched, e.context)).or_default() += e.count;
    }
    hide(path, text, diagnostics, known)
}

fn hide(
    path: &str,
    text: &str,
    diagnostics: Vec<Diagnostic>,
    mut left: BTreeMap<Key, usize>,
) -> (Vec<Diagnostic>, Vec<Entry>) {
    let kept = diagnostics
        .into_iter()
        .filter(|d| match left.get_mut(&key(text, d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    let stale = left
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(key, count)| Entry::new(path, key, count))
        .collect();
    (kept, stale)
}

impl Baseline {
    /// The entries of files not in `checked` that no longer exist (paths relative to `folder`).
    pub fn entries_of_missing_files(
        &self,
        checked: &std::collections::BTreeSet<String>,
        folder: &Path,
    ) -> Vec<Entry> {
        self.files
            .iter()
            .filter(|(path, _)| {
                !checked.contains(*path) && *path != "-" && !folder.join(path).exists()
            })
            .flat_map(|(path, known)| {
                known
                    .iter()
                    .map(|((rule, matched, context), &count)| Entry {
                        path: path.clone(),
                        rule: rule.clone(),
                        matched: matched.clone(),
                        context: context.clone(),
                        count,
                    })
            })
            .collect()
    }
}

/// The byte offset of a 1-based line and column (as serde_json reports them).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// The baseline text for `entries`: sorted, identical entries merged, pretty JSON.
pub fn render(mut entries: Vec<Entry>) -> String {
    entries.sort();
    let mut merged: Vec<Entry> = Vec::with_capacity(entries.len());
    for e in entries {
        match merged.last_mut() {
            Some(last)
                if (&last.path, &last.rule, &last.matched, &last.context)
                    == (&e.path, &e.rule, &e.matched, &e.context) =>
            {
                last.count += e.count
            }
            _ => merged.push(e),
        }
    }
    let mut out = serde_json::to_string_pretty(&BaselineFile {
        version: VERSION,
        findings: merged,
    })
    .expect("entries serialise");
    out.push('\n');
    out
}

/// Writes the baseline for `entries` to `path`, atomically, keeping an existing file's permissions.
pub fn write(path: &Path, entries: Vec<Entry>) -> std::io::Result<()> {
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    crate::fix::atomic_write(path, render(entries).as_bytes(), permissions)
}

/// The folder a baseline's paths are relative to: the baseline file's own, made absolute.
pub fn folder(baseline: &Path) -> PathBuf {
    let dir = match baseline.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// The name the file at `file` (shown as `display`) goes by in a baseline in `folder`: relative to
/// it when inside it, else as shown; always with `/` separators.
pub fn path_key(folder: &Path, file: &Path, display: &str) -> String {
    let relative = std::fs::canonicalize(file)
        .ok()
        .and_then(|f| f.strip_prefix(folder).ok().map(Path::to_path_buf));
    let shown = match &relative {
        Some(r) => r.to_string_lossy().into_owned(),
        None => display.strip_prefix("./").unwrap_or(display).to_string(),
    };
    shown.replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Severity};

    fn at(text: &str, needle: &str, nth: usize) -> Diagnostic {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        let span = Location {
            start,
            end: start + needle.len(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
        };
        Diagnostic {
            path: "a.txt".into(),
            rule: "residue/x".into(),
            severity: Severity::Error,
            message: String::new(),
            span,
            labels: vec![],
            notes: vec![],
            help: None,
            fix: None,
            url: None,
        }
    }

    #[test]
    fn fingerprints_follow_the_baseline_key_not_the_line() {
        let text = "Read More here.\nRead More here.\nRead More there.\n";
        let moved = format!("A new first line.\n{text}");
        let fp = |text: &str, nth| fingerprint(text, &at(text, "Read More", nth));
        assert_eq!(fp(text, 0), fp(text, 1), "same rule, match and context");
        assert_ne!(fp(text, 0), fp(text, 2), "another context");
        assert_eq!(fp(text, 2), fp(&moved, 2), "a line inserted above");
        // Pinned: the value is part of what code scanning stores between runs.
        assert_eq!(fp(text, 0), 0xcded_24cf_411c_b8e2);
    }

    #[test]
    fn context_is_clipped_to_the_line_and_collapsed() {
        let text = "First line.\nA  long line with the fault Read More in the middle of a great many more words\n";
        let (_, matched, context) = key(text, &at(text, "Read More", 0));
        assert_eq!(matched, "Read More");
        assert_eq!(
            context,
            "A long line with the fault Read More in the middle of a great many"
        );
    }

    #[test]
    fn counts_match_and_leftovers_are_stale() {
        let text = "x Read More\nx Read More\n";
        let ds = vec![at(text, "Read More", 0), at(text, "Read More", 1)];
        let written = entries("a.txt", text, &ds);
        assert_eq!(written.len(), 1);
        assert_eq!(written[0].count, 2);
        let baseline = Baseline {
            files: BTreeMap::from([(
                "a.txt".to_string(),
                BTreeMap::from([(key(text, &ds[0]), 1)]),
            )]),
        };
        let (kept, stale) = baseline.filter("a.txt", text, ds.clone());
        assert_eq!(kept, [ds[1].clone()]);
        assert!(stale.is_empty());
        let (kept, stale) = baseline.filter("a.txt", "nothing\n", vec![]);
        assert!(kept.is_empty());
        assert_eq!(stale.len(), 1);
    }

    #[test]
    fn render_sorts_and_merges() {
        let e = |path: &str, count| Entry {
            path: path.into(),
            rule: "r/x".into(),
            matched: "m".into(),
            context: "c".into(),
            count,
        };
        let text = render(vec![e("b.txt", 1), e("a.txt", 1), e("a.txt", 2)]);
        let back: BaselineFile = serde_json::from_str(&text).unwrap();
        assert_eq!(back.findings, [e("a.txt", 3), e("b.txt", 1)]);
        assert!(text.starts_with(
            "{\n  \"version\": 1,\n  \"findings\": [\n    {\n      \"path\": \"a.txt\",\n"
        ));
    }
}
