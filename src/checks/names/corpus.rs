//! The cross-file half of `names`: spellings that disagree between articles (`Zhaparov` in one,
//! `Japarov` in four others).
//!
//! Each file contributes its distinct name words and full names (`Sadyr Japarov`) with a count and
//! the first location; they are interned, so memory holds one string per distinct spelling plus a
//! packed record per (file, spelling) for at most [`USES_KEPT`] files per spelling: memory is
//! bounded by the vocabulary, not by the number of files. At the end, spellings are related:
//! - surnames (words some file uses as the surname of a full name) that are transliteration
//!   variants on their own evidence (`Zelenskiy` / `Zelenskyy`), blocked by consonant skeleton;
//! - one person's full names: one given name with near surnames (`Sadyr Japarov` / `Sadyr
//!   Zhaparov`), or one surname with given-name variants (`Sergey Lavrov` / `Sergei Lavrov`);
//! - spellings with and without diacritics, and acronyms in two cases.
//!
//! The preferred spelling of a group is the house table's, else the one used by most files. Every
//! file that uses only other spellings of the group gets one finding, with a label on the
//! preferred spelling's first use in another file. A file that mixes spellings is left to the
//! article-level check, which already reported it.

use super::group::{self, Context, Link, Spelling as Spell, candidates, link, stars};
use super::translit;
use super::{MIN_LETTERS, Rules, Tier, table, words};
use crate::checks::{Corpus, CorpusFinding, FileMention};
use crate::diagnostic::{Applicability, Fix, Label, Location};
use std::borrow::Cow;
use std::sync::Arc;

/// Keys are short names: a fast fixed hash rather than SipHash (the archive is the input).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Files per spelling whose use is kept (with its location). A spelling used in more files is
/// counted in all of them, but reported in the first this many only: a minority spelling that
/// common is a house-style question, and the cap keeps memory bounded by the vocabulary.
pub const USES_KEPT: usize = 64;

/// One distinct spelling across the corpus.
struct Spelling {
    text: Box<str>,
    /// The first [`USES_KEPT`] files that use it, in file order.
    uses: Vec<Use>,
    /// How many files use it, and how often in all.
    files: u32,
    mentions: u64,
    /// Files that use this word as the surname of a full name.
    surname_files: u32,
}

/// A file's use of a spelling: how often, and where first. Packed (28 bytes rather than 56),
/// since the corpus pass keeps one per distinct name per file.
#[derive(Clone, Copy)]
struct Use {
    file: u32,
    count: u32,
    start: u32,
    line: u32,
    column: u32,
    end_column: u32,
    len: u16,
    end_line_delta: u16,
}

impl Use {
    /// `None` when a position does not fit (a file over 4 GiB): that mention is left out.
    fn new(file: u32, count: u32, at: Location) -> Option<Use> {
        let n = |x: usize| u32::try_from(x).ok();
        Some(Use {
            file,
            count,
            start: n(at.start)?,
            line: n(at.line)?,
            column: n(at.column)?,
            end_column: n(at.end_column)?,
            len: u16::try_from(at.end - at.start).ok()?,
            end_line_delta: u16::try_from(at.end_line - at.line).ok()?,
        })
    }

    fn at(&self) -> Location {
        let start = self.start as usize;
        Location {
            start,
            end: start + self.len as usize,
            line: self.line as usize,
            column: self.column as usize,
            end_line: self.line as usize + self.end_line_delta as usize,
            end_column: self.end_column as usize,
        }
    }
}

pub struct NamesCorpus {
    rules: Rules,
    table: Arc<table::Compiled>,
    paths: Vec<Box<str>>,
    index: HashMap<Box<str>, u32>,
    spellings: Vec<Spelling>,
}

impl NamesCorpus {
    pub fn new(rules: Rules, table: Arc<table::Compiled>) -> Self {
        NamesCorpus {
            rules,
            table,
            paths: Vec::new(),
            index: HashMap::default(),
            spellings: Vec::new(),
        }
    }
}

impl Corpus for NamesCorpus {
    fn add(&mut self, path: &str, mentions: &[FileMention]) {
        if mentions.is_empty() {
            return;
        }
        let file = self.paths.len() as u32;
        self.paths.push(path.into());
        for m in mentions {
            let id = match self.index.get(m.text.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.spellings.len() as u32;
                    self.index.insert(m.text.as_str().into(), id);
                    self.spellings.push(Spelling {
                        text: m.text.as_str().into(),
                        uses: Vec::new(),
                        files: 0,
                        mentions: 0,
                        surname_files: 0,
                    });
                    id
                }
            };
            let spelling = &mut self.spellings[id as usize];
            spelling.files += 1;
            spelling.mentions += u64::from(m.count);
            if spelling.uses.len() < USES_KEPT
                && let Some(u) = Use::new(file, m.count, m.at)
            {
                spelling.uses.push(u);
            }
        }
        // A full name's last word is a surname in this file (words come before full names).
        for m in mentions {
            if let Some((_, surname)) = m.text.split_once(' ')
                && let Some(&id) = self.index.get(surname)
            {
                self.spellings[id as usize].surname_files += 1;
            }
        }
    }

    fn finish(self: Box<Self>) -> Vec<CorpusFinding> {
        let edges = self.edges();
        // House spellings rank first, then the spelling of most files, then of most mentions, then
        // the one met first (so the later spelling is reported, as within an article).
        let rank: Vec<(bool, u32, u64, std::cmp::Reverse<u32>)> = self
            .spellings
            .iter()
            .map(|s| {
                // A full name is the house's when each of its words is.
                let house = s.text.split(' ').all(|w| {
                    translit::fold(w).is_some_and(|f| self.table.preferred(&f) == Some(w))
                });
                (
                    house,
                    s.files,
                    s.mentions,
                    std::cmp::Reverse(s.uses.first().map_or(0, |u| u.file)),
                )
            })
            .collect();
        let mut out = Vec::new();
        for (preferred, others, (tier, part)) in stars(&rank, &edges) {
            let Some(rule) = self.rules.of(tier) else {
                continue;
            };
            self.report(rule, preferred, &others, part, rank[preferred].0, &mut out);
        }
        // A file may be reported for a surname and for the full name holding it: keep one.
        out.sort_by(|a, b| (&a.path, a.span.start, a.rule).cmp(&(&b.path, b.span.start, b.rule)));
        out.dedup_by(|a, b| (&a.path, a.span.start, a.rule) == (&b.path, b.span.start, b.rule));
        out
    }
}

/// Which part of a spelling a cross-file finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The whole word.
    Word,
    /// The given name of a full name (`Sergey` in `Sergey Lavrov`).
    Given,
}

impl NamesCorpus {
    /// Every pair of related spellings, with the rule that reports them.
    fn edges(&self) -> Vec<(usize, usize, (Tier, Part))> {
        let spellings = &self.spellings;
        fn full(s: &Spelling) -> Option<(&str, &str)> {
            s.text.split_once(' ')
        }
        let words: Vec<Spell> = spellings
            .iter()
            .map(|s| {
                if full(s).is_some() || super::mentions::is_caps(&s.text) {
                    Spell {
                        text: &s.text,
                        key: None,
                    }
                } else {
                    Spell::new(&s.text)
                }
            })
            .collect();
        let mut edges = Vec::new();
        // Surnames that are transliteration variants on their own evidence.
        let surnames = words.iter().enumerate().filter_map(|(i, w)| {
            let k = w.key.as_ref()?;
            (spellings[i].surname_files > 0 && k.folded.len() >= MIN_LETTERS).then_some((i, k))
        });
        // Given names each surname comes with, across the files.
        let mut givens: HashMap<&str, Vec<&str>> = HashMap::default();
        for s in spellings {
            if let Some((given, surname)) = full(s) {
                givens.entry(surname).or_default().push(given);
            }
        }
        let two_people = |a: &str, b: &str| match (givens.get(a), givens.get(b)) {
            (Some(ga), Some(gb)) => !ga.iter().any(|x| gb.contains(x)),
            _ => false,
        };
        for (a, b) in candidates(surnames) {
            // Two names well known in English copy are two names (Mitchell / Michel), and so are
            // surnames that never share a given name (Abdulkhaleq Abdulla, Muhammad Abdullah).
            let (ta, tb) = (&*spellings[a].text, &*spellings[b].text);
            let known = words::is_known(ta) || words::is_known(tb);
            if !known
                && !two_people(ta, tb)
                && link(&words[a], &words[b], &self.table, Context::Words) == Some(Link::Likely)
            {
                edges.push((a, b, (Tier::Likely, Part::Word)));
            }
        }
        // Acronyms in two cases. (Diacritics are compared only within one person's full names
        // below: across an archive, Nicolás and Nicolas are mostly two people.)
        let mut lower: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, s) in spellings.iter().enumerate() {
            if full(s).is_none() && super::mentions::is_caps(&s.text) {
                lower.entry(s.text.to_lowercase()).or_default().push(i);
            }
        }
        for (i, s) in spellings.iter().enumerate() {
            if full(s).is_none()
                && !super::mentions::is_caps(&s.text)
                && let Some(members) = lower.get_mut(&s.text.to_lowercase())
            {
                members.push(i);
            }
        }
        for members in lower.values() {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    if link(&words[a], &words[b], &self.table, Context::Words) == Some(Link::Case) {
                        edges.push((a, b, (Tier::Case, Part::Word)));
                    }
                }
            }
        }
        // One person's full names: one given name and near surnames, or one surname and
        // given-name variants.
        let mut by_given: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, s) in spellings.iter().enumerate() {
            if let Some((given, surname)) = full(s) {
                by_given.entry(given).or_default().push(i);
                by_surname.entry(surname).or_default().push(i);
            }
        }
        // Each full name's words prepared once, not once per pair it is in: one given name
        // may come with hundreds of surnames across an archive.
        let parts: Vec<Option<(Spell, Spell)>> = spellings
            .iter()
            .map(|s| full(s).map(|(g, s)| (Spell::new(g), Spell::new(s))))
            .collect();
        let part =
            |i: usize, given: bool| parts[i].as_ref().map(|(g, s)| if given { g } else { s });
        for members in by_given.values() {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    // Across an archive one given name is many people (Paul Johnson, Paul
                    // Johnston; John Kerry, John Carey): near surnames count only when neither is
                    // a name well known in English copy, and with a well-known given name only
                    // when one typing slip apart (George Stephanopoulos / Stephanopolous).
                    let (Some(sa), Some(sb), Some(given)) =
                        (part(a, false), part(b, false), part(a, true))
                    else {
                        continue;
                    };
                    // A near surname that is no transliteration counts when one spelling is
                    // established (three files or more) and the other a lone exception.
                    let (fa, fb) = (spellings[a].files, spellings[b].files);
                    let slip = match (&sa.key, &sb.key) {
                        (Some(x), Some(y)) => translit::one_slip(&x.folded, &y.folded),
                        _ => false,
                    };
                    let known = words::is_known(sa.text)
                        || words::is_known(sb.text)
                        || (words::is_known(given.text) && !slip)
                        || fa.max(fb) < 3
                        || fa.min(fb) > 1;
                    let tier = match link(sa, sb, &self.table, Context::Person) {
                        Some(Link::Likely) => Tier::Likely,
                        Some(Link::Close) if !known => Tier::Likely,
                        Some(Link::Slip) if !known => Tier::Possible,
                        Some(Link::Diacritics) => Tier::Diacritics,
                        _ => continue,
                    };
                    edges.push((a, b, (tier, Part::Word)));
                }
            }
        }
        for members in by_surname.values() {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    let (Some(ga), Some(gb)) = (part(a, true), part(b, true)) else {
                        continue;
                    };
                    // Across an archive one surname is many people (Eric and Rick Wilson, Harry
                    // and Garry Reid, Steven and Stefan Smith): their given names are one
                    // person's only when they differ in vowels alone (Cory / Corey Booker,
                    // Sergey / Sergei Lavrov), in diacritics, or as a transliteration on its own
                    // evidence.
                    let link = link(ga, gb, &self.table, Context::Person);
                    if consonants(ga.text) != consonants(gb.text) && link != Some(Link::Likely) {
                        continue;
                    }
                    let tier = match link {
                        Some(Link::Diacritics) => Tier::Diacritics,
                        _ => match group::given_variants(ga, gb) {
                            Some(Link::Slip) => Tier::Possible,
                            Some(_) => Tier::Likely,
                            None => continue,
                        },
                    };
                    edges.push((a, b, (tier, Part::Given)));
                }
            }
        }
        edges
    }

    /// Where file `file` uses the spelling `id`, if it is among the uses kept.
    fn use_in(&self, id: usize, file: u32) -> Option<&Use> {
        self.spellings[id].uses.iter().find(|u| u.file == file)
    }

    /// The word of the full name `id` that a finding points at: its given name or its surname.
    fn word_of(&self, id: usize, part: Part) -> &str {
        let text = &self.spellings[id].text;
        match (text.split_once(' '), part) {
            (Some((given, _)), Part::Given) => given,
            (Some((_, surname)), Part::Word) => surname,
            (None, _) => text,
        }
    }
}

impl NamesCorpus {
    fn report(
        &self,
        rule: usize,
        preferred: usize,
        others: &[usize],
        part: Part,
        house: bool,
        out: &mut Vec<CorpusFinding>,
    ) {
        let members: Vec<usize> = std::iter::once(preferred)
            .chain(others.iter().copied())
            .collect();
        // Files that mix spellings of this group were reported by the article-level check.
        let mut per_file: HashMap<u32, usize> = HashMap::default();
        for &m in &members {
            for u in &self.spellings[m].uses {
                *per_file.entry(u.file).or_default() += 1;
            }
        }
        let p = &self.spellings[preferred];
        let reason = if house {
            "the house spelling".to_string()
        } else {
            let most = others.iter().all(|&m| self.spellings[m].files < p.files);
            if most {
                format!("the spelling of {} checked files", p.files)
            } else {
                "the spelling met first".to_string()
            }
        };
        let preferred_word = self.word_of(preferred, part);
        // Full names say who is meant.
        let who = if p.text.contains(' ') {
            format!(" ({})", p.text)
        } else {
            String::new()
        };
        // Where a spelling is used in a file: a given name is found through its own word.
        let locate = |id: usize, u: &Use| match part {
            Part::Given => {
                let word = self.word_of(id, part);
                let word_id = *self.index.get(word)? as usize;
                self.use_in(word_id, u.file).map(Use::at)
            }
            Part::Word => Some(u.at()),
        };
        for &m in others {
            let s = &self.spellings[m];
            let word = self.word_of(m, part);
            for u in &s.uses {
                let (file, count) = (u.file, u.count);
                if per_file.get(&file).copied().unwrap_or(0) > 1 {
                    continue;
                }
                let Some(at) = locate(m, u) else { continue };
                // Label the preferred spelling's first use in another file.
                let Some((other_file, other_at)) = p
                    .uses
                    .iter()
                    .filter(|u| u.file != file)
                    .find_map(|u| Some((u.file, locate(preferred, u)?)))
                else {
                    continue;
                };
                let others = p.files;
                let files = |n: u32| format!("{n} file{}", if n == 1 { "" } else { "s" });
                let where_ = format!(
                    "in {} other checked {}",
                    others,
                    &files(others)[others.to_string().len() + 1..]
                );
                let mut notes = vec![format!(
                    "`{}` is used in {}, `{}` in {} (this one{})",
                    p.text,
                    files(others),
                    s.text,
                    s.files,
                    if s.files > 1 { " among them" } else { "" }
                )];
                if s.files as usize > s.uses.len() {
                    notes.push(format!(
                        "findings are shown for the first {USES_KEPT} files that use `{}`",
                        s.text
                    ));
                }
                if count > 1 {
                    notes.push(format!("`{}` occurs {count} times in this file", s.text));
                }
                out.push(CorpusFinding {
                    rule,
                    path: self.paths[file as usize].to_string(),
                    span: at,
                    vars: vec![
                        (Cow::Borrowed("match"), word.to_string()),
                        (Cow::Borrowed("other"), preferred_word.to_string()),
                        (Cow::Borrowed("where"), where_),
                        (Cow::Borrowed("who"), who.clone()),
                    ],
                    labels: vec![Label {
                        path: Some(self.paths[other_file as usize].to_string()),
                        span: other_at,
                        message: format!("spelled `{preferred_word}` here"),
                    }],
                    notes,
                    help: Some(format!(
                        "use one spelling across articles: `{}` is {reason}",
                        p.text
                    )),
                    // Across articles the majority is a guess too: unsafe, whatever the rule says.
                    fix: rule_fixes(self.rules, rule).then(|| Fix {
                        span: at,
                        replacement: preferred_word.to_string(),
                        applicability: Applicability::Unsafe,
                    }),
                });
            }
        }
    }
}

/// Whether findings of `rule` carry a fix: a variant's spelling does, diacritics and acronyms
/// (whose right form is the house's choice) do not.
fn rule_fixes(rules: Rules, rule: usize) -> bool {
    rules.of(Tier::Likely) == Some(rule) || rules.of(Tier::Possible) == Some(rule)
}

/// A word's consonants, lower case, diacritics and doubled letters dropped (`Lindsay` → `lnds`,
/// `Julián` → `jln`): two spellings with the same consonants differ in vowels alone.
fn consonants(word: &str) -> String {
    let plain = group::strip_marks(word).unwrap_or_else(|| word.to_string());
    let mut out = String::new();
    for c in plain.chars().flat_map(char::to_lowercase) {
        if !"aeiouy".contains(c) && !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}
