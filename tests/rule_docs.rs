//! The rule pages under `docs/rules/` are generated from the rule files: this test generates them
//! in memory and compares them with the committed files, so a rule changed without its page (or a
//! page edited by hand) fails CI. Regenerate with `BLESS=1 cargo test --test rule_docs`, which
//! runs `copydesk rules --no-config --docs docs/rules`, then read the diff.

mod common;

use copydesk::{explain, ruleset};
use std::collections::BTreeSet;
use std::path::Path;

const REGENERATE: &str = "BLESS=1 cargo test --test rule_docs \
                          (it runs `copydesk rules --no-config --docs docs/rules`)";

#[test]
fn rule_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("docs/rules");
    if std::env::var_os("BLESS").is_some() {
        let run = common::copydesk(root, &["rules", "--no-config", "--docs", "docs/rules"]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    }
    let (pages, errors) = explain::pages(&ruleset::builtin());
    assert!(errors.is_empty(), "{errors:?}");
    let mut stale = Vec::new();
    for (relative, text) in &pages {
        match std::fs::read_to_string(dir.join(relative)) {
            Ok(committed) if committed == *text => {}
            Ok(_) => stale.push(format!("docs/rules/{relative} is out of date")),
            Err(_) => stale.push(format!("docs/rules/{relative} is missing")),
        }
    }
    let generated: BTreeSet<String> = pages.iter().map(|(p, _)| p.clone()).collect();
    for entry in walkdir::WalkDir::new(&dir).min_depth(1) {
        let entry = entry.unwrap();
        let relative = entry
            .path()
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_file() && !generated.contains(&relative) {
            stale.push(format!(
                "docs/rules/{relative} documents no rule: delete it"
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: {REGENERATE}",
        stale.join("\n")
    );
}

#[test]
fn every_rule_and_meta_rule_has_a_page_linked_from_the_index() {
    let (pages, _) = explain::pages(&ruleset::builtin());
    let index = &pages.iter().find(|(p, _)| p == "README.md").unwrap().1;
    let mut ids: Vec<String> = ruleset::builtin().into_iter().map(|r| r.id).collect();
    ids.extend([
        "copydesk/invalid-suppression".into(),
        "copydesk/unused-suppression".into(),
    ]);
    for id in ids {
        assert!(pages.iter().any(|(p, _)| *p == format!("{id}.md")), "{id}");
        assert!(index.contains(&format!("[`{id}`]({id}.md)")), "{id}");
    }
}

/// README's table of kinds names every kind the code registers, and no other; where a row lists
/// parameters, it lists every key a rule of that kind may have.
#[test]
fn the_readme_kinds_table_matches_the_registered_kinds() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table = readme
        .split("### Kinds\n")
        .nth(1)
        .expect("README has a Kinds section");
    let rows: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .collect();
    let mut listed = BTreeSet::new();
    for row in rows {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let name = cells[1].trim_matches('`');
        listed.insert(name.to_string());
        let Some(kind) = copydesk::checks::kind(name) else {
            panic!("README lists a kind `{name}` that the code does not register");
        };
        let parameters = cells[3];
        if parameters.starts_with("see ") {
            continue;
        }
        for field in (kind.fields)() {
            assert!(
                parameters.contains(&format!("`{field}`")),
                "README's row for `{name}` does not list its parameter `{field}`"
            );
        }
    }
    let registered: BTreeSet<String> = copydesk::checks::KINDS
        .iter()
        .map(|k| k.name.to_string())
        .collect();
    assert_eq!(
        listed, registered,
        "README's kinds table and the registered kinds differ"
    );
}
