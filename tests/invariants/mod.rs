//! What must hold of copydesk's output for any input, checked by the torture test and by the fuzz
//! targets (`fuzz/`, which include this file): every location inside the file, on character
//! boundaries and off a byte-order mark, with the line and column of its offsets; fixes that apply
//! and leave every other byte alone; prose blocks in order, disjoint, mapping back into the file.
// Each crate that includes this uses a different subset.
#![allow(dead_code)]

use copydesk::diagnostic::{Diagnostic, Location};
use copydesk::fix;
use copydesk::markup::{self, Format};
use copydesk::span::Span;

/// The line and column of `offset` in `text`, computed the slow way: columns count characters,
/// and on the first line they start after a byte-order mark.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let from = if line_start == 0 && text.starts_with('\u{feff}') {
        3.min(offset)
    } else {
        line_start
    };
    (line, text[from..offset].chars().count() + 1)
}

/// What must hold of one location in `text`; `what` names it in the failure.
pub fn check_location(text: &str, at: &Location, what: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("{what} {at:?}: {why}"));
    if at.start > at.end || at.end > text.len() {
        return fail("outside the text");
    }
    if !text.is_char_boundary(at.start) || !text.is_char_boundary(at.end) {
        return fail("not on character boundaries");
    }
    if text.starts_with('\u{feff}') && at.start < 3 && at.end > 0 {
        return fail("covers the byte-order mark");
    }
    if (at.line, at.column) != position(text, at.start) {
        return fail(&format!("start is at {:?}", position(text, at.start)));
    }
    if (at.end_line, at.end_column) != position(text, at.end) {
        return fail(&format!("end is at {:?}", position(text, at.end)));
    }
    Ok(())
}

/// Every location of `diagnostics` checked against `text`, and their fixes applied.
pub fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) -> Result<(), String> {
    for d in diagnostics {
        let name = |part: &str| format!("{} {part}", d.rule);
        check_location(text, &d.span, &name("span"))?;
        for label in d.labels.iter().filter(|l| l.path.is_none()) {
            check_location(text, &label.span, &name("label"))?;
        }
        if let Some(f) = &d.fix {
            check_location(text, &f.span, &name("fix"))?;
        }
    }
    // Every fix, safe or not: each must apply.
    let edits = fix::edits(text, diagnostics, fix::FixOptions { unsafe_fixes: true });
    let fixed = fix::apply(text, &edits);
    // Bytes outside the edits are copied unchanged: the text around the last edit ends the same.
    let tail = edits.last().map_or(0, |e| e.span.end);
    if !fixed.ends_with(&text[tail..]) {
        return Err("fixing changed bytes outside the fixes".to_string());
    }
    Ok(())
}

/// The prose of `text` read as `format`: blocks sorted, disjoint, on character boundaries of the
/// prose, and each mapped back inside the file on its character boundaries.
pub fn check_prose(text: &str, format: Format) -> Result<(), String> {
    let prose = markup::extract(text, format);
    let mut end = 0;
    for b in &prose.blocks {
        let span = b.span;
        if span.start < end || span.start > span.end || span.end > prose.text.len() {
            return Err(format!("{format:?} block {span:?} out of order or bounds"));
        }
        if !prose.text.is_char_boundary(span.start) || !prose.text.is_char_boundary(span.end) {
            return Err(format!(
                "{format:?} block {span:?} not on character boundaries"
            ));
        }
        for s in [
            span,
            Span::new(span.start, span.start),
            Span::new(span.end, span.end),
        ] {
            let file = prose.map.to_file(s);
            if file.start > file.end
                || file.end > text.len()
                || !text.is_char_boundary(file.start)
                || !text.is_char_boundary(file.end)
            {
                return Err(format!("{format:?} block {s:?} maps to {file:?}"));
            }
        }
        end = span.end;
    }
    Ok(())
}
