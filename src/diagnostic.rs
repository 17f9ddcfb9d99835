//! The plain-data result of a check: what is wrong, where, and what to do about it.
//!
//! Checks produce [`Finding`]s (spans into the prose they were given, no rule or file attached);
//! the engine turns each into a [`Diagnostic`] with the rule id, severity, file and positions in
//! the file on disk. Only renderers know about codespan, JSON or SARIF.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a check reports, in the coordinates of the document it was given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Finding {
    pub span: Span,
    /// Values for the rule's message template, such as `match` or `other`.
    pub vars: Vec<(Cow<'static, str>, String)>,
    /// Replaces the rule's message template when the check knows better (rare).
    pub message: Option<String>,
    pub labels: Vec<FindingLabel>,
    pub notes: Vec<String>,
    /// Replaces the rule's help when the fix depends on the match.
    pub help: Option<String>,
    pub fix: Option<FindingFix>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingLabel {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingFix {
    pub span: Span,
    pub replacement: String,
    /// What the check thinks of this fix: [`Applicability::Safe`] means as safe as the rule
    /// allows; a check lowers it for a finding it is less sure of.
    pub applicability: Applicability,
}

/// Whether a fix may be applied without a person reading it, as ruff has it: `--fix` applies
/// the safe fixes, `--unsafe-fixes` adds the others.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// A guess, or a fix whose meaning depends on what the writer meant: only with
    /// `--unsafe-fixes`. The default wherever nobody said otherwise.
    #[default]
    Unsafe,
    /// Certainly right: applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }

    /// The applicability of a fix that a rule declared `declared` (`None`: not declared) and
    /// its check judged `judged`, on a finding of `severity`: safe only when both say so and the
    /// finding is at least a warning (an info-level finding is a hint, never a rewrite).
    pub fn effective(
        declared: Option<Applicability>,
        judged: Applicability,
        severity: Severity,
    ) -> Applicability {
        let safe = declared == Some(Applicability::Safe)
            && judged == Applicability::Safe
            && severity >= Severity::Warning;
        if safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        }
    }
}

impl fmt::Display for Applicability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Finding {
    pub fn new(span: Span) -> Self {
        Finding {
            span,
            ..Finding::default()
        }
    }

    pub fn var(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        self.vars.push((name.into(), value.into()));
        self
    }

    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(FindingLabel {
            span,
            message: message.into(),
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    pub fn fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(FindingFix {
            span,
            replacement: replacement.into(),
            applicability: Applicability::Safe,
        });
        self
    }

    /// Marks this finding's fix unsafe whatever its rule declares (a guess of the check's).
    pub fn unsafe_fix(mut self) -> Self {
        if let Some(fix) = &mut self.fix {
            fix.applicability = Applicability::Unsafe;
        }
        self
    }
}

/// A span in a file on disk with its human positions, as the JSON contract spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Set when the label points into another file than the diagnostic's.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    pub span: Location,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub span: Location,
    pub replacement: String,
    /// `safe` (applied by `--fix`) or `unsafe` (only with `--unsafe-fixes`). Added after the
    /// first release: a reader of older output finds none, which means unsafe.
    #[serde(default)]
    pub applicability: Applicability,
}

/// One reported problem, in the shape of the public JSON contract (see README, "JSON output").
///
/// The strings that many diagnostics repeat (the file, the rule, a rule's help) are shared, not
/// copied: a file with a million findings holds each of them once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub path: Arc<str>,
    pub rule: Arc<str>,
    pub severity: Severity,
    pub message: String,
    pub span: Location,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<Arc<str>>,
    pub fix: Option<Fix>,
    /// The rule's documentation page, when it has one (every built-in rule does).
    #[serde(default)]
    pub url: Option<Arc<str>>,
}

impl Diagnostic {
    /// The deterministic output order: path, position, rule, then message.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            &self.path,
            self.span.start,
            self.span.end,
            &self.rule,
            &self.message,
        )
    }

    pub fn family(&self) -> &str {
        self.rule.split('/').next().unwrap_or(&self.rule)
    }
}
