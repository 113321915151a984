//! The word table of the minors detector: first names, words that are not
//! names, and the context cues (titles, roles, pupil words, greetings ...),
//! all from `data/names/`. One hash lookup per word gives every flag at once.

use crate::error::Error;
use crate::policy::consent::fold_into;
use std::collections::{HashMap, HashSet};

const FIRST_NAMES: &str = data_file!("names/first-names.txt");
const AMBIGUOUS: &str = data_file!("names/ambiguous.txt");
const ADULT_NAMES: &str = data_file!("names/adult-names.txt");
const NOT_NAMES: &str = data_file!("names/not-names.txt");
const CUES: &str = data_file!("names/cues.txt");

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
/// "de klas van Ilse": a noun whose owner is a member of staff.
pub const STAFF_OF: u32 = 1 << 21;
/// The first word of a closing phrase ("met" of "met vriendelijke groet").
pub const CLOSING_START: u32 = 1 << 22;
/// "groep", "klas", "grade": followed by a number, a class.
pub const CLASS_WORD: u32 = 1 << 23;
/// A word after which a class may follow a name ("uit", "in", "van", "groep").
pub const CLASS_PREP: u32 = 1 << 24;

/// The frozen word table: open addressing over a packed byte arena, with a
/// hash that reads a word's first and last bytes in two loads. One lookup per
/// word of a draft is the detector's main cost, so it is kept lean.
struct WordTable {
    slots: Vec<Slot>,
    mask: usize,
    bytes: Vec<u8>,
    /// One bit per hash value (other bits than the slot's): most words of a
    /// draft are not listed, and this 8 KB stays in the L1 cache where the
    /// slots (over 100 KB) miss it.
    filter: Vec<u64>,
}

/// Bits of the filter: 2^16, for about 4,000 words (a 6 % false-positive rate).
const FILTER_BITS: u32 = 16;

fn filter_bit(h: u64) -> usize {
    (h >> 40) as usize & ((1 << FILTER_BITS) - 1)
}

#[derive(Clone, Copy, Default)]
struct Slot {
    hash: u32,
    /// Length of the word; 0 marks an empty slot.
    len: u32,
    at: u32,
    flags: u32,
}

fn word_hash(b: &[u8]) -> u64 {
    let n = b.len();
    let load8 = |at: usize| {
        let mut v = 0u64;
        for (k, &x) in b[at..at + 8].iter().enumerate() {
            v |= u64::from(x) << (8 * k);
        }
        v
    };
    let load4 = |at: usize| {
        u64::from(b[at])
            | u64::from(b[at + 1]) << 8
            | u64::from(b[at + 2]) << 16
            | u64::from(b[at + 3]) << 24
    };
    let (x, y) = if n >= 8 {
        (load8(0), load8(n - 8))
    } else if n >= 4 {
        (load4(0), load4(n - 4))
    } else if n > 0 {
        (
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        )
    } else {
        (0, 0)
    };
    let h = (x ^ y.rotate_left(29) ^ (n as u64) << 56).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ h >> 29
}

impl WordTable {
    fn new(words: &HashMap<String, u32>) -> WordTable {
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut t = WordTable {
            slots: vec![Slot::default(); size],
            mask: size - 1,
            bytes: Vec::new(),
            filter: vec![0; (1 << FILTER_BITS) / 64],
        };
        for (w, &flags) in words {
            let h = word_hash(w.as_bytes());
            let mut i = h as usize & t.mask;
            while t.slots[i].len != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = Slot {
                hash: h as u32,
                len: w.len() as u32,
                at: t.bytes.len() as u32,
                flags,
            };
            t.bytes.extend_from_slice(w.as_bytes());
            let bit = filter_bit(h);
            t.filter[bit / 64] |= 1 << (bit % 64);
        }
        t
    }

    #[inline]
    fn get(&self, b: &[u8]) -> u32 {
        if b.is_empty() {
            return 0;
        }
        let h = word_hash(b);
        let bit = filter_bit(h);
        if self.filter[bit / 64] & 1 << (bit % 64) == 0 {
            return 0;
        }
        let mut i = h as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s.len == 0 {
                return 0;
            }
            if s.hash == h as u32
                && s.len as usize == b.len()
                && &self.bytes[s.at as usize..s.at as usize + b.len()] == b
            {
                return s.flags;
            }
            i = (i + 1) & self.mask;
        }
    }
}

pub struct Lexicon {
    /// Built while loading, then frozen into `table`.
    words: HashMap<String, u32>,
    table: WordTable,
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
            words: HashMap::new(),
            table: WordTable::new(&HashMap::new()),
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
                    "staff-of" => STAFF_OF,
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
                    if let Some(first) = phrase.split(' ').next() {
                        lex.add(first, CLOSING_START);
                    }
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
        for w in ["groep", "group", "grade", "gr", "klas", "class", "year"] {
            lex.add(w, CLASS_WORD | CLASS_PREP);
        }
        for w in ["uit", "in", "van", "from", "of"] {
            lex.add(w, CLASS_PREP);
        }
        if lex.words.values().filter(|&&f| f & NAME != 0).count() < 1000 {
            return Err(Error::Builtin {
                file: "data/names/first-names.txt".into(),
                message: "fewer than 1000 first names".into(),
            });
        }
        lex.table = WordTable::new(&lex.words);
        lex.words = HashMap::new();
        Ok(lex)
    }

    fn add(&mut self, word: &str, flag: u32) {
        *self.words.entry(key(word)).or_insert(0) |= flag;
    }

    /// Flags of a folded word (0 when unknown).
    pub fn flags(&self, folded: &str) -> u32 {
        self.table.get(folded.as_bytes())
    }

    /// [`Lexicon::flags`] of a folded word as bytes (the tokenizer's ASCII words).
    pub fn flags_of_bytes(&self, folded: &[u8]) -> u32 {
        self.table.get(folded)
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
