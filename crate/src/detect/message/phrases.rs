//! Phrase lists for the whole-message rules: each list is compiled once into
//! one regex and matched, as whole words, on the `norm` view of a draft
//! (folded and lower-cased; not `keys`, whose leetspeak reading turns the
//! `!` of "terug!" into an `i`).
//!
//! A list file (`data/message/*.txt`) has one phrase a line, lower-case;
//! `#` starts a comment line. Within a phrase:
//!
//! | write | matches |
//! |---|---|
//! | a space | one or more non-word characters (space, comma, line break …) |
//! | `-` | a hyphen, a space or nothing (`teams-opname`, `teams opname`, `teamsopname`) |
//! | `*` at the end of a word | the rest of the word (`behandel*`) |
//! | `(a|b)`, `(a )?` | one of the alternatives; an optional part |
//! | `{n}` | a number, in digits or in words (`10`, `tien`, `ten`) |
//! | `{0-3}` | up to three arbitrary words |
//!
//! Terms a school adds through its policy are literal (no syntax).

use crate::error::Error;
use crate::text::normalize;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// A number in digits or words, Dutch and English.
const NUMBER: &str = r"(?:[0-9]{1,6}|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|vijfentwintig|dertig|veertig|vijftig|honderd|duizend|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|thousand)";

/// A word character. Every non-ASCII character counts as one: in a normalised
/// Dutch draft those are letters (`é`, `ë`, `ö`), and small ASCII classes keep
/// the compiled automata small (Unicode `\w` made building the scanner slow).
const WORD: &str = r"[0-9A-Za-z_\x{80}-\x{10FFFF}]";
/// Between two words of a phrase: one or more ASCII non-word characters.
const SEPARATOR: &str = r"[^0-9A-Za-z_\x{80}-\x{10FFFF}]+";

pub struct Phrases {
    /// The list as one regex pattern (`None` for an empty list).
    pattern: Option<String>,
    /// Compiled on first use: most drafts never reach most lists (their
    /// anchors gate them), and compiling all of them made building the
    /// scanner slow, in the browser above all.
    re: OnceLock<Option<Regex>>,
    /// Literals one of which every match contains (see [`anchors`]); `None`
    /// when some phrase has no such literal (then the list is never gated).
    anchors: Option<Vec<String>>,
}

impl Phrases {
    /// Reads the phrases of a data file and the literal terms a policy adds
    /// (compiled on first use, see [`Phrases::regex`]; `_file` names the list).
    pub fn new(_file: &str, data: &str, extra: &[String]) -> Result<Phrases, Error> {
        let lines: Vec<String> = data
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        let mut alternatives: Vec<String> = lines.iter().map(|l| compile(l)).collect();
        let mut anchor_set: Option<Vec<String>> = Some(Vec::new());
        for l in &lines {
            match (anchors(l), anchor_set.as_mut()) {
                (Some(a), Some(set)) => set.extend(a),
                _ => anchor_set = None,
            }
        }
        for t in extra {
            if let Some(a) = literal(t) {
                alternatives.push(a);
                let norm = normalize(t.trim()).text;
                let longest = norm
                    .split(|c: char| !c.is_alphanumeric())
                    .max_by_key(|w| w.len())
                    .unwrap_or("")
                    .to_string();
                match anchor_set.as_mut() {
                    Some(set) if !longest.is_empty() => set.push(longest),
                    _ => anchor_set = None,
                }
            }
        }
        if let Some(set) = anchor_set.as_mut() {
            set.sort();
            set.dedup();
        }
        // Leftmost-first: at one position the first alternative wins, so
        // longer phrases go first ("verwend nest" before "verwend").
        alternatives.sort_by_key(|a| std::cmp::Reverse(a.len()));
        if alternatives.is_empty() {
            return Ok(Phrases {
                pattern: None,
                re: OnceLock::new(),
                anchors: Some(Vec::new()),
            });
        }
        let pattern = alternatives
            .iter()
            // Half word boundaries (ASCII): no word character right before or
            // after. A phrase that ends in `é` still ends before a space, and a
            // shorter alternative that would end inside a word ("ons school" in
            // "ons schoolbestuur") gives way to a longer one.
            .map(|a| format!(r"(?-u:\b{{start-half}})(?:{a})(?-u:\b{{end-half}})"))
            .collect::<Vec<_>>()
            .join("|");
        Ok(Phrases {
            pattern: Some(pattern),
            re: OnceLock::new(),
            anchors: anchor_set,
        })
    }

    /// The list's regex, compiled on first use. Built-in lists are checked
    /// by a test; policy terms are escaped literals, so building fails only
    /// past the size limit, and such a list then matches nothing.
    fn regex(&self) -> Option<&Regex> {
        self.re
            .get_or_init(|| self.pattern.as_deref().and_then(|p| build(p).ok()))
            .as_ref()
    }
}

fn build(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(32 << 20)
        .dfa_size_limit(64 << 20)
        .build()
}

impl Phrases {
    /// Matches found only near this list's anchor hits (`hits`, from an
    /// [`Anchors`] automaton that includes this list): one regex run per
    /// window of text around them instead of one over the whole draft.
    pub fn find_near<'h>(
        &'h self,
        hay: &'h str,
        hits: &'h [Range<usize>],
    ) -> Box<dyn Iterator<Item = Range<usize>> + 'h> {
        if self.anchors.is_none() {
            return Box::new(self.find_iter(hay));
        }
        let mut windows = hits.iter().peekable();
        let mut current: Option<std::vec::IntoIter<Range<usize>>> = None;
        Box::new(std::iter::from_fn(move || loop {
            if let Some(m) = current.as_mut().and_then(Iterator::next) {
                return Some(m);
            }
            let first = windows.next()?;
            let start = first.start.saturating_sub(WINDOW);
            let mut end = (first.end + WINDOW).min(hay.len());
            while let Some(next) = windows.peek() {
                if next.start.saturating_sub(WINDOW) > end {
                    break;
                }
                end = end.max((next.end + WINDOW).min(hay.len()));
                windows.next();
            }
            let w = crate::text::snap(hay, start..end);
            current = Some(self.find_in(hay, w).collect::<Vec<_>>().into_iter());
        }))
    }

    /// Every phrase has an anchor, so [`Anchors`] can gate the list.
    pub fn is_anchored(&self) -> bool {
        self.anchors.is_some()
    }

    /// Whole-word matches in `hay` (a `norm` text), in text order.
    pub fn find_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = Range<usize>> + 'h {
        self.find_in(hay, 0..hay.len())
    }

    /// Whole-word matches that lie inside `within` (byte range of `hay`, on
    /// character boundaries); word boundaries are judged on the whole `hay`.
    pub fn find_in<'h>(
        &'h self,
        hay: &'h str,
        within: Range<usize>,
    ) -> impl Iterator<Item = Range<usize>> + 'h {
        let end = within.end.min(hay.len());
        let mut at = within.start.min(end);
        std::iter::from_fn(move || {
            let re = self.regex()?;
            let part = hay.get(..end)?;
            while at <= end {
                let m = re.find_at(part, at)?;
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    next_char(part, m.end())
                };
                if m.end() > m.start() && whole_word(hay, m.start(), m.end()) {
                    return Some(m.start()..m.end());
                }
            }
            None
        })
    }

    /// The first whole-word match inside `within`.
    pub fn first_in(&self, hay: &str, within: Range<usize>) -> Option<Range<usize>> {
        self.find_in(hay, within).next()
    }

    pub fn any_in(&self, hay: &str, within: Range<usize>) -> bool {
        self.first_in(hay, within).is_some()
    }
}

/// Bytes of text read on each side of an anchor hit: longer than any phrase
/// of the lists (the longest, with a gap of a few words, is about 80).
pub const WINDOW: usize = 120;

/// Function words never chosen as an anchor: they occur everywhere.
const COMMON: &[&str] = &[
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "aan",
    "naar",
    "door",
    "niet",
    "voor",
    "met",
    "dit",
    "dat",
    "die",
    "deze",
    "is",
    "zijn",
    "was",
    "ik",
    "je",
    "jij",
    "u",
    "we",
    "wij",
    "ze",
    "zij",
    "hij",
    "mijn",
    "onze",
    "ons",
    "uw",
    "jouw",
    "al",
    "alle",
    "maar",
    "ook",
    "nog",
    "er",
    "te",
    "om",
    "als",
    "the",
    "a",
    "an",
    "and",
    "to",
    "of",
    "you",
    "your",
    "it",
    "this",
    "that",
    "is",
    "are",
    "i",
    "my",
    "our",
    "in",
    "on",
    "for",
    "with",
    "not",
    // Frequent in any school draft (and inside compounds: "schooljaar").
    "jaar",
    "dag",
    "week",
    "keer",
    "tijd",
    "school",
    "klas",
    "les",
    "groep",
    "kind",
    "kinderen",
    "leerling",
    "leerlingen",
    "ouders",
    "goed",
    "graag",
    "even",
    "heel",
    "echt",
    "kan",
    "kunt",
    "ben",
    "onder",
];

/// The literals of a phrase (list syntax) one of which every match contains,
/// chosen to be rare: the sequence element whose alternatives are longest and
/// no function word. `None` when the phrase has no required literal.
fn anchors(phrase: &str) -> Option<Vec<String>> {
    let score = |set: &[String]| -> usize {
        set.iter()
            .map(|w| {
                if COMMON.contains(&w.as_str()) || w.chars().count() < 3 {
                    0
                } else {
                    w.chars().count()
                }
            })
            .min()
            .unwrap_or(0)
    };
    let mut best: Option<Vec<String>> = None;
    let mut consider = |set: Vec<String>| {
        let better = match &best {
            None => true,
            Some(b) => {
                (score(&set), std::cmp::Reverse(set.len())) > (score(b), std::cmp::Reverse(b.len()))
            }
        };
        if better {
            best = Some(set);
        }
    };
    let chars: Vec<char> = phrase.chars().collect();
    let mut i = 0;
    let mut run = String::new();
    let flush = |run: &mut String, consider: &mut dyn FnMut(Vec<String>)| {
        let w = run.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        if !w.is_empty() {
            consider(vec![w]);
        }
        run.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' => {
                flush(&mut run, &mut consider);
                let mut depth = 0;
                let mut j = i;
                while j < chars.len() {
                    match chars[j] {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let inner: String = chars[i + 1..j.min(chars.len())].iter().collect();
                let optional = chars.get(j + 1) == Some(&'?');
                if !optional {
                    let mut set = Vec::new();
                    let mut ok = true;
                    for alt in split_alternatives(&inner) {
                        match anchors(alt) {
                            Some(a) => set.extend(a),
                            None => ok = false,
                        }
                    }
                    if ok && !set.is_empty() {
                        consider(set);
                    }
                }
                i = j + 1 + usize::from(optional);
                continue;
            }
            '{' => {
                flush(&mut run, &mut consider);
                while i < chars.len() && chars[i] != '}' {
                    i += 1;
                }
            }
            ' ' | '-' | '*' | '?' | ')' | '|' => flush(&mut run, &mut consider),
            c => run.push(c),
        }
        i += 1;
    }
    flush(&mut run, &mut consider);
    best
}

/// The top-level alternatives of a group's inside.
fn split_alternatives(inner: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '|' if depth == 0 => {
                out.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&inner[start..]);
    out
}

/// One Aho-Corasick automaton over the anchors of several phrase lists: one
/// pass over a draft tells each list where it may match.
pub struct Anchors {
    patterns: Vec<String>,
    /// Built on first use: a DFA searches fast but is slow to build, and
    /// some groups (social media) are searched on few drafts.
    ac: OnceLock<Option<aho_corasick::AhoCorasick>>,
    /// Pattern → the lists (indexes into the slice given to `new`) it anchors.
    owners: Vec<Vec<usize>>,
    lists: usize,
}

impl Anchors {
    pub fn new(lists: &[&Phrases]) -> Result<Anchors, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (i, list) in lists.iter().enumerate() {
            for a in list.anchors.iter().flatten() {
                let k = *index.entry(a.clone()).or_insert_with(|| {
                    patterns.push(a.clone());
                    owners.push(Vec::new());
                    patterns.len() - 1
                });
                if !owners[k].contains(&i) {
                    owners[k].push(i);
                }
            }
        }
        // Matches do not overlap (leftmost-longest is fast); an anchor found
        // inside a longer one ("door" in "doorsturen") is there too, so the
        // longer one also speaks for the lists of the shorter.
        for k in 0..patterns.len() {
            for j in 0..patterns.len() {
                // Patterns are distinct: only a shorter one can be inside.
                if patterns[j].len() < patterns[k].len()
                    && patterns[k].contains(patterns[j].as_str())
                {
                    let extra = owners[j].clone();
                    for l in extra {
                        if !owners[k].contains(&l) {
                            owners[k].push(l);
                        }
                    }
                }
            }
        }
        Ok(Anchors {
            patterns,
            ac: OnceLock::new(),
            owners,
            lists: lists.len(),
        })
    }

    /// The automaton (`None` without anchors). Building fails only on a
    /// size limit no list comes near, and then nothing is found.
    fn automaton(&self) -> Option<&aho_corasick::AhoCorasick> {
        self.ac
            .get_or_init(|| {
                if self.patterns.is_empty() {
                    return None;
                }
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build(&self.patterns)
                    .ok()
            })
            .as_ref()
    }

    /// Anchor hits as they come, `(list, range)`, in text order.
    pub fn iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = (usize, Range<usize>)> + 'h {
        self.automaton().into_iter().flat_map(move |ac| {
            ac.find_iter(hay).flat_map(move |m| {
                self.owners[m.pattern().as_usize()]
                    .iter()
                    .map(move |&l| (l, m.start()..m.end()))
            })
        })
    }

    /// Anchor hits per list, in text order.
    pub fn hits(&self, hay: &str) -> Vec<Vec<Range<usize>>> {
        let mut out = vec![Vec::new(); self.lists];
        if let Some(ac) = self.automaton() {
            for m in ac.find_iter(hay) {
                for &l in &self.owners[m.pattern().as_usize()] {
                    out[l].push(m.start()..m.end());
                }
            }
        }
        out
    }
}

fn next_char(s: &str, at: usize) -> usize {
    s[at..]
        .chars()
        .next()
        .map_or(s.len() + 1, |c| at + c.len_utf8())
}

/// The match is not part of a longer word on either side.
fn whole_word(hay: &str, start: usize, end: usize) -> bool {
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    let first = hay[start..end].chars().next();
    let last = hay[start..end].chars().next_back();
    let joins = |outer: Option<char>, inner: Option<char>| matches!((outer, inner), (Some(o), Some(i)) if o.is_alphanumeric() && i.is_alphanumeric());
    !joins(before, first) && !joins(after, last)
}

/// A policy term: literal text, normalised like the `norm` view.
fn literal(term: &str) -> Option<String> {
    let norm = normalize(term.trim()).text;
    let words: Vec<String> = norm
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(regex::escape)
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(SEPARATOR))
    }
}

/// A phrase in the list syntax, as a regex.
fn compile(phrase: &str) -> String {
    let mut out = String::new();
    let mut chars = phrase.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' => {
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                out.push_str(SEPARATOR);
            }
            '(' => out.push_str("(?:"),
            ')' | '|' | '?' => out.push(c),
            '*' => {
                out.push_str(WORD);
                out.push('*');
            }
            '-' => out.push_str(r"(?:-| )?"),
            '{' => {
                let mut inner = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    inner.push(d);
                }
                if inner == "n" {
                    out.push_str(NUMBER);
                } else if let Some((lo, hi)) = inner.split_once('-') {
                    let lo: usize = lo.trim().parse().unwrap_or(0);
                    let hi: usize = hi.trim().parse().unwrap_or(lo).max(lo);
                    out.push_str(&format!("(?:{WORD}+{SEPARATOR}){{{lo},{hi}}}"));
                    // The gap ends on a separator: the space after it is part of it.
                    if chars.peek() == Some(&' ') {
                        chars.next();
                    }
                } else {
                    out.push_str(&regex::escape(&format!("{{{inner}}}")));
                }
            }
            c => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(data: &str, hay: &str) -> Vec<String> {
        let p = Phrases::new("test", data, &[]).unwrap();
        p.find_iter(hay).map(|r| hay[r].to_string()).collect()
    }

    #[test]
    fn syntax() {
        assert_eq!(
            matches("stuur (dit |het )?door", "stuur dit door, stuur door"),
            ["stuur dit door", "stuur door"]
        );
        assert_eq!(
            matches("teams-opname", "de teams-opname, teams opname, teamsopname"),
            ["teams-opname", "teams opname", "teamsopname"]
        );
        assert_eq!(
            matches("vertrouwelijk behandel*", "wordt vertrouwelijk behandeld."),
            ["vertrouwelijk behandeld"]
        );
        assert_eq!(
            matches("naar {n} mensen", "naar 10 mensen of naar tien mensen"),
            ["naar 10 mensen", "naar tien mensen"]
        );
        assert_eq!(
            matches("stuur {0-3} door", "stuur dit bericht snel door"),
            ["stuur dit bericht snel door"]
        );
    }

    #[test]
    fn whole_words_only() {
        assert!(matches("onder ons", "zonder ons").is_empty());
        assert!(matches("intern", "internet internaat").is_empty());
        assert_eq!(
            matches("ons school\nons (school)?bestuur", "ons schoolbestuur"),
            ["ons schoolbestuur"]
        );
        assert_eq!(matches("privé", "een privé account"), ["privé"]);
        assert_eq!(matches("onder ons:", "onder ons: dit"), ["onder ons:"]);
        assert_eq!(matches("les", "les, lessen, les"), ["les", "les"]);
    }

    #[test]
    fn policy_terms_are_literal_and_normalised() {
        let p = Phrases::new("t", "", &["Op Persoonlijke  Titel".into(), "a.b(".into()]).unwrap();
        let hay = "ik schrijf op persoonlijke titel";
        assert_eq!(p.find_iter(hay).count(), 1);
        assert!(Phrases::new("t", "", &["".into(), "  ".into()])
            .unwrap()
            .pattern
            .is_none());
    }

    #[test]
    fn anchors_are_required_and_rare() {
        let a = |p: &str| {
            anchors(p).map(|mut v| {
                v.sort();
                v
            })
        };
        assert_eq!(a("stuur (dit |het )?door"), Some(vec!["stuur".into()]));
        assert_eq!(
            a("(verbreek|breek|doorbreek) (de|deze) (ketting|keten) niet"),
            Some(vec!["keten".into(), "ketting".into()])
        );
        assert_eq!(a("ons (school)?bestuur"), Some(vec!["bestuur".into()]));
        assert_eq!(a("teams-opname"), Some(vec!["opname".into()]));
        assert_eq!(
            a("vertrouwelijk behandel*"),
            Some(vec!["vertrouwelijk".into()])
        );
        assert_eq!(
            a("{n} jaar (ongeluk|pech)"),
            Some(vec!["ongeluk".into(), "pech".into()])
        );
        assert_eq!(
            a("(dit|deze (info|mail)) niet delen"),
            Some(vec!["delen".into()])
        );
        assert_eq!(a("(de )?{n}"), None);
    }

    #[test]
    fn anchored_search_finds_what_a_full_search_finds() {
        let data = "stuur {0-5} door\n{n} jaar (ongeluk|pech)\nverbreek de ketting niet";
        let p = Phrases::new("t", data, &["Kettingbrief".into()]).unwrap();
        let filler = "bla bla. ".repeat(100);
        let hay = format!(
            "{filler}stuur dit snel door. {filler}7 jaar pech! verbreek de ketting niet {filler}kettingbrief"
        );
        let anchors = Anchors::new(&[&p]).unwrap();
        let hits = anchors.hits(&hay);
        let near: Vec<_> = p.find_near(&hay, &hits[0]).collect();
        let full: Vec<_> = p.find_iter(&hay).collect();
        assert_eq!(near, full);
        assert_eq!(near.len(), 4);
        assert_eq!(p.find_near("", &[]).count(), 0);
    }

    #[test]
    fn ranges_are_respected() {
        let p = Phrases::new("t", "les", &[]).unwrap();
        let hay = "les les les";
        let found: Vec<_> = p.find_in(hay, 2..9).collect();
        assert_eq!(found, vec![4..7]);
        assert!(p.first_in(hay, 20..30).is_none());
        assert!(p.first_in("", 0..0).is_none());
    }

    /// Lists compile on first use, so a broken built-in list would only
    /// match nothing: compile every one here.
    #[test]
    fn every_builtin_list_compiles() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/message");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let data = std::fs::read_to_string(&path).unwrap();
                let p = Phrases::new("t", &data, &[]).unwrap();
                if let Some(pattern) = &p.pattern {
                    build(pattern).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                }
                n += 1;
            }
        }
        assert!(n > 10, "{n} lists");
    }
}
