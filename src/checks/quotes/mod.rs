//! `quotes`: quotation marks that do not pair up: opened in one family and closed in another
//! (`"null and void ».`), opened and never closed, closed without an opener, a curly mark facing
//! the wrong way, straight and curly styles mixed in one article, spaces inside the marks.
//!
//! Why: no other prose linter pairs quotes across a paragraph with locale conventions, and a broken
//! pair in print misattributes words. One pass ([`marks`]) classifies and pairs every mark;
//! each rule of this kind picks which of its results it reports with `report`.
//!
//! Parameters: `report`, one of `mismatched`, `unclosed`, `unclosed-inner`, `unopened`,
//! `missing-reopen`, `wrong-direction`, `mixed-styles`, `space-inside`, `french-spacing`. The locale
//! (`en`, `fr`, `de`, `ch`) comes from the configuration. Message placeholders: `{match}` (the
//! primary text), `{opener}`, `{expected}` (mismatched, missing-reopen), `{suggested}`
//! (wrong-direction), `{style}`, `{other}` (mixed-styles), `{problem}` (french-spacing).
//!
//! Example: `moscow considers "null and void ».` is flagged on `»`, with a label on `"` and a fix
//! to `"`.

pub(super) mod marks;

use super::{Check, KindEntry, ReportParams, Reports, RuleIdx, Settings, Sink};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::rule::Rule;
use crate::span::Span;
use marks::{Event, Locale, Pass};
use serde::Deserialize;

pub const KIND: KindEntry = KindEntry {
    name: "quotes",
    summary: "quotation-mark pairing by locale, one pass for every quotes rule",
    fields: super::fields::<ReportParams<Report>>,
    fixes: |rule| {
        super::reports_one_of(
            rule,
            &[
                Report::Mismatched,
                Report::MissingReopen,
                Report::WrongDirection,
                Report::SpaceInside,
                Report::FrenchSpacing,
            ],
        )
    },
    compile,
};

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
enum Report {
    Mismatched,
    Unclosed,
    UnclosedInner,
    Unopened,
    MissingReopen,
    WrongDirection,
    MixedStyles,
    SpaceInside,
    FrenchSpacing,
}

struct QuotesCheck {
    locale: Locale,
    reports: Reports<Report>,
}

fn compile(
    rules: &[(RuleIdx, &Rule)],
    settings: &Settings,
) -> Result<Box<dyn Check>, Vec<InputError>> {
    Ok(Box::new(QuotesCheck {
        locale: settings.locale,
        reports: Reports::compile(rules)?,
    }))
}

impl Check for QuotesCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let pass = marks::run(doc, self.locale);
        let mut out: Vec<(Report, Finding)> = Vec::new();
        for event in &pass.events {
            out.push(finding(doc, event));
        }
        mixed_styles(doc, &pass, &mut out);
        spacing(doc, &pass, self.locale, &mut out);
        self.reports.emit(out, sink);
    }
}

fn finding(doc: &Document, event: &Event) -> (Report, Finding) {
    let text = |s: Span| doc.slice(s).to_string();
    match *event {
        Event::Mismatched {
            closer,
            opener,
            expected,
        } => {
            // `"null and void »`: the space belongs to the French closer, not to the opener's style.
            let spaced = doc.text[..closer.start].ends_with([' ', '\u{a0}', '\u{202f}'])
                && !doc.text[opener.end..].starts_with(char::is_whitespace);
            let fix = if spaced {
                Span::new(
                    closer.start
                        - doc.text[..closer.start]
                            .chars()
                            .next_back()
                            .map_or(0, char::len_utf8),
                    closer.end,
                )
            } else {
                closer
            };
            let f = Finding::new(closer)
                .var("match", text(closer))
                .var("opener", text(opener))
                .var("expected", expected.to_string())
                .label(opener, "opened here")
                .fix(fix, expected.to_string());
            // A closer next to another mark (`"Gadle'”`, `AMERICA!”‘`) or a doubled opener
            // (`''frustrated'`) is a tangle of marks: which one is the fault is a guess.
            let tangled = next_to_a_mark(doc, closer) || doc.slice(opener).chars().count() > 1;
            (Report::Mismatched, if tangled { f.unsafe_fix() } else { f })
        }
        Event::Unclosed {
            opener,
            end,
            attribution,
        } => {
            let f = Finding::new(opener).var("match", text(opener));
            let f = match attribution {
                // The quotation runs into its own attribution: its closer is missing before it.
                Some(at) => f.label(
                    at,
                    "the attribution starts here: close the quotation before it",
                ),
                None => f.label(
                    end,
                    "the paragraph ends here, and the next one does not reopen the quotation",
                ),
            };
            (Report::Unclosed, f)
        }
        Event::UnclosedInner { opener, closer } => (
            Report::UnclosedInner,
            Finding::new(opener)
                .var("match", text(opener))
                .var(
                    "expected",
                    marks::expected_closer(doc.slice(opener).chars().next().unwrap_or('\''))
                        .to_string(),
                )
                .label(closer, "the enclosing quotation closes here"),
        ),
        Event::Unopened { closer } => (
            Report::Unopened,
            Finding::new(closer).var("match", text(closer)),
        ),
        Event::MissingReopen { at, opener, reopen } => (
            Report::MissingReopen,
            Finding::new(at)
                .var("match", text(at))
                .var("opener", text(opener))
                .var("expected", reopen.to_string())
                .label(opener, "the quotation opens here")
                .fix(Span::new(at.start, at.start), reopen.to_string()),
        ),
        Event::WrongDirection { mark, suggested } => {
            let f = Finding::new(mark)
                .var("match", text(mark))
                .var("suggested", suggested.to_string())
                .fix(mark, suggested.to_string());
            // `Hawai‘i`, `O‘ahu`: inside a word and before a vowel, `‘` stands for the ʻokina, as
            // Hawaiian names are printed; an apostrophe comes before `s`, `t`, `ll`, `re`, `ve`.
            let okina = doc.slice(mark) == "‘"
                && doc.text[..mark.start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
                && doc.text[mark.end..]
                    .chars()
                    .next()
                    .is_some_and(|c| "aeiouāēīōūAEIOU".contains(c));
            // A mark next to another (`true.’“` ending a paragraph) is one of a tangle: guessed.
            let guess = okina || next_to_a_mark(doc, mark);
            (
                Report::WrongDirection,
                if guess { f.unsafe_fix() } else { f },
            )
        }
    }
}

/// One finding per article that uses both straight and curly marks: on the first mark of the
/// less used style, with a label on the first of the other.
fn mixed_styles(doc: &Document, pass: &Pass, out: &mut Vec<(Report, Finding)>) {
    let (Some(first_straight), Some(first_curly)) = (pass.straight.first, pass.curly.first) else {
        return;
    };
    let straight_minor = pass.straight.count <= pass.curly.count;
    let (primary, other, style, other_style) = if straight_minor {
        (first_straight, first_curly, "straight", "curly")
    } else {
        (first_curly, first_straight, "curly", "straight")
    };
    let f = Finding::new(primary)
        .var("match", doc.slice(primary))
        .var("style", style)
        .var("other", other_style)
        .label(other, format!("the first {other_style} mark"))
        .note(format!(
            "{} straight and {} curly quotation marks and apostrophes",
            pass.straight.count, pass.curly.count
        ));
    out.push((Report::MixedStyles, f));
}

/// Whether another quotation mark touches `mark`, before or after it.
fn next_to_a_mark(doc: &Document, mark: Span) -> bool {
    doc.text[..mark.start].ends_with(is_quote_mark)
        || doc.text[mark.end..].starts_with(is_quote_mark)
}

/// Any quotation mark, straight, curly, low, angled or prime.
fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '„' | '‚' | '«' | '»' | '‹' | '›' | '″' | '′'
    )
}

fn is_guillemet(c: char) -> bool {
    matches!(c, '«' | '»' | '‹' | '›')
}

fn first_char(doc: &Document, span: Span) -> char {
    doc.slice(span).chars().next().unwrap_or(' ')
}

/// Spaces inside closed pairs: `“ we ”` in English; guillemet spacing by locale.
fn spacing(doc: &Document, pass: &Pass, locale: Locale, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    for &(open, close) in &pass.pairs {
        let (oc, cc) = (first_char(doc, open), first_char(doc, close));
        let inside_open = text[open.end..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace() && *c != '\n');
        let inside_close = text[..close.start]
            .chars()
            .next_back()
            .filter(|c| c.is_whitespace() && *c != '\n');
        if is_guillemet(oc) && is_guillemet(cc) {
            if locale == Locale::Fr {
                french_side(doc, open, inside_open, true, out);
                french_side(doc, close, inside_close, false, out);
            } else if inside_open.is_some() != inside_close.is_some() {
                let primary =
                    inside_open.map_or(open, |c| Span::new(open.start, open.end + c.len_utf8()));
                let side = if inside_open.is_some() {
                    "a space after the opening mark but none before the closing one"
                } else {
                    "no space after the opening mark but one before the closing one"
                };
                out.push((
                    Report::FrenchSpacing,
                    Finding::new(primary)
                        .var("match", doc.slice(primary))
                        .var("problem", side)
                        .label(close, "closed here"),
                ));
            }
            continue;
        }
        let curly =
            matches!(oc, '“' | '‘' | '„' | '‚') || (is_guillemet(oc) && locale != Locale::Fr);
        if !curly || !matches!(cc, '”' | '’' | '“' | '‘' | '«' | '»' | '‹' | '›') {
            continue;
        }
        let after_open = &text[open.end + inside_open.map_or(0, char::len_utf8)..];
        let before_close = &text[..close.start - inside_close.map_or(0, char::len_utf8)];
        // `“ ... and then`, `ended … ”`: a spaced ellipsis marks words left out, and the space
        // belongs to it. `‘Justice for All,’ ”`, `“ ‘Big Mo?’ ”`: a space keeps two marks of
        // nested quotations apart; it is inside neither.
        let spaced_apart = |s: Option<char>| s.is_some_and(|c| c == '…' || is_quote_mark(c));
        let inside_open = inside_open.filter(|_| {
            !(after_open.starts_with("...") || spaced_apart(after_open.chars().next()))
        });
        let inside_close = inside_close.filter(|_| {
            !(before_close.ends_with("...") || spaced_apart(before_close.chars().next_back()))
        });
        if let Some(c) = inside_open {
            let space = Span::new(open.end, open.end + c.len_utf8());
            let primary = Span::new(open.start, space.end);
            let finding = Finding::new(primary).var("match", doc.slice(primary));
            // `said“ we`: the space is on the wrong side of the mark; moving it is a guess (the
            // mark may be a closer facing the wrong way), deleting it would glue `said“we`.
            let glued = text[..open.start].ends_with(char::is_alphanumeric);
            let finding = if glued {
                let moved = format!("{c}{}", doc.slice(open));
                finding.fix(primary, moved).unsafe_fix()
            } else {
                finding.fix(space, "")
            };
            out.push((Report::SpaceInside, finding));
        }
        if let Some(c) = inside_close
            && close.start - c.len_utf8() > open.end
        {
            let space = Span::new(close.start - c.len_utf8(), close.start);
            let primary = Span::new(space.start, close.end);
            let finding = Finding::new(primary).var("match", doc.slice(primary));
            // `records, ”he said`: as above, the other way round.
            let glued = text[close.end..].starts_with(char::is_alphanumeric);
            let finding = if glued {
                let moved = format!("{}{c}", doc.slice(close));
                finding.fix(primary, moved).unsafe_fix()
            } else {
                finding.fix(space, "")
            };
            out.push((Report::SpaceInside, finding));
        }
    }
}

/// French practice: a no-break space (U+00A0 or U+202F) inside each guillemet.
fn french_side(
    doc: &Document,
    mark: Span,
    inside: Option<char>,
    opening: bool,
    out: &mut Vec<(Report, Finding)>,
) {
    let (problem, primary, fix) = match inside {
        Some('\u{a0}' | '\u{202f}') => return,
        Some(c) => {
            let space = if opening {
                Span::new(mark.end, mark.end + c.len_utf8())
            } else {
                Span::new(mark.start - c.len_utf8(), mark.start)
            };
            let primary = if opening {
                Span::new(mark.start, space.end)
            } else {
                Span::new(space.start, mark.end)
            };
            (
                "an ordinary space, which may break the line; use a no-break space",
                primary,
                (space, "\u{a0}".to_string()),
            )
        }
        None => {
            let fix = if opening {
                (Span::new(mark.end, mark.end), "\u{a0}".to_string())
            } else {
                (Span::new(mark.start, mark.start), "\u{a0}".to_string())
            };
            (
                "no space; French typography puts a no-break space inside guillemets",
                mark,
                fix,
            )
        }
    };
    out.push((
        Report::FrenchSpacing,
        Finding::new(primary)
            .var("match", doc.slice(primary))
            .var("problem", problem)
            .fix(fix.0, fix.1),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Sink;

    fn check(locale: &str, text: &str) -> Vec<(Report, String)> {
        let rules: Vec<(RuleIdx, Report)> = ALL.iter().copied().enumerate().collect();
        let check = QuotesCheck {
            locale: Locale::parse(locale).expect("a known locale"),
            reports: Reports::new(rules),
        };
        let doc = Document::plain(text);
        let mut sink = Sink::default();
        check.check(&doc, &mut sink);
        sink.findings
            .into_iter()
            .map(|(r, f)| (ALL[r], text[f.span.range()].to_string()))
            .collect()
    }

    /// Each fix of `text` (English): the report, what it replaces, the replacement and whether
    /// the check judged it safe.
    fn fixes(text: &str) -> Vec<(Report, String, String, bool)> {
        let rules: Vec<(RuleIdx, Report)> = ALL.iter().copied().enumerate().collect();
        let check = QuotesCheck {
            locale: Locale::En,
            reports: Reports::new(rules),
        };
        let doc = Document::plain(text);
        let mut sink = Sink::default();
        check.check(&doc, &mut sink);
        sink.findings
            .into_iter()
            .filter_map(|(r, f)| {
                let fix = f.fix?;
                let safe = fix.applicability == crate::diagnostic::Applicability::Safe;
                Some((
                    ALL[r],
                    text[fix.span.range()].to_string(),
                    fix.replacement,
                    safe,
                ))
            })
            .collect()
    }

    #[test]
    fn fixes_that_are_guesses_are_unsafe() {
        use Report::*;
        let f = |r, old: &str, new: &str, safe| (r, old.to_string(), new.to_string(), safe);
        // An apostrophe facing the wrong way is certain; an ʻokina is not an apostrophe. After a
        // one-letter word it may be an elision (`d‘Ivoire`), so it is reported, but not fixed unread.
        assert_eq!(
            fixes("The Party‘s leader."),
            [f(WrongDirection, "‘", "’", true)]
        );
        assert_eq!(
            fixes("He flew to Hawai‘i and O‘ahu."),
            [f(WrongDirection, "‘", "’", false)]
        );
        // A closer next to another mark is one of a tangle.
        assert_eq!(
            fixes("Make sure the credit is “there.’’"),
            [f(Mismatched, "’", "”", false)]
        );
        assert_eq!(
            fixes("It is “null and void ». He left."),
            [f(Mismatched, " »", "”", true)]
        );
    }

    #[test]
    fn a_space_between_two_marks_is_not_inside_and_a_misplaced_one_is_moved() {
        use Report::*;
        // Nested quotations kept apart by a space: nothing to fix.
        assert_eq!(fixes("“ ‘Big Mo?’ ” he asked."), []);
        assert_eq!(fixes("He said, “it was ‘fine,’ ” and left."), []);
        // Inside the marks, the space goes; glued to a word outside, it moves (a guess).
        assert_eq!(
            fixes("He said “ we will win” today."),
            [(SpaceInside, " ".to_string(), String::new(), true)]
        );
        assert_eq!(
            fixes("“We will check police records, ”he said."),
            [(SpaceInside, " ”".to_string(), "” ".to_string(), false)]
        );
    }

    const ALL: [Report; 9] = [
        Report::Mismatched,
        Report::Unclosed,
        Report::UnclosedInner,
        Report::Unopened,
        Report::MissingReopen,
        Report::WrongDirection,
        Report::MixedStyles,
        Report::SpaceInside,
        Report::FrenchSpacing,
    ];

    #[test]
    fn a_straight_opener_closed_by_a_guillemet_gets_a_fix() {
        let text = "Moscow calls it \"null and void ». It will not comply.";
        let doc = Document::plain(text);
        let (report, f) = finding(&doc, &marks::run(&doc, Locale::En).events[0]);
        assert_eq!(report, Report::Mismatched);
        assert_eq!(&text[f.span.range()], "»");
        assert_eq!(&text[f.labels[0].span.range()], "\"");
        let fix = f.fix.unwrap();
        assert_eq!(
            (&text[fix.span.range()], fix.replacement.as_str()),
            (" »", "\"")
        );
    }

    #[test]
    fn a_word_ending_in_in_closes_an_open_single_quotation() {
        use Report::*;
        // A dropped g is an apostrophe only where no quotation is open that nothing later closes.
        assert_eq!(
            check("en", "\"A 'safety bulletin' would go out,\" she said."),
            []
        );
        assert_eq!(check("en", "He asked: \"Why not say 'try again'?\""), []);
        assert_eq!(
            check("en", "\"We were just talkin' and laughin',\" he said."),
            []
        );
        assert_eq!(
            check("en", "\"They said 'nothin' doing' to us,\" he said."),
            []
        );
        // Still open after the word and nothing to close it: reported as before.
        assert_eq!(
            check("en", "\"The 'plain truth is out,\" he said."),
            [(UnclosedInner, "'".to_string())]
        );
    }

    #[test]
    fn the_hawaiian_okina_is_a_letter_and_a_turned_apostrophe_is_not() {
        assert!(
            check(
                "en",
                "Wave farms off Hawai‘i worry Ka‘ili and the hoary bat, pe‘ape‘a."
            )
            .is_empty()
        );
        assert_eq!(
            check("en", "The Party‘s leader met Côte d‘Ivoire envoys."),
            [
                (Report::WrongDirection, "‘".to_string()),
                (Report::WrongDirection, "‘".to_string())
            ]
        );
    }

    #[test]
    fn an_unclosed_quotation_that_runs_into_its_attribution_points_at_it() {
        let text =
            "“It was hard as a widow, and I used all the funds I had, she says.\n\nShe left.";
        let doc = Document::plain(text);
        let check = QuotesCheck {
            locale: Locale::parse("en").expect("a known locale"),
            reports: Reports::new(ALL.iter().copied().enumerate().collect()),
        };
        let mut sink = Sink::default();
        check.check(&doc, &mut sink);
        let labels: Vec<&str> = sink.findings[0]
            .1
            .labels
            .iter()
            .map(|l| &text[l.span.range()])
            .collect();
        assert_eq!(labels, ["she"]);
    }

    #[test]
    fn reuters_habits_are_not_quotations() {
        assert!(
            check(
                "en",
                "Britain\"s lead grew, and the Philippines\" debt fell. QATAR\"S BANKS"
            )
            .is_empty()
        );
        assert!(check("en", "\"Rates fell \" for the countries, one source said.").is_empty());
        assert!(
            check(
                "en",
                "\"It rose,\"Carlucci said. He said it was ''good,'' and left."
            )
            .is_empty()
        );
        assert_eq!(
            check("en", "It was \"range trading' and fell."),
            [(Report::Mismatched, "'".to_string())]
        );
        assert!(
            check(
                "en",
                "Its \"brief simply 'rubberstamps' the ruling it called 'riddled with errors'.\""
            )
            .is_empty()
        );
    }

    #[test]
    fn multi_paragraph_quotations_and_locales() {
        assert!(
            check(
                "fr",
                "«\u{a0}Premier paragraphe.\n\n»\u{a0}Second paragraphe.\u{a0}»"
            )
            .is_empty()
        );
        assert_eq!(
            check("de", "Er sagte: „Wir kommen.”"),
            [(Report::Mismatched, "”".to_string())]
        );
        assert_eq!(
            check("en", "He said “ yes” today."),
            [(Report::SpaceInside, "“ ".to_string())]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "\"",
            "'",
            "”“",
            "« »",
            "‚‘„“",
            "x\"\u{301}\"",
            "’n’",
            "''''",
            "\n\n\"\n\n\"",
            "a ‘90",
            "İ’",
            "«\u{202f}",
        ] {
            for locale in ["en", "fr", "de", "ch"] {
                check(locale, text);
            }
        }
    }
}
