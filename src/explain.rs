//! `copydesk rules` and `copydesk explain RULE`, generated from the rule files themselves, so the
//! documentation cannot drift from the behaviour.

use crate::checks;
use crate::rule::Rule;
use std::fmt::Write;

/// One line per rule: id, severity, kind, and the first line of its `why`.
pub fn rules_table(rules: &[Rule]) -> String {
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in rules {
        let off = if r.enabled { "" } else { " (off by default)" };
        writeln!(
            out,
            "{:width$}  {:7}  {:13}  {}{off}",
            r.id,
            r.severity.as_str(),
            r.kind,
            r.summary()
        )
        .unwrap();
    }
    out
}

/// The whole documentation of one rule: why it matters, what it says, examples.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    writeln!(out, "{}", rule.id).unwrap();
    writeln!(out).unwrap();
    let kind = checks::kind(&rule.kind).map_or("", |k| k.summary);
    writeln!(
        out,
        "severity: {}    kind: {} ({kind})",
        rule.severity, rule.kind
    )
    .unwrap();
    if !rule.enabled {
        writeln!(out, "off by default: enable it with `--select {}`", rule.id).unwrap();
    }
    writeln!(out, "defined in: {}", rule.origin).unwrap();
    writeln!(out, "\n{}", rule.why.trim_end()).unwrap();
    writeln!(out, "\nmessage: {}", rule.message).unwrap();
    if let Some(help) = &rule.help {
        writeln!(out, "help: {help}").unwrap();
    }
    writeln!(out, "\nexamples:").unwrap();
    for example in &rule.examples {
        let verdict = if example.flags.is_empty() {
            "passes".to_string()
        } else {
            let quoted: Vec<String> = example.flags.iter().map(|f| format!("`{f}`")).collect();
            format!("flags {}", quoted.join(", "))
        };
        writeln!(out, "\n  {verdict}:").unwrap();
        for line in example.text.trim_end().lines() {
            writeln!(out, "  │ {line}").unwrap();
        }
    }
    out
}
