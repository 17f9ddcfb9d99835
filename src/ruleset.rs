//! Loading rules: the built-in ones embedded at build time, then each extra rule folder named in
//! the config. A folder's rule replaces a built-in rule of the same id (a house override). Each
//! rule file is validated against the kinds that exist: its kind, its keys, its examples. A
//! family folder's `_shared.toml` gives parameters to every rule of that family and kind
//! ([`crate::params`]); a later folder's shared file is read after the earlier ones.

use crate::checks::{self, KindEntry};
use crate::error::InputError;
use crate::params::{EXTEND, Layer, SHARED_FILE};
use crate::rule::{COMMON_KEYS, Rule, id_from_path};
use crate::span::Span;
use std::path::Path;
use std::sync::Arc;
use toml::de::{DeTable, DeValue};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A family's `_shared.toml`: the parameters it gives the rules of `kind` in `family`.
#[derive(Debug, Clone)]
pub struct Shared {
    pub family: String,
    pub kind: String,
    pub layer: Arc<Layer>,
}

pub fn builtin() -> Vec<Rule> {
    let mut rules = Vec::new();
    let mut shared = Vec::new();
    for (rel, text) in BUILTIN_RULES {
        let path = Path::new(rel);
        let origin = format!("rules/{rel}");
        if path.file_name().is_some_and(|n| n == SHARED_FILE) {
            let family = path.parent().and_then(Path::to_str).unwrap_or_default();
            shared.push(
                parse_shared(family, &origin, text)
                    .unwrap_or_else(|e| panic!("built-in {rel} is broken: {}", e.message)),
            );
            continue;
        }
        let id = id_from_path(path).expect("built-in rules are rules/<family>/<name>.toml");
        rules.push(
            parse(&id, &origin, text)
                .unwrap_or_else(|e| panic!("built-in rule {rel} is broken: {}", e.message)),
        );
    }
    for s in &shared {
        share(s, &mut rules);
    }
    rules
}

/// Adds the layer of `shared` to the rules it serves; how many there are.
fn share(shared: &Shared, rules: &mut [Rule]) -> usize {
    let mut served = 0;
    for rule in rules
        .iter_mut()
        .filter(|r| r.family() == shared.family && r.kind == shared.kind)
    {
        rule.shared.push(shared.layer.clone());
        served += 1;
    }
    served
}

/// Parses the rule file `text`, whose id is `id`: its common keys ([`Rule::parse`]), then its
/// kind, the keys that kind allows, and its examples (one that flags, one that passes).
pub fn parse(id: &str, origin: &str, text: &str) -> Result<Rule, InputError> {
    let table = DeTable::parse(text).map_err(|e| InputError::toml(origin, text, &e))?;
    let rule = Rule::parse(id, origin, text)?;
    let kind = kind_of(origin, text, table.get_ref(), &rule.kind)?;
    check_keys(origin, text, table.get_ref(), kind, COMMON_KEYS, "a")?;
    if !rule.examples.iter().any(|e| !e.flags.is_empty())
        || !rule.examples.iter().any(|e| e.flags.is_empty())
    {
        let span = key_span(table.get_ref(), "example").map_or(Span::new(0, 0), |(k, _)| k);
        return Err(InputError::new(origin, format!("`{origin}`: a rule needs examples"))
            .at(text, span, "examples needed")
            .with_help("add an [[example]] whose text the rule flags (`flags = [\"...\"]`) and one it passes (`flags = []`)"));
    }
    Ok(rule)
}

/// Parses a family's `_shared.toml`: a `kind`, parameters of that kind, and an `[extend]` table.
pub fn parse_shared(family: &str, origin: &str, text: &str) -> Result<Shared, InputError> {
    let table = DeTable::parse(text).map_err(|e| InputError::toml(origin, text, &e))?;
    let Some((_, value)) = key_span(table.get_ref(), "kind") else {
        return Err(InputError::new(
            origin,
            format!("`{origin}`: a shared file names the `kind` of the rules it serves"),
        )
        .at(text, Span::new(0, 0), "no `kind`"));
    };
    let Some(name) = table
        .get_ref()
        .get("kind")
        .and_then(|v| v.get_ref().as_str())
    else {
        return Err(
            InputError::new(origin, format!("`{origin}`: `kind` is a string")).at(
                text,
                value,
                "not a string",
            ),
        );
    };
    let kind = kind_of(origin, text, table.get_ref(), name)?;
    check_keys(
        origin,
        text,
        table.get_ref(),
        kind,
        &["kind", EXTEND],
        "a shared",
    )?;
    Ok(Shared {
        family: family.to_string(),
        kind: kind.name.to_string(),
        layer: Arc::new(Layer {
            origin: origin.to_string(),
            text: text.to_string(),
        }),
    })
}

/// `(key span, value span)` of a top-level key.
fn key_span(table: &DeTable, name: &str) -> Option<(Span, Span)> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == name)
        .map(|(k, v)| (k.span().into(), v.span().into()))
}

fn kind_of(
    origin: &str,
    text: &str,
    table: &DeTable,
    name: &str,
) -> Result<&'static KindEntry, InputError> {
    checks::kind(name).ok_or_else(|| {
        let value = key_span(table, "kind").map_or(Span::new(0, 0), |(_, v)| v);
        let known: Vec<&str> = checks::KINDS.iter().map(|k| k.name).collect();
        InputError::new(origin, format!("`{origin}`: unknown rule kind `{name}`"))
            .at(text, value, "unknown kind")
            .with_help(format!("the kinds are: {}", known.join(", ")))
    })
}

/// Every key of `table` is one of `allowed` or a parameter of `kind`; the keys of `[extend]` are
/// parameters of `kind`. `what` names the file in messages (`a` rule, `a shared` file).
fn check_keys(
    origin: &str,
    text: &str,
    table: &DeTable,
    kind: &KindEntry,
    allowed: &[&str],
    what: &str,
) -> Result<(), InputError> {
    let params = (kind.fields)();
    let file = if what == "a" { "rule" } else { "file" };
    let unknown = |key: Span, name: &str, expected: Vec<&str>| {
        InputError::new(
            origin,
            format!(
                "`{origin}`: unknown key `{name}` in {what} `{}` {file}",
                kind.name
            ),
        )
        .at(text, key, "unknown key")
        .with_help(format!(
            "the keys of {what} `{}` {file} are: {}",
            kind.name,
            expected.join(", ")
        ))
    };
    for (key, value) in table {
        let name: &str = key.get_ref();
        if !allowed.contains(&name) && !params.contains(&name) {
            let mut expected: Vec<&str> = allowed.iter().chain(params).copied().collect();
            expected.sort_unstable();
            return Err(unknown(key.span().into(), name, expected));
        }
        if name != EXTEND {
            continue;
        }
        let DeValue::Table(extend) = value.get_ref() else {
            return Err(InputError::new(
                origin,
                format!("`{origin}`: `extend` is a table of lists: `[extend]`"),
            )
            .at(text, value.span().into(), "not a table"));
        };
        for (key, _) in extend {
            if !params.contains(&key.get_ref().as_ref()) {
                let mut expected = params.to_vec();
                expected.sort_unstable();
                return Err(unknown(key.span().into(), key.get_ref(), expected));
            }
        }
    }
    Ok(())
}

/// Adds the rules of `dir` (`<family>/<name>.toml` files) to `rules`, replacing same-id rules.
/// Its `<family>/_shared.toml` files are read first and serve the family's rules of their kind,
/// wherever those come from.
pub fn load_dir(dir: &Path, rules: &mut Vec<Rule>, errors: &mut Vec<InputError>) {
    let display = dir.display().to_string();
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name()
        .follow_links(true);
    let mut files = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(InputError::new(
                    &display,
                    format!("cannot read rule folder `{display}`: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let origin = path.display().to_string();
        let relative = path.strip_prefix(dir).unwrap_or(path);
        let Some(id) = id_from_path(relative) else {
            errors.push(InputError::new(
                &origin,
                format!(
                    "`{origin}`: a rule file must be `<family>/<name>.toml` inside its rule folder"
                ),
            ));
            continue;
        };
        match std::fs::read_to_string(path) {
            Ok(text) => files.push((id, origin, text)),
            Err(e) => errors.push(InputError::io(&origin, &e)),
        }
    }
    if files.is_empty() && errors.is_empty() {
        errors.push(InputError::new(
            &display,
            format!("rule folder `{display}` holds no `<family>/<name>.toml` files"),
        ));
    }
    let is_shared =
        |id: &str| Some(id.rsplit('/').next()) == Some(SHARED_FILE.strip_suffix(".toml"));
    let mut shared = Vec::new();
    for (id, origin, text) in files.iter().filter(|(id, _, _)| is_shared(id)) {
        let family = id.split('/').next().unwrap_or_default();
        match parse_shared(family, origin, text) {
            Ok(s) => {
                let served = share(&s, rules);
                shared.push((s, served));
            }
            Err(e) => errors.push(e),
        }
    }
    for (id, origin, text) in files.iter().filter(|(id, _, _)| !is_shared(id)) {
        let mut rule = match parse(id, origin, text) {
            Ok(rule) => rule,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        // Every rule of a family and kind has the same shared layers: a new rule takes them from
        // its siblings, or from this folder's shared files when it has none.
        rule.shared = match rules
            .iter()
            .find(|r| r.family() == rule.family() && r.kind == rule.kind)
        {
            Some(sibling) => sibling.shared.clone(),
            None => shared
                .iter()
                .filter(|(s, _)| s.family == rule.family() && s.kind == rule.kind)
                .map(|(s, _)| s.layer.clone())
                .collect(),
        };
        for (s, served) in &mut shared {
            if s.family == rule.family() && s.kind == rule.kind {
                *served += 1;
            }
        }
        match rules.iter_mut().find(|r| r.id == rule.id) {
            Some(existing) => *existing = rule,
            None => rules.push(rule),
        }
    }
    for (s, served) in shared {
        if served == 0 {
            errors.push(InputError::new(
                &s.layer.origin,
                format!(
                    "`{}`: no `{}` rule in the `{}` family to share these parameters with",
                    s.layer.origin, s.kind, s.family
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::tests::RULE;

    #[test]
    fn an_unknown_key_points_at_the_key() {
        let text = RULE.replace("phrases =", "phrasez =");
        let err = parse("residue/x", "x.toml", &text).unwrap_err();
        assert_eq!(
            err.message,
            "`x.toml`: unknown key `phrasez` in a `phrase` rule"
        );
        let span = err.span.unwrap();
        assert_eq!(&text[span.range()], "phrasez");
    }

    #[test]
    fn a_bad_severity_and_a_missing_example_are_errors() {
        let err = parse(
            "residue/x",
            "x.toml",
            &RULE.replace("\"error\"", "\"fatal\""),
        )
        .unwrap_err();
        assert!(
            err.message.contains("unknown variant `fatal`"),
            "{}",
            err.message
        );
        let text = RULE.replace("flags = []", "flags = [\"Fine.\"]");
        let err = parse("residue/x", "x.toml", &text).unwrap_err();
        assert_eq!(err.message, "`x.toml`: a rule needs examples");
    }
}
