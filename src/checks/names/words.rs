//! The vocabulary the names check reads words with: common English words (derived from word
//! counts, see `common-words.txt`), titles that introduce a name, particles inside names, verbs
//! of speech, and capitalised words that are never names.
//!
//! A common word is never compared as a variant of a name (`Globe` is no spelling of `Golub`,
//! `Latin` none of `Latino`), and a capital at the start of a sentence or in a heading is read as
//! a name when the word is no common word, or when the document gives other evidence.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

type Set = HashSet<&'static str, foldhash::fast::FixedState>;

fn set(words: impl IntoIterator<Item = &'static str>) -> Set {
    words.into_iter().collect()
}

static COMMON: LazyLock<Set> = LazyLock::new(|| {
    set(include_str!("common-words.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty()))
});

/// Names well known in English copy (`China`, `Dubai`, `Johnson`; see `known-names.txt`).
static KNOWN: LazyLock<Set> = LazyLock::new(|| {
    set(include_str!("known-names.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty()))
});

/// Words that introduce a name and are not part of it (`President Sadyr Japarov`).
static TITLES: LazyLock<Set> = LazyLock::new(|| {
    set([
        "President",
        "Presidents",
        "Prime",
        "Minister",
        "Ministers",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Chancellor",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Crown",
        "Sheikh",
        "Emir",
        "Gen",
        "General",
        "Col",
        "Colonel",
        "Sen",
        "Senator",
        "Rep",
        "Representative",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Chief",
        "Secretary",
        "Governor",
        "Mayor",
        "Pope",
        "Patriarch",
        "Ayatollah",
        "Imam",
        "Sultan",
        "Premier",
        "Vice",
        "Deputy",
        "Leader",
        "Speaker",
        "Judge",
        "Justice",
        "Commander",
        "Marshal",
        "Lt",
        "Lieutenant",
        "Major",
        "Captain",
        "Capt",
        "Sergeant",
        "Sgt",
        "Ambassador",
        "Envoy",
        "Foreign",
        "Defence",
        "Defense",
        "Interior",
        "Finance",
        "Economy",
        "Trade",
        "Gov",
        "Govt",
        "Sec",
        "Atty",
        "Supt",
        "Cmdr",
        "Former",
        "Late",
        "Saint",
        "St",
        "Lord",
        "Lady",
        "Sir",
        "Dame",
        "Archbishop",
        "Bishop",
        "Cardinal",
        "Father",
        "Rev",
        "Reverend",
        "Professor",
        "Prof",
        "Coach",
        "Manager",
        "Director",
        "Officer",
        "Detective",
        "Inspector",
        "Attorney",
        "Agent",
        "Miss",
        "Mister",
        "Madame",
        "Monsieur",
        "Herr",
        "Frau",
        "Signor",
        "Senor",
        "Señor",
        "Comrade",
        "Brother",
        "Sister",
        "Uncle",
        "Aunt",
        "Dear",
        "Minister-President",
    ])
});

/// Lower-case particles that may sit inside a name between capitalised words.
static PARTICLES: LazyLock<Set> = LazyLock::new(|| {
    set([
        "al", "el", "bin", "ibn", "ben", "abu", "van", "von", "de", "der", "den", "da", "di", "du",
        "ter", "bint", "ul", "ud", "dos", "das", "del", "la", "le", "zu", "y",
        // Catalan joins two surnames with `i` (`Lluís Solà i Sala`), as Spanish with `y`.
        "i",
    ])
});

/// Capitalised words that are never names: months, days, pronouns, sentence openers. (Common
/// words are decided by [`is_common`]; these are the ones written with a capital anyway.)
static NEVER: LazyLock<Set> = LazyLock::new(|| {
    set([
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "I",
        "I'm",
        "I’m",
        "I've",
        "I’ve",
        "I'd",
        "I’d",
        "I'll",
        "I’ll",
    ])
});

/// Verbs of speech: `Kowalczik said` makes a sentence-initial capital a name.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "replied",
    "wrote",
    "writes",
    "stated",
    "states",
    "noted",
    "notes",
    "argued",
    "argues",
    "explained",
    "insisted",
    "warned",
    "warns",
    "claimed",
    "claims",
    "denied",
    "denies",
    "announced",
    "announces",
    "confirmed",
    "confirms",
    "declared",
    "urged",
    "urges",
    "spoke",
    "speaks",
    "tweeted",
    "posted",
];

/// Verbs a bare surname does as a person (`Kowalczik resigned`, headline `Japarov wins`), besides
/// the verbs of speech. A country does them too (`Russia wins`), but a name well known in English
/// copy is never taken for a respelled surname.
const ACTS: &[&str] = &[
    "wins",
    "won",
    "resigns",
    "resigned",
    "arrives",
    "arrived",
    "dies",
    "died",
    "vows",
    "vowed",
    "meets",
    "met",
    "visits",
    "visited",
    "pledges",
    "pledged",
    "promises",
    "promised",
    "admits",
    "admitted",
    "testified",
    "testifies",
    "smiled",
    "nodded",
    "shrugged",
    "laughed",
    "agreed",
    "agrees",
    "refused",
    "refuses",
    "rejected",
    "rejects",
    "apologised",
    "apologized",
    "apologises",
    "apologizes",
    "thanked",
    "thanks",
    "resisted",
    "returned",
    "returns",
    "led",
    "leads",
    "stepped",
    "steps",
];

/// Verbs whose object is a person (`a court released Kowalczik`): a bare word after one is
/// someone's surname.
const PERSON_OBJECT: &[&str] = &[
    "arrested",
    "detained",
    "released",
    "freed",
    "jailed",
    "sentenced",
    "charged",
    "indicted",
    "convicted",
    "acquitted",
    "interviewed",
    "appointed",
    "nominated",
    "elected",
    "sacked",
    "dismissed",
    "impeached",
    "extradited",
    "questioned",
    "summoned",
    "hired",
    "deported",
    "expelled",
    "kidnapped",
    "abducted",
    "executed",
    "pardoned",
    "congratulated",
    "arrest",
    "detain",
    "release",
    "interview",
    "appoint",
    "nominate",
    "elect",
    "sack",
    "dismiss",
    "impeach",
    "extradite",
    "summon",
    "hire",
    "deport",
    "expel",
    "pardon",
    "congratulate",
];

/// Nouns of a person's act (`a visit by Kowalczik`, `a speech by Kowalczik`): `by` after one puts
/// its agent next.
const ACT_NOUNS: &[&str] = &[
    "visit",
    "visits",
    "speech",
    "speeches",
    "statement",
    "remarks",
    "comments",
    "address",
    "appeal",
    "request",
    "decision",
    "interview",
    "letter",
    "proposal",
    "bid",
    "attempt",
    "call",
    "tweet",
    "post",
    "announcement",
    "veto",
    "resignation",
    "testimony",
    "appearance",
    "performance",
    "goal",
    "goals",
];

/// `word`'s lower-case form, handed to `f` without allocating for the usual short ASCII word.
pub fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 40];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // ASCII in, ASCII out.
        f(std::str::from_utf8(lower).unwrap_or_default())
    } else {
        f(&word.to_lowercase())
    }
}

/// Whether `word` (any case) is a common English word: `However`, `GLOBE`, `latin`.
pub fn is_common(word: &str) -> bool {
    // A contraction is as common as its first part (`He’ll`, `It's`, `You've`); a name with an
    // apostrophe inside is not (`O’Brien`, `D'Souza`, `Sa'adeh`: `o`, `d`, `sa` are in the list).
    let word = match word.split_once(['\'', '’']) {
        Some((head, "s" | "S" | "ll" | "re" | "ve" | "m" | "t" | "d")) => head,
        _ => word,
    };
    with_lower(word, |w| COMMON.contains(w))
}

/// Whether `word` is a name well known in English copy: a bare `China` is its own name, not a
/// respelling of someone's surname `Chen`.
pub fn is_known(word: &str) -> bool {
    KNOWN.contains(word)
}

pub fn is_title(word: &str) -> bool {
    TITLES.contains(word.trim_end_matches('.'))
}

pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(word)
}

/// [`is_particle`] for a capitalised word inside a name (`De`, `Van`, `Al`).
/// The pronoun `I` is no particle (`when Putin I think`).
pub fn is_particle_any_case(word: &str) -> bool {
    word != "I" && with_lower(word, |w| PARTICLES.contains(w))
}

pub fn is_never_name(word: &str) -> bool {
    NEVER.contains(word)
}

/// What a word next to a capitalised word says of it ([`cues`]): one look-up for all the lists.
pub const SPEECH_VERB: u8 = 1;
pub const ACT_VERB: u8 = 2;
pub const OBJECT_VERB: u8 = 4;
pub const ACT_NOUN: u8 = 8;

static CUES: LazyLock<HashMap<&'static str, u8, foldhash::fast::FixedState>> =
    LazyLock::new(|| {
        let mut map = HashMap::default();
        for (list, flag) in [
            (SPEECH, SPEECH_VERB),
            (ACTS, ACT_VERB),
            (PERSON_OBJECT, OBJECT_VERB),
            (ACT_NOUNS, ACT_NOUN),
        ] {
            for &w in list {
                *map.entry(w).or_insert(0) |= flag;
            }
        }
        map
    });

/// The lists `word` is in: [`SPEECH_VERB`] (`said`), [`ACT_VERB`] (`resigned`), [`OBJECT_VERB`]
/// (`released`), [`ACT_NOUN`] (`visit`); 0 for most words.
pub fn cues(word: &str) -> u8 {
    CUES.get(word).copied().unwrap_or(0)
}

/// Honorifics that only ever stand before a person's name (`Mr Aliyev`), unlike titles that
/// may be a given name or open a place (`Prince`, `Saint`, `General`).
pub fn is_honorific(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Mister"
            | "Dr"
            | "Madame"
            | "Monsieur"
            | "Herr"
            | "Frau"
            | "Senor"
            | "Señor"
            | "Signor"
    )
}

/// Prepositions that put a place after them (`flew to Chennai`, `in Lyon`): a bare word there
/// names a place, not a person met earlier.
pub fn is_place_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "to"
            | "from"
            | "at"
            | "near"
            | "into"
            | "across"
            | "via"
            | "outside"
            | "inside"
            | "towards"
            | "toward"
            | "around"
            | "throughout"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_found_in_any_case() {
        for w in ["However", "globe", "LATIN", "Most", "HERE"] {
            assert!(is_common(w), "{w}");
        }
        assert!(is_common("He’ll") && is_common("You've") && is_common("It's"));
        for w in [
            "Japarov",
            "Zhaparov",
            "Kowalczyk",
            "Moscow",
            "Müller",
            "O’Brien",
            "Sa'adeh",
        ] {
            assert!(!is_common(w), "{w}");
        }
    }
}
