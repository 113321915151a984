//! Is a sensitive word about a specific person? A sentence of the draft, its
//! words, and the judgement: tied to a person (a name, a pronoun, "zijn
//! moeder", "de leerling", "een leerling uit 4B"), or a general topic ("de les
//! over diabetes", "Week tegen Pesten"), a hypothetical ("als een kind koorts
//! heeft") or a negation ("hij heeft geen ADHD", which lowers the severity).
//!
//! The word lists live in `data/lexicons/context.txt` and
//! `data/lexicons/names.txt`; every word of a sentence is looked up once and
//! carries a bit set of the lists it is in.

use super::lexicon::{Found, SentenceView, SentenceWord, Strength};
use super::morphology::Role;
use crate::hash::{FastMap, FastSet};
use crate::text::{segment, Document};
use std::ops::Range;

const CONTEXT: &str = data_file!("lexicons/context.txt");
const NAMES: &str = data_file!("lexicons/names.txt");
/// The minors detector's first names (those that are not also ordinary words).
const FIRST_NAMES: &str = data_file!("names/first-names.txt");
const AMBIGUOUS: &str = data_file!("names/ambiguous.txt");

/// The sections of `context.txt`, one bit each (`NAME` is `names.txt`).
pub mod bit {
    pub const THIRD: u64 = 1 << 0;
    pub const POSS_THIRD: u64 = 1 << 1;
    pub const FIRST: u64 = 1 << 2;
    pub const SECOND: u64 = 1 << 3;
    pub const POSSESSIVE: u64 = 1 << 4;
    pub const DETERMINER: u64 = 1 << 5;
    pub const INDEFINITE: u64 = 1 << 6;
    pub const KIN: u64 = 1 << 7;
    pub const KIN_POSS: u64 = 1 << 8;
    pub const ROLE: u64 = 1 << 9;
    pub const ROLE_LINK: u64 = 1 << 10;
    pub const NOT_NAME: u64 = 1 << 11;
    pub const FIRST_VERB: u64 = 1 << 12;
    pub const GREETING: u64 = 1 << 13;
    pub const TITLE: u64 = 1 << 14;
    pub const TOPIC: u64 = 1 << 15;
    pub const TOPIC_WEAK: u64 = 1 << 16;
    pub const TOPIC_HEAD: u64 = 1 << 17;
    pub const TOPIC_PREP: u64 = 1 << 18;
    pub const GENERIC_PLURAL: u64 = 1 << 19;
    pub const CONDITIONAL: u64 = 1 << 20;
    pub const GENERIC: u64 = 1 << 21;
    pub const NEGATION: u64 = 1 << 22;
    pub const STILL: u64 = 1 << 23;
    pub const COND_VERB: u64 = 1 << 24;
    pub const INSULT_ADJ: u64 = 1 << 25;
    pub const INTENSIFIER: u64 = 1 << 26;
    pub const INSULT_DET: u64 = 1 << 27;
    pub const COPULA: u64 = 1 << 28;
    pub const NAME: u64 = 1 << 29;
    pub const COMMON: u64 = 1 << 30;
    /// Not a name candidate: any of the person, topic and function words.
    pub const NO_NAME: u64 = THIRD
        | POSS_THIRD
        | FIRST
        | SECOND
        | KIN
        | KIN_POSS
        | ROLE
        | NOT_NAME
        | TOPIC
        | TOPIC_WEAK
        | GENERIC_PLURAL
        | GREETING
        | TITLE;
}

const SECTIONS: [(&str, u64); 30] = [
    ("third", bit::THIRD),
    ("possessive-third", bit::POSS_THIRD),
    ("first", bit::FIRST),
    ("second", bit::SECOND),
    ("possessive", bit::POSSESSIVE),
    ("determiner", bit::DETERMINER),
    ("indefinite", bit::INDEFINITE),
    ("kin", bit::KIN),
    ("kin-possessed", bit::KIN_POSS),
    ("role", bit::ROLE),
    ("role-link", bit::ROLE_LINK),
    ("not-name", bit::NOT_NAME),
    ("first-verb", bit::FIRST_VERB),
    ("greeting", bit::GREETING),
    ("title", bit::TITLE),
    ("topic", bit::TOPIC),
    ("topic-weak", bit::TOPIC_WEAK),
    ("topic-head", bit::TOPIC_HEAD),
    ("topic-preposition", bit::TOPIC_PREP),
    ("generic-plural", bit::GENERIC_PLURAL),
    ("conditional", bit::CONDITIONAL),
    ("generic", bit::GENERIC),
    ("negation", bit::NEGATION),
    ("still", bit::STILL),
    ("conditional-verb", bit::COND_VERB),
    ("insult-adjective", bit::INSULT_ADJ),
    ("intensifier", bit::INTENSIFIER),
    ("insult-determiner", bit::INSULT_DET),
    ("copula", bit::COPULA),
    ("common", bit::COMMON),
];

/// The context word lists: word → the bits of the lists it is in.
#[derive(Debug, Clone, Default)]
pub struct Context {
    flags: FastMap<String, u64>,
}

impl Context {
    pub fn builtin() -> Result<Context, String> {
        let mut c = Context::default();
        c.read(CONTEXT, None)?;
        c.read(NAMES, Some(bit::NAME))
            .map_err(|e| format!("names.txt: {e}"))?;
        let plain = |l: &str| {
            let l = l.split('#').next().unwrap_or("").trim();
            (!l.is_empty()).then(|| super::lexicon::fold(l))
        };
        let ambiguous: FastSet<String> = AMBIGUOUS.lines().filter_map(plain).collect();
        for name in FIRST_NAMES.lines().filter_map(plain) {
            if !ambiguous.contains(&name) && !name.contains(['-', ' ']) {
                *c.flags.entry(name).or_default() |= bit::NAME;
            }
        }
        Ok(c)
    }

    /// Reads a list file: `[section]` lines and words; with `only`, every
    /// word gets that bit and sections are not used.
    fn read(&mut self, text: &str, only: Option<u64>) -> Result<(), String> {
        let mut current: Option<u64> = only;
        let mut seen = 0u64;
        for (i, raw) in text.lines().enumerate() {
            let line = match raw.find('#') {
                Some(at) => &raw[..at],
                None => raw,
            }
            .trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let b = SECTIONS
                    .iter()
                    .find(|(n, _)| *n == name.trim())
                    .map(|&(_, b)| b)
                    .ok_or_else(|| format!("line {}: unknown section [{name}]", i + 1))?;
                seen |= b;
                current = Some(b);
                continue;
            }
            let b = current.ok_or_else(|| format!("line {}: words before a [section]", i + 1))?;
            for w in line.split_whitespace() {
                *self.flags.entry(super::lexicon::fold(w)).or_default() |= b;
            }
        }
        if only.is_none() {
            if let Some((name, _)) = SECTIONS.iter().find(|(_, b)| seen & b == 0) {
                return Err(format!("section [{name}] is missing"));
            }
        }
        Ok(())
    }

    pub fn flags(&self, word: &str) -> u64 {
        self.flags.get(word).copied().unwrap_or(0)
    }

    /// Whether `word` ends in a word with `b` (`ehbo-cursus`, `biologieproject`).
    pub fn ends_in(&self, word: &str, b: u64) -> bool {
        word.len() >= 7
            && word
                .char_indices()
                .skip(3)
                .any(|(i, _)| word.len() - i >= 4 && self.flags(&word[i..]) & b != 0)
    }
}

/// Endings of nouns that are not first names or surnames.
const NOUN_ENDINGS: [&str; 16] = [
    "heid", "schap", "isme", "iteit", "actie", "fonds", "centrum", "dienst", "week", "zorg",
    "liga", "campagne", "ering", "ness", "tion", "ment",
];

/// How a word is capitalised in the original draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caps {
    Lower,
    /// First letter upper case (`Emma`).
    Capital,
    /// Every letter upper case (`ADHD`).
    Upper,
}

/// One sentence of the draft with its words (in the `keys` view).
pub struct Sentence<'a> {
    pub doc: &'a Document<'a>,
    pub keys: Range<usize>,
    /// The sentence as typed, when it lines up byte for byte with `keys`
    /// (plain ASCII, nothing folded): capitals are then read directly.
    typed: Option<&'a str>,
    pub words: Vec<SentenceWord>,
    /// Typed in capitals throughout ("EMMA HEEFT ADHD"): capitals say
    /// nothing about names, so only known first names count as names.
    pub shouting: bool,
}

/// Written in capitals throughout: at least eight letters, none lower case.
fn shouted(typed: &str) -> bool {
    if typed.is_ascii() {
        // Most sentences: a byte loop instead of decoding characters.
        let b = typed.as_bytes();
        return !b.iter().any(u8::is_ascii_lowercase)
            && b.iter().filter(|c| c.is_ascii_uppercase()).count() >= 8;
    }
    let mut letters = 0;
    let mut lower = false;
    for c in typed.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        lower |= c.is_lowercase();
    }
    letters >= 8 && !lower
}

impl<'a> Sentence<'a> {
    pub fn new(doc: &'a Document<'a>, keys: Range<usize>, ctx: &Context) -> Sentence<'a> {
        let text = &doc.keys.text;
        let end = keys.end.min(text.len());
        let keys = keys.start.min(end)..end;
        let mut words = Vec::with_capacity((keys.end - keys.start) / 5 + 1);
        if let Some(slice) = text.get(keys.clone()) {
            // UAX #29 words, with the ASCII fast path (the same bounds as
            // `unicode_word_indices`, a test in `text::segment` checks it).
            for r in segment::words(slice) {
                let at = r.start;
                // "zwanger!" is "zwangeri" in the keys view (leetspeak): the
                // exclamation mark is not part of the word.
                let mut w = &slice[r];
                while w.len() > 1 && w.ends_with('i') && bang(doc, keys.start + at + w.len() - 1) {
                    w = &w[..w.len() - 1];
                }
                let r = keys.start + at..keys.start + at + w.len();
                words.push(SentenceWord::new(r, ctx.flags(w)));
            }
        }
        // The sentence as typed: mapping a range back costs four binary searches.
        let original = doc.original.get(doc.keys_to_original(keys.clone()));
        let typed = text.get(keys.clone()).and_then(|k| {
            let o = original?;
            (k.is_ascii() && o.is_ascii() && o.len() == k.len()).then_some(o)
        });
        let shouting = shouted(original.unwrap_or(""));
        Sentence {
            doc,
            keys,
            typed,
            words,
            shouting,
        }
    }

    pub fn text(&self, i: usize) -> &str {
        self.words
            .get(i)
            .and_then(|w| self.doc.keys.text.get(w.keys.clone()))
            .unwrap_or("")
    }

    /// The context bits of word `i` (0 past the end).
    pub fn f(&self, i: usize) -> u64 {
        self.words.get(i).map_or(0, |w| w.flags)
    }

    /// How word `i` is capitalised as typed.
    pub fn caps(&self, i: usize) -> Caps {
        let Some(word) = self.words.get(i) else {
            return Caps::Lower;
        };
        match word.caps.get() {
            1 => return Caps::Lower,
            2 => return Caps::Capital,
            3 => return Caps::Upper,
            _ => {}
        }
        let r = word.keys.clone();
        let c = match self.typed {
            Some(t) => {
                let w = t
                    .as_bytes()
                    .get(r.start - self.keys.start..r.end - self.keys.start)
                    .unwrap_or(&[]);
                match w.first() {
                    Some(b) if b.is_ascii_uppercase() => {
                        let letters = w.iter().filter(|b| b.is_ascii_alphabetic()).count();
                        if letters > 1
                            && w.iter()
                                .all(|b| !b.is_ascii_alphabetic() || b.is_ascii_uppercase())
                        {
                            Caps::Upper
                        } else {
                            Caps::Capital
                        }
                    }
                    _ => Caps::Lower,
                }
            }
            None => typed_caps(self.doc, r),
        };
        word.caps.set(match c {
            Caps::Lower => 1,
            Caps::Capital => 2,
            Caps::Upper => 3,
        });
        c
    }

    pub fn cap(&self, i: usize) -> bool {
        self.caps(i) == Caps::Capital
    }

    /// The text between word `i` and word `i + 1` (or the sentence end).
    pub fn gap_after(&self, i: usize) -> &str {
        let Some(w) = self.words.get(i) else {
            return "";
        };
        let end = self
            .words
            .get(i + 1)
            .map_or(self.keys.end, |n| n.keys.start);
        self.doc.keys.text.get(w.keys.end..end).unwrap_or("")
    }

    /// The text before word `i` (back to the previous word or the sentence start).
    pub fn gap_before(&self, i: usize) -> &str {
        let Some(w) = self.words.get(i) else {
            return "";
        };
        let start = if i == 0 {
            self.keys.start
        } else {
            self.words[i - 1].keys.end
        };
        self.doc.keys.text.get(start..w.keys.start).unwrap_or("")
    }

    /// A question answered by the next sentence with "dan …": "Heeft uw kind
    /// koorts? Dan blijft het thuis."
    pub fn question_then(&self) -> bool {
        let text = &self.doc.keys.text;
        let own = text.get(self.keys.clone()).unwrap_or("").trim_end();
        if !own.ends_with('?') {
            return false;
        }
        let after = text.get(self.keys.end..).unwrap_or("");
        let after = after.get(..after.len().min(40)).unwrap_or(after);
        let next = after.trim_start();
        ["dan ", "then ", "dan,"]
            .iter()
            .any(|p| next.starts_with(p))
    }

    /// Whether word `i` starts the sentence, or follows a colon, bracket,
    /// quote or dash, where capitals say little about names.
    pub fn starts_clause(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let g = self.gap_before(i);
        g.contains([':', '(', '"', '\'', '>', '•', '*', '\n', '/'])
            || (g.contains('-') && g.contains(' '))
    }
}

/// Whether the `keys` byte at `at` was typed as `!` (read as `i` by the
/// leetspeak undoing of the keys view).
pub fn bang(doc: &Document<'_>, at: usize) -> bool {
    if doc.keys.text.as_bytes().get(at) != Some(&b'i') {
        return false;
    }
    let n = doc.keys_to_norm(at..at + 1);
    doc.norm.text.get(n) == Some("!")
}

/// The capitalisation of a `keys` range as typed in the original.
fn typed_caps(doc: &Document<'_>, r: Range<usize>) -> Caps {
    let original = doc.keys_to_original(r);
    let typed = doc.original.get(original).unwrap_or("");
    let mut letters = typed.chars().filter(|c| c.is_alphabetic());
    match letters.next() {
        Some(first) if first.is_uppercase() => {
            let mut rest = letters.peekable();
            if rest.peek().is_some() && rest.all(char::is_uppercase) {
                Caps::Upper
            } else {
                Caps::Capital
            }
        }
        _ => Caps::Lower,
    }
}

impl SentenceView for Sentence<'_> {
    fn words(&self) -> &[SentenceWord] {
        &self.words
    }

    fn keys(&self) -> &str {
        &self.doc.keys.text
    }

    fn upper(&self, i: usize) -> bool {
        self.caps(i) == Caps::Upper
    }

    fn clause_ends_after(&self, i: usize) -> bool {
        if i + 1 >= self.words.len() {
            return true;
        }
        let g = self.gap_after(i);
        g.contains([',', '.', ';', ':', '!', '?', '(', ')', '"', '\n', '|', '•'])
            || (g.contains('-') && g.trim() == "-" && g.contains(' '))
    }
}

/// What ties a sentence to a person.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ties {
    /// A name, a handle, a third-person pronoun, a family member or "de leerling".
    pub specific: bool,
    /// The writer (ik, mijn, I, my, "lig op de bank").
    pub first: bool,
    /// The reader, right before the sensitive word (je pols, your surgery).
    pub second: bool,
    /// Clearly one person: a known first name, a name with a class or a
    /// handle, a pronoun, a family member or "de leerling" (what a next
    /// sentence may go on about).
    pub named: bool,
    /// "het gezin", "the family".
    pub household: bool,
}

impl Ties {
    pub fn any(self) -> bool {
        self.specific || self.first || self.second || self.household
    }
}

/// How a word ties its sentence to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    /// Clearly one person: a pronoun, a family member, "de leerling", a known
    /// first name, a name with a class, a handle.
    Named,
    /// A capitalised word that is probably a name.
    Name,
    /// The writer.
    First,
    /// The reader (counts just before the sensitive word).
    Second,
    /// The reader's family, "uw kind" (counts just before the sensitive word).
    ReaderFamily,
    /// "het gezin", "the family": a family is meant, not yet a named one.
    Household,
}

/// The judgement on one match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Not about a person, or about a topic: nothing to report.
    Quiet,
    /// Not tied to anyone in its own sentence; the context may still tie it.
    Untied,
    /// Tied to a person; `lowered` for a negation or a hypothetical.
    Fire { lowered: bool },
}

/// Words of the sentence that are part of a lexicon match (never names).
pub type Marked = [bool];

impl Context {
    /// Whether word `i` is a person's name: capitalised, not a known non-name,
    /// and either inside the sentence, a known first name, or followed by
    /// what a name at the start is followed by.
    pub fn is_name(&self, s: &Sentence<'_>, i: usize, marked: &Marked) -> bool {
        let shouted_name = s.shouting && s.f(i) & bit::NAME != 0;
        if s.f(i) & bit::NO_NAME != 0 || marked.get(i) == Some(&true) || !(s.cap(i) || shouted_name)
        {
            return false;
        }
        if shouted_name {
            return true;
        }
        let w = s.text(i);
        let bare = w.strip_suffix("'s").unwrap_or(w);
        let f = if bare.len() == w.len() {
            s.f(i)
        } else {
            self.flags(bare)
        };
        if f & bit::NO_NAME != 0
            || bare.chars().count() < 2
            || !bare.chars().next().is_some_and(char::is_alphabetic)
        {
            return false;
        }
        if f & bit::NAME != 0 || s.gap_before(i).ends_with('@') {
            return true;
        }
        // Capitalised nouns of titles and institutions ("Week van de
        // Gezondheid", "Vlaamse Vereniging"), not people.
        if NOUN_ENDINGS
            .iter()
            .any(|e| bare.len() > e.len() + 2 && bare.ends_with(e))
        {
            return false;
        }
        if !s.starts_clause(i) {
            return true;
        }
        // At the start: "Zara's parents", "Kobe (2B): …", "Oliver Bennett from …".
        if w.ends_with("'s") || s.gap_after(i).contains('(') {
            return true;
        }
        let next = s.text(i + 1);
        !next.is_empty()
            && s.cap(i + 1)
            && !s.clause_ends_after(i)
            && s.f(i + 1) & bit::NO_NAME == 0
            && !marked.get(i + 1).copied().unwrap_or(false)
    }

    /// The words of the sentence that tie it to a person, computed once per
    /// sentence; [`Context::ties`] then reads them for each match.
    pub fn tie_words(&self, s: &Sentence<'_>, marked: &Marked) -> Vec<(usize, Tie)> {
        let mut out = Vec::new();
        for i in 0..s.words.len() {
            let f = s.f(i);
            let prev = if i > 0 { s.f(i - 1) } else { 0 };
            let next = s.f(i + 1);
            let tie = if f & bit::THIRD != 0 {
                Some(Tie::Named)
            } else if f & bit::POSS_THIRD != 0 {
                // "zijn moeder", "hun papa", "zijn medicatie" (a match follows);
                // not "leerlingen … hun medicijnen" (a group).
                let noun = bit::KIN | bit::KIN_POSS | bit::ROLE;
                let group = matches!(s.text(i), "hun" | "their")
                    && (0..i).any(|p| s.f(p) & bit::GENERIC_PLURAL != 0);
                (!group
                    && (next & noun != 0
                        || s.f(i + 2) & noun != 0
                        || marked.get(i + 1) == Some(&true)
                        || marked.get(i + 2) == Some(&true)))
                .then_some(Tie::Named)
            } else if f & bit::FIRST != 0 {
                Some(Tie::First)
            } else if f & bit::FIRST_VERB != 0
                && (s.starts_clause(i) || (i > 0 && s.clause_ends_after(i - 1)))
            {
                // "lig op de bank met koorts" — not "ben je ziek?"
                (next & (bit::SECOND | bit::THIRD | bit::FIRST | bit::DETERMINER) == 0
                    && !matches!(s.text(i + 1), "er" | "iemand" | "het" | "there"))
                .then_some(Tie::First)
            } else if f & bit::SECOND != 0 {
                Some(Tie::Second)
            } else if f & bit::KIN != 0 {
                (prev & bit::INDEFINITE == 0).then_some(Tie::Named)
            } else if f & bit::KIN_POSS != 0 {
                // "het gezin", "the family": one family being talked about.
                let household = prev & bit::DETERMINER != 0
                    && matches!(s.text(i), "gezin" | "familie" | "family" | "household");
                let owned = household
                    || prev & bit::POSSESSIVE != 0
                    || (prev & bit::DETERMINER != 0 && matches!(s.text(i + 1), "van" | "of"))
                    || (i > 0 && s.text(i - 1).ends_with("'s") && s.cap(i - 1));
                let reader = matches!(
                    s.text(i.wrapping_sub(1)),
                    "je" | "jouw" | "uw" | "your" | "u"
                );
                if !owned {
                    None
                } else if household {
                    Some(Tie::Household)
                } else if !reader {
                    Some(Tie::Named)
                } else if matches!(s.text(i), "zoon" | "dochter" | "son" | "daughter") {
                    // "uw zoon", "je dochter": one family.
                    Some(Tie::Named)
                } else {
                    Some(Tie::ReaderFamily)
                }
            } else if f & bit::ROLE != 0 {
                let definite = prev & (bit::DETERMINER | bit::POSSESSIVE) != 0;
                let linked = matches!(s.text(i.wrapping_sub(1)), "een" | "a" | "an")
                    && next & bit::ROLE_LINK != 0
                    && {
                        let a = s.text(i + 2);
                        a.chars().any(|c| c.is_ascii_digit())
                            || matches!(a, "mij" | "mijn" | "me" | "my" | "ons" | "onze")
                            || s.cap(i + 2)
                    };
                (definite || linked).then_some(Tie::Named)
            } else if self.is_name(s, i, marked) {
                let clear = f & bit::NAME != 0
                    || s.gap_after(i).contains('(')
                    || s.gap_before(i).ends_with('@')
                    || (s.cap(i + 1) && s.gap_after(i + 1).contains('('));
                Some(if clear { Tie::Named } else { Tie::Name })
            } else {
                None
            };
            if let Some(t) = tie {
                out.push((i, t));
            }
        }
        out
    }

    /// The ties of a match: the sentence's tie words other than the match's
    /// anchor `skip`; second-person words count only just before `near`.
    pub fn ties(&self, words: &[(usize, Tie)], skip: usize, near: usize) -> Ties {
        let mut t = Ties::default();
        for &(i, tie) in words {
            if i == skip {
                continue;
            }
            match tie {
                Tie::Named => {
                    t.specific = true;
                    t.named = true;
                }
                Tie::Name => t.specific = true,
                Tie::First => t.first = true,
                Tie::Second => t.second |= i < near && near - i <= 4,
                Tie::ReaderFamily => t.second |= i < near && near - i <= 5,
                Tie::Household => t.household = true,
            }
        }
        t
    }

    /// A possessive or a name right before the match: "haar volgende chemo",
    /// "zijn ADHD", "Emma's diabetes", "his surgery".
    pub fn owned(&self, s: &Sentence<'_>, f: &Found) -> bool {
        for k in 1..=2 {
            let Some(j) = f.first.checked_sub(k) else {
                break;
            };
            let w = s.text(j);
            // "Leerlingen met een verklaring mogen hun medicijnen …": a group.
            if matches!(w, "hun" | "their") && (0..j).any(|p| s.f(p) & bit::GENERIC_PLURAL != 0) {
                return false;
            }
            if matches!(
                w,
                "zijn"
                    | "z'n"
                    | "haar"
                    | "d'r"
                    | "hun"
                    | "mijn"
                    | "m'n"
                    | "je"
                    | "jouw"
                    | "uw"
                    | "his"
                    | "her"
                    | "my"
                    | "your"
                    | "their"
            ) {
                return true;
            }
            if w.ends_with("'s") && s.cap(j) {
                return true;
            }
            if s.clause_ends_after(j) {
                break;
            }
        }
        false
    }

    /// Whether the match is about a general topic rather than a person.
    pub fn topical(&self, s: &Sentence<'_>, f: &Found, ties: Ties) -> bool {
        if self.owned(s, f) {
            return false;
        }
        let keys = &s.doc.keys.text;
        // A compound whose head is a topic: pestprotocol, diabetesfonds, rouwbeleid.
        if f.role == Role::Modifier {
            let rest = keys.get(f.rest.clone()).unwrap_or("");
            let bare = rest.trim_start_matches(['s', 'e', '-']);
            if (self.flags(rest) | self.flags(bare)) & bit::TOPIC_HEAD != 0 {
                return true;
            }
        }
        // A topic word right after: "Diabetes Liga", "pesten-week".
        if f.last + 1 < s.words.len()
            && !s.clause_ends_after(f.last)
            && s.f(f.last + 1) & (bit::TOPIC | bit::TOPIC_HEAD) != 0
        {
            return true;
        }
        // "de les over diabetes", "EHBO-cursus over epilepsie", "Week tegen
        // Pesten": a topic word, then a preposition, then the match, with no
        // person in between.
        let mut saw_preposition = false;
        for j in (f.first.saturating_sub(7)..f.first).rev() {
            let fl = s.f(j);
            if fl & bit::TOPIC_PREP != 0 {
                saw_preposition = true;
                continue;
            }
            if fl & (bit::THIRD | bit::KIN | bit::POSSESSIVE) != 0
                || (s.cap(j)
                    && !s.starts_clause(j)
                    && fl & (bit::NOT_NAME | bit::TOPIC | bit::TOPIC_WEAK) == 0)
            {
                break;
            }
            if saw_preposition
                && (fl & (bit::TOPIC | bit::TOPIC_WEAK) != 0 || self.ends_in(s.text(j), bit::TOPIC))
            {
                return true;
            }
        }
        if !ties.specific {
            // A course, project, policy … and no one named: a topic
            // ("Voor het biologieproject heb ik astma en epilepsie uitgewerkt").
            let m = f.first..f.last + 1;
            if (0..s.words.len()).any(|i| {
                !m.contains(&i) && (s.f(i) & bit::TOPIC != 0 || self.ends_in(s.text(i), bit::TOPIC))
            }) {
                return true;
            }
            // "een vraag over ADHD", "questions about autism".
            for k in 1..=3 {
                let Some(j) = f.first.checked_sub(k) else {
                    break;
                };
                if s.f(j) & bit::TOPIC_PREP != 0 {
                    return true;
                }
                if s.clause_ends_after(j) {
                    break;
                }
            }
        }
        // "leerlingen met dyslexie", "leerlingen die extra tijd krijgen",
        // "children with asthma", "bijvoorbeeld ADHD".
        for k in 1..=3 {
            let Some(j) = f.first.checked_sub(k) else {
                break;
            };
            let w = s.text(j);
            if matches!(
                w,
                "met" | "with" | "die" | "who" | "that" | "wier" | "wiens"
            ) {
                for p in [j.checked_sub(1), j.checked_sub(2)].into_iter().flatten() {
                    if s.f(p) & bit::GENERIC_PLURAL != 0 {
                        return true;
                    }
                }
            }
            if s.f(j) & bit::GENERIC != 0 {
                return true;
            }
        }
        false
    }

    /// Whether the match sits in a hypothetical or generic statement.
    pub fn hypothetical(&self, s: &Sentence<'_>, f: &Found) -> bool {
        // "wat te doen bij een epileptische aanval", "bij koorts"
        for k in 1..=3 {
            let Some(j) = f.first.checked_sub(k) else {
                break;
            };
            if s.text(j) == "bij" && (k == 1 || matches!(s.text(j + 1), "een" | "het" | "de")) {
                return true;
            }
            if s.clause_ends_after(j) {
                break;
            }
        }
        // A conditional word earlier in the same clause.
        let mut j = f.first;
        while j > 0 {
            j -= 1;
            if s.clause_ends_after(j) {
                break;
            }
            if s.f(j) & bit::CONDITIONAL != 0 {
                return true;
            }
        }
        let first = s.text(0);
        if matches!(first, "wie" | "who" | "whoever" | "anyone") {
            return true;
        }
        // "Heeft uw kind koorts, dan …"
        if s.f(0) & bit::COND_VERB != 0
            && s.cap(0)
            && ((0..s.words.len()).any(|i| matches!(s.text(i), "dan" | "then"))
                || s.question_then())
        {
            return true;
        }
        // "Bij koorts …", "Bij het overlijden van een ouder …"
        if first == "bij" && f.first > 0 {
            let second = s.f(1);
            if second & (bit::THIRD | bit::FIRST | bit::POSSESSIVE) == 0 && !s.cap(1) {
                return true;
            }
        }
        false
    }

    /// A negation just before the match, not followed by "meer"/"anymore":
    /// "hij heeft geen ADHD" (lowered), "ze is niet meer depressief" (not lowered).
    pub fn negated(&self, s: &Sentence<'_>, f: &Found) -> bool {
        for k in 1..=3 {
            let Some(j) = f.first.checked_sub(k) else {
                break;
            };
            if s.clause_ends_after(j) {
                break;
            }
            let w = s.text(j);
            if s.f(j) & bit::NEGATION != 0 || w.ends_with("n't") {
                return (s.f(j + 1) | s.f(f.last + 1)) & bit::STILL == 0;
            }
        }
        false
    }

    /// The verdict on an R2 match of strength `strength`.
    pub fn judge(
        &self,
        s: &Sentence<'_>,
        f: &Found,
        strength: Strength,
        tie_words: &[(usize, Tie)],
    ) -> (Verdict, Ties) {
        let ties = self.ties(tie_words, f.anchor, f.first);
        if self.topical(s, f, ties) {
            return (Verdict::Quiet, ties);
        }
        let hypothetical = self.hypothetical(s, f);
        let owned = self.owned(s, f);
        let tied = match strength {
            Strength::Strong => true,
            Strength::Weak | Strength::Weaker => ties.specific,
            Strength::Normal => ties.any() || owned,
        };
        if hypothetical && !ties.specific && strength != Strength::Strong {
            return (Verdict::Quiet, ties);
        }
        if !tied {
            return (Verdict::Untied, ties);
        }
        (
            Verdict::Fire {
                lowered: hypothetical || self.negated(s, f),
            },
            ties,
        )
    }
}
