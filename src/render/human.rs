//! `--format human`: rustc-style annotated snippets through codespan-reporting, with the rule id
//! as the code, a primary label on the offending text, secondary labels on related places, notes
//! and a `help:` line; a fix is a `fix:` line that says whether `--fix` applies it or it needs
//! `--unsafe-fixes`. Info-level findings show as `note[...]` (codespan's name for that level).
//! The first finding of each rule in a file ends with a `docs:` line, the address of the rule's
//! page (once, as rustc names a lint's documentation once: the output stays short when a rule
//! fires many times). Lines longer than 120 characters are cut around the labels
//! ([`Window`]). Input errors (unreadable files, broken rule files) are rendered the same way.

use super::Renderer;
use super::window::{Window, Windows};
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
        let source_of = |path: &str| sources.iter().position(|s| s.path == path);
        let Some(home) = source_of(home_path) else {
            for d in diagnostics {
                writeln!(out, "{}", super::short::line(d))?;
            }
            return Ok(());
        };
        // One diagnostic at a time: a file with a million findings is never held rendered.
        let mut buffer = self.buffer();
        let mut linked: Vec<&str> = Vec::new();
        for d in diagnostics {
            let docs = d.url.as_deref().filter(|_| !linked.contains(&&*d.rule));
            if docs.is_some() {
                linked.push(&d.rule);
            }
            buffer.clear();
            // codespan asserts that spans fit their file; a diagnostic it cannot draw is shown as
            // one line rather than losing the rest of the run.
            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let (windows, report) = report(d, home, sources, &source_of, docs);
                term::emit_to_write_style(&mut buffer, &self.config, &windows, &report)
            }));
            match drawn {
                Ok(Ok(())) => out.write_all(buffer.as_slice())?,
                _ => writeln!(out, "{}", super::short::line(d))?,
            }
        }
        Ok(())
    }
}

/// The codespan report of `d`, whose own file is `sources[home]`, with the windows of the files
/// its labels point into (file ids index them); `docs`: the rule's page, to link.
fn report<'a>(
    d: &'a Diagnostic,
    home: usize,
    sources: &[&'a Source],
    source_of: &dyn Fn(&str) -> Option<usize>,
    docs: Option<&str>,
) -> (Windows<'a>, Report<usize>) {
    // Each label as (source, style, span, message), then one window per source.
    let mut marks = vec![(home, LabelStyle::Primary, d.span.start..d.span.end, "")];
    let mut notes = Vec::new();
    for l in &d.labels {
        match l.path.as_deref().map_or(Some(home), source_of) {
            Some(file) => marks.push((
                file,
                LabelStyle::Secondary,
                l.span.start..l.span.end,
                &l.message,
            )),
            None => notes.push(format!(
                "{}: {}:{}:{}",
                l.message,
                l.path.as_deref().unwrap_or(&d.path),
                l.span.line,
                l.span.column
            )),
        }
    }
    let mut used: Vec<usize> = marks.iter().map(|m| m.0).collect();
    used.sort_unstable();
    used.dedup();
    let windows = Windows(
        used.iter()
            .map(|&i| {
                let spans: Vec<_> = marks
                    .iter()
                    .filter(|m| m.0 == i)
                    .map(|m| m.2.clone())
                    .collect();
                Window::new(&sources[i].path, &sources[i].text, &spans)
            })
            .collect(),
    );
    let labels = marks
        .iter()
        .map(|(file, style, span, message)| {
            let id = used.binary_search(file).expect("a used file");
            let window = &windows.0[id];
            Label::new(*style, id, window.map(span.start)..window.map(span.end))
                .with_message(*message)
        })
        .collect();
    notes.extend(d.notes.iter().cloned());
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &d.fix {
        notes.push(format!(
            "fix: {} ({})",
            describe(&sources[home].text, d.span.span(), fix),
            applied_by(fix.applicability)
        ));
    }
    if let Some(url) = docs {
        notes.push(format!("docs: {url}"));
    }
    let report = Report::new(level(d.severity))
        .with_code(&d.rule)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes);
    (windows, report)
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
    render_input(error, Level::Error, color)
}

/// Renders a problem with the input that does not stop anything (a rule folder's failing example).
pub fn render_warning(error: &InputError, color: bool) -> String {
    render_input(error, Level::Warning, color)
}

fn render_input(error: &InputError, level: Level, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut report = Report::new(level).with_message(&error.message);
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
