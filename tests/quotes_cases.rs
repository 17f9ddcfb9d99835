//! The 32 quotation-mark cases of the research notes (tests/data/quote_cases.toml), run through
//! the built-in `quotes` rules with each case's locale.

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::markup::Format;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    expect: String,
    why: String,
    span: Option<String>,
    occurrence: Option<usize>,
    secondary: Option<String>,
    locale: Option<String>,
}

fn engine(locale: &str) -> Engine {
    let selection = Selection {
        select: vec!["quotes".into()],
        ..Selection::default()
    };
    Engine::new(
        copydesk::ruleset::builtin(),
        &selection,
        &Settings {
            locale: copydesk::locale::Locale::parse(locale).expect("a known locale"),
            ..Settings::default()
        },
    )
    .unwrap_or_else(|_| panic!("built-in rules compile"))
}

fn nth(text: &str, needle: &str, n: usize) -> std::ops::Range<usize> {
    let start = text
        .match_indices(needle)
        .nth(n - 1)
        .unwrap_or_else(|| panic!("{needle:?} occurs {n} times in {text:?}"))
        .0;
    start..start + needle.len()
}

#[test]
fn research_quote_cases() {
    let cases: Cases = toml::from_str(include_str!("data/quote_cases.toml")).unwrap();
    assert_eq!(cases.case.len(), 32);
    let mut failures = Vec::new();
    for case in &cases.case {
        let engine = engine(case.locale.as_deref().unwrap_or("en"));
        let found = engine.findings(&case.text, Format::Plain);
        let described: Vec<String> = found
            .iter()
            .map(|(r, f)| {
                format!(
                    "{} {:?} labels {:?}",
                    engine.rules[*r].id,
                    &case.text[f.span.range()],
                    f.labels
                        .iter()
                        .map(|l| &case.text[l.span.range()])
                        .collect::<Vec<_>>()
                )
            })
            .collect();
        let ok = match case.expect.as_str() {
            "pass" => found.is_empty(),
            _ => {
                let want = nth(
                    &case.text,
                    case.span.as_deref().unwrap_or(""),
                    case.occurrence.unwrap_or(1),
                );
                found.iter().any(|(_, f)| {
                    let overlaps =
                        f.span.start < want.end && want.start < f.span.end.max(f.span.start + 1);
                    let secondary = case.secondary.as_ref().is_none_or(|s| {
                        f.labels
                            .iter()
                            .any(|l| case.text[l.span.range()].contains(s.as_str()))
                    });
                    overlaps && secondary
                })
            }
        };
        if !ok {
            failures.push(format!(
                "{:?} (expect {}; {}): got {:?}",
                case.text, case.expect, case.why, described
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn messages_labels_and_fixes_are_exact() {
    let text = "Moscow calls the warrant \"null and void ». It sent “a delegation».\n\n“We will go home.\n\nThe talks are over,” the envoy said.";
    let engine = engine("en");
    let got: Vec<String> = engine
        .findings(text, Format::Plain)
        .iter()
        .map(|(r, f)| {
            let labels: Vec<String> = f
                .labels
                .iter()
                .map(|l| format!("{:?} {}", &text[l.span.range()], l.message))
                .collect();
            let fix = f
                .fix
                .as_ref()
                .map(|x| format!("{:?} -> {:?}", &text[x.span.range()], x.replacement));
            format!(
                "{} {:?}: {} | {} | {:?}",
                engine.rules[*r].id,
                &text[f.span.range()],
                engine.rules[*r].render_message(&f.vars),
                labels.join(", "),
                fix
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "quotes/mismatched-pair \"»\": `»` does not close `\"`: expected `\"` | \"\\\"\" opened here | Some(\"\\\" »\\\" -> \\\"\\\\\\\"\\\"\")",
            "quotes/mismatched-pair \"»\": `»` does not close `“`: expected `”` | \"“\" opened here | Some(\"\\\"»\\\" -> \\\"”\\\"\")",
            "quotes/missing-reopen \"The\": the quotation opened by `“` continues in this paragraph, which does not reopen it | \"“\" the quotation opens here | Some(\"\\\"\\\" -> \\\"“\\\"\")",
            "quotes/mixed-styles \"\\\"\": straight quotation marks or apostrophes in an article that also uses curly ones | \"“\" the first curly mark | None",
        ]
    );
}
