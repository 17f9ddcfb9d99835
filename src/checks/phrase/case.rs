//! A replacement in the case of the text it replaces. Phrases match regardless of case unless the
//! rule says otherwise, so `in the wake of` → `after` also finds `In the wake of` at the start of a
//! sentence and `IN THE WAKE OF` in a headline; the fix must read `After` and `AFTER` there.
//!
//! The replacement follows the match only where the rule's own spelling shows that its case is
//! open: its first letter becomes a capital when the match starts with one and both the listed
//! phrase and the replacement start in lower case (a capital the rule writes, `Kyiv`, stays in
//! every position, and none is ever taken away), and an all-capitals match makes the replacement
//! all capitals when the listed phrase was not so written. When capitals cannot be written letter
//! for letter (`ß` has no one-letter capital), there is no sure fix: the finding is reported
//! without one.

/// The replacement for `matched`, an occurrence of the listed `phrase`, or `None` when its case
/// cannot follow.
pub fn follow(matched: &str, phrase: &str, replacement: &str) -> Option<String> {
    if matched == phrase || replacement.is_empty() {
        return Some(replacement.to_string());
    }
    if all_capitals(matched) && !all_capitals(phrase) {
        let mut upper = String::with_capacity(replacement.len());
        for c in replacement.chars() {
            let mut capital = c.to_uppercase();
            match (capital.next(), capital.next()) {
                (Some(one), None) => upper.push(one),
                _ => return None,
            }
        }
        return Some(upper);
    }
    let first = |s: &str| s.chars().find(|c| c.is_alphabetic());
    let (Some(m), Some(p), Some(r)) = (first(matched), first(phrase), first(replacement)) else {
        return Some(replacement.to_string());
    };
    if !(m.is_uppercase() && p.is_lowercase() && r.is_lowercase()) {
        return Some(replacement.to_string());
    }
    let mut capital = r.to_uppercase();
    let (Some(capital), None) = (capital.next(), capital.next()) else {
        return None;
    };
    let at = replacement.find(r).expect("r is in the replacement");
    Some(format!(
        "{}{capital}{}",
        &replacement[..at],
        &replacement[at + r.len_utf8()..]
    ))
}

/// Two or more letters, none of them lower case.
fn all_capitals(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    letters.clone().nth(1).is_some() && letters.all(|c| !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::follow;

    #[test]
    fn the_replacement_follows_the_case_of_the_match() {
        let after = |m| follow(m, "in the wake of", "after");
        assert_eq!(after("in the wake of").as_deref(), Some("after"));
        assert_eq!(after("In the wake of").as_deref(), Some("After"));
        assert_eq!(after("In The Wake Of").as_deref(), Some("After"));
        assert_eq!(after("IN THE WAKE OF").as_deref(), Some("AFTER"));
        assert_eq!(
            follow("In a bid to", "in a bid to", "to").as_deref(),
            Some("To")
        );
    }

    #[test]
    fn a_replacement_whose_case_is_fixed_keeps_it() {
        assert_eq!(follow("kiev", "Kiev", "Kyiv").as_deref(), Some("Kyiv"));
        // A capital the rule writes is never taken away, even where the match has none.
        assert_eq!(
            follow("in the wake of", "In the wake of", "After").as_deref(),
            Some("After")
        );
        assert_eq!(
            follow("Peking", "peking", "Beijing").as_deref(),
            Some("Beijing")
        );
        assert_eq!(follow("NATO", "NATO", "Nato").as_deref(), Some("Nato"));
        assert_eq!(follow("Read more", "read more", "").as_deref(), Some(""));
    }

    #[test]
    fn capitals_that_cannot_be_written_letter_for_letter_give_no_fix() {
        assert_eq!(follow("STRASSE", "strasse", "Straße"), None);
        assert_eq!(follow("GRUSS", "gruss", "Gruß"), None);
    }
}
