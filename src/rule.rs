//! Rule files: one TOML file per rule, its path under a rule folder is its id.
//!
//! Every rule has the common keys below plus the parameters of its `kind` (see `src/checks/`).
//! Parsing is strict: a syntax error or a value of the wrong type is an [`InputError`] pointing
//! into the file; [`crate::ruleset::parse`] adds the checks that need the kinds (an unknown kind or
//! key, a rule without examples). Kind parameters are read later, when the kind compiles the rule,
//! from the same text, so their errors point at the offending value too.

mod summary;

pub use summary::{split, summary};

use crate::diagnostic::{Applicability, Severity};
use crate::error::InputError;
use crate::params::{self, Layer};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Rule {
    /// `family/name`, from the file's path.
    pub id: String,
    /// Where the rule came from, for messages: `built-in` or the file's path.
    pub origin: String,
    /// The rule file's text, from which the kind reads its parameters.
    pub source: String,
    /// The `_shared.toml` files of its family that serve its kind, in the order they are read
    /// before the rule file (see [`crate::params`]).
    pub shared: Vec<Arc<Layer>>,
    pub kind: String,
    pub severity: Severity,
    /// The message template: `{name}` is replaced by the finding's value of that name.
    pub message: String,
    pub help: Option<String>,
    pub why: String,
    /// Off unless selected by name (for rules that suit some desks only).
    pub enabled: bool,
    /// How safe the rule's fixes are (`fix = "safe" | "unsafe"`); `None` when the file does not
    /// say, which makes them unsafe: rewriting copy unread must be a decision of the rule's
    /// author, not a default. Only a rule whose kind and parameters make fixes may declare it
    /// ([`crate::ruleset::parse`] checks). A check may lower it per finding, and a finding below
    /// warning never has a safe fix ([`Applicability::effective`]).
    pub fix: Option<Applicability>,
    pub examples: Vec<Example>,
    /// Where the rule is documented: a built-in rule's page ([`crate::docs::rule_url`]), or the
    /// `url` a house rule gives (its style guide's entry), shared by every diagnostic it reports.
    pub url: Option<Arc<str>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// The exact text of each primary span the rule must report on `text`, in order.
    pub flags: Vec<String>,
    /// How the text is read: `text` (default), `markdown` or `html`.
    #[serde(default)]
    pub format: crate::markup::Format,
}

/// The keys every rule file has, whatever its kind.
#[derive(Deserialize)]
struct Common {
    kind: String,
    severity: Severity,
    message: String,
    #[serde(default)]
    help: Option<String>,
    why: String,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    fix: Option<Applicability>,
    #[serde(default)]
    example: Vec<Example>,
    #[serde(default)]
    url: Option<String>,
}

fn yes() -> bool {
    true
}

impl Rule {
    pub fn family(&self) -> &str {
        self.id.split('/').next().unwrap_or(&self.id)
    }

    /// Reads the common keys of the rule file `text`, whose id is `id`. The kind, its parameter
    /// keys and the examples are validated by [`crate::ruleset::parse`], which knows the kinds.
    pub fn parse(id: &str, origin: &str, text: &str) -> Result<Rule, InputError> {
        let common: Common =
            toml::from_str(text).map_err(|e| InputError::toml(origin, text, &e))?;
        Ok(Rule {
            id: id.to_string(),
            origin: origin.to_string(),
            source: text.to_string(),
            shared: Vec::new(),
            kind: common.kind,
            severity: common.severity,
            message: common.message,
            help: common.help,
            why: common.why,
            enabled: common.enabled,
            fix: common.fix,
            examples: common.example,
            url: common.url.map(Arc::from),
        })
    }

    /// Reads this rule's kind parameters, its family's shared files first, with errors pointing
    /// into the file they came from.
    pub fn params<P: DeserializeOwned>(&self) -> Result<P, InputError> {
        let own = Layer {
            origin: self.origin.clone(),
            text: self.source.clone(),
        };
        let mut layers: Vec<&Layer> = self.shared.iter().map(|l| l.as_ref()).collect();
        layers.push(&own);
        params::merged(&layers)
    }

    /// An error about one of this rule's values, pointing at `span` of the rule file.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: &str, label: &str) -> InputError {
        InputError::new(&self.origin, format!("`{}`: {message}", self.origin)).at(
            &self.source,
            span.into(),
            label,
        )
    }

    /// Renders the message template with `vars`; `{name}` with no value is left as it is.
    pub fn render_message<K: AsRef<str>, V: AsRef<str>>(&self, vars: &[(K, V)]) -> String {
        render_template(&self.message, vars)
    }
}

/// The keys of every rule file, whatever its kind.
pub const COMMON_KEYS: &[&str] = &[
    "kind", "severity", "message", "help", "why", "enabled", "fix", "example", "url", "extend",
];

pub fn render_template<K: AsRef<str>, V: AsRef<str>>(template: &str, vars: &[(K, V)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close))
                if let Some((_, value)) = vars.iter().find(|(n, _)| n.as_ref() == name) =>
            {
                out.push_str(value.as_ref());
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The id a rule file's path gives it: `rules/residue/read-more.toml` → `residue/read-more`.
pub fn id_from_path(relative: &std::path::Path) -> Option<String> {
    let stem = relative.with_extension("");
    let parts: Vec<&str> = stem.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
    (parts.len() == 2).then(|| parts.join("/"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const RULE: &str = r#"
kind = "phrase"
severity = "error"
message = "leftover `{match}`"
why = "Scraped."
phrases = ["Read More"]

[[example]]
text = "Read More"
flags = ["Read More"]

[[example]]
text = "Fine."
flags = []
"#;

    #[test]
    fn a_valid_rule_parses() {
        let rule = Rule::parse("residue/x", "x.toml", RULE).unwrap();
        assert_eq!(rule.severity, Severity::Error);
        assert_eq!(rule.examples.len(), 2);
        assert_eq!(
            rule.render_message(&[("match", "Read More")]),
            "leftover `Read More`"
        );
    }

    #[test]
    fn templates_leave_unknown_placeholders() {
        assert_eq!(render_template("a {x} b {y}", &[("x", "1")]), "a 1 b {y}");
    }

    #[test]
    fn ids_come_from_paths() {
        assert_eq!(
            id_from_path(std::path::Path::new("residue/read-more.toml")).as_deref(),
            Some("residue/read-more")
        );
        assert_eq!(id_from_path(std::path::Path::new("read-more.toml")), None);
    }
}
