//! One fast hasher for the crate's own tables (lexicon words, context words,
//! the browser binding's string cache). These are looked up for every word of
//! a candidate sentence and every finding of a scan; their keys come from our
//! data or the draft itself, and SipHash's resistance to crafted collisions
//! costs more than it buys here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (as in rustc), eight bytes at a time; the last few bytes of a key
/// (most words are shorter than eight) go in as one padded word.
#[derive(Default)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    /// A product's low bits depend only on the key's low bytes (a word's
    /// first letters), and the table picks buckets by the low bits: rotate
    /// the well-mixed high bits down, as rustc-hash 2 does.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let words = bytes.chunks_exact(8);
        let tail = words.remainder();
        for w in words {
            self.add(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        }
        if !tail.is_empty() {
            // A byte loop, not a copy: a short copy is a memcpy call in wasm.
            let word = tail.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
            // The length keeps "a" and "a\0" apart.
            self.add(word ^ (tail.len() as u64) << 56);
        }
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn keys_that_differ_only_in_length_or_padding_hash_apart() {
        let h = |b: &[u8]| BuildHasherDefault::<FastHasher>::default().hash_one(b);
        assert_ne!(h(b"a"), h(b"a\0"));
        assert_ne!(h(b"abcdefgh"), h(b"abcdefgh\0"));
        assert_eq!(h(b"rekening"), h(b"rekening"));
    }

    #[test]
    fn words_with_one_first_letter_spread_over_buckets() {
        // The table indexes by the low bits: 64 words starting with "s" must
        // not crowd into a few of 64 buckets.
        let h = |s: &str| BuildHasherDefault::<FastHasher>::default().hash_one(s);
        let words: Vec<String> = (0..64).map(|i| format!("s{i:02}x")).collect();
        let buckets: FastSet<u64> = words.iter().map(|w| h(w) & 63).collect();
        assert!(buckets.len() > 32, "{} buckets", buckets.len());
    }
}
