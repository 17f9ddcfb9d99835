//! Loading rules: the built-in ones embedded at build time, then each extra rule folder named in
//! the config. A folder's rule replaces a built-in rule of the same id (a house override). Each
//! rule file is validated against the kinds that exist: its kind, its keys, its examples. A
//! family folder's `_shared.toml` gives parameters to every rule of that family and kind
//! ([`crate::params`]); a later folder's shared file is read after the earlier ones.

use crate::checks::{self, KindEntry};
use crate::error::InputError;
use crate::params::{self, BUILTIN_RULES, EXTEND, Layer, SHARED_FILE};
use crate::rule::{COMMON_KEYS, Rule, Table, id_from_path};
use crate::span::Span;
use std::path::Path;
use std::sync::Arc;
use toml::de::{DeTable, DeValue};

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
        let mut rule = parse(&id, &origin, text)
            .unwrap_or_else(|e| panic!("built-in rule {rel} is broken: {}", e.message));
        rule.url = Some(crate::docs::rule_url(&id).into());
        rule.builtin = true;
        rules.push(rule);
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

/// Whether `rule` is a built-in rule as shipped (not a rule folder's rule, even one of the same id).
pub fn is_builtin(rule: &Rule) -> bool {
    BUILTIN_RULES.iter().any(|(rel, text)| {
        *text == rule.source && id_from_path(Path::new(rel)).as_ref() == Some(&rule.id)
    })
}

/// Parses the rule file `text`, whose id is `id`: its kind, the keys that kind allows (a misspelt
/// key is named, with the key it is probably meant to be, before a required key is missed), the
/// common keys' values ([`Rule::parse`]) and its examples (one that flags, one that passes).
pub fn parse(id: &str, origin: &str, text: &str) -> Result<Rule, InputError> {
    let table = params::parse(text).map_err(|e| InputError::toml(origin, text, &e))?;
    validate(id, origin, text, &table)
}

/// [`parse`] of a file already parsed into `table`.
fn validate(id: &str, origin: &str, text: &str, table: &Table<'_>) -> Result<Rule, InputError> {
    let entry = |name: &str| {
        table
            .get_ref()
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(k, v)| (k.span(), v))
    };
    let kind = match entry("kind") {
        Some((_, value)) if let Some(name) = value.get_ref().as_str() => {
            let Some(kind) = checks::kind(name) else {
                let known = checks::KINDS.iter().map(|k| k.name);
                let help = crate::suggest::did_you_mean(name, known.clone()).unwrap_or_else(|| {
                    format!("the kinds are: {}", known.collect::<Vec<_>>().join(", "))
                });
                return Err(InputError::new(
                    origin,
                    format!("`{origin}`: unknown rule kind `{name}`"),
                )
                .at(text, value.span().into(), "unknown kind")
                .with_help(help));
            };
            Some(kind)
        }
        // A missing `kind`, or one of the wrong type, is reported by `Rule::parse` below.
        _ => None,
    };
    if let Some(kind) = kind {
        let params = (kind.fields)();
        let mut expected: Vec<&str> = COMMON_KEYS.iter().chain(params).copied().collect();
        expected.sort_unstable();
        for (key, _) in table.get_ref() {
            if !expected.contains(&key.get_ref().as_ref()) {
                let place = format!("a `{}` rule", kind.name);
                let help = format!("the keys of a `{}` rule are", kind.name);
                return Err(unknown_key(origin, text, key, &place, &expected, &help));
            }
        }
        check_extend(origin, text, table.get_ref(), kind)?;
    }
    if let Some(missing) = REQUIRED.iter().find(|k| entry(k).is_none()) {
        return Err(InputError::new(
            origin,
            format!("`{origin}`: missing required key `{missing}`"),
        )
        .with_help(format!(
            "every rule file has {}",
            REQUIRED.map(|k| format!("`{k}`")).join(", ")
        )));
    }
    let rule = Rule::from_table(id, origin, text, table)?;
    // A declared safety for fixes the rule never makes would mislead its reader.
    if let (Some(kind), Some((key, _))) = (kind, entry("fix"))
        && !(kind.fixes)(&rule)
    {
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
        let span = entry("example").map_or(Span::new(0, 0), |(k, _)| k.into());
        return Err(InputError::new(origin, format!("`{origin}`: a rule needs examples"))
            .at(text, span, "examples needed")
            .with_help("add an [[example]] whose text the rule flags (`flags = [\"...\"]`) and one it passes (`flags = []`)"));
    }
    Ok(rule)
}

/// The keys a rule file cannot do without.
const REQUIRED: [&str; 4] = ["kind", "severity", "message", "why"];

/// The `[extend]` table of a rule or shared file, if any, holds parameters of `kind` only.
fn check_extend(
    origin: &str,
    text: &str,
    table: &DeTable,
    kind: &KindEntry,
) -> Result<(), InputError> {
    let Some((_, value)) = table.iter().find(|(k, _)| k.get_ref() == EXTEND) else {
        return Ok(());
    };
    let DeValue::Table(extend) = value.get_ref() else {
        return Err(InputError::new(
            origin,
            format!("`{origin}`: `extend` is a table of lists: `[extend]`"),
        )
        .at(text, value.span().into(), "not a table"));
    };
    let params = (kind.fields)();
    for (key, _) in extend {
        if !params.contains(&key.get_ref().as_ref()) {
            let place = format!("`[extend]` of a `{}` rule", kind.name);
            let help = format!("`[extend]` adds to the lists of a `{}` rule", kind.name);
            return Err(unknown_key(origin, text, key, &place, params, &help));
        }
    }
    Ok(())
}

/// An unknown key in `place` of a rule file, with a guess among the `known` keys and a help line
/// (`help`: then the known keys).
fn unknown_key(
    origin: &str,
    text: &str,
    key: &toml::Spanned<std::borrow::Cow<'_, str>>,
    place: &str,
    known: &[&str],
    help: &str,
) -> InputError {
    let name: &str = key.get_ref();
    let guess = crate::suggest::did_you_mean(name, known.iter().copied())
        .map_or_else(String::new, |g| format!("; {g}"));
    InputError::new(
        origin,
        format!("`{origin}`: unknown key `{name}` in {place}{guess}"),
    )
    .at(text, key.span().into(), "unknown key")
    .with_help(format!("{help}: {}", known.join(", ")))
}

/// Parses a family's `_shared.toml`: a `kind`, parameters of that kind (no rule keys such as
/// `severity`: those belong to each rule), and an `[extend]` table.
pub fn parse_shared(family: &str, origin: &str, text: &str) -> Result<Shared, InputError> {
    let table = params::parse(text).map_err(|e| InputError::toml(origin, text, &e))?;
    let table = table.get_ref();
    let Some((_, value)) = table.iter().find(|(k, _)| k.get_ref() == "kind") else {
        return Err(
            InputError::new(origin, format!("`{origin}`: missing required key `kind`")).with_help(
                "a shared file names the `kind` of the rules it gives its parameters to",
            ),
        );
    };
    let kind = value
        .get_ref()
        .as_str()
        .and_then(checks::kind)
        .ok_or_else(|| {
            let known: Vec<&str> = checks::KINDS.iter().map(|k| k.name).collect();
            InputError::new(origin, format!("`{origin}`: `kind` is not a rule kind"))
                .at(text, value.span().into(), "unknown kind")
                .with_help(format!("the kinds are: {}", known.join(", ")))
        })?;
    let params = (kind.fields)();
    for (key, _) in table {
        let name: &str = key.get_ref();
        if name == "kind" || name == EXTEND || params.contains(&name) {
            continue;
        }
        let what = if COMMON_KEYS.contains(&name) {
            format!("`{name}` belongs in each rule file, not in a shared file")
        } else {
            format!("unknown key `{name}` in a shared `{}` file", kind.name)
        };
        let guess = crate::suggest::did_you_mean(name, params.iter().copied())
            .map_or_else(String::new, |g| format!("; {g}"));
        return Err(
            InputError::new(origin, format!("`{origin}`: {what}{guess}"))
                .at(text, key.span().into(), "unknown key")
                .with_help(format!(
                    "a shared `{}` file has `kind`, `[extend]` and the parameters: {}",
                    kind.name,
                    params.join(", ")
                )),
        );
    }
    check_extend(origin, text, table, kind)?;
    Ok(Shared {
        family: family.to_string(),
        kind: kind.name.to_string(),
        layer: Arc::new(Layer {
            origin: origin.to_string(),
            text: text.to_string(),
        }),
    })
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
    let mut files = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let reason = match e.io_error() {
                    Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                        "no such file or directory".to_string()
                    }
                    Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                        "permission denied".to_string()
                    }
                    _ => e.to_string(),
                };
                errors.push(InputError::new(
                    &display,
                    format!("cannot read rule folder `{display}`: {reason}"),
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
        files.push((id, origin, text));
    }
    if !found && errors.is_empty() {
        errors.push(InputError::new(
            &display,
            format!("rule folder `{display}` holds no `<family>/<name>.toml` files"),
        ));
    }
    add_files(&files, rules, errors);
}

/// Adds a rule folder's files (`(id, origin, text)`) to `rules`: its shared files first, which
/// serve the family's rules of their kind wherever those come from, then its rules.
fn add_files(
    files: &[(String, String, String)],
    rules: &mut Vec<Rule>,
    errors: &mut Vec<InputError>,
) {
    let shared_id = SHARED_FILE.trim_end_matches(".toml");
    let is_shared = |id: &str| id.rsplit('/').next() == Some(shared_id);
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
        let (family, kind) = (rule.family().to_string(), rule.kind.clone());
        let same = |f: &str, k: &str| f == family && k == kind;
        rule.shared = match rules.iter().find(|r| same(r.family(), &r.kind)) {
            Some(sibling) => sibling.shared.clone(),
            None => shared
                .iter()
                .filter(|(s, _)| same(&s.family, &s.kind))
                .map(|(s, _)| s.layer.clone())
                .collect(),
        };
        for (s, served) in &mut shared {
            *served += usize::from(same(&s.family, &s.kind));
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
            "`x.toml`: unknown key `phrasez` in a `phrase` rule; did you mean `phrases`?"
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
    fn a_misspelt_key_is_named_with_the_key_it_stands_for() {
        let text = RULE.replace("message =", "mesage =");
        let err = parse("residue/x", "x.toml", &text).unwrap_err();
        assert_eq!(
            err.message,
            "`x.toml`: unknown key `mesage` in a `phrase` rule; did you mean `message`?"
        );
        assert_eq!(&text[err.span.unwrap().range()], "mesage");
        let text = RULE.replace("kind = \"phrase\"", "kind = \"phrases\"");
        let err = parse("residue/x", "x.toml", &text).unwrap_err();
        assert_eq!(err.help.as_deref(), Some("did you mean `phrase`?"));
        let text = RULE.replace("why = \"Scraped.\"\n", "");
        let err = parse("residue/x", "x.toml", &text).unwrap_err();
        assert_eq!(err.message, "`x.toml`: missing required key `why`");
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
