//! The `check` command: its plan ([`crate::plan`]), its inputs ([`crate::run`]), the pipeline
//! that checks them and streams the reports ([`crate::pipeline`]), the summary, and the exit code,
//! decided once. It writes to the handles `main.rs` gives it, so tests see exactly what a user
//! would; the other commands return an [`Outcome`] to print.

use crate::diagnostic::Severity;
use crate::pipeline::{Mode, Outputs, Pipeline, Totals};
use crate::plan::{CheckOptions, Configs, Plan};
use crate::render::{OutputFormat, human, sarif};
use crate::run::{self, Input};
use std::cell::RefCell;
use std::io::{self, ErrorKind, Write};

/// What a command other than `check` prints, and how it exits.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// 0: nothing at or above the failing severity; 1: findings; 2: an error.
    pub code: u8,
}

/// Runs `copydesk check`: reports go to `stdout` as each file is done, errors and notes to
/// `stderr`. Returns the exit code: 0 nothing at or above the failing severity, 1 findings, 2 an
/// error. A closed standard output (`copydesk check | head`) ends the run early, quietly.
pub fn check(options: &CheckOptions, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let stdout = Shared(RefCell::new(stdout));
    let stderr = Shared(RefCell::new(stderr));
    let color = options.color;
    let error = |e: &crate::error::InputError| {
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
    let pipeline = match Pipeline::new(
        &plan.profiles,
        options.mode.clone(),
        options.baseline.as_deref(),
    ) {
        Ok(p) => p,
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
    let mut reports: Vec<(Box<dyn crate::render::Renderer>, &mut dyn Write)> = Vec::new();
    let (mut report_ref, mut text_ref, mut err_ref) = (report_to, &stdout, &stderr);
    let reporting = matches!(options.mode, Mode::Report | Mode::Fix);
    if reporting {
        reports.push((options.format.renderer(rules, color), &mut report_ref));
    }
    let mut outputs = Outputs {
        reports,
        need_source: reporting && options.format.needs_source(),
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
    let notes = pipeline.finish(&mut totals, !walk_errors.is_empty());
    totals.errors.iter().for_each(error);
    if options.format == OutputFormat::Human && reporting {
        let _ = { report_to }.write_all(summary(&totals, walk_errors.len()).as_bytes());
    }
    let _ = (&stderr).write_all(notes.as_bytes());
    let _ = (&stdout).flush();
    exit_code(&totals, &plan, options, !walk_errors.is_empty())
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
    if fixable > 0 {
        line.push_str(&format!("; {fixable} fixable with `--fix`"));
    }
    if totals.hidden > 0 {
        line.push_str(&format!("; {} hidden by the baseline", totals.hidden));
    }
    if failed > 0 {
        let (what, verb) = if failed == 1 {
            ("1 input", "was")
        } else {
            (&*format!("{failed} inputs"), "were")
        };
        line.push_str(&format!(
            "; {what} {verb} not checked (see the errors above)"
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
