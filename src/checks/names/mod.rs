//! `names`: one person or place spelled two ways, in one article (`Akylbek Zhaparov` … `Sadyr
//! Japarov`) or across the checked files (`Zhaparov` in one article, `Japarov` in four others).
//!
//! Why: readers take two spellings for two people, and search misses half the archive. Other
//! tools need both spellings listed in advance; this kind finds variants by itself: it reads the
//! names of an article as people ([`mentions`], [`article`]), compares their spellings with a
//! transliteration-aware distance ([`translit`], [`group`]), and honours the house table
//! ([`table`]).
//!
//! Parameter: `tier`, which findings a rule reports:
//! - `likely`: one name spelled two ways: a transliteration variant (`Japarov`/`Zhaparov`,
//!   `Aliev`/`Aliyev`), or one person's name near-spelled (`Kowalczyk`/`Kowalczik`,
//!   `Sergey`/`Sergei Lavrov`);
//! - `possible`: one person's name a typing slip apart, or with other vowels (`Kampelman` /
//!   `Kampleman`, `Daniel` / `Danial Amstutz`);
//! - `diacritics`: the same letters with and without diacritics (`Müller`/`Muller`);
//! - `case`: one acronym written in two cases (`Brics` / `BRICS`);
//! - `house`: a spelling the house table replaces (`Kiev` → `Kyiv`).
//!
//! Message placeholders: `{match}` (this spelling), `{other}` (the preferred one), `{where}`
//! (`elsewhere in this article` or `in N other checked files`), `{who}` (the people meant:
//! ` (Sadyr Japarov)`, or empty).

mod article;
mod corpus;
pub mod group;
pub mod mentions;
pub mod table;
pub mod translit;
mod words;

use super::{Check, Corpus, KindEntry, Mention, RuleIdx, Settings, Sink, compile_each};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::rule::Rule;
use crate::span::Span;
use serde::Deserialize;
use std::sync::Arc;

pub use group::MIN_LETTERS;

pub const KIND: KindEntry = KindEntry {
    name: "names",
    summary: "a name spelled two ways in one article or across the checked files (people, transliteration, diacritics), and the house table",
    fields: super::fields::<Params>,
    // The house table's variants and one name's less used spelling are respelled; diacritics and
    // acronyms (whose right form is the house's choice) are not.
    fixes: |rule| {
        rule.params::<Params>()
            .is_ok_and(|p| matches!(p.tier, Tier::Likely | Tier::Possible | Tier::House))
    },
    compile,
};

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Params {
    tier: Tier,
    /// House-table entries carried by the rule file itself (added to the config's).
    #[serde(default)]
    entity: Vec<crate::house::Entity>,
    #[serde(default)]
    distinct: Vec<crate::house::Distinct>,
}

/// Which findings a rule reports; see the module documentation.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Likely,
    Possible,
    Diacritics,
    Case,
    House,
}

/// The rule reporting each tier, when it runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules {
    likely: Option<RuleIdx>,
    possible: Option<RuleIdx>,
    diacritics: Option<RuleIdx>,
    case: Option<RuleIdx>,
    house: Option<RuleIdx>,
}

impl Rules {
    fn of(&self, tier: Tier) -> Option<RuleIdx> {
        match tier {
            Tier::Likely => self.likely,
            Tier::Possible => self.possible,
            Tier::Diacritics => self.diacritics,
            Tier::Case => self.case,
            Tier::House => self.house,
        }
    }

    fn slot(&mut self, tier: Tier) -> &mut Option<RuleIdx> {
        match tier {
            Tier::Likely => &mut self.likely,
            Tier::Possible => &mut self.possible,
            Tier::Diacritics => &mut self.diacritics,
            Tier::Case => &mut self.case,
            Tier::House => &mut self.house,
        }
    }
}

struct NamesCheck {
    rules: Rules,
    table: Arc<table::Compiled>,
}

fn compile(
    rules: &[(RuleIdx, &Rule)],
    settings: &Settings,
) -> Result<Box<dyn Check>, Vec<InputError>> {
    let parsed = compile_each(rules, |idx, rule| {
        let p = rule.params::<Params>()?;
        // House-table entries in the rule file drive fixes: the same checks as the config's.
        if let Some(problem) = crate::house::problems(&p.entity).first() {
            let span = crate::house::problem_span(&rule.source, &[], problem).unwrap_or(0..0);
            return Err(rule.error_at(span, &problem.message, "here"));
        }
        Ok((idx, p))
    })?;
    let mut out = Rules::default();
    let mut house = settings.names.clone();
    for (idx, p) in parsed {
        house.entity.extend(p.entity);
        house.distinct.extend(p.distinct);
        out.slot(p.tier).get_or_insert(idx);
    }
    Ok(Box::new(NamesCheck {
        rules: out,
        table: Arc::new(table::Compiled::new(&house)),
    }))
}

fn times(n: u32) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{n} times")
    }
}

impl NamesCheck {
    fn house(&self, doc: &Document, sink: &mut Sink) {
        let Some(rule) = self.rules.house else { return };
        for (start, end, preferred) in self.table.variants_in(doc.text) {
            let span = Span::new(start, end);
            let found = &doc.text[start..end];
            sink.push(
                rule,
                Finding::new(span)
                    .var("match", found)
                    .var("other", preferred.as_str())
                    .var("where", "in the house table")
                    .var("who", "")
                    .help(format!("the house spelling is `{preferred}`"))
                    .fix(span, preferred),
            );
        }
    }

    /// What the cross-file pass keeps of the article: its comparable spellings and full names.
    fn summarize(&self, article: &article::Article, sink: &mut Sink) {
        for f in &article.forms {
            let comparable = f.caps
                || f.spelling
                    .key
                    .as_ref()
                    .is_some_and(|k| k.folded.len() >= MIN_LETTERS);
            if comparable && (!f.common || f.caps) {
                sink.mention(Mention {
                    text: f.text().to_string(),
                    count: f.count,
                    span: f.first,
                });
            }
        }
        for p in &article.people {
            let (given, surname) = (&article.forms[p.given], &article.forms[p.surname]);
            if surname.spelling.key.is_some() && !surname.common {
                sink.mention(Mention {
                    text: format!("{} {}", given.text(), surname.text()),
                    count: p.count,
                    span: p.first,
                });
            }
        }
    }
}

impl Check for NamesCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        self.house(doc, sink);
        if self.rules.likely.is_none()
            && self.rules.possible.is_none()
            && self.rules.diacritics.is_none()
            && self.rules.case.is_none()
        {
            return;
        }
        let article = article::Article::read(doc);
        if sink.wants_mentions() {
            self.summarize(&article, sink);
        }
        let forms = &article.forms;
        for group in article.findings(&self.table) {
            let Some(rule) = self.rules.of(group.tier) else {
                continue;
            };
            let (preferred, others) = (group.preferred, &group.others);
            let first_other = *others
                .iter()
                .min_by_key(|&&m| forms[m].first.start)
                .expect("a group has members");
            let (p, o) = (&forms[preferred], &forms[first_other]);
            let counts: Vec<String> = std::iter::once(preferred)
                .chain(others.iter().copied())
                .map(|m| format!("`{}` {}", forms[m].text(), times(forms[m].count)))
                .collect();
            let house = p
                .spelling
                .key
                .as_ref()
                .is_some_and(|k| self.table.preferred(&k.folded) == Some(p.text()));
            let reason = if house {
                "the house spelling"
            } else if p.count > o.count {
                "the more frequent spelling here"
            } else {
                "the first spelling used here"
            };
            let mut finding = Finding::new(o.first)
                .var("match", o.text())
                .var("other", p.text())
                .var("where", "elsewhere in this article")
                .var("who", group.who.as_str())
                .label(p.first, format!("spelled `{}` here", p.text()));
            for &m in others {
                if m != first_other {
                    finding = finding.label(
                        forms[m].first,
                        format!("spelled `{}` here", forms[m].text()),
                    );
                }
            }
            finding.notes = vec![format!("in this article: {}", counts.join(", "))];
            finding = finding.help(format!(
                "use one spelling throughout: `{}` is {reason}",
                p.text()
            ));
            if !group.two_people && matches!(group.tier, Tier::Likely | Tier::Possible) {
                // A grouping is a guess (`NBC News Latino` is not a misspelt `Latin`): whatever
                // the rule declares, only `--unsafe-fixes` applies it.
                finding = finding.fix(o.first, p.text()).unsafe_fix();
            }
            sink.push(rule, finding);
        }
    }

    fn corpus(&self) -> Option<Box<dyn Corpus>> {
        let any = self
            .rules
            .likely
            .or(self.rules.possible)
            .or(self.rules.diacritics)
            .or(self.rules.case);
        any.map(|_| {
            Box::new(corpus::NamesCorpus::new(self.rules, self.table.clone())) as Box<dyn Corpus>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<(RuleIdx, String, String)> {
        let rules = Rules {
            likely: Some(0),
            diacritics: Some(1),
            case: Some(2),
            house: Some(3),
            possible: Some(4),
        };
        let c = NamesCheck {
            rules,
            table: Arc::new(table::Compiled::default()),
        };
        let doc = Document::plain(text);
        let mut sink = Sink::default();
        c.check(&doc, &mut sink);
        sink.findings
            .into_iter()
            .map(|(r, f)| {
                let who = f
                    .vars
                    .iter()
                    .find(|(k, _)| k == "who")
                    .map_or(String::new(), |(_, v)| v.clone());
                (r, text[f.span.range()].to_string(), who)
            })
            .collect()
    }

    fn found(r: RuleIdx, word: &str, who: &str) -> (RuleIdx, String, String) {
        (r, word.to_string(), who.to_string())
    }

    #[test]
    fn two_spellings_of_one_person() {
        assert_eq!(
            check("Ilham Aliyev met reporters. Later Aliyev left, and Ilham Aliev returned."),
            [found(0, "Aliev", " (Ilham Aliyev)")]
        );
        assert_eq!(
            check("Anna Kowalczyk arrived on Monday. Kowalczik said the talks went well."),
            [found(0, "Kowalczik", " (Anna Kowalczyk)")]
        );
        assert_eq!(
            check("Foreign Minister Sergey Lavrov came. Then Sergei Lavrov spoke."),
            [found(0, "Sergei", " (Sergey Lavrov)")]
        );
    }

    #[test]
    fn a_bare_surname_the_text_calls_a_person() {
        // A verb of speech after the bare surname, or an honorific before it, is evidence of one
        // person: the wider limit, and other vowels are a respelling.
        assert_eq!(
            check("Anna Ponomariova opened the meeting. Ponomareva said prices would fall."),
            [found(0, "Ponomareva", " (Anna Ponomariova)")]
        );
        assert_eq!(
            check("Omar Haddadin opened the fair. Later Mr. Hadadeen spoke about trade."),
            [found(0, "Hadadeen", " (Omar Haddadin)")]
        );
        // Without that evidence, a bare word near a surname is compared at the ordinary limit.
        assert_eq!(
            check("Omar Haddadin opened the fair. Guests met Hadadeen on Monday."),
            [found(4, "Hadadeen", " (Omar Haddadin)")]
        );
        // So are a verb of a person's act, `, who`, a verb whose object is a person, a person's
        // act `by` it, an apposition after a noun phrase (a warning, rule 0); commas after a
        // capitalised word open no apposition (`In Paris, Ponomareva`), and a `by` of time or
        // means is no person's act (at most a possible variant, rule 4).
        for (text, rule) in [
            (
                "Anna Ponomariova opened the meeting. Ponomareva resigned on Friday.",
                0,
            ),
            (
                "Anna Ponomariova opened the meeting. Delegates cheered Ponomareva, who chairs it.",
                0,
            ),
            (
                "Police detained Anna Ponomariova on Sunday. A court released Ponomareva on bail.",
                0,
            ),
            (
                "Anna Ponomariova arrived. Officials said the visit by Ponomareva was the first.",
                0,
            ),
            (
                "Anna Ponomariova ran well. The winner, Ponomareva, led from the start.",
                0,
            ),
            (
                "Anna Ponomariova arrived. In Paris, Ponomareva, the hosts and others met.",
                4,
            ),
            (
                "Anna Ponomariova arrived. It was approved by Ponomareva on Monday.",
                4,
            ),
        ] {
            assert_eq!(
                check(text),
                [found(rule, "Ponomareva", " (Anna Ponomariova)")],
                "{text}"
            );
        }
        // A headline over the story refers forward; its spelling is met first, so a tie
        // prefers it.
        assert_eq!(
            check("Ponomareva wins second term\n\nAnna Ponomariova won the vote on Sunday.\n"),
            [found(0, "Ponomariova", " (Anna Ponomariova)")]
        );
        // A preposition of place outweighs a verb of speech; a title that may be a given name
        // (`Prince`) is no evidence: at most a possible variant.
        assert_eq!(
            check("Anna Lyons arrived. Officials in Lyon said the trains ran."),
            []
        );
        assert_eq!(
            check("Prince Chinu scored. Cristian Chivu saved twice."),
            [found(4, "Chivu", " (Cristian Chivu)")]
        );
        // A bare surname met before the full name is its own person's, whatever it does.
        assert_eq!(
            check("Prince Chinu met Cristian Chivu. Chinu said they had talked."),
            [found(4, "Chivu", " (Cristian Chivu)")]
        );
    }

    #[test]
    fn one_given_name_with_other_vowels_in_the_surname() {
        assert_eq!(
            check("Pavel Zinoviev arrived on Monday.\n\nOfficials said Pavel Zinovev would stay."),
            [found(0, "Zinovev", " (Pavel Zinoviev)")]
        );
        // Catalan joins two surnames with `i`: `Sala` is one of Lluís Solà i Sala's own.
        assert_eq!(
            check("Salvador Dali and Lluís Solà i Sala met. Sala agreed."),
            []
        );
        // An article is no given name: a newspaper and a city.
        assert_eq!(
            check("Reporters from El País flew to El Paso on Monday."),
            []
        );
    }

    #[test]
    fn two_people_share_a_transliterated_surname_only() {
        assert_eq!(
            check("Chairman Akylbek Zhaparov met officials. Later President Sadyr Japarov spoke."),
            [found(
                0,
                "Japarov",
                " (Akylbek Zhaparov, Sadyr Japarov: two people, one surname)"
            )]
        );
        assert_eq!(
            check("Anna Fischer met Tom Fisher. Fischer and Fisher agreed."),
            []
        );
    }

    #[test]
    fn diacritics_and_acronyms() {
        assert_eq!(
            check("Thomas Müller scored twice. Muller later left the field."),
            [found(1, "Muller", " (Thomas Müller)")]
        );
        assert_eq!(
            check(
                "Leaders met at the BRICS summit. The Brics group will grow. HERE is MOST of it."
            ),
            [found(2, "Brics", "")]
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "’s ’S ' al- al-’s Al- -Al A’ É́É́ Ǆ 𝔄𝔅 İstanbul İ ﬁne. Zhaparov’’ ‘Japarov’ «Japarov»",
            "\u{feff}ŞŞ Şahin Sahin. Ə Əliyev Aliyev Āliyev.\n\nX\n",
            "A-B-C D’E’F Mc’ O’ O’Neil O'Neill van der al bin",
        ] {
            check(text);
        }
    }

    #[test]
    fn different_words_are_silent() {
        assert_eq!(
            check(
                "Ivanov met Ivanova. Austria and Australia. Putin and Rasputin. The Globe and Golub."
            ),
            []
        );
        // A plural and an adjective; a name well known in English copy near a surname; a bare
        // word far from a surname; two apostrophes.
        assert_eq!(
            check(
                "Syrian Kurds fled. Kurdish fighters stayed. Professor Gi-Wook Shin spoke of China.                  Nadeem Khan flew to Chennai. Wa'ed Hassan and Wa’ed Hassan met."
            ),
            []
        );
        // A typing slip is one person's spelling whatever the length.
        assert_eq!(
            check("Trade Representative Clayton Yeutter spoke. Yuetter said talks would go on."),
            [found(0, "Yuetter", " (Clayton Yeutter)")]
        );
    }
}
