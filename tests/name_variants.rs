//! Recall and false groupings of the transliteration matcher on the variant list in
//! `tests/data/name_variants.toml` (183 variant sets, 84 near-misses).

use copydesk::checks::names::translit::{Certainty, Key, blocking_keys, compare, compare_full};

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
                Some(Certainty::Likely) => likely += 1,
                Some(Certainty::Possible) => possible += 1,
                None => missed.push(format!("{a} / {b}")),
            }
        }
    }
    let (mut near, mut near_likely, mut near_possible) = (0, Vec::new(), Vec::new());
    for set in &list.different {
        for (a, b) in pairs(&set.names) {
            near += 1;
            match compare_full(a, b) {
                Some(Certainty::Likely) => near_likely.push(format!("{a} / {b} ({})", set.kind)),
                Some(Certainty::Possible) => {
                    near_possible.push(format!("{a} / {b} ({})", set.kind))
                }
                None => {}
            }
        }
    }
    let grouped = likely + possible;
    // The corpus pass compares only words sharing a blocking key: count grouped word pairs it
    // would never compare.
    let (mut words, mut unblocked) = (0, Vec::new());
    for set in list.same.iter().filter(|s| s.auto) {
        for (a, b) in pairs(&set.names) {
            let (wa, wb): (Vec<&str>, Vec<&str>) = (
                a.split_whitespace().collect(),
                b.split_whitespace().collect(),
            );
            if wa.len() != wb.len() {
                continue;
            }
            for (x, y) in wa.iter().zip(&wb) {
                let (Some(kx), Some(ky)) = (Key::new(x), Key::new(y)) else {
                    continue;
                };
                if kx.folded == ky.folded || compare(&kx, &ky).is_none() {
                    continue;
                }
                words += 1;
                let (bx, by) = (blocking_keys(&kx), blocking_keys(&ky));
                if !bx.iter().any(|k| by.contains(k)) {
                    unblocked.push(format!("{x} / {y}"));
                }
            }
        }
    }
    println!(
        "grouped word pairs: {words}; sharing a blocking key: {} ({:.1}%); not: {}",
        words - unblocked.len(),
        100.0 * (words - unblocked.len()) as f64 / words as f64,
        unblocked.join("; ")
    );
    assert!(
        unblocked.len() * 20 <= words,
        "blocking loses more than 5% of grouped word pairs"
    );
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
