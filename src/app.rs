//! The `check` command: its plan ([`crate::plan`]), its inputs ([`crate::run`]), the pipeline
//! that checks them and streams the reports ([`crate::pipeline`]), the summary, and the exit code,
//! decided once. It writes to the handles `main.rs` gives it, so tests see exactly what a user
//! would; the other commands return an [`crate::commands::Outcome`] to print.

use crate::diagnostic::Severity;
use crate::error::InputError;
use crate::pipeline::{Mode, Outputs, Pipeline, RuleCount, Totals};
use crate::plan::{CheckOptions, Configs, Plan};
use crate::render::{OutputFormat, Renderer, human, sarif};
use crate::run::{self, Input};
use std::cell::RefCell;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Runs `copydesk check`: reports go to `stdout` as each file is done, errors and notes to
/// `stderr`. Returns the exit code: 0 nothing at or above the failing severity, 1 findings, 2 an
/// error. A closed standard output (`copydesk check | head`) ends the run early, quietly.
pub fn check(options: &CheckOptions, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let stdout = Shared(RefCell::new(stdout));
    let stderr = Shared(RefCell::new(stderr));
    let color = options.color;
    let error = |e: &InputError| {
        let _ = (&stderr).write_all(human::render_error(e, color).as_bytes());
    };
    let configs = Configs::new(options);
    let (inputs, walk_errors) =
        run::collect(&options.paths, options.stdin_filename.as_deref(), &|path| {
            configs.excluded(path)
        });
    walk_errors.iter().for_each(error);
    let plan = match Plan::new(configs, inputs) {
        Ok(plan) => plan,
        Err(errors) => {
            errors.iter().for_each(error);
            return 2;
        }
    };
    // A rule folder's rule whose own examples fail is suspect: a warning, and the run goes on.
    let loaded: Vec<&[crate::rule::Rule]> =
        plan.profiles.iter().map(|p| &p.engine.rules[..]).collect();
    let _ = (&stderr).write_all(crate::commands::example_warnings(&loaded, color).as_bytes());
    let pipeline = match Pipeline::new(
        &plan.profiles,
        options.mode.clone(),
        options.baseline.as_deref(),
    ) {
        Ok(p) => p.with_fix_options(options.fix_options),
        Err(e) => {
            error(&e);
            return 2;
        }
    };
    // Fixing standard input prints the fixed text (for editors): the report goes to stderr.
    let fixing_stdin = options.mode == Mode::Fix
        && plan
            .inputs
            .iter()
            .any(|(i, _)| matches!(i, Input::Stdin { .. }));
    let report_to = if fixing_stdin { &stderr } else { &stdout };
    let rules: Vec<sarif::RuleInfo> = plan
        .profiles
        .iter()
        .flat_map(|p| &p.engine.rules)
        .map(sarif::RuleInfo::from)
        .collect();
    // The outputs to files, each written to a temporary file renamed into place at the end.
    let mut files = Vec::new();
    for spec in options.outputs.iter().filter(|o| o.path.is_some()) {
        match OutputFile::create(spec.path.as_deref().expect("filtered")) {
            Ok(file) => files.push((spec.format, file)),
            Err(e) => {
                error(&e);
                return 2;
            }
        }
    }
    let reporting = matches!(options.mode, Mode::Report | Mode::Fix);
    // The output to standard output: the findings, or with `--statistics` their counts at the end.
    let terminal = options
        .outputs
        .iter()
        .find(|o| o.path.is_none())
        .map(|o| o.format)
        .filter(|_| reporting);
    let mut report_ref = report_to;
    let (mut text_ref, mut err_ref) = (&stdout, &stderr);
    let mut reports: Vec<(Box<dyn Renderer + '_>, &mut dyn Write)> = Vec::new();
    if reporting {
        for (format, file) in &mut files {
            reports.push((format.renderer(rules.clone(), color), &mut file.writer));
        }
        if let Some(format) = terminal.filter(|_| !options.statistics) {
            reports.push((format.renderer(rules.clone(), color), &mut report_ref));
        }
    }
    let need_source = reporting
        && options
            .outputs
            .iter()
            .any(|o| o.format.needs_source() && !(o.path.is_none() && options.statistics));
    let mut outputs = Outputs {
        reports,
        need_source,
        text: &mut text_ref,
        errors: &mut err_ref,
        color,
    };
    let mut totals = Totals::default();
    let started = outputs
        .reports
        .iter_mut()
        .try_for_each(|(r, out)| r.start(*out));
    if let Err(e) = started {
        totals.write_error = Some(e);
    } else {
        totals = pipeline.run(&plan.inputs, &mut outputs);
        if totals.write_error.is_none()
            && let Err(e) = outputs
                .reports
                .iter_mut()
                .try_for_each(|(r, out)| r.finish(*out))
        {
            totals.write_error = Some(e);
        }
    }
    drop(outputs);
    if let Some(e) = &totals.write_error {
        if e.kind() == ErrorKind::BrokenPipe {
            return exit_code(&totals, &plan, options, !walk_errors.is_empty());
        }
        let _ = writeln!(&stderr, "error: cannot write the report: {e}");
        return 2;
    }
    for (_, file) in files {
        if let Err(e) = file.commit() {
            error(&e);
            totals.errors.push(e);
        }
    }
    let notes = pipeline.finish(&mut totals, !walk_errors.is_empty());
    totals.errors.iter().for_each(error);
    let mut terminal_out = report_to;
    match terminal {
        Some(OutputFormat::Json | OutputFormat::Jsonl) if options.statistics => {
            let _ = terminal_out.write_all(statistics_json(&totals).as_bytes());
        }
        Some(format) => {
            if options.statistics {
                let _ = terminal_out.write_all(statistics_table(&totals).as_bytes());
            }
            if format == OutputFormat::Human || options.statistics {
                let _ = terminal_out.write_all(summary(&totals, walk_errors.len()).as_bytes());
            }
        }
        None => {}
    }
    let _ = (&stderr).write_all(notes.as_bytes());
    let _ = (&stdout).flush();
    exit_code(&totals, &plan, options, !walk_errors.is_empty())
}

/// A report written to a file: to a temporary file beside it first, renamed into place once the
/// run is done, so a reader never sees half a report and a failed run leaves the old one.
struct OutputFile {
    path: PathBuf,
    temp: PathBuf,
    writer: io::BufWriter<std::fs::File>,
}

impl OutputFile {
    fn create(path: &Path) -> Result<Self, InputError> {
        let display = path.display().to_string();
        let name = path
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        let temp = path.with_file_name(format!(".{name}.copydesk-{}.tmp", std::process::id()));
        let file = std::fs::File::create(&temp)
            .map_err(|e| InputError::new(&display, format!("cannot write `{display}`: {e}")))?;
        Ok(OutputFile {
            path: path.to_path_buf(),
            temp,
            writer: io::BufWriter::new(file),
        })
    }

    fn commit(mut self) -> Result<(), InputError> {
        let display = self.path.display().to_string();
        let done = self
            .writer
            .flush()
            .and_then(|()| std::fs::rename(&self.temp, &self.path));
        done.map_err(|e| {
            let _ = std::fs::remove_file(&self.temp);
            InputError::new(&display, format!("cannot write `{display}`: {e}"))
        })
    }
}

impl Drop for OutputFile {
    /// A run that ends early leaves no temporary file behind (after a commit there is none).
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// `--statistics`: findings per rule, most first, with how many carry a fix.
fn statistics_table(totals: &Totals) -> String {
    let width = totals.by_rule.keys().map(String::len).max().unwrap_or(0);
    let mut out = String::new();
    for (rule, count) in by_count(totals) {
        let fixable = match (count.fixable, count.unsafe_fixable) {
            (0, 0) => String::new(),
            (n, 0) => format!("  {n} fixable"),
            (n, m) => format!("  {n} fixable, {m} more with --unsafe-fixes"),
        };
        out.push_str(format!("{:>6}  {rule:width$}{fixable}", count.count).trim_end());
        out.push('\n');
    }
    out
}

fn statistics_json(totals: &Totals) -> String {
    let rows: Vec<serde_json::Value> = by_count(totals)
        .map(|(rule, c)| serde_json::json!({"rule": rule, "count": c.count, "fixable": c.fixable, "unsafe_fixable": c.unsafe_fixable}))
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).expect("statistics serialise");
    out.push('\n');
    out
}

fn by_count(totals: &Totals) -> impl Iterator<Item = (&String, &RuleCount)> {
    let mut rows: Vec<_> = totals.by_rule.iter().collect();
    rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
    rows.into_iter()
}

/// The exit code, decided once from what the run found and did.
fn exit_code(totals: &Totals, plan: &Plan, options: &CheckOptions, input_errors: bool) -> u8 {
    if input_errors || totals.failed() {
        return 2;
    }
    match options.mode {
        // The diff is the output; the exit code says whether there is anything to fix.
        Mode::Diff => u8::from(totals.fixes > 0),
        Mode::WriteBaseline(_) => 0,
        Mode::Report | Mode::Fix if options.exit_zero => 0,
        Mode::Report | Mode::Fix => {
            let failing = [Severity::Info, Severity::Warning, Severity::Error]
                .into_iter()
                .filter(|&s| s >= plan.fail_on)
                .any(|s| totals.count(s) > 0);
            u8::from(failing)
        }
    }
}

/// The last line of the human report: what was found, in how many files, what more there is.
fn summary(totals: &Totals, unreadable_paths: usize) -> String {
    use crate::pipeline::plural;
    let checked = totals.files - totals.failed_files;
    let failed = totals.failed_files + unreadable_paths;
    let mut line = match totals.reported() {
        0 if checked == 0 && failed > 0 => "copydesk: no file checked".to_string(),
        0 => format!("copydesk: no problems in {}", plural(checked, "file")),
        n => {
            let parts: Vec<String> = [
                (Severity::Error, "error"),
                (Severity::Warning, "warning"),
                (Severity::Info, "info"),
            ]
            .into_iter()
            .filter(|&(s, _)| totals.count(s) > 0)
            .map(|(s, word)| match s {
                Severity::Info => format!("{} info", totals.count(s)),
                _ => plural(totals.count(s), word),
            })
            .collect();
            format!(
                "copydesk: {} ({}) in {} of {}",
                plural(n, "problem"),
                parts.join(", "),
                totals.files_with_findings,
                plural(totals.files, "file")
            )
        }
    };
    let fixable: usize = totals.by_rule.values().map(|c| c.fixable).sum();
    let unsafe_fixable: usize = totals.by_rule.values().map(|c| c.unsafe_fixable).sum();
    match (fixable, unsafe_fixable) {
        (0, 0) => {}
        (n, 0) => line.push_str(&format!("; {n} fixable with `--fix`")),
        (0, m) => line.push_str(&format!("; {m} fixable with `--fix --unsafe-fixes`")),
        (n, m) => line.push_str(&format!(
            "; {n} fixable with `--fix` ({m} more with `--unsafe-fixes`)"
        )),
    }
    if totals.hidden > 0 {
        line.push_str(&format!("; {} hidden by the baseline", totals.hidden));
    }
    if failed > 0 {
        let verb = if failed == 1 { "was" } else { "were" };
        line.push_str(&format!(
            "; {} {verb} not checked (see the errors above)",
            plural(failed, "input")
        ));
    }
    line.push('\n');
    line
}

/// One writer shared by several outputs of a run (with `--fix` of standard input, the report and
/// the errors both go to standard error).
struct Shared<'a>(RefCell<&'a mut dyn Write>);

impl Write for &Shared<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.borrow_mut().flush()
    }
}
