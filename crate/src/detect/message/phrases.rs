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

/// A number in digits or words, Dutch and English.
const NUMBER: &str = r"(?:[0-9]{1,6}|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|vijfentwintig|dertig|veertig|vijftig|honderd|duizend|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|thousand)";

/// A word character. Every non-ASCII character counts as one: in a normalised
/// Dutch draft those are letters (`é`, `ë`, `ö`), and small ASCII classes keep
/// the compiled automata small (Unicode `\w` made building the scanner slow).
const WORD: &str = r"[0-9A-Za-z_\x{80}-\x{10FFFF}]";
/// Between two words of a phrase: one or more ASCII non-word characters.
const SEPARATOR: &str = r"[^0-9A-Za-z_\x{80}-\x{10FFFF}]+";

pub struct Phrases {
    re: Option<Regex>,
}

impl Phrases {
    /// Compiles the phrases of a data file and the literal terms a policy adds.
    pub fn new(file: &str, data: &str, extra: &[String]) -> Result<Phrases, Error> {
        let mut alternatives: Vec<String> = data
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| compile(&l.to_lowercase()))
            .collect();
        alternatives.extend(extra.iter().filter_map(|t| literal(t)));
        // Leftmost-first: at one position the first alternative wins, so
        // longer phrases go first ("verwend nest" before "verwend").
        alternatives.sort_by_key(|a| std::cmp::Reverse(a.len()));
        if alternatives.is_empty() {
            return Ok(Phrases { re: None });
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
        let re = regex::RegexBuilder::new(&pattern)
            .size_limit(32 << 20)
            .build()
            .map_err(|e| Error::Builtin {
                file: file.into(),
                message: e.to_string(),
            })?;
        Ok(Phrases { re: Some(re) })
    }

    /// Whole-word matches in `hay` (a `norm` text), in text order.
    pub fn find_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = Range<usize>> + 'h {
        self.find_in(hay, 0..hay.len())
    }

    /// Whole-word matches that lie inside `within` (byte range of `hay`).
    pub fn find_in<'h>(
        &'h self,
        hay: &'h str,
        within: Range<usize>,
    ) -> impl Iterator<Item = Range<usize>> + 'h {
        let end = within.end.min(hay.len());
        let mut at = within.start.min(end);
        std::iter::from_fn(move || {
            let re = self.re.as_ref()?;
            let hay = hay.get(..end)?;
            while at <= end {
                let m = re.find_at(hay, at)?;
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    next_char(hay, m.end())
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
            .re
            .is_none());
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
}
