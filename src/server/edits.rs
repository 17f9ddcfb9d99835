//! Where a document's text moved between two of its versions: the log of the editor's changes,
//! through which findings of an older version are carried to the text as it is now.
//!
//! The cross-file pass over a large folder runs in the background and may report on a version
//! the user has typed past; its findings are then moved through the edits made since, and a
//! finding whose text an edit touched is dropped (the next pass says whether it still holds).
//! This keeps the names spelled otherwise elsewhere on screen while typing, at their place,
//! without waiting for the pass on every key stroke.

use crate::diagnostic::{Diagnostic, Location};
use crate::source::Source;
use crate::span::Span;
use std::collections::VecDeque;

/// Edits kept: far more than are typed while a pass runs.
const KEPT: usize = 4096;

#[derive(Debug, Default)]
pub struct EditLog {
    /// Each edit: the version it made, the bytes it replaced (in the text before it), and how
    /// many bytes it put there.
    edits: VecDeque<(i32, Span, usize)>,
    /// The last version from which the log cannot map: a whole-text replacement, or an edit
    /// dropped from the log.
    horizon: Option<i32>,
}

impl EditLog {
    pub fn record(&mut self, version: i32, replaced: Span, inserted: usize) {
        if self.edits.len() == KEPT
            && let Some((dropped, ..)) = self.edits.pop_front()
        {
            self.horizon = self.horizon.max(Some(dropped));
        }
        self.edits.push_back((version, replaced, inserted));
    }

    /// The whole text was replaced at `version`: nothing before it maps to after it.
    pub fn replaced(&mut self, version: i32) {
        self.edits.clear();
        self.horizon = self.horizon.max(Some(version));
    }

    /// Where `span` of the text at version `from` is at version `to`; `None` when an edit in
    /// between touched it (or its edges: a word typed onto is another word).
    pub fn map(&self, span: Span, from: i32, to: i32) -> Option<Span> {
        if self.horizon.is_some_and(|h| h > from) {
            return None;
        }
        let mut span = span;
        for &(_, edit, inserted) in self.edits.iter().filter(|(v, ..)| from < *v && *v <= to) {
            if edit.end < span.start {
                let start = span.start - edit.len() + inserted;
                span = Span::new(start, start + span.len());
            } else if edit.start <= span.end {
                return None;
            }
        }
        Some(span)
    }

    /// `d`, found on the text at version `from`, on `source` (the text at version `to`): its
    /// labels in this file and its fix moved too, or left out when they were touched.
    pub fn relocate(
        &self,
        d: &Diagnostic,
        from: i32,
        to: i32,
        source: &Source,
    ) -> Option<Diagnostic> {
        let moved = |at: &Location| {
            let span = self.map(at.span(), from, to)?;
            (span.end <= source.text.len()).then(|| source.location(span))
        };
        let mut d = d.clone();
        d.span = moved(&d.span)?;
        d.labels.retain_mut(|label| {
            if label.path.as_ref().is_some_and(|p| **p != *d.path) {
                return true;
            }
            moved(&label.span).map(|at| label.span = at).is_some()
        });
        d.fix = d.fix.take().and_then(|mut fix| {
            fix.span = moved(&fix.span)?;
            Some(fix)
        });
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_move_with_edits_before_them_and_drop_when_touched() {
        let mut log = EditLog::default();
        // v2: 3 bytes typed at 0; v3: 2 bytes deleted at 20..22; v4: a byte typed at 50.
        log.record(2, Span::new(0, 0), 3);
        log.record(3, Span::new(20, 22), 0);
        log.record(4, Span::new(50, 50), 1);
        assert_eq!(log.map(Span::new(10, 15), 1, 4), Some(Span::new(13, 18)));
        assert_eq!(log.map(Span::new(30, 35), 1, 3), Some(Span::new(31, 36)));
        assert_eq!(log.map(Span::new(30, 35), 2, 4), Some(Span::new(28, 33)));
        // Typed onto the end of a word, or inside it: another word.
        assert_eq!(log.map(Span::new(45, 50), 3, 4), None);
        assert_eq!(log.map(Span::new(18, 21), 2, 3), None);
        log.replaced(5);
        assert_eq!(log.map(Span::new(0, 1), 4, 5), None);
        assert_eq!(log.map(Span::new(0, 1), 5, 5), Some(Span::new(0, 1)));
    }
}
