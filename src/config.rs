//! `copydesk.toml`: found by walking up from the current folder (`copydesk.toml`, then
//! `.copydesk.toml`, in each folder), parsed strictly. Unknown keys, unknown rule ids, bad globs and
//! bad values are errors that point at the offending text.

use crate::diagnostic::Severity;
use crate::error::InputError;
use crate::rule::Rule;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAMES: &[&str] = &["copydesk.toml", ".copydesk.toml"];

/// The locales the quotation-mark conventions know.
pub const LOCALES: &[&str] = &["en", "fr", "de", "ch"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule ids or families to run (default: every rule enabled by default).
    #[serde(default)]
    pub select: Vec<toml::Spanned<String>>,
    /// Rule ids or families not to run.
    #[serde(default)]
    pub ignore: Vec<toml::Spanned<String>>,
    /// Severity overrides by rule id or family.
    #[serde(default)]
    pub severity: BTreeMap<toml::Spanned<String>, Severity>,
    /// Folders of extra rules (`<family>/<name>.toml`), relative to the config file.
    #[serde(default)]
    pub rule_dirs: Vec<String>,
    /// Globs of paths not to check, relative to the config file's folder.
    #[serde(default)]
    pub exclude: Vec<toml::Spanned<String>>,
    /// The quotation-mark convention of the copy.
    #[serde(default)]
    pub locale: Option<toml::Spanned<String>>,
    /// The lowest severity that makes the exit code 1.
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// The house table of name spellings: `[[names.entity]]`, `[[names.distinct]]`.
    #[serde(default)]
    pub names: crate::checks::names::table::HouseTable,
    /// The config file's path and text, for errors found after parsing.
    #[serde(skip)]
    pub file: Option<(String, String)>,
}

/// The nearest config file from `start` upwards.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .flat_map(|dir| FILE_NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, InputError> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| InputError::io(&display, &e))?;
        Config::parse(display, text)
    }

    /// Parses `text`, the content of the config file shown as `display`.
    pub fn parse(display: String, text: String) -> Result<Config, InputError> {
        let mut config: Config =
            toml::from_str(&text).map_err(|e| InputError::toml(&display, &text, &e))?;
        config.file = Some((display, text));
        if let Some(locale) = &config.locale
            && !LOCALES.contains(&locale.get_ref().as_str())
        {
            return Err(config.error_at(
                locale.span(),
                &format!("unknown locale `{}`", locale.get_ref()),
                &format!("expected one of: {}", LOCALES.join(", ")),
            ));
        }
        Ok(config)
    }

    /// The folder that relative paths in the config are relative to.
    pub fn root(&self) -> Option<PathBuf> {
        let (path, _) = self.file.as_ref()?;
        Some(
            Path::new(path)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
        )
    }

    /// Checks that every rule id or family the config names exists.
    pub fn validate(&self, rules: &[Rule]) -> Vec<InputError> {
        let mut errors = Vec::new();
        for name in self
            .select
            .iter()
            .chain(&self.ignore)
            .chain(self.severity.keys())
        {
            if !is_known(name.get_ref(), rules) {
                errors.push(self.error_at(
                    name.span(),
                    &format!("unknown rule or family `{}`", name.get_ref()),
                    "unknown rule",
                ));
            }
        }
        errors
    }

    pub fn error_at(&self, span: std::ops::Range<usize>, message: &str, label: &str) -> InputError {
        match &self.file {
            Some((path, text)) => {
                InputError::new(path, format!("`{path}`: {message}")).at(text, span.into(), label)
            }
            None => InputError::new("copydesk.toml", message),
        }
    }
}

/// Whether `name` is a rule id, a family, or one of the built-in meta-rules.
fn is_known(name: &str, rules: &[Rule]) -> bool {
    crate::suppress::is_meta(name) || rules.iter().any(|r| r.id == name || r.family() == name)
}

/// The names in `names` that are no rule id or family (for `--select` and `--ignore`).
pub fn unknown_names(names: &[String], rules: &[Rule]) -> Vec<String> {
    names
        .iter()
        .filter(|n| !is_known(n, rules))
        .cloned()
        .collect()
}
