//! Work grows linearly with the input on text a user can produce: the shapes that were quadratic
//! (or worse) and the stage of the check they hit.
//!
//! Not a timed test: no run is compared with a clock budget (times are the processor time of the
//! test's thread). Each shape is run at a size and at
//! four times that size (five runs each, the size first grown until a run is long enough to
//! measure), and the two are compared with each other, generously: four times the input may take
//! at most ten times as long, where a quadratic path takes sixteen. Wall-clock figures of
//! the release build on the same shapes come from `scripts/pathological.py`.

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::markup::{self, Format};
use copydesk::rule::Rule;
use copydesk::source::Source;
use copydesk::suppress::{self, RuleNames};
use std::time::Duration;

/// A run long enough to compare with another.
const MEASURABLE: Duration = Duration::from_millis(20);

/// The processor time `run` takes on this thread: on a busy machine the wall clock also counts the
/// time other programs held the processor, more of it the longer a run lasts.
fn time(run: &dyn Fn()) -> Duration {
    let start = thread_time();
    run();
    thread_time().saturating_sub(start)
}

#[cfg(target_os = "linux")]
fn thread_time() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given, which outlives the call.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_THREAD, usage.as_mut_ptr());
        usage.assume_init()
    };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

#[cfg(not(target_os = "linux"))]
fn thread_time() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

/// The largest input: four times it stays below the engine's piece size (1 MiB), past which a
/// file is cut into pieces, a step in the work that is not a slope.
const LARGEST: usize = 240_000;

/// `run` over `make(n)` and `make(4n)`, with `n` grown from `start` until a run is measurable.
/// The two sizes are run in turn, five times each, and their total times compared: the processor
/// time of a thread is counted in ticks, so one run says little and a total is a fair estimate.
fn assert_linear(name: &str, start: usize, make: impl Fn(usize) -> String, run: impl Fn(&str)) {
    let total = |text: &str, runs: u32| (0..runs).map(|_| time(&|| run(text))).sum::<Duration>();
    let mut n = start;
    let mut small = make(n);
    while total(&small, 3) < 3 * MEASURABLE && 2 * n <= LARGEST {
        n *= 2;
        small = make(n);
    }
    let large = make(4 * n);
    let (mut once, mut four) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..5 {
        once += time(&|| run(&small));
        four += time(&|| run(&large));
    }
    let ratio = four.as_secs_f64() / once.as_secs_f64().max(1e-9);
    assert!(
        ratio <= 10.0,
        "{name}: {} bytes took {:?}, {} bytes {:?} ({ratio:.1} times)",
        small.len(),
        once / 5,
        large.len(),
        four / 5
    );
}

fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

/// An engine with the built-in rules of `families` (every rule when empty) and `extra` rules.
fn engine(families: &[&str], extra: Vec<Rule>) -> Engine {
    let rules: Vec<Rule> = copydesk::ruleset::builtin()
        .into_iter()
        .filter(|r| families.is_empty() || families.contains(&r.family()))
        .chain(extra)
        .collect();
    let selection = Selection {
        select: rules.iter().map(|r| r.id.clone()).collect(),
        ..Selection::default()
    };
    Engine::new(rules, &selection, &Settings::default()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn check(engine: &Engine, text: &str, format: Format) {
    engine.check(&Source::new("t", text.to_string()), format);
}

#[test]
fn html_end_tags_that_close_nothing() {
    let make = |n: usize| repeat("<div>", n * 5 / 6) + &repeat("</p>", n / 6) + "<p>Text.</p>";
    assert_linear("html tags", 20_000, make, |t| {
        markup::extract(t, Format::Html);
    });
}

#[test]
fn deeply_nested_markdown() {
    let lists = |n: usize| {
        let depth = (n as f64).sqrt() as usize;
        (0..depth)
            .map(|i| format!("{}- x y.\n", "  ".repeat(i)))
            .collect()
    };
    let all = engine(&[], Vec::new());
    assert_linear("nested lists", 4_000, lists, |t| {
        check(&all, t, Format::Markdown)
    });
    let quotes = |n: usize| repeat(">", n) + " x\n";
    assert_linear("nested quotes", 4_000, quotes, |t| {
        markup::extract(t, Format::Markdown);
    });
}

#[test]
fn many_findings_on_one_long_line() {
    // Each finding's column is counted on a line as long as the file.
    let quotes = engine(&["quotes"], Vec::new());
    let make = |n: usize| repeat("“", n);
    assert_linear("curly quotes", 4_000, make, |t| {
        check(&quotes, t, Format::Plain)
    });
    let entities = |n: usize| repeat("&amp;&#8220;&eacute;&nbsp;", n);
    let residue = engine(&["residue"], Vec::new());
    assert_linear("entities", 4_000, entities, |t| {
        check(&residue, t, Format::Html)
    });
}

#[test]
fn matches_whose_rules_read_their_line() {
    let residue = engine(&["residue"], Vec::new());
    let phrases = |n: usize| repeat("Image caption We use cookies here ", n);
    assert_linear("phrases on one line", 4_000, phrases, |t| {
        check(&residue, t, Format::Plain)
    });
    // Markup left in text: each a finding whose fix deletes it cleanly, which reads its line.
    let tags = |n: usize| repeat("said <b>x</b> then ", n);
    assert_linear("tags on one line", 4_000, tags, |t| {
        check(&residue, t, Format::Plain)
    });
    let patterns = |n: usize| repeat("good (7) ", n);
    assert_linear("patterns on one line", 4_000, patterns, |t| {
        check(&residue, t, Format::Plain)
    });
}

#[test]
fn fragments_and_figures_in_one_endless_sentence() {
    let fragments = engine(&["fragments"], Vec::new());
    assert_linear(
        "fusions in one word",
        4_000,
        |n| repeat("ab.Cd", n),
        |t| check(&fragments, t, Format::Plain),
    );
    let figures = engine(&["figures"], Vec::new());
    let sentence = |n: usize| repeat("It rose 5% in 123 countries. ", n);
    assert_linear("figures", 4_000, sentence, |t| {
        check(&figures, t, Format::Plain)
    });
    let paragraphs = |n: usize| repeat("It rose 5% in 123 countries.\n\n", n);
    assert_linear("figure paragraphs", 4_000, paragraphs, |t| {
        check(&figures, t, Format::Plain)
    });
}

#[test]
fn a_large_counted_repetition_in_the_set_of_patterns() {
    let rule = copydesk::ruleset::parse(
        "residue/long-run",
        "house/residue/long-run.toml",
        "kind = \"pattern\"\nseverity = \"info\"\nmessage = \"m\"\nwhy = \"w\"\n\
         pattern = 'a{1000}'\n[[example]]\ntext = \"x\"\nflags = [\"x\"]\n\
         [[example]]\ntext = \"y\"\nflags = []\n",
    )
    .unwrap();
    let residue = engine(&["residue"], vec![rule]);
    assert_linear(
        "a{1000}",
        20_000,
        |n| repeat("a", n),
        |t| check(&residue, t, Format::Plain),
    );
}

#[test]
fn many_suppressions_and_many_findings() {
    let residue = engine(&["residue"], Vec::new());
    let known: Vec<String> = residue.rules.iter().map(|r| r.id.clone()).collect();
    let names = RuleNames {
        known: &known,
        active: &known,
        deferred: &[],
        unused: None,
        invalid: None,
    };
    let make = |n: usize| {
        repeat("<!-- copydesk-disable-next-line -->\n", n / 2)
            + &repeat("Read More\n<!-- copydesk-disable residue -->\n", n / 2)
    };
    assert_linear("suppressions", 4_000, make, |t| {
        let source = Source::new("t.md", t.to_string());
        let found = residue.check(&source, Format::Markdown);
        suppress::apply(&source, Format::Markdown, found, &names);
    });
}
