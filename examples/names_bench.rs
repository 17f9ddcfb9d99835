//! Times the two halves of a `names` run over a folder: the per-file pass (which also builds the
//! summaries) and the cross-file pass. `cargo run --release --example names_bench -- FOLDER`.

use copydesk::checks::Settings;
use copydesk::engine::{Engine, Selection};
use copydesk::run;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let selection = Selection {
        select: vec!["names".to_string()],
        ..Selection::default()
    };
    let engine = Engine::new(
        copydesk::ruleset::builtin(),
        &selection,
        &Settings::default(),
    )
    .expect("built-in rules compile");
    let (inputs, _) = run::collect(&paths, None, &|_| false);
    let start = Instant::now();
    let mut pass = engine.corpus().expect("names has a corpus pass");
    let mut article = 0;
    // As `copydesk check` does: in batches, each batch's summaries fed to the pass and dropped.
    for batch in inputs.chunks(4096) {
        let done: Vec<_> = batch
            .par_iter()
            .map(|input| {
                run::read(input)
                    .ok()
                    .map(|source| engine.check_file(&source, input.format(), true))
            })
            .collect();
        for (diagnostics, summary) in done.into_iter().flatten() {
            article += diagnostics.len();
            if let Some(summary) = summary {
                pass.add(&summary);
            }
        }
    }
    let per_file = start.elapsed();
    let cross = Instant::now();
    let corpus = pass.finish();
    let cross = cross.elapsed();
    let total = per_file + cross;
    println!(
        "files {}: per-file pass {:.2}s ({article} findings), cross-file pass {:.2}s ({} findings), cross-file share {:.1}%",
        inputs.len(),
        per_file.as_secs_f64(),
        cross.as_secs_f64(),
        corpus.len(),
        100.0 * cross.as_secs_f64() / total.as_secs_f64()
    );
}
