//! Finding figures in a paragraph and sorting them into classes, with the exclusions that keep
//! dates, years, times, ages, ordinals, identifiers, locators, addresses, scores and small
//! story-inherent counts out.
//!
//! One regex finds the candidates (digit runs and the number, fraction and vague-quantity words);
//! everything else is read from the few words around each candidate, so the cost is a single
//! scan of the text plus a little work per number. Rust's `regex` has no look-around, which is why
//! the "not followed by" conditions live here in code.

use super::words::{self, WordSet, next_word, prev_word, starts_with_word, word_end};
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use std::collections::HashSet;

/// Figure classes, in the order of priority used to pick the one figure reported per sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Percent,
    Money,
    Fraction,
    Vague,
    Casualty,
    Count,
    Large,
}

impl Class {
    pub fn describe(self) -> &'static str {
        match self {
            Class::Percent => "percentage",
            Class::Money => "sum of money",
            Class::Fraction => "proportion",
            Class::Vague => "vague quantity",
            Class::Casualty => "casualty count",
            Class::Count => "count",
            Class::Large => "number",
        }
    }
}

/// What the digits of a number say about it before its context is read.
#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    /// A range, score or slashed number (`10-12`, `3-1`, `6-1/8`): only a unit makes it a figure.
    joined: bool,
    /// Four digits from 1000 to 2099: a year unless a unit follows.
    year: bool,
    /// Thousands separators, five or more digits, or a scale word: a figure on its own.
    large: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    pub span: Span,
    pub class: Class,
}

/// Finds the figures of a paragraph: the figure word lists of one rule, compiled (see
/// rules/figures/_shared.toml for what each list is for).
pub struct FigureFinder {
    pub candidates: Regex,
    pub percent_words: Vec<String>,
    pub currency_symbols: Vec<String>,
    pub currency_words: WordSet,
    pub scale_words: WordSet,
    pub time_words: Vec<String>,
    pub months: HashSet<String>,
    pub exempt_nouns: WordSet,
    pub measure_nouns: WordSet,
    pub margin_words: WordSet,
    pub not_plural: WordSet,
    pub irregular_plurals: WordSet,
    pub impact_words: WordSet,
    pub impact_distance: usize,
    pub vague_words: WordSet,
    /// A vague quantity that reaches one of these (`millions of Americans`) is a scale, not a count.
    pub background_scales: WordSet,
    pub statistic_nouns: WordSet,
    pub fraction_words: WordSet,
    pub locators: WordSet,
    pub street_suffixes: WordSet,
    pub min_count: f64,
    pub large_count: f64,
    pub level_words: WordSet,
}

/// English number words and their values: the definition of a spelled number, not a house choice.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("dozen", 12.0),
    ("hundred", 100.0),
];

/// Words that cannot stand between a number and its noun (`1,000 to 2,000 people`).
const NOT_ADJECTIVES: &[&str] = &[
    "of", "to", "and", "or", "in", "on", "at", "for", "from", "by", "with", "than", "as", "were",
    "was", "is", "are", "the", "a", "an", "per", "vs", "against", "a.m", "p.m",
    // A relative pronoun or an auxiliary after a number makes it a pronoun (`the one that ...`,
    // `the one whose misdeeds ...`), never a count of the noun after them.
    "that", "who", "whom", "whose", "which", "what", "when", "where", "if", "but", "not", "be",
    "been", "has", "have", "had", "will", "would", "can", "could", "may", "might", "should",
    "must",
];

/// Words before a fraction that make it a part of a period, an order or a place rather than a
/// proportion (`the first half of 1987`, `the western half of the state`).
const BEFORE_PART: &[&str] = &[
    "first", "second", "third", "fourth", "last", "latter", "other", "final", "this", "next",
    "each", "every", "the", "northern", "southern", "eastern", "western", "upper", "lower", "top",
    "bottom", "front", "back", "north", "south", "east", "west",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "all", "those", "these",
];

/// The value of `1,234.5` without allocating (this runs for every number in the text).
fn parse_number(num: &str) -> Result<f64, std::num::ParseFloatError> {
    if !num.contains(',') {
        return num.parse();
    }
    let mut buf = [0u8; 64];
    let mut len = 0;
    for b in num.bytes().filter(|&b| b != b',').take(buf.len()) {
        buf[len] = b;
        len += 1;
    }
    std::str::from_utf8(&buf[..len]).unwrap_or("x").parse()
}

fn number_word(w: &str) -> Option<f64> {
    NUMBER_WORDS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(w))
        .map(|&(_, v)| v)
}

fn is_lower_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_lowercase())
}

/// The candidate regex: digit runs, and the words that can start a figure. The words come from
/// the rule file, so a list too long for one regex is an error, not a panic.
pub fn candidate_regex(vague: &[String], fractions: &[String]) -> Result<Regex, regex::Error> {
    let mut words: Vec<String> = NUMBER_WORDS.iter().map(|(w, _)| w.to_string()).collect();
    words.extend(
        vague
            .iter()
            .chain(fractions)
            .map(|w| regex::escape(w.trim())),
    );
    words.retain(|w| !w.is_empty());
    Regex::new(&format!(
        r"(?i-u)[0-9]+(?:[.,][0-9]+)*|\b(?:{})\b",
        words.join("|")
    ))
}

impl FigureFinder {
    /// Appends the figures of `s[para]` to `out`, in text order.
    pub fn find(&self, s: &str, para: Span, out: &mut Vec<Figure>) {
        let mut skip_until = para.start;
        for m in self.candidates.find_iter(&s[para.range()]) {
            let (start, end) = (para.start + m.start(), para.start + m.end());
            if start < skip_until {
                continue;
            }
            let next = if s.as_bytes()[start].is_ascii_digit() {
                self.digits(s, para, start, end, out)
            } else {
                self.word(s, para, start, end, out)
            };
            skip_until = next.max(end);
        }
    }

    /// A number written in digits at `start..end`. Returns where scanning resumes.
    fn digits(
        &self,
        s: &str,
        para: Span,
        start: usize,
        end: usize,
        out: &mut Vec<Figure>,
    ) -> usize {
        let lim = para.end;
        let before = s[para.start..start].chars().next_back();
        let before2 = s[para.start..start].chars().rev().nth(1);
        // G20, MH17, #5, 3/4, 10:30 seen from the right, COVID-19, F-16.
        if before.is_some_and(|c| c.is_alphabetic() || matches!(c, '#' | '/' | ':' | '.' | '_'))
            || (matches!(before, Some('-' | '‐')) && before2.is_some_and(char::is_alphanumeric))
        {
            return end;
        }
        let num = &s[start..end];
        let Ok(mut value) = parse_number(num) else {
            return end;
        };
        let plain_digits = num.bytes().all(|b| b.is_ascii_digit());
        let mut pos = end;
        let mut joined = false; // a range, score or slashed number: only a unit can make it a figure
        let rest = &s[pos..lim];
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(':'), Some(d)) if d.is_ascii_digit() => return word_end(s, pos + 1, lim),
            (Some('/' | '-' | '–'), Some(d)) if d.is_ascii_digit() => {
                joined = true;
                pos = s[pos..lim]
                    .char_indices()
                    .skip(1)
                    .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '/' | '.' | ',')))
                    .map_or(lim, |(i, _)| pos + i);
                while s[..pos].ends_with(['.', ',']) {
                    pos -= 1;
                }
            }
            (Some(dash @ ('-' | '‐')), Some(d)) if d.is_alphabetic() => {
                // `45-year-old`, `15-member`: a modifier, unless it is a poll margin.
                let from = pos + dash.len_utf8();
                let unit = (from, word_end(s, from, lim));
                return self.margin(s, para, start, unit, out).unwrap_or(unit.1);
            }
            (Some(c), _) if c.is_alphabetic() => {
                let suffix_end = word_end(s, pos, lim);
                if !self.scale_words.contains(&s[pos..suffix_end]) {
                    return suffix_end; // 19th, 1990s, 4G, 7pm, 10km
                }
                // `7m` is seven metres unless a currency says million (`$7m`).
                if suffix_end - pos == 1 && self.currency_before(s, para.start, start).is_none() {
                    return suffix_end;
                }
                pos = suffix_end;
                value *= 1e6; // a scale: the size matters, not the exact value
            }
            _ => {}
        }
        if plain_digits && num.len() >= 12 {
            return pos; // a tweet or record id
        }
        let thousands = num.contains(',')
            && num
                .split('.')
                .next()
                .is_some_and(|i| i.split(',').skip(1).all(|g| g.len() == 3));
        let year = plain_digits && num.len() == 4 && (1000.0..2100.0).contains(&value);
        let shape = Shape {
            joined,
            year,
            large: thousands || (plain_digits && num.len() >= 5) || value >= 1e6,
        };
        let money_start = self.currency_before(s, para.start, start);
        self.after_number(s, para, (start, pos), money_start, value, shape, out)
            .unwrap_or(pos)
    }

    /// A number, fraction or vague-quantity word at `start..end`.
    fn word(&self, s: &str, para: Span, start: usize, end: usize, out: &mut Vec<Figure>) -> usize {
        let lim = para.end;
        let w = &s[start..end];
        if self.vague_words.contains(w) {
            return self.vague(s, para, start, end, out);
        }
        if self.fraction_words.contains(w) {
            return self.fraction(s, para, start, start, end, out);
        }
        let Some(mut value) = number_word(w) else {
            return end;
        };
        let mut pos = end;
        if let Some(after) = s[pos..lim].strip_prefix(['-', '‐']) {
            // The word after the hyphen, which may be wider than a byte (U+2010).
            let next_start = lim - after.len();
            let next_end = word_end(s, next_start, lim);
            let next = &s[next_start..next_end];
            if self.fraction_words.contains(next) {
                return self.fraction(s, para, start, next_start, next_end, out); // two-thirds
            }
            match number_word(next) {
                Some(units) if units < 10.0 => {
                    value += units; // twenty-four
                    pos = next_end;
                }
                // two-year, three-member; a seven-point lead
                _ => {
                    return self
                        .margin(s, para, start, (next_start, next_end), out)
                        .unwrap_or(next_end);
                }
            }
        }
        if value < 10.0 && s[..start].ends_with(['-', '‐']) {
            return pos;
        }
        self.after_number(s, para, (start, pos), None, value, Shape::default(), out)
            .unwrap_or(pos)
    }

    /// Reads what follows the number `num` and, when it makes a figure, pushes it. `None` when
    /// the number has no unit, noun or ratio after it.
    #[allow(clippy::too_many_arguments)]
    fn after_number(
        &self,
        s: &str,
        para: Span,
        num: (usize, usize),
        money_start: Option<usize>,
        value: f64,
        shape: Shape,
        out: &mut Vec<Figure>,
    ) -> Option<usize> {
        let (start, mut pos) = num;
        let lim = para.end;
        let rest = &s[pos..lim];
        let gap = rest.len() - rest.trim_start().len();
        let rest = rest.trim_start();
        if rest.starts_with('%') {
            out.push(Figure {
                span: Span::new(money_start.unwrap_or(start), pos + gap + 1),
                class: Class::Percent,
            });
            return Some(pos + gap + 1);
        }
        if let Some(p) = self
            .percent_words
            .iter()
            .find(|p| starts_with_word(rest, p))
        {
            let end = pos + gap + p.len();
            out.push(Figure {
                span: Span::new(start, end),
                class: Class::Percent,
            });
            return Some(end);
        }
        if money_start.is_none() && self.excluded(s, para, start, pos) {
            return Some(pos);
        }
        let mut value = value;
        let mut large = shape.large;
        if let Some((ws, we)) = next_word(s, pos, lim)
            && self.scale_words.contains(&s[ws..we])
        {
            pos = we;
            value *= 1e6;
            large = true;
        }
        if let Some(from) = money_start {
            out.push(Figure {
                span: Span::new(from, pos),
                class: Class::Money,
            });
            return Some(pos);
        }
        let next = next_word(s, pos, lim);
        if let Some((ws, we)) = next {
            let word = &s[ws..we];
            // `the Six Dollar Burger`: a spelled number before a capitalised word is a name.
            let spelled = !s.as_bytes()[start].is_ascii_digit();
            let currency = if self.currency_words.contains(word)
                && !(spelled && word.starts_with(char::is_uppercase))
            {
                Some(we)
            } else if word.starts_with(char::is_uppercase) {
                // A qualifier: `13 mln U.S. dlrs`, `5 mln Canadian dlrs`.
                let after = s[we..lim].strip_prefix('.').map_or(we, |_| we + 1);
                next_word(s, after, lim)
                    .filter(|&(a, b)| self.currency_words.contains(&s[a..b]))
                    .map(|(_, b)| b)
            } else {
                None
            };
            if let Some(end) = currency {
                out.push(Figure {
                    span: Span::new(start, end),
                    class: Class::Money,
                });
                return Some(end);
            }
            if shape.joined || shape.year {
                return None;
            }
            if word.eq_ignore_ascii_case("in")
                && let Some((ms, me)) = next_word(s, we, lim)
                && let Some(m) = number_word(&s[ms..me]).or_else(|| s[ms..me].parse::<f64>().ok())
                && m > value
                && m <= 1000.0
            {
                out.push(Figure {
                    span: Span::new(start, me),
                    class: Class::Fraction,
                });
                return Some(me);
            }
            if let Some(end) = self.margin(s, para, start, (ws, we), out) {
                return Some(end);
            }
            // `five have been injured`, `1,200 have died`: a casualty count without its noun.
            if ["have", "has", "had", "were", "was", "are"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
                && self.impact_right_after(s, we, lim)
            {
                out.push(Figure {
                    span: Span::new(start, pos),
                    class: Class::Casualty,
                });
                return Some(pos);
            }
            // `more than 200,000 injured`, `12 dead`: a casualty count whose noun is left out (an
            // impact noun such as `deaths` is the counted noun, read below).
            if !shape.joined
                && !shape.year
                && self.impact_words.contains(word)
                && !self.statistic_nouns.contains(word)
            {
                out.push(Figure {
                    span: Span::new(start, pos),
                    class: Class::Casualty,
                });
                return Some(pos);
            }
            // `more than 120 of them have died`
            if word.eq_ignore_ascii_case("of")
                && let Some((ts, te)) = next_word(s, we, lim)
                && ["them", "those", "whom"]
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(&s[ts..te]))
                && self.impact_near(s, para, start, te)
            {
                out.push(Figure {
                    span: Span::new(start, te),
                    class: Class::Casualty,
                });
                return Some(te);
            }
            if let Some(noun_end) = self.count_noun(s, ws, we, lim) {
                let counted = s[..noun_end]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| self.statistic_nouns.contains(w));
                // `Europe's 12 mln farmers`, `its one billion people`: a description of a whole
                // the story names, not a statistic it reports.
                let described = described_whole(s, para.start, start);
                // `40,000 tonnes`, `16,557 square kilometres`: a trade or land statistic when
                // large, never a casualty count.
                let measure = words::any_word_in(s, pos, noun_end, &self.measure_nouns);
                let class = if measure {
                    if described || value < self.large_count {
                        return Some(noun_end);
                    }
                    Class::Count
                } else if self.impact_near(s, para, start, noun_end) {
                    Class::Casualty
                } else if !described
                    && ((value >= self.min_count && counted) || value >= self.large_count)
                {
                    Class::Count
                } else {
                    return Some(noun_end);
                };
                out.push(Figure {
                    span: Span::new(start, noun_end),
                    class,
                });
                return Some(noun_end);
            }
        }
        if large && !shape.joined && !shape.year {
            // `reach 10 million`, `65.06 billion`: a count of something the sentence names; so
            // is a level or change of a quantity the sentence names (`unemployment fell 44,100`,
            // `the number of jobless stood at 508,392`); a bare `807,000` is a number of a table.
            out.push(Figure {
                span: Span::new(start, pos),
                class: if value >= 1e6 || self.after_level_word(s, para.start, start) {
                    Class::Count
                } else {
                    Class::Large
                },
            });
            return Some(pos);
        }
        None
    }

    /// `a 10-point lead`, `leads by nine points`, `trails by 3 points`: a poll margin, stated in
    /// percentage points, when one of `margin-words` stands within three words before the number
    /// or after the unit `unit` (`point`, `points`). Pushes it and returns its end.
    fn margin(
        &self,
        s: &str,
        para: Span,
        start: usize,
        unit: (usize, usize),
        out: &mut Vec<Figure>,
    ) -> Option<usize> {
        let u = &s[unit.0..unit.1];
        if !(u.eq_ignore_ascii_case("point") || u.eq_ignore_ascii_case("points")) {
            return None;
        }
        let mut near = false;
        let (mut before, mut after) = (start, unit.1);
        for _ in 0..3 {
            if let Some((a, b)) = prev_word(s, before, para.start) {
                near |= self.margin_words.contains(&s[a..b]);
                before = a;
            }
            if let Some((a, b)) = next_word(s, after, para.end) {
                near |= self.margin_words.contains(&s[a..b]);
                after = b;
            }
        }
        near.then(|| {
            out.push(Figure {
                span: Span::new(start, unit.1),
                class: Class::Percent,
            });
            unit.1
        })
    }

    /// Where a currency symbol right before `start` begins (`$5`, `US$ 5`, `€2.3bn`).
    fn currency_before(&self, s: &str, floor: usize, start: usize) -> Option<usize> {
        let before = &s[floor..start];
        let trimmed = before.strip_suffix(' ').unwrap_or(before);
        self.currency_symbols
            .iter()
            .find(|sym| {
                // A code (`USD`, `Rs.`) is a whole word: `FOR 5` is not `R 5`.
                trimmed.ends_with(sym.as_str())
                    && !(sym.starts_with(char::is_alphabetic)
                        && trimmed[..trimmed.len() - sym.len()]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric))
            })
            .map(|sym| floor + trimmed.len() - sym.len())
    }

    /// Dates, times, locators, ages and addresses: a number that is not a quantity.
    fn excluded(&self, s: &str, para: Span, start: usize, end: usize) -> bool {
        if let Some((ps, pe)) = prev_word(s, start, para.start) {
            let w = &s[ps..pe];
            if self.months.contains(w) || self.locators.contains(w) {
                return true;
            }
        }
        let rest = s[end..para.end].trim_start();
        if self.time_words.iter().any(|t| starts_with_word(rest, t)) {
            return true;
        }
        let Some((ws, we)) = next_word(s, end, para.end) else {
            return false;
        };
        let w = &s[ws..we];
        if self.months.contains(w) {
            return true;
        }
        // 10 Downing Street: capitalised words, then a street suffix.
        let mut at = (ws, we);
        for _ in 0..3 {
            if !s[at.0..at.1].starts_with(char::is_uppercase) {
                return false;
            }
            match next_word(s, at.1, para.end) {
                Some((a, b)) if self.street_suffixes.contains(&s[a..b]) => return true,
                Some(next) => at = next,
                None => return false,
            }
        }
        false
    }

    /// The end of the counted noun starting at the word `ws..we`: a plural noun after at most two
    /// modifiers (`2,300 new infections`, `36,880 new coronavirus cases`, `5,200 active duty
    /// troops`), a group named with capitals (`690,249 Americans`, `15,000 Iranian Revolutionary
    /// Guards`, `28,000 U.S. troops`). Units of time and distance are not counted nouns, unless a
    /// measure of land comes first (`16,557 square kilometres`).
    fn count_noun(&self, s: &str, ws: usize, we: usize, lim: usize) -> Option<usize> {
        let mut word = (ws, we);
        let mut measure = false;
        for modifiers in 0..=2 {
            let w = &s[word.0..word.1];
            let next = {
                // `U.S. troops`: the full stop of an abbreviation is part of the word.
                let from = if s[word.1..lim].starts_with('.') && w.contains('.') {
                    word.1 + 1
                } else {
                    word.1
                };
                next_word(s, from, lim)
            };
            let next_plural = next.is_some_and(|(a, b)| self.is_plural(&s[a..b]));
            if self.is_plural(w) || (self.is_proper_plural(w) && !next_plural) {
                let exempt = self.exempt_nouns.contains(w) && !measure;
                return (!exempt).then_some(word.1);
            }
            let modifier = (is_lower_word(w) || w.starts_with(char::is_uppercase))
                && !NOT_ADJECTIVES.iter().any(|n| n.eq_ignore_ascii_case(w))
                && !(is_lower_word(w) && self.exempt_nouns.contains(w));
            if modifiers == 2 || !modifier {
                return None;
            }
            measure = self.measure_nouns.contains(w);
            word = next?;
        }
        None
    }

    /// A capitalised plural: `Americans`, `Yemenis`, `Guards` (not `U.S.` or `Texas's`).
    fn is_proper_plural(&self, w: &str) -> bool {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && w.len() >= 4
            && chars.all(char::is_lowercase)
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
    }

    fn is_plural(&self, w: &str) -> bool {
        if !is_lower_word(w) {
            return false;
        }
        if self.irregular_plurals.contains(w) {
            return true;
        }
        w.len() >= 3
            && w.ends_with('s')
            && !w.contains(['\'', '’'])
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !self.not_plural.contains(w)
    }

    /// Whether one of `level-words` stands right before `start`, or before a `to`, `at` or `by`
    /// that does, up to two words without digits between (`totalled 3,469`, `fell to 18,094`,
    /// `stood at 508,392`, `fell in February to 2,191`).
    fn after_level_word(&self, s: &str, floor: usize, start: usize) -> bool {
        let Some((a, b)) = prev_word(s, start, floor) else {
            return false;
        };
        if self.level_words.contains(&s[a..b]) {
            return true;
        }
        if !["to", "at", "by"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(&s[a..b]))
        {
            return false;
        }
        let mut at = a;
        for _ in 0..3 {
            match prev_word(s, at, floor) {
                Some((c, d)) if self.level_words.contains(&s[c..d]) => return true,
                // `rose 12 pct to 2,191`: the change is the figure, not the level.
                Some((c, d)) if !s[c..d].contains(|ch: char| ch.is_ascii_digit()) => at = c,
                _ => return false,
            }
        }
        false
    }

    /// An impact word within the two words after `at` (`[have] been injured`, `[were] killed`).
    fn impact_right_after(&self, s: &str, mut at: usize, lim: usize) -> bool {
        for _ in 0..2 {
            let Some((a, b)) = next_word(s, at, lim) else {
                return false;
            };
            if self.impact_words.contains(&s[a..b]) {
                return true;
            }
            at = b;
        }
        false
    }

    fn impact_near(&self, s: &str, para: Span, start: usize, end: usize) -> bool {
        use super::words::{any_word_in, within_sentence};
        use crate::span::{ceil_boundary, floor_boundary};
        let from = floor_boundary(
            s,
            start.saturating_sub(self.impact_distance).max(para.start),
        );
        let to = ceil_boundary(s, (end + self.impact_distance).min(para.end));
        // `... left 11 dead. In October, a man sent 13 pipe bombs`: the impact word of another
        // sentence says nothing about this count.
        let (from, to) = within_sentence(s, from, to, start, end);
        any_word_in(s, from, to, &self.impact_words)
    }

    /// `dozens of civilians`, `tens of thousands of protesters`: a vague quantity is a figure when
    /// a people, impact or material noun follows within three words.
    fn vague(&self, s: &str, para: Span, start: usize, end: usize, out: &mut Vec<Figure>) -> usize {
        let lim = para.end;
        let mut pos = end;
        let mut of_end = None;
        let mut background = self.background_scales.contains(&s[start..end]);
        while let Some((os, oe)) = next_word(s, pos, lim)
            && s[os..oe].eq_ignore_ascii_case("of")
        {
            of_end = Some(oe);
            pos = oe;
            match next_word(s, pos, lim) {
                Some((a, b)) if self.vague_words.contains(&s[a..b]) => {
                    background |= self.background_scales.contains(&s[a..b]);
                    pos = b;
                }
                _ => break,
            }
        }
        let Some(of_end) = of_end else { return end };
        // `millions of Americans`, `tens of billions of dollars`: the scale of a population or a
        // budget, which nobody counted and no editor queries (judged: docs/figures.md).
        if background {
            return of_end;
        }
        // `in thousands of tonnes` names a unit of a table, not a quantity.
        if prev_word(s, start, para.start).is_some_and(|(a, b)| s[a..b].eq_ignore_ascii_case("in"))
        {
            return of_end;
        }
        let mut at = of_end;
        for _ in 0..3 {
            let Some((a, b)) = next_word(s, at, lim) else {
                break;
            };
            let w = &s[a..b];
            // `millions of Americans`, `tens of millions of Chinese`: a people named with capitals.
            let people = self.is_proper_plural(w)
                || (w.starts_with(char::is_uppercase) && w.ends_with("ese"));
            if self.statistic_nouns.contains(w) || self.impact_words.contains(w) || people {
                out.push(Figure {
                    span: Span::new(start, of_end),
                    class: Class::Vague,
                });
                return of_end;
            }
            at = b;
        }
        of_end
    }

    /// A fraction word at `ws..we`, written from `start` (`two-thirds` starts at `two`):
    /// `by half`, `by a third`, `half of voters`, `a quarter of the schools`.
    fn fraction(
        &self,
        s: &str,
        para: Span,
        start: usize,
        ws: usize,
        we: usize,
        out: &mut Vec<Figure>,
    ) -> usize {
        let lim = para.end;
        let word = &s[ws..we];
        let prev = prev_word(s, start, para.start).filter(|&(_, pe)| !s[pe..start].contains('.'));
        let prev_is = |w: &str| prev.is_some_and(|(a, b)| s[a..b].eq_ignore_ascii_case(w));
        let mut from = start;
        if start == ws && (prev_is("a") || prev_is("one")) {
            from = prev.map_or(start, |(a, _)| a);
        }
        let by = prev_word(s, from, para.start)
            .filter(|&(a, b)| s[a..b].eq_ignore_ascii_case("by") && !s[b..from].contains('.'));
        if let Some((bs, _)) = by {
            out.push(Figure {
                span: Span::new(bs, we),
                class: Class::Fraction,
            });
            return we;
        }
        let needs_article = start == ws && !word.eq_ignore_ascii_case("half");
        let part =
            prev.is_some_and(|(a, b)| BEFORE_PART.iter().any(|p| p.eq_ignore_ascii_case(&s[a..b])));
        if from == start && (needs_article || part) {
            return we;
        }
        let Some((_, oe)) =
            next_word(s, we, lim).filter(|&(a, b)| s[a..b].eq_ignore_ascii_case("of"))
        else {
            return we;
        };
        let mut at = oe;
        let mut noun = next_word(s, at, lim);
        while let Some((a, b)) = noun
            && DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(&s[a..b]))
        {
            at = b;
            noun = next_word(s, at, lim);
        }
        let Some((ns, ne)) = noun else { return we };
        let n = &s[ns..ne];
        if n.starts_with(|c: char| c.is_ascii_digit())
            || self.exempt_nouns.contains(n)
            || self.months.contains(n)
            || self.fraction_words.contains(n)
        {
            return we;
        }
        out.push(Figure {
            span: Span::new(from, ne),
            class: Class::Fraction,
        });
        ne
    }
}

/// Whether the count at `start` describes a whole the story names rather than reports a
/// statistic: `Europe's 12 mln farmers`, `its more than one billion people` (a possessive before
/// the count), `a country of 168 mln people`, `a market of 320 mln people` (an apposition).
fn described_whole(s: &str, floor: usize, start: usize) -> bool {
    const QUALIFIERS: [&str; 8] = [
        "more", "than", "about", "some", "nearly", "almost", "around", "over",
    ];
    let is = |w: &str, set: &[&str]| set.iter().any(|p| p.eq_ignore_ascii_case(w));
    let mut at = start;
    let mut word = prev_word(s, at, floor);
    for _ in 0..3 {
        match word {
            Some((a, b)) if is(&s[a..b], &QUALIFIERS) => {
                at = a;
                word = prev_word(s, at, floor);
            }
            _ => break,
        }
    }
    let Some((a, b)) = word else {
        return false;
    };
    let w = &s[a..b];
    if w.ends_with("'s") || w.ends_with("’s") || is(w, &["its", "their", "his", "her", "our"]) {
        return true;
    }
    // `a country of 168 mln people`: `of` after a noun that follows `a` or `an`.
    w.eq_ignore_ascii_case("of")
        && prev_word(s, a, floor).is_some_and(|(c, _)| {
            prev_word(s, c, floor).is_some_and(|(e, f)| is(&s[e..f], &["a", "an"]))
        })
}
