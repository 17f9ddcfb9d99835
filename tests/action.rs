//! The GitHub Action (`action.yml`) and the install instructions: the action's metadata has the
//! structure GitHub requires of a composite action, its expressions name only inputs and steps it
//! declares, its scripts parse, and every link and install snippet points at the project's one
//! home (Cargo.toml's `repository`), with no placeholder owner and `cargo install --locked`.

use std::path::Path;
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

const HOME: &str = env!("CARGO_PKG_REPOSITORY");

fn read(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

fn action() -> (String, Yaml) {
    let text = read("action.yml");
    let mut docs = YamlLoader::load_from_str(&text).expect("action.yml is YAML");
    assert_eq!(docs.len(), 1, "one document");
    (text, docs.remove(0))
}

fn text_of<'a>(yaml: &'a Yaml, key: &str) -> &'a str {
    yaml[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string"))
}

/// Every `${{ inputs.NAME }}` or `steps.ID` named inside `${{ }}` in `text`.
fn references<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.split("${{")
        .skip(1)
        .filter_map(|e| e.split("}}").next())
        .flat_map(|e| e.split(|c: char| !(c.is_alphanumeric() || "-_.".contains(c))))
        .filter_map(|word| word.strip_prefix(prefix))
        .map(|rest| rest.split('.').next().unwrap())
        .collect()
}

#[test]
fn the_action_is_a_well_formed_composite_action() {
    let (text, action) = action();
    assert!(!text_of(&action, "name").is_empty());
    assert!(!text_of(&action, "description").is_empty());
    assert!(
        text_of(&action, "description").len() <= 125,
        "GitHub shows 125 characters"
    );

    let inputs = action["inputs"].as_hash().expect("inputs");
    let input_names: Vec<&str> = inputs.keys().map(|k| k.as_str().unwrap()).collect();
    for (name, input) in inputs {
        let name = name.as_str().unwrap();
        assert!(!text_of(input, "description").is_empty(), "input {name}");
        assert!(
            input["default"].as_str().is_some(),
            "input {name}: a string default"
        );
        assert_eq!(input["required"].as_bool(), Some(false), "input {name}");
    }
    for name in [
        "paths",
        "format",
        "fail-on",
        "args",
        "sarif",
        "sarif-file",
        "version",
    ] {
        assert!(input_names.contains(&name), "input {name}");
    }
    for name in references(&text, "inputs.") {
        assert!(
            input_names.contains(&name),
            "`inputs.{name}` is not declared"
        );
    }

    let runs = &action["runs"];
    assert_eq!(text_of(runs, "using"), "composite");
    let steps = runs["steps"].as_vec().expect("steps");
    let ids: Vec<&str> = steps.iter().filter_map(|s| s["id"].as_str()).collect();
    for id in references(&text, "steps.") {
        assert!(ids.contains(&id), "`steps.{id}` is not a step id");
    }
    for step in steps {
        let name = text_of(step, "name");
        match (step["run"].as_str(), step["uses"].as_str()) {
            (Some(script), None) => {
                // Composite steps must say their shell; inputs reach scripts through `env`, never
                // pasted into the script (where a crafted input would run as code).
                assert_eq!(step["shell"].as_str(), Some("bash"), "step {name}");
                assert!(
                    !script.contains("${{"),
                    "step {name}: an expression in the script"
                );
                let check = Command::new("bash")
                    .args(["-n", "-c", script])
                    .output()
                    .unwrap();
                assert!(
                    check.status.success(),
                    "step {name}: {}",
                    String::from_utf8_lossy(&check.stderr)
                );
            }
            (None, Some(uses)) => {
                assert!(
                    step["shell"].is_badvalue(),
                    "step {name}: `uses` takes no shell"
                );
                assert!(
                    uses.contains('@'),
                    "step {name}: `{uses}` is pinned to a version"
                );
            }
            _ => panic!("step {name}: exactly one of `run` and `uses`"),
        }
    }
    for (name, output) in action["outputs"].as_hash().expect("outputs") {
        let name = name.as_str().unwrap();
        assert!(!text_of(output, "description").is_empty(), "output {name}");
        assert!(output["value"].as_str().is_some(), "output {name}: a value");
    }
    assert!(
        text.contains(&format!("REPOSITORY: {HOME}\n")),
        "the action installs from the project's home"
    );
    assert!(text.contains("cargo install --locked --git \"$REPOSITORY\""));
}

#[test]
fn links_and_install_snippets_point_at_the_one_home() {
    assert_eq!(HOME, env!("CARGO_PKG_HOMEPAGE"));
    assert_eq!(HOME, copydesk::docs::HOME);
    let readme = read("README.md");
    for snippet in [
        format!("cargo install --locked --git {HOME} copydesk"),
        format!("repo: {HOME}"),
        "uses: copydesk/copydesk@main".to_string(),
    ] {
        assert!(readme.contains(&snippet), "README: no `{snippet}`");
    }
    let mut files = vec!["README.md".to_string(), "action.yml".to_string()];
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(format!(
                "docs/{}",
                path.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    for file in files {
        let text = read(&file);
        assert!(!text.contains("OWNER"), "{file}: a placeholder owner");
        for line in text.lines().filter(|l| l.contains("cargo install ")) {
            assert!(
                line.contains("cargo install --locked"),
                "{file}: `{line}` installs without --locked"
            );
        }
    }
}
