//! The house table of name spellings as the config carries it: `[names]` in copydesk.toml, the
//! table file it names, and the `[[entity]]` / `[[distinct]]` tables of a `names` rule file.
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
//! A long list lives in a file of its own, named by `[names] table = "house-names.toml"`
//! (relative to the config file) and holding the same tables; see [`HouseTable::load_file`].
//! Only the data and its validation live here, below the config; the `names` check compiles it
//! (`checks::names::table`).

use serde::Deserialize;

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

/// Whether `word` occurs in `text` as whole words: no letter or digit joins it on either side
/// where its own end is one. (The config sits below the checks, so this does not borrow their
/// word test.)
fn contains_word(text: &str, word: &str) -> bool {
    let joined = |outside: Option<char>, inside: Option<char>| {
        outside.is_some_and(char::is_alphanumeric) && inside.is_some_and(char::is_alphanumeric)
    };
    text.match_indices(word).any(|(i, _)| {
        let end = i + word.len();
        !joined(text[..i].chars().next_back(), word.chars().next())
            && !joined(text[end..].chars().next(), word.chars().next_back())
    })
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
