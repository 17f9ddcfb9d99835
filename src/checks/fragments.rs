//! `fragments`: text left broken by an edit or a scraper: a stray word after a finished sentence
//! (`… in the country. take.`), a line that breaks off mid-word or mid-sentence
//! (`Friday morningfollowin...`), two sentences fused without a space (`in March.Chairman`).
//!
//! Why: sentence splitters (UAX #29 and ours) never break before a lower-case word, so these
//! checks read punctuation and case directly rather than sentences. Each looks at one unit:
//! paragraphs for strays, lines for truncation, the raw text for fusions.
//!
//! Parameters: `report`, one of `stray`, `truncated`, `fused`. Message placeholders: `{match}`,
//! `{before}` (stray: the word that ends the previous sentence).
//!
//! Example: `report = "fused"` flags `March.Chairman` in `in March.Chairman of the board` and
//! passes `Photo: Shutterstock.com` and `3.5 percent`.

use super::{Check, KindEntry, ReportParams, RuleIdx, Settings, Sink, compile_reports};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::markup::BlockKind;
use crate::rule::Rule;
use crate::span::Span;
use serde::Deserialize;

pub const KIND: KindEntry = KindEntry {
    name: "fragments",
    summary: "stray words after a sentence, truncated lines, sentences fused without a space",
    fields: super::fields::<ReportParams<Report>>,
    compile,
};

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
enum Report {
    Stray,
    Truncated,
    Fused,
}

struct FragmentsCheck {
    rules: Vec<(RuleIdx, Report)>,
}

fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
    let rules = compile_reports(rules)?;
    Ok(Box::new(FragmentsCheck { rules }))
}

impl Check for FragmentsCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let wants = |r: Report| self.rules.iter().any(|(_, x)| *x == r);
        let mut out = Vec::new();
        if wants(Report::Stray) {
            stray(doc, &mut out);
        }
        if wants(Report::Truncated) {
            truncated(doc, &mut out);
        }
        if wants(Report::Fused) {
            fused(doc, &mut out);
        }
        for (report, finding) in out {
            for &(rule, _) in self.rules.iter().filter(|(_, r)| *r == report) {
                sink.push(rule, finding.clone());
            }
        }
    }
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// Abbreviations after which a lower-case word is normal: `etc. and`, `approx. two`.
const ABBREVIATIONS: &[&str] = &[
    "etc", "vs", "v", "approx", "est", "no", "nos", "vol", "pp", "p", "cf", "al", "fig", "inc",
    "corp", "co", "ltd", "bros", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "jr",
    "sr", "prof", "min", "max", "ft", "mt", "op", "ed", "eds", "cit", "ibid", "viz", "ca", "c",
    "plc", "oy", "ag", "sa", "nv", "bv", "cie", "unch",
    // AP abbreviations of US states, written before a lower-case word in `Angola, Ind. plant`.
    "ala", "penn", "wisc", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind",
    "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
];

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "tweeted",
    "wrote",
    "told",
    "asked",
    "noted",
    "explained",
    "continued",
    "stated",
    "replied",
    "insisted",
    "argued",
    "warned",
];

/// `… in the country. take.`: one to three lower-case words after a finished sentence, ending
/// the paragraph or followed by another sentence.
fn stray(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    for block in doc
        .paragraphs
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
    {
        let para = &text[block.span.range()];
        let base = block.span.start;
        // Only a full stop: after `?` or `!` a lower-case word is usually the attribution of a
        // quotation whose marks were lost (`… madness?  he tweeted.`).
        for i in memchr::memchr_iter(b'.', para.as_bytes()) {
            if para[i + 1..].starts_with('.') || para[..i].ends_with('.') {
                continue;
            }
            let mut end = i + 1;
            while let Some(c) = para[end..].chars().next().filter(|c| CLOSERS.contains(c)) {
                end += c.len_utf8();
            }
            if end > i + 1 {
                continue; // `“Yes!” he shouted`: the quotation ended, the sentence goes on
            }
            let rest = &para[end..];
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 || !rest.trim_start().starts_with(|c: char| c.is_lowercase()) {
                continue;
            }
            // A bounded look back keeps a paragraph of a million full stops linear.
            let before = tail(&para[..i], 200);
            let word = before
                .rsplit(|c: char| c.is_whitespace() || "([\"“‘'".contains(c))
                .next()
                .unwrap_or("");
            let bare = word.trim_end_matches(|c: char| CLOSERS.contains(&c));
            if !finished_sentence(before, bare) {
                continue;
            }
            let start = end + gap;
            let Some(len) = fragment_len(&para[start..]) else {
                continue;
            };
            let last_word = para[start..start + len]
                .trim_end_matches('.')
                .rsplit(' ')
                .next()
                .unwrap_or("");
            if SPEECH_VERBS.contains(&last_word) {
                continue; // `he said.` after a quotation whose marks were stripped
            }
            let span = Span::new(base + start, base + start + len);
            let f = Finding::new(span)
                .var("match", &text[span.range()])
                .var("before", bare)
                .label(Span::new(base + i, base + i + 1), "the sentence ends here");
            out.push((Report::Stray, f));
        }
    }
}

/// The last `n` bytes of `s` or fewer, cut at a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Whether `before` (ending in the word `last`) reads as a finished sentence, not an abbreviation.
fn finished_sentence(before: &str, last: &str) -> bool {
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2
        || last.contains('.')
        || !last
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '’' || c == '\'')
    {
        return false;
    }
    let tail = last.rsplit('-').next().unwrap_or(last); // `R-Mo.`
    if last.chars().all(|c| !c.is_lowercase())
        || ABBREVIATIONS.contains(&tail.to_lowercase().as_str())
    {
        return false; // `DLRS.`, `U.S.`, `approx.`
    }
    before.split_whitespace().nth(2).is_some()
}

/// The length of a stray fragment at the start of `s`: one to three lower-case words of letters
/// only, then sentence punctuation (or nothing) before the paragraph ends or a new sentence starts.
fn fragment_len(s: &str) -> Option<usize> {
    let mut words = 0;
    let mut pos = 0;
    loop {
        let word_len = s[pos..]
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '’' || c == '\''))
            .unwrap_or(s.len() - pos);
        let word = &s[pos..pos + word_len];
        if word_len == 0
            || (words == 0
                && (!word.starts_with(char::is_lowercase)
                    || word.chars().skip(1).any(char::is_uppercase)))
        {
            return None; // `iPhone`, `eBay`
        }
        words += 1;
        pos += word_len;
        let rest = &s[pos..];
        match rest.chars().next() {
            None => return Some(pos),
            Some('.' | '!' | '?') => {
                let after = rest[1..].trim_start_matches(|c: char| CLOSERS.contains(&c));
                let next = after.trim_start();
                let ends = next.is_empty()
                    || (after.len() > next.len()
                        && next.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“'));
                return (ends && !rest[1..].starts_with('.')).then_some(pos + 1);
            }
            Some(' ') if words < 3 => pos += 1,
            _ => return None,
        }
    }
}

/// `… Friday morningfollowin...`: a line that ends in an ellipsis glued to a word, mid-sentence,
/// and is not continued by the next line.
fn truncated(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    let lines: Vec<Span> = doc.lines().collect();
    // Each candidate searches the article for its word: a bound keeps a pathological file linear.
    let mut budget = 64;
    for (n, &line) in lines.iter().enumerate() {
        let s = text[line.range()].trim_end();
        let body = if let Some(b) = s.strip_suffix("...") {
            b
        } else if let Some(b) = s.strip_suffix('…') {
            b
        } else {
            continue;
        };
        if body.ends_with('.') || !body.ends_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        // A line continued by a lower-case word is an ellipsis inside a wrapped sentence.
        let next = lines[n + 1..]
            .iter()
            .map(|l| text[l.range()].trim())
            .find(|l| !l.is_empty());
        if next.is_some_and(|l| l.starts_with(|c: char| c.is_lowercase())) {
            continue;
        }
        // Mid-sentence: at least three words since the last sentence break on the line.
        let sentence = body.rsplit(['.', '!', '?']).next().unwrap_or(body);
        let words = sentence.split_whitespace().count();
        if words < 3 {
            continue;
        }
        let word_start = body
            .rfind(|c: char| c.is_whitespace() || "\"“‘'(".contains(c))
            .map_or(0, |i| {
                i + body[i..].chars().next().map_or(1, char::len_utf8)
            });
        let span = Span::new(line.start + word_start, line.start + s.len());
        if budget == 0 {
            break;
        }
        budget -= 1;
        // A teaser is followed by its link (`Read More`), not by more of the article: without
        // that, only a lone capital (`U...`) shows the cut.
        let teaser = next.is_some_and(is_link_line);
        if !looks_cut(text, &body[word_start..], line.start + word_start, teaser) {
            continue;
        }
        out.push((
            Report::Truncated,
            Finding::new(span).var("match", &text[span.range()]),
        ));
    }
}

/// A short line without sentence punctuation, such as the link after a teaser (`Read More`).
fn is_link_line(line: &str) -> bool {
    line.split_whitespace().count() <= 4
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && line.chars().any(char::is_alphabetic)
}

/// Whether `word`, before a line-final ellipsis at `at`, looks cut short: a lone capital
/// (`U...`), or, in a teaser followed by its link, a word that the article uses nowhere else
/// (`Massach...`, `morningfollowin...`). A word found elsewhere is complete, and its ellipsis
/// ends a sentence (`… Honduras said...`).
fn looks_cut(text: &str, word: &str, at: usize, teaser: bool) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 1 {
        return word.chars().all(|c| c.is_uppercase()) && word != "I" && word != "A";
    }
    teaser
        && !text
            .match_indices(word)
            .any(|(i, _)| i != at && super::is_whole_word(text, i, i + word.len()))
}

/// `in March.Chairman`: a lower-case word, sentence punctuation, a capitalised word, no space.
fn fused(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let mut found = Vec::new();
    fused_each(doc, &mut found);
    // Many fusions in one article are one fault (its paragraph breaks were lost), told once.
    if found.len() > MAX_FUSED_REPORTS {
        let more = found.len() - 1;
        found.truncate(1);
        let note = format!(
            "{more} more places in this article run two sentences together the same way: its paragraph breaks were probably lost"
        );
        found[0] = std::mem::take(&mut found[0]).note(note);
    }
    out.extend(found.into_iter().map(|f| (Report::Fused, f)));
}

/// Above this many fusions in an article, only the first is reported, with a count.
const MAX_FUSED_REPORTS: usize = 3;

fn fused_each(doc: &Document, out: &mut Vec<Finding>) {
    let text = doc.text;
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if i < 2 || i + 2 >= bytes.len() {
            continue;
        }
        if !(bytes[i + 1].is_ascii_uppercase() && bytes[i + 2].is_ascii_lowercase()) {
            continue;
        }
        let before = &text[..i];
        let mut back = before.chars().rev();
        if !(back.next().is_some_and(char::is_lowercase)
            && back.next().is_some_and(char::is_lowercase))
        {
            continue;
        }
        let start = before
            .rfind(|c: char| !c.is_alphanumeric() && c != '-' && c != '’' && c != '\'')
            .map_or(0, |k| {
                k + before[k..].chars().next().map_or(1, char::len_utf8)
            });
        let after = &text[i + 1..];
        let end = i
            + 1
            + after
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(after.len());
        if is_address(text, start, end)
            || ABBREVIATIONS.contains(&text[start..i].to_lowercase().as_str())
        {
            continue;
        }
        let span = Span::new(start, end);
        out.push(
            Finding::new(span)
                .var("match", &text[span.range()])
                .fix(Span::new(i + 1, i + 1), " "),
        );
    }
}

/// Whether the word around `start..end` is part of a web or e-mail address, a handle or a file name.
fn is_address(text: &str, start: usize, end: usize) -> bool {
    let token_start = text[..start]
        .rfind(char::is_whitespace)
        .map_or(0, |k| k + 1);
    let token_end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |k| end + k);
    let token = &text[token_start..token_end];
    let lower = token.to_ascii_lowercase();
    if token.contains("://")
        || token.contains('@')
        || lower.contains("www.")
        || token.starts_with(['#', '<'])
    {
        return true;
    }
    // `Example.Com`, `Yahoo!News`: a capitalised top-level domain or a brand with its punctuation.
    let tail = text[..end]
        .rsplit(['.', '!', '?'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let head = text[start..end]
        .split(['.', '!', '?'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        tail.as_str(),
        "com"
            | "net"
            | "org"
            | "gov"
            | "edu"
            | "info"
            | "biz"
            | "io"
            | "co"
            | "uk"
            | "tv"
            | "me"
            | "ly"
            | "js"
    ) || head == "yahoo"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(report: Report, text: &str) -> Vec<&str> {
        let doc = Document::plain(text);
        let mut out = Vec::new();
        match report {
            Report::Stray => stray(&doc, &mut out),
            Report::Truncated => truncated(&doc, &mut out),
            Report::Fused => fused(&doc, &mut out),
        }
        out.iter().map(|(_, f)| &text[f.span.range()]).collect()
    }

    #[test]
    fn strays_after_a_finished_sentence() {
        assert_eq!(
            run(
                Report::Stray,
                "He was expected to be arrested on arrival in the country. take."
            ),
            ["take."]
        );
        assert_eq!(
            run(
                Report::Stray,
                "The talks ended late on Friday. of the. Officials left."
            ),
            ["of the."]
        );
        assert_eq!(
            run(Report::Stray, "“Yes!” he shouted at the crowd."),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Stray,
                "Prices rose about 3 pct, etc. and then fell back."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Stray,
                "He bought a new phone last week. iPhone sales rose."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Stray,
                "Net profit rose to 1.5 mln dlrs. vs 1.2 mln dlrs."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(Report::Stray, "He paused... then went on."),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Stray,
                "She left the U.S. on Monday. and he said so at length."
            ),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn truncation_is_a_line_breaking_off_mid_sentence() {
        assert_eq!(
            run(
                Report::Truncated,
                "A truce in the city came into effect on Friday morningfollowin...\nRead More\n"
            ),
            ["morningfollowin..."]
        );
        assert_eq!(
            run(
                Report::Truncated,
                "He said in a speech in the US state of Massach…\nContinue reading"
            ),
            ["Massach…"]
        );
        assert_eq!(
            run(
                Report::Truncated,
                "A long weekend in the end of the tragedy in U...\nWe will let you decide for yourself…\nThe next paragraph goes on."
            ),
            ["U..."]
        );
        assert_eq!(
            run(
                Report::Truncated,
                "He paused ... then went on.\nThe vote was close. REUTER..."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Truncated,
                "The minister said he would wait...\nand see what happens next."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(Report::Truncated, "Learn More...\n"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            ".",
            "a.",
            "x. y",
            "é. à.",
            "…",
            "ab.Cd",
            "w...\n",
            "İİ. ab.",
            "(“",
            ". ”a",
            "a.\u{301}Bc",
        ] {
            for report in [Report::Stray, Report::Truncated, Report::Fused] {
                run(report, text);
            }
            let doc = Document::plain(text);
            let mut out = Vec::new();
            super::super::doubled::run_all(&doc, &mut out);
        }
    }

    #[test]
    fn fusions_are_not_domains_decimals_or_abbreviations() {
        assert_eq!(
            run(Report::Fused, "a warrant in March.Chairman Ivanov spoke"),
            ["March.Chairman"]
        );
        assert_eq!(
            run(
                Report::Fused,
                "Photo: Shutterstock.com and 3.5 pct at 7.50 on v2.1.3"
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Fused,
                "see www.example.Com/Page or mail info@news.Com or http://a.b/c.Html"
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            run(
                Report::Fused,
                "the U.S. and Mrs.Smith and e.g.The end and Yahoo!News"
            ),
            Vec::<&str>::new()
        );
        let flattened = "It rose.The end came.Then it fell.After that it rose.Then it stopped.";
        let doc = Document::plain(flattened);
        let mut out = Vec::new();
        fused(&doc, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&flattened[out[0].1.span.range()], "rose.The");
        assert_eq!(
            out[0].1.notes,
            [
                "3 more places in this article run two sentences together the same way: its paragraph breaks were probably lost"
            ]
        );
    }
}
