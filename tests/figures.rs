//! Runs every case of `tests/data/figure_cases.toml` through the built-in `figures` rules and
//! names each case that fails: a "flag" case needs a figures finding whose primary span overlaps
//! the case's `span`; a "pass" case needs none.

mod common;

use common::{copydesk, write};
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

/// A newsroom extends the family's shared cues and exemptions from its own rule folder, with a
/// `figures/_shared.toml` of its own, without copying the built-in lists.
#[test]
fn a_newsroom_extends_the_cues_and_exemptions_from_its_rule_folder() {
    let tmp = tempfile::TempDir::new().unwrap();
    let article = "Home prices rose 4% in May, land registry data via Hometrack put it.\n\n\
                   Buyers were few.\n\n\
                   Rents rose 2% in May (via Hometrack).\n\n\
                   The tasting menu costs $95 before wine.\n";
    write(tmp.path(), &[("a.txt", article)]);
    let args = ["check", "--format", "short", "--select", "figures", "a.txt"];
    let run = copydesk(tmp.path(), &args);
    assert_eq!(
        run.stdout,
        "a.txt:5:12: info[figures/unsourced-figure] unsourced percentage `2%`: no reporting verb, \
         `according to` or named data source in its paragraph\n\
         a.txt:7:24: info[figures/unsourced-figure] unsourced sum of money `$95`: no reporting \
         verb, `according to` or named data source in its paragraph\n"
    );
    write(
        tmp.path(),
        &[
            ("copydesk.toml", "rule-dirs = [\"house\"]\n"),
            (
                "house/figures/_shared.toml",
                "kind = \"figures\"\n[extend]\ncue-phrases = [\"via\"]\nprice-words = [\"menu\"]\n",
            ),
        ],
    );
    let run = copydesk(tmp.path(), &args);
    assert_eq!((run.stdout.as_str(), run.code), ("", 0), "{}", run.stderr);
    // A key the kind does not have is an error in the newsroom's file, not a silent no-op.
    write(
        tmp.path(),
        &[(
            "house/figures/_shared.toml",
            "kind = \"figures\"\n[extend]\ncue-phrase = [\"via\"]\n",
        )],
    );
    let run = copydesk(tmp.path(), &args);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown key `cue-phrase` in `[extend]`")
            && run.stderr.contains("_shared.toml:3:1"),
        "{}",
        run.stderr
    );
}

/// What runs on from the paragraph before, and what is newly a figure, as `copydesk check` shows
/// it: a paragraph that opens with a person's pronoun after a sourced one
/// continues that speaker's statement; an interview answer under a speaker's name is the
/// speaker's (a subheading used once is no speaker); a population is an established fact; a company's `It` restates nothing; a bare
/// count after a level word and a count right before an impact word are figures.
#[test]
fn continued_statements_answers_and_levels_as_a_user_sees_them() {
    let tmp = tempfile::TempDir::new().unwrap();
    let article = "Port strike costs $40 million a day\n\n\
                   Dockers walked out on Monday, the union's leader, Ana Ruiz, said.\n\n\
                   She put the cost to shippers at $40 million a day.\n\n\
                   It cut sailings by 12% this month.\n\n\
                   The port city has a population of 1.8 million.\n\n\
                   Unemployment in the region fell 44,100 in March.\n\n\
                   More than 200 injured in clashes near the gates.\n\n\
                   Tom Berg\n\n\
                   Shipping rates rose 30% in a week.\n\n\
                   Ana Ruiz\n\n\
                   We lost 20% of our members.\n\n\
                   Tom Berg\n\n\
                   Thank you.\n\n\
                   Ana Ruiz\n\n\
                   Thank you.\n\n\
                   Hard Times\n\n\
                   Freight rates rose 9% in May.\n";
    write(tmp.path(), &[("a.txt", article)]);
    let args = ["check", "--format", "short", "--select", "figures", "a.txt"];
    let run = copydesk(tmp.path(), &args);
    assert_eq!(
        run.stdout,
        "a.txt:7:20: info[figures/unsourced-figure] unsourced percentage `12%`: no reporting \
         verb, `according to` or named data source in its paragraph\n\
         a.txt:11:33: info[figures/unsourced-count] unsourced count `44,100`: no reporting verb, \
         `according to` or named data source in its paragraph\n\
         a.txt:13:11: info[figures/unsourced-figure] unsourced casualty count `200`: no \
         reporting verb, `according to` or named data source in its paragraph\n\
         a.txt:33:20: info[figures/unsourced-figure] unsourced percentage `9%`: no reporting \
         verb, `according to` or named data source in its paragraph\n",
        "{}",
        run.stderr
    );
}
