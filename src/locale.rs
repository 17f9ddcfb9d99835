//! The quotation-mark convention of the copy, named as the config names it: one typed value that
//! the config parses and the checks read, so the two can never accept different lists.

/// A convention of quotation marks (and of the spacing around them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Locale {
    /// English: “ ” outside, ‘ ’ inside.
    #[default]
    En,
    /// French: « » with spaces inside, “ ” within.
    Fr,
    /// German: „ “ outside, ‚ ‘ inside.
    De,
    /// Swiss German (and Liechtenstein): « » and ‹ › without spaces.
    Ch,
}

impl Locale {
    /// What [`Locale::parse`] accepts, for error messages.
    pub const ACCEPTED: &str = "`en`, `fr` or `de`, with or without a region (`en-GB`, `fr-CA`, `de-AT`), or `de-CH` (also `ch`)";

    /// A language tag: `en`, `fr`, `de` with any region (`fr-FR`, `en_GB`), `de-CH`, `de-LI` and
    /// `ch` for the Swiss convention. Case does not matter.
    pub fn parse(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        let (language, region) = lower.split_once('-').unwrap_or((&lower, ""));
        let region_ok = (region.is_empty() && !lower.contains('-'))
            || (region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()))
            || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()));
        if !region_ok {
            return None;
        }
        match (language, region) {
            ("ch", "") | ("de", "ch" | "li") => Some(Locale::Ch),
            ("en", _) => Some(Locale::En),
            ("fr", _) => Some(Locale::Fr),
            ("de", _) => Some(Locale::De),
            _ => None,
        }
    }

    /// Whether the inner quotation marks are the English single marks (‘ ’), so that a closing
    /// single mark may also be an apostrophe.
    pub fn english_like(self) -> bool {
        matches!(self, Locale::En | Locale::Fr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_with_regions_and_the_swiss_forms() {
        assert_eq!(Locale::parse("en"), Some(Locale::En));
        assert_eq!(Locale::parse("en-GB"), Some(Locale::En));
        assert_eq!(Locale::parse("fr_CA"), Some(Locale::Fr));
        assert_eq!(Locale::parse("de-AT"), Some(Locale::De));
        assert_eq!(Locale::parse("de-CH"), Some(Locale::Ch));
        assert_eq!(Locale::parse("CH"), Some(Locale::Ch));
        assert_eq!(Locale::parse("es"), None);
        assert_eq!(Locale::parse("english"), None);
        assert_eq!(Locale::parse("en-"), None);
        assert_eq!(Locale::parse("fr-France"), None);
    }
}
