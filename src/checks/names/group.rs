//! How two spellings relate ([`link`]), which pairs are worth asking ([`candidates`]), and how
//! related spellings form groups without chaining ([`stars`]). Shared by the article and the
//! cross-file passes.

use super::table::Compiled;
use super::translit::{self, Certainty, Key};
use super::words;

/// Name words shorter than this (in letters) are not compared: `Li`, `Xi`, `Kim` are too short for
/// a distance to mean anything.
pub const MIN_LETTERS: usize = 4;

/// How two spellings of one word relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Link {
    /// One typing slip apart, or near under the distance with only vowels or doubled letters
    /// between them: one name when the two belong to one person (Kampelman / Kampleman), reported
    /// as a possible variant.
    Slip,
    /// Near under the transliteration distance, differing in letters transliteration varies:
    /// one name when the two belong to one person (Thyssen / Thiessen), else most often two words.
    Close,
    /// A transliteration variant on its own evidence (Japarov / Zhaparov, Aliev / Aliyev).
    Likely,
    /// The same letters with and without diacritics, or with different ones (Müller / Muller,
    /// Ş with cedilla / Ș with comma below).
    Diacritics,
    /// One acronym in two cases (Brics / BRICS).
    Case,
}

/// A spelling prepared for comparison.
pub struct Spelling<'a> {
    pub text: &'a str,
    pub key: Option<Key>,
}

impl<'a> Spelling<'a> {
    pub fn new(text: &'a str) -> Self {
        Spelling {
            text,
            key: Key::new(text),
        }
    }
}

/// All capitals, two letters or more.
fn caps(s: &str) -> bool {
    super::mentions::is_caps(s)
}

/// `s` with its letters' diacritics removed, case kept (`Müller` → `Muller`, `Ștefan` →
/// `Stefan`); `None` when `s` has none.
pub fn strip_marks(s: &str) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Letters with no canonical decomposition; every other marked Latin letter folds by
        // [`translit::base_letter`].
        let base = match c {
            'ı' => 'i',
            'ø' => 'o',
            'Ø' => 'O',
            'ł' => 'l',
            'Ł' => 'L',
            'đ' | 'ð' => 'd',
            'Đ' | 'Ð' => 'D',
            'ħ' => 'h',
            'Ħ' => 'H',
            '\u{300}'..='\u{36f}' => continue,
            c => translit::base_letter(c).unwrap_or(c),
        };
        out.push(base);
    }
    Some(out)
}

/// `s` in lower case without hyphens, its apostrophes one mark: spellings that differ only in
/// case or hyphens (`GenCorp` / `Gencorp`) are house style, and a typewriter against a
/// typographic apostrophe (`Wa'ed` / `Wa’ed`) is the quotes family's business, not a name's.
fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '-' | '‐'))
        .map(|c| {
            if matches!(c, '’' | '‘' | 'ʼ' | '`') {
                '\''
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// How much two spellings may differ: more when they are one person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Two words met anywhere.
    Words,
    /// One person's: the same given name, or a surname referring back to a full name. The
    /// distance limit is 1.6 times wider and three-letter names are compared (`Kim` / `Kym`).
    Person,
}

/// How the spellings `a` and `b` relate, if at all; `None` for different words, for spellings
/// that differ only in case or hyphens (GenCorp / Gencorp: house style, not a name's spelling),
/// for common English words and for pairs the house table settles.
pub fn link(a: &Spelling, b: &Spelling, table: &Compiled, context: Context) -> Option<Link> {
    if a.text == b.text {
        return None;
    }
    if caps(a.text) || caps(b.text) {
        // `Brics` / `BRICS`: the other spelling is title case (`CMOs` is a plural, not a variant).
        let title = |s: &str| s.chars().skip(1).all(char::is_lowercase);
        let one_acronym = caps(a.text) != caps(b.text)
            && (title(a.text) || title(b.text))
            && a.text.chars().count() >= 3
            && a.text.to_lowercase() == b.text.to_lowercase()
            && !words::is_common(a.text);
        return one_acronym.then_some(Link::Case);
    }
    let marks = |s: &Spelling| strip_marks(s.text).unwrap_or_else(|| s.text.to_string());
    if (!a.text.is_ascii() || !b.text.is_ascii()) && marks(a) == marks(b) {
        return Some(Link::Diacritics);
    }
    let (ka, kb) = (a.key.as_ref()?, b.key.as_ref()?);
    let (min, factor) = match context {
        Context::Words => (MIN_LETTERS, 1.0),
        Context::Person => (MIN_LETTERS - 1, 1.6),
    };
    if ka.folded.len() < min
        || kb.folded.len() < min
        || table.is_variant(&ka.folded)
        || table.is_variant(&kb.folded)
        || table.is_distinct(&ka.folded, &kb.folded)
    {
        return None;
    }
    // Folded alike: the same letters in other case or hyphenation is house style; an apostrophe
    // (Sa'adeh / Saadeh) or a Russian ending (Zelenskiy / Zelenskyy) is transliteration.
    if ka.folded == kb.folded && plain(a.text) == plain(b.text) {
        return None;
    }
    match translit::compare_within(ka, kb, factor) {
        Some((Certainty::Likely, _)) => Some(Link::Likely),
        Some((Certainty::Possible, _)) if translit::explained(&ka.folded, &kb.folded) => {
            Some(Link::Close)
        }
        Some((Certainty::Possible, _)) => Some(Link::Slip),
        None if translit::one_slip(&ka.folded, &kb.folded)
            && !translit::different_words(&ka.folded, &kb.folded) =>
        {
            Some(Link::Slip)
        }
        None => None,
    }
}

/// Whether two given names are one name transliterated two ways (Sergey / Sergei, Aleksandr /
/// Alexander, Yevgeny / Evgeniy), not a man's and a woman's (Daniel / Danielle), a slip (Carlo /
/// Carlos, Rakesh / Rajesh: more often two people) nor house style (`Al-Rai` / `al-Rai`).
/// Returns how sure: [`Link::Close`] when the difference is one transliteration varies (Sonya /
/// Sonia), [`Link::Slip`] for vowels alone (Danial / Daniel).
pub fn given_variants(a: &Spelling, b: &Spelling) -> Option<Link> {
    let (ka, kb) = (a.key.as_ref()?, b.key.as_ref()?);
    let variants = plain(a.text) != plain(b.text)
        && !translit::gendered_given_names(&ka.folded, &kb.folded)
        && ka.folded.len().min(kb.folded.len()) >= MIN_LETTERS - 1
        && translit::compare_scored(ka, kb).is_some();
    let explained = ka.folded == kb.folded || translit::explained(&ka.folded, &kb.folded);
    variants.then_some(if explained { Link::Close } else { Link::Slip })
}

/// Pairs of spellings worth comparing under the transliteration distance: those sharing a
/// blocking key ([`translit::blocking_keys`]). Work grows with the spellings, not their square,
/// so a huge file or a whole archive is as cheap per name as an article.
pub fn candidates<'k>(keys: impl Iterator<Item = (usize, &'k Key)>) -> Vec<(usize, usize)> {
    let mut blocked: Vec<(u64, usize)> = Vec::new();
    for (i, k) in keys {
        blocked.extend(translit::blocking_keys(k).into_iter().map(|b| (b, i)));
    }
    blocked.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    while start < blocked.len() {
        let end = start
            + blocked[start..]
                .iter()
                .take_while(|(b, _)| *b == blocked[start].0)
                .count();
        let block = &blocked[start..end];
        for (x, &(_, a)) in block.iter().enumerate() {
            for &(_, b) in &block[x + 1..] {
                if a != b {
                    out.push((a.min(b), a.max(b)));
                }
            }
        }
        start = end;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Groups related spellings without chaining (Cohn ~ John ~ Conn would chain different names):
/// spellings are taken from the most used down, and each attaches to the most used spelling it
/// is directly related to, if that one is not itself attached. Returns `(anchor, members, link)`,
/// one entry per anchor and link; `rank[i]` orders spellings, higher first.
pub fn stars<R: Ord + Copy, L: Copy + PartialEq>(
    rank: &[R],
    edges: &[(usize, usize, L)],
) -> Vec<(usize, Vec<usize>, L)> {
    let n = rank.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| rank[b].cmp(&rank[a]).then(a.cmp(&b)));
    let mut position = vec![0; n];
    for (p, &i) in order.iter().enumerate() {
        position[i] = p;
    }
    let mut neighbours: Vec<Vec<(usize, L)>> = vec![Vec::new(); n];
    for &(a, b, g) in edges {
        neighbours[a].push((b, g));
        neighbours[b].push((a, g));
    }
    let mut attached = vec![false; n];
    let mut out: Vec<(usize, Vec<usize>, L)> = Vec::new();
    for &i in &order {
        let anchor = neighbours[i]
            .iter()
            .filter(|(j, _)| position[*j] < position[i] && !attached[*j])
            .min_by_key(|(j, _)| position[*j]);
        let Some(&(anchor, tier)) = anchor else {
            continue;
        };
        attached[i] = true;
        match out.iter_mut().find(|(a, _, g)| *a == anchor && *g == tier) {
            Some(entry) => entry.1.push(i),
            None => out.push((anchor, vec![i], tier)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(a: &str, b: &str) -> Option<Link> {
        link(
            &Spelling::new(a),
            &Spelling::new(b),
            &Compiled::default(),
            Context::Words,
        )
    }

    #[test]
    fn links() {
        assert_eq!(l("Japarov", "Zhaparov"), Some(Link::Likely));
        assert_eq!(l("Zelenskiy", "Zelenskyy"), Some(Link::Likely));
        assert!(l("Kowalczyk", "Kowalczik").is_some());
        assert!(l("Flinstone", "Flintstone").is_some());
        assert_eq!(l("Müller", "Muller"), Some(Link::Diacritics));
        assert_eq!(l("Şahin", "Șahin"), Some(Link::Diacritics));
        assert_eq!(l("Brics", "BRICS"), Some(Link::Case));
        assert_eq!(l("Most", "MOST"), None);
        assert_eq!(l("GenCorp", "Gencorp"), None);
        assert_eq!(l("Ivanov", "Ivanova"), None);
        assert_eq!(l("Geneva", "Genova"), Some(Link::Slip));
        assert_eq!(l("Thyssen", "Thiessen"), Some(Link::Close));
        assert_eq!(l("Straus", "Strauss"), Some(Link::Slip));
    }
}
