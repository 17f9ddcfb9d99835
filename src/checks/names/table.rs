//! The house table of name spellings: `[names]` in copydesk.toml.
//!
//! ```toml
//! [[names.entity]]
//! preferred = "Kyiv"
//! variants = ["Kiev"]                       # spellings automation cannot reach, or that must always go
//! allow = ["chicken Kiev", "Kievan Rus"]    # fixed expressions where the old form is right
//!
//! [[names.distinct]]
//! names = ["Basra", "Bosra"]                # never group these
//! ```
//!
//! A variant in the text is reported with the preferred spelling as its fix; an automatic group
//! that holds a preferred spelling takes it; `distinct` pairs are never grouped.
//!
//! A long list lives in a file of its own, named by `[names] table = "house-names.toml"`
//! (relative to the config file) and holding the same `[[entity]]` / `[[distinct]]` tables; see
//! [`HouseTable::load_file`].

use super::translit;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseTable {
    /// A file holding more entries (`[[entity]]`, `[[distinct]]`), relative to the config.
    #[serde(default)]
    pub table: Option<toml::Spanned<String>>,
    #[serde(default)]
    pub entity: Vec<Entity>,
    #[serde(default)]
    pub distinct: Vec<Distinct>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub preferred: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub allow: Vec<String>,
    /// What the entity is, for the reader of the table.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distinct {
    pub names: Vec<String>,
}

impl HouseTable {
    /// Adds the entries of the table file `path` (shown as `display` in errors). The file is
    /// parsed as strictly as the config, errors pointing at the bad key, and may not name a
    /// table file itself.
    pub fn load_file(
        &mut self,
        path: &std::path::Path,
        display: &str,
    ) -> Result<(), crate::error::InputError> {
        use crate::error::InputError;
        let text = std::fs::read_to_string(path).map_err(|e| InputError::io(display, &e))?;
        let more: HouseTable =
            toml::from_str(&text).map_err(|e| InputError::toml(display, &text, &e))?;
        if let Some(inner) = &more.table {
            return Err(InputError::new(
                display,
                format!("`{display}`: a table file cannot name another table file"),
            )
            .at(&text, inner.span().into(), "remove this key"));
        }
        // The same checks as entries in the config (a blank variant would match everywhere).
        if let Some(problem) = problems(&more.entity).into_iter().next() {
            let span = problem_span(&text, &[], &problem).unwrap_or(0..0);
            return Err(
                InputError::new(display, format!("`{display}`: {}", problem.message)).at(
                    &text,
                    span.into(),
                    "here",
                ),
            );
        }
        self.entity.extend(more.entity);
        self.distinct.extend(more.distinct);
        Ok(())
    }
}

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

/// A value of the house table that would make its fix match everywhere, nowhere, or again and
/// again: entity `entity`'s `key` (`preferred`, `variants`, `allow`), item `item` of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub entity: usize,
    pub key: &'static str,
    pub item: Option<usize>,
    pub message: String,
}

/// The values of `entities` that would drive a wrong fix (see [`Problem`]).
pub fn problems(entities: &[Entity]) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        let mut problem = |key, item, message: String| {
            out.push(Problem {
                entity: i,
                key,
                item,
                message,
            })
        };
        if e.preferred.trim().is_empty() {
            let why = "the preferred spelling is empty, so its fix would delete every variant";
            problem("preferred", None, why.into());
        } else if e.preferred.trim() != e.preferred {
            let why = "white space around the preferred spelling, which every fix would insert";
            problem("preferred", None, why.into());
        }
        for (k, v) in e.variants.iter().enumerate() {
            let item = Some(k);
            if v.trim().is_empty() {
                let why = "the variant is empty, so its fix would match everywhere";
                problem("variants", item, why.into());
            } else if v.trim() != v {
                let why = "white space around the variant, which its fix would match and replace";
                problem("variants", item, why.into());
            } else if !v.chars().any(char::is_alphanumeric) {
                problem(
                    "variants",
                    item,
                    format!(
                        "the variant `{v}` has no letter or digit: it would replace punctuation"
                    ),
                );
            } else if *v == e.preferred {
                problem(
                    "variants",
                    item,
                    format!("`{v}` is the preferred spelling itself"),
                );
            } else if let Some(p) = entities
                .iter()
                .map(|o| &o.preferred)
                .find(|p| contains_word(p, v) && !entities.iter().any(|o| o.allow.contains(p)))
            {
                problem(
                    "variants",
                    item,
                    format!(
                        "the variant `{v}` occurs in the preferred spelling `{p}`, so every fix would be \
                         matched again; add `{p}` to `allow`"
                    ),
                );
            }
        }
        for (k, a) in e.allow.iter().enumerate() {
            if a.trim().is_empty() {
                problem(
                    "allow",
                    Some(k),
                    "an empty allowed phrase would hide every variant".into(),
                );
            }
        }
    }
    out
}

/// Whether `word` occurs in `text` as whole words.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word)
        .any(|(i, _)| crate::checks::is_whole_word(text, i, i + word.len()))
}

/// Where the value of `problem` is in the TOML `text` whose `entity` array lies under the tables
/// `path` (`["names"]` in copydesk.toml, none in a rule file).
pub fn problem_span(
    text: &str,
    path: &[&str],
    problem: &Problem,
) -> Option<std::ops::Range<usize>> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    fn field<'a>(table: &DeTable<'a>, name: &str) -> Option<toml::Spanned<DeValue<'a>>> {
        table
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(_, v)| v.clone())
    }
    let mut table = root.into_inner();
    for name in path {
        match field(&table, name)?.into_inner() {
            DeValue::Table(t) => table = t,
            _ => return None,
        }
    }
    let DeValue::Array(entities) = field(&table, "entity")?.into_inner() else {
        return None;
    };
    let DeValue::Table(entity) = entities.get(problem.entity)?.get_ref().clone() else {
        return None;
    };
    let value = field(&entity, problem.key)?;
    match (problem.item, value.get_ref()) {
        (Some(k), DeValue::Array(items)) => Some(items.get(k)?.span()),
        _ => Some(value.span()),
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

    #[test]
    fn values_that_would_fix_everywhere_or_forever_are_problems() {
        let text = "[names]\n[[names.entity]]\npreferred = \"Kyiv Oblast\"\nvariants = [\"Kiev\", \"\", \"--\", \"Kyiv\"]\n\
                    [[names.entity]]\npreferred = \" \"\nallow = [\"\"]\n";
        #[derive(Deserialize)]
        struct Config {
            names: HouseTable,
        }
        let table = toml::from_str::<Config>(text).unwrap().names;
        let found: Vec<(&str, String)> = problems(&table.entity)
            .iter()
            .map(|p| {
                (
                    &text[problem_span(text, &["names"], p).unwrap()],
                    p.message.clone(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("\"\"", "the variant is empty, so its fix would match everywhere".to_string()),
                ("\"--\"", "the variant `--` has no letter or digit: it would replace punctuation".to_string()),
                ("\"Kyiv\"", "the variant `Kyiv` occurs in the preferred spelling `Kyiv Oblast`, so every fix would be matched again; add `Kyiv Oblast` to `allow`".to_string()),
                ("\" \"", "the preferred spelling is empty, so its fix would delete every variant".to_string()),
                ("\"\"", "an empty allowed phrase would hide every variant".to_string()),
            ]
        );
    }

    #[test]
    fn unknown_keys_are_errors() {
        assert!(
            toml::from_str::<HouseTable>(
                "[[entity]]\npreferred = \"Kyiv\"\nvariant = [\"Kiev\"]\n"
            )
            .is_err()
        );
    }
}
