//! The command line: the only module that knows clap. Parsed arguments become copydesk's own
//! option types immediately.

use crate::diagnostic::Severity;
use crate::pipeline::Mode;
use crate::plan::{CheckOptions, ConfigChoice, OutputSpec};
use crate::render::OutputFormat;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "An editorial quality linter for news copy",
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check articles (.txt, .md, .html) and folders of them.
    Check(CheckArgs),
    /// List the rules: id, severity, on or off by default, fix, and what each finds.
    Rules {
        /// Write a Markdown page per rule, and an index, into this folder instead.
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Show the documentation and examples of a rule, or of every rule of a family.
    Explain {
        /// A rule id (`residue/read-more`) or a family (`residue`).
        name: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Run the examples of your own rules: each must flag exactly its `flags`.
    Test {
        /// Rule folders (`<family>/<name>.toml` files) [default: the config's `rule-dirs`].
        dirs: Vec<PathBuf>,
        /// When to colour the output; `NO_COLOR` turns `auto` off.
        #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
        color: ColorArg,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Write a commented starter copydesk.toml in the current folder.
    Init,
    /// Run the language server (LSP) on standard input and output, for editors.
    ///
    /// Findings appear as the copy is typed, with quick fixes and the rule's explanation on hover;
    /// each file is checked with its nearest copydesk.toml. The editor starts it: see "In the
    /// editor" in the README.
    Server,
    /// Print a shell completion script: `copydesk completions bash > /etc/bash_completion.d/copydesk`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `copydesk man | man -l -`, or `copydesk man check`.
    Man {
        /// A subcommand whose page to print instead of copydesk(1).
        command: Option<String>,
    },
}

#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("apply").args(["fix", "diff"]).multiple(false))]
struct CheckArgs {
    /// Files and folders to check; `-` reads standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format, optionally with a file to write it to: `--format sarif:results.sarif`.
    /// Repeat it (or separate with commas) for several outputs from one run; at most one without
    /// a file goes to standard output.
    #[arg(long, value_name = "FORMAT[:FILE]", value_delimiter = ',', default_value = "human", value_parser = OutputParser)]
    format: Vec<OutputSpec>,
    /// Write the output (of the one `--format` without a file) to this file instead of standard
    /// output.
    #[arg(long, value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// Exit with 0 even when there are findings; errors still exit with 2.
    #[arg(long)]
    exit_zero: bool,
    /// Print how many findings each rule has (and how many are fixable) instead of the findings.
    #[arg(long, conflicts_with_all = ["diff", "write_baseline"])]
    statistics: bool,
    /// The lowest severity that makes the exit code 1 [default: error, or the config's `fail-on`].
    #[arg(long, value_enum)]
    fail_on: Option<SeverityArg>,
    /// Run only these rules or families (comma-separated); replaces the config's `select`.
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Do not run these rules or families (comma-separated); adds to the config's `ignore`.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// When to colour the output; `NO_COLOR` turns `auto` off.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// The name (and so the format) of the text read from standard input.
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Apply the safe fixes, then report what remains; with `-`, print the fixed text.
    #[arg(long, conflicts_with_all = ["diff", "write_baseline"])]
    fix: bool,
    /// Show the fixes as a unified diff; write nothing. Exit code 1 when there is something to fix.
    #[arg(long, conflicts_with = "write_baseline")]
    diff: bool,
    /// With `--fix` or `--diff`: also the unsafe fixes (guesses a person should read).
    #[arg(long, requires = "apply")]
    unsafe_fixes: bool,
    /// Do not report the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file instead of reporting them.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Let configs name rule folders and extend configs outside their repository (for a config
    /// you trust).
    #[arg(long)]
    allow_external_rules: bool,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(clap::Args)]
struct ConfigArgs {
    /// Use this config file instead of looking for copydesk.toml.
    #[arg(long, conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Use no config file: built-in rules and defaults only.
    #[arg(long)]
    no_config: bool,
}

/// Parses `FORMAT[:FILE]`, and offers the formats to shell completion.
#[derive(Clone)]
struct OutputParser;

impl clap::builder::TypedValueParser for OutputParser {
    type Value = OutputSpec;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<OutputSpec, clap::Error> {
        let value = value.to_str().unwrap_or_default();
        parse_output(value).map_err(|message| {
            clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("{message}\n"))
                .with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            FormatArg::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// `FORMAT[:FILE]`.
fn parse_output(value: &str) -> Result<OutputSpec, String> {
    let (name, path) = match value.split_once(':') {
        Some((name, path)) if !path.is_empty() => (name, Some(PathBuf::from(path))),
        Some(_) => return Err("a file name is needed after `:`".to_string()),
        None => (value, None),
    };
    let format = FormatArg::from_str(name, true).map_err(|_| {
        let names: Vec<String> = FormatArg::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        format!(
            "unknown format `{name}`; the formats are: {}",
            names.join(", ")
        )
    })?;
    Ok(OutputSpec {
        format: match format {
            FormatArg::Human => OutputFormat::Human,
            FormatArg::Short => OutputFormat::Short,
            FormatArg::Json => OutputFormat::Json,
            FormatArg::Jsonl => OutputFormat::Jsonl,
            FormatArg::Sarif => OutputFormat::Sarif,
            FormatArg::Github => OutputFormat::Github,
            FormatArg::Checkstyle => OutputFormat::Checkstyle,
            FormatArg::Junit => OutputFormat::Junit,
        },
        path,
    })
}

/// The outputs, with `--output-file` given to the one that has no file of its own.
fn outputs(mut specs: Vec<OutputSpec>, output_file: Option<PathBuf>) -> Vec<OutputSpec> {
    if let Some(file) = output_file
        && let Some(spec) = specs.iter_mut().find(|s| s.path.is_none())
    {
        spec.path = Some(file);
    }
    specs
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Short,
    Json,
    Jsonl,
    Sarif,
    Github,
    Checkstyle,
    Junit,
}

#[derive(Clone, Copy, ValueEnum)]
enum SeverityArg {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// What the user asked for, in copydesk's own types.
pub enum Request {
    Check(CheckOptions),
    Rules {
        config: ConfigChoice,
        /// Write the rule pages into this folder instead of listing the rules.
        docs: Option<PathBuf>,
    },
    Explain {
        name: String,
        config: ConfigChoice,
    },
    /// Run the examples of the rules in these folders (none: the config's `rule-dirs`).
    Test {
        dirs: Vec<PathBuf>,
        config: ConfigChoice,
        color: bool,
    },
    /// Write a starter config file in this folder.
    Init(PathBuf),
    /// Serve the Language Server Protocol on standard input and output.
    Server,
    /// Print this text (generated from the definitions here) and exit 0.
    Print(String),
    /// Print this message on standard error and exit 2.
    Fail(String),
}

pub fn parse() -> Request {
    match Cli::parse().command {
        Command::Check(args) => check(args),
        Command::Rules { docs, config } => Request::Rules {
            config: config.choice(),
            docs,
        },
        Command::Explain { name, config } => Request::Explain {
            name,
            config: config.choice(),
        },
        Command::Test {
            dirs,
            color,
            config,
        } => Request::Test {
            dirs,
            config: config.choice(),
            color: color.enabled(),
        },
        Command::Init => Request::Init(std::env::current_dir().unwrap_or_default()),
        Command::Server => Request::Server,
        Command::Completions { shell } => Request::Print(completions(shell)),
        Command::Man { command } => match man(command.as_deref()) {
            Some(page) => Request::Print(page),
            None => Request::Fail(format!(
                "error: no subcommand `{}`; the man pages are: copydesk {}\n",
                command.unwrap_or_default(),
                Cli::command()
                    .get_subcommands()
                    .map(|c| c.get_name().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        },
    }
}

fn check(args: CheckArgs) -> Request {
    let outputs = outputs(args.format, args.output_file);
    if outputs.iter().filter(|o| o.path.is_none()).count() > 1 {
        return Request::Fail(
            "error: only one `--format` can write to standard output; give the others a file, \
             as in `--format sarif:results.sarif`\n"
                .to_string(),
        );
    }
    Request::Check(CheckOptions {
        paths: args.paths,
        outputs,
        exit_zero: args.exit_zero,
        statistics: args.statistics,
        fail_on: args.fail_on.map(|s| match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }),
        select: args.select,
        ignore: args.ignore,
        color: args.color.enabled(),
        config: args.config.choice(),
        allow_external_rules: args.allow_external_rules,
        stdin_filename: args.stdin_filename,
        mode: match (args.fix, args.diff, args.write_baseline) {
            (true, _, _) => Mode::Fix,
            (_, true, _) => Mode::Diff,
            (_, _, Some(path)) => Mode::WriteBaseline(path),
            _ => Mode::Report,
        },
        fix_options: crate::fix::FixOptions {
            unsafe_fixes: args.unsafe_fixes,
        },
        baseline: args.baseline,
    })
}

/// The completion script for `shell`, generated from the clap definitions.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "copydesk", &mut out);
    String::from_utf8(out).expect("completion scripts are UTF-8")
}

/// The man page of copydesk, or of one of its subcommands (`copydesk-check(1)`), in roff.
pub fn man(subcommand: Option<&str>) -> Option<String> {
    let mut command = Cli::command();
    command.build();
    let page = match subcommand {
        None => command,
        Some(name) => {
            let sub = command.find_subcommand(name)?.clone();
            let title = format!("copydesk-{}", sub.get_name());
            sub.bin_name(format!("copydesk {name}"))
                .display_name(title)
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .expect("writing to memory cannot fail");
    Some(String::from_utf8(out).expect("man pages are UTF-8"))
}

impl ColorArg {
    fn enabled(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

impl ConfigArgs {
    fn choice(self) -> ConfigChoice {
        match (self.config, self.no_config) {
            (Some(path), _) => ConfigChoice::File(path),
            (None, true) => ConfigChoice::None,
            (None, false) => ConfigChoice::Discover(std::env::current_dir().unwrap_or_default()),
        }
    }
}
