//! Which config checks which document: the nearest `copydesk.toml` or `.copydesk.toml` above it,
//! as `copydesk check` finds one for each file, loaded once; and for each combination of its
//! `[[overrides]]` that some document matches, one shared [`Checker`].
//!
//! A config that fails to load (bad TOML, an unknown rule, a broken rule file in its rule
//! folders) does not stop the server: its errors are kept, to be shown as diagnostics on the files
//! at fault, and documents go on being checked with the last good version of that config or, if it
//! never loaded, with no config (built-in rules, defaults), the way an editor keeps working while
//! its settings file is being typed.

use super::check::Checker;
use crate::config::{self, Config};
use crate::error::InputError;
use crate::plan::{self, ConfigChoice};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A config that loaded, with the checkers made from it so far (by the overrides they apply).
struct Loaded {
    config: Config,
    checkers: HashMap<Vec<usize>, Arc<Checker>>,
}

#[derive(Default)]
pub struct Configs {
    /// By config file (`None`: no config). `None` as a value: broken, and never loaded well.
    loaded: HashMap<Option<PathBuf>, Option<Loaded>>,
    /// The errors of each config that failed to load or plan, the last time it was read.
    errors: HashMap<Option<PathBuf>, Vec<InputError>>,
    /// The config governing each folder met, found once until the next reload (a key stroke
    /// would otherwise look for config files in every folder up to the root).
    governing: HashMap<PathBuf, Option<PathBuf>>,
}

impl Configs {
    /// The checker of the document at `path` (`dir` for a document that is no file: the
    /// folder whose config governs it).
    pub fn for_file(&mut self, path: Option<&Path>, dir: Option<&Path>) -> Arc<Checker> {
        let key = path
            .and_then(Path::parent)
            .or(dir)
            .and_then(|d| self.governing(d));
        self.ensure(&key);
        let key = match &self.loaded[&key] {
            Some(_) => key,
            // Broken from the start: no config at all until it is mended.
            None => {
                self.ensure(&None);
                None
            }
        };
        let loaded = self.loaded.get_mut(&key).and_then(Option::as_mut);
        let loaded = loaded.expect("no config always loads: the built-in rules are tested");
        let overrides: Vec<usize> = match path {
            Some(path) => (loaded.config.overrides.iter().enumerate())
                .filter(|(_, o)| o.matches(path))
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
        if let Some(checker) = loaded.checkers.get(&overrides) {
            return checker.clone();
        }
        match Checker::plan(key.as_deref(), path) {
            Ok(checker) => {
                let checker = Arc::new(checker);
                loaded.checkers.insert(overrides, checker.clone());
                checker
            }
            Err(errors) => {
                // Broken for these overrides (a house rule that does not compile): no config
                // serves them until the config is read again.
                assert!(
                    key.is_some() || path.is_some(),
                    "the built-in rules plan: {}",
                    errors[0].message
                );
                self.errors.entry(key.clone()).or_default().extend(errors);
                let fallback = self.for_file(None, None);
                if let Some(Some(loaded)) = self.loaded.get_mut(&key) {
                    loaded.checkers.insert(overrides, fallback.clone());
                }
                fallback
            }
        }
    }

    /// Whether the config governing `path` leaves it out of a walk of its folder.
    pub fn excluded(&mut self, path: &Path) -> bool {
        let key = path.parent().and_then(|d| self.governing(d));
        self.ensure(&key);
        self.loaded[&key]
            .as_ref()
            .is_some_and(|l| l.config.excluded(path))
    }

    /// The nearest config file above `dir`.
    fn governing(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.governing.get(dir) {
            return found.clone();
        }
        let found = config::find(dir);
        self.governing.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn ensure(&mut self, key: &Option<PathBuf>) {
        if !self.loaded.contains_key(key) {
            self.load(key.clone());
        }
    }

    /// Reads the config at `key` again; when it is broken, its last good version stays.
    fn load(&mut self, key: Option<PathBuf>) {
        let choice = key.clone().map_or(ConfigChoice::None, ConfigChoice::File);
        let setup = plan::setup(&choice);
        if setup.errors.is_empty() {
            self.errors.remove(&key);
            let loaded = Loaded {
                config: setup.config,
                checkers: HashMap::new(),
            };
            self.loaded.insert(key, Some(loaded));
        } else {
            self.errors.insert(key.clone(), setup.errors);
            self.loaded.entry(key).or_insert(None);
        }
    }

    /// Reads every config again after something changed on disk. A config whose file is gone is
    /// forgotten with its errors.
    pub fn reload(&mut self) {
        // A config file may have appeared or gone: where each folder's is, is found again.
        self.governing.clear();
        let keys: Vec<Option<PathBuf>> = self.loaded.keys().cloned().collect();
        for key in keys {
            if key.as_deref().is_some_and(|p| !p.is_file()) {
                self.loaded.remove(&key);
                self.errors.remove(&key);
            } else {
                self.load(key);
            }
        }
    }

    /// Whether a change to the file `path` may change a config: a config file, a rule file in a
    /// rule folder of a config in use, or a file whose errors are being shown.
    pub fn watches(&self, path: &Path) -> bool {
        let is_config = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| config::FILE_NAMES.contains(&n));
        let in_rule_dir = path.extension().is_some_and(|e| e == "toml")
            && self.loaded.values().flatten().any(|l| {
                l.config
                    .rule_dirs
                    .iter()
                    .any(|(dir, ..)| path.starts_with(dir))
            });
        is_config || in_rule_dir || self.errors().contains_key(path)
    }

    /// The config errors by the file they are in (their paths made absolute). An error that
    /// names no file of its own is put on the config that caused it.
    pub fn errors(&self) -> BTreeMap<PathBuf, Vec<&InputError>> {
        let mut out: BTreeMap<PathBuf, Vec<&InputError>> = BTreeMap::new();
        for (key, errors) in &self.errors {
            for e in errors {
                let own = Path::new(&e.path);
                let file = match (own.extension(), key) {
                    (Some(_), _) => std::path::absolute(own).unwrap_or_else(|_| own.into()),
                    (None, Some(config)) => config.clone(),
                    (None, None) => continue,
                };
                out.entry(file).or_default().push(e);
            }
        }
        out
    }
}
