//! `doubled`: text an edit left twice: a doubled word (`the the`), a parenthetical that repeats
//! what it follows (`Belarus (Belarus)`), a word next to another form of itself
//! (`territorial territory`).
//!
//! Why: a writer's eye skips a repeated word; a checker does not. The legitimate doubles are
//! excepted (`had had`, `that that`, `ha ha`, names such as `Walla Walla`), and an acronym after
//! its expansion (`World Health Organization (WHO)`) is not a repeat.
//!
//! Parameters: `report`, one of `word`, `parenthetical`, `stem`. Message placeholder: `{match}`,
//! `{first}` (the earlier text).
//!
//! Example: `report = "word"` flags the second `the` of `the the report` and passes `he had had enough`.

use super::{Check, KindEntry, ReportParams, Reports, RuleIdx, Settings, Sink};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::rule::Rule;
use crate::span::Span;
use serde::Deserialize;

pub const KIND: KindEntry = KindEntry {
    name: "doubled",
    summary: "doubled words, repeated parentheticals and doubled word stems",
    fields: super::fields::<ReportParams<Report>>,
    fixes: |rule| super::reports_one_of(rule, &[Report::Word, Report::Parenthetical]),
    compile,
};

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Report {
    Word,
    Parenthetical,
    Stem,
}

struct DoubledCheck {
    reports: Reports<Report>,
}

fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
    Ok(Box::new(DoubledCheck {
        reports: Reports::compile(rules)?,
    }))
}

impl Check for DoubledCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let wants = |r: Report| self.reports.wants(r);
        let mut out = Vec::new();
        if wants(Report::Word) || wants(Report::Stem) {
            adjacent_words(doc, wants(Report::Word), wants(Report::Stem), &mut out);
        }
        if wants(Report::Parenthetical) {
            parentheticals(doc, &mut out);
        }
        self.reports.emit(out, sink);
    }
}

/// Lower-case doubles that are good English or common interjections.
const LEGITIMATE: &[&str] = &[
    "had", "that", "is", "so", "ha", "haha", "bye", "no", "yes", "oh", "blah", "tick", "tock",
    "boom", "knock", "bang", "tut", "chop", "choo", "ho", "la", "na", "yada", "dum", "very",
    "many", "far", "long", "never", "more", "again", "bla", "hey", "well", "now", "go", "wait",
    "aye", "ya", "yeah", "woof", "quack", "beep", "ding", "dong", "night", "win", "yo", "do",
    "nil", "plus", "yai", "whoop", "nicey", "tsk", "boo", "hip", "chugga", "rah", "cha", "pew",
    "bravo", "encore", "shame", "murmur", "twinkle",
];

/// Words that are still a mistake when doubled at the start of a sentence (`The the`).
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "to", "of", "in", "on", "for", "and", "with", "by", "at", "from", "it",
    "its", "this", "their", "his", "her",
];

fn adjacent_words(doc: &Document, words: bool, stems: bool, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    let bytes = text.as_bytes();
    // Words are the white-space separated chunks, trimmed of punctuation: a SIMD search for the
    // separators keeps this at a few instructions per word. Pairs are judged when the word after
    // them is known (a run of three is not a slip), so the scan keeps the last two words and at
    // most one pair waiting.
    let mut before: Option<Span> = None;
    let mut last: Option<Span> = None;
    let mut waiting: Option<(Option<Span>, Span, Span)> = None;
    let mut start = 0;
    for end in memchr::memchr3_iter(b' ', b'\n', b'\t', bytes).chain(std::iter::once(bytes.len())) {
        let chunk = Span::new(start, end);
        start = end + 1;
        if chunk.is_empty() {
            continue;
        }
        let w = core_word(text, chunk);
        if w.is_empty() {
            continue;
        }
        if let Some((pre, a, b)) = waiting.take() {
            judge(text, pre, a, b, Some(w), words, stems, out);
        }
        if let Some(a) = last
            && adjacent(text, a, w)
        {
            let (x, y) = (&bytes[a.range()], &bytes[w.range()]);
            let same = words && x.len() == y.len() && x.eq_ignore_ascii_case(y);
            let stem = stems && x.len() > 7 && y.len() > 7 && x[..7] == y[..7];
            if same || stem {
                waiting = Some((before, a, w));
            }
        }
        before = last;
        last = Some(w);
    }
    if let Some((pre, a, b)) = waiting {
        judge(text, pre, a, b, None, words, stems, out);
    }
}

/// The word inside a white-space separated chunk: ASCII punctuation around it trimmed, and a
/// chunk with other characters decoded and trimmed to its letters (`“the` → `the`).
fn core_word(text: &str, chunk: Span) -> Span {
    let b = &text.as_bytes()[chunk.range()];
    let lead = b.iter().take_while(|c| c.is_ascii_punctuation()).count();
    let trail = b[lead..]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_punctuation() || **c == b'\r')
        .count();
    let span = Span::new(chunk.start + lead, chunk.end - trail);
    if b[lead..b.len() - trail].is_ascii() {
        span
    } else {
        trim_word(text, span)
    }
}

/// Whether only a little white space (one line break at most) separates two words.
fn adjacent(text: &str, a: Span, b: Span) -> bool {
    let gap = &text.as_bytes()[a.end..b.start];
    gap.len() <= 4
        && gap.iter().all(|c| c.is_ascii_whitespace())
        && gap.iter().filter(|&&c| c == b'\n').count() <= 1
}

#[allow(clippy::too_many_arguments)]
fn judge(
    text: &str,
    pre: Option<Span>,
    a: Span,
    b: Span,
    post: Option<Span>,
    words: bool,
    stems: bool,
    out: &mut Vec<(Report, Finding)>,
) {
    let (x, y) = (&text[a.range()], &text[b.range()]);
    if !x.starts_with(char::is_alphabetic) {
        return; // numbers, `1,000 1,000` in a table
    }
    if words && x.eq_ignore_ascii_case(y) {
        // `nil nil nil` in a table: a run of three is a pattern, not a slip.
        let run = [pre, post]
            .into_iter()
            .flatten()
            .any(|t| text[t.range()].eq_ignore_ascii_case(x));
        let word = |t: Option<Span>| t.map_or("", |t| &text[t.range()]);
        if !run && is_mistaken_double(x, y, word(pre), word(post)) {
            let f = Finding::new(b)
                .var("match", y)
                .var("first", x)
                .label(a, "first here")
                .fix(Span::new(a.end, b.end), "");
            out.push((Report::Word, f));
        }
    } else if stems && let Some(prefix) = doubled_stem(x, y) {
        let f = Finding::new(Span::new(a.start, b.end))
            .var("match", &text[a.start..b.end])
            .var("first", x)
            .var("stem", prefix);
        out.push((Report::Stem, f));
    }
}

/// A chunk holding non-ASCII characters, trimmed to its first run of letters and digits (with
/// inner `’` and hyphens): `“the` → `the`, `said—and` → `said`.
fn trim_word(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let Some(first) = s.find(char::is_alphanumeric) else {
        return Span::new(span.end, span.end);
    };
    let mut end = first;
    let mut chars = s[first..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let joiner = matches!(c, '’' | '\'' | '-' | '‐')
            && chars.peek().is_some_and(|(_, d)| d.is_alphanumeric());
        if !(c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c) || joiner) {
            break;
        }
        end = first + k + c.len_utf8();
    }
    Span::new(span.start + first, span.start + end)
}

/// Words after which `that that` cannot be a conjunction and a demonstrative (`said that that
/// plan failed`): `that that the`, `that that they` are slips.
const AFTER_THAT_THAT: &[&str] = &[
    "the", "a", "an", "he", "she", "they", "we", "i", "you", "it", "there", "his", "her", "their",
    "our", "its", "my", "this", "these", "those", "were", "are", "have",
];

/// Whether `x y` (the same word twice), between the words `pre` and `post`, is a slip.
fn is_mistaken_double(x: &str, y: &str, pre: &str, post: &str) -> bool {
    let lower = x.to_lowercase();
    match (x, y) {
        // `a a step`: the article doubled (a lone capital `A A` is a list or a grade).
        ("a", "a") => return true,
        ("that", "that") => return AFTER_THAT_THAT.contains(&post.to_lowercase().as_str()),
        // `what it is is`: the only good English `is is`.
        ("is", "is") => return !matches!(pre.to_lowercase().as_str(), "it" | "what"),
        _ => {}
    }
    let capital = |s: &str| s.starts_with(char::is_uppercase);
    if x.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && x.chars().filter(|c| c.is_alphabetic()).count() > 1
    {
        return false; // headlines and tables in capitals
    }
    if capital(x) && capital(y) {
        return false; // `Walla Walla`, `Sirhan Sirhan`
    }
    if capital(y) {
        return false; // `its new New York office`
    }
    if capital(x) {
        return FUNCTION_WORDS.contains(&lower.as_str()); // `The the`, but `Will will`, `May may`
    }
    x.chars().count() > 1 && !LEGITIMATE.contains(&lower.as_str())
}

/// `territorial territory`: two lower-case words sharing a stem of at least seven letters, each
/// going on past it (so `general generally` and `interest interested` pass).
fn doubled_stem<'a>(x: &'a str, y: &str) -> Option<&'a str> {
    if x == y
        || !x.chars().all(|c| c.is_ascii_lowercase())
        || !y.chars().all(|c| c.is_ascii_lowercase())
    {
        return None;
    }
    let common = x.bytes().zip(y.bytes()).take_while(|(a, b)| a == b).count();
    let shorter = x.len().min(y.len());
    (common >= 7
        && common < shorter
        && common * 10 >= shorter * 8
        && !x.ends_with('s')
        && !y.ends_with("ly"))
    .then(|| &x[..common])
}

/// Values of a `this period (last period)` table that may well be equal.
const TABLE_VALUES: &[&str] = &[
    "nil",
    "unquoted",
    "unch",
    "unchanged",
    "none",
    "same",
    "na",
    "n/a",
    "zero",
    "flat",
    "steady",
    "neg",
    "pos",
];

/// `Belarus (Belarus)`: a parenthetical that repeats the words just before it.
fn parentheticals(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    let mut gives_tickers = None;
    for (open, _) in text.match_indices('(') {
        let rest = &text[open + 1..];
        let window = crate::span::floor_boundary(rest, 81);
        let Some(close) = rest[..window]
            .find([')', '(', '\n'])
            .filter(|&k| rest.as_bytes()[k] == b')')
        else {
            continue;
        };
        let inner = rest[..close].trim();
        let paren = Span::new(open, open + 1 + close + 1);
        if let Some(first) = previous_parenthetical(text, open)
            && !inner.is_empty()
            && !TABLE_VALUES.contains(&inner.to_lowercase().as_str())
            && text[first.start + 1..first.end - 1]
                .trim()
                .eq_ignore_ascii_case(inner)
        {
            // `the World Health Organization (WHO) (WHO)`, `(AP) (AP)`, `($7.40) ($7.40)`: the
            // same parenthetical twice.
            let f = Finding::new(paren)
                .var("match", &text[paren.range()])
                .var("first", &text[first.range()])
                .label(first, "already given here")
                .fix(Span::new(first.end, paren.end), "");
            out.push((Report::Parenthetical, f));
            continue;
        }
        // A ticker is one word of at most five capitals (`AMR (AMR)`, `Snap (SNAP)`); a longer
        // echo in capitals is the name repeated (`Starbucks (STARBUCKS)`, `Ann Lee (ANN LEE)`).
        // A short one is a ticker only in copy that gives tickers, where another parenthetical in
        // capitals is neither an echo nor an acronym (`Disney (DIS)`), or after a name in capitals
        // (`AMR (AMR)`); elsewhere `Trump (TRUMP)` and `Iran (IRAN)` are the name repeated.
        let ticker = ticker_shaped(inner)
            && (*gives_tickers.get_or_insert_with(|| gives_tickers_in(text))
                || text[..open]
                    .trim_end()
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| !w.chars().any(char::is_lowercase)));
        if !inner.starts_with(char::is_alphabetic)
            || ticker
            || TABLE_VALUES.contains(&inner.to_lowercase().as_str())
        {
            continue; // tickers and table values (`rapeseed nil (nil)`: this year, last year)
        }
        let inner_words: Vec<&str> = inner.split_whitespace().collect();
        let before = text[..open].trim_end();
        if before.len() == text[..open].len() && !before.is_empty() {
            continue; // `word(` is not a parenthetical after that word
        }
        let mut start = before.len();
        for _ in 0..inner_words.len() {
            let s = before[..start].trim_end();
            // The word starts after the white space, which may be wider than a byte (U+00A0).
            start = s
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace())
                .map_or(0, |(k, c)| k + c.len_utf8());
        }
        let previous: Vec<&str> = before[start..].split_whitespace().collect();
        let same = previous.len() == inner_words.len()
            && previous
                .iter()
                .zip(&inner_words)
                .all(|(p, q)| p.eq_ignore_ascii_case(q));
        if !same {
            continue;
        }
        let first = Span::new(start, before.len());
        let f = Finding::new(paren)
            .var("match", &text[paren.range()])
            .var("first", &text[first.range()])
            .label(first, "already named here")
            .fix(Span::new(before.len(), paren.end), "");
        out.push((Report::Parenthetical, f));
    }
}

/// One word of one to five capitals, the shape of a stock ticker (`SNAP`, `AMR`).
fn ticker_shaped(inner: &str) -> bool {
    (1..=5).contains(&inner.chars().count()) && inner.chars().all(|c| c.is_uppercase())
}

/// Whether `text` gives stock tickers: a parenthetical of one to five capitals that neither echoes
/// the word before it nor spells the initials of the capitalised words before it (`Netflix
/// (NFLX)`, not `World Health Organization (WHO)`).
fn gives_tickers_in(text: &str) -> bool {
    text.match_indices('(').any(|(open, _)| {
        let rest = &text[open + 1..];
        let Some(close) = rest[..crate::span::floor_boundary(rest, 7)].find(')') else {
            return false;
        };
        let inner = &rest[..close];
        if !ticker_shaped(inner) {
            return false;
        }
        let words: Vec<&str> = text[..open]
            .split(|c: char| c.is_whitespace() || c == '-')
            .rev()
            .filter(|w| !w.is_empty())
            .take(8)
            .collect();
        let echo = words.first().is_some_and(|w| w.eq_ignore_ascii_case(inner));
        let initials: String = words
            .iter()
            .rev()
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect();
        !echo && !initials.ends_with(inner)
    })
}

/// The parenthetical that ends just before `open` (white space between, or none: `(WHO)(WHO)`),
/// if any, as a span from its `(` to its `)`.
fn previous_parenthetical(text: &str, open: usize) -> Option<Span> {
    let before = text[..open].trim_end_matches([' ', '\u{a0}']);
    if !before.ends_with(')') {
        return None;
    }
    let inner_start = before[..before.len() - 1].rfind(['(', ')', '\n'])?;
    (before.as_bytes()[inner_start] == b'(' && before.len() - inner_start <= 82)
        .then(|| Span::new(inner_start, before.len()))
}

/// Every report of this kind on `doc`, for tests of other kinds that share their inputs.
#[cfg(test)]
pub(super) fn run_all(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    adjacent_words(doc, true, true, out);
    parentheticals(doc, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(report: Report, text: &str) -> Vec<&str> {
        let doc = Document::plain(text);
        let mut out = Vec::new();
        match report {
            Report::Word | Report::Stem => adjacent_words(
                &doc,
                report == Report::Word,
                report == Report::Stem,
                &mut out,
            ),
            Report::Parenthetical => parentheticals(&doc, &mut out),
        }
        out.iter().map(|(_, f)| &text[f.span.range()]).collect()
    }

    #[test]
    fn doubled_words_with_their_exceptions() {
        assert_eq!(
            run(Report::Word, "He read the the report and\nand left."),
            ["the", "and"]
        );
        assert_eq!(run(Report::Word, "The the vote was close."), ["the"]);
        assert_eq!(
            run(
                Report::Word,
                "He had had enough; that that plan failed. Walla Walla voted. Will will go. ha ha"
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(Report::Word, "NIL NIL\nthe\n\nthe end"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn repeated_parentheticals_but_not_acronyms() {
        assert_eq!(
            run(
                Report::Parenthetical,
                "trips to Belarus (Belarus) and Kyrgyzstan"
            ),
            ["(Belarus)"]
        );
        assert_eq!(
            run(
                Report::Parenthetical,
                "the New York Times (new york times) said"
            ),
            ["(new york times)"]
        );
        assert_eq!(
            run(
                Report::Parenthetical,
                "the World Health Organization (WHO) and f(x) and Oil (5)"
            ),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_short_echo_in_capitals_is_a_ticker_only_where_the_copy_gives_tickers() {
        let p = Report::Parenthetical;
        assert_eq!(
            run(
                p,
                "a visit by Kim (KIM) to the World Health Organization (WHO)"
            ),
            ["(KIM)"]
        );
        assert_eq!(run(p, "AMR (AMR) and Snap (SNAP) fell"), ["(SNAP)"]);
        assert_eq!(
            run(p, "Snap (SNAP) fell and Netflix (NFLX) rose"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn parentheticals_after_wide_white_space() {
        // U+00A0, U+2009, U+3000 are two or three bytes wide: the word before starts after them.
        for space in ['\u{a0}', '\u{2009}', '\u{202f}', '\u{2003}', '\u{3000}'] {
            let text = format!("One two{space}three (four five). Tom{space}Smith (Smith) left.");
            assert_eq!(run(Report::Parenthetical, &text), ["(Smith)"], "{space:?}");
        }
    }

    #[test]
    fn function_words_doubled_in_context() {
        assert_eq!(
            run(
                Report::Word,
                "it is only a a step, and officials said that that the plan is is failing"
            ),
            ["a", "that", "is"]
        );
        assert_eq!(
            run(
                Report::Word,
                "He said that that plan failed, and what it is is a delay. Type A A grades."
            ),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_parenthetical_given_twice() {
        assert_eq!(
            run(
                Report::Parenthetical,
                "the World Health Organization (WHO) (WHO) said; Acme Corp (ACME.O) (ACME.O) rose; (AP) (AP)"
            ),
            ["(WHO)", "(ACME.O)", "(AP)"]
        );
        assert_eq!(
            run(
                Report::Parenthetical,
                "the World Health Organization (WHO)(WHO) said"
            ),
            ["(WHO)"]
        );
        assert_eq!(
            run(
                Report::Parenthetical,
                "rose 5 pct (4 pct) (revised) and (a) (b), rapeseed (nil) (nil)"
            ),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn doubled_stems() {
        assert_eq!(
            run(Report::Stem, "within its territorial territory today"),
            ["territorial territory"]
        );
        assert_eq!(
            run(
                Report::Stem,
                "the general generally agreed; an interest interested him; national nationals"
            ),
            Vec::<&str>::new()
        );
    }
}
