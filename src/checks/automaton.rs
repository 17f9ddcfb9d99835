//! A literal automaton built twice over a run: first as a contiguous NFA, cheap to build, then,
//! once the run has searched enough text to earn its build back, as its builder asks (a full DFA
//! for the small sets of words copydesk searches), the fastest search.
//!
//! A full DFA of a few hundred words costs millions of instructions to build (the figures cue
//! words alone were a sixth of the start-up, measured with callgrind), which one article or an
//! editor's check never earns back, and an archive pays once. Both automata are built from the
//! same patterns with the same options: the kind of automaton never changes what it matches.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, BuildError};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes a run searches with the NFA before it builds the fast automaton.
const FAST_AFTER: usize = 256 * 1024;

pub struct Automaton {
    nfa: AhoCorasick,
    /// `None` when it could not be built (a DFA has a size limit): the NFA serves.
    fast: OnceLock<Option<AhoCorasick>>,
    builder: AhoCorasickBuilder,
    patterns: Vec<Vec<u8>>,
    /// Bytes searched so far, across the run's threads.
    searched: AtomicUsize,
}

impl Automaton {
    /// The automaton of `patterns` with `builder`'s options; its kind is the fast one.
    pub fn new<P: AsRef<[u8]>>(
        builder: &AhoCorasickBuilder,
        patterns: &[P],
    ) -> Result<Automaton, BuildError> {
        let nfa = builder
            .clone()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(patterns)?;
        Ok(Automaton {
            nfa,
            fast: OnceLock::new(),
            builder: builder.clone(),
            patterns: patterns.iter().map(|p| p.as_ref().to_vec()).collect(),
            searched: AtomicUsize::new(0),
        })
    }

    /// The automaton to search `len` more bytes with.
    pub fn get(&self, len: usize) -> &AhoCorasick {
        if let Some(fast) = self.fast.get() {
            return fast.as_ref().unwrap_or(&self.nfa);
        }
        if self.searched.fetch_add(len, Ordering::Relaxed) < FAST_AFTER {
            return &self.nfa;
        }
        self.fast
            .get_or_init(|| self.builder.build(&self.patterns).ok())
            .as_ref()
            .unwrap_or(&self.nfa)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;

    fn matches(ac: &AhoCorasick, text: &str) -> Vec<(usize, usize, usize)> {
        ac.find_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }

    #[test]
    fn the_fast_automaton_takes_over_and_finds_the_same_matches() {
        let mut builder = AhoCorasickBuilder::new();
        builder
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA));
        let automaton = Automaton::new(&builder, &["said", "an estimated", "estimated"]).unwrap();
        let text = "An estimated 300 people came, police SAID; others estimated fewer.";
        let first = automaton.get(text.len());
        assert_eq!(first.kind(), AhoCorasickKind::ContiguousNFA);
        let expected = vec![(1, 0, 12), (0, 37, 41), (2, 50, 59)];
        assert_eq!(matches(first, text), expected);
        // The run has now searched less than the threshold: a long text is still searched with
        // the NFA, and whatever comes after it with the DFA.
        assert_eq!(
            automaton.get(FAST_AFTER).kind(),
            AhoCorasickKind::ContiguousNFA
        );
        let late = automaton.get(text.len());
        assert_eq!(late.kind(), AhoCorasickKind::DFA);
        assert_eq!(matches(late, text), expected);
    }
}
