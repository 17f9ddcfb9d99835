//! Fixes: choosing the fixes of a file's diagnostics that can be applied together, applying them to
//! the text, showing them as a unified diff, and writing a file safely.
//!
//! The guarantees (docs/workflow.md, "Fixes"): only the bytes inside fixed spans change; of two
//! overlapping fixes the first in output order wins and the other waits for the next pass, which
//! re-checks the fixed text; passes repeat until no fix applies, so running `--fix` again changes
//! nothing; a file is written through a temporary file in its own folder and a rename, with its
//! permissions kept, and not at all when its bytes changed since they were read.

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use std::fs::{self, OpenOptions, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One replacement in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// Passes of fix-and-recheck before giving up on a file whose fixes keep producing new fixes
/// (which only a rule whose replacement matches another rule could cause).
pub const MAX_PASSES: usize = 10;

/// The fixes of `diagnostics` (in output order) that apply to `text`: in bounds, on character
/// boundaries, changing something, and not overlapping an earlier one. Sorted by position.
pub fn edits(text: &str, diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut fixes: Vec<Edit> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .map(|f| Edit {
            span: f.span.span(),
            replacement: f.replacement.clone(),
        })
        .filter(|e| {
            text.get(e.span.range())
                .is_some_and(|old| old != e.replacement)
        })
        .collect();
    // Stable: of fixes at the same place, the diagnostic that comes first in the output wins.
    fixes.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out: Vec<Edit> = Vec::with_capacity(fixes.len());
    for e in fixes {
        // Accepted edits are sorted and disjoint, so only the last can overlap. Two edits at the
        // same start conflict even when one is an insertion: their order would be arbitrary.
        if out
            .last()
            .is_some_and(|last| e.span.start < last.span.end || e.span.start == last.span.start)
        {
            continue;
        }
        out.push(e);
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

/// The end state of fixing one text.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    /// How many edits were applied over all passes.
    pub applied: usize,
    /// The diagnostics of the final text.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks `text` with `check`, applies the fixes, and repeats on the fixed text until no fix
/// applies (or [`MAX_PASSES`]). Without fixes this is exactly one check.
pub fn fix_until_stable(text: &str, mut check: impl FnMut(&str) -> Vec<Diagnostic>) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let diagnostics = check(&current);
        let edits = edits(&current, &diagnostics);
        if edits.is_empty() {
            return Fixed {
                text: current,
                applied,
                diagnostics,
            };
        }
        current = apply(&current, &edits);
        applied += edits.len();
    }
    let diagnostics = check(&current);
    Fixed {
        text: current,
        applied,
        diagnostics,
    }
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Written,
    /// The file's bytes are no longer those that were read: nothing was written.
    ChangedSinceRead,
    /// A pipe or device, which can be read once but not replaced: nothing was written.
    NotRegular,
}

/// Replaces the file at `path` with `new`, unless its bytes differ from `read` (what the check
/// saw). A symbolic link is followed and its target rewritten; the file's permissions are kept.
pub fn write_if_unchanged(path: &Path, read: &[u8], new: &[u8]) -> io::Result<WriteOutcome> {
    let target = fs::canonicalize(path)?;
    if !fs::metadata(&target)?.is_file() {
        return Ok(WriteOutcome::NotRegular);
    }
    if fs::read(&target)? != read {
        return Ok(WriteOutcome::ChangedSinceRead);
    }
    let meta = fs::metadata(&target)?;
    // Replacing a file by rename would succeed on a read-only file; its owner meant otherwise.
    if meta.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    atomic_write(&target, new, Some(meta.permissions()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Keep the owner when run as another user who may change it (root); otherwise the new
        // file is already the user's own, and failing to change it is not an error.
        if fs::metadata(&target).is_ok_and(|now| (now.uid(), now.gid()) != (meta.uid(), meta.gid()))
        {
            let _ = std::os::unix::fs::chown(&target, Some(meta.uid()), Some(meta.gid()));
        }
    }
    Ok(WriteOutcome::Written)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a reader
/// (or a crash) sees the old file or the new one, never half of one.
pub fn atomic_write(path: &Path, bytes: &[u8], permissions: Option<Permissions>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let (tmp, mut file) = loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(
            ".{}.copydesk-{}-{n}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        file.write_all(bytes)?;
        if let Some(p) = permissions {
            file.set_permissions(p)?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Location, Severity};

    fn fixing(start: usize, end: usize, replacement: &str) -> Diagnostic {
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
            rule: "style/x".into(),
            severity: Severity::Warning,
            message: String::new(),
            span: at,
            labels: vec![],
            notes: vec![],
            help: None,
            fix: Some(Fix {
                span: at,
                replacement: replacement.into(),
            }),
            url: None,
            fingerprint: None,
        }
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
        let es = edits(text, &ds);
        assert_eq!(
            es.iter()
                .map(|e| e.replacement.as_str())
                .collect::<Vec<_>>(),
            ["X", "+", ""]
        );
        assert_eq!(apply(text, &es), "Xde+fg");
    }

    #[test]
    fn out_of_bounds_and_mid_character_fixes_are_ignored() {
        assert!(edits("é", &[fixing(1, 2, "e"), fixing(0, 9, "x")]).is_empty());
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
