//! The copydesk binary: parse arguments, run, print, exit. Everything else is in the library.

use copydesk::app;
use copydesk::cli::{self, Request};
use copydesk::commands::Outcome;
use copydesk::{commands, init};
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
        Request::Rules { config, docs } => commands::rules(&config, docs.as_deref()),
        Request::Explain { name, config } => commands::explain(&name, &config),
        Request::Test {
            dirs,
            config,
            color,
        } => commands::test(&dirs, &config, color),
        Request::Init(dir) => init::init(&dir),
        // The server speaks the protocol on standard output itself, until the client says `exit`.
        Request::Server => return ExitCode::from(copydesk::server::run()),
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
