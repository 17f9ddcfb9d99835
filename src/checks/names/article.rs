//! One article's names as people: its spellings, the people its full names make (`Sadyr Japarov`),
//! and the findings within it.
//!
//! Two spellings are reported when they are
//! - a transliteration variant on its own evidence (`Japarov` / `Zhaparov`: [`Link::Likely`]),
//!   unless one is only ever a given name and the other a surname;
//! - near under the distance or one slip apart ([`Link::Close`]) *and* one person's: the
//!   surnames of two full names with one given name (`Anna Kowalczyk` / `Anna Kowalczik`), a bare
//!   surname and the full name it refers back to (`Anna Kowalczyk` … `Kowalczik said`), or the
//!   given names of one surname (`Sergey Lavrov` / `Sergei Lavrov`);
//! - the same letters with other diacritics ([`Link::Diacritics`]), unless two people;
//! - one acronym in two cases ([`Link::Case`]).
//!
//! Two full names with clearly different given names are two people: their surnames are compared
//! only as transliterations (Akylbek Zhaparov / Sadyr Japarov is one surname spelled two ways;
//! Fischer / Fisher, two people's surnames, is nothing to report).

use super::group::{self, Context, Link, Spelling, candidates, link, stars};
use super::mentions::{self, Cue, Role};
use super::table::Compiled;
use super::translit;
use super::{MIN_LETTERS, Tier};
use crate::document::Document;
use crate::span::Span;
use std::collections::HashMap;

type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

const GIVEN: u8 = 1;
const SURNAME: u8 = 2;
/// Bare and standing alone (`Kowalczik said`).
const LONE: u8 = 4;
/// Bare within a longer name or after `of` (`Manas Airport`, `Marie of Nassau`).
const PART: u8 = 8;
const BARE: u8 = LONE | PART;

/// One spelling in an article.
pub struct Form<'a> {
    pub spelling: Spelling<'a>,
    pub first: Span,
    pub count: u32,
    /// The parts it plays ([`GIVEN`], [`SURNAME`], [`BARE`]).
    roles: u8,
    pub caps: bool,
    pub common: bool,
    /// A bare use after a verb of speech or a title ([`Cue::Person`]), and none after a
    /// preposition of place ([`Cue::Place`]): a bare surname that refers to a person.
    person_cue: bool,
    place_cue: bool,
    /// The person cue is in a heading, which may name the person before the story does.
    heading_cue: bool,
}

impl Form<'_> {
    pub fn text(&self) -> &str {
        self.spelling.text
    }
}

/// A full name met in the article: given name and surname (indices into the forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub given: usize,
    pub surname: usize,
    /// The surname's first use in this full name, and how often the full name occurs.
    pub first: Span,
    pub count: u32,
}

/// A group of spellings to report: the preferred one, the others, the rule, and who they name.
pub struct Finding {
    pub preferred: usize,
    pub others: Vec<usize>,
    pub tier: Tier,
    /// ` (Sadyr Japarov)`, ` (Akylbek Zhaparov, Sadyr Japarov: two people, one surname)` or empty.
    pub who: String,
    pub two_people: bool,
}

/// How surely two spellings are one person's ([`Article::one_person`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// A bare word near a surname: compared at the ordinary limit.
    Near,
    /// A bare word a typing slip from a surname: the wider limit.
    Slip,
    /// Two full names with one given name, or a bare surname after a title or before a verb of
    /// speech: the wider limit, and other vowels are a respelling, not a possible variant.
    Strong,
}

/// Whether two spellings hold the same letters (`Yuetter` / `Yeutter`), not one letter changed.
fn same_letters(a: &str, b: &str) -> bool {
    let mut x = [0u8; 26];
    for c in a.bytes() {
        let n = &mut x[usize::from(c.wrapping_sub(b'a')) % 26];
        *n = n.wrapping_add(1);
    }
    for c in b.bytes() {
        let n = &mut x[usize::from(c.wrapping_sub(b'a')) % 26];
        *n = n.wrapping_sub(1);
    }
    x.iter().all(|&n| n == 0)
}

pub struct Article<'a> {
    pub forms: Vec<Form<'a>>,
    pub people: Vec<Person>,
}

impl<'a> Article<'a> {
    pub fn read(doc: &Document<'a>) -> Article<'a> {
        let text = doc.text;
        let mut forms: Vec<Form<'a>> = Vec::new();
        let mut index: Map<&'a str, usize> = Map::default();
        let mut people: Vec<Person> = Vec::new();
        let words = mentions::find(doc);
        for w in &words {
            let word = &text[w.span.range()];
            let i = *index.entry(word).or_insert_with(|| {
                // Common words and acronyms are never compared under the distance.
                let spelling = if w.common || w.caps {
                    Spelling {
                        text: word,
                        key: None,
                    }
                } else {
                    Spelling::new(word)
                };
                forms.push(Form {
                    spelling,
                    first: w.span,
                    count: 0,
                    roles: 0,
                    caps: w.caps,
                    common: w.common,
                    person_cue: false,
                    place_cue: false,
                    heading_cue: false,
                });
                forms.len() - 1
            });
            let f = &mut forms[i];
            f.count += 1;
            f.person_cue |= w.lone && w.cue == Cue::Person;
            f.heading_cue |= w.lone && w.cue == Cue::Person && w.heading;
            f.place_cue |= w.cue == Cue::Place;
            f.roles |= match w.role {
                Role::Given | Role::Middle => GIVEN,
                Role::Surname if w.given.is_some() => SURNAME,
                Role::Surname | Role::Bare if w.lone => LONE,
                Role::Surname | Role::Bare => PART,
            };
            if let Some(g) = w.given
                && let Some(&given) = index.get(&text[g.range()])
            {
                match people
                    .iter_mut()
                    .find(|p| p.given == given && p.surname == i)
                {
                    Some(p) => p.count += 1,
                    None => people.push(Person {
                        given,
                        surname: i,
                        first: w.span,
                        count: 1,
                    }),
                }
            }
        }
        Article { forms, people }
    }

    fn givens(&self, surname: usize) -> impl Iterator<Item = usize> + '_ {
        self.people
            .iter()
            .filter(move |p| p.surname == surname)
            .map(|p| p.given)
    }

    fn surnames(&self, given: usize) -> impl Iterator<Item = usize> + '_ {
        self.people
            .iter()
            .filter(move |p| p.given == given)
            .map(|p| p.surname)
    }

    /// Whether two given names are one person's (the same, or variants of one name).
    fn same_given(&self, a: usize, b: usize, table: &Compiled) -> bool {
        a == b || self.given_variants(a, b, table)
    }

    /// Two given names that are one name transliterated two ways (Sergey / Sergei, Aleksandr /
    /// Alexander), not a man's and a woman's (Daniel / Danielle) nor a slip (Carlo / Carlos,
    /// Rakesh / Rajesh: more often two people).
    fn given_variants(&self, a: usize, b: usize, _table: &Compiled) -> bool {
        self.given_link(a, b).is_some()
    }

    fn given_link(&self, a: usize, b: usize) -> Option<Link> {
        group::given_variants(&self.forms[a].spelling, &self.forms[b].spelling)
    }

    /// Whether the surnames `a` and `b` come with given names on both sides and none in common:
    /// two people.
    fn two_people(&self, a: usize, b: usize, table: &Compiled) -> bool {
        let ga: Vec<usize> = self.givens(a).collect();
        let gb: Vec<usize> = self.givens(b).collect();
        !ga.is_empty()
            && !gb.is_empty()
            && !ga
                .iter()
                .any(|&x| gb.iter().any(|&y| self.same_given(x, y, table)))
    }

    /// Whether `a` and `b` name one person, and how surely: full names with one given name, or
    /// a bare surname that refers back to a full name.
    ///
    /// A bare word only near a surname is weaker evidence than a shared given name: unless a
    /// typing slip apart, it counts at the distance two words are compared at (the wider limit
    /// let `Chennai` pass for `Nadeem Khan`, `Offenders` for `Homer Venters`), and never when
    /// either word is a name well known in English copy (`China` near `Gi-Wook Shin`, `Germany`
    /// near `Aneice Germain`, `Kong` of `Hong Kong` near `Chung`): such a word is its own name,
    /// compared only as a transliteration on its own evidence. A bare word the text itself
    /// calls a person (`Kowalczik said`, `Mr Kowalczik`), never puts after a preposition of
    /// place (`in Lyon`), and first uses after the full name is as strong as a shared given name.
    fn one_person(&self, a: usize, b: usize, table: &Compiled) -> Option<Evidence> {
        let (fa, fb) = (&self.forms[a], &self.forms[b]);
        let bare_to_full =
            |x: &Form, y: &Form| x.roles == LONE && y.roles & SURNAME != 0 && !x.common;
        let (ab, ba) = (bare_to_full(fa, fb), bare_to_full(fb, fa));
        if ab || ba {
            let known = super::words::is_known(fa.text()) || super::words::is_known(fb.text());
            let (bare, full) = if ab { (fa, fb) } else { (fb, fa) };
            // The cue says the bare word is a person, and it refers back only to a name met
            // before it: a bare word met first (`Prince Chinu` before `Cristian Chivu`) is its
            // own person, unless a headline names it (`Kowalczik resigns` over a story that
            // opens with `Anna Kowalczyk`).
            let after = bare.first.start > full.first.start || bare.heading_cue;
            if bare.person_cue && !bare.place_cue && !known && after {
                return Some(Evidence::Strong);
            }
            // A typing slip, a letter dropped, added or two swapped (`Yuetter` for `Clayton
            // Yeutter`, `Fitwater` for `Marlin Fitzwater`), is evidence whatever the length or
            // fame of the name: then the wider limit applies. A letter changed between two
            // names (`Brasil` / `Brazil`) is another language's spelling, not a slip.
            let slip = match (&fa.spelling.key, &fb.spelling.key) {
                (Some(x), Some(y)) => {
                    translit::one_slip(&x.folded, &y.folded)
                        && (x.folded.len() != y.folded.len() || same_letters(&x.folded, &y.folded))
                }
                _ => false,
            };
            if slip {
                return Some(Evidence::Slip);
            }
            return (!known).then_some(Evidence::Near);
        }
        // A given name without a vowel is an abbreviation in a table (`Ttl Domest`), and a
        // particle (`El País`, `El Paso`) is an article: neither makes a person.
        let vowel = |x: usize| {
            let given = self.forms[x].text();
            given.contains(['a', 'e', 'i', 'o', 'u', 'y', 'A', 'E', 'I', 'O', 'U', 'Y'])
                && !super::words::is_particle_any_case(given)
        };
        let same_given = fa.roles & SURNAME != 0
            && fb.roles & SURNAME != 0
            && self
                .givens(a)
                .any(|x| vowel(x) && self.givens(b).any(|y| self.same_given(x, y, table)));
        same_given.then_some(Evidence::Strong)
    }

    /// Every pair of spellings to report, as `(a, b, tier)`.
    fn edges(&self, table: &Compiled) -> Vec<(usize, usize, Tier)> {
        let forms = &self.forms;
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        // Near spellings: those sharing a blocking key.
        pairs.extend(candidates(forms.iter().enumerate().filter_map(|(i, f)| {
            f.spelling
                .key
                .as_ref()
                .filter(|k| k.folded.len() >= MIN_LETTERS)
                .map(|k| (i, k))
        })));
        // One person's spellings a slip apart, which share no key (Flinstone / Flintstone).
        // One person's spellings, which may share no key (Osman / Othman, Kim / Kym).
        for (x, p) in self.people.iter().enumerate() {
            for q in &self.people[x + 1..] {
                if p.given == q.given && p.surname != q.surname {
                    pairs.push((p.surname.min(q.surname), p.surname.max(q.surname)));
                }
                if p.surname == q.surname && p.given != q.given {
                    pairs.push((p.given.min(q.given), p.given.max(q.given)));
                }
            }
        }
        for (i, f) in forms.iter().enumerate() {
            if f.roles == LONE && f.spelling.key.is_some() {
                for p in &self.people {
                    pairs.push((i.min(p.surname), i.max(p.surname)));
                }
            }
        }
        // Acronyms and their title-case forms; spellings with diacritics and without. Few
        // spellings are acronyms or hold a mark: those are keyed, the rest looked up, so an
        // article's plain words cost no allocation.
        let mut keyed: Map<String, Vec<usize>> = Map::default();
        for (i, f) in forms.iter().enumerate() {
            if f.caps {
                keyed.entry(f.text().to_lowercase()).or_default().push(i);
            }
        }
        for (i, f) in forms.iter().enumerate() {
            if !f.caps
                && !keyed.is_empty()
                && let Some(members) = super::words::with_lower(f.text(), |l| keyed.get_mut(l))
            {
                members.push(i);
            }
        }
        let mut plain: Map<String, Vec<usize>> = Map::default();
        for (i, f) in forms.iter().enumerate() {
            if let Some(stripped) = group::strip_marks(f.text()) {
                plain.entry(stripped).or_default().push(i);
            }
        }
        if !plain.is_empty() {
            for (i, f) in forms.iter().enumerate() {
                if f.text().is_ascii()
                    && let Some(members) = plain.get_mut(f.text())
                {
                    members.push(i);
                }
            }
        }
        for members in keyed.values().chain(plain.values()) {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut edges = Vec::new();
        let only_given = |f: &Form| f.roles & (SURNAME | BARE) == 0;
        for (a, b) in pairs {
            let (fa, fb) = (&forms[a], &forms[b]);
            if only_given(fa) || only_given(fb) {
                // Given names are compared only as one surname's (Sergey / Sergei Lavrov).
                let one_surname = self.surnames(a).any(|s| self.surnames(b).any(|t| s == t));
                if !(only_given(fa) && only_given(fb) && one_surname) {
                    continue;
                }
                let tier = match (
                    link(&fa.spelling, &fb.spelling, table, Context::Person),
                    self.given_link(a, b),
                ) {
                    (Some(Link::Diacritics), _) => Tier::Diacritics,
                    (_, Some(Link::Slip)) => Tier::Possible,
                    (_, Some(_)) => Tier::Likely,
                    (_, None) => continue,
                };
                edges.push((a, b, tier));
                continue;
            }
            let person = self.one_person(a, b, table);
            let context = match person {
                Some(Evidence::Slip | Evidence::Strong) => Context::Person,
                Some(Evidence::Near) | None => Context::Words,
            };
            let tier = match link(&fa.spelling, &fb.spelling, table, context) {
                Some(Link::Case) => Tier::Case,
                Some(Link::Diacritics) if !self.two_people(a, b, table) => Tier::Diacritics,
                Some(Link::Likely) if !fa.common && !fb.common => Tier::Likely,
                Some(Link::Close) if person.is_some() => Tier::Likely,
                // Other vowels in one person's name met twice in full, or in a surname the
                // text calls a person, are a respelling (Anna Ponomariov / Anna Ponomarev).
                Some(Link::Slip) if person == Some(Evidence::Strong) => Tier::Likely,
                Some(Link::Slip) if person.is_some() => Tier::Possible,
                _ => continue,
            };
            edges.push((a, b, tier));
        }
        edges
    }

    /// The article's findings: one per group of spellings of one name.
    pub fn findings(&self, table: &Compiled) -> Vec<Finding> {
        let edges = self.edges(table);
        if edges.is_empty() {
            return Vec::new();
        }
        // House spellings rank first, then the most frequent, then the first used.
        let rank: Vec<(bool, u32, std::cmp::Reverse<usize>)> = self
            .forms
            .iter()
            .map(|f| {
                let house = f
                    .spelling
                    .key
                    .as_ref()
                    .is_some_and(|k| table.preferred(&k.folded) == Some(f.text()));
                (house, f.count, std::cmp::Reverse(f.first.start))
            })
            .collect();
        stars(&rank, &edges)
            .into_iter()
            .map(|(preferred, others, tier)| {
                let (who, two_people) = self.who(preferred, &others, table);
                Finding {
                    preferred,
                    others,
                    tier,
                    who,
                    two_people,
                }
            })
            .collect()
    }

    /// Which people a group of spellings names, for the message.
    fn who(&self, preferred: usize, others: &[usize], table: &Compiled) -> (String, bool) {
        let full = |p: &Person| {
            format!(
                "{} {}",
                self.forms[p.given].text(),
                self.forms[p.surname].text()
            )
        };
        let members: Vec<usize> = std::iter::once(preferred)
            .chain(others.iter().copied())
            .collect();
        // Given names of one surname: name the person by the preferred spelling.
        if let Some(p) = self.people.iter().find(|p| p.given == preferred) {
            if others.iter().all(|&o| self.forms[o].roles == GIVEN) {
                return (format!(" ({})", full(p)), false);
            }
        }
        let named: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| members.contains(&p.surname))
            .collect();
        let Some(first) = named
            .iter()
            .find(|p| p.surname == preferred)
            .or(named.first())
        else {
            return (String::new(), false);
        };
        let two = members.iter().enumerate().any(|(i, &a)| {
            members[i + 1..]
                .iter()
                .any(|&b| self.two_people(a, b, table))
        });
        if !two {
            return (format!(" ({})", full(first)), false);
        }
        let mut names: Vec<String> = named.iter().map(|p| full(p)).collect();
        names.sort();
        names.dedup();
        (
            format!(" ({}: two people, one surname)", names.join(", ")),
            true,
        )
    }
}
