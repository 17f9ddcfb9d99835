//! `--format short`: `path:line:col: severity[rule] message`, one line per diagnostic, for grep,
//! editors' quickfix lists and `wc -l`.

use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use std::io::{self, Write};

pub struct Short;

impl Renderer for Short {
    fn file(
        &mut self,
        out: &mut dyn Write,
        _: &[&Source],
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            writeln!(out, "{}", line(d))?;
        }
        Ok(())
    }
}

/// The one-line form of `d`, also the fallback of formats that show source text.
pub fn line(d: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}",
        d.path, d.span.line, d.span.column, d.severity, d.rule, d.message
    )
}

pub fn render(diagnostics: &[Diagnostic]) -> String {
    super::to_string(&mut Short, &[], diagnostics)
}
