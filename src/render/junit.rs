//! `--format junit`: a JUnit XML report, which CI systems (GitLab, Jenkins, Azure, CircleCI) show
//! as test results. One `<testsuite>` per file with findings, one failing `<testcase>` per finding
//! (named by rule and position, so a test's history follows the finding); a clean run is one
//! passing test case, since an empty report reads as "no tests ran".
//!
//! The root element carries the run's totals, so this one format holds its body until the end.

use super::Renderer;
use super::xml::escape;
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use std::io::{self, Write};

#[derive(Default)]
pub struct Junit {
    /// The `<testsuite>` elements so far.
    body: Vec<u8>,
    total: usize,
}

impl Renderer for Junit {
    fn file(
        &mut self,
        _: &mut dyn Write,
        _: &[&Source],
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let Some(first) = diagnostics.first() else {
            return Ok(());
        };
        let out = &mut self.body;
        let n = diagnostics.len();
        self.total += n;
        let path = escape(&first.path);
        writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">"
        )?;
        for d in diagnostics {
            writeln!(
                out,
                "    <testcase name=\"{} at {}:{}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">",
                escape(&d.rule),
                d.span.line,
                d.span.column,
                d.span.line
            )?;
            let mut body = format!(
                "{}:{}:{}: {}[{}] {}",
                d.path, d.span.line, d.span.column, d.severity, d.rule, d.message
            );
            for note in &d.notes {
                body.push_str("\nnote: ");
                body.push_str(note);
            }
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&d.message),
                d.severity,
                escape(&body)
            )?;
            out.write_all(b"    </testcase>\n")?;
        }
        out.write_all(b"  </testsuite>\n")
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let total = self.total;
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
        writeln!(
            out,
            "<testsuites name=\"copydesk\" tests=\"{}\" failures=\"{total}\" errors=\"0\">",
            total.max(1)
        )?;
        if total == 0 {
            out.write_all(b"  <testsuite name=\"copydesk\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n")?;
            out.write_all(b"    <testcase name=\"no problems found\" classname=\"copydesk\"/>\n")?;
            out.write_all(b"  </testsuite>\n")?;
        }
        out.write_all(&std::mem::take(&mut self.body))?;
        out.write_all(b"</testsuites>\n")
    }
}

pub fn render(diagnostics: &[Diagnostic]) -> String {
    super::to_string(&mut Junit::default(), &[], diagnostics)
}
