//! `--format short`: `path:line:col: severity[rule] message`, one line per diagnostic, for grep,
//! editors' quickfix lists and `wc -l`.

use crate::diagnostic::Diagnostic;
use std::fmt::Write;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            d.path, d.span.line, d.span.column, d.severity, d.rule, d.message
        )
        .unwrap();
    }
    out
}
