//! The commands about rules: `copydesk rules`, `copydesk explain` and `copydesk test`. Each takes
//! the user's choices and returns what to print ([`Outcome`]), so that `main.rs` only dispatches.

use crate::error::InputError;
use crate::examples;
use crate::explain;
use crate::pipeline::plural;
use crate::plan::{self, ConfigChoice, Setup};
use crate::render::human;
use crate::rule::Rule;
use crate::ruleset;
use std::path::{Path, PathBuf};

/// What a command other than `check` prints, and how it exits.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// 0: nothing at or above the failing severity; 1: findings; 2: an error.
    pub code: u8,
}

/// `copydesk rules`: the table of every rule; with `docs`, the rule pages written into that folder
/// instead.
pub fn rules(config: &ConfigChoice, docs: Option<&Path>) -> Outcome {
    let (rules, mut out) = load(config);
    let (text, errors) = match docs {
        None => explain::rules_table(&rules),
        Some(dir) => {
            let (pages, errors) = explain::pages(&rules);
            match write_pages(dir, &pages) {
                Ok(()) => (
                    format!("wrote {} pages to {}\n", pages.len(), dir.display()),
                    errors,
                ),
                Err(e) => (String::new(), errors.into_iter().chain([e]).collect()),
            }
        }
    };
    out.stdout = text;
    fail_on(&mut out, &errors);
    out
}

/// `copydesk explain NAME`: a rule's page, or every page of a family.
pub fn explain(name: &str, config: &ConfigChoice) -> Outcome {
    let (rules, mut out) = load(config);
    match explain::explain(name, &rules) {
        Ok(text) => out.stdout = text,
        Err(message) => {
            out.stderr.push_str(&message);
            out.code = 2;
        }
    }
    out
}

/// `copydesk test [DIR...]`: runs the examples of the rules in `dirs` (default: the config's
/// `rule-dirs`) and reports each that does not flag what it says. Exit code 0: every example
/// passes; 1: some fail; 2: a rule folder or file is broken, or there is nothing to test.
pub fn test(dirs: &[PathBuf], config: &ConfigChoice, color: bool) -> Outcome {
    let mut errors = Vec::new();
    let (house, all) = if dirs.is_empty() {
        let Setup {
            config,
            rules,
            errors: setup,
        } = plan::setup(config);
        errors.extend(setup);
        if config.rule_dirs.is_empty() && errors.is_empty() {
            errors.push(InputError::new(
                "copydesk.toml",
                "no rule folders to test: name one (`copydesk test house-rules`) or set \
                 `rule-dirs` in copydesk.toml",
            ));
        }
        let house = rules
            .iter()
            .filter(|r| !ruleset::is_builtin(r))
            .cloned()
            .collect();
        (house, rules)
    } else {
        let mut house: Vec<Rule> = Vec::new();
        for dir in dirs {
            // Folders named on the command line are the user's choice: no repository bound.
            ruleset::load_dir(dir, None, &mut house, &mut errors);
        }
        let mut all = ruleset::builtin();
        for rule in &house {
            match all.iter_mut().find(|r| r.id == rule.id) {
                Some(existing) => *existing = rule.clone(),
                None => all.push(rule.clone()),
            }
        }
        (house, all)
    };
    let mut out = Outcome::default();
    let (mut examples, mut failed) = (0, 0);
    for rule in &house {
        match examples::run(rule, &all) {
            Ok(outcomes) => {
                examples += outcomes.len();
                for failure in examples::failures(rule, &outcomes) {
                    failed += 1;
                    out.stdout.push_str(&human::render_error(&failure, color));
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if !house.is_empty() {
        out.stdout.push_str(&format!(
            "copydesk test: {} of {}: {} passed, {failed} failed\n",
            plural(examples, "example"),
            plural(house.len(), "rule"),
            examples - failed
        ));
    }
    out.code = u8::from(failed > 0);
    fail_on(&mut out, &errors);
    out
}

/// Warnings for the examples of rule-folder rules that do not flag what they say, rendered for
/// standard error: such a rule is suspect, but the run goes on (`copydesk test` details them).
/// `profiles`: the rules of each set of rules the run uses (a rule shared by several is judged once).
pub fn example_warnings(profiles: &[&[Rule]], color: bool) -> String {
    let mut out = String::new();
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for rules in profiles {
        for rule in rules.iter().filter(|r| !ruleset::is_builtin(r)) {
            if seen.contains(&(&rule.id, &rule.origin)) {
                continue;
            }
            seen.push((&rule.id, &rule.origin));
            // A rule that does not compile is reported by the run itself.
            let Ok(outcomes) = examples::run(rule, rules) else {
                continue;
            };
            for failure in examples::failures(rule, &outcomes) {
                let failure = failure.with_help(
                    "the rule still runs; `copydesk test` checks the examples of every rule folder",
                );
                out.push_str(&human::render_warning(&failure, color));
            }
        }
    }
    out
}

/// The rules the config loads, sorted by id, and the output so far (the config's errors).
fn load(config: &ConfigChoice) -> (Vec<Rule>, Outcome) {
    let Setup {
        mut rules, errors, ..
    } = plan::setup(config);
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = Outcome::default();
    fail_on(&mut out, &errors);
    (rules, out)
}

/// Adds `errors` to standard error; any makes the exit code 2.
fn fail_on(out: &mut Outcome, errors: &[InputError]) {
    for e in errors {
        out.stderr.push_str(&human::render_error(e, false));
    }
    if !errors.is_empty() {
        out.code = 2;
    }
}

/// Writes each `(relative path, text)` under `dir`, creating folders; a file whose text is already
/// right is left alone.
fn write_pages(dir: &Path, pages: &[(String, String)]) -> Result<(), InputError> {
    for (relative, text) in pages {
        let path = dir.join(relative);
        let display = path.display().to_string();
        if std::fs::read_to_string(&path).is_ok_and(|old| old == *text) {
            continue;
        }
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| InputError::new(&display, format!("cannot write `{display}`: {e}")))?;
    }
    Ok(())
}
