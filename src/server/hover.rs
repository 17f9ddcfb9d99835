//! Hover on a finding: what it says, and the rule's whole explanation (`copydesk explain RULE`),
//! so that the reason for a rule is one mouse move away.

use super::check::Checker;
use super::position::Lines;
use crate::diagnostic::Diagnostic;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

/// The hover at `position`, over the findings whose span holds it.
pub fn hover(
    findings: &[&Diagnostic],
    lines: &Lines,
    position: Position,
    checker: &Checker,
    markdown: bool,
) -> Option<Hover> {
    let offset = lines.offset(position);
    let hits: Vec<&&Diagnostic> = findings
        .iter()
        .filter(|d| {
            let span = d.span.span();
            (span.start <= offset && offset < span.end) || (span.is_empty() && offset == span.start)
        })
        .collect();
    let first = hits.first()?;
    let sections: Vec<String> = hits
        .iter()
        .map(|d| {
            let explanation = checker.explain(&d.rule).unwrap_or_default();
            let mut out = if markdown {
                format!("**{}** `{}`: {}\n", d.severity, d.rule, d.message)
            } else {
                format!("{}[{}]: {}\n", d.severity, d.rule, d.message)
            };
            if let Some(help) = &d.help {
                out.push_str(&format!("\nhelp: {help}\n"));
            }
            // The explanation is the rule's page, in Markdown; a finding with no rule file (an
            // internal error) has none, and its message says it all.
            let explanation = explanation.trim_end();
            if !explanation.is_empty() {
                let rule = if markdown { "\n---\n\n" } else { "\n" };
                out.push_str(&format!("{rule}{explanation}\n"));
            }
            out
        })
        .collect();
    let separator = if markdown { "\n***\n\n" } else { "\n\n" };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value: sections.join(separator),
        }),
        range: Some(lines.range(first.span.span())),
    })
}
