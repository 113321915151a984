//! Lexicons as data: the line format of `data/lexicons/{nl,en}/*.txt` (and of
//! a policy's `lexicons.*.add`), and the matcher built from them.
//!
//! One line is one entry:
//!
//! ```text
//! # comment (also after a term, preceded by a space)
//! [insult]                 section (offensive.txt: insult, curse, threat, discrimination, sexual)
//! @kin = moeder | vader    a word group, used as @kin in later lines of the same file
//! dyslexie                 a word; its plurals, diminutives and compounds match too
//! =opvang                  whole word only (no compounds)
//! ADD                      written in capitals: only as a whole word typed in capitals
//! ~zorgteam                weak: needs a clearly named person (offensive: an insulting frame)
//! ~~koe                    weaker (offensive: only "domme koe", "is een koe")
//! !term                    strong: needs no person
//! kanker+                  (curses) as the first part of a compound: kankerjoch, kanker-leraar
//! pest*                    any word that begins with "pest"
//! arm gebroken             a phrase: consecutive words
//! {arm|been|pols} gebroken alternatives; {de|} is an optional word
//! ... (three dots)         zero to six words in between
//! tiq <n>                  <n> is a number
//! pas maar op $            $ is the end of the sentence or clause
//! -onderscheiding          not a hit: a look-alike word (or phrase) is ignored
//! ```
//!
//! Every form of every entry's *anchor* word (its longest fixed word) goes into
//! the scanner's one Aho-Corasick automaton (the keyword prefilter), so the
//! cost of a scan does not grow with the size of the lexicons; the rest of a
//! phrase is checked only around an anchor that was found.

use super::morphology::{self, Role};
use crate::hash::{FastMap, FastSet};
use std::collections::HashMap;
use std::ops::Range;

/// A token's alternatives, indexed for matching a word of the draft.
#[derive(Debug, Clone, Default)]
struct TokenIndex {
    /// Every form of the alternatives that may be typed in any case.
    lower: FastSet<String>,
    /// Forms that must be typed in capitals.
    upper: FastSet<String>,
    prefixes: Vec<String>,
    number: bool,
}

impl TokenIndex {
    fn of(token: &Token) -> Option<TokenIndex> {
        let Token::Alts(alts) = token else {
            return None;
        };
        let mut t = TokenIndex::default();
        for a in alts {
            match a {
                Alt::Word { forms, upper: true } => t.upper.extend(forms.iter().cloned()),
                Alt::Word {
                    forms,
                    upper: false,
                } => t.lower.extend(forms.iter().cloned()),
                Alt::Prefix(p) => t.prefixes.push(p.clone()),
                Alt::Number => t.number = true,
                Alt::Empty => {}
            }
        }
        Some(t)
    }
}

/// The five lexicon categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Medical,
    Psychosocial,
    Family,
    Financial,
    Offensive,
}

impl Class {
    pub const ALL: [Class; 5] = [
        Class::Medical,
        Class::Psychosocial,
        Class::Family,
        Class::Financial,
        Class::Offensive,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Medical => "medical",
            Class::Psychosocial => "psychosocial",
            Class::Family => "family",
            Class::Financial => "financial",
            Class::Offensive => "offensive",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The kind of offensive language (one rule each); R2 lexicons use `Person`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Person,
    Insult,
    Curse,
    Threat,
    Discrimination,
    Sexual,
}

impl Section {
    pub const OFFENSIVE: [Section; 5] = [
        Section::Insult,
        Section::Curse,
        Section::Threat,
        Section::Discrimination,
        Section::Sexual,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Section::Person => "person",
            Section::Insult => "insult",
            Section::Curse => "curse",
            Section::Threat => "threat",
            Section::Discrimination => "discrimination",
            Section::Sexual => "sexual",
        }
    }

    pub fn parse(s: &str) -> Option<Section> {
        Section::OFFENSIVE.into_iter().find(|x| x.name() == s)
    }
}

/// How much context an entry needs before it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// `~~`: R2 only with a named person and another sensitive detail in this
    /// or the previous sentence; offensive only with an insulting adjective or "is een …".
    Weaker,
    /// `~`: R2 only with a named (third) person; offensive only in an insulting frame.
    Weak,
    Normal,
    /// `!`: R2 without a person; offensive always.
    Strong,
}

/// One alternative of a token.
#[derive(Debug, Clone)]
pub enum Alt {
    /// A word and its forms (lower case); `upper`: must be typed in capitals.
    Word { forms: Vec<String>, upper: bool },
    /// Any word starting with this.
    Prefix(String),
    /// A number.
    Number,
    /// Nothing: the token is optional.
    Empty,
}

#[derive(Debug, Clone)]
pub enum Token {
    Alts(Vec<Alt>),
    /// Zero to [`MAX_GAP`] words.
    Gap,
    /// End of sentence or clause.
    End,
}

/// Words a `...` may skip.
pub const MAX_GAP: usize = 6;

#[derive(Debug, Clone)]
pub struct Entry {
    pub class: Class,
    pub section: Section,
    pub strength: Strength,
    /// A look-alike: its words are not hits of this class.
    pub exclude: bool,
    /// `=`: whole words only.
    pub whole: bool,
    /// `+`: a curse used as the first part of a compound.
    pub curse: bool,
    pub tokens: Vec<Token>,
    /// Index of the token whose forms are the keywords.
    pub anchor: usize,
    /// The entry as written without markers, lower case (what `remove` matches).
    pub key: String,
}

/// Parses a whole lexicon file. Errors name the line.
pub fn parse_file(text: &str, class: Class) -> Result<Vec<Entry>, String> {
    let mut groups: HashMap<String, Vec<Alt>> = HashMap::new();
    let mut section = if class == Class::Offensive {
        Section::Insult
    } else {
        Section::Person
    };
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if class != Class::Offensive {
                return Err(format!("line {}: sections are for offensive.txt", i + 1));
            }
            section = Section::parse(name.trim()).ok_or_else(|| {
                format!(
                    "line {}: unknown section [{name}], expected insult, curse, threat, discrimination or sexual",
                    i + 1
                )
            })?;
            continue;
        }
        if let Some((name, alts)) = group_definition(line) {
            let alts = alts
                .split('|')
                .map(|a| parse_alt(a.trim()))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("line {}: {e}", i + 1))?;
            groups.insert(name, alts);
            continue;
        }
        let entry = parse_entry(line, class, section, &groups)
            .map_err(|e| format!("line {}: {e}", i + 1))?;
        out.push(entry);
    }
    Ok(out)
}

/// The groups (`@name = …`) a file defines, for parsing policy lines with them.
pub fn groups_of(text: &str) -> HashMap<String, Vec<Alt>> {
    let mut groups = HashMap::new();
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        if let Some((name, alts)) = group_definition(line) {
            if let Ok(alts) = alts
                .split('|')
                .map(|a| parse_alt(a.trim()))
                .collect::<Result<Vec<_>, _>>()
            {
                groups.insert(name, alts);
            }
        }
    }
    groups
}

/// `@name = a | b`: the group's name and its alternatives (unparsed).
fn group_definition(line: &str) -> Option<(String, &str)> {
    let def = line.strip_prefix('@')?;
    let (name, alts) = def.split_once('=')?;
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    Some((name.to_lowercase(), alts))
}

fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// The key `remove` compares: markers dropped, lower case, single spaces.
pub fn key_of(line: &str) -> String {
    let line = strip_comment(line).trim();
    let body = line.trim_start_matches(['-', '=', '~', '!']);
    let body = body.strip_suffix('+').unwrap_or(body);
    fold(body).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses one entry line (markers, then tokens).
pub fn parse_entry(
    line: &str,
    class: Class,
    section: Section,
    groups: &HashMap<String, Vec<Alt>>,
) -> Result<Entry, String> {
    let line = strip_comment(line).trim();
    let key = key_of(line);
    let mut rest = line;
    let mut exclude = false;
    let mut whole = false;
    let mut strength = Strength::Normal;
    loop {
        if let Some(r) = rest.strip_prefix("~~") {
            strength = Strength::Weaker;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('~') {
            strength = Strength::Weak;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('!') {
            strength = Strength::Strong;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('=') {
            whole = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('-') {
            exclude = true;
            rest = r;
        } else {
            break;
        }
    }
    let mut body = rest.trim();
    let mut curse = false;
    if let Some(b) = body.strip_suffix('+') {
        curse = true;
        body = b.trim_end();
    }
    if body.is_empty() {
        return Err("empty entry".into());
    }
    let mut tokens = Vec::new();
    for raw in body.split_whitespace() {
        match raw {
            "..." => tokens.push(Token::Gap),
            "$" => tokens.push(Token::End),
            "<n>" => tokens.push(Token::Alts(vec![Alt::Number])),
            _ if raw.starts_with('@') => {
                let name = raw[1..].to_lowercase();
                let alts = groups
                    .get(&name)
                    .ok_or_else(|| format!("unknown group @{name}"))?;
                tokens.push(Token::Alts(alts.clone()));
            }
            _ if raw.starts_with('{') => {
                let inner = raw
                    .strip_prefix('{')
                    .and_then(|r| r.strip_suffix('}'))
                    .ok_or_else(|| format!("`{raw}`: alternatives are written {{a|b|c}}"))?;
                let mut alts = Vec::new();
                for a in inner.split('|').map(str::trim) {
                    if let Some(name) = a.strip_prefix('@') {
                        let group = groups
                            .get(&name.to_lowercase())
                            .ok_or_else(|| format!("unknown group @{name}"))?;
                        alts.extend(group.iter().cloned());
                    } else {
                        alts.push(parse_alt_with(a, section != Section::Curse)?);
                    }
                }
                tokens.push(Token::Alts(alts));
            }
            _ => {
                // A hyphenated word is two words of the draft (`burn-out`).
                let parts: Vec<&str> = raw.split('-').filter(|p| !p.is_empty()).collect();
                if parts.is_empty() {
                    return Err(format!("`{raw}` is not a word"));
                }
                for p in parts {
                    // Curses are listed in every form they take (`kleren` is clothes).
                    let inflect = section != Section::Curse;
                    tokens.push(Token::Alts(vec![parse_alt_with(p, inflect)?]));
                }
            }
        }
    }
    if matches!(tokens.first(), Some(Token::Gap | Token::End))
        || matches!(tokens.last(), Some(Token::Gap))
    {
        return Err("a phrase cannot start with `...` or `$`, nor end with `...`".into());
    }
    if tokens
        .iter()
        .enumerate()
        .any(|(i, t)| matches!(t, Token::End) && i + 1 != tokens.len())
    {
        return Err("`$` can only end a phrase".into());
    }
    if curse && tokens.len() != 1 {
        return Err("`+` is for single words".into());
    }
    let anchor = choose_anchor(&tokens)
        .ok_or("a phrase needs at least one word that is always there (not <n> or optional)")?;
    Ok(Entry {
        class,
        section,
        strength,
        exclude,
        whole,
        curse,
        tokens,
        anchor,
        key,
    })
}

fn parse_alt(raw: &str) -> Result<Alt, String> {
    parse_alt_with(raw, true)
}

fn parse_alt_with(raw: &str, inflect: bool) -> Result<Alt, String> {
    if raw.is_empty() {
        return Ok(Alt::Empty);
    }
    if raw == "<n>" {
        return Ok(Alt::Number);
    }
    let (word, prefix) = match raw.strip_suffix('*') {
        Some(w) => (w, true),
        None => (raw, false),
    };
    if word.is_empty()
        || !word.chars().any(char::is_alphanumeric)
        || word
            .chars()
            .any(|c| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '.')))
    {
        return Err(format!(
            "`{raw}`: a word has letters, digits and apostrophes only"
        ));
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let lower = fold(word);
    if prefix {
        if lower.chars().count() < 3 {
            return Err(format!("`{raw}`: a prefix needs three letters at least"));
        }
        return Ok(Alt::Prefix(lower));
    }
    let forms = if upper || !inflect {
        vec![lower]
    } else {
        morphology::forms(&lower)
    };
    Ok(Alt::Word { forms, upper })
}

/// A lexicon word as it reads in the `keys` view (plain ASCII, the common
/// case, is only lower-cased; the rest goes through the text layer).
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        crate::text::normalize(word).text
    }
}

/// The anchor with common words avoided: the token whose alternatives are
/// all rare words wins over one with a common word (`van`, `school`), then
/// the longer shortest alternative wins.
fn choose_anchor_by(tokens: &[Token], common: &dyn Fn(&str) -> bool) -> Option<usize> {
    let mut best: Option<(usize, (bool, usize))> = None;
    for (i, t) in tokens.iter().enumerate() {
        let Token::Alts(alts) = t else { continue };
        let mut rare = true;
        let mut shortest = usize::MAX;
        for a in alts {
            let (len, word) = match a {
                Alt::Word { forms, .. } => {
                    let w = forms.first().map_or("", String::as_str);
                    (w.len(), w)
                }
                Alt::Prefix(p) => (p.len(), p.as_str()),
                Alt::Number | Alt::Empty => (0, ""),
            };
            shortest = shortest.min(len);
            rare &= !common(word);
        }
        if shortest == 0 || shortest == usize::MAX {
            continue;
        }
        let key = (rare, shortest);
        if best.is_none_or(|(_, b)| key > b) {
            best = Some((i, key));
        }
    }
    best.map(|(i, _)| i)
}

/// The token whose forms go into the automaton: always present, longest.
fn choose_anchor(tokens: &[Token]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, t) in tokens.iter().enumerate() {
        let Token::Alts(alts) = t else { continue };
        let mut shortest = usize::MAX;
        for a in alts {
            let len = match a {
                Alt::Word { forms, .. } => forms.first().map_or(0, String::len),
                Alt::Prefix(p) => p.len(),
                Alt::Number | Alt::Empty => 0,
            };
            shortest = shortest.min(len);
        }
        if shortest > 0 && shortest != usize::MAX && best.is_none_or(|(_, l)| shortest > l) {
            best = Some((i, shortest));
        }
    }
    best.map(|(i, _)| i)
}

/// A word of the sentence being matched: its range in the `keys` view, the
/// context bits of the word (see `person::bit`) and its capitalisation as
/// typed, looked up on first use (0 = not yet).
#[derive(Debug, Clone)]
pub struct SentenceWord {
    pub keys: Range<usize>,
    pub flags: u64,
    pub caps: std::cell::Cell<u8>,
}

impl SentenceWord {
    pub fn new(keys: Range<usize>, flags: u64) -> SentenceWord {
        SentenceWord {
            keys,
            flags,
            caps: std::cell::Cell::new(0),
        }
    }
}

/// What the matcher needs of a sentence.
pub trait SentenceView {
    fn words(&self) -> &[SentenceWord];
    /// The `keys` text.
    fn keys(&self) -> &str;
    /// Whether word `i` is typed in capitals in the original.
    fn upper(&self, i: usize) -> bool;
    /// Whether a clause ends right after word `i` (punctuation or the end).
    fn clause_ends_after(&self, i: usize) -> bool;
}

/// An entry found in a sentence.
#[derive(Debug, Clone)]
pub struct Found {
    pub entry: usize,
    /// First and last word (indices into the sentence's words).
    pub first: usize,
    pub last: usize,
    /// The word holding the anchor, and the anchor's role in it.
    pub anchor: usize,
    pub role: Role,
    /// Range (in `keys`) of the anchor word after the anchor form: a compound's
    /// other part (`protocol` in `pestprotocol`).
    pub rest: Range<usize>,
}

/// The built lexicons: entries and the keyword → anchor table.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    /// Keywords for the scanner's automaton (lower case, as in `keys`).
    pub patterns: Vec<String>,
    /// Keyword index → (entry, alternative of the anchor token).
    targets: Vec<Vec<(u32, u16)>>,
    /// Per entry, per token: the token's forms as sets.
    index: Vec<Vec<Option<TokenIndex>>>,
}

impl Lexicon {
    /// Builds the keyword table. `common` tells which words are too frequent
    /// to be a good anchor (`van`, `niet`, `school`): a phrase is anchored on
    /// its rarest fixed word, so common words do not wake the detector.
    pub fn build(mut entries: Vec<Entry>, common: &dyn Fn(&str) -> bool) -> Lexicon {
        for e in &mut entries {
            if let Some(a) = choose_anchor_by(&e.tokens, common) {
                e.anchor = a;
            }
        }
        // The anchor token is matched by the automaton, never looked up.
        let token_index = entries
            .iter()
            .map(|e| {
                e.tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        if i == e.anchor {
                            None
                        } else {
                            TokenIndex::of(t)
                        }
                    })
                    .collect()
            })
            .collect();
        let mut index: FastMap<&str, usize> = FastMap::default();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<(u32, u16)>> = Vec::new();
        for (e, entry) in entries.iter().enumerate() {
            let Some(Token::Alts(alts)) = entry.tokens.get(entry.anchor) else {
                continue;
            };
            for (a, alt) in alts.iter().enumerate() {
                let words: Vec<&String> = match alt {
                    Alt::Word { forms, .. } => forms.iter().collect(),
                    Alt::Prefix(p) => vec![p],
                    _ => continue,
                };
                for w in words {
                    let id = match index.get(w.as_str()) {
                        Some(&id) => id,
                        None => {
                            index.insert(w.as_str(), patterns.len());
                            patterns.push(w.clone());
                            targets.push(Vec::new());
                            patterns.len() - 1
                        }
                    };
                    let t = (e as u32, a as u16);
                    if !targets[id].contains(&t) {
                        targets[id].push(t);
                    }
                }
            }
        }
        Lexicon {
            entries,
            patterns,
            targets,
            index: token_index,
        }
    }

    /// A cheap first check of a keyword hit before any sentence is built:
    /// whether the form, where it stands in its word of `keys`, can play a
    /// role any entry allows (`ass` inside `klassen` cannot).
    /// `bang(at)` tells whether the `keys` byte at `at` was a `!` (the keys
    /// view reads `zwanger!` as leetspeak `zwangeri`).
    pub fn plausible(
        &self,
        keyword: usize,
        keys: &str,
        m: Range<usize>,
        bang: &dyn Fn(usize) -> bool,
    ) -> bool {
        let Some(targets) = self.targets.get(keyword) else {
            return false;
        };
        let (ws, mut we) = word_bounds(keys, m.clone());
        // A walk that stopped at the bound is inside a longer run: not at the word's end.
        let at_end = we - m.end.min(we) < WORD_WALK;
        while at_end && we > m.end && bang(we - 1) {
            we -= 1;
        }
        let pre = m.start - ws;
        let post = we - m.end;
        targets.iter().any(|&(e, a)| {
            let entry = &self.entries[e as usize];
            let Some(Token::Alts(alts)) = entry.tokens.get(entry.anchor) else {
                return false;
            };
            match alts.get(a as usize) {
                Some(Alt::Prefix(_)) => pre == 0,
                Some(Alt::Word { upper: true, .. }) => pre == 0 && post == 0,
                Some(Alt::Word { forms, .. }) => {
                    let base = curse_len(entry, forms.first().map_or(m.len(), String::len));
                    morphology::role(base, pre, post)
                        .is_some_and(|r| role_allowed(entry, entry.anchor, r, base))
                }
                _ => false,
            }
        })
    }

    /// Entries anchored at keyword `keyword`, found at `m` (a `keys` range)
    /// inside word `w` of `sentence`. `tried` holds the (entry, word) pairs
    /// already tried in this sentence: a word holds several forms of one
    /// entry (`rekening`, `rekeningen`), each is tried once.
    pub fn find_at(
        &self,
        keyword: usize,
        m: Range<usize>,
        w: usize,
        sentence: &dyn SentenceView,
        tried: &mut Vec<(u32, u32)>,
        out: &mut Vec<Found>,
    ) {
        let Some(targets) = self.targets.get(keyword) else {
            return;
        };
        let Some(word) = sentence.words().get(w) else {
            return;
        };
        let word = word.keys.clone();
        if m.start < word.start || m.end > word.end {
            return;
        }
        let pre = m.start - word.start;
        let post = word.end - m.end;
        let mut last_entry = usize::MAX;
        for &(e, a) in targets {
            if tried.contains(&(e, w as u32)) {
                continue;
            }
            let e = e as usize;
            if e == last_entry {
                continue; // another alternative of an entry already found here
            }
            let entry = &self.entries[e];
            let Some(Token::Alts(alts)) = entry.tokens.get(entry.anchor) else {
                continue;
            };
            let role = match alts.get(a as usize) {
                Some(Alt::Prefix(_)) if pre == 0 => Role::Whole,
                Some(Alt::Word { upper: true, .. }) if pre == 0 && post == 0 => {
                    if !sentence.upper(w) {
                        continue;
                    }
                    Role::Whole
                }
                Some(Alt::Word {
                    upper: false,
                    forms,
                }) => {
                    let base = curse_len(entry, forms.first().map_or(m.len(), String::len));
                    match morphology::role(base, pre, post) {
                        Some(r) if role_allowed(entry, entry.anchor, r, base) => r,
                        _ => continue,
                    }
                }
                _ => continue,
            };
            // The rest of the phrase, right then left of the anchor.
            let index = &self.index[e];
            let Some(last) = match_right(entry, index, sentence, w) else {
                continue;
            };
            let Some(first) = match_left(entry, index, sentence, w) else {
                continue;
            };
            last_entry = e;
            tried.push((e as u32, w as u32));
            out.push(Found {
                entry: e,
                first,
                last,
                anchor: w,
                role,
                rest: m.end..word.end,
            });
        }
    }
}

/// How far [`word_bounds`] walks from a match on either side. Only whether
/// a match has letters before or after it (and at least a few) decides its
/// role in a compound, so a longer walk changes nothing for real words and
/// would make every keyword in one long run of letters walk all of it
/// (quadratic, found by `make fuzz`).
const WORD_WALK: usize = 64;

/// The word around `m` in `keys`, roughly as Unicode word segmentation sees
/// it: letters, digits and `_`, joined by `'` or `.` between letters; at most
/// [`WORD_WALK`] bytes on either side of `m`.
pub fn word_bounds(keys: &str, m: Range<usize>) -> (usize, usize) {
    let wordy = |c: char| c.is_alphanumeric() || c == '_';
    let joiner = |c: char| matches!(c, '\'' | '.');
    let mut start = m.start.min(keys.len());
    while !keys.is_char_boundary(start) {
        start -= 1;
    }
    let low = m.start.saturating_sub(WORD_WALK);
    while let Some(c) = keys[..start].chars().next_back() {
        if start <= low {
            break;
        }
        if wordy(c) {
            start -= c.len_utf8();
        } else if joiner(c) {
            let before = keys[..start - c.len_utf8()].chars().next_back();
            if before.is_some_and(wordy) {
                start -= c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    let mut end = m.end.min(keys.len());
    while !keys.is_char_boundary(end) {
        end += 1;
    }
    let high = m.end.saturating_add(WORD_WALK);
    while let Some(c) = keys[end..].chars().next() {
        if end >= high {
            break;
        }
        if wordy(c) {
            end += c.len_utf8();
        } else if joiner(c) {
            let after = keys[end + c.len_utf8()..].chars().next();
            if after.is_some_and(wordy) {
                end += c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    (start, end)
}

/// Curses of three letters still start compounds (`kutdirecteur`).
fn curse_len(entry: &Entry, len: usize) -> usize {
    if entry.curse {
        len.max(morphology::MIN_MODIFIER)
    } else {
        len
    }
}

/// Whether a word whose base form is `base_len` bytes may play `role` as
/// token `ti` of `entry`.
fn role_allowed(entry: &Entry, ti: usize, role: Role, form_len: usize) -> bool {
    if role == Role::Whole {
        return true;
    }
    if entry.whole || entry.exclude {
        return false;
    }
    let n = entry.tokens.len();
    let single = n == 1;
    let first = ti == 0;
    let last = ti + 1 == n || (ti + 2 == n && matches!(entry.tokens[n - 1], Token::End));
    if entry.curse {
        return role == Role::Modifier;
    }
    match role {
        Role::Whole => true,
        // Inside a phrase only the first word may be a compound (`linkerpols`).
        Role::Modifier => single && last && form_len >= morphology::MIN_MODIFIER,
        // In a phrase the first word may end a compound from four letters on
        // (`linkerpols ... gebroken`); a single word needs five (`vertrouw` is no `rouw`).
        Role::Head => {
            first
                && (form_len >= morphology::MIN_HEAD
                    || (!single && form_len >= morphology::MIN_MODIFIER))
        }
        Role::Middle => single && form_len >= morphology::MIN_MIDDLE,
    }
}

/// Whether word `i` of the sentence matches token `ti` of `entry`.
fn word_matches(
    entry: &Entry,
    index: &[Option<TokenIndex>],
    ti: usize,
    sentence: &dyn SentenceView,
    i: usize,
) -> bool {
    let Some(Some(t)) = index.get(ti) else {
        return false;
    };
    let Some(word) = sentence.words().get(i) else {
        return false;
    };
    let text = &sentence.keys()[word.keys.clone()];
    if t.lower.contains(text) {
        return true;
    }
    if t.upper.contains(text) && sentence.upper(i) {
        return true;
    }
    if t.number
        && text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
    {
        return true;
    }
    if t.prefixes.iter().any(|p| text.starts_with(p.as_str())) {
        return true;
    }
    // The first word of a phrase may end a compound (`linkerpols ... gebroken`).
    if ti == 0 && entry.tokens.len() > 1 && !entry.whole && !entry.exclude {
        return text.char_indices().any(|(at, _)| {
            at >= morphology::MIN_PART
                && text.len() - at >= morphology::MIN_MODIFIER
                && t.lower.contains(&text[at..])
        });
    }
    false
}

fn optional(t: &Token) -> bool {
    matches!(t, Token::Alts(alts) if alts.iter().any(|a| matches!(a, Alt::Empty)))
}

/// Matches the entry's tokens after the anchor against the words after word
/// `w`. Returns the last word used.
fn match_right(
    entry: &Entry,
    index: &[Option<TokenIndex>],
    sentence: &dyn SentenceView,
    w: usize,
) -> Option<usize> {
    fn go(
        entry: &Entry,
        index: &[Option<TokenIndex>],
        ti: usize,
        sentence: &dyn SentenceView,
        next: usize,
        last: usize,
    ) -> Option<usize> {
        let Some(t) = entry.tokens.get(ti) else {
            return Some(last);
        };
        let words = sentence.words().len();
        match t {
            Token::End => sentence.clause_ends_after(last).then_some(last),
            Token::Gap => {
                for g in 0..=MAX_GAP {
                    // Skipping word next+g-1 must not cross the end of a clause.
                    if g > 0 && (next + g > words || sentence.clause_ends_after(next + g - 2)) {
                        break;
                    }
                    if let Some(r) = go(entry, index, ti + 1, sentence, next + g, last) {
                        return Some(r);
                    }
                }
                None
            }
            Token::Alts(_) => {
                if next < words
                    && !sentence.clause_ends_after(next - 1)
                    && word_matches(entry, index, ti, sentence, next)
                {
                    if let Some(r) = go(entry, index, ti + 1, sentence, next + 1, next) {
                        return Some(r);
                    }
                }
                if optional(t) {
                    return go(entry, index, ti + 1, sentence, next, last);
                }
                None
            }
        }
    }
    go(entry, index, entry.anchor + 1, sentence, w + 1, w)
}

/// Matches the entry's tokens before the anchor against the words before
/// word `w`, right to left. Returns the first word used.
fn match_left(
    entry: &Entry,
    index: &[Option<TokenIndex>],
    sentence: &dyn SentenceView,
    w: usize,
) -> Option<usize> {
    /// `ti`: the token to match next (moving left); `next`: the word to try;
    /// `first`: the leftmost word used so far.
    fn go(
        entry: &Entry,
        index: &[Option<TokenIndex>],
        ti: Option<usize>,
        sentence: &dyn SentenceView,
        next: Option<usize>,
        first: usize,
    ) -> Option<usize> {
        let Some(ti) = ti else {
            return Some(first);
        };
        let t = entry.tokens.get(ti)?;
        match t {
            Token::End => None,
            Token::Gap => {
                let mut at = next;
                for _ in 0..=MAX_GAP {
                    if let Some(r) = go(entry, index, ti.checked_sub(1), sentence, at, first) {
                        return Some(r);
                    }
                    // Skip word `at`; the boundary after it must not end a clause.
                    let a = at?;
                    if sentence.clause_ends_after(a) {
                        return None;
                    }
                    at = a.checked_sub(1);
                }
                None
            }
            Token::Alts(_) => {
                if let Some(i) = next {
                    if !sentence.clause_ends_after(i) && word_matches(entry, index, ti, sentence, i)
                    {
                        if let Some(r) = go(
                            entry,
                            index,
                            ti.checked_sub(1),
                            sentence,
                            i.checked_sub(1),
                            i,
                        ) {
                            return Some(r);
                        }
                    }
                }
                if optional(t) {
                    return go(entry, index, ti.checked_sub(1), sentence, next, first);
                }
                None
            }
        }
    }
    go(
        entry,
        index,
        entry.anchor.checked_sub(1),
        sentence,
        w.checked_sub(1),
        w,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    struct S {
        keys: String,
        words: Vec<SentenceWord>,
        upper: Vec<bool>,
    }

    impl S {
        fn new(original: &str) -> S {
            use unicode_segmentation::UnicodeSegmentation;
            let keys = original.to_lowercase();
            let mut words = Vec::new();
            let mut upper = Vec::new();
            for (at, w) in original.unicode_word_indices() {
                words.push(SentenceWord::new(at..at + w.len(), 0));
                upper.push(w.chars().all(|c| !c.is_lowercase()));
            }
            S { keys, words, upper }
        }
    }

    impl SentenceView for S {
        fn words(&self) -> &[SentenceWord] {
            &self.words
        }
        fn keys(&self) -> &str {
            &self.keys
        }
        fn upper(&self, i: usize) -> bool {
            self.upper.get(i).copied().unwrap_or(false)
        }
        fn clause_ends_after(&self, i: usize) -> bool {
            let Some(w) = self.words.get(i) else {
                return true;
            };
            let end = self
                .words
                .get(i + 1)
                .map_or(self.keys.len(), |n| n.keys.start);
            self.keys[w.keys.end..end]
                .chars()
                .any(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?'))
                || i + 1 == self.words.len()
        }
    }

    fn found(lines: &str, text: &str) -> Vec<String> {
        let entries = parse_file(lines, Class::Medical).unwrap();
        let lex = Lexicon::build(entries, &|_| false);
        let s = S::new(text);
        let mut out = Vec::new();
        for (k, p) in lex.patterns.iter().enumerate() {
            let mut from = 0;
            while let Some(i) = s.keys[from..].find(p.as_str()) {
                let at = from + i;
                let w = s
                    .words
                    .iter()
                    .position(|w| w.keys.start <= at && at < w.keys.end);
                if let Some(w) = w {
                    lex.find_at(k, at..at + p.len(), w, &s, &mut Vec::new(), &mut out);
                }
                from = at + 1;
            }
        }
        let mut v: Vec<String> = out
            .iter()
            .map(|f| {
                let a = s.words[f.first].keys.start;
                let b = s.words[f.last].keys.end;
                s.keys[a..b].to_string()
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn compounds_and_short_words() {
        let lex = "astma\nASS\nADD\nscheiding\n";
        assert_eq!(found(lex, "Hij is astmapatiënt"), ["astmapatiënt"]);
        assert!(found(lex, "In alle klassen").is_empty());
        assert!(found(lex, "What is your address? add it").is_empty());
        assert_eq!(found(lex, "vermoeden van ASS"), ["ass"]);
        assert_eq!(found(lex, "ADD en ADHD"), ["add"]);
        assert_eq!(
            found(lex, "de echtscheidingsprocedure loopt"),
            ["echtscheidingsprocedure"]
        );
    }

    #[test]
    fn phrases_gaps_and_alternatives() {
        let lex = "{arm|been|pols} ... gebroken\nniet {kan|kunnen|} betalen\npas maar op $\n";
        assert_eq!(
            found(lex, "Hij heeft zijn arm vorige week gebroken."),
            ["arm vorige week gebroken"]
        );
        assert_eq!(found(lex, "ze kunnen het niet betalen"), ["niet betalen"]);
        assert_eq!(
            found(lex, "ze kunnen het niet kunnen betalen"),
            ["niet kunnen betalen"]
        );
        assert_eq!(found(lex, "Pas maar op, jij."), ["pas maar op"]);
        assert!(found(lex, "pas maar op voor gladheid").is_empty());
        assert_eq!(
            found(lex, "de linkerpols is gebroken"),
            ["linkerpols is gebroken"]
        );
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let e = parse_file("astma\n{a|b\n", Class::Medical).unwrap_err();
        assert!(e.starts_with("line 2"), "{e}");
        assert!(parse_file("[insult]\n", Class::Medical).is_err());
        assert!(parse_file("... astma", Class::Medical).is_err());
        assert!(parse_file("<n> {a|}", Class::Medical).is_err());
        assert!(parse_file("@x = a | b\n@x astma\n", Class::Medical).is_ok());
        assert!(parse_file("@y astma\n", Class::Medical).is_err());
        assert_eq!(key_of("~=Zorg-Team  # x"), "zorg-team");
    }
}
