//! A rule file of a house rule folder: any text is an error pointing into the file (rendered, so
//! that its span must be renderable) or a rule; a rule is compiled by its kind (an error again, or
//! a check), and the check runs over the rule's own examples.
#![no_main]

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::render::human;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rule = match copydesk::ruleset::parse("residue/fuzz", "house/residue/fuzz.toml", text) {
        Ok(rule) => rule,
        Err(e) => {
            human::render_error(&e, false);
            return;
        }
    };
    let selection = Selection {
        select: vec![rule.id.clone()],
        ..Selection::default()
    };
    let examples = rule.examples.clone();
    match Engine::new(vec![rule], &selection, &Settings::default()) {
        Ok(engine) => {
            for example in &examples {
                engine.findings(&example.text, example.format);
            }
        }
        Err(errors) => {
            for e in &errors {
                human::render_error(e, false);
            }
        }
    }
});
