//! A document: the prose of one file (or of one chunk of a huge file), split into paragraphs,
//! sentences and tokens, all as byte spans into [`Document::text`].
//!
//! Paragraphs come from the markup layer. Sentences and tokens are computed on first use and
//! cached, so a check that needs only lines or regex matches pays nothing for them; every check of
//! a document shares one computation.

use crate::markup::{Block, BlockKind, Format};
use crate::sentences;
use crate::span::Span;
use std::cell::OnceCell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with internal apostrophes, hyphens and digits: `Putin’s`, `Lvova-Belova`, `G20`.
    Word,
    /// Digits with internal separators: `123`, `1,000`, `3.5`.
    Number,
    /// Any other single non-space character: punctuation, quotes, symbols.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
}

pub struct Document<'a> {
    /// The prose text; every span a check sees or reports is an offset into it.
    pub text: &'a str,
    pub format: Format,
    pub paragraphs: Vec<Block>,
    sentences: OnceCell<Vec<Sentence>>,
    tokens: OnceCell<Vec<Token>>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, format: Format, paragraphs: Vec<Block>) -> Self {
        Document {
            text,
            format,
            paragraphs,
            sentences: OnceCell::new(),
            tokens: OnceCell::new(),
        }
    }

    /// A document of plain text, split as a `.txt` file would be (for tests and examples).
    pub fn plain(text: &'a str) -> Self {
        Document::new(
            text,
            Format::Plain,
            crate::markup::split_paragraphs(text, 0),
        )
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.range()]
    }

    pub fn sentences(&self) -> &[Sentence] {
        self.sentences.get_or_init(|| {
            let mut out = Vec::new();
            for (i, block) in self.paragraphs.iter().enumerate() {
                let spans = match block.kind {
                    BlockKind::Paragraph => sentences::split(self.text, block.span),
                    BlockKind::Heading | BlockKind::ListItem => vec![block.span],
                };
                out.extend(
                    spans
                        .into_iter()
                        .map(|span| Sentence { span, paragraph: i }),
                );
            }
            out
        })
    }

    /// The sentences of paragraph `index`.
    pub fn sentences_of(&self, index: usize) -> &[Sentence] {
        let all = self.sentences();
        let from = all.partition_point(|s| s.paragraph < index);
        let to = all.partition_point(|s| s.paragraph <= index);
        &all[from..to]
    }

    pub fn tokens(&self) -> &[Token] {
        self.tokens.get_or_init(|| {
            let mut out = Vec::new();
            for block in &self.paragraphs {
                tokenize(self.text, block.span, &mut out);
            }
            out
        })
    }

    /// The tokens inside `span`.
    pub fn tokens_in(&self, span: Span) -> &[Token] {
        let all = self.tokens();
        let from = all.partition_point(|t| t.span.start < span.start);
        let to = all.partition_point(|t| t.span.end <= span.end);
        &all[from..to.max(from)]
    }

    /// The paragraph holding byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|b| b.span.end < offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }

    /// The lines of the prose, without their line breaks (blank lines included).
    pub fn lines(&self) -> impl Iterator<Item = Span> + 'a {
        let text = self.text;
        let mut pos = 0;
        text.split_inclusive('\n').map(move |line| {
            let start = pos;
            pos += line.len();
            let body = line.trim_end_matches(['\n', '\r']);
            Span::new(start, start + body.len())
        })
    }
}

/// Appends the tokens of `text[span]` to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = &text[span.range()];
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_alphabetic() {
            TokenKind::Word
        } else if c.is_ascii_digit() {
            TokenKind::Number
        } else {
            out.push(Token {
                span: Span::new(span.start + i, span.start + i + c.len_utf8()),
                kind: TokenKind::Punct,
            });
            continue;
        };
        let mut end = i + c.len_utf8();
        let mut kind = kind;
        while let Some(&(j, d)) = chars.peek() {
            let joins = if d.is_alphanumeric() || is_mark(d) {
                if kind == TokenKind::Number && d.is_alphabetic() {
                    kind = TokenKind::Word; // `19th`, `4G`
                }
                true
            } else {
                // A joiner stays inside the token only between two alphanumerics.
                let next_alnum = s[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                next_alnum
                    && match kind {
                        TokenKind::Word => matches!(d, '\'' | '’' | '-' | '‐'),
                        _ => {
                            matches!(d, ',' | '.')
                                && s[j + 1..].starts_with(|c: char| c.is_ascii_digit())
                        }
                    }
            };
            if !joins {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        out.push(Token {
            span: Span::new(span.start + i, span.start + end),
            kind,
        });
    }
}

fn is_mark(c: char) -> bool {
    // Combining marks (U+0300–U+036F) keep decomposed letters inside their word.
    ('\u{300}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        out.into_iter()
            .map(|t| (&text[t.span.range()], t.kind))
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        use TokenKind::*;
        assert_eq!(
            tokens("Putin’s 1,000.5 G20 Lvova-Belova, 19th “x”"),
            [
                ("Putin’s", Word),
                ("1,000.5", Number),
                ("G20", Word),
                ("Lvova-Belova", Word),
                (",", Punct),
                ("19th", Word),
                ("“", Punct),
                ("x", Word),
                ("”", Punct)
            ]
        );
        assert_eq!(
            tokens("in March.Chairman"),
            [
                ("in", Word),
                ("March", Word),
                (".", Punct),
                ("Chairman", Word)
            ]
        );
    }

    #[test]
    fn sentences_are_grouped_by_paragraph() {
        let doc = Document::plain("Title\n\nOne. Two here.\n\nThree.");
        let got: Vec<_> = doc
            .sentences()
            .iter()
            .map(|s| (doc.slice(s.span), s.paragraph))
            .collect();
        assert_eq!(
            got,
            [("Title", 0), ("One.", 1), ("Two here.", 1), ("Three.", 2)]
        );
        assert_eq!(doc.sentences_of(1).len(), 2);
        assert_eq!(doc.paragraph_at(8), Some(1));
    }
}
