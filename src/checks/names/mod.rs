//! `names`: one person or place spelled two ways, in one article (`Akylbek Zhaparov` … `Sadyr
//! Japarov`) or across the checked files (`Zhaparov` in one article, `Japarov` in four others).
//!
//! Why: readers take two spellings for two people, and search misses half the archive. Other
//! tools need both spellings listed in advance; this kind finds variants by itself with a
//! transliteration-aware comparison ([`translit`]) of the name words found by [`mentions`], and
//! honours the house table ([`table`]).
//!
//! Parameter: `tier`, which findings a rule reports:
//! - `likely`: a variant pair that costs at most half the matcher's limit and shows a mark of
//!   transliteration (`Japarov`/`Zhaparov`, `Aliev`/`Aliyev`);
//! - `possible`: any other grouped pair, and same-surname pairs whose given names differ (these
//!   may be two people: `Sadyr Japarov` / `Akylbek Zhaparov`);
//! - `case`: one acronym written in two cases (`Brics` / `BRICS`);
//! - `house`: a spelling the house table replaces (`Kiev` → `Kyiv`).
//!
//! Message placeholders: `{match}` (this spelling), `{other}` (the preferred one), `{where}`
//! (`elsewhere in this article` or `in N other checked files`).

mod corpus;
pub mod mentions;
pub mod table;
pub mod translit;

use super::{Check, Corpus, KindEntry, Mention, RuleIdx, Settings, Sink, compile_each};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::error::InputError;
use crate::rule::Rule;
use crate::span::Span;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use translit::{Key, Tier};

pub const KIND: KindEntry = KindEntry {
    name: "names",
    summary: "a name spelled two ways in one article or across the checked files (transliteration-aware), and the house table",
    fields: super::fields::<Params>,
    // Every tier respells (the house table's variants, and the automatic groups' less used spelling).
    fixes: |rule| rule.params::<Params>().is_ok(),
    compile,
};

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Params {
    tier: Grade,
    /// House-table entries carried by the rule file itself (added to the config's).
    #[serde(default)]
    entity: Vec<table::Entity>,
    #[serde(default)]
    distinct: Vec<table::Distinct>,
}

/// Which findings a rule reports; see the module documentation.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Likely,
    Possible,
    Case,
    House,
}

/// The rule reporting each grade, when it runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules {
    likely: Option<RuleIdx>,
    possible: Option<RuleIdx>,
    case: Option<RuleIdx>,
    house: Option<RuleIdx>,
}

impl Rules {
    fn of(&self, grade: Grade) -> Option<RuleIdx> {
        match grade {
            Grade::Likely => self.likely,
            Grade::Possible => self.possible,
            Grade::Case => self.case,
            Grade::House => self.house,
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
        if let Some(problem) = table::problems(&p.entity).first() {
            let span = table::problem_span(&rule.source, &[], problem).unwrap_or(0..0);
            return Err(rule.error_at(span, &problem.message, "here"));
        }
        Ok((idx, p))
    })?;
    let mut out = Rules::default();
    let mut house = settings.names.clone();
    for (idx, p) in parsed {
        let grade = p.tier;
        house.entity.extend(p.entity);
        house.distinct.extend(p.distinct);
        let slot = match grade {
            Grade::Likely => &mut out.likely,
            Grade::Possible => &mut out.possible,
            Grade::Case => &mut out.case,
            Grade::House => &mut out.house,
        };
        slot.get_or_insert(idx);
    }
    Ok(Box::new(NamesCheck {
        rules: out,
        table: Arc::new(table::Compiled::new(&house)),
    }))
}

/// Name words shorter than this (in letters) are not compared: `Li`, `Xi`, `Kim` are too short for
/// a distance to mean anything.
pub const MIN_LETTERS: usize = 4;

/// One spelling in an article: its occurrences and the given names seen before it.
struct Form<'a> {
    text: &'a str,
    spans: Vec<Span>,
    given: Vec<&'a str>,
    caps: bool,
    key: Option<Key>,
}

/// How two spellings relate, if at all. `across` files, a possible pair is kept only when one
/// spelling shows a mark of transliteration or both stand for the same sounds (Sergey / Sergei):
/// over an archive, pairs such as Fort / Ford or Bill / Bell are mostly two words.
pub fn relate(
    a: &str,
    ka: Option<&Key>,
    b: &str,
    kb: Option<&Key>,
    table: &table::Compiled,
    across: bool,
) -> Option<Grade> {
    let caps = |s: &str| !s.chars().any(char::is_lowercase);
    if caps(a) || caps(b) {
        // `Brics` / `BRICS`: the other spelling is title case (`CMOs` is a plural, not a variant).
        let title = |s: &str| s.chars().skip(1).all(char::is_lowercase);
        let one_acronym = caps(a) != caps(b)
            && (title(a) || title(b))
            && a.chars().count() >= 3
            && a.to_lowercase() == b.to_lowercase();
        return one_acronym.then_some(Grade::Case);
    }
    let (ka, kb) = (ka?, kb?);
    if ka.folded.len() < MIN_LETTERS
        || kb.folded.len() < MIN_LETTERS
        || table.is_variant(&ka.folded)
        || table.is_variant(&kb.folded)
    {
        return None;
    }
    if table.is_distinct(&ka.folded, &kb.folded) {
        return None;
    }
    // Spellings that fold alike differ in inner capitals or hyphens (GenCorp / Gencorp,
    // Abdul-Aziz / Abdulaziz): house style, not transliteration, so only possible.
    if ka.folded == kb.folded {
        return Some(Grade::Possible);
    }
    match translit::compare_scored(ka, kb)? {
        (Tier::Likely, _) => Some(Grade::Likely),
        (Tier::Possible, cost) => {
            let signal = translit::has_signal(&ka.folded) || translit::has_signal(&kb.folded);
            (!across || signal || cost == 0.0).then_some(Grade::Possible)
        }
    }
}

/// Pairs of spellings worth comparing: those sharing a blocking key ([`translit::blocking_keys`])
/// or a lower-case form (`Brics` / `BRICS`). Work grows with the spellings, not their square, so
/// a huge file or a whole archive is as cheap per name as an article.
pub fn candidates(texts: &[&str], keys: &[Option<Key>]) -> Vec<(usize, usize)> {
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, text) in texts.iter().enumerate() {
        blocks
            .entry(format!("#{}", text.to_lowercase()))
            .or_default()
            .push(i);
        if text.chars().any(char::is_lowercase)
            && let Some(k) = &keys[i]
        {
            for b in translit::blocking_keys(k) {
                blocks.entry(b).or_default().push(i);
            }
        }
    }
    let mut seen = HashSet::new();
    for members in blocks.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                seen.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut out: Vec<(usize, usize)> = seen.into_iter().collect();
    out.sort_unstable();
    out
}

/// Groups related spellings without chaining (Cohn ~ John ~ Conn would chain different names):
/// spellings are taken from the most used down, and each attaches to the most used spelling it
/// is directly related to, if that one is not itself attached. Returns `(anchor, members, grade)`,
/// one entry per anchor and grade; `rank[i]` orders spellings, higher first.
pub fn stars<R: Ord + Copy>(
    rank: &[R],
    edges: &[(usize, usize, Grade)],
) -> Vec<(usize, Vec<usize>, Grade)> {
    let n = rank.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| rank[b].cmp(&rank[a]).then(a.cmp(&b)));
    let mut position = vec![0; n];
    for (p, &i) in order.iter().enumerate() {
        position[i] = p;
    }
    let mut neighbours: Vec<Vec<(usize, Grade)>> = vec![Vec::new(); n];
    for &(a, b, g) in edges {
        neighbours[a].push((b, g));
        neighbours[b].push((a, g));
    }
    let mut attached = vec![false; n];
    let mut out: Vec<(usize, Vec<usize>, Grade)> = Vec::new();
    for &i in &order {
        let anchor = neighbours[i]
            .iter()
            .filter(|(j, _)| position[*j] < position[i] && !attached[*j])
            .min_by_key(|(j, _)| position[*j]);
        let Some(&(anchor, grade)) = anchor else {
            continue;
        };
        attached[i] = true;
        match out.iter_mut().find(|(a, _, g)| *a == anchor && *g == grade) {
            Some(entry) => entry.1.push(i),
            None => out.push((anchor, vec![i], grade)),
        }
    }
    out
}

fn times(n: usize) -> String {
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
                    .help(format!("the house spelling is `{preferred}`"))
                    .fix(span, preferred.as_str()),
            );
        }
    }

    fn forms<'a>(&self, doc: &'a Document) -> Vec<Form<'a>> {
        let text = doc.text;
        let mut forms: Vec<Form<'a>> = Vec::new();
        // Index of each spelling in `forms`: an article names hundreds of words.
        let mut index: HashMap<&'a str, usize> = HashMap::new();
        for w in mentions::find(doc) {
            let word = &text[w.span.range()];
            let i = *index.entry(word).or_insert_with(|| {
                forms.push(Form {
                    text: word,
                    spans: Vec::new(),
                    given: Vec::new(),
                    caps: w.caps,
                    key: Key::new(word),
                });
                forms.len() - 1
            });
            forms[i].spans.push(w.span);
            if let Some(g) = w.given {
                let g = &text[g.range()];
                if !forms[i].given.contains(&g) {
                    forms[i].given.push(g);
                }
            }
        }
        forms
    }
}

/// Whether two lists of given names share a name (spelled alike or as variants).
fn share_given(a: &[&str], b: &[&str]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x == y || matches!((Key::new(x), Key::new(y)), (Some(kx), Some(ky)) if translit::compare(&kx, &ky).is_some())))
}

impl Check for NamesCheck {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        self.house(doc, sink);
        let forms = self.forms(doc);
        if sink.wants_mentions() {
            for f in &forms {
                let long_enough = f.caps
                    || f.key
                        .as_ref()
                        .is_some_and(|k| k.folded.len() >= MIN_LETTERS);
                if long_enough {
                    sink.mention(Mention {
                        text: f.text.to_string(),
                        count: f.spans.len() as u32,
                        span: f.spans[0],
                    });
                }
            }
        }
        let mut edges = Vec::new();
        let texts: Vec<&str> = forms.iter().map(|f| f.text).collect();
        let keys: Vec<Option<Key>> = forms.iter().map(|f| f.key.clone()).collect();
        for (i, j) in candidates(&texts, &keys) {
            if let Some(grade) = relate(
                texts[i],
                keys[i].as_ref(),
                texts[j],
                keys[j].as_ref(),
                &self.table,
                false,
            ) {
                edges.push((i, j, grade));
            }
        }
        // House spellings rank first, then the most frequent, then the first used.
        let rank: Vec<(bool, usize, std::cmp::Reverse<usize>)> = forms
            .iter()
            .map(|f| {
                (
                    f.key
                        .as_ref()
                        .is_some_and(|k| self.table.preferred(&k.folded) == Some(f.text)),
                    f.spans.len(),
                    std::cmp::Reverse(f.spans[0].start),
                )
            })
            .collect();
        for (preferred, others, mut grade) in stars(&rank, &edges) {
            let mut notes = Vec::new();
            let members: Vec<usize> = std::iter::once(preferred)
                .chain(others.iter().copied())
                .collect();
            // Same surname, different given names on each side: perhaps two people.
            let with_given: Vec<&Form> = members
                .iter()
                .map(|&m| &forms[m])
                .filter(|f| !f.given.is_empty())
                .collect();
            let two_people = grade != Grade::Case
                && with_given.len() >= 2
                && with_given.iter().enumerate().any(|(i, a)| {
                    with_given[i + 1..]
                        .iter()
                        .any(|b| !share_given(&a.given, &b.given))
                });
            if two_people {
                grade = Grade::Possible;
                let mut given: Vec<&str> = with_given
                    .iter()
                    .flat_map(|f| f.given.iter().copied())
                    .collect();
                given.sort_unstable();
                given.dedup();
                notes.push(format!(
                    "different first names ({}): these may be two people who share a surname",
                    given.join(", ")
                ));
            }
            let Some(rule) = self.rules.of(grade) else {
                continue;
            };
            let house = rank[preferred].0;
            let first_other = *others
                .iter()
                .min_by_key(|&&m| forms[m].spans[0].start)
                .expect("a star has members");
            let (p, o) = (&forms[preferred], &forms[first_other]);
            let counts: Vec<String> = std::iter::once(preferred)
                .chain(others.iter().copied())
                .map(|m| format!("`{}` {}", forms[m].text, times(forms[m].spans.len())))
                .collect();
            notes.push(format!("in this article: {}", counts.join(", ")));
            let reason = if house {
                "the house spelling"
            } else if p.spans.len() > o.spans.len() {
                "the more frequent spelling here"
            } else {
                "the first spelling used here"
            };
            let mut finding = Finding::new(o.spans[0])
                .var("match", o.text)
                .var("other", p.text)
                .var("where", "elsewhere in this article")
                .label(p.spans[0], format!("spelled `{}` here", p.text));
            for &m in &others {
                if m != first_other {
                    finding = finding.label(
                        forms[m].spans[0],
                        format!("spelled `{}` here", forms[m].text),
                    );
                }
            }
            finding.notes = notes;
            finding = finding.help(format!(
                "use one spelling throughout: `{}` is {reason}",
                p.text
            ));
            if !two_people && !o.caps {
                // A grouping is a guess (`NBC News Latino` is not a misspelt `Latin`): whatever
                // the rule declares, only `--unsafe-fixes` applies it.
                finding = finding.fix(o.spans[0], p.text).unsafe_fix();
            }
            sink.push(rule, finding);
        }
    }

    fn corpus(&self) -> Option<Box<dyn Corpus>> {
        let any = self
            .rules
            .likely
            .or(self.rules.possible)
            .or(self.rules.case);
        any.map(|_| {
            Box::new(corpus::NamesCorpus::new(self.rules, self.table.clone())) as Box<dyn Corpus>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<(RuleIdx, String, Vec<String>)> {
        let rules = Rules {
            likely: Some(0),
            possible: Some(1),
            case: Some(2),
            house: Some(3),
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
            .map(|(r, f)| (r, text[f.span.range()].to_string(), f.notes))
            .collect()
    }

    #[test]
    fn two_spellings_of_one_person() {
        let got = check("Ilham Aliyev met reporters. Later Aliyev left, and Ilham Aliev returned.");
        assert_eq!(
            got,
            [(
                0,
                "Aliev".to_string(),
                vec!["in this article: `Aliyev` 2 times, `Aliev` once".to_string()]
            )]
        );
    }

    #[test]
    fn two_given_names_may_be_two_people() {
        let got =
            check("Chairman Akylbek Zhaparov met officials. Later President Sadyr Japarov spoke.");
        assert_eq!(got[0].0, 1);
        assert_eq!(got[0].1, "Japarov");
        assert_eq!(
            got[0].2[0],
            "different first names (Akylbek, Sadyr): these may be two people who share a surname"
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
            check("Ivanov met Ivanova. Austria and Australia. Putin and Rasputin."),
            []
        );
    }
}
