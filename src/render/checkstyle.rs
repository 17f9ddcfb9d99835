//! `--format checkstyle`: Checkstyle's XML report, read by Jenkins' warnings plugin, GitLab
//! converters, reviewdog and most CI dashboards. One `<file>` per file with findings, one
//! `<error>` per finding; `source` is the rule id.

use super::Renderer;
use super::xml::escape;
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use std::io::{self, Write};

#[derive(Default)]
pub struct Checkstyle;

impl Renderer for Checkstyle {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n")
    }

    fn file(
        &mut self,
        out: &mut dyn Write,
        _: &[&Source],
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let Some(first) = diagnostics.first() else {
            return Ok(());
        };
        writeln!(out, "  <file name=\"{}\">", escape(&first.path))?;
        for d in diagnostics {
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
            )?;
        }
        out.write_all(b"  </file>\n")
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"</checkstyle>\n")
    }
}

pub fn render(diagnostics: &[Diagnostic]) -> String {
    super::to_string(&mut Checkstyle, &[], diagnostics)
}
