//! The house table compiled for the `names` check: one automaton for the variants and the
//! allowed phrases, and lookups of preferred spellings and distinct pairs by folded word. The
//! table's data and validation are the config's ([`crate::house`]).
//!
//! A variant in the text is reported with the preferred spelling as its fix; an automatic group
//! that holds a preferred spelling takes it; `distinct` pairs are never grouped.

use super::translit;
use crate::house::HouseTable;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{HashMap, HashSet};

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone)]
enum Hit {
    /// A variant: replace with this preferred spelling.
    Variant(String),
    /// A fixed expression that masks the variants inside it.
    Allowed,
}

/// The table compiled: one automaton for variants and allowed phrases, plus lookups.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    automaton: Option<AhoCorasick>,
    hits: Vec<Hit>,
    /// Folded words of preferred spellings (`kyiv`), which win an automatic group.
    preferred: HashMap<String, String>,
    /// Folded words of variants, which the table reports itself.
    variants: HashSet<String>,
    /// Folded pairs never grouped, each in both orders.
    distinct: HashSet<(String, String)>,
}

fn folded_words(name: &str) -> Vec<String> {
    name.split_whitespace().filter_map(translit::fold).collect()
}

impl Compiled {
    pub fn new(table: &HouseTable) -> Compiled {
        let mut patterns = Vec::new();
        let mut hits = Vec::new();
        let mut out = Compiled::default();
        for e in &table.entity {
            for v in &e.variants {
                patterns.push(v.clone());
                hits.push(Hit::Variant(e.preferred.clone()));
                out.variants.extend(folded_words(v));
            }
            for a in &e.allow {
                patterns.push(a.clone());
                hits.push(Hit::Allowed);
            }
            for (word, folded) in e
                .preferred
                .split_whitespace()
                .zip(folded_words(&e.preferred))
            {
                out.preferred
                    .entry(folded)
                    .or_insert_with(|| word.to_string());
            }
        }
        for d in &table.distinct {
            let words: Vec<String> = d
                .names
                .iter()
                .filter_map(|n| n.split_whitespace().last().and_then(translit::fold))
                .collect();
            for (i, a) in words.iter().enumerate() {
                for b in &words[i + 1..] {
                    out.distinct.insert((a.clone(), b.clone()));
                    out.distinct.insert((b.clone(), a.clone()));
                }
            }
        }
        if !patterns.is_empty() {
            out.automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .ok();
            out.hits = hits;
        }
        out
    }

    /// Variants in `text` outside allowed phrases: `(start, end, preferred)`.
    pub fn variants_in(&self, text: &str) -> Vec<(usize, usize, String)> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            if let Hit::Variant(preferred) = &self.hits[m.pattern().as_usize()]
                && crate::checks::is_whole_word(text, m.start(), m.end())
            {
                out.push((m.start(), m.end(), preferred.clone()));
            }
        }
        out
    }

    /// The preferred spelling of a word, when the table names it.
    pub fn preferred(&self, folded: &str) -> Option<&str> {
        self.preferred.get(folded).map(String::as_str)
    }

    pub fn is_variant(&self, folded: &str) -> bool {
        self.variants.contains(folded)
    }

    pub fn is_distinct(&self, a: &str, b: &str) -> bool {
        !self.distinct.is_empty() && self.distinct.contains(&(a.to_string(), b.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_phrases_mask_variants() {
        let table: HouseTable = toml::from_str(
            "[[entity]]\npreferred = \"Kyiv\"\nvariants = [\"Kiev\"]\nallow = [\"chicken Kiev\", \"Kievan Rus\"]\n[[distinct]]\nnames = [\"Basra\", \"Bosra\"]\n",
        )
        .unwrap();
        let c = Compiled::new(&table);
        let text = "Kiev served chicken Kiev; Kievan Rus and Kievan.";
        assert_eq!(c.variants_in(text), [(0, 4, "Kyiv".to_string())]);
        assert!(c.is_distinct("bosra", "basra"));
        assert_eq!(c.preferred("kyiv"), Some("Kyiv"));
    }
}
