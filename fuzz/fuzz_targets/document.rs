//! The check of one document, shared by the `check_*` targets: the bytes are read as a file would
//! be (binary data, UTF-16 and invalid UTF-8 are refused, never a panic), then checked with every
//! built-in rule, and everything copydesk reports must hold for any text (tests/invariants).

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::locale::Locale;
use copydesk::markup::Format;
use copydesk::source::Source;
use std::sync::OnceLock;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

/// One engine per quotation-mark locale, each with every built-in rule (off by default or not).
pub fn engines() -> &'static [Engine] {
    static ENGINES: OnceLock<Vec<Engine>> = OnceLock::new();
    ENGINES.get_or_init(|| {
        ["en", "fr", "de", "ch"]
            .iter()
            .map(|locale| {
                let rules = copydesk::ruleset::builtin();
                let selection = Selection {
                    select: rules.iter().map(|r| r.id.clone()).collect(),
                    ..Selection::default()
                };
                let settings = Settings {
                    locale: Locale::parse(locale).expect("a known locale"),
                    ..Settings::default()
                };
                Engine::new(rules, &selection, &settings)
                    .unwrap_or_else(|e| panic!("{}", e[0].message))
            })
            .collect()
    })
}

pub fn check(data: &[u8], format: Format) {
    let Ok(source) = Source::from_bytes("fuzz", data.to_vec()) else {
        return;
    };
    let text = &source.text;
    if let Err(why) = invariants::check_prose(text, format) {
        panic!("{why}");
    }
    // The locale varies with the input, so that every convention is fuzzed without doubling the
    // work of each run.
    let engine = &engines()[data.len() % 4];
    let diagnostics = engine.check(&source, format);
    if let Err(why) = invariants::check_diagnostics(text, &diagnostics) {
        panic!("{why}");
    }
}
