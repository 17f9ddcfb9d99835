//! Layered kind parameters: the parameters a family's rules share (`<family>/_shared.toml` in each
//! rule folder) and the rule's own file, read as one table.
//!
//! Layers are read in order (the built-in shared file, each rule folder's shared file in the order
//! of `rule-dirs`, then the rule file): a key replaces the value of the layers before it, and a
//! key of the `[extend]` table adds its list to theirs. So a rule file states only what differs
//! from its family, and a newsroom extends a built-in list from its own folder without copying it.
//!
//! Every error still points into the file it came from: each layer's spans are shifted by the
//! layer's place in a virtual concatenation of the files, and an error's span is traced back to
//! the file and position it fell in. Which keys a layer may have is checked by
//! [`crate::ruleset`], which knows the kinds.

use crate::error::{InputError, clamp};
use crate::span::Span;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

// The built-in rule files, embedded at build time (build.rs); here rather than in the rule set,
// which reads them, because their tables are parsed once for both ([`parse`]).
include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The file of a family folder that holds the parameters its rules share.
pub const SHARED_FILE: &str = "_shared.toml";

/// The table whose lists are added to the lists of the layers before.
pub const EXTEND: &str = "extend";

/// One file of parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// Where it came from, for messages: `rules/figures/_shared.toml` or a path.
    pub origin: String,
    pub text: String,
}

/// Reads `P` from `layers` merged in order (see the module documentation).
pub fn merged<P: DeserializeOwned>(layers: &[&Layer]) -> Result<P, InputError> {
    let mut table = DeTable::new();
    let mut offsets = Vec::with_capacity(layers.len());
    let mut base = 0;
    for layer in layers {
        let parsed = parse(&layer.text)
            .map_err(|e| InputError::toml(&layer.origin, &layer.text, &e))?
            .into_inner();
        offsets.push(base);
        let mut own = shift_table(parsed, base);
        if let Some((_, extend)) = own.remove_entry(EXTEND) {
            let at = |span: std::ops::Range<usize>, message: &str| {
                let local = Span::new(span.start - base, span.end - base);
                InputError::new(&layer.origin, format!("`{}`: {message}", layer.origin)).at(
                    &layer.text,
                    clamp(local, &layer.text),
                    message,
                )
            };
            let span = extend.span();
            let DeValue::Table(extend) = extend.into_inner() else {
                return Err(at(span, "`extend` is a table of lists: `[extend]`"));
            };
            for (key, list) in extend {
                add(&mut table, key, list).map_err(|s| at(s, "only a list can be extended"))?;
            }
        }
        for (key, value) in own {
            table.insert(key, value);
        }
        base += layer.text.len() + 1;
    }
    let root = Spanned::new(0..base, table);
    P::deserialize(toml::de::Deserializer::from(root)).map_err(|e| locate(layers, &offsets, &e))
}

/// The parsed table of `text`. A built-in file is parsed once per process and its table cloned
/// after: the rule set is read at start-up, then every rule of a family reads the family's shared
/// file, and each rule's parameters are read more than once (to check the rule, to compile it),
/// which made parsing a quarter of a short run's start-up. A rule folder's files, which a language
/// server sees change, are parsed each time.
pub fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, toml::de::Error> {
    static TABLES: OnceLock<Mutex<HashMap<usize, Spanned<DeTable<'static>>>>> = OnceLock::new();
    let Some(i) = BUILTIN_RULES.iter().position(|(_, t)| *t == text) else {
        return DeTable::parse(text);
    };
    let mut tables = TABLES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(table) = tables.get(&i) {
        return Ok(table.clone());
    }
    let table = DeTable::parse(BUILTIN_RULES[i].1)?;
    tables.insert(i, table.clone());
    Ok(table)
}

/// Adds the list `more` to the list under `key`, or sets it when the layers before have none.
/// The span of the offending value when one of the two is not a list.
fn add<'a>(
    table: &mut DeTable<'a>,
    key: Spanned<std::borrow::Cow<'a, str>>,
    more: Spanned<DeValue<'a>>,
) -> Result<(), std::ops::Range<usize>> {
    let span = more.span();
    let DeValue::Array(items) = more.into_inner() else {
        return Err(span);
    };
    match table.get_mut(key.get_ref().as_ref()) {
        Some(existing) => match existing.get_mut() {
            DeValue::Array(list) => {
                for item in items.iter() {
                    list.push(item.clone());
                }
                Ok(())
            }
            _ => Err(key.span()),
        },
        None => {
            table.insert(key, Spanned::new(span, DeValue::Array(items)));
            Ok(())
        }
    }
}

fn shift_table(table: DeTable<'_>, by: usize) -> DeTable<'_> {
    table
        .into_iter()
        .map(|(key, value)| {
            let span = key.span();
            (
                Spanned::new(span.start + by..span.end + by, key.into_inner()),
                shift(value, by),
            )
        })
        .collect()
}

fn shift(value: Spanned<DeValue<'_>>, by: usize) -> Spanned<DeValue<'_>> {
    let span = value.span();
    let inner = match value.into_inner() {
        DeValue::Table(t) => DeValue::Table(shift_table(t, by)),
        DeValue::Array(mut items) => {
            for item in items.iter_mut() {
                let old = std::mem::replace(item, Spanned::new(0..0, DeValue::Boolean(false)));
                *item = shift(old, by);
            }
            DeValue::Array(items)
        }
        other => other,
    };
    Spanned::new(span.start + by..span.end + by, inner)
}

/// The error of the merged table, in the file and at the position it came from. An error that
/// spans several files (a missing key) is the rule file's, without a position.
fn locate(layers: &[&Layer], offsets: &[usize], err: &toml::de::Error) -> InputError {
    let message = err.message().trim_end().to_string();
    let own = layers[layers.len() - 1];
    let Some(span) = err.span() else {
        return InputError::new(&own.origin, format!("`{}`: {message}", own.origin));
    };
    let i = offsets
        .partition_point(|&o| o <= span.start)
        .saturating_sub(1);
    let layer = layers[i];
    let (start, end) = (span.start - offsets[i], span.end - offsets[i]);
    if end > layer.text.len() {
        return InputError::new(&own.origin, format!("`{}`: {message}", own.origin));
    }
    InputError::new(&layer.origin, format!("`{}`: {message}", layer.origin)).at(
        &layer.text,
        clamp(Span::new(start, end), &layer.text),
        message,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    struct P {
        words: Vec<String>,
        limit: u32,
    }

    fn layer(origin: &str, text: &str) -> Layer {
        Layer {
            origin: origin.into(),
            text: text.into(),
        }
    }

    #[test]
    fn later_layers_replace_and_extend() {
        let shared = layer("s.toml", "words = [\"a\"]\nlimit = 1\n");
        let house = layer("h.toml", "[extend]\nwords = [\"b\"]\n");
        let own = layer("r.toml", "limit = 3\n[extend]\nwords = [\"c\"]\n");
        let p: P = merged(&[&shared, &house, &own]).unwrap();
        assert_eq!(
            p,
            P {
                words: vec!["a".into(), "b".into(), "c".into()],
                limit: 3
            }
        );
        let replace = layer("r.toml", "words = [\"z\"]\n");
        let p: P = merged(&[&shared, &house, &replace]).unwrap();
        assert_eq!(p.words, ["z"]);
    }

    #[test]
    fn an_error_points_into_the_file_it_came_from() {
        let shared = layer("s.toml", "words = [\"a\"]\nlimit = 1\n");
        let house = layer("h.toml", "# house\nlimit = \"many\"\n");
        let own = layer("r.toml", "kind = \"x\"\n");
        let err = merged::<P>(&[&shared, &house, &own]).unwrap_err();
        assert_eq!(err.path, "h.toml");
        assert_eq!(&house.text[err.span.unwrap().range()], "\"many\"");
        // A list cannot extend a number.
        let bad = layer("r.toml", "[extend]\nlimit = [2]\n");
        let err = merged::<P>(&[&shared, &bad]).unwrap_err();
        assert_eq!(err.path, "r.toml");
        assert_eq!(err.message, "`r.toml`: only a list can be extended");
        assert_eq!(&bad.text[err.span.unwrap().range()], "limit");
        // A missing key is the rule file's.
        let err = merged::<P>(&[&own]).unwrap_err();
        assert_eq!(err.path, "r.toml");
        assert!(err.message.contains("missing field"), "{}", err.message);
    }
}
