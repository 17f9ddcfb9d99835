//! Long lines cut to the part around a finding, for the human format, as rustc and ruff do: a
//! 3,000-character paragraph on one line would otherwise be printed whole for every finding in it,
//! with a caret line as wide.
//!
//! A [`Window`] is the stretch of a file a diagnostic's labels cover (only those lines: codespan
//! shows no others), with each line longer than [`LONG`] characters cut to a few dozen characters
//! around each label's start and end, `…` marking every cut. It implements codespan's [`Files`],
//! reporting the true line numbers and columns of the file, so the `┌─ path:line:column` header
//! stays exact while the snippet below it is short.

use codespan_reporting::files::{Error, Files};
use std::ops::Range;

/// Lines longer than this, in characters, are cut.
pub const LONG: usize = 120;
/// Characters kept before the start and after the end of a labelled span.
const CONTEXT: usize = 40;
/// A labelled span longer than this, in characters, is shown as its start and its end.
const SPAN: usize = 60;
/// How far, in characters, a cut may move to fall between words.
const SNAP: usize = 12;
const ELLIPSIS: &str = "…";

/// A kept piece of a line: its bytes in the file, and where they start in the window's text.
#[derive(Debug)]
struct Piece {
    file: Range<usize>,
    at: usize,
    /// The 0-based column, in characters, of `file.start` in its line of the file.
    column: usize,
}

/// The lines of one file that a diagnostic's labels touch, long ones cut.
#[derive(Debug)]
pub struct Window<'a> {
    name: &'a str,
    text: String,
    /// The 0-based index, in the file, of the window's first line.
    first_line: usize,
    line_starts: Vec<usize>,
    /// Every kept piece, in order.
    pieces: Vec<Piece>,
}

impl<'a> Window<'a> {
    /// The window of `text` (the file named `name`) for labels on `spans` (byte ranges into it).
    pub fn new(name: &'a str, text: &str, spans: &[Range<usize>]) -> Self {
        let start = spans.iter().map(|s| s.start).min().unwrap_or(0);
        let end = spans.iter().map(|s| s.end).max().unwrap_or(0);
        let region_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let region_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let mut window = Window {
            name,
            text: String::new(),
            first_line: text[..region_start].matches('\n').count(),
            line_starts: Vec::new(),
            pieces: Vec::new(),
        };
        let mut line_start = region_start;
        loop {
            let line_end = text[line_start..region_end]
                .find('\n')
                .map_or(region_end, |i| line_start + i);
            window.line_starts.push(window.text.len());
            window.add_line(text, line_start..line_end, spans);
            if line_end >= region_end {
                break;
            }
            window.text.push('\n');
            line_start = line_end + 1;
        }
        window
    }

    /// Adds one line of the file, whole or cut around the label ends on it.
    fn add_line(&mut self, text: &str, line: Range<usize>, spans: &[Range<usize>]) {
        let content = &text[line.clone()];
        if content.chars().count() <= LONG {
            self.keep(text, line.start, line.clone());
            return;
        }
        let chars = |n: usize, from: usize, forward: bool| {
            line.start + step(content, from - line.start, n, forward)
        };
        let mut kept: Vec<Range<usize>> = Vec::new();
        for span in spans {
            let on_line = |b: usize| (line.start..=line.end).contains(&b);
            let short = on_line(span.start)
                && on_line(span.end)
                && text[span.clone()].chars().count() <= SPAN;
            if short {
                kept.push(chars(CONTEXT, span.start, false)..chars(CONTEXT, span.end, true));
                continue;
            }
            for point in [span.start, span.end].into_iter().filter(|&b| on_line(b)) {
                kept.push(chars(CONTEXT, point, false)..chars(CONTEXT, point, true));
            }
        }
        if kept.is_empty() {
            // A line inside a label that spans several lines: its beginning.
            kept.push(line.start..chars(2 * CONTEXT, line.start, true));
        }
        kept.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in kept {
            match merged.last_mut() {
                Some(last) if r.start <= last.end + SNAP => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        let points: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
        for (i, r) in merged.iter().enumerate() {
            let r = snap(text, r.clone(), &line, &points);
            if r.start > line.start || i > 0 {
                self.text.push_str(ELLIPSIS);
            }
            self.keep(text, line.start, r.clone());
            if i + 1 == merged.len() && r.end < line.end {
                self.text.push_str(ELLIPSIS);
            }
        }
    }

    fn keep(&mut self, text: &str, line_start: usize, file: Range<usize>) {
        self.pieces.push(Piece {
            column: text[line_start..file.start].chars().count(),
            at: self.text.len(),
            file: file.clone(),
        });
        self.text.push_str(&text[file]);
    }

    /// Where the file's byte `offset` is in the window (the nearest kept byte, for one in a cut).
    pub fn map(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.file.start <= offset);
        match self.pieces.get(i.saturating_sub(1)) {
            Some(p) if offset <= p.file.end && i > 0 => p.at + (offset - p.file.start),
            Some(p) if i > 0 => p.at + p.file.len(),
            _ => self.pieces.first().map_or(0, |p| p.at),
        }
    }
}

/// The byte offset `n` characters from `from` in `s`, forwards or backwards, within `s`.
fn step(s: &str, from: usize, n: usize, forward: bool) -> usize {
    if forward {
        s[from..]
            .char_indices()
            .nth(n)
            .map_or(s.len(), |(i, _)| from + i)
    } else {
        s[..from]
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(0, |(i, _)| i)
    }
}

/// `r` moved inwards to fall between words, when a space is near and no label end is passed.
fn snap(text: &str, r: Range<usize>, line: &Range<usize>, points: &[usize]) -> Range<usize> {
    let inside = |a: usize, b: usize| !points.iter().any(|&p| a < p && p < b);
    let mut start = r.start;
    if start > line.start
        && let Some(i) = text[start..r.end]
            .char_indices()
            .take(SNAP)
            .find(|(_, c)| *c == ' ')
        && inside(start, start + i.0 + 1)
    {
        start += i.0 + 1;
    }
    let mut end = r.end;
    if end < line.end
        && let Some((i, _)) = text[start..end]
            .char_indices()
            .rev()
            .take(SNAP)
            .find(|(_, c)| *c == ' ')
        && inside(start + i, end)
    {
        end = start + i;
    }
    start..end
}

/// The windows of a diagnostic, one per file its labels point into.
pub struct Windows<'a>(pub Vec<Window<'a>>);

impl<'a> Files<'a> for Windows<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.get(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let w = self.get(id)?;
        Ok(w.line_starts
            .partition_point(|&s| s <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, Error> {
        Ok(self.get(id)?.first_line + line_index + 1)
    }

    fn column_number(&'a self, id: usize, _: usize, byte_index: usize) -> Result<usize, Error> {
        let w = self.get(id)?;
        let i = w
            .pieces
            .partition_point(|p| p.at <= byte_index)
            .saturating_sub(1);
        let p = &w.pieces[i];
        let within = byte_index.clamp(p.at, p.at + p.file.len());
        Ok(p.column + w.text[p.at..within].chars().count() + 1)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let w = self.get(id)?;
        let start = *w.line_starts.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: w.line_starts.len() - 1,
        })?;
        let end = w
            .line_starts
            .get(line_index + 1)
            .map_or(w.text.len(), |&n| n - 1);
        Ok(start..end)
    }
}

impl Windows<'_> {
    fn get(&self, id: usize) -> Result<&Window<'_>, Error> {
        self.0.get(id).ok_or(Error::FileMissing)
    }
}
