//! The `check` command from options to output: config, rules, inputs, engine, renderers, exit
//! code. It returns what to print instead of printing, so that `main.rs` alone writes (and treats
//! a closed pipe as the end, not an error) and tests see exactly what a user would.

use crate::checks::Settings;
use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{Engine, Selection};
use crate::error::InputError;
use crate::render::{OutputFormat, checkstyle, github, human, json, junit, sarif, short};
use crate::rule::Rule;
use crate::ruleset;
use crate::run::{self, Report};
use crate::workflow::{FixMode, Workflow, WorkflowOptions};
use globset::{Glob, GlobSetBuilder};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum ConfigChoice {
    /// Look for `copydesk.toml` / `.copydesk.toml` from this folder upwards.
    Discover(PathBuf),
    File(PathBuf),
    None,
}

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
    /// Fixes, diffs and baselines.
    pub workflow: WorkflowOptions,
}

/// What to print and how to exit.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// 0: nothing at or above the failing severity; 1: findings; 2: an error.
    pub code: u8,
}

/// The config, the rules it adds and validates, and the errors met on the way.
pub struct Setup {
    pub config: Config,
    pub rules: Vec<Rule>,
    pub errors: Vec<InputError>,
}

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

pub fn check(options: &CheckOptions) -> Outcome {
    let Setup {
        config,
        rules,
        mut errors,
    } = setup(&options.config);
    let mut out = Outcome::default();
    if let Some(select) = &options.select {
        for name in config::unknown_names(select, &rules) {
            errors.push(
                InputError::new(
                    "--select",
                    format!("unknown rule or family `{name}` in --select"),
                )
                .with_help("`copydesk rules` lists them"),
            );
        }
    }
    for name in config::unknown_names(&options.ignore, &rules) {
        errors.push(
            InputError::new(
                "--ignore",
                format!("unknown rule or family `{name}` in --ignore"),
            )
            .with_help("`copydesk rules` lists them"),
        );
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
    let locale = config
        .locale
        .as_ref()
        .map_or_else(|| "en".to_string(), |l| l.get_ref().clone());
    // Suppressions may name any loaded rule, not only those that run.
    let known: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
    let settings = Settings {
        locale,
        names: config.names.clone(),
    };
    let engine = match Engine::new(rules, &selection, &settings) {
        Ok(engine) => engine,
        Err(e) => {
            errors.extend(e);
            return fail(out, &errors, options.color);
        }
    };
    // A broken config or rule would make every finding suspect: stop before checking anything.
    if !errors.is_empty() {
        return fail(out, &errors, options.color);
    }
    let workflow = match Workflow::new(&engine, known, &selection, &options.workflow) {
        Ok(w) => w,
        Err(e) => return fail(out, &[e], options.color),
    };
    let exclude = match exclude_set(&config) {
        Ok(set) => set,
        Err(e) => return fail(out, &[e], options.color),
    };
    let root = config.root().unwrap_or_else(|| PathBuf::from("."));
    let (inputs, walk_errors) = run::collect(
        &options.paths,
        options.stdin_filename.as_deref(),
        &exclude,
        &root,
    );
    let color = options.color;
    let render = move |source: &crate::source::Source, diags: &[Diagnostic]| {
        human::render(&[source], diags, color)
    };
    let renderer: Option<run::Render> = if options.format.needs_source() {
        Some(&render)
    } else {
        None
    };
    let mut corpus = engine.corpus();
    // Names rules also report late, but are not registered with `with_late_rules`: that would
    // exempt every blanket suppression from the unused check (see `Engine::late_rules`).
    let workflow = workflow.with_summaries(corpus.is_some());
    let mut results = Vec::with_capacity(inputs.len());
    // In batches: each batch's corpus summaries go to the cross-file pass and are dropped, so
    // memory holds the summaries of one batch, not of the whole run.
    for batch in inputs.chunks(run::BATCH) {
        let mut done = run::map_inputs(batch, |input, read| workflow.file(input, read, renderer));
        for result in &mut done {
            if let (Some(pass), Some(summary)) = (corpus.as_mut(), result.summary.take()) {
                pass.add(&summary);
            }
        }
        results.extend(done);
    }
    if let Some(pass) = corpus {
        // The cross-file pass (names across articles), from the files' small summaries.
        let render_all = move |sources: &[&crate::source::Source], diags: &[Diagnostic]| {
            human::render(sources, diags, color)
        };
        let render_all: Option<run::RenderMany> = if options.format.needs_source() {
            Some(&render_all)
        } else {
            None
        };
        workflow.late(&mut results, pass.finish(), &inputs, render_all);
    }
    let finished = workflow.finish(results, !walk_errors.is_empty());
    let mut files = finished.files;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let report = Report {
        files,
        errors: walk_errors.into_iter().chain(finished.errors).collect(),
    };
    out.stdout = render_report(&report, options.format, &engine.rules);
    for e in report
        .errors
        .iter()
        .chain(report.files.iter().filter_map(|f| f.error.as_ref()))
    {
        out.stderr.push_str(&human::render_error(e, options.color));
    }
    if options.format == OutputFormat::Human {
        out.stdout.push_str(&summary(&report, inputs.len()));
    }
    let fail_on = options
        .fail_on
        .or(config.fail_on)
        .unwrap_or(Severity::Error);
    out.code = if report.has_errors() {
        2
    } else if report.diagnostics().any(|d| d.severity >= fail_on) {
        1
    } else {
        0
    };
    out.stderr.push_str(&finished.notes);
    match options.workflow.fix {
        // The diff is the output; the exit code says whether there is anything to fix.
        FixMode::Diff => {
            out.stdout = finished.diff;
            out.code = if report.has_errors() {
                2
            } else {
                u8::from(finished.fixes > 0)
            };
        }
        // Fixing standard input prints the fixed text (for editors); the report goes to stderr.
        FixMode::Write if let Some(text) = finished.fixed_stdin => {
            out.stderr = std::mem::take(&mut out.stdout) + &out.stderr;
            out.stdout = text;
        }
        _ => {}
    }
    if options.workflow.write_baseline.is_some() {
        out.stdout.clear();
        out.code = if report.has_errors() { 2 } else { 0 };
    }
    out
}

fn fail(mut out: Outcome, errors: &[InputError], color: bool) -> Outcome {
    for e in errors {
        out.stderr.push_str(&human::render_error(e, color));
    }
    out.code = 2;
    out
}

/// The config's `exclude` globs as one set, each also excluding what is below it.
pub fn exclude_set(config: &Config) -> Result<globset::GlobSet, InputError> {
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

fn render_report(report: &Report, format: OutputFormat, rules: &[Rule]) -> String {
    match format {
        OutputFormat::Human => report
            .files
            .iter()
            .filter_map(|f| f.rendered.as_deref())
            .collect(),
        OutputFormat::Short => short::render(&all(report)),
        OutputFormat::Json => json::render_array(&all(report)),
        OutputFormat::Jsonl => json::render_lines(&all(report)),
        OutputFormat::Sarif => sarif::render(
            &all(report),
            &rules.iter().map(sarif::RuleInfo::from).collect::<Vec<_>>(),
        ),
        OutputFormat::Github => github::render(&all(report)),
        OutputFormat::Checkstyle => checkstyle::render(&all(report)),
        OutputFormat::Junit => junit::render(&all(report)),
    }
}

fn all(report: &Report) -> Vec<Diagnostic> {
    let mut all: Vec<Diagnostic> = report.diagnostics().cloned().collect();
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}

fn summary(report: &Report, checked: usize) -> String {
    let total = report.diagnostics().count();
    let files = report
        .files
        .iter()
        .filter(|f| !f.diagnostics.is_empty())
        .count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if total == 0 {
        return format!("copydesk: no problems in {}\n", plural(checked, "file"));
    }
    format!(
        "copydesk: {} ({} errors, {} warnings, {} info) in {} of {}\n",
        plural(total, "problem"),
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
        files,
        plural(checked, "file"),
    )
}
