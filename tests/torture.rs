//! Every check over hostile text: each Unicode space, dash, quotation mark, apostrophe, zero-width
//! character and combining mark, emoji sequences, right-to-left and CJK text, lone CR and CRLF line
//! ends, placed next to every construct a check looks at, in plain text, Markdown and HTML.
//!
//! Nothing here is a right answer about the copy: what is asserted is what must hold for any input.
//! No panic; every span (primary, label, fix) inside the file, on character boundaries and never
//! over a byte-order mark; line and column exactly those of the span's offsets; fixes that apply.
//! The generated documents also go once through the whole `check` path the CLI runs (suppressions,
//! human, SARIF and JSON output, `--diff`), and so do the files of `../shared/torture` when they are there.

use copydesk::app;
use copydesk::checks::Settings;
use copydesk::diagnostic::Diagnostic;
use copydesk::engine::{Engine, Selection};
use copydesk::fix;
use copydesk::markup::Format;
use copydesk::plan::{CheckOptions, ConfigChoice, Mode, OutputSpec};
use copydesk::render::OutputFormat;
use copydesk::source::Source;
use invariants::{check_diagnostics, check_prose};
use std::path::{Path, PathBuf};

mod invariants;

const SPACES: &[char] = &[
    '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}',
    '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}',
    '\u{205f}', '\u{3000}', '\t', '\u{b}', '\u{c}', '\u{85}',
];
const DASHES: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '–', '—', '―', '−', '⸺', '⸻', '﹘', '﹣', '－',
];
const QUOTES: &[char] = &[
    '"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›', '「', '」', '『', '』',
    '＂', '＇', '`', '´', 'ʼ', 'ʹ', '′', '″', '〝', '〞',
];
const INVISIBLE: &[char] = &[
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{200e}', '\u{200f}', '\u{202e}',
    '\u{ad}', '\u{34f}',
];
const MARKS: &[char] = &[
    '\u{301}',
    '\u{308}',
    '\u{327}',
    '\u{20dd}',
    '\u{1ab0}',
    '\u{e0101}',
];
/// Text that is several characters: emoji sequences, scripts, line ends.
const CLUSTERS: &[&str] = &[
    "😀",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🏳\u{fe0f}\u{200d}🌈",
    "🇫🇷",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u{202b}عربي\u{202c}",
    "中文报道。",
    "日本語の記事「引用」",
    "한국어 기사",
    "e\u{301}",
    "\r",
    "\r\n",
    "\n",
    "\r\r\n",
    "…",
    "...",
    ". . .",
    "",
];

/// The constructs the checks look at; `@` marks where the hostile text goes.
const CONSTRUCTS: &[&str] = &[
    "The the@ vote was delayed.",
    "The vote@ vote was delayed.",
    "Tom@Smith (Smith) resigned.",
    "Belarus (Belarus@) signed.",
    "He said (@) it.",
    "A@b (c).",
    "“Yes@” he said. “No,” she said@",
    "calling it \"null and void@».",
    "\"We won@. He left.",
    "He left@.\" Then",
    "« Bonjour@ » dit-il.",
    "in March.@Chairman Smith spoke.",
    "in the country. take@.",
    "Friday morningfollowin...@",
    "Read More@",
    "@Read More",
    "veryGood!@(7)",
    "Related Posts@\n- One headline about a long thing\n- Another headline about things",
    "Sadyr Japarov said. Sadyr Zhaparov@ said.",
    "Aliev@ and Aliyev met Pashinyan@ and Pachinian.",
    "It was ratified by 123@ countries.",
    "Prices rose 3.5@ percent to $5@m, or 50@%.",
    "Thousands@ of children were displaced.",
    "Mr.@ Smith and U.S.@ officials met at 5 p.m.@ Friday.",
    "He paused ...@ then went on.",
    "- @item one\n- item two@",
    "1.@ first\n2) second",
    "Treaty Organization for Collective Security@ met.",
    "Featured image via@ Reuters",
    "Click here@ to subscribe.",
    "&amp;@ &nbsp; &#8220;x&#8221;@",
    "<b>the</b>@ the",
    "(((@",
    "@)))",
    "\"\"\"@",
    "...@...",
    "@",
];

/// A small deterministic generator (xorshift64*), so that every run checks the same texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Every hostile piece of text, each a separate string.
fn hostile() -> Vec<String> {
    SPACES
        .iter()
        .chain(DASHES)
        .chain(QUOTES)
        .chain(INVISIBLE)
        .chain(MARKS)
        .map(|c| c.to_string())
        .chain(CLUSTERS.iter().map(|s| s.to_string()))
        .collect()
}

/// `construct` with `piece` at the mark, and with every space of it replaced by `piece` too.
fn fill(construct: &str, piece: &str) -> [String; 2] {
    let at = construct.replace('@', piece);
    let everywhere = at.replace(' ', piece);
    [at, everywhere]
}

/// The constructs as one document of `format`, each in the markup that format gives it.
fn document(pieces: &[String], format: Format) -> String {
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        match format {
            Format::Plain => {
                out.push_str(p);
                out.push_str(if i % 3 == 0 { "\n\n" } else { "\n" });
            }
            Format::Markdown => {
                let wrapped = match i % 7 {
                    0 => format!("- {p}\n  # {p}\n  {p}\n"),
                    1 => format!("> {p}\n"),
                    2 => format!("## {p}\n"),
                    3 => {
                        format!("| {p} | **{p}** |\n|---|---|\n| `{p}` | [{p}](http://x.y/{p}) |\n")
                    }
                    4 => format!("1. *{p}*\n   - {p}\n"),
                    5 => format!("```\n{p}\n```\n{p}\\\n{p}\n"),
                    _ => format!("{p}\n"),
                };
                out.push_str(&wrapped);
                out.push('\n');
            }
            Format::Html => {
                let wrapped = match i % 6 {
                    0 => format!("<p>{p}</p>"),
                    1 => format!("<li>{p}<li>{p}"),
                    2 => format!("<h2>{p}</h2><div>{p}<br>{p}</div>"),
                    3 => format!("<p><b>{p}</b> <a href=\"{p}\">{p}</a></p>"),
                    4 => format!("<td>{}</td>", entities(p)),
                    _ => format!("{p}<script>{p}</script><pre>{p}</pre>"),
                };
                out.push_str(&wrapped);
                out.push('\n');
            }
        }
    }
    out
}

/// `text` with every other non-ASCII character (and `&`) written as a character reference.
fn entities(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        match c {
            '\u{a0}' => out.push_str("&nbsp;"),
            '&' => out.push_str("&amp;"),
            '“' => out.push_str("&ldquo;"),
            '’' => out.push_str("&rsquo;"),
            c if !c.is_ascii() && i % 2 == 0 => out.push_str(&format!("&#x{:X};", c as u32)),
            c if !c.is_ascii() => out.push_str(&format!("&#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Random documents built from words of news copy, hostile pieces and markup of each format.
fn random_documents(rng: &mut Rng, count: usize) -> Vec<(String, Format)> {
    const WORDS: &[&str] = &[
        "the",
        "The",
        "said",
        "Read",
        "More",
        "Aliev",
        "Aliyev",
        "Japarov",
        "Zhaparov",
        "123",
        "3.5",
        "percent",
        "$5m",
        "50%",
        "(",
        ")",
        "\"",
        "“",
        "”",
        "«",
        "»",
        "'",
        "’",
        ".",
        ",",
        "...",
        "…",
        "!",
        "?",
        "Mr.",
        "U.S.",
        "Belarus",
        "take.",
        "morningfollowin...",
        "(7)",
        "veryGood!",
        "thousands",
        "of",
        "- ",
        "1. ",
        "&amp;",
        "&nbsp;",
        "&#8220;",
        "&",
        "<",
        ">",
        "Related",
        "#",
        "*",
        "_",
        "`",
        "[",
        "]",
        "|",
        "\\",
    ];
    const MARKUP: &[&str] = &[
        "<p>",
        "</p>",
        "<li>",
        "</li>",
        "<br>",
        "<b>",
        "</b>",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<pre>",
        "<h1>",
        "</h1>",
        "\n- ",
        "\n> ",
        "\n# ",
        "\n```\n",
        "**",
        "](x)",
        "\n| a |",
        "\n---\n",
        "\n    ",
    ];
    let hostile = hostile();
    let formats = [Format::Plain, Format::Markdown, Format::Html];
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..rng.below(80) + 1 {
                match rng.below(10) {
                    0..=4 => text.push_str(rng.pick(WORDS)),
                    5 | 6 => text.push_str(&hostile[rng.below(hostile.len())]),
                    7 => text.push_str(rng.pick(MARKUP)),
                    _ => text.push_str(rng.pick(&["\n", "\r\n", "\r", "\n\n", "  "])),
                }
                if rng.below(3) > 0 {
                    text.push(' ');
                }
            }
            if rng.below(8) == 0 {
                text.insert(0, '\u{feff}');
            }
            (text, rng.pick(&formats))
        })
        .collect()
}

/// Every hostile document: each hostile piece in every construct, in each format.
fn generated() -> Vec<(String, Format)> {
    let mut docs = Vec::new();
    for piece in hostile() {
        let filled: Vec<String> = CONSTRUCTS.iter().flat_map(|c| fill(c, &piece)).collect();
        for format in [Format::Plain, Format::Markdown, Format::Html] {
            docs.push((document(&filled, format), format));
        }
    }
    // A byte-order mark before a document, and text that is all one hostile kind.
    let first: Vec<String> = CONSTRUCTS.iter().map(|c| c.replace('@', "")).collect();
    for format in [Format::Plain, Format::Markdown, Format::Html] {
        docs.push((format!("\u{feff}{}", document(&first, format)), format));
        for run in [
            "(", ")", "\"", "“", ".", "…", "-", "\u{a0}", "\r", "a", "the ",
        ] {
            docs.push((run.repeat(3000), format));
        }
    }
    docs.extend(random_documents(&mut Rng(0x5eed_c0de_0000_0001), 400));
    docs
}

/// An engine with every built-in rule of `families` (all when empty), including those off by
/// default.
fn engine(locale: &str, families: &[&str]) -> Engine {
    let rules = copydesk::ruleset::builtin();
    let selection = Selection {
        select: rules
            .iter()
            .filter(|r| families.is_empty() || families.contains(&r.family()))
            .map(|r| r.id.clone())
            .collect(),
        ..Selection::default()
    };
    let settings = Settings {
        locale: copydesk::locale::Locale::parse(locale).expect("a known locale"),
        ..Settings::default()
    };
    Engine::new(rules, &selection, &settings).unwrap_or_else(|e| panic!("{}", e[0].message))
}

/// Checks one document with every engine, turning a panic into a failure that names the text.
fn check_document(engines: &[Engine], text: &str, format: Format) -> Result<(), String> {
    let caught = |payload: Box<dyn std::any::Any + Send>| {
        let why = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        format!("panicked: {}", why.chars().take(300).collect::<String>())
    };
    std::panic::catch_unwind(|| check_prose(text, format)).map_err(caught)??;
    for engine in engines {
        let source = Source::new("t", text.to_string());
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine.check(&source, format)
        }));
        check_diagnostics(text, &run.map_err(caught)?)?;
    }
    Ok(())
}

fn report(failures: &[(String, Format, String)]) -> String {
    failures
        .iter()
        .take(5)
        .map(|(text, format, why)| {
            let shown: String = text.chars().take(400).collect();
            format!("{format:?} {why}\n  text: {shown:?}\n")
        })
        .collect()
}

#[test]
fn every_check_survives_hostile_text_with_exact_spans() {
    // The locale changes only how quotation marks are read.
    let engines = [engine("en", &[]), engine("fr", &["quotes"])];
    let mut failures = Vec::new();
    for (text, format) in generated() {
        if let Err(why) = check_document(&engines, &text, format) {
            failures.push((text, format, why));
        }
    }
    assert!(
        failures.is_empty(),
        "{} documents failed; the first:\n{}",
        failures.len(),
        report(&failures)
    );
}

/// What a run printed, and its exit code.
struct Outcome {
    stdout: String,
    code: u8,
}

/// Runs `copydesk check` as the CLI does over `paths` in `format`, in `mode`.
fn run_check(paths: Vec<PathBuf>, format: OutputFormat, mode: Mode) -> Outcome {
    let options = CheckOptions {
        paths,
        outputs: vec![OutputSpec { format, path: None }],
        exit_zero: false,
        statistics: false,
        fail_on: None,
        select: None,
        ignore: Vec::new(),
        color: false,
        config: ConfigChoice::None,
        allow_external_rules: false,
        stdin_filename: None,
        mode,
        fix_options: fix::FixOptions { unsafe_fixes: true },
        baseline: None,
    };
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = app::check(&options, &mut stdout, &mut stderr);
    Outcome {
        stdout: String::from_utf8(stdout).expect("the report is UTF-8"),
        code,
    }
}

/// The whole check path over `dir`: the human and SARIF output, `--diff`, and the JSON lines,
/// whose locations are checked against each file's text.
fn check_folder(dir: &Path) {
    // The renderers that read the text (human) or compute their own positions (SARIF).
    for format in [OutputFormat::Human, OutputFormat::Sarif] {
        let out = run_check(vec![dir.to_path_buf()], format, Mode::Report);
        assert!(out.code <= 2, "{format:?}");
    }
    let diff = run_check(vec![dir.to_path_buf()], OutputFormat::Human, Mode::Diff);
    assert!(diff.code <= 2);
    let out = run_check(vec![dir.to_path_buf()], OutputFormat::Jsonl, Mode::Report);
    let mut by_path: std::collections::BTreeMap<String, Vec<Diagnostic>> = Default::default();
    for line in out.stdout.lines() {
        let d: Diagnostic = serde_json::from_str(line).expect("JSON lines parse");
        by_path.entry(d.path.to_string()).or_default().push(d);
    }
    for (path, diagnostics) in by_path {
        let text = std::fs::read_to_string(&path).expect("a checked file is UTF-8");
        if let Err(why) = check_diagnostics(&text, &diagnostics) {
            panic!("{path}: {why}");
        }
    }
}

#[test]
fn the_whole_check_path_survives_hostile_files() {
    let tmp = tempfile::TempDir::new().unwrap();
    let docs = generated();
    // One in eight of the documents is enough for the paths after the engine.
    for (i, (text, format)) in docs.iter().enumerate().filter(|(i, _)| i % 8 == 0) {
        let ext = match format {
            Format::Plain => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
        };
        std::fs::write(tmp.path().join(format!("doc{i:04}.{ext}")), text).unwrap();
    }
    check_folder(tmp.path());
}

/// The shared torture files, when the project sits next to them (it stands alone without them).
#[test]
fn the_shared_torture_files_in_every_format() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/torture");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} is absent; skipped", dir.display());
        return;
    };
    let engines = [engine("en", &[])];
    let tmp = tempfile::TempDir::new().unwrap();
    let mut failures = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Ok(source) = Source::from_bytes(name.clone(), bytes) else {
            continue; // refused with a message (UTF-16): tests/bad_input.rs
        };
        for format in [Format::Plain, Format::Markdown, Format::Html] {
            if let Err(why) = check_document(&engines, &source.text, format) {
                failures.push((name.clone(), format, why));
            }
        }
        // The whole path once, in the file's own format.
        std::fs::write(tmp.path().join(&name), &source.text).unwrap();
    }
    assert!(failures.is_empty(), "{}", report(&failures));
    check_folder(tmp.path());
}
