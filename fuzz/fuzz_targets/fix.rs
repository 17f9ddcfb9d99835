//! `--fix` on arbitrary text, in each format, with every built-in rule, safe fixes alone or all
//! fixes: every pass's edits are in bounds and on character boundaries, the bytes outside them
//! are unchanged, the markup of the fixed text is the markup of the original, shifted, and fixing
//! the result again changes nothing.
//!
//! The first input byte chooses the format (bits 0-1: text, Markdown, HTML), whether unsafe fixes
//! apply (bit 2) and the locale (bits 3-4: en, fr, de, ch); the rest is the text, which must be
//! UTF-8. The meta-rules on suppressions are not run: deleting an unused suppression comment is
//! the one fix meant to change markup.
#![no_main]

use copydesk::checks::Settings;
use copydesk::diagnostic::Diagnostic;
use copydesk::engine::{Engine, Selection};
use copydesk::fix::{self, Edit, FixOptions};
use copydesk::house::HouseTable;
use copydesk::locale::Locale;
use copydesk::markup::{self, Format};
use copydesk::source::Source;
use copydesk::span::Span;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const LOCALES: [Locale; 4] = [Locale::En, Locale::Fr, Locale::De, Locale::Ch];

/// One engine per locale, with every built-in rule (those off by default too) and a house table.
fn engine(locale: usize) -> &'static Engine {
    static ENGINES: [OnceLock<Engine>; 4] = [const { OnceLock::new() }; 4];
    ENGINES[locale].get_or_init(|| {
        let rules = copydesk::ruleset::builtin();
        let selection = Selection {
            select: rules.iter().map(|r| r.id.clone()).collect(),
            ..Selection::default()
        };
        let names: HouseTable = toml::from_str(
            "[[entity]]\npreferred = \"Beijing\"\nvariants = [\"Peking\"]\nallow = [\"Peking duck\"]\n\
             [[entity]]\npreferred = \"Mumbai\"\nvariants = [\"Bombay\"]\n",
        )
        .expect("a valid house table");
        let settings = Settings {
            locale: LOCALES[locale],
            names,
        };
        Engine::new(rules, &selection, &settings).expect("the built-in rules compile")
    })
}

// The engines are built before the first input, so that their setup never counts as a timeout.
fuzz_target!(init: (0..LOCALES.len()).for_each(|l| {
    engine(l);
}), |data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (format, name) = match mode & 3 {
        1 => (Format::Markdown, "fuzz.md"),
        2 => (Format::Html, "fuzz.html"),
        _ => (Format::Plain, "fuzz.txt"),
    };
    let options = FixOptions {
        unsafe_fixes: mode & 4 != 0,
    };
    let engine = engine(usize::from(mode >> 3) & 3);
    let check =
        |t: &str| -> Vec<Diagnostic> { engine.check(&Source::new(name, t.to_string()), format) };

    // Pass by pass, as `--fix` does.
    let mut current = text.to_string();
    for _ in 0..fix::MAX_PASSES {
        let edits = fix::edits(&current, &check(&current), options);
        if edits.is_empty() {
            break;
        }
        let next = fix::apply(&current, &edits);
        outside_unchanged(&current, &next, &edits);
        markup_shifted(&current, &next, &edits, format);
        current = next;
    }

    // The whole of `--fix`, then `--fix` again.
    let first = fix::fix_until_stable(text, options, check);
    assert_eq!(
        first.applied == 0,
        first.text == text,
        "a count of fixes for unchanged bytes"
    );
    let second = fix::fix_until_stable(&first.text, options, check);
    assert_eq!(second.text, first.text, "a second --fix changed the text");
    assert_eq!(second.applied, 0);
});

/// The edits are sorted, disjoint, in bounds and on character boundaries, and `after` is
/// `before` with exactly them applied.
fn outside_unchanged(before: &str, after: &str, edits: &[Edit]) {
    let mut at = 0;
    let mut out = 0;
    for e in edits {
        assert!(at <= e.span.start && e.span.start <= e.span.end && e.span.end <= before.len());
        assert!(before.is_char_boundary(e.span.start) && before.is_char_boundary(e.span.end));
        let kept = &before[at..e.span.start];
        assert_eq!(
            &after[out..out + kept.len()],
            kept,
            "a byte outside the fixes changed"
        );
        out += kept.len();
        assert_eq!(&after[out..out + e.replacement.len()], e.replacement);
        out += e.replacement.len();
        at = e.span.end;
    }
    assert_eq!(
        &after[out..],
        &before[at..],
        "a byte outside the fixes changed"
    );
}

/// The markup of `after` is the markup of `before`, each span moved by the edits before it.
fn markup_shifted(before: &str, after: &str, edits: &[Edit], format: Format) {
    let old = markup::extract(before, format).markup;
    let new = markup::extract(after, format).markup;
    let mut expected: Vec<Span> = Vec::new();
    for m in old.spans() {
        let mut delta: isize = 0;
        for e in edits {
            assert!(
                !(e.span.start < m.end && m.start < e.span.end)
                    && !(e.span.is_empty() && m.start < e.span.start && e.span.start < m.end),
                "a fix {e:?} touches markup {:?} in {before:?}",
                &before[m.range()]
            );
            if e.span.end <= m.start {
                delta += e.replacement.len() as isize - e.span.len() as isize;
            }
        }
        let start = m.start.checked_add_signed(delta).unwrap();
        expected.push(Span::new(start, start + m.len()));
    }
    let merged = |spans: &[Span]| {
        let mut out: Vec<Span> = Vec::new();
        for &s in spans {
            match out.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => out.push(s),
            }
        }
        out
    };
    assert_eq!(
        merged(&expected),
        merged(new.spans()),
        "markup changed: {before:?} → {after:?}"
    );
}
