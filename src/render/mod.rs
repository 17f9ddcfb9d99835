//! Output formats. Each is one small module with a [`Renderer`]: it is handed the run's files one at
//! a time, in output order, and writes each file's diagnostics as they come, so a run's output is
//! streamed rather than held whole. Only these modules (and `main.rs`) know about output.

pub mod checkstyle;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod short;
mod window;
mod xml;

use crate::diagnostic::Diagnostic;
use crate::source::Source;
use std::io::{self, Write};

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
    /// Whether the format reads the text of each file it renders: to show it (human), or to
    /// fingerprint each finding by its context (SARIF).
    pub fn needs_source(self) -> bool {
        matches!(self, OutputFormat::Human | OutputFormat::Sarif)
    }

    /// A renderer of this format. `rules` describes the rules that ran (SARIF lists them).
    pub fn renderer<'a>(
        self,
        rules: Vec<sarif::RuleInfo<'a>>,
        color: bool,
    ) -> Box<dyn Renderer + 'a> {
        match self {
            OutputFormat::Human => Box::new(human::Human::new(color)),
            OutputFormat::Short => Box::new(short::Short),
            OutputFormat::Json => Box::new(json::Array::default()),
            OutputFormat::Jsonl => Box::new(json::Lines),
            OutputFormat::Sarif => Box::new(sarif::Sarif::new(rules)),
            OutputFormat::Github => Box::new(github::Github),
            OutputFormat::Checkstyle => Box::new(checkstyle::Checkstyle),
            OutputFormat::Junit => Box::new(junit::Junit::default()),
        }
    }
}

/// Writes one output of a run: [`start`](Renderer::start), then [`file`](Renderer::file) for
/// each file with diagnostics in output order, then [`finish`](Renderer::finish).
pub trait Renderer {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// One file's diagnostics, sorted. `sources` holds the file itself first, then the files its
    /// labels point into, when the format [needs source](OutputFormat::needs_source) text and the
    /// text could be had; a renderer that needs it and does not find it falls back to positions.
    fn file(
        &mut self,
        out: &mut dyn Write,
        sources: &[&Source],
        diagnostics: &[Diagnostic],
    ) -> io::Result<()>;

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Renders `diagnostics` (sorted by path) whole, file by file: for tests and one-shot callers.
pub fn to_string(
    renderer: &mut dyn Renderer,
    sources: &[&Source],
    diagnostics: &[Diagnostic],
) -> String {
    let mut out = Vec::new();
    let mut write = || -> io::Result<()> {
        renderer.start(&mut out)?;
        for file in diagnostics.chunk_by(|a, b| a.path == b.path) {
            let own: Vec<&Source> = sources
                .iter()
                .copied()
                .filter(|s| *s.path == *file[0].path)
                .chain(sources.iter().copied().filter(|s| *s.path != *file[0].path))
                .collect();
            renderer.file(&mut out, &own, file)?;
        }
        renderer.finish(&mut out)
    };
    write().expect("writing to memory cannot fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}
