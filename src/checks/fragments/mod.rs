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

use super::{Check, KindEntry, ReportParams, Reports, RuleIdx, Settings, Sink};
use crate::document::Document;
use crate::error::InputError;
use crate::rule::Rule;
use serde::Deserialize;

mod fused;
mod stray;
mod truncated;

pub const KIND: KindEntry = KindEntry {
    name: "fragments",
    summary: "stray words after a sentence, truncated lines, sentences fused without a space",
    fields: super::fields::<ReportParams<Report>>,
    fixes: |rule| super::reports_one_of(rule, &[Report::Fused]),
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
    reports: Reports<Report>,
}

fn compile(rules: &[(RuleIdx, &Rule)], _: &Settings) -> Result<Box<dyn Check>, Vec<InputError>> {
    Ok(Box::new(FragmentsCheck {
        reports: Reports::compile(rules)?,
    }))
}

impl Check for FragmentsCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let wants = |r: Report| self.reports.wants(r);
        let mut out = Vec::new();
        if wants(Report::Stray) {
            stray::stray(doc, &mut out);
        }
        if wants(Report::Truncated) {
            truncated::truncated(doc, &mut out);
        }
        if wants(Report::Fused) {
            fused::fused(doc, &mut out);
        }
        self.reports.emit(out, sink);
    }
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// Wire sign-offs that end a story in lower case or with an ellipsis (`… in Venice. reuter`,
/// `… 1986. Reuter...`, `more` for a story continued in the next take): not fragments.
const SIGN_OFFS: &[&str] = &[
    "reuter", "reuters", "more", "end", "ends", "ap", "upi", "afp",
];

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

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn run(report: Report, text: &str) -> Vec<&str> {
        let doc = Document::plain(text);
        let mut out = Vec::new();
        match report {
            Report::Stray => stray::stray(&doc, &mut out),
            Report::Truncated => truncated::truncated(&doc, &mut out),
            Report::Fused => fused::fused(&doc, &mut out),
        }
        out.iter().map(|(_, f)| &text[f.span.range()]).collect()
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
}
