//! The plan of a check run: the command line's options and the configs resolved, once, into what
//! the run needs. Each file is governed by the nearest config above it (or the one the command line
//! names), with the `[[overrides]]` that match it; each distinct combination becomes a
//! [`Profile`]: its rules compiled once. Everything that can be wrong with the setup (a broken
//! config or rule file, an unknown rule name) is found here, before any file is checked.

use crate::checks::Settings;
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::engine::FileSummary;
use crate::engine::{Engine, Selection};
use crate::error::InputError;
use crate::markup::Format;
use crate::render::OutputFormat;
use crate::rule::Rule;
use crate::ruleset;
use crate::run::Input;
use crate::source::Source;
use crate::suppress::{self, RuleNames};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What a run does with the findings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// Report them.
    #[default]
    Report,
    /// `--fix`: write the fixed files (standard input: print the fixed text), report what remains.
    Fix,
    /// `--diff`: print the fixes as a unified diff, write nothing.
    Diff,
    /// `--write-baseline`: record every finding in this baseline instead of reporting.
    WriteBaseline(PathBuf),
}

#[derive(Debug, Clone, Default)]
pub enum ConfigChoice {
    /// Look for `copydesk.toml` / `.copydesk.toml` above each file, then above this folder.
    Discover(PathBuf),
    /// This config governs every file.
    File(PathBuf),
    #[default]
    None,
}

/// One output of a run: a format, and the file it goes to (`None`: standard output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: OutputFormat,
    pub path: Option<PathBuf>,
}

/// The options of `copydesk check`, as the command line gives them. The default is the plainest
/// run: no paths, no outputs, no config, findings reported.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    /// The reports to write; at most one to standard output.
    pub outputs: Vec<OutputSpec>,
    /// Exit with 0 whatever the findings (errors still exit with 2).
    pub exit_zero: bool,
    /// Print counts per rule instead of the findings.
    pub statistics: bool,
    pub fail_on: Option<Severity>,
    /// Replaces the configs' `select` when given.
    pub select: Option<Vec<String>>,
    /// Added to the configs' `ignore`.
    pub ignore: Vec<String>,
    pub color: bool,
    pub config: ConfigChoice,
    /// Whether configs may reach rule folders and configs outside their repository.
    pub allow_external_rules: bool,
    pub stdin_filename: Option<String>,
    /// What the run does with the findings.
    pub mode: Mode,
    /// Which fixes `--fix` and `--diff` apply.
    pub fix_options: crate::fix::FixOptions,
    /// Hide the findings this baseline knows.
    pub baseline: Option<PathBuf>,
}

/// A config, the rules it adds and validates, and the errors met on the way.
pub struct Setup {
    pub config: Config,
    pub rules: Vec<Rule>,
    pub errors: Vec<InputError>,
}

/// Loads the chosen config and the rules: the built-in ones and those of its rule folders.
pub fn setup(choice: &ConfigChoice) -> Setup {
    let path = match choice {
        ConfigChoice::Discover(dir) => config::find(dir),
        ConfigChoice::File(p) => Some(p.clone()),
        ConfigChoice::None => None,
    };
    load(path.as_deref(), false)
}

fn load(path: Option<&Path>, external: bool) -> Setup {
    let mut errors = Vec::new();
    let config = match path.map(|p| Config::load(p, external)) {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            errors.push(e);
            Config::default()
        }
        None => Config::default(),
    };
    let mut rules = ruleset::builtin();
    for (dir, within, _) in &config.rule_dirs {
        ruleset::load_dir(dir, within.as_deref(), &mut rules, &mut errors);
    }
    errors.extend(config.validate(&rules));
    Setup {
        config,
        rules,
        errors,
    }
}

/// The rules and settings that govern some of the run's files.
pub struct Profile {
    pub engine: Engine,
    /// Every loaded rule id, run or not: suppressions may name any of them.
    pub known: Vec<String>,
    /// The ids of the rules that run.
    pub active: Vec<String>,
    /// The severities of the meta-rules, `None` when ignored.
    pub unused: Option<Severity>,
    pub invalid: Option<Severity>,
}

impl Profile {
    /// What suppressions may know of this profile's rules. `cross_file`: whether a cross-file
    /// pass runs after the per-file step.
    pub fn names(&self, cross_file: bool) -> RuleNames<'_> {
        RuleNames {
            known: &self.known,
            active: &self.active,
            deferred: if cross_file {
                self.engine.cross_file_rules()
            } else {
                &[]
            },
            unused: self.unused,
            invalid: self.invalid,
        }
    }

    /// One document's diagnostics as `copydesk check` reports them (its findings, then its inline
    /// suppressions), and with `cross_file` what the cross-file pass keeps of it.
    pub fn check(
        &self,
        source: &Source,
        format: Format,
        cross_file: bool,
    ) -> (Vec<Diagnostic>, Option<FileSummary>) {
        crate::examples::check(
            &self.engine,
            &self.names(cross_file),
            source,
            format,
            cross_file,
        )
    }
}

/// The configs met so far, each loaded once, and which governs which folder.
pub struct Configs<'o> {
    options: &'o CheckOptions,
    /// Loaded configs; index 0 governs files no nearer config governs.
    setups: RefCell<Vec<Setup>>,
    by_path: RefCell<HashMap<PathBuf, usize>>,
    /// Folder → the config governing it.
    by_dir: RefCell<HashMap<PathBuf, usize>>,
}

impl<'o> Configs<'o> {
    pub fn new(options: &'o CheckOptions) -> Self {
        let configs = Configs {
            options,
            setups: RefCell::new(Vec::new()),
            by_path: RefCell::new(HashMap::new()),
            by_dir: RefCell::new(HashMap::new()),
        };
        let path = match &options.config {
            ConfigChoice::Discover(dir) => config::find(dir),
            ConfigChoice::File(p) => Some(p.clone()),
            ConfigChoice::None => None,
        };
        configs.setup(path);
        configs
    }

    /// The index of the config at `path` (`None`: the defaults), loaded on first use.
    fn setup(&self, path: Option<PathBuf>) -> usize {
        let path = path.map(|p| std::path::absolute(&p).unwrap_or(p));
        let key = path.clone().unwrap_or_default();
        if let Some(&i) = self.by_path.borrow().get(&key) {
            return i;
        }
        let setup = load(path.as_deref(), self.options.allow_external_rules);
        let mut setups = self.setups.borrow_mut();
        setups.push(setup);
        self.by_path.borrow_mut().insert(key, setups.len() - 1);
        setups.len() - 1
    }

    /// The config governing the files of folder `dir`.
    fn governing(&self, dir: &Path) -> usize {
        if !matches!(self.options.config, ConfigChoice::Discover(_)) {
            return 0;
        }
        if let Some(&i) = self.by_dir.borrow().get(dir) {
            return i;
        }
        let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let i = config::find(&absolute).map_or(0, |p| self.setup(Some(p)));
        self.by_dir.borrow_mut().insert(dir.to_path_buf(), i);
        i
    }

    /// Whether the config governing `path`'s folder excludes it from a walk.
    pub fn excluded(&self, path: &Path) -> bool {
        let i = self.governing(folder_of(path));
        self.setups.borrow()[i].config.excluded(path)
    }

    fn of_input(&self, input: &Input) -> usize {
        match input {
            Input::File { path, .. } => self.governing(folder_of(path)),
            Input::Stdin { name, .. } => self.governing(folder_of(Path::new(name))),
        }
    }
}

/// The folder holding `path` (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

pub struct Plan {
    pub profiles: Vec<Profile>,
    /// Each input with the profile that governs it.
    pub inputs: Vec<(Input, usize)>,
    /// The lowest severity that makes the exit code 1.
    pub fail_on: Severity,
}

impl Plan {
    /// Resolves the configs of `inputs` into profiles, or every error that stands in the way.
    pub fn new(configs: Configs, inputs: Vec<Input>) -> Result<Plan, Vec<InputError>> {
        let options = configs.options;
        let governed: Vec<usize> = inputs.iter().map(|i| configs.of_input(i)).collect();
        let setups = configs.setups.into_inner();
        let mut errors: Vec<InputError> = setups.iter().flat_map(|s| s.errors.clone()).collect();
        for (flag, names) in [
            ("--select", options.select.as_deref().unwrap_or_default()),
            ("--ignore", &options.ignore[..]),
        ] {
            for name in config::unknown_names(names, &setups[0].rules) {
                errors.push(
                    InputError::new(flag, format!("unknown rule or family `{name}` in {flag}"))
                        .with_help(crate::suggest::rule_help(
                            &name,
                            config::rule_ids(&setups[0].rules),
                        )),
                );
            }
        }
        // A broken config or rule would make every finding suspect: nothing is checked.
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut keys: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut planned = Vec::with_capacity(inputs.len());
        for (input, config) in inputs.into_iter().zip(governed) {
            let path = match &input {
                Input::File { path, .. } => path.clone(),
                Input::Stdin { name, .. } => PathBuf::from(name),
            };
            let overrides: Vec<usize> = setups[config]
                .config
                .overrides
                .iter()
                .enumerate()
                .filter(|(_, o)| o.matches(&path))
                .map(|(i, _)| i)
                .collect();
            let key = (config, overrides);
            let profile = keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                keys.push(key);
                keys.len() - 1
            });
            planned.push((input, profile));
        }
        if keys.is_empty() {
            keys.push((0, Vec::new()));
        }
        let mut profiles = Vec::with_capacity(keys.len());
        for (config, overrides) in &keys {
            match profile(options, &setups[*config], overrides) {
                Ok(p) => profiles.push(p),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Plan {
            profiles,
            inputs: planned,
            fail_on: options
                .fail_on
                .or(setups[0].config.fail_on)
                .unwrap_or(Severity::Error),
        })
    }
}

/// The profile of `setup`'s config with the overrides of index `overrides` applied.
fn profile(
    options: &CheckOptions,
    setup: &Setup,
    overrides: &[usize],
) -> Result<Profile, Vec<InputError>> {
    let config = &setup.config;
    let names = |list: &[config::Value<String>]| -> Vec<String> {
        list.iter().map(|v| v.get().clone()).collect()
    };
    let mut select = names(&config.select);
    let mut ignore = names(&config.ignore);
    let mut severity: Vec<(String, Severity)> = config
        .severity
        .iter()
        .map(|(n, s)| (n.get().clone(), *s))
        .collect();
    let mut locale = config.locale.unwrap_or_default();
    for o in overrides.iter().map(|&i| &config.overrides[i]) {
        if let Some(list) = &o.select {
            select = names(list);
        }
        ignore.extend(names(&o.ignore));
        severity.extend(o.severity.iter().map(|(n, s)| (n.get().clone(), *s)));
        locale = o.locale.unwrap_or(locale);
    }
    let selection = Selection {
        select: options.select.clone().unwrap_or(select),
        ignore: ignore
            .into_iter()
            .chain(options.ignore.iter().cloned())
            .collect(),
        // Later entries win: an override's over its config's.
        severity: severity.into_iter().collect(),
    };
    let settings = Settings {
        locale,
        names: config.names.clone(),
    };
    let meta = |id: &str| {
        let ignored = selection
            .ignore
            .iter()
            .any(|s| s == id || s == suppress::META_FAMILY);
        let severity = selection
            .severity
            .get(id)
            .or_else(|| selection.severity.get(suppress::META_FAMILY));
        (!ignored).then(|| severity.copied().unwrap_or(Severity::Warning))
    };
    let (unused, invalid) = (meta(suppress::UNUSED), meta(suppress::INVALID));
    let known: Vec<String> = setup.rules.iter().map(|r| r.id.clone()).collect();
    let engine = Engine::new(setup.rules.clone(), &selection, &settings)?;
    Ok(Profile {
        active: engine.rules.iter().map(|r| r.id.clone()).collect(),
        engine,
        known,
        unused,
        invalid,
    })
}
