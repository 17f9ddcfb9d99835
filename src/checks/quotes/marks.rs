//! The quotation-mark pass behind the `quotes` kind (not a kind itself): every mark of a
//! document classified by locale as opener, closer, apostrophe, prime or wrong-direction mark, and
//! paired per paragraph with the newsroom multi-paragraph convention (a quotation that runs on
//! leaves each paragraph open and reopens the next). Text in, [`Event`]s out; the kind decides
//! which rule reports what.
//!
//! Design (research notes, part C): curly marks take their role from the locale table, straight
//! marks from CommonMark-style flanking; a closer pops the nearest opener it can close, reporting
//! inner openers it skips; an unmatched `’` or `'` is an apostrophe and never reported.

use crate::document::Document;
use crate::markup::{Block, BlockKind};
use crate::span::Span;

pub use crate::locale::Locale;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A closer of another family than the opener it meets: `"null and void »`.
    Mismatched {
        closer: Span,
        opener: Span,
        expected: char,
    },
    /// An opener still open at the end of its paragraph, which the next does not continue;
    /// `attribution` is the attribution the quotation runs into, where its closer is missing.
    Unclosed {
        opener: Span,
        end: Span,
        attribution: Option<Span>,
    },
    /// An inner opener still open when the enclosing quotation closes.
    UnclosedInner { opener: Span, closer: Span },
    /// A double closer with nothing open.
    Unopened { closer: Span },
    /// The next paragraph closes the quotation without first reopening it.
    MissingReopen {
        at: Span,
        opener: Span,
        reopen: char,
    },
    /// A curly mark facing the wrong way: `Party‘s`, `Frozen“`, `”Isis`.
    WrongDirection { mark: Span, suggested: char },
}

/// The first mark of one style and how many there are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StyleCount {
    pub first: Option<Span>,
    pub count: usize,
}

impl StyleCount {
    fn add(&mut self, span: Span) {
        self.first.get_or_insert(span);
        self.count += 1;
    }
}

#[derive(Debug, Default)]
pub struct Pass {
    pub events: Vec<Event>,
    /// Every opener and the closer that closed it.
    pub pairs: Vec<(Span, Span)>,
    /// Straight quotes and apostrophes (`"`, `'`), not counting inch and foot marks.
    pub straight: StyleCount,
    /// Curly quotes and apostrophes (`“ ” ‘ ’ „ ‚`).
    pub curly: StyleCount,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    span: Span,
    /// The mark as it opens: a `”` used as an opener is stored as `“`.
    ch: char,
    /// Whether leaving it unclosed is reported (not for a straight `'` that may be an apostrophe).
    reportable: bool,
}

/// Runs the pass over every paragraph of `doc`.
pub fn run(doc: &Document, locale: Locale) -> Pass {
    let text = doc.text;
    let marks = find_marks(text);
    let mut pairing = Pairing {
        text,
        locale,
        pass: Pass::default(),
        stack: Vec::new(),
        carried: false,
    };
    let mut next_mark = 0;
    let mut skip_until = 0;
    for (i, block) in doc.paragraphs.iter().enumerate() {
        let from = next_mark + marks[next_mark..].partition_point(|m| m.0 < block.span.start);
        let to = from + marks[from..].partition_point(|m| m.0 < block.span.end);
        next_mark = to;
        let para = &marks[from..to];
        for (k, &(pos, ch)) in para.iter().enumerate() {
            if pos < skip_until {
                pairing.count_style(pos, ch);
                continue;
            }
            pairing.mark(pos, ch, &para[k + 1..]);
        }
        if !pairing.stack.is_empty() {
            skip_until = pairing.paragraph_end(block.span, &doc.paragraphs[i + 1..], &marks[to..]);
        }
    }
    pairing.pass
}

/// Byte offset and character of every quotation mark and prime in `text`, found with SIMD
/// searches for their first bytes (`"`, `'`, 0xE2 for U+2018–U+2033, 0xC2 for « »).
fn find_marks(text: &str) -> Vec<(usize, char)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut skip_to = 0;
    for i in memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes) {
        if i < skip_to {
            continue;
        }
        match bytes[i] {
            b'\'' if bytes.get(i + 1) == Some(&b'\'') => {
                // `''`: two apostrophes typed for a double quotation mark, read as one at the second.
                out.push((i + 1, '"'));
                skip_to = i + 2;
            }
            b'"' => out.push((i, '"')),
            b'\'' => out.push((i, '\'')),
            _ => {
                if bytes.get(i + 1) == Some(&0x80)
                    && let Some(c) = text[i..].chars().next().filter(|c| is_mark(*c))
                {
                    out.push((i, c));
                }
            }
        }
    }
    let guillemets = memchr::memchr_iter(0xC2, bytes).filter_map(|i| match bytes.get(i + 1) {
        Some(0xAB) => Some((i, '«')),
        Some(0xBB) => Some((i, '»')),
        _ => None,
    });
    let before = out.len();
    out.extend(guillemets);
    if out.len() > before {
        out.sort_unstable_by_key(|m| m.0);
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '„' | '‚' | '‹' | '›' | '′' | '″')
}

/// Whether `closer` closes `opener` in `locale`. Straight and curly marks of one level close each
/// other: that mix is the `mixed-styles` rule's business, not a broken pair.
fn can_close(opener: char, closer: char, locale: Locale) -> bool {
    match (opener, closer) {
        ('"' | '“', '"' | '”') | ('„', '“' | '"') => true,
        ('„', '”') | ('‚', '’') => locale.english_like(),
        ('\'' | '‘', '\'' | '’') | ('‚', '‘' | '\'') => true,
        ('«', '»') | ('»', '«') | ('‹', '›') | ('›', '‹') => true,
        _ => false,
    }
}

/// The closer `opener` expects.
pub fn expected_closer(opener: char) -> char {
    match opener {
        '“' => '”',
        '„' => '“',
        '‘' => '’',
        '‚' => '‘',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

/// A mark that may be an apostrophe: unmatched, it is never reported.
fn is_single(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '‚')
}

fn is_opening_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | '„' | '‚'
    )
}

/// Words written with a leading apostrophe: `’n’`, `’tis`, `’em`.
const ELISIONS: &[&str] = &[
    "s", "d", "ll", "re", "ve", "m", "n", "tis", "twas", "em", "cause", "til", "till", "t", "bout",
    "round", "cept", "nother", "kay",
];

/// How many later marks of a paragraph a decision looks at: enough for any real quotation, and
/// it keeps a paragraph of a million quotation marks linear.
const LOOKAHEAD: usize = 64;

/// How many open quotations a closer looks through to find its opener.
const MAX_DEPTH: usize = 16;

/// The English curly openers and the closer each pairs with, which is also the mark to suggest
/// when the opener is typed the wrong way round (`Frozen“`, and for the single mark, which doubles
/// as the apostrophe, `Party‘s`).
struct Curly {
    opener: char,
    closer: char,
    single: bool,
}

const CURLY: [Curly; 2] = [
    Curly {
        opener: '“',
        closer: '”',
        single: false,
    },
    Curly {
        opener: '‘',
        closer: '’',
        single: true,
    },
];

/// A mark and its neighbours.
#[derive(Clone, Copy)]
struct Around {
    span: Span,
    prev: Option<char>,
    next: Option<char>,
    /// After white space, the start of the text or opening punctuation.
    after_space: bool,
    /// Before white space, the end of the text or punctuation other than a quotation mark.
    before_space: bool,
}

struct Pairing<'a> {
    text: &'a str,
    locale: Locale,
    pass: Pass,
    stack: Vec<Open>,
    /// Set when the open quotation was reported as running on without reopening, so that the
    /// paragraphs up to its closer are not reported again.
    carried: bool,
}

impl Pairing<'_> {
    fn count_style(&mut self, pos: usize, ch: char) {
        let span = Span::new(pos, pos + ch.len_utf8());
        match ch {
            '"' | '\'' => self.pass.straight.add(span),
            '“' | '”' | '‘' | '’' | '„' | '‚' => self.pass.curly.add(span),
            _ => {}
        }
    }

    fn mark(&mut self, pos: usize, ch: char, later: &[(usize, char)]) {
        let span = Span::new(pos, pos + ch.len_utf8());
        let prev = self.text[..pos].chars().next_back();
        let next = self.text[span.end..].chars().next();
        let at = Around {
            span,
            prev,
            next,
            after_space: prev.is_none_or(|c| c.is_whitespace() || is_opening_punct(c)),
            before_space: next
                .is_none_or(|c| c.is_whitespace() || (!c.is_alphanumeric() && !is_mark(c))),
        };
        match ch {
            '′' | '″' => return,
            // Feet and inches (`5' 10"`), unless it closes a quotation that ends in a figure.
            '"' | '\''
                if prev.is_some_and(|c| c.is_ascii_digit())
                    && !next.is_some_and(char::is_alphanumeric)
                    && self.find_open(ch).is_none() =>
            {
                return;
            }
            // `Read more »`, `« Back`: in English copy a guillemet standing alone between spaces,
            // outside any quotation and with no guillemet after it to pair with, is an arrow.
            '«' | '»' | '‹' | '›'
                if self.locale == Locale::En
                    && prev.is_none_or(char::is_whitespace)
                    && next.is_none_or(char::is_whitespace)
                    && self.stack.is_empty()
                    && !later
                        .iter()
                        .take(LOOKAHEAD)
                        .any(|m| matches!(m.1, '«' | '»' | '‹' | '›')) =>
            {
                return;
            }
            _ => {}
        }
        self.count_style(pos, ch);
        match ch {
            '"' => self.straight_double(at),
            '\'' | '’' => self.single_closer(ch, at, later),
            '“' | '‘' => self.curly_opener(ch, at),
            '”' => {
                if at.after_space
                    && next.is_some_and(char::is_alphanumeric)
                    && self.find_open('”').is_none()
                {
                    // `”Isis`: an opener typed the wrong way round.
                    self.pass.events.push(Event::WrongDirection {
                        mark: span,
                        suggested: '“',
                    });
                    self.push(span, '“', true);
                } else {
                    self.close(span, ch);
                }
            }
            '„' if self.locale == Locale::En
                && at.after_space
                && next.is_some_and(char::is_alphanumeric) =>
            {
                // The German and Polish low opener where an opener stands: English opens with
                // `“`, so `„a farce”` is one quotation whose opener is of the wrong family. (`‚`
                // is left alone: it is also a comma typed with the wrong key; `late„` is no
                // opener, and its fix would be flagged again.)
                self.pass.events.push(Event::WrongDirection {
                    mark: span,
                    suggested: '“',
                });
                self.push(span, '“', true);
            }
            '„' | '‚' => self.push(span, ch, true),
            '«' | '‹' => {
                if self.locale == Locale::De && self.find_open(ch).is_some() {
                    self.close(span, ch);
                } else {
                    self.push(span, ch, true);
                }
            }
            '»' | '›' => {
                if self.locale == Locale::De && self.find_open(ch).is_none() {
                    self.push(span, ch, true);
                } else {
                    self.close(span, ch);
                }
            }
            _ => {}
        }
    }

    /// A straight `"`: its role comes from its neighbours (CommonMark flanking) and from what is open.
    fn straight_double(&mut self, at: Around) {
        let Around {
            span, prev, next, ..
        } = at;
        if is_apostrophe_typo(prev, &self.text[span.end..]) {
            return; // `Britain"s`: a double mark typed for an apostrophe, not a quotation.
        }
        let open = self.find_open('"').is_some();
        if matches!(prev, Some('s' | 'S')) && next.is_some_and(char::is_whitespace) && !open {
            return; // `the Philippines" debt`: a plural possessive typed with a double mark.
        }
        let (left, right) = flanking(prev, next);
        // `direction,"Carlucci said`: glued to both sides, it closes what is open.
        let glued = open && prev.is_some_and(|c| !c.is_whitespace() && !is_opening_punct(c));
        // Spaced on both sides (`rates " for`) or glued on both, it closes what is open.
        let closes = match (left, right) {
            (false, true) => true,
            (true, false) => glued,
            _ => open,
        };
        if closes {
            self.close(span, '"');
        } else {
            self.push(span, '"', true);
        }
    }

    /// A straight `'` or a curly `’`: an apostrophe, a closer, or (straight only) an opener.
    fn single_closer(&mut self, ch: char, at: Around, later: &[(usize, char)]) {
        let Around {
            span, prev, next, ..
        } = at;
        if self.is_apostrophe(span.start, prev, next) {
            return;
        }
        let open = self.find_open(ch);
        let possessive =
            prev.is_some_and(|c| matches!(c, 's' | 'z' | 'x' | 'S' | 'Z' | 'X')) && at.before_space;
        if possessive || self.dropped_g(span.start, next) {
            // `the workers’ union`, `nothin’ doing`: an apostrophe unless a quotation is open
            // that nothing later closes (`a ‘service bulletin’ would`, `say ‘again’?`: words
            // ending in `in` end quotations far more often than they drop a g).
            if open.is_some() && !self.later_closer(ch, later) {
                self.close(span, ch);
            }
            return;
        }
        if open.is_none() && self.single_closes_double(prev, next, later) {
            let top = self.stack.pop().expect("a double opener is on the stack");
            self.pass.events.push(Event::Mismatched {
                closer: span,
                opener: top.span,
                expected: expected_closer(top.ch),
            });
            return;
        }
        if ch == '’' {
            if open.is_some() {
                self.close(span, ch);
            }
            return;
        }
        let (left, right) = flanking(prev, next);
        if right && (!left || open.is_some()) {
            if open.is_some() {
                self.close(span, ch);
            }
        } else {
            // Only a clear opening quote, after a space and before a letter, is reported when left open.
            let clear = at.after_space && next.is_some_and(char::is_alphabetic) && !(left && right);
            self.push(span, '\'', clear);
        }
    }

    /// `“` or `‘`: an opener in English; in German and Swiss copy `“` and `‘` also close `„` and `‚`.
    /// Typed after a word and before a space or punctuation, it is a closer typed the wrong way
    /// round (`Frozen“`), and it still closes what is open.
    fn curly_opener(&mut self, ch: char, at: Around) {
        let curly = CURLY
            .iter()
            .find(|c| c.opener == ch)
            .expect("only curly openers come here");
        let en = self.locale.english_like();
        if !en && self.find_open(ch).is_some() {
            self.close(at.span, ch);
            return;
        }
        if en && curly.single {
            let rest = &self.text[at.span.end..];
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if is_okina(&self.text[..at.span.start], rest) {
                return; // `Hawai‘i`, `Ka‘ili`: the Hawaiian ʻokina, a letter of the word
            }
            if alnum(at.prev) && alnum(at.next) || is_decade(rest) {
                // `Party‘s`, `the ‘90s`: an apostrophe typed the wrong way round.
                self.pass.events.push(Event::WrongDirection {
                    mark: at.span,
                    suggested: curly.closer,
                });
                return;
            }
            if at.after_space && is_elision(rest) {
                return; // `‘em`, `rock ‘n’ roll`: an apostrophe, whichever way it faces
            }
        }
        if en && !at.after_space && at.before_space {
            self.pass.events.push(Event::WrongDirection {
                mark: at.span,
                suggested: curly.closer,
            });
            if let Some(j) = self.find_open(curly.closer) {
                self.pop_to(j, at.span);
            }
        } else {
            self.push(at.span, ch, true);
        }
    }

    fn is_apostrophe(&self, pos: usize, prev: Option<char>, next: Option<char>) -> bool {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if alnum(prev) && alnum(next) {
            return true; // it’s, O’Neill, 1990's
        }
        let rest = &self.text[pos..];
        let rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        if prev.is_none_or(|c| c.is_whitespace() || is_opening_punct(c)) {
            if next.is_some_and(|c| c.is_ascii_digit()) {
                return true; // ’60s
            }
            if is_elision(rest) {
                return true; // ’tis, ’em, the first ’ of ’n’
            }
        }
        // The second ’ of ’n’.
        let before = &self.text[..pos];
        prev == Some('n') && !alnum(next) && before[..before.len() - 1].ends_with(['’', '\''])
    }

    /// Whether the mark at `pos`, before `next`, may stand for a dropped g (`nothin’`, `runnin’`).
    fn dropped_g(&self, pos: usize, next: Option<char>) -> bool {
        let word = self.text[..pos]
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        !next.is_some_and(char::is_alphanumeric)
            && word.len() >= 4
            && word.ends_with("in")
            && word.chars().all(|c| c.is_lowercase())
    }

    /// `"range trading' and`: a single mark that can only be a closer, while a double quotation is
    /// open that nothing later in the paragraph closes.
    fn single_closes_double(
        &self,
        prev: Option<char>,
        next: Option<char>,
        later: &[(usize, char)],
    ) -> bool {
        let top_double = self.stack.last().is_some_and(|o| matches!(o.ch, '"' | '“'));
        top_double
            && flanking(prev, next) == (false, true)
            && !later
                .iter()
                .take(LOOKAHEAD)
                .any(|&(_, c)| matches!(c, '"' | '”'))
    }

    /// Whether a later `ch` in the paragraph closes a quotation before any other opens.
    fn later_closer(&self, ch: char, later: &[(usize, char)]) -> bool {
        for &(p, c) in later
            .iter()
            .take(LOOKAHEAD)
            .filter(|(_, c)| *c == ch || *c == '‘')
        {
            if c == '‘' {
                return false; // `‘pupil nations’ and ‘tutor nations’`: another quotation opens first
            }
            let prev = self.text[..p].chars().next_back();
            let next = self.text[p + c.len_utf8()..].chars().next();
            if self.is_apostrophe(p, prev, next) {
                continue;
            }
            match flanking(prev, next) {
                (true, false) => return false,
                (_, true) => return true,
                _ => {}
            }
        }
        false
    }

    /// The stack index of the nearest opener that `closer` can close.
    fn find_open(&self, closer: char) -> Option<usize> {
        // Quotations are never nested deeply: looking at the innermost few keeps a paragraph
        // of a million unmatched marks linear.
        let from = self.stack.len().saturating_sub(MAX_DEPTH);
        self.stack[from..]
            .iter()
            .rposition(|o| can_close(o.ch, closer, self.locale))
            .map(|j| from + j)
    }

    fn push(&mut self, span: Span, ch: char, reportable: bool) {
        self.stack.push(Open {
            span,
            ch,
            reportable,
        });
    }

    /// Closes the opener at `j`, reporting inner openers left open.
    fn pop_to(&mut self, j: usize, closer: Span) {
        for inner in self.stack.drain(j + 1..) {
            if inner.reportable {
                self.pass.events.push(Event::UnclosedInner {
                    opener: inner.span,
                    closer,
                });
            }
        }
        let open = self.stack.pop().expect("j is in the stack");
        if self.stack.is_empty() {
            self.carried = false;
        }
        self.pass.pairs.push((open.span, closer));
    }

    fn close(&mut self, span: Span, ch: char) {
        if let Some(j) = self.find_open(ch) {
            let opener = self.stack[j];
            if ch == '"' && matches!(opener.ch, '“' | '„') {
                // `“in curly copy"`: within one pair the two styles are a slip, not a house style.
                self.pass.events.push(Event::Mismatched {
                    closer: span,
                    opener: opener.span,
                    expected: expected_closer(opener.ch),
                });
            }
            self.pop_to(j, span);
        } else if is_single(ch) {
            // An unmatched single closer is an apostrophe.
        } else if let Some(top) = self.stack.pop() {
            self.pass.events.push(Event::Mismatched {
                closer: span,
                opener: top.span,
                expected: expected_closer(top.ch),
            });
        } else {
            self.pass.events.push(Event::Unopened { closer: span });
        }
    }

    /// Settles what is still open at the end of paragraph `para`, given the paragraphs that follow
    /// and their marks; returns the offset up to which marks of the next paragraph were consumed
    /// as reopening marks.
    fn paragraph_end(&mut self, para: Span, following: &[Block], later: &[(usize, char)]) -> usize {
        self.stack.retain(|o| o.reportable);
        let Some(bottom) = self.stack.first().copied() else {
            return 0;
        };
        if self.carried {
            return 0; // a quotation already reported as not reopened runs on to its closer
        }
        let innermost = self.stack.last().map_or(para.end, |o| o.span.end);
        // `"It is only the middlemen who will benefit, he said.`: the attribution shows that the
        // quotation ended before it, whatever the next paragraph does.
        let attribution = ends_in_attribution(&self.text[innermost..para.end])
            .map(|s| Span::new(innermost + s.start, innermost + s.end));
        let attributed = attribution.is_some();
        // A short line without sentence punctuation between two paragraphs of a running
        // quotation (a scraper's `Read More`, a photo credit) does not end it.
        let next = following.iter().take(3).find(|b| {
            b.kind != BlockKind::Heading || later.iter().any(|m| b.span.range().contains(&m.0))
        });
        if let Some(next) = next.filter(|_| !attributed) {
            // A continued quotation reopens with the same mark(s) at the start of the next paragraph.
            let mut reopened = 0;
            let mut expect = next.span.start;
            for &(pos, c) in later.iter().take_while(|m| m.0 < next.span.end) {
                // A mark before the paragraph's text (in a gap between blocks) reopens nothing.
                let ws = self
                    .text
                    .get(expect..pos)
                    .is_some_and(|gap| gap.chars().all(char::is_whitespace));
                let wanted = self.stack.get(reopened).map(|o| o.ch);
                let same = wanted
                    .is_some_and(|w| w == c || (self.locale == Locale::Fr && w == '«' && c == '»'));
                if !ws || !same {
                    break;
                }
                reopened += 1;
                expect = pos + c.len_utf8();
            }
            if reopened > 0 {
                return expect;
            }
            // A paragraph that starts in lower case is the same sentence, split by a line break.
            if self.text[next.span.range()].starts_with(char::is_lowercase) {
                return 0;
            }
            // The first double mark of the next few paragraphs closes the quotation: it ran on
            // without being reopened.
            let horizon = following[..following.len().min(8)]
                .last()
                .map_or(next.span.end, |b| b.span.end);
            let first_double = later
                .iter()
                .take_while(|m| m.0 < horizon)
                .take(LOOKAHEAD)
                .find(|m| !is_single(m.1));
            if let Some(&(pos, c)) = first_double
                && self.closes_at_start(pos, c)
            {
                let rest = &self.text[next.span.start..];
                let word = rest
                    .find(|c: char| !c.is_alphanumeric())
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| rest.chars().next().map_or(0, char::len_utf8));
                self.pass.events.push(Event::MissingReopen {
                    at: Span::new(next.span.start, next.span.start + word),
                    opener: bottom.span,
                    reopen: bottom.ch,
                });
                self.carried = true;
                return 0;
            }
        }
        let last = self.text[..para.end]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        let end = Span::new(para.end - last, para.end);
        for open in self.stack.drain(..) {
            self.pass.events.push(Event::Unclosed {
                opener: open.span,
                end,
                attribution,
            });
        }
        0
    }

    /// Whether the mark `c` at `pos`, the first of a paragraph, would close an open quotation.
    fn closes_at_start(&self, pos: usize, c: char) -> bool {
        let prev = self.text[..pos].chars().next_back();
        let next = self.text[pos + c.len_utf8()..].chars().next();
        let closer = match c {
            '"' => flanking(prev, next).1,
            '”' => {
                !(prev.is_none_or(char::is_whitespace) && next.is_some_and(char::is_alphanumeric))
            }
            '“' | '«' => self.locale == Locale::De || (c == '“' && self.locale == Locale::Ch),
            '»' | '›' => self.locale != Locale::De || self.find_open(c).is_some(),
            _ => false,
        };
        closer && self.find_open(c).is_some()
    }
}

/// Speech verbs of an attribution (`he said`, `said Ms Lee`, `Douglas told reporters`).
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "wrote",
    "writes",
    "explained",
    "noted",
    "recalled",
    "insisted",
    "argued",
    "tweeted",
    "replied",
    "stated",
    "continued",
    "warned",
    "acknowledged",
    "admitted",
    "declared",
    "remarked",
];

/// The attribution that a quotation's text up to the end of its paragraph ends in, if it does
/// (`..., Douglas told reporters.`, `... now? Trump asked.`, `..., said Ms Lee, 54, of Wall,
/// Pennsylvania.`): the closing mark was left out before the attribution, so the quotation does
/// not run on. The span is the attribution's first word, in `tail`.
fn ends_in_attribution(tail: &str) -> Option<Span> {
    let tail = tail.trim_end();
    if !tail.ends_with('.') || tail.contains(['"', '“', '”', '«', '»']) {
        return None;
    }
    // The clause after one of the last few commas (or a `?`/`!`) starts with the attribution;
    // the speaker's age, home town and job may follow it, each after a comma.
    tail.char_indices()
        .rev()
        .filter(|&(_, c)| matches!(c, ',' | '?' | '!'))
        .take(6)
        .find(|&(k, _)| {
            let clause: Vec<&str> = tail[k + 1..].split_whitespace().collect();
            // `… now? Trump asked Sondland, referring to the call.`: the verb comes early.
            let first = clause.first().copied().unwrap_or("");
            let verb_at = clause
                .iter()
                .take(4)
                .position(|w| SPEECH_VERBS.contains(&w.trim_end_matches(['.', ','])));
            let starts_attribution = first.starts_with(char::is_uppercase)
                || matches!(first, "he" | "she" | "they" | "we" | "it")
                || verb_at == Some(0);
            clause.len() <= 24 && starts_attribution && verb_at.is_some()
        })
        .and_then(|(k, _)| {
            let rest = &tail[k + 1..];
            let start = k + 1 + rest.len() - rest.trim_start().len();
            let len = tail[start..].find(char::is_whitespace)?;
            Some(Span::new(start, start + len))
        })
}

/// `Britain"s`, `don"t`: a straight double mark between a letter and an apostrophe ending.
fn is_apostrophe_typo(prev: Option<char>, rest: &str) -> bool {
    let ending = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let ending = rest[..ending].to_ascii_lowercase();
    prev.is_some_and(char::is_alphabetic)
        && matches!(ending.as_str(), "s" | "t" | "d" | "ll" | "re" | "ve" | "m")
}

/// Whether `rest`, the text after a mark, starts with a word written with a leading apostrophe.
fn is_elision(rest: &str) -> bool {
    let len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let after = rest[len..].chars().next();
    ELISIONS.contains(&rest[..len].to_lowercase().as_str())
        && !after.is_some_and(char::is_alphanumeric)
}

/// Whether a `‘` between `before` and `rest` is the Hawaiian ʻokina (`Hawai‘i`, `Ka‘ili`,
/// `pe‘ape‘a`), which news copy types as a turned comma: inside a word, after a vowel that is not
/// the word's first letter and before a vowel. An English apostrophe is never followed by a vowel
/// (`Party‘s`, `don‘t`, `we‘re`), and an elision has one letter before it (`d‘Ivoire`, `L‘Oréal`).
fn is_okina(before: &str, rest: &str) -> bool {
    let vowel = |c: char| "aeiouāēīōū".contains(c.to_lowercase().next().unwrap_or(c));
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    word.chars().count() >= 2
        && word.chars().next_back().is_some_and(vowel)
        && rest
            .chars()
            .next()
            .is_some_and(|c| vowel(c) && c.is_lowercase())
}

/// `‘90s`: a decade written with an opening quote instead of an apostrophe.
fn is_decade(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[2] == b's'
        && !b.get(3).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// CommonMark flanking of a straight mark: (left-flanking, right-flanking).
fn flanking(prev: Option<char>, next: Option<char>) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
    let left = !ws(next) && (!punct(next) || ws(prev) || punct(prev));
    let right = !ws(prev) && (!punct(prev) || ws(next) || punct(next));
    (left, right)
}
