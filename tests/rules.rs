//! Rule hygiene and every rule's own examples: each built-in rule (and meta-rule) is run alone on
//! each of its examples through the path `copydesk check` takes (markup, engine, suppressions),
//! and must flag exactly the listed texts, read at the reported spans of the example as a file (a
//! failure names the rule and the example).

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::{examples, ruleset};
use std::collections::BTreeSet;

#[test]
fn every_rule_flags_exactly_its_examples() {
    let all = copydesk::explain::with_meta(&ruleset::builtin());
    let mut failures = Vec::new();
    for rule in &all {
        let outcomes = examples::run(rule, &all)
            .unwrap_or_else(|e| panic!("rule {} does not compile: {}", rule.id, e[0].message));
        failures.extend(
            examples::failures(rule, &outcomes)
                .into_iter()
                .map(|e| e.message),
        );
    }
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Examples are judged at the span in the file, not in the extracted prose: in an HTML example,
/// tags and an entity before the finding shift the prose, and the example must still name the
/// text `copydesk check` underlines.
#[test]
fn html_examples_are_judged_at_the_file_span() {
    let text = ruleset::builtin()
        .into_iter()
        .find(|r| r.id == "residue/read-more")
        .unwrap()
        .source
        .replace(
            "[[example]]\ntext = \"Read more about",
            "[[example]]\ntext = \"<p>The summit ends&nbsp;on Friday.</p>\\n<p><a href='/x'>Read More</a></p>\"\nformat = \"html\"\nflags = [\"Read More\"]\n\n[[example]]\ntext = \"Read more about",
        );
    let rule = ruleset::parse("residue/read-more", "read-more.toml", &text).unwrap();
    let outcomes = examples::run(&rule, std::slice::from_ref(&rule)).unwrap();
    let html = &outcomes[outcomes.len() - 2];
    assert_eq!(html.flagged, ["Read More"]);
    assert_eq!(
        (
            html.diagnostics[0].span.line,
            html.diagnostics[0].span.column
        ),
        (2, 17)
    );
    assert!(examples::failures(&rule, &outcomes).is_empty());
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
        let keys: toml::Table = toml::from_str(&rule.source).unwrap();
        assert!(
            !keys.contains_key("url"),
            "{}: a built-in rule's url is its generated page (docs/rules/), not a key",
            rule.id
        );
        assert_eq!(
            rule.url.as_deref(),
            Some(copydesk::docs::rule_url(&rule.id).as_str())
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
