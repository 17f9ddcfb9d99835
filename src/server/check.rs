//! The server's one door into copydesk's check pipeline. A document's rules are planned exactly
//! as `copydesk check` plans them for that file ([`Plan`]: its config, the `[[overrides]]` that
//! match it, built-in and house rules), and its text becomes the diagnostics `copydesk check`
//! would print for it ([`Profile::check`]: the engine, then inline suppressions).

use crate::diagnostic::Diagnostic;
use crate::engine::{CorpusPass, FileSummary};
use crate::error::InputError;
use crate::explain;
use crate::markup::Format;
use crate::plan::{self, CheckOptions, ConfigChoice, Plan, Profile};
use crate::run::{self, Input};
use crate::source::Source;
use crate::suppress;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The rules of one document (or of the files sharing its config and overrides).
pub struct Checker {
    profile: Profile,
    /// The explanations made so far, by rule id.
    explained: Mutex<HashMap<String, Option<String>>>,
}

impl Checker {
    fn new(profile: Profile) -> Self {
        Checker {
            profile,
            explained: Mutex::new(HashMap::new()),
        }
    }

    /// The checker of the document at `path` (`None`: a document that is no file) under the
    /// config at `config` (`None`: no config). Errors: whatever would stop `copydesk check`.
    pub fn plan(config: Option<&Path>, path: Option<&Path>) -> Result<Checker, Vec<InputError>> {
        let choice = config.map_or(ConfigChoice::None, |p| ConfigChoice::File(p.to_path_buf()));
        let options = options(choice);
        let input = match path {
            Some(path) => Input::file(
                path.to_path_buf(),
                Format::from_path(path).unwrap_or_default(),
            ),
            None => Input::Stdin {
                name: "-".to_string(),
                format: Format::default(),
            },
        };
        let mut plan = Plan::new(plan::Configs::new(&options), vec![input])?;
        let index = plan.inputs[0].1;
        Ok(Checker::new(plan.profiles.swap_remove(index)))
    }

    /// The diagnostics of `text`, the document `name` in `format`, as `copydesk check` reports
    /// them, and what the cross-file pass keeps of it. `cross_file`: whether a cross-file pass
    /// will run over the document (its suppressions of those rules are judged after it).
    pub fn check(
        &self,
        name: &str,
        text: String,
        format: Format,
        cross_file: bool,
    ) -> (Vec<Diagnostic>, Option<FileSummary>) {
        crate::guard::test_crash(&text);
        self.profile
            .check(&Source::new(name, text), format, cross_file)
    }

    /// What the cross-file pass keeps of a file, without checking it further.
    pub fn summarize(&self, name: &str, text: String, format: Format) -> Option<FileSummary> {
        crate::guard::test_crash(&text);
        let source = Source::new(name, text);
        self.profile.engine.check_file(&source, format, true).1
    }

    /// The cross-file findings about `source` that its suppressions let through; the reports of
    /// unused suppressions in `reported` that turn out used are withdrawn.
    pub fn late(
        &self,
        source: &Source,
        format: Format,
        late: Vec<Diagnostic>,
        reported: &mut Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        suppress::apply_late(source, format, late, &self.profile.names(true), reported)
    }

    /// The cross-file pass, when some rule that runs has one.
    pub fn corpus(&self) -> Option<CorpusPass<'_>> {
        self.profile.engine.corpus()
    }

    /// `copydesk explain RULE` for a rule that runs here, or a meta-rule; made once per rule (it
    /// runs the rule's examples).
    pub fn explain(&self, rule: &str) -> Option<String> {
        let mut explained = self.explained.lock().unwrap_or_else(|e| e.into_inner());
        explained
            .entry(rule.to_string())
            .or_insert_with(|| explain::explain(rule, &self.profile.engine.rules).ok())
            .clone()
    }

    /// Whether an inline suppression in `source` silences `d`.
    pub fn silenced(&self, source: &Source, format: Format, d: &Diagnostic) -> bool {
        let kept = suppress::apply(source, format, vec![d.clone()], &self.profile.names(false));
        !kept.contains(d)
    }
}

/// A file to summarise: path, name in diagnostics, format, and the index of its checker.
pub type Planned = (PathBuf, String, Format, usize);

/// The articles of the workspace folder `folder` (or, with `files`, those files of it) with a
/// checker for each, as `copydesk check FOLDER` plans them: each file under its nearest config
/// (that of `folder` when there is no nearer one). The first file's checker runs the cross-file
/// pass, as in `copydesk check`.
pub fn plan_folder(
    folder: &Path,
    files: Option<&[PathBuf]>,
) -> Result<(Vec<Planned>, Vec<Checker>), Vec<InputError>> {
    let options = options(ConfigChoice::Discover(folder.to_path_buf()));
    let configs = plan::Configs::new(&options);
    let paths = files.map_or_else(|| vec![folder.to_path_buf()], <[PathBuf]>::to_vec);
    // What cannot be read is left out silently: it is not open in the editor.
    let (inputs, _) = run::collect(&paths, None, &|path| configs.excluded(path));
    let plan = Plan::new(configs, inputs)?;
    let planned = plan
        .inputs
        .into_iter()
        .filter_map(|(input, profile)| {
            let display = input.display().to_string();
            match input {
                Input::File { path, format, .. } => Some((path, display, format, profile)),
                Input::Stdin { .. } => None,
            }
        })
        .collect();
    let checkers = plan.profiles.into_iter().map(Checker::new).collect();
    Ok((planned, checkers))
}

/// The options of a `copydesk check` run given nothing on its command line but `config`.
fn options(config: ConfigChoice) -> CheckOptions {
    CheckOptions {
        config,
        ..CheckOptions::default()
    }
}
