//! The copydesk binary: parse arguments, run, print, exit. Everything else is in the library.

use copydesk::app::{self, Outcome};
use copydesk::cli::{self, Request};
use copydesk::plan::{self, Setup};
use copydesk::render::human;
use copydesk::{explain, init};
use std::io::{ErrorKind, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    copydesk::guard::install_hook();
    let outcome = match cli::parse() {
        Request::Check(options) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let code = app::check(&options, &mut out, &mut std::io::stderr().lock());
            // A closed pipe (`copydesk check | head`) ends the output early; it is not an error.
            return match out.flush() {
                Err(e) if e.kind() != ErrorKind::BrokenPipe => {
                    eprintln!("error: cannot write the report: {e}");
                    ExitCode::from(2)
                }
                _ => ExitCode::from(code),
            };
        }
        Request::Rules(config) => with_rules(&config, |rules| Ok(explain::rules_table(rules))),
        Request::Explain { rule, config } => {
            with_rules(&config, |rules| match rules.iter().find(|r| r.id == rule) {
                Some(r) => Ok(explain::explain(r)),
                None if let Some(doc) = copydesk::suppress::explain(&rule) => Ok(doc.to_string()),
                None => Err(format!(
                    "error: unknown rule `{rule}`; `copydesk rules` lists them\n"
                )),
            })
        }
        Request::Init(dir) => init::init(&dir),
        Request::Print(text) => Outcome {
            stdout: text,
            ..Outcome::default()
        },
        Request::Fail(message) => Outcome {
            stderr: message,
            code: 2,
            ..Outcome::default()
        },
    };
    // A closed pipe (`copydesk check | head`) ends the output early; it is not an error.
    for (mut stream, text) in [
        (
            Box::new(std::io::stdout()) as Box<dyn Write>,
            &outcome.stdout,
        ),
        (Box::new(std::io::stderr()), &outcome.stderr),
    ] {
        if let Err(e) = stream
            .write_all(text.as_bytes())
            .and_then(|()| stream.flush())
            && e.kind() != ErrorKind::BrokenPipe
        {
            eprintln!("error: cannot write the output: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::from(outcome.code)
}

fn with_rules(
    config: &plan::ConfigChoice,
    show: impl Fn(&[copydesk::rule::Rule]) -> Result<String, String>,
) -> Outcome {
    let Setup {
        mut rules, errors, ..
    } = plan::setup(config);
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let mut outcome = Outcome::default();
    for e in &errors {
        outcome.stderr.push_str(&human::render_error(e, false));
    }
    match show(&rules) {
        Ok(text) => outcome.stdout = text,
        Err(message) => {
            outcome.stderr.push_str(&message);
            outcome.code = 2;
        }
    }
    if !errors.is_empty() {
        outcome.code = 2;
    }
    outcome
}
