//! `--format sarif`: one SARIF 2.1.0 log, as GitHub code scanning (`upload-sarif`) accepts it.
//!
//! The run's `tool.driver` links the project's home (`informationUri`) and describes every rule
//! that ran, and the meta-rules (its `why` as the description and help, in text and
//! Markdown, its `help` as the fix advice, its page as `helpUri`, its severity as the default
//! level); each result points at its rule by id and index, with the primary span as its location,
//! secondary labels as `relatedLocations`, a `fix` as a SARIF fix (a replacement of the bytes it
//! covers, its applicability, `safe` or `unsafe`, in the fix's `properties` and its description),
//! and the baseline's fingerprint (rule, flagged text and its context on the line, never the line
//! number) as `partialFingerprints`, so code scanning follows a finding across edits as a
//! baseline does. Columns count Unicode code points (`columnKind`), as in every copydesk output;
//! regions also carry the exact byte offsets. Paths stay relative, written as URI references.

use super::Renderer;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::source::Source;
use serde_json::{Value, json};
use std::io::{self, Write};

/// What SARIF says about a rule: the parts of [`crate::rule::Rule`] a reader needs.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo<'a> {
    pub id: &'a str,
    pub severity: Severity,
    pub why: &'a str,
    pub help: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl<'a> From<&'a crate::rule::Rule> for RuleInfo<'a> {
    fn from(rule: &'a crate::rule::Rule) -> Self {
        RuleInfo {
            id: &rule.id,
            severity: rule.severity,
            why: &rule.why,
            help: rule.help.as_deref(),
            url: rule.url.as_deref(),
        }
    }
}

/// `--format sarif`: the log's envelope is written first, the results one by one, then its close.
pub struct Sarif<'a> {
    /// Sorted by id: a result names its rule's index in this list.
    rules: Vec<RuleInfo<'a>>,
    /// The envelope's text after the results array.
    tail: String,
    written: usize,
}

/// Stands in the envelope where the results go, to be cut out when it is written.
const RESULTS: &str = "\u{0}results\u{0}";

/// The key of copydesk's fingerprint in `partialFingerprints` (versioned: a new way of computing
/// it gets a new key, so old alerts are not matched against it).
pub const FINGERPRINT: &str = "copydesk/v1";

impl<'a> Sarif<'a> {
    /// `rules`: the rules that run; the meta-rules, which may report in any run, are added.
    pub fn new(mut rules: Vec<RuleInfo<'a>>) -> Self {
        rules.extend(crate::suppress::meta_rules().iter().map(RuleInfo::from));
        rules.sort_by(|a, b| a.id.cmp(b.id));
        rules.dedup_by(|a, b| a.id == b.id);
        Sarif {
            rules,
            tail: String::new(),
            written: 0,
        }
    }
}

impl Renderer for Sarif<'_> {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "copydesk",
                        "informationUri": crate::docs::HOME,
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": self.rules.iter().map(descriptor).collect::<Vec<_>>(),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": RESULTS,
            }]
        });
        let text = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
        let marker = serde_json::to_string(RESULTS).map_err(io::Error::other)?;
        let (head, tail) = text
            .split_once(&marker)
            .expect("the envelope holds the marker once");
        self.tail = tail.to_string();
        write!(out, "{head}[")
    }

    /// The file's own text (`sources[0]`) gives each result its fingerprint.
    fn file(
        &mut self,
        out: &mut dyn Write,
        sources: &[&Source],
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let text = sources
            .first()
            .filter(|s| diagnostics.first().is_some_and(|d| *d.path == *s.path))
            .map(|s| s.text.as_str());
        // Identical findings of a file share a fingerprint: the occurrence tells them apart, as
        // GitHub's own `primaryLocationLineHash` does.
        let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        for d in diagnostics {
            out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            let mut result = result(d, &self.rules);
            if let Some(fingerprint) = text.map(|t| crate::baseline::fingerprint(t, d)) {
                let n = seen.entry(fingerprint).or_default();
                *n += 1;
                result["partialFingerprints"] =
                    json!({ FINGERPRINT: format!("{fingerprint:016x}:{n}") });
            }
            let pretty = serde_json::to_string_pretty(&result).map_err(io::Error::other)?;
            for (i, line) in pretty.lines().enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                write!(out, "        {line}")?;
            }
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.written > 0 {
            out.write_all(b"\n      ")?;
        }
        writeln!(out, "]{}", self.tail)
    }
}

pub fn render(diagnostics: &[Diagnostic], rules: &[RuleInfo]) -> String {
    super::to_string(&mut Sarif::new(rules.to_vec()), &[], diagnostics)
}

fn descriptor(rule: &RuleInfo) -> Value {
    let summary = crate::rule::summary(rule.why, usize::MAX);
    let why = rule.why.trim();
    let mut help = why.to_string();
    let mut markdown = why.to_string();
    if let Some(fix) = rule.help {
        help.push_str("\n\nFix: ");
        help.push_str(fix);
        markdown.push_str("\n\n**Fix:** ");
        markdown.push_str(fix);
    }
    if let Some(url) = rule.url {
        markdown.push_str(&format!("\n\n[Documentation, examples and options]({url})"));
    }
    let mut descriptor = json!({
        "id": rule.id,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": why },
        "help": { "text": help, "markdown": markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": [rule.id.split('/').next().unwrap_or(rule.id)] },
    });
    if let Some(url) = rule.url {
        descriptor["helpUri"] = json!(url);
    }
    descriptor
}

fn result(d: &Diagnostic, rules: &[RuleInfo]) -> Value {
    let mut text = d.message.clone();
    for note in &d.notes {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [physical(&d.path, &d.span, None)],
    });
    if let Ok(index) = rules.binary_search_by(|r| r.id.cmp(&d.rule)) {
        result["ruleIndex"] = json!(index);
    }
    if !d.labels.is_empty() {
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut location = physical(
                    l.path.as_deref().unwrap_or(&d.path),
                    &l.span,
                    Some(&l.message),
                );
                location["id"] = json!(i);
                location
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &d.fix {
        let description = if fix.replacement.is_empty() {
            "Delete this text".to_string()
        } else {
            format!("Replace with `{}`", fix.replacement)
        };
        let description = format!(
            "{description} ({})",
            crate::render::human::applied_by(fix.applicability)
        );
        result["fixes"] = json!([{
            "description": { "text": description },
            "properties": { "applicability": fix.applicability.as_str() },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(&d.path) },
                "replacements": [{
                    "deletedRegion": region(&fix.span),
                    "insertedContent": { "text": fix.replacement },
                }],
            }],
        }]);
    }
    result
}

fn physical(path: &str, span: &Location, message: Option<&str>) -> Value {
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(path) },
            "region": region(span),
        }
    });
    if let Some(message) = message {
        location["message"] = json!({ "text": message });
    }
    location
}

fn region(span: &Location) -> Value {
    json!({
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "byteOffset": span.start,
        "byteLength": span.end - span.start,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `path` as a URI reference: `/` separators, no leading `./`, and every byte outside the
/// unreserved set and `/` percent-encoded (spaces, `#`, `?` and non-ASCII names included).
/// Absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let mut out = String::with_capacity(rest.len());
    if rest.starts_with('/') {
        out.push_str("file://");
    }
    for &b in rest.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("./articles/003.txt"), "articles/003.txt");
        assert_eq!(
            uri("news\\2024 drafts\\café #1.md"),
            "news/2024%20drafts/caf%C3%A9%20%231.md"
        );
        assert_eq!(uri("/srv/a.txt"), "file:///srv/a.txt");
        assert_eq!(uri("-"), "-");
    }
}
