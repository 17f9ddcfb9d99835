//! copydesk's diagnostics in the protocol's shape: the byte spans become ranges in the negotiated
//! encoding, the rule id the `code` with a link to the rule's page (its `url`), the notes and help
//! lines of the message, the labels related information (the opening quote, the other spelling,
//! which may be in another file).

use super::position::Lines;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::error::InputError;
use lsp_types::{self as lsp, CodeDescription, DiagnosticRelatedInformation, NumberOrString, Uri};
use std::str::FromStr;

/// The `source` of every diagnostic, as editors show it.
pub const SOURCE: &str = "copydesk";

/// What the client can show.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shown {
    pub related_information: bool,
    pub code_description: bool,
}

/// Finds a label's place in another file: its URI and range.
pub type Elsewhere<'a> = &'a mut dyn FnMut(&str, &Location) -> Option<lsp::Location>;

/// `d`, found in the document `uri` whose text is `lines`.
pub fn to_lsp(
    d: &Diagnostic,
    lines: &Lines,
    uri: &Uri,
    shown: Shown,
    elsewhere: Elsewhere,
) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    for note in &d.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|_| shown.related_information)
        .filter_map(|label| {
            let location = match &label.path {
                Some(path) if **path != *d.path => elsewhere(path, &label.span)?,
                _ => lsp::Location::new(uri.clone(), lines.range(label.span.span())),
            };
            Some(DiagnosticRelatedInformation {
                location,
                message: label.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: lines.range(d.span.span()),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        // The rule's page (`crate::docs`), or the page a house rule names.
        code_description: (d.url.as_deref())
            .filter(|_| shown.code_description)
            .and_then(|url| Uri::from_str(url).ok())
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// A broken config or rule file as a diagnostic on that file (`lines` is its text, when the error
/// points into it).
pub fn input_error(e: &InputError, lines: Option<&Lines>) -> lsp::Diagnostic {
    let range = match (e.span, lines) {
        (Some(span), Some(lines)) => lines.range(span),
        _ => lsp::Range::default(),
    };
    let mut message = e.message.clone();
    if let Some(label) = e.label.as_ref().filter(|l| !e.message.contains(l.as_str())) {
        message.push_str(&format!(" ({label})"));
    }
    if let Some(help) = &e.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp::Diagnostic {
        range,
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message,
        ..lsp::Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Label;
    use crate::server::position::{Encoding, line_starts};

    fn at(start: usize, end: usize) -> Location {
        Location {
            start,
            end,
            line: 1,
            column: start + 1,
            end_line: 1,
            end_column: end + 1,
        }
    }

    #[test]
    fn labels_become_related_information_in_this_file_and_others() {
        let text = "“A» and é";
        let starts = line_starts(text);
        let lines = Lines::new(text, &starts, Encoding::Utf16);
        let uri = Uri::from_str("file:///a.txt").unwrap();
        let d = Diagnostic {
            path: "/a.txt".into(),
            rule: "quotes/mismatched-pair".into(),
            severity: Severity::Warning,
            message: "`»` does not close `“`".into(),
            span: at(4, 6),
            labels: vec![
                Label {
                    path: None,
                    span: at(0, 3),
                    message: "opened here".into(),
                },
                Label {
                    path: Some("/b.txt".into()),
                    span: at(0, 1),
                    message: "spelled here".into(),
                },
            ],
            notes: vec!["a note".into()],
            help: Some("close it".into()),
            fix: None,
            url: Some("https://example.com/rules/mismatched-pair".into()),
        };
        let mut asked = Vec::new();
        let shown = Shown {
            related_information: true,
            code_description: true,
        };
        let lsp = to_lsp(&d, &lines, &uri, shown, &mut |path, _| {
            asked.push(path.to_string());
            None
        });
        assert_eq!(asked, ["/b.txt"]);
        assert_eq!(
            lsp.range,
            lsp::Range::new(lsp::Position::new(0, 2), lsp::Position::new(0, 3))
        );
        assert_eq!(
            lsp.message,
            "`»` does not close `“`\nnote: a note\nhelp: close it"
        );
        let related = lsp.related_information.unwrap();
        assert_eq!(
            related.len(),
            1,
            "the label in an unreadable file is left out"
        );
        assert_eq!(related[0].location.range.end, lsp::Position::new(0, 1));
        assert_eq!(
            lsp.code_description.unwrap().href.as_str(),
            "https://example.com/rules/mismatched-pair"
        );
    }
}
