//! The plan of a check run: the command line's options and the config resolved, once, into what
//! the run needs: the compiled rules, what to leave out, what decides the exit code. Everything
//! that can be wrong with the setup (a broken config or rule file, an unknown rule name) is found
//! here, before any file is read.

use crate::checks::Settings;
use crate::config::{self, Config};
use crate::diagnostic::Severity;
use crate::engine::{Engine, Selection};
use crate::error::InputError;
use crate::pipeline::Mode;
use crate::render::OutputFormat;
use crate::rule::Rule;
use crate::ruleset;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub enum ConfigChoice {
    /// Look for `copydesk.toml` / `.copydesk.toml` from this folder upwards.
    Discover(PathBuf),
    File(PathBuf),
    None,
}

/// The options of `copydesk check`, as the command line gives them.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: OutputFormat,
    pub fail_on: Option<Severity>,
    /// Replaces the config's `select` when given.
    pub select: Option<Vec<String>>,
    /// Added to the config's `ignore`.
    pub ignore: Vec<String>,
    pub color: bool,
    pub config: ConfigChoice,
    pub stdin_filename: Option<String>,
    /// What the run does with the findings.
    pub mode: Mode,
    /// Hide the findings this baseline knows.
    pub baseline: Option<PathBuf>,
}

/// The config, the rules it adds and validates, and the errors met on the way.
pub struct Setup {
    pub config: Config,
    pub rules: Vec<Rule>,
    pub errors: Vec<InputError>,
}

/// Loads the chosen config and the rules: the built-in ones and those of its rule folders.
pub fn setup(choice: &ConfigChoice) -> Setup {
    let mut errors = Vec::new();
    let path = match choice {
        ConfigChoice::Discover(dir) => config::find(dir),
        ConfigChoice::File(p) => Some(p.clone()),
        ConfigChoice::None => None,
    };
    let config = match path.map(|p| Config::load(&p)) {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            errors.push(e);
            Config::default()
        }
        None => Config::default(),
    };
    let mut rules = ruleset::builtin();
    let root = config.root().unwrap_or_default();
    for dir in &config.rule_dirs {
        ruleset::load_dir(&root.join(dir), &mut rules, &mut errors);
    }
    errors.extend(config.validate(&rules));
    Setup {
        config,
        rules,
        errors,
    }
}

pub struct Plan {
    pub engine: Engine,
    pub selection: Selection,
    /// Every loaded rule id, run or not: suppressions may name any of them.
    pub known: Vec<String>,
    /// The lowest severity that makes the exit code 1.
    pub fail_on: Severity,
    exclude: GlobSet,
    /// The folder exclude globs are relative to.
    root: PathBuf,
}

impl Plan {
    /// Resolves `options` and the config into a plan, or every error that stands in the way.
    pub fn new(options: &CheckOptions) -> Result<Plan, Vec<InputError>> {
        let Setup {
            config,
            rules,
            mut errors,
        } = setup(&options.config);
        for (flag, names) in [
            ("--select", options.select.as_deref().unwrap_or_default()),
            ("--ignore", &options.ignore[..]),
        ] {
            for name in config::unknown_names(names, &rules) {
                errors.push(
                    InputError::new(flag, format!("unknown rule or family `{name}` in {flag}"))
                        .with_help("`copydesk rules` lists them"),
                );
            }
        }
        let selection = Selection {
            select: options
                .select
                .clone()
                .unwrap_or_else(|| config.select.iter().map(|s| s.get_ref().clone()).collect()),
            ignore: config
                .ignore
                .iter()
                .map(|s| s.get_ref().clone())
                .chain(options.ignore.iter().cloned())
                .collect(),
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
        let known: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
        let engine = Engine::new(rules, &selection, &settings).map_err(|e| {
            errors.extend(e);
            std::mem::take(&mut errors)
        })?;
        let exclude = exclude_set(&config).map_err(|e| {
            errors.push(e);
            std::mem::take(&mut errors)
        })?;
        // A broken config or rule would make every finding suspect: nothing is checked.
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Plan {
            engine,
            selection,
            known,
            fail_on: options
                .fail_on
                .or(config.fail_on)
                .unwrap_or(Severity::Error),
            exclude,
            root: config.root().unwrap_or_else(|| PathBuf::from(".")),
        })
    }

    /// Whether a path met while walking a folder is excluded by the config.
    pub fn excluded(&self, path: &Path) -> bool {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let relative = relative.strip_prefix(".").unwrap_or(relative);
        !self.exclude.is_empty() && (self.exclude.is_match(relative) || self.exclude.is_match(path))
    }
}

fn exclude_set(config: &Config) -> Result<GlobSet, InputError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in &config.exclude {
        let glob = Glob::new(pattern.get_ref()).map_err(|e| {
            config.error_at(
                pattern.span(),
                &format!("invalid glob: {}", e.kind()),
                "invalid glob",
            )
        })?;
        builder.add(glob);
        // `drafts` excludes the folder and everything below it, as users expect from ignore files.
        if !pattern.get_ref().ends_with("/**") {
            builder.add(
                Glob::new(&format!("{}/**", pattern.get_ref())).expect("a valid glob extends"),
            );
        }
    }
    Ok(builder.build().expect("globs compiled one by one"))
}
