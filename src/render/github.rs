//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations on
//! the pull request's changed lines: `::warning file=a.md,line=3,col=5,endLine=3,endColumn=14,
//! title=residue/read-more::message`. Info findings become `notice`s.
//!
//! Escaping follows the runner's rules: in the message `%`, CR and LF are percent-encoded; in a
//! property value `:` and `,` are too, since they delimit properties.

use super::Renderer;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;
use std::io::{self, Write};

pub struct Github;

impl Renderer for Github {
    fn file(
        &mut self,
        out: &mut dyn Write,
        _: &[&Source],
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            writeln!(out, "{}", command(d))?;
        }
        Ok(())
    }
}

pub fn render(diagnostics: &[Diagnostic]) -> String {
    super::to_string(&mut Github, &[], diagnostics)
}

/// The workflow command that annotates `d`.
fn command(d: &Diagnostic) -> String {
    {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let path = d.path.strip_prefix("./").unwrap_or(&d.path);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(path),
            d.span.line,
            d.span.column,
            d.span.end_line,
            d.span.end_column,
            property(&d.rule),
            data(&message),
        )
    }
}

/// A command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(data("50% up\r\nnext: a, b"), "50%25 up%0D%0Anext: a, b");
        assert_eq!(property("C:\\a,b%.md"), "C%3A\\a%2Cb%25.md");
    }
}
