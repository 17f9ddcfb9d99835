//! Runs every case of `tests/data/figure_cases.toml` through the built-in `figures` rules and
//! names each case that fails: a "flag" case needs a figures finding whose primary span overlaps
//! the case's `span`; a "pass" case needs none.

use copydesk::engine::{Engine, Selection};
use copydesk::markup::Format;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    expect: String,
    span: Option<String>,
    why: String,
}

#[test]
fn every_figure_case_passes() {
    let cases: Cases =
        toml::from_str(include_str!("data/figure_cases.toml")).expect("the case table parses");
    let rules = copydesk::ruleset::builtin()
        .into_iter()
        .filter(|r| r.family() == "figures")
        .collect();
    let engine = Engine::new(rules, &Selection::default(), &Default::default())
        .unwrap_or_else(|e| panic!("{}", e[0].message));
    let mut failures = Vec::new();
    for case in &cases.case {
        let found: Vec<(usize, usize, String)> = engine
            .findings(&case.text, Format::Plain)
            .into_iter()
            .map(|(r, f)| {
                (
                    f.span.start,
                    f.span.end,
                    format!("{} on `{}`", engine.rules[r].id, &case.text[f.span.range()]),
                )
            })
            .collect();
        let ok = match case.expect.as_str() {
            "pass" => found.is_empty(),
            "flag" => {
                let want = case.span.as_deref().expect("a flag case names its span");
                let at = case.text.find(want).expect("the span is in the text");
                found.iter().any(|&(s, e, _)| s < at + want.len() && at < e)
            }
            other => panic!("{}: unknown expectation `{other}`", case.name),
        };
        if !ok {
            let got: Vec<&str> = found.iter().map(|(_, _, d)| d.as_str()).collect();
            failures.push(format!(
                "{} ({}): {:?}\n  got {:?}\n  why: {}",
                case.name, case.expect, case.text, got, case.why
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} figure cases fail:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

#[test]
fn the_figures_rules_examples_hold() {
    let rules: Vec<_> = copydesk::ruleset::builtin()
        .into_iter()
        .filter(|r| r.family() == "figures")
        .collect();
    assert_eq!(rules.len(), 3);
    for rule in rules {
        let engine = Engine::new(
            vec![rule.clone()],
            &Selection::default(),
            &Default::default(),
        )
        .unwrap_or_else(|e| panic!("{}", e[0].message));
        for example in &rule.examples {
            let got: Vec<&str> = engine
                .findings(&example.text, Format::Plain)
                .into_iter()
                .map(|(_, f)| &example.text[f.span.range()])
                .collect();
            assert_eq!(got, example.flags, "{}: {:?}", rule.id, example.text);
        }
    }
}
