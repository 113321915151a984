//! Words and sentences, fast enough for every keystroke.
//!
//! Words follow UAX #29. Most tokens of a Dutch draft are plain ASCII, and for
//! ASCII the UAX #29 word rules reduce to a handful of joins (WB5–WB13b), so
//! ASCII tokens are segmented here and every token with a non-ASCII character
//! goes to `unicode-segmentation`. The result equals `unicode_word_indices`
//! (a test checks it on the dev corpus) at a fraction of the cost.
//!
//! Sentences are split on line breaks and on `.`, `!`, `?`, `…` followed by
//! white space — after `.` only when the next word is not lower-case in the
//! original (UAX #29's SB8), so "o.a. de ouders" stays one sentence.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const MID_LETTER: u8 = 3; // ':'
const MID_NUM_LET: u8 = 4; // '.' and the single quote
const MID_NUM: u8 = 5; // ',' ';'
const EXTEND_NUM_LET: u8 = 6; // '_'
const OTHER: u8 = 0;

fn class(b: u8) -> u8 {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => LETTER,
        b'0'..=b'9' => DIGIT,
        b':' => MID_LETTER,
        b'.' | b'\'' => MID_NUM_LET,
        b',' | b';' => MID_NUM,
        b'_' => EXTEND_NUM_LET,
        _ => OTHER,
    }
}

/// Whether UAX #29 keeps bytes `i - 1` and `i` of an ASCII token in one segment.
fn joins(t: &[u8], i: usize) -> bool {
    let (a, b) = (class(t[i - 1]), class(t[i]));
    let next = |c: u8| t.get(i + 1).is_some_and(|&x| class(x) == c);
    let before = |c: u8| i >= 2 && class(t[i - 2]) == c;
    match (a, b) {
        (LETTER | DIGIT, LETTER | DIGIT) => true, // WB5, WB8–WB10
        (EXTEND_NUM_LET, LETTER | DIGIT | EXTEND_NUM_LET) => true, // WB13b, WB13a
        (LETTER | DIGIT, EXTEND_NUM_LET) => true, // WB13a
        (LETTER, MID_LETTER | MID_NUM_LET) => next(LETTER), // WB6
        (MID_LETTER | MID_NUM_LET, LETTER) => before(LETTER), // WB7
        (DIGIT, MID_NUM | MID_NUM_LET) => next(DIGIT), // WB12
        (MID_NUM | MID_NUM_LET, DIGIT) => before(DIGIT), // WB11
        _ => false,
    }
}

fn ascii_words(token: &str, at: usize, out: &mut Vec<Range<usize>>) {
    let t = token.as_bytes();
    let mut start = 0;
    for i in 1..=t.len() {
        if i == t.len() || !joins(t, i) {
            if t[start..i].iter().any(u8::is_ascii_alphanumeric) {
                out.push(at + start..at + i);
            }
            start = i;
        }
    }
}

/// UAX #29 words (segments with a letter or digit) of `text`, as byte ranges.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let token = &text[start..i];
        if token.is_ascii() {
            ascii_words(token, start, &mut out);
        } else {
            out.extend(
                token
                    .unicode_word_indices()
                    .map(|(at, w)| start + at..start + at + w.len()),
            );
        }
    }
    out
}

/// Sentences of `text` as byte ranges covering it; `lower_at(i)` tells whether
/// the letter at byte `i` is lower-case as typed (the view may be case-folded).
pub fn sentences(text: &str, lower_at: impl Fn(usize) -> bool) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 60 + 1);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let terminator_len = match b {
            b'\n' => {
                out.push(start..i + 1);
                start = i + 1;
                i += 1;
                continue;
            }
            b'.' | b'!' | b'?' => 1,
            0xE2 if text[i..].starts_with('…') => '…'.len_utf8(),
            _ => {
                i += 1;
                continue;
            }
        };
        let mut j = i + terminator_len;
        while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']')
        {
            j += 1;
        }
        let mut k = j;
        while k < bytes.len() && (bytes[k] == b' ' || bytes[k] == b'\t') {
            k += 1;
        }
        let spaced = k > j || k == bytes.len() || bytes[k] == b'\n';
        let ends = spaced && (b != b'.' || k == bytes.len() || !lower_at(k));
        if ends && k < bytes.len() && bytes[k] != b'\n' {
            out.push(start..k);
            start = k;
        }
        i = k.max(i + 1);
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> Vec<Range<usize>> {
        text.unicode_word_indices()
            .map(|(at, w)| at..at + w.len())
            .collect()
    }

    #[test]
    fn words_match_uax29() {
        for text in [
            "Emma's moeder (groep 6b) belde om 8.30 u; ADHD-medicatie, e-mail: a.b@c.nl",
            "1,5 mg 3.000,50 euro __init__ x_1 o.a. j.l. 't kind d'r ww:geheim",
            "patiëntje café's naïef — 😀 Zoë’s 12:30 … “quote” a'b' 'a",
            "",
            "  \n\t ",
        ] {
            assert_eq!(words(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn words_match_uax29_on_the_dev_corpus() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/dev.jsonl");
        let Ok(corpus) = std::fs::read_to_string(path) else {
            panic!("cannot read {path}");
        };
        for line in corpus.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let norm = crate::text::normalize(v["text"].as_str().unwrap()).text;
            assert_eq!(words(&norm), reference(&norm), "{norm:?}");
            // The sensitive detector reads words of the `keys` view.
            let keys = crate::text::keys_view(&norm).text;
            assert_eq!(words(&keys), reference(&keys), "{keys:?}");
        }
    }

    #[test]
    fn sentences_split_on_terminators_and_lines() {
        let text = "emma is ziek. ze komt morgen! o.a. de ouders. wat nu?\ngroet";
        let upper = [0usize, 14, 46];
        let split: Vec<&str> = sentences(text, |i| !upper.contains(&i))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            split,
            [
                "emma is ziek. ",
                "ze komt morgen! ",
                "o.a. de ouders. ",
                "wat nu?\n",
                "groet"
            ]
        );
    }
}
