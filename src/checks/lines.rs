//! The line around each of a series of matches, for kinds whose rules look at the whole line of a
//! match (`max-line-words`, `scope = "line"`).
//!
//! Searching back and forward from every match reads its line once per match: a one-line file
//! holding a match every few bytes would be read quadratically often. Matches come in text order,
//! so the cursor keeps the last line it found and searches for the next one only from there.

use crate::span::Span;

pub struct LineCursor<'t> {
    text: &'t str,
    /// The last line found (without its line break), and its word count once asked for.
    line: Option<(Span, Option<usize>)>,
}

impl<'t> LineCursor<'t> {
    pub fn new(text: &'t str) -> Self {
        LineCursor { text, line: None }
    }

    /// The lines of `span`: from the start of the line holding its start to the end of the line
    /// holding its end, line breaks excluded.
    pub fn around(&mut self, span: Span) -> Span {
        let start = self.line_of(span.start).start;
        Span::new(start, self.line_of(span.end).end.max(start))
    }

    /// The words (white-space separated) of the lines of `span`, counted once per line.
    pub fn words(&mut self, span: Span) -> usize {
        let lines = self.around(span);
        let text = self.text;
        let count = || text[lines.range()].split_whitespace().count();
        match &mut self.line {
            Some((line, words)) if *line == lines => *words.get_or_insert_with(count),
            _ => count(),
        }
    }

    /// The line holding byte `offset`. Offsets asked for in increasing order cost, together, one
    /// reading of the text; an offset before the last line is found by a plain search.
    fn line_of(&mut self, offset: usize) -> Span {
        let text = self.text;
        if let Some((line, _)) = self.line
            && line.start <= offset
            && offset <= line.end
        {
            return line;
        }
        let search_all = || text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let start = match self.line {
            // The last line ends at a line break before `offset`: the search back stops there.
            Some((line, _)) if offset > line.end => text[line.end..offset]
                .rfind('\n')
                .map_or_else(search_all, |i| line.end + i + 1),
            _ => search_all(),
        };
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = Span::new(start, end);
        self.line = Some((line, None));
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_around_spans_in_any_order() {
        let text = "one two\nthree four five\n\nsix";
        let naive = |span: Span| {
            let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let end = text[span.end..]
                .find('\n')
                .map_or(text.len(), |i| span.end + i);
            Span::new(start, end)
        };
        let mut cursor = LineCursor::new(text);
        let spans = [
            (0, 3),
            (4, 7),
            (8, 13),
            (14, 18),
            (8, 18),
            (24, 27),
            (23, 23),
            (2, 10),
        ];
        for (a, b) in spans {
            let span = Span::new(a, b);
            assert_eq!(cursor.around(span), naive(span), "{span:?}");
        }
        let mut cursor = LineCursor::new(text);
        let words = [9, 20, 24, 26, 27].map(|at| cursor.words(Span::new(at, at)));
        assert_eq!(words, [3, 3, 0, 1, 1]);
        assert_eq!(cursor.words(Span::new(4, 12)), 5);
    }
}
