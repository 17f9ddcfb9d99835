//! A `copydesk.toml`: any text is an error pointing into the file (rendered) or a config whose
//! rule names, exclude globs and house names table are checked and compiled as a run would, the
//! names rules then checking a short text with that table.
#![no_main]

use copydesk::checks::Settings;
use copydesk::config::Config;
use copydesk::engine::{Engine, Selection};
use copydesk::markup::Format;
use copydesk::render::human;
use copydesk::rule::Rule;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The built-in rules, parsed once.
fn builtin() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(copydesk::ruleset::builtin)
}

const TEXT: &str = "Kiev and Kyiv. Sadyr Japarov met Sadyr Zhaparov in Peking and Beijing.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = match Config::parse("copydesk.toml".to_string(), text.to_string()) {
        Ok(config) => config,
        Err(e) => {
            human::render_error(&e, false);
            return;
        }
    };
    for e in config.validate(builtin()) {
        human::render_error(&e, false);
    }
    if let Err(e) = copydesk::app::exclude_set(&config) {
        human::render_error(&e, false);
    }
    // The `names` rules: the kind the house table drives.
    let rules: Vec<Rule> = builtin()
        .iter()
        .filter(|r| r.family() == "names")
        .cloned()
        .collect();
    let selection = Selection {
        select: rules.iter().map(|r| r.id.clone()).collect(),
        ignore: config.ignore.iter().map(|s| s.get_ref().clone()).collect(),
        severity: config
            .severity
            .iter()
            .map(|(name, &s)| (name.get_ref().clone(), s))
            .collect(),
    };
    let settings = Settings {
        locale: config
            .locale
            .as_ref()
            .map_or_else(|| "en".to_string(), |l| l.get_ref().clone()),
        names: config.names.clone(),
    };
    match Engine::new(rules, &selection, &settings) {
        Ok(engine) => {
            engine.findings(TEXT, Format::Plain);
        }
        Err(errors) => {
            for e in &errors {
                human::render_error(e, false);
            }
        }
    }
});
