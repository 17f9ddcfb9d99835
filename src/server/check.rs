//! The server's one door into copydesk's check pipeline. A config file (or none) becomes a
//! [`Checker`] exactly as `copydesk check` sets itself up (config, built-in rules and rule folders,
//! selection, engine), and a document's text becomes the diagnostics `copydesk check` would print
//! for that file (the engine, then inline suppressions). When the library offers one function that
//! checks one document, this file is the only one to change.

use crate::app::{self, ConfigChoice, Setup};
use crate::checks::Settings;
use crate::diagnostic::Diagnostic;
use crate::engine::{CorpusPass, Engine, FileSummary, Selection};
use crate::error::InputError;
use crate::explain;
use crate::markup::Format;
use crate::run::{self, Input};
use crate::source::Source;
use crate::suppress::{self, RuleNames};
use crate::workflow::{Workflow, WorkflowOptions};
use globset::GlobSet;
use std::path::{Path, PathBuf};

/// Where a rule is defined.
pub enum RuleHome {
    BuiltIn,
    /// A house rule, in this file.
    File(PathBuf),
}

/// Everything needed to check documents under one config.
pub struct Checker {
    engine: Engine,
    selection: Selection,
    /// Every loaded rule id, run or not: suppressions may name any of them.
    known: Vec<String>,
    /// The folders of extra rules the config names.
    pub rule_dirs: Vec<PathBuf>,
    exclude: GlobSet,
    /// The folder the config's `exclude` globs are relative to.
    root: Option<PathBuf>,
}

impl Checker {
    /// Sets up as `copydesk check --config PATH` (or `--no-config`) would. Every problem that
    /// would stop `copydesk check` (a broken config, rule file or glob) is an error here too.
    pub fn load(config: Option<&Path>) -> Result<Checker, Vec<InputError>> {
        let choice = config.map_or(ConfigChoice::None, |p| ConfigChoice::File(p.to_path_buf()));
        let Setup {
            config,
            rules,
            mut errors,
        } = app::setup(&choice);
        let strings = |list: &[toml::Spanned<String>]| -> Vec<String> {
            list.iter().map(|s| s.get_ref().clone()).collect()
        };
        let selection = Selection {
            select: strings(&config.select),
            ignore: strings(&config.ignore),
            severity: config
                .severity
                .iter()
                .map(|(name, &severity)| (name.get_ref().clone(), severity))
                .collect(),
        };
        let settings = Settings {
            locale: config
                .locale
                .as_ref()
                .map_or_else(|| "en".to_string(), |l| l.get_ref().clone()),
            names: config.names.clone(),
        };
        let known = rules.iter().map(|r| r.id.clone()).collect();
        let exclude = app::exclude_set(&config).map_err(|e| errors.push(e)).ok();
        let engine = Engine::new(rules, &selection, &settings).map_err(|e| errors.extend(e));
        let (Ok(engine), Some(exclude), true) = (engine, exclude, errors.is_empty()) else {
            return Err(errors);
        };
        let root = config.root();
        Ok(Checker {
            engine,
            selection,
            known,
            rule_dirs: config
                .rule_dirs
                .iter()
                .map(|d| root.clone().unwrap_or_default().join(d))
                .collect(),
            exclude,
            root,
        })
    }

    /// The diagnostics of `text`, the file `path` in `format`, as `copydesk check` reports them,
    /// and with `summarize` what the cross-file pass keeps of it.
    pub fn check(
        &self,
        path: &str,
        text: String,
        format: Format,
        summarize: bool,
    ) -> (Vec<Diagnostic>, Option<FileSummary>) {
        let options = WorkflowOptions::default();
        // Without a baseline to read, setting up the workflow cannot fail.
        let Ok(workflow) =
            Workflow::new(&self.engine, self.known.clone(), &self.selection, &options)
        else {
            return (Vec::new(), None);
        };
        let input = Input::File {
            path: PathBuf::from(path),
            display: path.to_string(),
            format,
        };
        let result = workflow.with_summaries(summarize).file(
            &input,
            Ok((Source::new(path, text), format)),
            None,
        );
        (result.report.diagnostics, result.summary)
    }

    /// The cross-file pass, when some rule that runs has one.
    pub fn corpus(&self) -> Option<CorpusPass<'_>> {
        self.engine.corpus()
    }

    /// The cross-file findings about `source` that its inline suppressions let through (they are
    /// not judged unused here: the per-file check already did, as `copydesk check` does).
    pub fn silence(
        &self,
        source: &Source,
        format: Format,
        late: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let active: Vec<String> = self.engine.rules.iter().map(|r| r.id.clone()).collect();
        let names = RuleNames {
            known: &self.known,
            active: &active,
            late: &[],
            unused: None,
            invalid: None,
        };
        suppress::apply(source, format, late, &names)
    }

    /// `copydesk explain RULE` for a rule that runs here, or a meta-rule.
    pub fn explain(&self, rule: &str) -> Option<String> {
        match self.engine.rules.iter().find(|r| r.id == rule) {
            Some(r) => Some(explain::explain(r)),
            None => suppress::explain(rule).map(str::to_string),
        }
    }

    /// Where the rule `id` that runs here is defined; `None` for a meta-rule.
    pub fn rule_home(&self, id: &str) -> Option<RuleHome> {
        let rule = self.engine.rules.iter().find(|r| r.id == id)?;
        // Built-in rules are named by their path in this repository (see `ruleset::builtin`).
        Some(if rule.origin == format!("rules/{id}.toml") {
            RuleHome::BuiltIn
        } else {
            RuleHome::File(PathBuf::from(&rule.origin))
        })
    }

    /// The articles below `folder`, as `copydesk check FOLDER` walks it: hidden entries, skipped
    /// folders and the config's `exclude` left out. What cannot be read is left out silently; it
    /// is not open in the editor.
    pub fn walk(&self, folder: &Path) -> Vec<(PathBuf, String, Format)> {
        let root = self.root.clone().unwrap_or_else(|| folder.to_path_buf());
        let (inputs, _) = run::collect(&[folder.to_path_buf()], None, &self.exclude, &root);
        inputs
            .into_iter()
            .filter_map(|input| match input {
                Input::File {
                    path,
                    display,
                    format,
                } => Some((path, display, format)),
                Input::Stdin { .. } => None,
            })
            .collect()
    }

    /// Whether a folder walk skips `path` for the config's `exclude` (checked on the file and on
    /// each folder above it, as the walk prunes folders).
    pub fn excludes(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let relative = self
            .root
            .as_deref()
            .and_then(|root| path.strip_prefix(root).ok())
            .unwrap_or(path);
        path.ancestors()
            .zip(relative.ancestors())
            .take_while(|(_, r)| !r.as_os_str().is_empty())
            .any(|(p, r)| self.exclude.is_match(r) || self.exclude.is_match(p))
    }

    /// The rule ids the config may name, for checking suppressions.
    pub fn known(&self) -> &[String] {
        &self.known
    }

    /// The ids of the rules that run.
    pub fn active(&self) -> Vec<String> {
        self.engine.rules.iter().map(|r| r.id.clone()).collect()
    }
}
