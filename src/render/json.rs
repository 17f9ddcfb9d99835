//! `--format json` (one array) and `--format jsonl` (one object per line): the public contract
//! described in README, "JSON output". The field names and order are those of
//! [`crate::diagnostic::Diagnostic`]; changing them breaks other tools. The array is written
//! element by element, laid out exactly as `serde_json`'s pretty printer lays out a whole array.

use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use std::io::{self, Write};

/// `--format json`.
#[derive(Default)]
pub struct Array {
    written: usize,
}

impl Renderer for Array {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn file(
        &mut self,
        out: &mut dyn Write,
        _: &[&Source],
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            let pretty = serde_json::to_string_pretty(d).map_err(io::Error::other)?;
            for (i, line) in pretty.lines().enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                write!(out, "  {line}")?;
            }
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"]\n" } else { b"\n]\n" })
    }
}

/// `--format jsonl`.
pub struct Lines;

impl Renderer for Lines {
    fn file(
        &mut self,
        out: &mut dyn Write,
        _: &[&Source],
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            serde_json::to_writer(&mut *out, d).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

pub fn render_array(diagnostics: &[Diagnostic]) -> String {
    super::to_string(&mut Array::default(), &[], diagnostics)
}

pub fn render_lines(diagnostics: &[Diagnostic]) -> String {
    super::to_string(&mut Lines, &[], diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Severity};

    #[test]
    fn the_streamed_array_is_laid_out_as_serde_lays_out_a_whole_one() {
        let at = Location {
            start: 0,
            end: 1,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
        };
        let d = |path: &str| Diagnostic {
            path: path.into(),
            rule: "residue/x".into(),
            severity: Severity::Error,
            message: "m".into(),
            span: at,
            labels: vec![],
            notes: vec!["n".into()],
            help: None,
            fix: None,
            url: None,
        };
        let all = [d("a.txt"), d("a.txt"), d("b.txt")];
        let mut whole = serde_json::to_string_pretty(&all[..]).unwrap();
        whole.push('\n');
        assert_eq!(render_array(&all), whole);
        assert_eq!(render_array(&[]), "[]\n");
    }
}
