//! The word table of the minors detector: first names, words that are not
//! names, and the context cues (titles, roles, pupil words, greetings ...),
//! all from `data/names/`. One hash lookup per word gives every flag at once.

use crate::error::Error;
use crate::policy::consent::fold_into;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const FIRST_NAMES: &str = include_str!("../../../data/names/first-names.txt");
const AMBIGUOUS: &str = include_str!("../../../data/names/ambiguous.txt");
const ADULT_NAMES: &str = include_str!("../../../data/names/adult-names.txt");
const NOT_NAMES: &str = include_str!("../../../data/names/not-names.txt");
const CUES: &str = include_str!("../../../data/names/cues.txt");

pub const NAME: u32 = 1 << 0;
pub const AMBIGUOUS_NAME: u32 = 1 << 1;
pub const NOT_NAME: u32 = 1 << 2;
pub const TITLE: u32 = 1 << 3;
pub const ROLE: u32 = 1 << 4;
pub const KIN_OF: u32 = 1 << 5;
pub const ADMIN_OF: u32 = 1 << 6;
pub const PUPIL_NOUN: u32 = 1 << 7;
pub const PUPIL_CTX: u32 = 1 << 8;
pub const PUPIL_WEAK: u32 = 1 << 9;
pub const STAFF_CTX: u32 = 1 << 10;
pub const SALUTATION: u32 = 1 << 11;
pub const ORG: u32 = 1 << 12;
pub const PARTICLE: u32 = 1 << 13;
pub const NOT_PERSON_PREFIX: u32 = 1 << 14;
pub const PLACE_PREP: u32 = 1 << 15;
pub const REQUEST: u32 = 1 << 16;
pub const SECOND_PERSON: u32 = 1 << 17;
pub const FIRST_PERSON: u32 = 1 << 18;
pub const REGISTRATION: u32 = 1 << 19;
/// A first name that today belongs almost only to adults (Gerard, Ans, Wim).
pub const ADULT_NAME: u32 = 1 << 20;

/// A small, fast hasher for short word keys (multiply-rotate over 8-byte chunks).
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

pub struct Lexicon {
    words: FastMap<Box<str>, u32>,
    /// Closing phrases ("met vriendelijke groet"), words joined by one space.
    closings: HashSet<String>,
    max_closing_words: usize,
    /// Endings of street and institution names: (ending, also as a whole word).
    suffixes: Vec<(String, bool)>,
}

/// Lines of a word list: `#` comments and blank lines skipped, trimmed.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

/// The folded lookup key of a word (lower case, no accents).
pub fn key(word: &str) -> String {
    let mut k = String::with_capacity(word.len());
    fold_into(word, &mut k);
    k
}

impl Lexicon {
    pub fn load() -> Result<Lexicon, Error> {
        let mut lex = Lexicon {
            words: FastMap::default(),
            closings: HashSet::new(),
            max_closing_words: 1,
            suffixes: Vec::new(),
        };
        for w in entries(FIRST_NAMES) {
            lex.add(w, NAME);
        }
        for w in entries(AMBIGUOUS) {
            lex.add(w, AMBIGUOUS_NAME);
        }
        for w in entries(ADULT_NAMES) {
            lex.add(w, ADULT_NAME);
        }
        for w in entries(NOT_NAMES) {
            lex.add(w, NOT_NAME);
        }
        let mut section: Option<u32> = None;
        let mut special = "";
        for line in entries(CUES) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                special = "";
                section = Some(match name {
                    "title" => TITLE,
                    "role" => ROLE,
                    "kin-of" => KIN_OF,
                    "admin-of" => ADMIN_OF,
                    "pupil-noun" => PUPIL_NOUN,
                    "pupil-context" => PUPIL_CTX,
                    "pupil-context-weak" => PUPIL_WEAK,
                    "staff-context" => STAFF_CTX,
                    "salutation" => SALUTATION,
                    "org" => ORG,
                    "particle" => PARTICLE,
                    "not-person-prefix" => NOT_PERSON_PREFIX,
                    "place-prep" => PLACE_PREP,
                    "request" => REQUEST,
                    "second-person" => SECOND_PERSON,
                    "first-person" => FIRST_PERSON,
                    "registration" => REGISTRATION,
                    "closing" | "institution-suffix" => {
                        special = if name == "closing" {
                            "closing"
                        } else {
                            "suffix"
                        };
                        0
                    }
                    other => {
                        return Err(Error::Builtin {
                            file: "data/names/cues.txt".into(),
                            message: format!("unknown section [{other}]"),
                        })
                    }
                });
                continue;
            }
            let Some(flag) = section else {
                return Err(Error::Builtin {
                    file: "data/names/cues.txt".into(),
                    message: format!("`{line}` comes before any [section]"),
                });
            };
            match special {
                "closing" => {
                    let phrase = key(line);
                    lex.max_closing_words = lex.max_closing_words.max(phrase.split(' ').count());
                    lex.closings.insert(phrase);
                }
                "suffix" => match line.strip_prefix('-') {
                    Some(end) => lex.suffixes.push((key(end), false)),
                    None => lex.suffixes.push((key(line), true)),
                },
                _ => lex.add(line, flag),
            }
        }
        if lex.words.values().filter(|&&f| f & NAME != 0).count() < 1000 {
            return Err(Error::Builtin {
                file: "data/names/first-names.txt".into(),
                message: "fewer than 1000 first names".into(),
            });
        }
        Ok(lex)
    }

    fn add(&mut self, word: &str, flag: u32) {
        *self.words.entry(key(word).into_boxed_str()).or_insert(0) |= flag;
    }

    /// Flags of a folded word (0 when unknown).
    pub fn flags(&self, folded: &str) -> u32 {
        self.words.get(folded).copied().unwrap_or(0)
    }

    /// Whether the folded words (in order) open with a closing phrase; returns how many words it takes.
    pub fn closing_len(&self, words: &[&str]) -> Option<usize> {
        let mut phrase = String::new();
        let mut best = None;
        for (i, w) in words.iter().take(self.max_closing_words).enumerate() {
            if i > 0 {
                phrase.push(' ');
            }
            phrase.push_str(w);
            if self.closings.contains(&phrase) {
                best = Some(i + 1);
            }
        }
        best
    }

    /// Whether a folded word ends like a street or an institution ("frankstraat").
    pub fn has_institution_suffix(&self, folded: &str) -> bool {
        self.suffixes.iter().any(|(s, whole)| {
            if *whole {
                folded == s
            } else {
                folded.len() > s.len() && folded.ends_with(s.as_str())
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_flags() {
        let lex = Lexicon::load().unwrap();
        assert!(lex.flags("noah") & NAME != 0);
        assert!(lex.flags("zeynep") & NAME != 0);
        assert!(lex.flags("zoe") & NAME != 0, "accents fold: Zoë");
        assert!(lex.flags("roos") & AMBIGUOUS_NAME != 0);
        assert!(lex.flags("gerard") & (ADULT_NAME | NAME) == ADULT_NAME | NAME);
        assert!(lex.flags("sinterklaas") & NOT_NAME != 0);
        assert!(lex.flags("pasen") & NAME == 0);
        assert!(lex.flags("juf") & TITLE != 0);
        assert!(lex.flags("leerling") & PUPIL_NOUN != 0);
        assert_eq!(
            lex.closing_len(&["met", "vriendelijke", "groeten", "anja"]),
            Some(3)
        );
        assert_eq!(lex.closing_len(&["groet"]), Some(1));
        assert_eq!(lex.closing_len(&["emma", "is"]), None);
        assert!(lex.has_institution_suffix("frankstraat"));
        assert!(!lex.has_institution_suffix("emma"));
        assert!(
            !lex.has_institution_suffix("laan"),
            "Van der Laan is a surname"
        );
        assert!(lex.has_institution_suffix("school"));
    }
}
