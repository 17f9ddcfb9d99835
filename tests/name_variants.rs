//! Recall and false groupings of the transliteration matcher on the variant list in
//! `tests/data/name_variants.toml` (183 variant sets, 84 near-misses).

use copydesk::checks::names::translit::{Tier, compare_full};

#[derive(serde::Deserialize)]
struct List {
    same: Vec<Set>,
    different: Vec<Set>,
}

#[derive(serde::Deserialize)]
struct Set {
    names: Vec<String>,
    kind: String,
    #[serde(default = "yes")]
    auto: bool,
}

fn yes() -> bool {
    true
}

fn pairs(names: &[String]) -> impl Iterator<Item = (&str, &str)> {
    names
        .iter()
        .enumerate()
        .flat_map(move |(i, a)| names[i + 1..].iter().map(move |b| (a.as_str(), b.as_str())))
}

#[test]
fn recall_and_false_groupings() {
    let list: List =
        toml::from_str(include_str!("data/name_variants.toml")).expect("the list parses");
    let (mut total, mut likely, mut possible) = (0, 0, 0);
    let mut missed = Vec::new();
    for set in list.same.iter().filter(|s| s.auto) {
        for (a, b) in pairs(&set.names) {
            total += 1;
            match compare_full(a, b) {
                Some(Tier::Likely) => likely += 1,
                Some(Tier::Possible) => possible += 1,
                None => missed.push(format!("{a} / {b}")),
            }
        }
    }
    let (mut near, mut near_likely, mut near_possible) = (0, Vec::new(), Vec::new());
    for set in &list.different {
        for (a, b) in pairs(&set.names) {
            near += 1;
            match compare_full(a, b) {
                Some(Tier::Likely) => near_likely.push(format!("{a} / {b} ({})", set.kind)),
                Some(Tier::Possible) => near_possible.push(format!("{a} / {b} ({})", set.kind)),
                None => {}
            }
        }
    }
    let grouped = likely + possible;
    println!(
        "automatic variant pairs: {total}; grouped {grouped} ({:.1}%): likely {likely}, possible {possible}",
        100.0 * grouped as f64 / total as f64
    );
    println!("missed: {}", missed.join("; "));
    println!(
        "near-miss pairs: {near}; grouped as likely {}, as possible {}",
        near_likely.len(),
        near_possible.len()
    );
    println!(
        "near-misses grouped as possible: {}",
        near_possible.join("; ")
    );
    println!("near-misses grouped as likely: {}", near_likely.join("; "));
    assert!(
        grouped * 10 >= total * 9,
        "recall below 90%: {grouped}/{total}"
    );
    assert!(
        near_likely.is_empty(),
        "near-misses grouped at warning level: {near_likely:?}"
    );
}
