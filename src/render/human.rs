//! `--format human`: rustc-style annotated snippets through codespan-reporting, with the rule id
//! as the code, a primary label on the offending text, secondary labels on related places, notes
//! and a `help:` line; a fix is a `fix:` line that says whether `--fix` applies it or it needs
//! `--unsafe-fixes`. Info-level findings show as `note[...]` (codespan's name for that level).
//! Input errors (unreadable files, broken rule files) are rendered the same way.

use super::Renderer;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::error::InputError;
use crate::source::Source;
use crate::span::Span;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, LabelStyle, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, termcolor::Buffer};
use std::io::{self, Write};

/// `--format human`.
pub struct Human {
    color: bool,
    config: Config,
}

impl Human {
    pub fn new(color: bool) -> Self {
        Human {
            color,
            config: Config::default(),
        }
    }

    fn buffer(&self) -> Buffer {
        if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        }
    }
}

impl Renderer for Human {
    /// Labels in other files are drawn from the matching entry of `sources`, or become notes when
    /// that file is not given. Without the file's own text, each diagnostic is one short line.
    fn file(
        &mut self,
        out: &mut dyn Write,
        sources: &[&Source],
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let Some(home_path) = diagnostics.first().map(|d| &*d.path) else {
            return Ok(());
        };
        let mut files = SimpleFiles::new();
        let ids: Vec<usize> = sources
            .iter()
            .map(|s| files.add(s.path.as_str(), s.text.as_str()))
            .collect();
        let file_of = |path: &str| sources.iter().position(|s| s.path == path).map(|i| ids[i]);
        let text = sources
            .iter()
            .find(|s| s.path == home_path)
            .map_or("", |s| s.text.as_str());
        let Some(home) = file_of(home_path) else {
            for d in diagnostics {
                writeln!(out, "{}", super::short::line(d))?;
            }
            return Ok(());
        };
        // One diagnostic at a time: a file with a million findings is never held rendered.
        let mut buffer = self.buffer();
        for d in diagnostics {
            let report = report(d, home, &file_of, text);
            buffer.clear();
            // codespan asserts that spans fit their file; a diagnostic it cannot draw is shown as
            // one line rather than losing the rest of the run.
            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                term::emit_to_write_style(&mut buffer, &self.config, &files, &report)
            }));
            match drawn {
                Ok(Ok(())) => out.write_all(buffer.as_slice())?,
                _ => writeln!(out, "{}", super::short::line(d))?,
            }
        }
        Ok(())
    }
}

/// The codespan report of `d`, whose own file is `home`, with the text `text`.
fn report(
    d: &Diagnostic,
    home: usize,
    file_of: &dyn Fn(&str) -> Option<usize>,
    text: &str,
) -> Report<usize> {
    let mut labels = vec![Label::new(
        LabelStyle::Primary,
        home,
        d.span.start..d.span.end,
    )];
    let mut notes = Vec::new();
    for l in &d.labels {
        match l.path.as_deref().map_or(Some(home), file_of) {
            Some(file) => labels.push(
                Label::new(LabelStyle::Secondary, file, l.span.start..l.span.end)
                    .with_message(&l.message),
            ),
            None => notes.push(format!(
                "{}: {}:{}:{}",
                l.message,
                l.path.as_deref().unwrap_or(&d.path),
                l.span.line,
                l.span.column
            )),
        }
    }
    notes.extend(d.notes.iter().cloned());
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &d.fix {
        notes.push(format!(
            "fix: {} ({})",
            describe(text, d.span.span(), fix),
            applied_by(fix.applicability)
        ));
    }
    Report::new(level(d.severity))
        .with_code(&d.rule)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// What a fix does, in words: the replacement, or what it deletes when that is not simply the
/// text the diagnostic points at.
fn describe(text: &str, primary: Span, fix: &Fix) -> String {
    if !fix.replacement.is_empty() {
        return if fix.span.start == fix.span.end {
            format!("insert `{}`", fix.replacement)
        } else {
            format!("replace with `{}`", fix.replacement)
        };
    }
    let span = fix.span.span();
    let Some(deleted) = text.get(span.range()) else {
        return "delete this text".to_string();
    };
    let whole_lines = (span.start == 0 || text[..span.start].ends_with('\n'))
        && (span.end == text.len() || deleted.ends_with('\n'));
    if span == primary {
        "delete this text".to_string()
    } else if whole_lines {
        // Blank lines that go with a line keep paragraphs spaced; they are not worth a mention.
        match deleted.lines().filter(|l| !l.trim().is_empty()).count() {
            1 => "delete the line".to_string(),
            n => format!("delete these {n} lines"),
        }
    } else if !deleted.contains('\n') && deleted.chars().count() <= 60 {
        format!("delete `{deleted}`")
    } else {
        "delete this text".to_string()
    }
}

/// Which command applies a fix of this applicability, for the `fix:` line.
pub fn applied_by(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Safe => "safe: applied by `--fix`",
        Applicability::Unsafe => "unsafe: needs `--fix --unsafe-fixes`",
    }
}

/// Renders the diagnostics of `sources[0]`'s file whole.
pub fn render(sources: &[&Source], diagnostics: &[Diagnostic], color: bool) -> String {
    super::to_string(&mut Human::new(color), sources, diagnostics)
}

/// Renders a problem with the input, annotated when it has a position.
pub fn render_error(error: &InputError, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut report = Report::error().with_message(&error.message);
    if let (Some(text), Some(span)) = (&error.text, error.span) {
        let id = files.add(error.path.as_str(), text.as_str());
        let label =
            Label::primary(id, span.range()).with_message(error.label.clone().unwrap_or_default());
        report = report.with_labels(vec![label]);
    }
    if let Some(help) = &error.help {
        report = report.with_notes(vec![format!("help: {help}")]);
    }
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    term::emit_to_write_style(&mut buffer, &Config::default(), &files, &report)
        .expect("the span is inside the text");
    String::from_utf8(buffer.into_inner()).expect("codespan writes UTF-8")
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    }
}
