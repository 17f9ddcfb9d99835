//! Work grows linearly with the input on text a user can produce: the shapes that were quadratic
//! (or worse) and the stage of the check they hit.
//!
//! Not a timed test: no run is compared with a clock budget. Each shape is run at a size and at
//! four times that size (the fastest of three runs each, the size first grown until a run is long
//! enough to measure), and the two are compared with each other, generously: four times the input
//! may take at most ten times as long, where a quadratic path takes sixteen. Wall-clock figures of
//! the release build on the same shapes come from `scripts/pathological.py`.

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::markup::{self, Format};
use copydesk::rule::Rule;
use copydesk::source::Source;
use copydesk::suppress::{self, RuleNames};
use std::time::{Duration, Instant};

/// A run long enough to compare with another.
const MEASURABLE: Duration = Duration::from_millis(15);

fn fastest(run: &dyn Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// `run` over `make(n)` and `make(4n)`, with `n` grown from `start` until a run is measurable.
fn assert_linear(name: &str, start: usize, make: impl Fn(usize) -> String, run: impl Fn(&str)) {
    let mut n = start;
    let mut small = make(n);
    let mut once = fastest(&|| run(&small));
    while once < MEASURABLE && n < start << 8 {
        n *= 2;
        small = make(n);
        once = fastest(&|| run(&small));
    }
    let large = make(4 * n);
    let four = fastest(&|| run(&large));
    let ratio = four.as_secs_f64() / once.as_secs_f64();
    assert!(
        ratio <= 10.0,
        "{name}: {} bytes took {once:?}, {} bytes {four:?} ({ratio:.1} times)",
        small.len(),
        large.len()
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
        late: &[],
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
