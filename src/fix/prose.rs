//! Fitting a fix found in prose to the file it is in: its span mapped to the file's bytes and kept
//! off markup, its replacement escaped for the format, its safety settled.
//!
//! A fix that would change markup (`**the** the` → `**the`, two table cells merged, an `<a href>`
//! deleted with its link) is not offered at all, with one exception that is certainly equivalent:
//! markup at one end of the fix only, inside one block of prose, is left out of it. The checks
//! read markup as the white space it was blanked to, so `** the` is to them a space and a word to
//! delete; without the `**` the fix deletes ` the` and leaves `**the**`.

use crate::diagnostic::{Applicability, FindingFix, Severity};
use crate::markup::{self, Block, Format, Markup, Prose};
use crate::span::Span;

/// A fix of `prose` as it applies to its file of `format`: span, replacement, applicability;
/// `None` when it cannot apply without changing markup. `declared` and `severity` are the rule's.
pub fn in_file(
    prose: &Prose,
    format: Format,
    fix: &FindingFix,
    declared: Option<Applicability>,
    severity: Severity,
) -> Option<(Span, String, Applicability)> {
    let map = &prose.map;
    // Part of a decoded entity or of a block separator cannot be edited alone.
    if !map.is_exact(fix.span.start) || !map.is_exact(fix.span.end) {
        return None;
    }
    let file = map.to_file(fix.span);
    let file = if fix.span.is_empty() {
        Span::new(file.start, file.start)
    } else {
        file
    };
    let span = fit_to_prose(&prose.markup, file, in_one_block(&prose.blocks, fix.span))?;
    let replacement = markup::escape(format, &fix.replacement).into_owned();
    let applicability = Applicability::effective(declared, fix.applicability, severity);
    Some((span, replacement, applicability))
}

/// `span` (of a file) kept off `markup`: as it is when it touches none; without the markup at one
/// of its ends when that is the only markup it touches and the fix stays inside one block
/// (`in_one_block`); `None` otherwise.
pub fn fit_to_prose(markup: &Markup, span: Span, in_one_block: bool) -> Option<Span> {
    let touched = markup.within(span);
    let [only] = touched else {
        return touched.is_empty().then_some(span);
    };
    if span.is_empty() || !in_one_block {
        return None;
    }
    let narrowed = match (only.start <= span.start, only.end >= span.end) {
        (true, false) => Span::new(only.end, span.end),
        (false, true) => Span::new(span.start, only.start),
        _ => return None,
    };
    (!narrowed.is_empty()).then_some(narrowed)
}

/// Whether `span` (of prose) lies inside one block.
fn in_one_block(blocks: &[Block], span: Span) -> bool {
    let i = blocks.partition_point(|b| b.span.start <= span.start);
    i > 0 && span.end <= blocks[i - 1].span.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fitted(text: &str, format: Format, span: Span) -> Option<&str> {
        let prose = markup::extract(text, format);
        let fix = FindingFix {
            span,
            replacement: String::new(),
            applicability: Applicability::Safe,
        };
        let (span, ..) = in_file(&prose, format, &fix, None, Severity::Warning)?;
        Some(&text[span.range()])
    }

    #[test]
    fn markup_at_one_end_inside_a_block_is_left_out() {
        // `**the** the`: the fix of the doubled word covers `** the`.
        assert_eq!(
            fitted("A **the** the.\n", Format::Markdown, Span::new(7, 13)),
            Some(" the")
        );
        // In HTML the prose is `A the the.`; the fix covers ` the` of it, which is `</b> the`.
        assert_eq!(
            fitted("<p>A <b>the</b> the.</p>", Format::Html, Span::new(5, 9)),
            Some(" the")
        );
    }

    #[test]
    fn markup_inside_a_fix_or_across_blocks_leaves_no_fix() {
        // `the **the**`: the bold markers are inside ` **the`.
        assert_eq!(
            fitted("A the **the**.\n", Format::Markdown, Span::new(5, 11)),
            None
        );
        // Two table cells: the cells are two blocks.
        let table = "| a | b |\n|---|---|\n| the | the |\n";
        assert_eq!(fitted(table, Format::Markdown, Span::new(25, 31)), None);
        // Two items of a tight list.
        assert_eq!(
            fitted("- the\n- the\n", Format::Markdown, Span::new(5, 11)),
            None
        );
        // A link around the text of a fix in HTML.
        let html = "<p>The <a href=\"https://x.y/\">Fond</a> said.</p>";
        assert_eq!(fitted(html, Format::Html, Span::new(3, 8)), None);
        // Half of a block separator.
        assert_eq!(
            fitted("<p>One.</p><p>Two.</p>", Format::Html, Span::new(4, 5)),
            None
        );
    }

    #[test]
    fn insertions_may_touch_markup_but_not_enter_it() {
        let prose = markup::extract("A **b** c", Format::Markdown);
        assert_eq!(
            fit_to_prose(&prose.markup, Span::new(2, 2), true),
            Some(Span::new(2, 2))
        );
        assert_eq!(fit_to_prose(&prose.markup, Span::new(3, 3), true), None);
    }
}
