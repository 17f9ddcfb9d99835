//! `copydesk.toml` (or `.copydesk.toml`): the nearest one above a file governs it. A config may
//! `extend` another (its keys replace the other's; `[severity]`, `[names]` and `[[overrides]]`
//! add to them), and `[[overrides]]` change the rules and locale for the paths their globs match.
//! Parsing is strict: unknown keys, unknown rule ids, bad globs, bad values and rule folders or
//! extended configs outside the repository are errors that point at the offending text.

use crate::checks::names::table;
use crate::diagnostic::Severity;
use crate::error::InputError;
use crate::locale::Locale;
use crate::rule::Rule;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

pub const FILE_NAMES: &[&str] = &["copydesk.toml", ".copydesk.toml"];

/// One config file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    extend: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Severity>,
    rule_dirs: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    locale: Option<Spanned<String>>,
    fail_on: Option<Severity>,
    #[serde(default)]
    names: crate::checks::names::table::HouseTable,
    #[serde(default)]
    overrides: Vec<OverrideFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideFile {
    paths: Vec<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Severity>,
    locale: Option<Spanned<String>>,
}

/// A value of a config, with the file it was written in (an index into [`Config::files`]).
#[derive(Debug, Clone)]
pub struct Value<T> {
    pub value: Spanned<T>,
    pub file: usize,
}

impl<T> Value<T> {
    pub fn get(&self) -> &T {
        self.value.get_ref()
    }
}

/// A config with the configs it extends merged in: what governs the files below its folder.
#[derive(Debug, Default)]
pub struct Config {
    /// The files read, this config first, then those it extends: path, path as shown, and text.
    files: Vec<(PathBuf, String, String)>,
    pub select: Vec<Value<String>>,
    pub ignore: Vec<Value<String>>,
    /// Severity by rule id or family; a later entry for the same name wins.
    pub severity: Vec<(Value<String>, Severity)>,
    /// Folders of extra rules, resolved against the file that names them, each with the folder
    /// its files must stay in (`None` with `--allow-external-rules`).
    pub rule_dirs: Vec<(PathBuf, Option<PathBuf>, Value<String>)>,
    /// Paths not to check: globs, and the folder they are relative to.
    exclude: Option<(PathBuf, GlobSet)>,
    pub locale: Option<Locale>,
    pub fail_on: Option<Severity>,
    pub names: crate::checks::names::table::HouseTable,
    pub overrides: Vec<Override>,
}

/// Settings for the paths an `[[overrides]]` entry's globs match.
#[derive(Debug)]
pub struct Override {
    /// The folder the globs are relative to.
    base: PathBuf,
    globs: GlobSet,
    pub select: Option<Vec<Value<String>>>,
    pub ignore: Vec<Value<String>>,
    pub severity: Vec<(Value<String>, Severity)>,
    pub locale: Option<Locale>,
}

impl Override {
    pub fn matches(&self, path: &Path) -> bool {
        matches(&self.globs, &self.base, path)
    }
}

/// The nearest config file from `start` upwards.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .flat_map(|dir| FILE_NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// The folder that bounds what a config in `dir` may reach: the nearest one holding `.git`, or
/// `dir` itself outside a repository.
fn repository(dir: &Path) -> PathBuf {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(&dir)
        .to_path_buf()
}

impl Config {
    /// Loads the config at `path` and the configs it extends. `external`: whether rule folders and
    /// extended configs may lie outside the config's repository (`--allow-external-rules`).
    pub fn load(path: &Path, external: bool) -> Result<Config, InputError> {
        let mut config = Config::default();
        let mut chain: Vec<File> = Vec::new();
        // Absolute, so that globs and folders compare with the absolute paths of files.
        let mut next = Some(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
        while let Some(path) = next.take() {
            // Shown relative to the current folder when it is below it, as the user would write it.
            let display = std::env::current_dir()
                .ok()
                .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
                .unwrap_or_else(|| path.clone())
                .display()
                .to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| InputError::io(&display, &e))?;
            let mut file: File =
                toml::from_str(&text).map_err(|e| InputError::toml(&display, &text, &e))?;
            let index = config.files.len();
            // The house table drives fixes: a value that would match everywhere is an error here.
            let problem = table::problems(&file.names.entity).into_iter().next();
            let at = problem
                .as_ref()
                .map(|p| table::problem_span(&text, &["names"], p));
            config.files.push((path.clone(), display, text));
            if let (Some(problem), Some(span)) = (problem, at) {
                let span = span.unwrap_or(0..0);
                return Err(config.error_at(index, span, &problem.message, "here"));
            }
            // `[names] table = "house-names.toml"`: a long house table in a file of its own,
            // relative to this config, held to the same rules as its own entries.
            if let Some(table) = file.names.table.clone() {
                let target = config.reach(index, &table, external, "house table")?;
                let shown = target.display().to_string();
                if !target.is_file() {
                    return Err(config.error_at(
                        index,
                        table.span(),
                        &format!("no house table file `{}`", table.get_ref()),
                        "no such file",
                    ));
                }
                file.names.load_file(&target, &shown)?;
            }
            if let Some(extend) = &file.extend {
                let target = config.reach(index, extend, external, "extended config")?;
                if config.files.iter().any(|(p, ..)| same_file(p, &target)) {
                    return Err(config.error_at(
                        index,
                        extend.span(),
                        "`extend` makes a loop: this config is already extended",
                        "extended again here",
                    ));
                }
                next = Some(target);
            }
            chain.push(file);
        }
        // The most distant ancestor first, so each extending config replaces what it sets.
        for (index, file) in chain.into_iter().enumerate().rev() {
            config.merge(index, file, external)?;
        }
        Ok(config)
    }

    fn merge(&mut self, file: usize, f: File, external: bool) -> Result<(), InputError> {
        let values = |list: Vec<Spanned<String>>| -> Vec<Value<String>> {
            list.into_iter()
                .map(|value| Value { value, file })
                .collect()
        };
        let base = self.folder(file);
        if let Some(list) = f.select {
            self.select = values(list);
        }
        if let Some(list) = f.ignore {
            self.ignore = values(list);
        }
        self.severity.extend(
            f.severity
                .into_iter()
                .map(|(value, s)| (Value { value, file }, s)),
        );
        if let Some(list) = f.rule_dirs {
            let mut dirs = Vec::new();
            for value in list {
                let dir = self.reach(file, &value, external, "rule folder")?;
                let within = (!external).then(|| repository(&self.folder(file)));
                dirs.push((dir, within, Value { value, file }));
            }
            self.rule_dirs = dirs;
        }
        if let Some(list) = f.exclude {
            self.exclude = Some((base.clone(), compile(self, &values(list))?));
        }
        if let Some(locale) = &f.locale {
            self.locale = Some(self.locale_of(file, locale)?);
        }
        self.fail_on = f.fail_on.or(self.fail_on);
        self.names.entity.extend(f.names.entity);
        self.names.distinct.extend(f.names.distinct);
        for o in f.overrides {
            let paths = values(o.paths);
            let locale = o
                .locale
                .as_ref()
                .map(|l| self.locale_of(file, l))
                .transpose()?;
            self.overrides.push(Override {
                base: base.clone(),
                globs: compile(self, &paths)?,
                select: o.select.map(values),
                ignore: values(o.ignore.unwrap_or_default()),
                severity: o
                    .severity
                    .into_iter()
                    .map(|(value, s)| (Value { value, file }, s))
                    .collect(),
                locale,
            });
        }
        Ok(())
    }

    fn locale_of(&self, file: usize, value: &Spanned<String>) -> Result<Locale, InputError> {
        Locale::parse(value.get_ref()).ok_or_else(|| {
            self.error_at(
                file,
                value.span(),
                &format!("unknown locale `{}`", value.get_ref()),
                &format!("expected {}", Locale::ACCEPTED),
            )
        })
    }

    /// The folder of config file `file`.
    fn folder(&self, file: usize) -> PathBuf {
        self.files[file]
            .0
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// `value`, a path written in config file `file`, resolved against its folder; unless
    /// `external`, it must stay inside that folder's repository: relative, no hidden folder, no
    /// `..` or symbolic link leading out.
    fn reach(
        &self,
        file: usize,
        value: &Spanned<String>,
        external: bool,
        what: &str,
    ) -> Result<PathBuf, InputError> {
        let folder = self.folder(file);
        let written = Path::new(value.get_ref());
        let target = folder.join(written);
        if external {
            return Ok(target);
        }
        let refuse = |why: &str| {
            self.error_at(
                file,
                value.span(),
                &format!("{what} `{}` {why}", value.get_ref()),
                "outside the repository",
            )
            .with_help("a config may only reach inside its own repository; `--allow-external-rules` lifts this for a config you trust")
        };
        if written.is_absolute() {
            return Err(refuse("is an absolute path"));
        }
        if written
            .components()
            .any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')))
        {
            return Err(refuse("is in a hidden folder"));
        }
        let root = repository(&folder);
        // A missing target is reported when it is read; here only where it leads matters.
        let real =
            std::fs::canonicalize(&target).unwrap_or_else(|_| normalize(&root, &folder, written));
        if !real.starts_with(&root) {
            return Err(refuse("leads out of the repository"));
        }
        Ok(target)
    }

    /// The folder that relative paths in this config are relative to.
    pub fn root(&self) -> Option<PathBuf> {
        (!self.files.is_empty()).then(|| self.folder(0))
    }

    /// The config file's own path, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.files.first().map(|(p, ..)| p.as_path())
    }

    /// Whether the config leaves `path` out of a walk of its folder.
    pub fn excluded(&self, path: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|(base, globs)| matches(globs, base, path))
    }

    /// Checks that every rule id or family the config names exists.
    pub fn validate(&self, rules: &[Rule]) -> Vec<InputError> {
        let overrides = self.overrides.iter().flat_map(|o| {
            o.select
                .iter()
                .flatten()
                .chain(&o.ignore)
                .chain(o.severity.iter().map(|(n, _)| n))
        });
        self.select
            .iter()
            .chain(&self.ignore)
            .chain(self.severity.iter().map(|(n, _)| n))
            .chain(overrides)
            .filter(|name| !is_known(name.get(), rules))
            .map(|name| {
                self.error_at(
                    name.file,
                    name.value.span(),
                    &format!("unknown rule or family `{}`", name.get()),
                    "unknown rule",
                )
                .with_help(crate::suggest::rule_help(name.get(), rule_ids(rules)))
            })
            .collect()
    }

    /// An error about `span` of config file `file`.
    pub fn error_at(
        &self,
        file: usize,
        span: std::ops::Range<usize>,
        message: &str,
        label: &str,
    ) -> InputError {
        match self.files.get(file) {
            Some((_, path, text)) => {
                InputError::new(path, format!("`{path}`: {message}")).at(text, span.into(), label)
            }
            None => InputError::new("copydesk.toml", message),
        }
    }
}

/// `written`, relative to `folder`, with `.` and `..` resolved without the file system (for a
/// path that does not exist yet), rooted where `folder` really is.
fn normalize(root: &Path, folder: &Path, written: &Path) -> PathBuf {
    let mut out = std::fs::canonicalize(folder).unwrap_or_else(|_| root.to_path_buf());
    for c in written.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(n) => out.push(n),
            _ => {}
        }
    }
    out
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The globs of `values` in one set; a folder glob also covers everything below it, as users
/// expect from ignore files (`drafts` excludes `drafts/a.md`).
fn compile(config: &Config, values: &[Value<String>]) -> Result<GlobSet, InputError> {
    let mut builder = GlobSetBuilder::new();
    for v in values {
        let glob = Glob::new(v.get()).map_err(|e| {
            config.error_at(
                v.file,
                v.value.span(),
                &format!("invalid glob: {}", e.kind()),
                "invalid glob",
            )
        })?;
        builder.add(glob);
        if !v.get().ends_with("/**")
            && let Ok(below) = Glob::new(&format!("{}/**", v.get()))
        {
            builder.add(below);
        }
    }
    builder.build().map_err(|e| {
        let v = &values[0];
        config.error_at(
            v.file,
            v.value.span(),
            &format!("invalid glob: {e}"),
            "invalid glob",
        )
    })
}

/// Whether `path` matches `globs`, which are relative to `base` (an absolute folder).
fn matches(globs: &GlobSet, base: &Path, path: &Path) -> bool {
    let Ok(absolute) = std::path::absolute(path) else {
        return false;
    };
    let relative = absolute.strip_prefix(base).unwrap_or(&absolute);
    globs.is_match(relative)
}

/// Whether `name` is a rule id, a family, or one of the built-in meta-rules.
fn is_known(name: &str, rules: &[Rule]) -> bool {
    crate::suppress::is_meta(name) || rules.iter().any(|r| r.id == name || r.family() == name)
}

/// Every rule id a selector may name: the rules loaded and the meta-rules.
pub fn rule_ids(rules: &[Rule]) -> impl Iterator<Item = &str> {
    let meta = [crate::suppress::UNUSED, crate::suppress::INVALID];
    rules.iter().map(|r| r.id.as_str()).chain(meta)
}

/// The names in `names` that are no rule id or family (for `--select` and `--ignore`).
pub fn unknown_names(names: &[String], rules: &[Rule]) -> Vec<String> {
    names
        .iter()
        .filter(|n| !is_known(n, rules))
        .cloned()
        .collect()
}
