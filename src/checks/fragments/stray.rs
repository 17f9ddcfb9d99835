//! Stray fragments: one to three lower-case words left after a finished sentence by an edit
//! (`… in the country. take.`, `… after 1990. the. He …`, `… a deal with Acme Corp. in the. Then …`).

use super::{ABBREVIATIONS, CLOSERS, Report, SIGN_OFFS};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::markup::BlockKind;
use crate::span::Span;

/// Verbs of an attribution (`he said`), which may follow a quotation whose marks were lost.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "tweeted",
    "wrote",
    "writes",
    "told",
    "tells",
    "asked",
    "asks",
    "noted",
    "notes",
    "explained",
    "explains",
    "continued",
    "continues",
    "stated",
    "replied",
    "replies",
    "insisted",
    "argued",
    "warned",
    "shouted",
    "cried",
    "laughed",
    "reads",
    "recalled",
    "recalls",
    "concluded",
    "quipped",
    "joked",
];

/// After an abbreviation the sentence may go on (`the U.S. economy.`, `the U.S. would request.`,
/// `Acme Corp. said.`): a fragment counts there only when it cannot, because it starts with a
/// subject pronoun (`Corp. it was.`) or ends on a word no sentence ends on (`U.S. in the.`,
/// `Corp. which was.`, `Corp. more.`). `to` may end one (`what the F.B.I. was up to.`).
const SUBJECT_PRONOUNS: &[&str] = &["it", "he", "she", "they", "we", "i"];
const CANNOT_END: &[&str] = &[
    "the", "a", "an", "of", "in", "for", "with", "by", "at", "from", "and", "or", "but", "which",
    "that", "its", "their", "his", "her", "our", "was", "were", "is", "are", "be", "been", "has",
    "have", "had", "more",
];

/// A modal, or `to`, then a bare verb (`Corp. would take.`, `U.S. to make.`) needs a subject;
/// the name that ends in the abbreviation is none when a preposition governs it (`a deal with
/// Acme Corp. will go.`), unless the phrase may be the subject of a clause of its own (`more
/// than the U.S. would take.`, `he said firms in the U.S. will follow.`, `a plan for the U.S.
/// to leave.`).
const MODALS: &[&str] = &[
    "will", "would", "can", "could", "shall", "should", "may", "might", "must", "to",
];
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "at",
    "by",
    "from",
    "with",
    "on",
    "into",
    "across",
    "within",
    "between",
    "to",
    "for",
    "via",
    "throughout",
    "against",
    "among",
    "outside",
    "inside",
    "near",
];
/// Words that, after the verb of the clause before the preposition, open a clause the name may
/// be the subject of (`than`, `that`), or say that one follows without `that` (`said`).
const OPENS_A_CLAUSE: &[&str] = &[
    "that", "than", "as", "if", "when", "whether", "because", "while", "which", "who", "where",
    "so", "said", "says", "say", "told", "think", "thinks", "believe", "believes", "expect",
    "expects", "hope", "hopes", "once", "until", "unless", "though", "although", "and", "or",
    "but", "whose", "what", "how", "why", "after", "before", "since",
];

/// Abbreviations that stand before what they abbreviate (`approx. two`, `vs. the`, `No. 5`):
/// whatever follows them is the same sentence.
const LEADING_ABBREVIATIONS: &[&str] = &[
    "approx", "vs", "v", "no", "nos", "vol", "pp", "p", "cf", "fig", "est", "ca", "c", "op", "ed",
    "eds", "viz", "mr", "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "prof", "min", "max",
    "ft", "mt", "unch",
];

/// How the word before a full stop ends its sentence.
#[derive(PartialEq)]
enum Before {
    /// A word or a figure: the sentence is finished.
    Finished,
    /// An abbreviation that may end a sentence (`Corp.`, `U.S.`, `etc.`).
    Abbreviation,
}

/// `… in the country. take.`: one to three lower-case words after a finished sentence, ending
/// the paragraph or followed by another sentence.
pub(super) fn stray(doc: &Document, out: &mut Vec<(Report, Finding)>) {
    let text = doc.text;
    // Copy without a single double quotation mark has probably lost them (a scraper stripped
    // them): there, `… in the country. he said.` is the attribution of a quotation.
    let quotes_stripped = !text.contains(['"', '“', '”', '«', '»']);
    // Headings too: a fragment without a stop at the end of a paragraph (`… the day before.
    // sources`) leaves the paragraph without sentence punctuation.
    for block in doc
        .paragraphs
        .iter()
        .filter(|b| b.kind != BlockKind::ListItem)
    {
        let para = &text[block.span.range()];
        let base = block.span.start;
        for i in memchr::memchr3_iter(b'.', b'!', b'?', para.as_bytes()) {
            let stop = para.as_bytes()[i];
            if stop == b'.' && (para[i + 1..].starts_with('.') || para[..i].ends_with('.')) {
                continue; // an ellipsis
            }
            if stop != b'.' && para[i + 1..].starts_with(['!', '?']) {
                continue; // `?!`: the stop goes on
            }
            if para[i + 1..].starts_with([')', ']']) {
                continue; // `(D-Okla.) said`: the stop belongs to an abbreviation in brackets
            }
            let mut end = i + 1;
            while let Some(c) = para[end..].chars().next().filter(|c| CLOSERS.contains(c)) {
                end += c.len_utf8();
            }
            let closed_quote = end > i + 1;
            let rest = &para[end..];
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 || !rest.trim_start().starts_with(|c: char| c.is_lowercase()) {
                continue;
            }
            // A bounded look back keeps a paragraph of a million full stops linear.
            let before = tail(&para[..i], 200);
            // `… University-Hanoi (VNU). sources`: a parenthetical ends the sentence.
            let bracketed = before.ends_with(')');
            let bare = before
                .trim_end_matches(|c: char| CLOSERS.contains(&c))
                .rsplit(|c: char| c.is_whitespace() || "([\"“‘'".contains(c))
                .next()
                .unwrap_or("");
            let Some(kind) = ends_sentence(before, bare, closed_quote || bracketed) else {
                continue;
            };
            let start = end + gap;
            let Some(len) = fragment_len(&para[start..]) else {
                continue;
            };
            let fragment = &para[start..start + len];
            let words: Vec<&str> = fragment
                .trim_end_matches(['.', '!', '?'])
                .split(' ')
                .collect();
            // `… Venice this June. reuter`: a sign-off; `… Gulf states. b`: a stray letter
            // without a stop reads as a list mark or a typo, not an edit's leftover.
            // A sign-off stands bare at the end (`… in 1986. reuter`); `more.` with a stop before
            // the next sentence is a word left behind.
            let bare_word = words.len() == 1 && !fragment.ends_with(['.', '!', '?']);
            if bare_word && (SIGN_OFFS.contains(&words[0]) || words[0].chars().count() < 2) {
                continue;
            }
            if stop != b'.' && (closed_quote || words.len() > 1 || !fragment.ends_with('.')) {
                // After `?` or `!` the sentence may go on in lower case: an attribution (`“Who is
                // that?” asks one onlooker.`, `… madness? he tweeted.`), a quotation used as a
                // word (`“everyone gets a gun!” rhetoric.`), a name (`En Marche! member of
                // parliament.`), an interjection (`hahaa!`). A lone word and a full stop does
                // not (`… this place is incredible! take.`).
                continue;
            }
            if is_attribution(&words) && (closed_quote || quotes_stripped) {
                continue; // `“We won.” he said.`
            }
            let last = words[words.len() - 1];
            if kind == Before::Abbreviation
                && !SUBJECT_PRONOUNS.contains(&words[0])
                && !CANNOT_END.contains(&last)
                && !verb_without_subject(before, &words)
            {
                continue;
            }
            let span = Span::new(base + start, base + start + len);
            let f = Finding::new(span)
                .var("match", &text[span.range()])
                .var("before", bare)
                .label(Span::new(base + i, base + i + 1), "the sentence ends here");
            out.push((Report::Stray, f));
        }
    }
}

/// Whether a fragment reads as the attribution of a quotation: a subject and a speech verb, or a
/// verb in the past tense (`he said`, `says another`, `the crowd roared`). A lone `said.` has no
/// subject: it is a word left behind.
fn is_attribution(words: &[&str]) -> bool {
    // `and said.`, `to be added.`: a conjunction or a preposition is no speaker.
    words.len() > 1
        && !matches!(
            words[0],
            "and" | "or" | "but" | "to" | "of" | "in" | "which" | "that"
        )
        && words
            .iter()
            .any(|w| SPEECH_VERBS.contains(w) || (w.len() > 3 && w.ends_with("ed")))
}

/// Whether `words` (after an abbreviation) are a modal or `to` and a verb that the text
/// `before` them leaves without a subject: the name ending in the abbreviation follows a
/// preposition (`a unit of Acme Corp.`, `in the U.S.`), and nothing in the sentence before the
/// preposition opens a clause that the name could be the subject of. The name runs back over
/// capitalised words, initials and the joints of a company name (`Bank of Tokyo Ltd.`,
/// `Johnson & Johnson Inc.`).
fn verb_without_subject(before: &str, words: &[&str]) -> bool {
    if words.len() != 2 || !MODALS.contains(&words[0]) {
        return false;
    }
    // The clause holding the abbreviation: after the last comma, semicolon, colon, or full stop
    // and a space.
    let sentence = before
        .rfind([',', ';', ':'])
        .map_or(before, |i| &before[i + 1..]);
    let sentence = sentence
        .rfind(". ")
        .map_or(sentence, |i| &sentence[i + 2..]);
    let mut rest: Vec<&str> = sentence.split_whitespace().collect();
    rest.pop(); // the abbreviation itself
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    // `CEO of Acme Inc.`: an `of` inside the run governs the name after it.
    let mut inner_of = false;
    while let Some(&w) = rest.last() {
        let joint = matches!(w, "of" | "&" | "and" | "de" | "-")
            && rest.len() > 1
            && capitalised(rest[rest.len() - 2]);
        if capitalised(w) || joint {
            inner_of |= w == "of";
            rest.pop();
        } else {
            break;
        }
    }
    if rest
        .last()
        .is_some_and(|w| matches!(*w, "the" | "a" | "an"))
    {
        rest.pop();
    }
    let governed = match rest.last().map(|w| w.to_lowercase()) {
        // `a plan for the U.S. to leave.`: `for` gives an infinitive its subject.
        Some(p) if p == "for" && words[0] == "to" => false,
        Some(p) if PREPOSITIONS.contains(&p.as_str()) => {
            rest.pop();
            true
        }
        _ => inner_of,
    };
    if !governed {
        return false;
    }
    let lower: Vec<String> = rest
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    // The clause before has its verb (`She worked in the U.S.`), so the name is not the head of
    // a subject still waiting for one (`Firms in the U.S. will follow.`).
    // A word that opens a clause after that verb may give the name a verb of its own (`… than
    // the U.S. would take.`); one before it is the clause's own (`an offer that did not
    // mention the U.S.`).
    let verb = lower.iter().enumerate().rposition(|(k, w)| {
        FINITE.contains(&w.as_str())
            || (w.len() > 4 && w.ends_with("ed"))
            || (k == 0 && SUBJECT_PRONOUNS.contains(&w.as_str()))
    });
    verb.is_some_and(|v| {
        !lower[v + 1..]
            .iter()
            .any(|w| OPENS_A_CLAUSE.contains(&w.as_str()))
    })
}

/// Finite forms that show a clause has its verb.
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "does", "did", "will", "would", "can",
    "could", "should", "may", "might", "must",
];

/// The last `n` bytes of `s` or fewer, cut at a character boundary.
fn tail(s: &str, n: usize) -> &str {
    &s[crate::span::ceil_boundary(s, s.len().saturating_sub(n))..]
}

/// How `before` (ending in the word `last`, then a full stop) ends a sentence, if it does.
fn ends_sentence(before: &str, last: &str, closed_quote: bool) -> Option<Before> {
    // `16. in the`: a list number or a heading, not a sentence.
    before.split_whitespace().nth(2)?;
    let figure = !last.is_empty()
        && last.starts_with(|c: char| c.is_ascii_digit())
        && last
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '%');
    if figure && !last.ends_with('.') {
        return Some(Before::Finished); // `… after 1990. the.`
    }
    // `… at 1.15pm. sources.`, `… 7am.`: a time or a measure; `3p.m.` is an abbreviation.
    let unit = last.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    if unit.len() < last.len() && !unit.is_empty() && unit.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(Before::Finished);
    }
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    // `7am`, `COVID-19`, `km/h`, `Britain’s`.
    let wordlike = last
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '’' | '\'' | '/'));
    if letters == 0 || !wordlike {
        return None;
    }
    if closed_quote {
        return Some(Before::Finished);
    }
    let tail = last.rsplit('-').next().unwrap_or(last); // `R-Mo.`
    let lower = tail.to_lowercase();
    if LEADING_ABBREVIATIONS.contains(&lower.as_str()) {
        return None;
    }
    // `U.S.`, `a.m.`, `Corp.`, `DLRS.`, a lone initial: an abbreviation that may end a sentence.
    if letters < 2
        || last.contains('.')
        || ABBREVIATIONS.contains(&lower.as_str())
        || last.chars().all(|c| !c.is_lowercase())
    {
        return Some(Before::Abbreviation);
    }
    Some(Before::Finished)
}

/// The length of a stray fragment at the start of `s`: one to three lower-case words of letters
/// only, then sentence punctuation (or nothing) before the paragraph ends or a new sentence starts.
fn fragment_len(s: &str) -> Option<usize> {
    let mut words = 0;
    let mut pos = 0;
    loop {
        let word_len = s[pos..]
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '’' || c == '\''))
            .unwrap_or(s.len() - pos);
        let word = &s[pos..pos + word_len];
        if word_len == 0
            || !word.starts_with(char::is_lowercase)
            || word.chars().any(char::is_uppercase)
        {
            return None; // `iPhone`, `eBay`, `and Google.`
        }
        words += 1;
        pos += word_len;
        let rest = &s[pos..];
        match rest.chars().next() {
            None => return Some(pos),
            Some('.' | '!' | '?') => {
                let after = rest[1..].trim_start_matches(|c: char| CLOSERS.contains(&c));
                let next = after.trim_start();
                let ends = next.is_empty()
                    || (after.len() > next.len()
                        && next.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“'));
                return (ends && !rest[1..].starts_with('.')).then_some(pos + 1);
            }
            Some(' ') if words < 3 => pos += 1,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;
    use super::*;

    fn strays(text: &str) -> Vec<&str> {
        run(Report::Stray, text)
    }

    #[test]
    fn strays_after_a_finished_sentence() {
        assert_eq!(
            strays("He was expected to be arrested on arrival in the country. take."),
            ["take."]
        );
        assert_eq!(
            strays("The talks ended late on Friday. of the. Officials left."),
            ["of the."]
        );
        assert_eq!(
            strays("Debts fall due after 1990. the. He gave no figures."),
            ["the."]
        );
        assert_eq!(
            strays("The board met on Friday. said. “We agreed,” she said."),
            ["said."]
        );
        assert_eq!(
            strays("It was a “historic day.” take. Then the crowd left."),
            ["take."]
        );
        assert_eq!(
            strays(
                "It cannot be taken at \"face value\". to be.\n\nThe road reopened at 7am. of the. Then"
            ),
            ["to be.", "of the."]
        );
        assert_eq!(
            strays("Prices rose 3% the day before. sources\n\n“No,” she said. It ended. he added"),
            ["sources", "he added"]
        );
        assert_eq!(
            strays("The weather is fine and the town is lovely! take. Tomorrow we leave."),
            ["take."]
        );
        assert_eq!(
            strays("The host laughed. The deal was “over.” and said. Then"),
            ["and said."]
        );
        assert_eq!(
            strays(
                "The train leaves at 1.15pm. sources. The return trip is free. more.\n\nIt ended."
            ),
            ["sources.", "more."]
        );
    }

    #[test]
    fn strays_after_an_abbreviation_only_when_they_cannot_continue_it() {
        assert_eq!(
            strays("They signed a deal with Acme Corp. in the. Then they left for home."),
            ["in the."]
        );
        assert_eq!(
            strays("They signed a deal with Acme Corp. more. Then they left for home."),
            ["more."]
        );
        assert_eq!(
            strays("Growth slowed across the whole U.S. economy. Then prices fell back."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("He would not say how much the U.S. would request. Talks go on."),
            Vec::<&str>::new()
        );
        // A modal and a verb: no subject when a preposition governs the name before them.
        assert_eq!(
            strays(
                "He is on the board of Acme Holdings Ltd. would take. It was sold to Bank of Zell Co. to make.\n\nShe worked in the U.S. will go. Ann is chief of Zell Inc. will go."
            ),
            ["would take.", "to make.", "will go.", "will go."]
        );
        assert_eq!(
            strays(
                "Exports fell more than in the U.S. would follow. Firms in the U.S. will follow. He said firms in the U.S. will follow. It is a plan for the U.S. to leave. They asked Acme Corp. to wait. It has grown more than at Acme Corp. would seem. Bank of Zell Co. will follow."
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("The deal is done and it is final, Acme Corp. said. Shares rose."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("Nobody knew what the F.B.I. was up to.\n\nIt ended."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("Prices rose about 3 pct, etc. and then fell back."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("Net profit rose to 1.5 mln dlrs. vs 1.2 mln dlrs."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn attributions_quotations_and_brands_pass() {
        assert_eq!(
            strays("“Yes!” he shouted at the crowd."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("“It is over for all of us.” he said. “We go home.”"),
            Vec::<&str>::new()
        );
        // Without a single quotation mark the copy lost them: `he said.` is an attribution.
        assert_eq!(
            strays("It is over for all of us now. he said. We go home."),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("He bought a new phone last week. iPhone sales rose."),
            Vec::<&str>::new()
        );
        assert_eq!(strays("He paused... then went on."), Vec::<&str>::new());
        assert_eq!(
            strays("Voters chose En Marche! member of parliament. Not a “gun!” rhetoric. Then"),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays(
                "“Who is that?” asks one onlooker. “Why?” it was. Madness? he tweeted. Yes? hahaa!"
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("Shares closed at 3p.m. and trading stopped. The index rose 1 pct. reuter"),
            Vec::<&str>::new()
        );
        assert_eq!(
            strays("She left the U.S. on Monday. and he said so at length."),
            Vec::<&str>::new()
        );
    }
}
