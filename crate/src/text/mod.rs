//! Text handling shared by every detector: the normalised views of a draft,
//! their maps back to the original, words and sentences, and UTF-16 offsets.
//!
//! Invariant: detectors match on a view and report *original* byte ranges
//! through [`Document::norm_to_original`] or [`Document::keys_to_original`];
//! those always land on character boundaries of the original.

mod map;
mod normalize;
pub(crate) mod segment;
pub mod utf16;

pub use map::OffsetMap;
pub use normalize::{keys_view, normalize, View};

use std::ops::Range;
use std::sync::OnceLock;

/// A word of the `norm` view (a run that contains a letter or digit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the `norm` view.
    pub norm: Range<usize>,
}

/// A draft, prepared once per scan and shared by all detectors.
pub struct Document<'a> {
    pub original: &'a str,
    /// Folded, lower-cased text for reading values and words.
    pub norm: View,
    /// `norm` with leetspeak undone and spaced letters joined, for keywords.
    pub keys: View,
    words: OnceLock<Vec<Word>>,
    sentences: OnceLock<Vec<Range<usize>>>,
}

impl<'a> Document<'a> {
    pub fn new(original: &'a str) -> Self {
        let norm = normalize(original);
        let keys = keys_view(&norm.text);
        Document {
            original,
            norm,
            keys,
            words: OnceLock::new(),
            sentences: OnceLock::new(),
        }
    }

    /// Original byte range of a `norm` range, on character boundaries.
    pub fn norm_to_original(&self, r: Range<usize>) -> Range<usize> {
        let o = self.norm.map.range(r);
        snap(self.original, o)
    }

    /// `norm` byte range of a `keys` range.
    pub fn keys_to_norm(&self, r: Range<usize>) -> Range<usize> {
        let n = self.keys.map.range(r);
        snap(&self.norm.text, n)
    }

    /// Original byte range of a `keys` range, on character boundaries.
    pub fn keys_to_original(&self, r: Range<usize>) -> Range<usize> {
        self.norm_to_original(self.keys_to_norm(r))
    }

    /// `norm` offset of the first normalised character at or after original offset `at`.
    pub fn original_to_norm(&self, at: usize) -> usize {
        let n = self.norm.map.from_source(at).min(self.norm.text.len());
        floor_boundary(&self.norm.text, n)
    }

    /// Words of the `norm` view, computed on first use (UAX #29 word bounds).
    pub fn words(&self) -> &[Word] {
        self.words.get_or_init(|| {
            segment::words(&self.norm.text)
                .into_iter()
                .map(|norm| Word { norm })
                .collect()
        })
    }

    /// Sentences as `norm` ranges: line breaks end one, and so do `.`, `!`,
    /// `?` before white space (after `.` only when the next word is not
    /// lower-case as typed, so abbreviations do not split a sentence).
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences.get_or_init(|| {
            segment::sentences(&self.norm.text, |at| {
                let o = floor_boundary(self.original, self.norm.map.start(at));
                self.original[o..]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            })
        })
    }

    /// The sentence (as a `norm` range) that contains `norm` offset `at`.
    pub fn sentence_at(&self, at: usize) -> Range<usize> {
        let s = self.sentences();
        let i = s.partition_point(|r| r.end <= at);
        s.get(i).cloned().unwrap_or(at..at)
    }

    /// Whether the word starting at `norm` offset `at` is capitalised as typed.
    pub fn is_capitalised(&self, norm_at: usize) -> bool {
        let o = self.norm.map.start(norm_at);
        let o = floor_boundary(self.original, o.min(self.original.len()));
        let rest = &self.original[o..];
        normalize::decode_entity(rest)
            .map(|(c, _)| c)
            .or_else(|| rest.chars().next())
            .is_some_and(char::is_uppercase)
    }
}

/// The nearest character boundary of `s` at or before `at`.
pub fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest character boundary of `s` at or after `at`.
pub fn ceil_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Widens a byte range to the character boundaries of `s`.
pub fn snap(s: &str, r: Range<usize>) -> Range<usize> {
    let start = floor_boundary(s, r.start);
    let end = ceil_boundary(s, r.end).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ranges_map_to_original() {
        let text = "Het w @ c h t w 0 0 r d is geheim";
        let doc = Document::new(text);
        let at = doc.keys.text.find("wachtwoord").unwrap();
        let r = doc.keys_to_original(at..at + 10);
        assert_eq!(&text[r], "w @ c h t w 0 0 r d");
    }

    #[test]
    fn sentences_follow_capitals_and_lines() {
        let text = "Emma is ziek. Ze komt morgen.\nGroet";
        let doc = Document::new(text);
        let s: Vec<&str> = doc
            .sentences()
            .iter()
            .map(|r| &doc.norm.text[r.clone()])
            .collect();
        assert_eq!(s, ["emma is ziek. ", "ze komt morgen.\n", "groet"]);
        assert!(doc.is_capitalised(0));
        assert!(!doc.is_capitalised(5));
    }
}
