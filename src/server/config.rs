//! Which config checks which document: the nearest `copydesk.toml` or `.copydesk.toml` above it,
//! as `copydesk check` finds one from its folder, each loaded once and shared.
//!
//! A config that fails to load (bad TOML, an unknown rule, a broken rule file in its rule
//! folders) does not stop the server: its errors are kept to be shown as diagnostics on the files
//! at fault, and documents go on being checked with the last good version of that config or, if it
//! never loaded, with no config (built-in rules, defaults), the way an editor keeps working while
//! its settings file is being typed.

use super::check::Checker;
use crate::config;
use crate::error::InputError;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Default)]
pub struct Configs {
    /// By config file (`None`: no config found).
    loaded: HashMap<Option<PathBuf>, Arc<Checker>>,
    /// The errors of each config that failed to load last time it was read.
    errors: HashMap<Option<PathBuf>, Vec<InputError>>,
}

/// What loading a config did.
pub enum Loaded {
    Good,
    /// It broke (or still is): the errors are kept, a fallback serves.
    Broken,
}

impl Configs {
    /// The checker for files in `dir` (none for a document that is no file: the config of the
    /// first workspace folder is passed instead, as `copydesk check -` finds it from its folder).
    pub fn for_dir(&mut self, dir: Option<&Path>) -> Arc<Checker> {
        let key = dir.and_then(config::find);
        if let Some(checker) = self.loaded.get(&key) {
            return checker.clone();
        }
        self.load(key.clone());
        self.loaded[&key].clone()
    }

    /// Reads every config again after something changed on disk. A config whose file is gone is
    /// forgotten with its errors.
    pub fn reload(&mut self) -> Vec<(PathBuf, Loaded)> {
        let keys: Vec<Option<PathBuf>> = self.loaded.keys().cloned().collect();
        let mut out = Vec::new();
        for key in keys {
            if key.as_deref().is_some_and(|p| !p.is_file()) {
                self.loaded.remove(&key);
                self.errors.remove(&key);
                continue;
            }
            let loaded = self.load(key.clone());
            if let Some(path) = key {
                out.push((path, loaded));
            }
        }
        out
    }

    fn load(&mut self, key: Option<PathBuf>) -> Loaded {
        match Checker::load(key.as_deref()) {
            Ok(checker) => {
                self.loaded.insert(key.clone(), Arc::new(checker));
                self.errors.remove(&key);
                Loaded::Good
            }
            Err(errors) => {
                self.errors.insert(key.clone(), errors);
                self.loaded.entry(key).or_insert_with(|| {
                    // The built-in rules always load: they are tested at build time.
                    let defaults = Checker::load(None).unwrap_or_else(|e| {
                        panic!("the built-in rules do not load: {}", e[0].message)
                    });
                    Arc::new(defaults)
                });
                Loaded::Broken
            }
        }
    }

    /// Whether a change to the file `path` may change a config: a config file, or a rule file in
    /// a rule folder of a config in use.
    pub fn watches(&self, path: &Path) -> bool {
        let is_config = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| config::FILE_NAMES.contains(&n));
        is_config
            || (path.extension().is_some_and(|e| e == "toml")
                && self
                    .loaded
                    .values()
                    .any(|c| c.rule_dirs.iter().any(|d| path.starts_with(d))))
    }

    /// The config errors by the file they are in. An error that names no file of its own is put
    /// on the config that caused it.
    pub fn errors(&self) -> BTreeMap<PathBuf, Vec<&InputError>> {
        let mut out: BTreeMap<PathBuf, Vec<&InputError>> = BTreeMap::new();
        for (key, errors) in &self.errors {
            for e in errors {
                let own = Path::new(&e.path);
                let file = if own.is_absolute() {
                    own.to_path_buf()
                } else if let Some(config) = key {
                    config.clone()
                } else {
                    continue;
                };
                out.entry(file).or_default().push(e);
            }
        }
        out
    }
}
