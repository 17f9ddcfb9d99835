//! Loading rules: the built-in ones embedded at build time, then each extra rule folder named in
//! the config. A folder's rule replaces a built-in rule of the same id (a house override).

use crate::error::InputError;
use crate::rule::{Rule, id_from_path};
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

pub fn builtin() -> Vec<Rule> {
    BUILTIN_RULES
        .iter()
        .map(|(rel, text)| {
            let id = id_from_path(Path::new(rel))
                .expect("built-in rules are rules/<family>/<name>.toml");
            Rule::parse(&id, &format!("rules/{rel}"), text)
                .unwrap_or_else(|e| panic!("built-in rule {rel} is broken: {}", e.message))
        })
        .collect()
}

/// Adds the rules of `dir` (`<family>/<name>.toml` files) to `rules`, replacing same-id rules.
pub fn load_dir(dir: &Path, rules: &mut Vec<Rule>, errors: &mut Vec<InputError>) {
    let display = dir.display().to_string();
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name()
        .follow_links(true);
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
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(InputError::io(&origin, &e));
                continue;
            }
        };
        match Rule::parse(&id, &origin, &text) {
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
