//! Plain text → paragraphs.
//!
//! Blank lines separate blocks. Inside a block, scraped and wire copy puts one paragraph per line
//! (each ends in sentence punctuation), while hard-wrapped copy breaks lines anywhere, mid-sentence
//! and even inside a name (`Nikol` / `Pashinyan`, `Hong` / `Kong`). Each line break is judged on
//! its own. It is a wrap, and the two lines are joined into one paragraph, when the text is wrapped
//! at a fixed width (as `fold` or an editor wraps it) and the line is full: the next line's first
//! word would not have fitted on it, whatever that word is (a capital, a digit) and even after a
//! full stop. In ragged copy a break is a wrap when the line does not end a sentence and the block
//! shows it is wrapped: some line break in it falls before a lower-case word, or after a comma or a
//! word that cannot end a sentence (`the`, `of`, `and`). Otherwise every line is its own block: a
//! paragraph when it ends in sentence punctuation, a heading when it does not, a list item after a
//! bullet.

use super::{Block, BlockKind};
use crate::span::Span;

/// Where the text starts after a UTF-8 byte-order mark.
pub fn skip_bom(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Splits `text[from..]` into blocks (spans trimmed of surrounding white space).
pub fn split_paragraphs(text: &str, from: usize) -> Vec<Block> {
    let width = Width::of(text, from);
    let mut blocks = Vec::new();
    let mut group: Vec<Span> = Vec::new();
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        let span = trim(text, Span::new(pos, pos + line.len()));
        pos += line.len();
        if span.is_empty() {
            flush(text, &mut group, &mut blocks, width);
        } else {
            group.push(span);
        }
    }
    flush(text, &mut group, &mut blocks, width);
    blocks
}

/// The width a text is hard-wrapped at, in bytes (as `fold` counts) and in characters (as
/// editors count): the longest line, when it is short and most breaks inside blocks fall where
/// the next word would not have fitted.
#[derive(Clone, Copy)]
struct Width {
    bytes: usize,
    chars: usize,
}

/// Wider lines are paragraphs, not wrapped lines; narrower texts are too short to tell (a credit
/// line over a short paragraph).
const MAX_WRAP_WIDTH: usize = 200;
const MIN_WRAP_WIDTH: usize = 40;

impl Width {
    fn of(text: &str, from: usize) -> Option<Width> {
        let lines = || text[from..].lines().map(str::trim_end);
        let bytes = lines().map(str::len).max()?;
        let chars = lines().map(|l| l.chars().count()).max()?;
        if bytes > 4 * MAX_WRAP_WIDTH || !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&chars) {
            return None;
        }
        let width = Width { bytes, chars };
        let (mut breaks, mut full) = (0, 0);
        for (line, next) in lines().zip(lines().skip(1)) {
            if line.trim().is_empty() || next.trim().is_empty() {
                continue;
            }
            breaks += 1;
            full += usize::from(width.is_full(line, next));
        }
        (full >= 3 && 3 * full >= breaks).then_some(width)
    }

    /// Whether `next`'s first word would not have fitted at the end of `line`. A word that would
    /// have filled the line exactly counts as not fitting: `fold -s` keeps room for the space
    /// after it.
    fn is_full(self, line: &str, next: &str) -> bool {
        let line = line.trim_end();
        let word = next.split_whitespace().next().unwrap_or("");
        line.len() + 1 + word.len() >= self.bytes
            || line.chars().count() + 1 + word.chars().count() >= self.chars
    }
}

fn flush(text: &str, lines: &mut Vec<Span>, out: &mut Vec<Block>, width: Option<Width>) {
    if lines.is_empty() {
        return;
    }
    let wrapped = lines
        .windows(2)
        .any(|w| is_wrap_evidence(&text[w[0].range()], &text[w[1].range()]));
    let mut start = lines[0];
    for (i, &line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).map(|s| &text[s.range()]);
        let this = &text[line.range()];
        let full = |next: &str| width.is_some_and(|w| w.is_full(this, next));
        // A full line is continued even by a line that starts with a dash (`—` opens an aside).
        let joins = next.is_some_and(|next| {
            let dash = next.starts_with(['—', '–']);
            (full(next) && (dash || !is_list_item(next)))
                || (!is_list_item(next) && wrapped && !ends_sentence(this))
        });
        if !joins {
            let span = Span::new(start.start, line.end);
            out.push(Block {
                span,
                kind: kind_of(&text[span.range()]),
            });
            if let Some(&n) = lines.get(i + 1) {
                start = n;
            }
        }
    }
    lines.clear();
}

/// Whether a break between `line` and `next` can only be a wrap inside a sentence.
fn is_wrap_evidence(line: &str, next: &str) -> bool {
    if ends_sentence(line) || is_list_item(next) {
        return false;
    }
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    next_lower || line.ends_with(',') || JOINING_WORDS.contains(&last)
}

/// Words after which a sentence cannot end, so a line break after them is a wrap.
const JOINING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "as",
    "that", "which", "who", "whose", "his", "her", "its", "their", "our", "is", "was", "are",
    "were", "has", "have", "had", "be", "been", "will", "would", "not", "but", "into", "than",
    "this",
];

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

pub fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '•', '–', '—', '·']) {
        return rest.starts_with(' ');
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && digits < 4
        && t[digits..].starts_with([')', '.'])
        && t[digits + 1..].starts_with(' ')
}

pub(super) fn kind_of(block: &str) -> BlockKind {
    if is_list_item(block) {
        BlockKind::ListItem
    } else if ends_sentence(block) {
        BlockKind::Paragraph
    } else {
        BlockKind::Heading
    }
}

fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let start = span.start + (s.len() - s.trim_start().len());
    Span::new(start, start + s.trim().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::*;

    fn blocks(text: &str) -> Vec<(&str, BlockKind)> {
        split_paragraphs(text, 0)
            .into_iter()
            .map(|b| (&text[b.span.range()], b.kind))
            .collect()
    }

    #[test]
    fn blank_lines_separate_blocks() {
        assert_eq!(
            blocks("Title here\n\nFirst paragraph.\n\n\nSecond one.\n"),
            [
                ("Title here", Heading),
                ("First paragraph.", Paragraph),
                ("Second one.", Paragraph)
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_stays_apart() {
        assert_eq!(
            blocks(
                "A headline without a stop\nThe first paragraph.\nThe second.\n- an item\n- another\n"
            ),
            [
                ("A headline without a stop", Heading),
                ("The first paragraph.", Paragraph),
                ("The second.", Paragraph),
                ("- an item", ListItem),
                ("- another", ListItem),
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_join_even_inside_a_name() {
        let text = "The talks, said Armenian leader Nikol\nPashinyan, were set\nfor Monday.\nHe left on\nTuesday.\n";
        assert_eq!(
            blocks(text),
            [
                (
                    "The talks, said Armenian leader Nikol\nPashinyan, were set\nfor Monday.",
                    Paragraph
                ),
                ("He left on\nTuesday.", Paragraph),
            ]
        );
    }

    #[test]
    fn fixed_width_copy_joins_every_full_line() {
        // Folded at 40: the breaks before `Kong`, `2019` and `He` are wraps, the short lines end
        // their paragraphs.
        let text = "The minister said the situation in Hong\nKong, which he visited, was calm in\n2019. He spoke for an hour and then left\nwithout taking any questions.\nShe stayed.\nA second paragraph starts here and runs\non.\n";
        assert_eq!(
            blocks(text),
            [
                (
                    "The minister said the situation in Hong\nKong, which he visited, was calm in\n2019. He spoke for an hour and then left\nwithout taking any questions.",
                    Paragraph
                ),
                ("She stayed.", Paragraph),
                ("A second paragraph starts here and runs\non.", Paragraph),
            ]
        );
    }

    #[test]
    fn list_items_are_never_joined() {
        assert_eq!(
            blocks("Related\n- One story about the\n- Another story\n"),
            [
                ("Related", Heading),
                ("- One story about the", ListItem),
                ("- Another story", ListItem)
            ]
        );
    }
}
