//! Rule hygiene and every rule's own examples: each built-in rule is run alone on each of its
//! examples, and must flag exactly the listed texts (a failure names the rule and the example).

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::ruleset;
use std::collections::BTreeSet;

fn engine_for(id: &str) -> Engine {
    let selection = Selection {
        select: vec![id.to_string()],
        ..Selection::default()
    };
    Engine::new(
        ruleset::builtin(),
        &selection,
        &Settings {
            locale: copydesk::locale::Locale::En,
            ..Settings::default()
        },
    )
    .unwrap_or_else(|e| panic!("rule {id} does not compile: {}", e[0].message))
}

#[test]
fn every_rule_flags_exactly_its_examples() {
    let mut failures = Vec::new();
    for rule in ruleset::builtin() {
        let engine = engine_for(&rule.id);
        for (n, example) in rule.examples.iter().enumerate() {
            let format = example.format;
            let mut findings = engine.findings(&example.text, format);
            findings.sort_by_key(|(_, f)| (f.span.start, f.span.end));
            let flagged: Vec<&str> = findings
                .iter()
                .map(|(_, f)| &example.text[f.span.range()])
                .collect();
            if flagged != example.flags {
                failures.push(format!(
                    "{} example {} ({:?}):\n    expected {:?}\n    flagged  {:?}",
                    rule.id,
                    n + 1,
                    example.text,
                    example.flags,
                    flagged
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn ids_families_and_files_agree() {
    let rules = ruleset::builtin();
    let mut ids = BTreeSet::new();
    for rule in &rules {
        assert!(ids.insert(rule.id.clone()), "duplicate rule id {}", rule.id);
        assert_eq!(
            rule.origin,
            format!("rules/{}.toml", rule.id),
            "{}: id must match its path",
            rule.id
        );
        let name = rule.id.split('/').nth(1).unwrap();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}: rule names are kebab-case",
            rule.id
        );
        assert!(
            !name.starts_with("no-"),
            "{}: rule names read well after `allow` (no `no-` prefix)",
            rule.id
        );
        assert!(
            [
                "residue",
                "quotes",
                "fragments",
                "names",
                "figures",
                "style"
            ]
            .contains(&rule.family()),
            "{}: unknown family",
            rule.id
        );
        assert!(
            !rule.why.trim().is_empty() && !rule.message.trim().is_empty(),
            "{}: why and message are required",
            rule.id
        );
    }
}

#[test]
fn every_rule_compiles_together() {
    // Selecting every rule by id also compiles the ones that are off by default.
    let rules = ruleset::builtin();
    let select = rules.iter().map(|r| r.id.clone()).collect();
    let engine = Engine::new(
        rules,
        &Selection {
            select,
            ..Selection::default()
        },
        &Settings {
            locale: copydesk::locale::Locale::En,
            ..Settings::default()
        },
    );
    assert!(engine.is_ok(), "the built-in rules do not compile together");
}
