//! The figures that need no source of their own (each one a rule parameter, measured in
//! docs/figures.md): a figure inside a quotation, a repeat of a figure sourced earlier in the
//! article, a price in shopping or review copy, sports scores and results, the terms of a deal,
//! plan or rule (set by the party the story names), the public record (markets, courts, votes,
//! a company's reported results), and an actor stating its own payroll, plan or holding.
//!
//! Dates, years, times, ages, ordinals and identifiers are never figures at all (classify.rs).

use super::classify::{Class, Figure};
use super::words::{self, WordSet};
use crate::span::Span;
use serde::Deserialize;

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Exemption {
    /// Inside quotation marks whose speaker is named (a cue in the paragraph before, or in the
    /// paragraph where a quotation that runs on began): the quoted speaker is the source.
    Quotation,
    /// The same number was stated earlier in the article in a paragraph that names a source.
    Repeat,
    /// A sum in a sentence with one of `price-words` (`costs`, `priced at`, `retails`).
    Price,
    /// A sentence with one of `sports-words` (`scored`, `goals`, `innings`).
    Sports,
    /// A percentage or sum next to one of `term-words` (`a 9-1/2 pct coupon`) or in a sentence
    /// with one of `plan-words`; a proportion or vague quantity after a plan word (its scope).
    DealTerms,
    /// A sentence with one of `record-words` (`futures`, `closed`, `sentenced`, `votes`, `profit`).
    PublicRecord,
    /// A sentence with one of `own-action-words` (`employs`, `agreed`, `plans`): not for casualty
    /// counts and vague quantities.
    OwnStatement,
    /// A count next to one of `population-words` (`a population of 1.8 million`, `home to 3
    /// million people`): an established fact of the place, not a claim of the story.
    Population,
    /// A casualty count in a sentence that names a year before the latest the article names
    /// (`In 1998, an earthquake killed 4,500 people`): the toll of a past event, on the record.
    PastEvent,
}

/// The compiled exemptions of one rule.
pub struct Exemptions {
    pub enabled: Vec<Exemption>,
    pub price: WordSet,
    pub sports: WordSet,
    pub terms: WordSet,
    pub plans: WordSet,
    pub record: WordSet,
    pub own_actions: WordSet,
    pub population: WordSet,
    /// Words before a year (`in`, `since`, `the`) and month names (`past-event`).
    pub year_words: WordSet,
}

impl Exemptions {
    pub fn on(&self, e: Exemption) -> bool {
        self.enabled.contains(&e)
    }

    /// Whether `figure`, in `sentence`, is a term or price rather than a claim. `schedule` says
    /// that the sentence states a rate or term, so that its other percentages are part of it
    /// (`an interest rate of seven pct for a year, rising to 7.50 pct`).
    pub fn figure(&self, text: &str, figure: &Figure, sentence: Span, schedule: bool) -> bool {
        let in_sentence =
            |set: &WordSet| words::any_word_in(text, sentence.start, sentence.end, set);
        if self.on(Exemption::Price) && figure.class == Class::Money && in_sentence(&self.price) {
            return true;
        }
        if self.on(Exemption::Population)
            && matches!(figure.class, Class::Count | Class::Large)
            && near(text, figure.span, sentence, &self.population)
        {
            return true;
        }
        if !self.on(Exemption::DealTerms) {
            return false;
        }
        match figure.class {
            // `a bill to aid thousands of homeless people`, `the rule lapses if two-thirds of the
            // states object`: the scope of the plan named before it. After the figure the plan
            // is what it measures (`half of voters oppose the plan`). Not for a count: `a treaty
            // ... has been ratified by 123 countries` is a fact about the treaty.
            Class::Fraction | Class::Vague => {
                words::any_word_in(text, sentence.start, figure.span.start, &self.plans)
            }
            Class::Percent | Class::Money => {
                (schedule && figure.class == Class::Percent)
                    || self.near_term(text, figure.span, sentence)
                    || in_sentence(&self.plans)
            }
            _ => false,
        }
    }

    /// Whether the sentence states a rate or term (see [`Exemptions::figure`]).
    pub fn schedule(&self, text: &str, figures: &[&Figure], sentence: Span) -> bool {
        self.on(Exemption::DealTerms)
            && figures
                .iter()
                .any(|f| f.class == Class::Percent && self.near_term(text, f.span, sentence))
    }

    /// Whether the sentence as a whole reports the public record, a sports result or the actor's
    /// own statement, for a finding whose figure is of class `class`.
    pub fn sentence(&self, text: &str, sentence: Span, class: Class) -> bool {
        let in_sentence =
            |set: &WordSet| words::any_word_in(text, sentence.start, sentence.end, set);
        (self.on(Exemption::PublicRecord) && in_sentence(&self.record))
            || (self.on(Exemption::Sports) && in_sentence(&self.sports))
            || (self.on(Exemption::OwnStatement)
                && !matches!(class, Class::Casualty | Class::Vague)
                && in_sentence(&self.own_actions))
    }

    /// Whether a term word stands within three words before or two after `span` (`a capital
    /// ratio of four pct`, `a 9-1/2 pct coupon`).
    fn near_term(&self, text: &str, span: Span, sentence: Span) -> bool {
        near(text, span, sentence, &self.terms)
    }

    /// The years named in `text[from..to]` (see `year_at`), in text order.
    pub fn years<'a>(
        &'a self,
        text: &'a str,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = u16> + 'a {
        let bytes = text.as_bytes();
        (from..to.saturating_sub(3)).filter_map(move |at| {
            if bytes[at..at + 4].iter().all(u8::is_ascii_digit) && self.year_at(text, at, from, to)
            {
                text[at..at + 4].parse().ok()
            } else {
                None
            }
        })
    }

    /// Whether the four digits at `at` are a year: from 1800 to 2099, a whole number, after one of
    /// `year-words` (`in 1998`, `the 2009 attack`, `May 2010`). A bare `2000 people` is a count.
    fn year_at(&self, text: &str, at: usize, floor: usize, limit: usize) -> bool {
        let b = text.as_bytes();
        let whole = (at == 0 || !b[at - 1].is_ascii_alphanumeric())
            && !(at + 4 < limit && b[at + 4].is_ascii_digit())
            && !(at + 5 < limit && matches!(b[at + 4], b',' | b'.') && b[at + 5].is_ascii_digit());
        whole
            && matches!(b[at], b'1' | b'2')
            && matches!(&text[at..at + 2], "18" | "19" | "20")
            && words::prev_word(text, at, floor)
                .is_some_and(|(p, q)| q == at - 1 && self.year_words.contains(&text[p..q]))
    }

    /// Whether `sentence` names a year before `latest` (`past-event`).
    pub fn past(&self, text: &str, sentence: Span, latest: u16) -> bool {
        self.on(Exemption::PastEvent)
            && self
                .years(text, sentence.start, sentence.end)
                .any(|y| y < latest)
    }
}

/// Whether one of `set` stands within three words before or two after `span`, inside `sentence`.
fn near(text: &str, span: Span, sentence: Span, set: &WordSet) -> bool {
    let mut at = span.start;
    for _ in 0..3 {
        let Some((a, b)) = words::prev_word(text, at, sentence.start) else {
            break;
        };
        if set.contains(&text[a..b]) {
            return true;
        }
        at = a;
    }
    let mut at = span.end;
    for _ in 0..2 {
        let Some((a, b)) = words::next_word(text, at, sentence.end) else {
            break;
        };
        if set.contains(&text[a..b]) {
            return true;
        }
        at = b;
    }
    false
}

/// The part of a figure that a repeat must share: its first number (`765` of `$765 million`).
/// A figure without digits (`thousands of`) repeats nothing.
pub fn core(figure: &str) -> Option<&str> {
    let a = figure.find(|c: char| c.is_ascii_digit())?;
    let len = figure[a..]
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(figure.len() - a);
    Some(figure[a..a + len].trim_end_matches(['.', ',']))
}

/// The offsets of `number` in `text[..end]` as a whole number (`765` is not in `1765` or `7650`).
pub fn occurrences<'a>(
    text: &'a str,
    number: &'a str,
    end: usize,
) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(&text.as_bytes()[..end], number.as_bytes()).filter(move |&at| {
        let before = text[..at].chars().next_back();
        let mut after = text[at + number.len()..].chars();
        let continues = match after.next() {
            Some(c) if c.is_ascii_digit() => true,
            // `765,000`, `7.65`: the number goes on after a separator.
            Some(',' | '.') => after.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        !before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',') && !continues
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_of_a_figure() {
        assert_eq!(core("$765 million"), Some("765"));
        assert_eq!(core("1,250 workers"), Some("1,250"));
        assert_eq!(core("12.5%"), Some("12.5"));
        assert_eq!(core("Thousands of"), None);
    }

    #[test]
    fn whole_word_occurrences() {
        let text = "a 765 b 1765 c 7650 d 765. e 765,000";
        assert_eq!(
            occurrences(text, "765", text.len()).collect::<Vec<_>>(),
            [2, 22]
        );
    }
}
