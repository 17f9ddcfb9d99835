//! `--format junit`: a JUnit XML report, which CI systems (GitLab, Jenkins, Azure, CircleCI) show
//! as test results. One `<testsuite>` per file with findings, one failing `<testcase>` per finding
//! (named by rule and position, so a test's history follows the finding); a clean run is one
//! passing test case, since an empty report reads as "no tests ran".

use super::xml::escape;
use crate::diagnostic::Diagnostic;
use std::fmt::Write;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let total = diagnostics.len();
    writeln!(
        out,
        "<testsuites name=\"copydesk\" tests=\"{}\" failures=\"{total}\" errors=\"0\">",
        total.max(1)
    )
    .unwrap();
    if diagnostics.is_empty() {
        out.push_str("  <testsuite name=\"copydesk\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n");
        out.push_str("    <testcase name=\"no problems found\" classname=\"copydesk\"/>\n");
        out.push_str("  </testsuite>\n");
    }
    let mut rest = diagnostics;
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|d| d.path == first.path).count();
        let (file, tail) = rest.split_at(n);
        rest = tail;
        let path = escape(&first.path);
        writeln!(out, "  <testsuite name=\"{path}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">").unwrap();
        for d in file {
            writeln!(
                out,
                "    <testcase name=\"{} at {}:{}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">",
                escape(&d.rule),
                d.span.line,
                d.span.column,
                d.span.line
            )
            .unwrap();
            let mut body = format!(
                "{}:{}:{}: {}[{}] {}",
                d.path, d.span.line, d.span.column, d.severity, d.rule, d.message
            );
            for note in &d.notes {
                write!(body, "\nnote: {note}").unwrap();
            }
            if let Some(help) = &d.help {
                write!(body, "\nhelp: {help}").unwrap();
            }
            writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&d.message),
                d.severity,
                escape(&body)
            )
            .unwrap();
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
