//! The library's modules form layers: no module reaches, through `crate::` paths, a module that
//! reaches back to it. A cycle is how a codebase stops being readable one layer at a time, so this
//! test fails on the first one and names it. `cargo test --test layers -- --nocapture` prints the
//! layers, lowest first.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its files name through `crate::`.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = vec![src.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        // Tests may use any layer; the code they test may not.
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap();
        let first = relative.iter().next().unwrap().to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        // Code only: a comment may point the reader anywhere, and test modules (at the end of
        // their files) may use any layer.
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .take_while(|l| l.trim() != "#[cfg(test)]")
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let uses = graph.entry(module.clone()).or_default();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                uses.insert(name);
            }
        }
    }
    graph
}

#[test]
fn modules_form_layers_without_cycles() {
    let graph = graph();
    // Each module's layer: one above the highest module it uses. A cycle never settles.
    let mut layer: BTreeMap<&str, usize> = BTreeMap::new();
    for _ in 0..=graph.len() {
        let mut changed = false;
        for (module, uses) in &graph {
            let below = uses
                .iter()
                .filter(|u| graph.contains_key(*u))
                .map(|u| layer.get(u.as_str()).map_or(0, |l| l + 1))
                .max()
                .unwrap_or(0);
            if layer.get(module.as_str()) != Some(&below) {
                layer.insert(module, below);
                changed = true;
            }
        }
        if !changed {
            let mut by_layer: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
            for (module, l) in &layer {
                by_layer.entry(*l).or_default().push(module);
            }
            for (l, modules) in by_layer {
                println!("layer {l}: {}", modules.join(", "));
            }
            return;
        }
    }
    // Name one cycle: follow uses from a module whose layer kept rising.
    let start = layer
        .iter()
        .max_by_key(|(_, l)| **l)
        .map(|(m, _)| m.to_string())
        .unwrap();
    let mut path = vec![start.clone()];
    let mut at = start;
    loop {
        let next = graph[&at]
            .iter()
            .filter(|u| graph.contains_key(*u))
            .max_by_key(|u| layer[u.as_str()])
            .unwrap()
            .clone();
        if let Some(i) = path.iter().position(|p| *p == next) {
            path.push(next);
            panic!(
                "modules use each other in a circle: {}",
                path[i..].join(" → ")
            );
        }
        path.push(next.clone());
        at = next;
    }
}
