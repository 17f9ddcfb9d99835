//! A `copydesk.toml`: any text is loaded as a run loads its config (rule folders, validation of
//! every name in it); each error is rendered, so its position must be valid; the names rules are
//! then compiled with its house table and locale and check a short text.
#![no_main]

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::markup::Format;
use copydesk::plan::{self, ConfigChoice};
use copydesk::render::human;
use copydesk::rule::Rule;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A folder of this process for the config file: loading reads it from disk, as a run does.
fn config_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("copydesk-fuzz-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        dir.join("copydesk.toml")
    })
}

const TEXT: &str = "Kiev and Kyiv. Sadyr Japarov met Sadyr Zhaparov in Peking and Beijing.\n";

fuzz_target!(|data: &[u8]| {
    let path = config_path();
    std::fs::write(path, data).expect("the config file is written");
    let setup = plan::setup(&ConfigChoice::File(path.clone()));
    for e in &setup.errors {
        human::render_error(e, false);
    }
    if !setup.errors.is_empty() {
        return;
    }
    let config = &setup.config;
    // The `names` rules: the kind the house table drives.
    let rules: Vec<Rule> = setup
        .rules
        .iter()
        .filter(|r| r.family() == "names")
        .cloned()
        .collect();
    let selection = Selection {
        select: rules.iter().map(|r| r.id.clone()).collect(),
        ignore: config.ignore.iter().map(|v| v.get().clone()).collect(),
        severity: config
            .severity
            .iter()
            .map(|(name, s)| (name.get().clone(), *s))
            .collect(),
    };
    let settings = Settings {
        locale: config.locale.unwrap_or_default(),
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
