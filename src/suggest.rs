//! "Did you mean": the nearest known name to a misspelt one (a rule id, a family, a key of a rule
//! file), for every error about an unknown name. One helper, so that the config, `--select`,
//! `--ignore`, `copydesk explain`, suppressions and rule files suggest alike.

/// The candidate nearest to `name` by edit distance (insertions, deletions, substitutions and
/// swaps of neighbours, case-insensitively), when it is near enough to be a slip of the keyboard:
/// at most a third of the longer name's characters, and at least one character. Ties go to the
/// candidate listed first.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let limit = (name.chars().count().max(candidate.chars().count()) / 3).max(1);
        let d = distance(&name, &candidate.to_lowercase());
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean `x`?` for the nearest candidate, or `None`.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Rule ids and their families: what a selector may name.
pub fn rule_names<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    for id in ids {
        names.push(id);
        names.extend(id.split_once('/').map(|(family, _)| family));
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// The help for an unknown rule id or family: the nearest of `ids` (or of their families), or
/// where the names are listed.
pub fn rule_help<'a>(name: &str, ids: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(name, rule_names(ids)).unwrap_or_else(|| "`copydesk rules` lists them".to_string())
}

/// The optimal string alignment distance between `a` and `b`, in characters.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the dynamic programme: two back (for swaps), the previous one, this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_edits_and_swaps() {
        assert_eq!(distance("message", "mesage"), 1);
        assert_eq!(distance("residue", "redisue"), 2);
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("é", "e"), 1);
    }

    #[test]
    fn only_near_names_are_suggested() {
        let ids = [
            "residue/read-more",
            "quotes/unclosed",
            "fragments/fused-sentences",
        ];
        assert_eq!(closest("residue/red-more", ids), Some("residue/read-more"));
        assert_eq!(
            closest("fragments/fused-sentence", ids),
            Some("fragments/fused-sentences")
        );
        assert_eq!(closest("figures", ids), None);
        assert_eq!(closest("x", ["y"]), Some("y"), "one edit is always near");
        assert_eq!(
            rule_help("residu", ids),
            "did you mean `residue`?",
            "families are candidates too"
        );
        assert_eq!(rule_help("weather", ids), "`copydesk rules` lists them");
    }
}
