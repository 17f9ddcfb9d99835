//! Loading rules: the built-in ones embedded at build time, then each extra rule folder named in
//! the config. A folder's rule replaces a built-in rule of the same id (a house override). Each
//! rule file is validated against the kinds that exist: its kind, its keys, its examples.

use crate::checks;
use crate::error::InputError;
use crate::rule::{COMMON_KEYS, Rule, id_from_path};
use crate::span::Span;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

pub fn builtin() -> Vec<Rule> {
    BUILTIN_RULES
        .iter()
        .map(|(rel, text)| {
            let id = id_from_path(Path::new(rel))
                .expect("built-in rules are rules/<family>/<name>.toml");
            parse(&id, &format!("rules/{rel}"), text)
                .unwrap_or_else(|e| panic!("built-in rule {rel} is broken: {}", e.message))
        })
        .collect()
}

/// Parses the rule file `text`, whose id is `id`: its common keys ([`Rule::parse`]), then its
/// kind, the keys that kind allows, and its examples (one that flags, one that passes).
pub fn parse(id: &str, origin: &str, text: &str) -> Result<Rule, InputError> {
    let table = toml::de::DeTable::parse(text).map_err(|e| InputError::toml(origin, text, &e))?;
    let rule = Rule::parse(id, origin, text)?;
    let key_span = |name: &str| {
        table
            .get_ref()
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(k, v)| (k.span(), v.span()))
    };
    let Some(kind) = checks::kind(&rule.kind) else {
        let (_, value) = key_span("kind").expect("kind was deserialised");
        let known: Vec<&str> = checks::KINDS.iter().map(|k| k.name).collect();
        return Err(InputError::new(
            origin,
            format!("`{origin}`: unknown rule kind `{}`", rule.kind),
        )
        .at(text, value.into(), "unknown kind")
        .with_help(format!("the kinds are: {}", known.join(", "))));
    };
    let params = (kind.fields)();
    for (key, _) in table.get_ref() {
        let name: &str = key.get_ref();
        if !COMMON_KEYS.contains(&name) && !params.contains(&name) {
            let mut expected: Vec<&str> = COMMON_KEYS.iter().chain(params).copied().collect();
            expected.sort_unstable();
            return Err(InputError::new(
                origin,
                format!("`{origin}`: unknown key `{name}` in a `{}` rule", kind.name),
            )
            .at(text, key.span().into(), "unknown key")
            .with_help(format!(
                "the keys of a `{}` rule are: {}",
                kind.name,
                expected.join(", ")
            )));
        }
    }
    // A declared safety for fixes the rule never makes would mislead its reader.
    if rule.fix.is_some() && !(kind.fixes)(&rule) {
        let (key, _) = key_span("fix").expect("fix was deserialised");
        return Err(InputError::new(
            origin,
            format!("`{origin}`: `fix` declared, but this rule makes no fixes"),
        )
        .at(text, key.into(), "no fixes to declare")
        .with_help(
            "remove `fix`; rules that make fixes: `phrase` and `pattern` rules with a `replacement` \
             (or `replacements`), `repeated-line`, and the `quotes`, `doubled`, `fragments` and \
             `names` reports that have one (see README, \"Fix safety\")",
        ));
    }
    if !rule.examples.iter().any(|e| !e.flags.is_empty())
        || !rule.examples.iter().any(|e| e.flags.is_empty())
    {
        let span = key_span("example").map_or(Span::new(0, 0), |(k, _)| k.into());
        return Err(InputError::new(origin, format!("`{origin}`: a rule needs examples"))
            .at(text, span, "examples needed")
            .with_help("add an [[example]] whose text the rule flags (`flags = [\"...\"]`) and one it passes (`flags = []`)"));
    }
    Ok(rule)
}

/// Adds the rules of `dir` (`<family>/<name>.toml` files) to `rules`, replacing same-id rules.
/// With `within`, a file whose real path (links followed) leaves that folder is refused. Hidden
/// files are skipped, and a file that is not a rule file (no `kind` key) is refused without its
/// contents being shown: a rule folder should never echo a stray secret.
pub fn load_dir(
    dir: &Path,
    within: Option<&Path>,
    rules: &mut Vec<Rule>,
    errors: &mut Vec<InputError>,
) {
    let display = dir.display().to_string();
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut found = false;
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
        let Some(id) = path.strip_prefix(dir).ok().and_then(id_from_path) else {
            errors.push(InputError::new(
                &origin,
                format!(
                    "`{origin}`: a rule file must be `<family>/<name>.toml` inside its rule folder"
                ),
            ));
            continue;
        };
        found = true;
        if let Some(root) = within
            && !std::fs::canonicalize(path).is_ok_and(|real| real.starts_with(root))
        {
            errors.push(
                InputError::new(
                    &origin,
                    format!("`{origin}` leads out of the repository; not loaded"),
                )
                .with_help("`--allow-external-rules` loads rules from outside the repository"),
            );
            continue;
        }
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(InputError::io(&origin, &e));
                continue;
            }
        };
        if !text.lines().any(|l| {
            l.trim_start()
                .strip_prefix("kind")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        }) {
            errors.push(InputError::new(
                &origin,
                format!("`{origin}` is not a rule file (it has no `kind` key); not loaded"),
            ));
            continue;
        }
        match parse(&id, &origin, &text) {
            Ok(rule) => match rules.iter_mut().find(|r| r.id == rule.id) {
                Some(existing) => *existing = rule,
                None => rules.push(rule),
            },
            Err(e) => errors.push(e),
        }
    }
    if !found && errors.is_empty() {
        errors.push(InputError::new(
            &display,
            format!("rule folder `{display}` holds no `<family>/<name>.toml` files"),
        ));
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
    fn only_a_rule_that_makes_fixes_declares_their_safety() {
        let text = RULE.replace("phrases =", "fix = \"safe\"\nphrases =");
        let err = parse("residue/x", "x.toml", &text).unwrap_err();
        assert_eq!(
            err.message,
            "`x.toml`: `fix` declared, but this rule makes no fixes"
        );
        assert_eq!(&text[err.span.unwrap().range()], "fix");
        let with_replacement = text.replace("phrases =", "replacement = \"\"\nphrases =");
        let rule = parse("residue/x", "x.toml", &with_replacement).unwrap();
        assert_eq!(rule.fix, Some(crate::diagnostic::Applicability::Safe));
        let err = parse(
            "residue/x",
            "x.toml",
            &RULE.replace("phrases =", "fix = \"maybe\"\nphrases ="),
        )
        .unwrap_err();
        assert!(
            err.message.contains("unknown variant `maybe`"),
            "{}",
            err.message
        );
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
