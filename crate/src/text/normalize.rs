//! Normalisation: what people (and autocorrect) do to text, undone before matching.
//!
//! Two views of the draft are built, each with an [`OffsetMap`] back to the
//! original, so every finding points at the text the user actually typed:
//!
//! * `norm`: invisible characters dropped (zero-width, soft hyphen, bidi marks),
//!   odd spaces folded to a plain space, full-width and mathematical letters and
//!   digits folded to ASCII, Cyrillic/Greek look-alikes folded to Latin, dashes
//!   and quotes unified, then lower-cased. Values (numbers, passwords) are read here.
//! * `keys`: `norm` with leetspeak undone inside words (`w@chtw00rd`) and spaced-out
//!   letters joined (`w a c h t w o o r d`). Only keywords are matched here: folding
//!   a `0` to an `o` is right for a keyword and wrong for a phone number.

use super::map::OffsetMap;

/// One derived text and its map back to its source.
#[derive(Debug, Clone)]
pub struct View {
    pub text: String,
    pub map: OffsetMap,
}

/// What one source character becomes in the `norm` view.
enum Fold {
    Drop,
    Char(char),
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Mathematical alphanumeric symbols (U+1D400–U+1D7FF) to ASCII.
fn fold_math(c: char) -> Option<char> {
    let cp = c as u32;
    match cp {
        0x1D400..=0x1D6A3 => {
            let i = (cp - 0x1D400) % 52;
            let base = if i < 26 { b'A' } else { b'a' };
            Some((base + (i % 26) as u8) as char)
        }
        0x1D7CE..=0x1D7FF => Some((b'0' + ((cp - 0x1D7CE) % 10) as u8) as char),
        _ => None,
    }
}

/// Cyrillic and Greek letters that look like Latin ones, as used to slip past filters.
fn fold_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'В' | 'Β' | 'в' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ε' | 'Ε' => 'e',
        'Н' | 'Η' => 'h',
        'і' | 'І' | 'ι' | 'Ι' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'М' | 'Μ' => 'm',
        'Ν' => 'n',
        'о' | 'О' | 'ο' | 'Ο' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ѕ' | 'Ѕ' => 's',
        'Т' | 'τ' | 'Τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' | 'Υ' => 'y',
        'Ζ' => 'z',
        _ => return None,
    })
}

fn fold(c: char) -> Fold {
    if c.is_ascii() {
        return Fold::Char(c);
    }
    if is_invisible(c) {
        return Fold::Drop;
    }
    if is_odd_space(c) {
        return Fold::Char(' ');
    }
    let cp = c as u32;
    if (0xFF01..=0xFF5E).contains(&cp) {
        return Fold::Char(char::from_u32(cp - 0xFEE0).unwrap_or(c));
    }
    if let Some(a) = fold_math(c).or_else(|| fold_lookalike(c)) {
        return Fold::Char(a);
    }
    Fold::Char(match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
        _ => c,
    })
}

/// Builds the `norm` view of `original`.
pub fn normalize(original: &str) -> View {
    let mut text = String::with_capacity(original.len());
    let mut map = OffsetMap::new();
    for (at, c) in original.char_indices() {
        let view_at = text.len();
        match fold(c) {
            Fold::Drop => {}
            Fold::Char(f) => {
                if f.is_ascii() {
                    text.push(f.to_ascii_lowercase());
                } else {
                    text.extend(f.to_lowercase());
                }
            }
        }
        map.push(view_at, text.len() - view_at, at, c.len_utf8());
    }
    View { text, map }
}

/// Leetspeak digits and symbols read as letters inside a word.
fn unleet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        _ => return None,
    })
}

const SPACED_SEPARATORS: [char; 5] = [' ', '.', '-', '_', '*'];

/// Builds the `keys` view of a `norm` text; its map points into `norm`.
/// First spaced-out letters are joined, then leetspeak is undone in place
/// (every leet replacement is ASCII for ASCII, so offsets do not move).
pub fn keys_view(norm: &str) -> View {
    let dropped = spaced_out_separators(norm);
    let (text, map) = if dropped.is_empty() {
        // The common case: nothing spaced out, the view starts as a copy.
        (norm.to_string(), OffsetMap::new())
    } else {
        let mut text = String::with_capacity(norm.len());
        let mut map = OffsetMap::new();
        // `dropped` is sorted, so one pointer walks it alongside the text.
        let mut dropped = dropped.iter().peekable();
        for (at, c) in norm.char_indices() {
            let view_at = text.len();
            if dropped.peek() == Some(&&at) {
                dropped.next();
            } else {
                text.push(c);
            }
            map.push(view_at, text.len() - view_at, at, c.len_utf8());
        }
        (text, map)
    };
    let mut bytes = text.into_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .map_or(bytes.len(), |i| start + i);
        let token = std::str::from_utf8(&bytes[start..end]).unwrap_or("");
        if token_wants_unleet(token) {
            for b in &mut bytes[start..end] {
                if let Some(l) = unleet(*b as char) {
                    *b = l as u8;
                }
            }
        }
        start = end + 1;
    }
    let text = String::from_utf8(bytes).expect("ASCII-for-ASCII replacement keeps UTF-8 valid");
    View { text, map }
}

/// A token (up to the next whitespace) is read as leetspeak when it mixes
/// letters with leet characters and has at least three letters: `w@chtw00rd`,
/// `p4ssw0rd`, not `06-12345678`, `3B` or `e-mail`.
fn token_wants_unleet(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let leet = token.chars().filter(|&c| unleet(c).is_some()).count();
    letters >= 3 && leet >= 1 && letters >= leet
}

/// Cheap byte test: is there any `x_y_z_w` (four one-character tokens joined
/// by separators)? Non-ASCII bytes count as letters here, which only makes
/// the test more willing; the exact scan below decides.
fn has_spaced_candidate(b: &[u8]) -> bool {
    let letterish =
        |x: u8| x.is_ascii_alphanumeric() || x >= 0x80 || matches!(x, b'@' | b'$' | b'!');
    let sep = |x: u8| SPACED_SEPARATORS.iter().any(|&s| s as u8 == x);
    let mut singles = 0;
    let mut i = 0;
    while i < b.len() {
        // A one-character token (a letter, or one multi-byte character) between separators.
        let start = i;
        if letterish(b[i]) {
            i += 1;
            while i < b.len() && b[i] >= 0x80 && b[i] < 0xC0 {
                i += 1; // continuation bytes of the same character
            }
            let before_ok = start == 0 || !letterish(b[start - 1]);
            let after_sep = i < b.len() && sep(b[i]);
            let after_end = i == b.len() || !letterish(b[i]);
            if before_ok && after_end {
                singles += 1;
                if singles >= 4 {
                    return true;
                }
                if after_sep {
                    i += 1;
                    continue;
                }
            }
            singles = 0;
            while i < b.len() && letterish(b[i]) {
                i += 1;
            }
        } else {
            if !(sep(b[i]) && singles > 0 && i > 0 && letterish(b[i - 1])) {
                singles = 0;
            }
            i += 1;
        }
    }
    false
}

/// Byte offsets of separators inside spaced-out words (`w a c h t`, `w.a.c.h.t`):
/// runs of at least four single letters joined by one and the same separator.
fn spaced_out_separators(norm: &str) -> Vec<usize> {
    #[derive(Default)]
    struct Run {
        letters: usize,
        separators: Vec<usize>,
        separator: Option<char>,
        pending: Option<usize>,
        last_letter_end: usize,
    }
    impl Run {
        fn flush(&mut self, out: &mut Vec<usize>) {
            if self.letters >= 4 {
                out.append(&mut self.separators);
            }
            *self = Run::default();
        }
    }

    let mut out = Vec::new();
    if !has_spaced_candidate(norm.as_bytes()) {
        return out;
    }
    let mut run = Run::default();
    let mut prev: Option<char> = None;
    let mut chars = norm.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let letterish = |c: char| c.is_alphanumeric() || unleet(c).is_some();
        let single = letterish(c) && !prev.is_some_and(letterish) && !next.is_some_and(letterish);
        if single {
            match run.pending {
                Some(p) if p + 1 == at => {
                    run.separators.push(p);
                    run.letters += 1;
                }
                _ => {
                    run.flush(&mut out);
                    run.letters = 1;
                }
            }
            run.pending = None;
            run.last_letter_end = at + c.len_utf8();
        } else if SPACED_SEPARATORS.contains(&c)
            && run.letters > 0
            && run.pending.is_none()
            && run.last_letter_end == at
            && run.separator.is_none_or(|s| s == c)
        {
            run.separator = Some(c);
            run.pending = Some(at);
        } else {
            run.flush(&mut out);
        }
        prev = Some(c);
    }
    run.flush(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    fn keys(s: &str) -> String {
        keys_view(&normalize(s).text).text
    }

    #[test]
    fn drops_invisible_and_folds_spaces() {
        assert_eq!(norm("s\u{200B}l\u{200D}e\u{00AD}t"), "slet");
        assert_eq!(norm("06\u{00A0}12\u{2009}34"), "06 12 34");
    }

    #[test]
    fn folds_width_math_lookalikes_and_case() {
        assert_eq!(norm("ＷＡＣＨＴＷＯＯＲＤ １２３"), "wachtwoord 123");
        assert_eq!(norm("𝐩𝐚𝐬𝐰𝐨𝐨𝐫𝐝 𝟕"), "paswoord 7");
        assert_eq!(norm("wасhtwооrd"), "wachtwoord"); // Cyrillic а, с, о
        assert_eq!(norm("’t Kind – Émile"), "'t kind - émile");
    }

    #[test]
    fn keys_undo_leet_and_spacing() {
        assert_eq!(keys("w@chtw00rd: Tulp12"), "wachtwoord: tulpi2");
        assert_eq!(keys("het w a c h t w o o r d is"), "het wachtwoord is");
        assert_eq!(keys("p.a.s.w.o.o.r.d"), "paswoord");
        assert_eq!(keys("bel 06-12345678 of a b"), "bel 06-12345678 of a b");
        assert_eq!(keys("groep 3B en e-mail"), "groep 3b en e-mail");
    }

    #[test]
    fn maps_point_back_at_the_original() {
        let original = "Het W\u{200B}achtwoord is Ｔｕｌｐ";
        let v = normalize(original);
        let at = v.text.find("wachtwoord").unwrap();
        let r = v.map.range(at..at + "wachtwoord".len());
        assert_eq!(&original[r], "W\u{200B}achtwoord");
        let at = v.text.find("tulp").unwrap();
        let r = v.map.range(at..at + 4);
        assert_eq!(&original[r], "Ｔｕｌｐ");
    }
}
