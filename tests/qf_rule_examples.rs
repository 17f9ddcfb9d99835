//! Runs the examples of the `quotes` and `fragments` rules (until the shared rule test covers every
//! family): each example's text must be flagged exactly on its `flags`, in order.

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::markup::Format;

#[test]
fn quotes_and_fragments_examples() {
    let rules = copydesk::ruleset::builtin();
    let mut failures = Vec::new();
    let mut ran = 0;
    for rule in rules
        .iter()
        .filter(|r| matches!(r.family(), "quotes" | "fragments"))
    {
        let selection = Selection {
            select: vec![rule.id.clone()],
            ..Selection::default()
        };
        let engine = Engine::new(
            rules.clone(),
            &selection,
            &Settings {
                locale: "en".into(),
            },
        )
        .unwrap_or_else(|_| panic!("{} compiles", rule.id));
        for example in &rule.examples {
            let format = Format::parse(example.format.as_deref().unwrap_or("text")).unwrap();
            let mut found = engine.findings(&example.text, format);
            found.sort_by_key(|(_, f)| (f.span.start, f.span.end));
            let got: Vec<&str> = found
                .iter()
                .map(|(_, f)| &example.text[f.span.range()])
                .collect();
            if got != example.flags {
                failures.push(format!(
                    "{}: {:?}: expected {:?}, got {:?}",
                    rule.id, example.text, example.flags, got
                ));
            }
            ran += 1;
        }
    }
    assert!(ran > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
