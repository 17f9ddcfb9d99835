//! Code actions on findings: each fix as a quick fix (the safe ones preferred, the unsafe ones
//! marked so in their title), a comment that suppresses the finding's rule on its line, and one
//! source action that applies every safe fix of the file (`source.fixAll.copydesk`, which editors
//! can run on save).
//!
//! "Fix all" is `copydesk check --fix` on the buffer: fixes applied and the text checked again
//! until nothing changes, cross-file findings left alone; the editor gets the difference as
//! small edits, so the cursor and the undo history stay where they were.

use super::check::Checker;
use super::documents::Document;
use super::position::Lines;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::fix::{self, FixOptions};
use crate::markup::Format;
use crate::source::Source;
use crate::span::Span;
use crate::suppress;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, OptionalVersionedTextDocumentIdentifier,
    Range, TextDocumentEdit, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;

/// The kind of the "fix all" action.
pub const FIX_ALL: &str = "source.fixAll.copydesk";

pub struct Context<'a> {
    pub doc: &'a Document,
    pub format: Format,
    pub lines: Lines<'a>,
    pub checker: &'a Checker,
    /// The edits go in `documentChanges` (tied to the document's version) rather than `changes`.
    pub document_changes: bool,
}

/// The actions for the findings in `range` of kinds `only` allows; `lsp` gives the protocol form
/// of a finding, to attach to its actions.
pub fn actions(
    cx: &Context,
    findings: &[&Diagnostic],
    range: Range,
    only: Option<&[CodeActionKind]>,
    lsp: &dyn Fn(&Diagnostic) -> lsp_types::Diagnostic,
) -> Vec<CodeActionOrCommand> {
    let wanted = |kind: &str| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                let o = o.as_str();
                kind == o
                    || kind
                        .strip_prefix(o)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let asked = cx.lines.span(range);
    let mut out = Vec::new();
    if wanted(CodeActionKind::QUICKFIX.as_str()) {
        for d in findings.iter().filter(|d| touches(d.span.span(), asked)) {
            out.extend(quick_fix(cx, d, lsp(d)));
            out.extend(suppression(cx, d, lsp(d)));
        }
    }
    // Editors ask at every cursor move: the fixes are worked out only when there are some.
    let some_safe = findings
        .iter()
        .any(|d| (d.fix.as_ref()).is_some_and(|f| f.applicability == Applicability::Safe));
    if wanted(FIX_ALL) && some_safe {
        out.extend(fix_all(cx));
    }
    out.into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// Whether a finding at `span` is one asked about at `asked` (a cursor touching it counts).
fn touches(span: Span, asked: Span) -> bool {
    span.start <= asked.end && asked.start <= span.end
}

fn quick_fix(cx: &Context, d: &Diagnostic, lsp: lsp_types::Diagnostic) -> Option<CodeAction> {
    let fix = d.fix.as_ref()?;
    // Offered whatever its safety: the user reads the title before applying it.
    let all = FixOptions { unsafe_fixes: true };
    let edit = fix::edits(&cx.doc.text, std::slice::from_ref(d), all).pop()?;
    let old = &cx.doc.text[edit.span.range()];
    let mut title = match (old.is_empty(), fix.replacement.is_empty()) {
        (true, _) => format!("Insert `{}`", shorten(&fix.replacement)),
        (false, true) => format!("Delete `{}`", shorten(old)),
        _ => format!(
            "Replace `{}` with `{}`",
            shorten(old),
            shorten(&fix.replacement)
        ),
    };
    let safe = fix.applicability == Applicability::Safe;
    if !safe {
        title.push_str(" (unsafe)");
    }
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp]),
        edit: Some(workspace_edit(cx, vec![(edit.span, edit.replacement)])),
        is_preferred: Some(safe),
        ..CodeAction::default()
    })
}

/// Text for a one-line title: line breaks shown, long text cut in the middle.
fn shorten(text: &str) -> String {
    let one_line = text.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎");
    let chars: Vec<char> = one_line.chars().collect();
    if chars.len() <= 40 {
        return one_line;
    }
    let head: String = chars[..20].iter().collect();
    let tail: String = chars[chars.len() - 15..].iter().collect();
    format!("{head}…{tail}")
}

/// A `copydesk-disable-next-line RULE` for the finding's line: added to a directive already
/// there for that line, else on a line of its own before it (plain text, HTML, and Markdown where
/// a block starts), else at the end of the line before (inside a Markdown paragraph, where a
/// comment on a line of its own would split the paragraph in two). Each candidate is tried on the
/// text with copydesk's own suppression reader and offered only if it silences the finding.
fn suppression(cx: &Context, d: &Diagnostic, lsp: lsp_types::Diagnostic) -> Option<CodeAction> {
    if suppress::is_meta(&d.rule) {
        return None;
    }
    let text = cx.doc.text.as_str();
    let line = cx.lines.position(d.span.start).line as usize;
    let this = cx.lines.line(line);
    let indent: String = text[this.range()]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let comment = |rule: &str| match cx.format {
        Format::Plain => format!("copydesk-disable-next-line {rule}"),
        _ => format!("<!-- copydesk-disable-next-line {rule} -->"),
    };
    let break_ = if text[this.end..].starts_with("\r\n") || text[..this.start].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut candidates: Vec<(Span, String)> = Vec::new();
    let before = (line > 0).then(|| cx.lines.line(line - 1));
    if let Some(before) = before {
        let (directives, _) = suppress::parse(text, cx.format);
        for dir in directives.iter().filter(|dir| {
            dir.action == suppress::Action::DisableNextLine
                && before.start <= dir.span.start
                && dir.span.end <= before.end
        }) {
            if let Some((_, last)) = dir.selectors.last() {
                candidates.push((Span::new(last.end, last.end), format!(", {}", d.rule)));
            }
        }
    }
    let own_line = format!("{indent}{}{break_}", comment(&d.rule));
    let paragraph_goes_on = before.is_some_and(|b| !text[b.range()].trim().is_empty());
    if cx.format == Format::Markdown && paragraph_goes_on {
        let before = before.expect("checked above");
        let content = text[before.range()].trim_end_matches([' ', '\t']);
        let at = before.start + content.len();
        candidates.push((Span::new(at, at), format!(" {}", comment(&d.rule))));
    }
    candidates.push((Span::new(this.start, this.start), own_line));
    let (span, insert) = candidates
        .into_iter()
        .find(|(span, insert)| silences(cx, d, *span, insert))?;
    Some(CodeAction {
        title: format!("Disable `{}` for this line", d.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp]),
        edit: Some(workspace_edit(cx, vec![(span, insert)])),
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}

/// Whether inserting `insert` at `at` silences `d`, by copydesk's own reading of suppressions.
fn silences(cx: &Context, d: &Diagnostic, at: Span, insert: &str) -> bool {
    let mut text = cx.doc.text.clone();
    text.replace_range(at.range(), insert);
    let mut moved = d.clone();
    if d.span.start >= at.start {
        let shift = insert.len();
        moved.span.start += shift;
        moved.span.end += shift;
    }
    cx.checker
        .silenced(&Source::new(cx.doc.name.clone(), text), cx.format, &moved)
}

/// Every safe fix of the document, as `copydesk check --fix` would apply them.
fn fix_all(cx: &Context) -> Option<CodeAction> {
    let fixed = fix::fix_until_stable(&cx.doc.text, FixOptions::default(), |text| {
        (cx.checker)
            .check(&cx.doc.name, text.to_string(), cx.format, false)
            .0
    });
    if fixed.applied == 0 || fixed.text == cx.doc.text {
        return None;
    }
    Some(CodeAction {
        title: "Fix all safe copydesk problems in this file".to_string(),
        kind: Some(CodeActionKind::from(FIX_ALL)),
        edit: Some(workspace_edit(cx, differences(&cx.doc.text, &fixed.text))),
        ..CodeAction::default()
    })
}

/// The edits that turn `old` into `new`: the changed stretches of a character diff, so that
/// nothing outside the fixes is touched.
fn differences(old: &str, new: &str) -> Vec<(Span, String)> {
    use similar::{DiffTag, TextDiff};
    let diff = TextDiff::from_chars(old, new);
    let ends = |tokens: &[&str]| -> Vec<usize> {
        std::iter::once(0)
            .chain(tokens.iter().scan(0, |at, t| {
                *at += t.len();
                Some(*at)
            }))
            .collect()
    };
    let (old_at, new_at) = (ends(diff.old_slices()), ends(diff.new_slices()));
    let mut out: Vec<(Span, String)> = Vec::new();
    for op in diff.ops().iter().filter(|op| op.tag() != DiffTag::Equal) {
        let (o, n) = (op.old_range(), op.new_range());
        let span = Span::new(old_at[o.start], old_at[o.end]);
        let insert = &new[new_at[n.start]..new_at[n.end]];
        match out.last_mut() {
            Some((last, text)) if last.end == span.start => {
                last.end = span.end;
                text.push_str(insert);
            }
            _ => out.push((span, insert.to_string())),
        }
    }
    out
}

fn workspace_edit(cx: &Context, edits: Vec<(Span, String)>) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = edits
        .into_iter()
        .map(|(span, new_text)| TextEdit::new(cx.lines.range(span), new_text))
        .collect();
    let uri = cx.doc.uri.clone();
    if cx.document_changes {
        WorkspaceEdit {
            document_changes: Some(lsp_types::DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri,
                    version: Some(cx.doc.version),
                },
                edits: edits.into_iter().map(lsp_types::OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri, edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_small_edits_that_rebuild_the_new_text() {
        let old = "The “talks» ended. Read More\nZhaparov spoke.";
        let new = "The “talks” ended.\nJaparov spoke.";
        let edits = differences(old, new);
        // Applied back to front, as an editor applies the edits of one change.
        let mut applied = old.to_string();
        for (span, text) in edits.iter().rev() {
            applied.replace_range(span.range(), text);
        }
        assert_eq!(applied, new);
        assert!(edits.len() >= 3, "{edits:?}");
        assert!(edits.iter().all(|(s, _)| s.len() < 12), "{edits:?}");
    }

    #[test]
    fn titles_stay_on_one_short_line() {
        assert_eq!(shorten("a\r\nb\nc"), "a⏎b⏎c");
        let long = "x".repeat(30) + &"y".repeat(30);
        assert_eq!(
            shorten(&long),
            format!("{}…{}", "x".repeat(20), "y".repeat(15))
        );
    }
}
