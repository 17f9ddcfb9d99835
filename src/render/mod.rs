//! Output formats. Each is one small module turning [`crate::diagnostic::Diagnostic`]s into text;
//! only these modules (and `main.rs`, which writes what they return) know about output.

pub mod checkstyle;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod short;
mod window;
mod xml;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// rustc-style annotated snippets (codespan-reporting).
    Human,
    /// One line per diagnostic: `path:line:col: severity[rule] message`.
    Short,
    /// One JSON array of diagnostics.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A SARIF 2.1.0 log (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML.
    Junit,
}

impl OutputFormat {
    /// Whether the format shows source text, so must be rendered while the file is in memory.
    pub fn needs_source(self) -> bool {
        self == OutputFormat::Human
    }
}
