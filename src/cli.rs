//! The command line: the only module that knows clap. Parsed arguments become copydesk's own
//! option types immediately.

use crate::app::{CheckOptions, ConfigChoice};
use crate::diagnostic::Severity;
use crate::render::OutputFormat;
use clap::{Parser, Subcommand, ValueEnum};
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
    /// Check articles (.txt, .md) and folders of them.
    Check(CheckArgs),
    /// List the rules: id, severity, kind, and what each finds.
    Rules {
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Show a rule's documentation and examples.
    Explain {
        /// A rule id, such as `residue/read-more`.
        rule: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and folders to check; `-` reads standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
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

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Short,
    Json,
    Jsonl,
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
    Rules(ConfigChoice),
    Explain { rule: String, config: ConfigChoice },
}

pub fn parse() -> Request {
    match Cli::parse().command {
        Command::Check(args) => Request::Check(CheckOptions {
            paths: args.paths,
            format: match args.format {
                FormatArg::Human => OutputFormat::Human,
                FormatArg::Short => OutputFormat::Short,
                FormatArg::Json => OutputFormat::Json,
                FormatArg::Jsonl => OutputFormat::Jsonl,
            },
            fail_on: args.fail_on.map(|s| match s {
                SeverityArg::Error => Severity::Error,
                SeverityArg::Warning => Severity::Warning,
                SeverityArg::Info => Severity::Info,
            }),
            select: args.select,
            ignore: args.ignore,
            color: match args.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::io::stdout().is_terminal()
                }
            },
            config: args.config.choice(),
            stdin_filename: args.stdin_filename,
        }),
        Command::Rules { config } => Request::Rules(config.choice()),
        Command::Explain { rule, config } => Request::Explain {
            rule,
            config: config.choice(),
        },
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
