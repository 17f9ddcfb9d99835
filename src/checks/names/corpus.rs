//! The cross-file half of `names`: spellings that disagree between articles (`Zhaparov` in one,
//! `Japarov` in four others).
//!
//! Each file contributes its distinct name words with a count and the first location; they are
//! interned, so memory holds one string per distinct spelling plus a packed record per (file,
//! spelling) for at most [`USES_KEPT`] files per spelling: memory is bounded by the vocabulary,
//! not by the number of files. At the end, spellings are blocked by consonant skeleton, compared within blocks,
//! and grouped. The preferred spelling of a group is the house table's, else the one used by
//! most files. Every file that uses only other spellings of the group gets one finding, with a
//! label on the preferred spelling's first use in another file. A file that mixes spellings is
//! left to the article-level check, which already reported it.

use super::{Rules, candidates, relate, stars, table};
use crate::checks::{Corpus, CorpusFinding, FileMention};
use crate::diagnostic::{Applicability, Fix, Label, Location};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

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
            index: HashMap::new(),
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
    }

    fn finish(self: Box<Self>) -> Vec<CorpusFinding> {
        let keys: Vec<Option<super::translit::Key>> = self
            .spellings
            .iter()
            .map(|s| super::translit::Key::new(&s.text))
            .collect();
        let mut edges = Vec::new();
        let texts: Vec<&str> = self.spellings.iter().map(|s| &*s.text).collect();
        for (a, b) in candidates(&texts, &keys) {
            let (sa, sb) = (&self.spellings[a].text, &self.spellings[b].text);
            if let Some(grade) = relate(
                sa,
                keys[a].as_ref(),
                sb,
                keys[b].as_ref(),
                &self.table,
                true,
            ) {
                edges.push((a, b, grade));
            }
        }
        // House spellings rank first, then the spelling of most files, then of most mentions, then
        // the one met first (so the later spelling is reported, as within an article).
        let rank: Vec<(bool, u32, u64, std::cmp::Reverse<u32>)> = self
            .spellings
            .iter()
            .zip(&keys)
            .map(|(s, k)| {
                let house = k
                    .as_ref()
                    .is_some_and(|k| self.table.preferred(&k.folded) == Some(&*s.text));
                (
                    house,
                    s.files,
                    s.mentions,
                    std::cmp::Reverse(s.uses.first().map_or(0, |u| u.file)),
                )
            })
            .collect();
        let mut out = Vec::new();
        for (preferred, others, grade) in stars(&rank, &edges) {
            let Some(rule) = self.rules.of(grade) else {
                continue;
            };
            self.report(rule, preferred, &others, rank[preferred].0, &mut out);
        }
        out
    }
}

impl NamesCorpus {
    fn report(
        &self,
        rule: usize,
        preferred: usize,
        others: &[usize],
        house: bool,
        out: &mut Vec<CorpusFinding>,
    ) {
        let members: Vec<usize> = std::iter::once(preferred)
            .chain(others.iter().copied())
            .collect();
        // Files that mix spellings of this group were reported by the article-level check.
        let mut per_file: HashMap<u32, usize> = HashMap::new();
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
        for &m in others {
            let s = &self.spellings[m];
            for u in &s.uses {
                let (file, count, at) = (u.file, u.count, u.at());
                if per_file.get(&file).copied().unwrap_or(0) > 1 {
                    continue;
                }
                // Label the preferred spelling's first use in another file.
                let Some(other) = p.uses.iter().find(|u| u.file != file) else {
                    continue;
                };
                let (other_file, other_at) = (other.file, other.at());
                let others = p.files;
                let where_ = format!(
                    "in {} other checked file{}",
                    others,
                    if others == 1 { "" } else { "s" }
                );
                let mut notes = vec![format!(
                    "`{}` is used in {} file{}, `{}` in {} (this one{})",
                    p.text,
                    others,
                    if others == 1 { "" } else { "s" },
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
                        (Cow::Borrowed("match"), s.text.to_string()),
                        (Cow::Borrowed("other"), p.text.to_string()),
                        (Cow::Borrowed("where"), where_),
                    ],
                    labels: vec![Label {
                        path: Some(self.paths[other_file as usize].to_string()),
                        span: other_at,
                        message: format!("spelled `{}` here", p.text),
                    }],
                    notes,
                    help: Some(format!(
                        "use one spelling across articles: `{}` is {reason}",
                        p.text
                    )),
                    // Across articles the majority is a guess too: unsafe, whatever the rule says.
                    fix: Some(Fix {
                        span: at,
                        replacement: p.text.to_string(),
                        applicability: Applicability::Unsafe,
                    }),
                });
            }
        }
    }
}
