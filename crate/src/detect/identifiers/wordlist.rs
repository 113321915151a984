//! Word lists from `data/` files and one Aho-Corasick pass to find them.
//!
//! A list file holds one term per line; `#` starts a comment. A term may start
//! with `*` (letters may come before it: `*school` matches `basisschool`) or
//! end with `*` (letters may follow: `bestel*` matches `bestelnummer`).
//! Otherwise a term matches only as a whole word (or words).

use crate::error::Error;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::ops::Range;

/// One line of a list file, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    /// Letters may come right before the term (compound head).
    pub glue_before: bool,
    /// Letters may come right after the term (compound start).
    pub glue_after: bool,
}

/// The terms of a list file, lower-cased, comments and blanks dropped.
pub fn parse(data: &str) -> Vec<Term> {
    data.lines()
        .filter_map(|line| {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                return None;
            }
            let glue_before = line.starts_with('*');
            let glue_after = line.len() > 1 && line.ends_with('*');
            let text = line.trim_start_matches('*').trim_end_matches('*').trim();
            if text.is_empty() {
                return None;
            }
            Some(Term {
                text: text.to_lowercase(),
                glue_before,
                glue_after,
            })
        })
        .collect()
}

/// A plain set of single words (for one hash lookup per word).
pub fn word_set(data: &str) -> HashSet<String> {
    parse(data).into_iter().map(|t| t.text).collect()
}

/// The sections of a list file: `[name]` lines start a section, each with
/// its own word set.
pub fn sections(data: &str) -> std::collections::HashMap<String, HashSet<String>> {
    let mut out: std::collections::HashMap<String, HashSet<String>> = Default::default();
    let mut current = String::new();
    for line in data.lines() {
        let t = line.split('#').next().unwrap_or("").trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = name.to_string();
            out.entry(current.clone()).or_default();
        } else if !t.is_empty() {
            out.entry(current.clone())
                .or_default()
                .insert(t.to_lowercase());
        }
    }
    out
}

/// A found term: its byte range in the searched text and its class bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub classes: u32,
}

/// Several classed lists in one automaton.
pub struct Lexicon {
    ac: AhoCorasick,
    /// Per pattern: class bits and whether glue is allowed before / after.
    info: Vec<(u32, bool, bool)>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Lexicon {
    /// `lists` pairs a class bit with the contents of a list file.
    pub fn new(file: &str, lists: &[(u32, &str)]) -> Result<Lexicon, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut info: Vec<(u32, bool, bool)> = Vec::new();
        for &(class, data) in lists {
            for t in parse(data) {
                if let Some(i) = patterns.iter().position(|p| *p == t.text) {
                    let e = &mut info[i];
                    e.0 |= class;
                    e.1 |= t.glue_before;
                    e.2 |= t.glue_after;
                } else {
                    patterns.push(t.text);
                    info.push((class, t.glue_before, t.glue_after));
                }
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| Error::Builtin {
                file: file.into(),
                message: e.to_string(),
            })?;
        Ok(Lexicon { ac, info })
    }

    /// Every whole-word occurrence in `text`, sorted by start.
    pub fn find_all(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            let (classes, glue_before, glue_after) = self.info[m.pattern().as_usize()];
            if bounded(text, m.start(), m.end(), glue_before, glue_after) {
                out.push(Found {
                    range: m.start()..m.end(),
                    classes,
                });
            }
        }
        out.sort_by_key(|f| (f.range.start, f.range.end));
        out
    }
}

/// Whether `text[start..end]` stands as a word (given what glue is allowed).
pub fn bounded(text: &str, start: usize, end: usize, glue_before: bool, glue_after: bool) -> bool {
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let before_ok = glue_before
        || !first.is_some_and(is_word_char)
        || !text[..start].chars().next_back().is_some_and(is_word_char);
    let after_ok = glue_after
        || !last.is_some_and(is_word_char)
        || !text[end..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

/// Found terms of a document, queried by range and class.
pub struct Index {
    found: Vec<Found>,
}

impl Index {
    pub fn new(found: Vec<Found>) -> Index {
        Index { found }
    }

    /// Terms of `class` that start inside `range`.
    pub fn within(&self, class: u32, range: Range<usize>) -> impl Iterator<Item = &Found> {
        let i = self.found.partition_point(|f| f.range.start < range.start);
        self.found[i..]
            .iter()
            .take_while(move |f| f.range.start < range.end)
            .filter(move |f| f.classes & class != 0)
    }

    pub fn any(&self, class: u32, range: Range<usize>) -> bool {
        self.within(class, range).next().is_some()
    }

    /// The end of the last term of `class` that ends at or before `at` and starts at or after `from`.
    pub fn last_before(&self, class: u32, from: usize, at: usize) -> Option<&Found> {
        self.within(class, from..at)
            .filter(|f| f.range.end <= at)
            .last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_globs_and_comments() {
        let t = parse("# header\n*school  # compound head\nbestel*\n\nbsn\n");
        assert_eq!(t.len(), 3);
        assert!(t[0].glue_before && !t[0].glue_after && t[0].text == "school");
        assert!(t[1].glue_after && !t[1].glue_before);
        assert_eq!(t[2].text, "bsn");
    }

    #[test]
    fn finds_whole_words_and_compounds() {
        let lex = Lexicon::new("test", &[(1, "*school\nbsn\n"), (2, "bestel*\nbsn")]).unwrap();
        let f = lex.find_all("de basisschool, bsnummer, bestelnummer en BSN");
        let got: Vec<(&str, u32)> = f
            .iter()
            .map(|x| {
                (
                    &"de basisschool, bsnummer, bestelnummer en bsn"[x.range.clone()],
                    x.classes,
                )
            })
            .collect();
        // the text is not lower-cased here, so only the first three can match
        assert_eq!(got, [("school", 1), ("bestel", 2)]);
        let f = lex.find_all("bsn: 1");
        assert_eq!(f[0].classes, 3);
    }
}
