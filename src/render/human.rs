//! `--format human`: rustc-style annotated snippets through codespan-reporting, with the rule id
//! as the code, a primary label on the offending text, secondary labels on related places, notes
//! and a `help:` line; a fix is a `fix:` line that says whether `--fix` applies it or it needs
//! `--unsafe-fixes`. Info-level findings show as `note[...]` (codespan's name for that level).
//! Input errors (unreadable files, broken rule files) are rendered the same way.

use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::error::InputError;
use crate::source::Source;
use crate::span::Span;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, LabelStyle, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, termcolor::Buffer};

/// Renders the diagnostics of `sources[0]`'s file. Labels in other files are drawn from the
/// matching entry of `sources`, or become notes when that file is not given.
pub fn render(sources: &[&Source], diagnostics: &[Diagnostic], color: bool) -> String {
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = sources
        .iter()
        .map(|s| files.add(s.path.as_str(), s.text.as_str()))
        .collect();
    let file_of = |path: &str| sources.iter().position(|s| s.path == path).map(|i| ids[i]);
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for d in diagnostics {
        let Some(home) = file_of(&d.path) else {
            continue;
        };
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
            let text = sources
                .iter()
                .find(|s| s.path == d.path)
                .map_or("", |s| s.text.as_str());
            notes.push(format!(
                "fix: {} ({})",
                describe(text, d.span.span(), fix),
                applied_by(fix.applicability)
            ));
        }
        let report = Report::new(level(d.severity))
            .with_code(&d.rule)
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        term::emit_to_write_style(&mut buffer, &config, &files, &report)
            .expect("spans come from these files");
    }
    String::from_utf8(buffer.into_inner()).expect("codespan writes UTF-8")
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
    let deleted = text.get(span.range()).unwrap_or_default();
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

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    }
}
