//! Embeds every rule file under `rules/` in the binary, so a single binary works anywhere.
use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for family in std::fs::read_dir(&root).expect("rules/ exists") {
        let family = family.expect("readable rules/").path();
        println!("cargo:rerun-if-changed={}", family.display());
        if !family.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&family).expect("readable rule family") {
            let file = file.expect("readable rule file").path();
            if file.extension().is_some_and(|e| e == "toml") {
                files.push(file);
            }
        }
    }
    files.sort();
    let mut out = String::from(
        "/// `(path relative to rules/, file text)` of every built-in rule.\npub static BUILTIN_RULES: &[(&str, &str)] = &[\n",
    );
    for file in files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_str()
            .unwrap()
            .replace('\\', "/");
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    std::fs::write(dest, out).unwrap();
}
