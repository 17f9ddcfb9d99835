//! `--format checkstyle`: Checkstyle's XML report, read by Jenkins' warnings plugin, GitLab
//! converters, reviewdog and most CI dashboards. One `<file>` per file with findings, one
//! `<error>` per finding; `source` is the rule id.

use super::xml::escape;
use crate::diagnostic::Diagnostic;
use std::fmt::Write;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    let mut current: Option<&str> = None;
    for d in diagnostics {
        if current != Some(d.path.as_str()) {
            if current.is_some() {
                out.push_str("  </file>\n");
            }
            writeln!(out, "  <file name=\"{}\">", escape(&d.path)).unwrap();
            current = Some(&d.path);
        }
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(" (help: ");
            message.push_str(help);
            message.push(')');
        }
        writeln!(
            out,
            "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>",
            d.span.line,
            d.span.column,
            d.severity,
            escape(&message),
            escape(&d.rule)
        )
        .unwrap();
    }
    if current.is_some() {
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
