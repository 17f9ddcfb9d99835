//! `--format json` (one array) and `--format jsonl` (one object per line): the public contract
//! described in README, "JSON output". The field names and order are those of
//! [`crate::diagnostic::Diagnostic`]; changing them breaks other tools.

use crate::diagnostic::Diagnostic;

pub fn render_array(diagnostics: &[Diagnostic]) -> String {
    let mut out = serde_json::to_string_pretty(diagnostics).expect("diagnostics serialise");
    out.push('\n');
    out
}

pub fn render_lines(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&serde_json::to_string(d).expect("diagnostics serialise"));
        out.push('\n');
    }
    out
}
