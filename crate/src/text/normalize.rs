//! Normalisation: what people (and autocorrect) do to text, undone before matching.
//!
//! Two views of the draft are built, each with an [`OffsetMap`] back to the
//! original, so every finding points at the text the user actually typed:
//!
//! * `norm`: HTML character references pasted as text decoded (`&#119;`, `&amp;`,
//!   `&nbsp;`), invisible characters dropped (zero-width, soft hyphen, bidi marks),
//!   odd spaces folded to a plain space and odd line separators to `\n`,
//!   full-width, mathematical, circled, squared and small-capital letters and
//!   digits folded to ASCII, Cyrillic/Greek look-alikes folded to Latin,
//!   ligatures (`ĳ`, `ﬁ`) spelled out, decomposed accents composed (`e` + U+0308
//!   → `ë`) and other combining marks (strike-through, "zalgo") dropped with
//!   their base letter keeping them in its span, dashes and quotes unified,
//!   then lower-cased. Values (numbers, passwords) are read here.
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
    /// Ligatures spelled out (`ĳ` → `ij`, `ﬁ` → `fi`).
    Str(&'static str),
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

/// Combining marks that decorate the letter before them (accents typed
/// decomposed, strike-through and "zalgo" text). Not U+034F (invisible).
fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{034E}' | '\u{0350}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// A base letter and a combining accent as one precomposed letter, for the
/// accents Dutch, French and German names and words use.
fn compose(base: char, mark: char) -> Option<char> {
    let (bases, composed) = match mark {
        '\u{0300}' => ("AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
        '\u{0301}' => ("AEIOUYCNaeiouycn", "ÁÉÍÓÚÝĆŃáéíóúýćń"),
        '\u{0302}' => ("AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
        '\u{0303}' => ("ANOano", "ÃÑÕãñõ"),
        '\u{0308}' => ("AEIOUYaeiouy", "ÄËÏÖÜŸäëïöüÿ"),
        '\u{030A}' => ("Aa", "Åå"),
        '\u{0327}' => ("Cc", "Çç"),
        _ => return None,
    };
    let i = bases.chars().position(|b| b == base)?;
    composed.chars().nth(i)
}

/// Mathematical alphanumeric symbols (U+1D400–U+1D7FF) and the letter-like
/// symbols that fill the holes of their alphabets (ℎ, ℬ, ℯ …) to ASCII.
fn fold_math(c: char) -> Option<char> {
    let cp = c as u32;
    match cp {
        0x1D400..=0x1D6A3 => {
            let i = (cp - 0x1D400) % 52;
            let base = if i < 26 { b'A' } else { b'a' };
            Some((base + (i % 26) as u8) as char)
        }
        0x1D7CE..=0x1D7FF => Some((b'0' + ((cp - 0x1D7CE) % 10) as u8) as char),
        _ => Some(match c {
            'ℂ' | 'ℭ' => 'C',
            'ℊ' => 'g',
            'ℋ' | 'ℌ' | 'ℍ' => 'H',
            'ℎ' => 'h',
            'ℐ' | 'ℑ' => 'I',
            'ℒ' => 'L',
            'ℓ' => 'l',
            'ℕ' => 'N',
            'ℙ' => 'P',
            'ℚ' => 'Q',
            'ℛ' | 'ℜ' | 'ℝ' => 'R',
            'ℤ' | 'ℨ' => 'Z',
            'ℬ' => 'B',
            'ℯ' => 'e',
            'ℰ' => 'E',
            'ℱ' => 'F',
            'ℳ' => 'M',
            'ℴ' => 'o',
            _ => return None,
        }),
    }
}

/// Enclosed and small-capital letters from "fancy text" generators:
/// Ⓐ ⓐ ⒜ 🄰 🅐 🅰, circled digits ⓪ ①–⑨, and small capitals (ᴀ ʙ ᴄ …).
fn fold_enclosed(c: char) -> Option<char> {
    let cp = c as u32;
    let letter = |i: u32| char::from_u32('a' as u32 + i);
    match cp {
        0x24B6..=0x24CF => letter(cp - 0x24B6),
        0x24D0..=0x24E9 => letter(cp - 0x24D0),
        0x249C..=0x24B5 => letter(cp - 0x249C),
        0x1F130..=0x1F149 => letter(cp - 0x1F130),
        0x1F150..=0x1F169 => letter(cp - 0x1F150),
        0x1F170..=0x1F189 => letter(cp - 0x1F170),
        0x24EA => Some('0'),
        0x2460..=0x2468 => char::from_u32('1' as u32 + (cp - 0x2460)),
        _ => Some(match c {
            'ᴀ' | 'ɑ' => 'a',
            'ʙ' => 'b',
            'ᴄ' => 'c',
            'ᴅ' => 'd',
            'ᴇ' => 'e',
            'ꜰ' => 'f',
            'ɢ' | 'ɡ' => 'g',
            'ʜ' => 'h',
            'ɪ' => 'i',
            'ᴊ' => 'j',
            'ᴋ' => 'k',
            'ʟ' => 'l',
            'ᴍ' => 'm',
            'ɴ' => 'n',
            'ᴏ' => 'o',
            'ᴘ' => 'p',
            'ʀ' => 'r',
            'ꜱ' => 's',
            'ᴛ' => 't',
            'ᴜ' => 'u',
            'ᴠ' => 'v',
            'ᴡ' => 'w',
            'ʏ' => 'y',
            'ᴢ' => 'z',
            _ => return None,
        }),
    }
}

/// Cyrillic and Greek letters that look like Latin ones, as used to slip past
/// filters, and the Turkish dotted and dotless i (so `İ` does not lower-case
/// to `i` + a combining dot).
fn fold_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'В' | 'Β' | 'в' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ε' | 'Ε' => 'e',
        'Н' | 'Η' | 'һ' => 'h',
        'і' | 'І' | 'ι' | 'Ι' | 'ı' | 'İ' => 'i',
        'ј' | 'Ј' | 'ϳ' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'ӏ' => 'l',
        'М' | 'Μ' => 'm',
        'Ν' | 'η' => 'n',
        'о' | 'О' | 'ο' | 'Ο' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' | 'Ѕ' => 's',
        'Т' | 'τ' | 'Τ' => 't',
        'υ' => 'u',
        'ν' | 'ѵ' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' | 'Υ' => 'y',
        'Ζ' => 'z',
        _ => return None,
    })
}

fn fold(c: char) -> Fold {
    // ASCII and the Latin-1 letters (é, ë, ç …) have nothing to fold.
    if c.is_ascii() || ('\u{00C0}'..='\u{00FF}').contains(&c) {
        return Fold::Char(c);
    }
    if is_invisible(c) || is_combining(c) {
        return Fold::Drop;
    }
    if is_odd_space(c) {
        return Fold::Char(' ');
    }
    let cp = c as u32;
    if (0xFF01..=0xFF5E).contains(&cp) {
        return Fold::Char(char::from_u32(cp - 0xFEE0).unwrap_or(c));
    }
    if let Some(a) = fold_math(c)
        .or_else(|| fold_lookalike(c))
        .or_else(|| fold_enclosed(c))
    {
        return Fold::Char(a);
    }
    match c {
        'ĳ' | 'Ĳ' => return Fold::Str("ij"),
        'ﬀ' => return Fold::Str("ff"),
        'ﬁ' => return Fold::Str("fi"),
        'ﬂ' => return Fold::Str("fl"),
        'ﬃ' => return Fold::Str("ffi"),
        'ﬄ' => return Fold::Str("ffl"),
        'ﬅ' | 'ﬆ' => return Fold::Str("st"),
        _ => {}
    }
    Fold::Char(match c {
        '\u{2010}'..='\u{2015}' | '\u{2043}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
        '\u{0085}' | '\u{2028}' | '\u{2029}' => '\n',
        _ => c,
    })
}

/// Named character references decoded when pasted as text: the ones that
/// turn up in text copied out of HTML (spaces, quotes, dashes, invisible
/// characters) and the accented letters of Dutch, French and German.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" | "NonBreakingSpace" => '\u{00A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "hairsp" => '\u{200A}',
        "shy" => '\u{00AD}',
        "zwsp" | "ZeroWidthSpace" => '\u{200B}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "NoBreak" => '\u{2060}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "minus" => '\u{2212}',
        "hyphen" | "dash" => '\u{2010}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "sbquo" => '\u{201A}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "bdquo" => '\u{201E}',
        "hellip" => '…',
        "euro" => '€',
        "commat" => '@',
        "num" => '#',
        "dollar" => '$',
        "excl" => '!',
        "period" => '.',
        "colon" => ':',
        "sol" => '/',
        "lowbar" => '_',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Auml" => 'Ä',
        "Aring" => 'Å',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Euml" => 'Ë',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Icirc" => 'Î',
        "Iuml" => 'Ï',
        "Ntilde" => 'Ñ',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Ouml" => 'Ö',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Ucirc" => 'Û',
        "Uuml" => 'Ü',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "auml" => 'ä',
        "aring" => 'å',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yuml" => 'ÿ',
        "szlig" => 'ß',
        "IJlig" => 'Ĳ',
        "ijlig" => 'ĳ',
        _ => return None,
    })
}

/// The body of one character reference after its `&` (`#119;`, `#x77;`,
/// `eacute;`): the character and the body's length in bytes. The semicolon is
/// required, so `R&D` and `A&B;` stay as typed.
fn entity_body(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, digits_at) = match b.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let max = if hex { 6 } else { 7 };
        let n = b[digits_at..]
            .iter()
            .take(max + 1)
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if n == 0 || n > max || b.get(digits_at + n) != Some(&b';') {
            return None;
        }
        let cp =
            u32::from_str_radix(&s[digits_at..digits_at + n], if hex { 16 } else { 10 }).ok()?;
        let c = char::from_u32(cp).filter(|&c| c != '\0')?;
        return Some((c, digits_at + n + 1));
    }
    let n = b
        .iter()
        .take(17)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if n == 0 || n > 16 || b.get(n) != Some(&b';') {
        return None;
    }
    Some((named_entity(&s[..n])?, n + 1))
}

/// A character reference at the start of `s` (`&#119;`, `&eacute;`), and
/// double-escaped ones (`&amp;#119;`, `&amp;nbsp;`, as a second round of
/// escaping leaves them) up to a few levels deep, so the work per character
/// stays bounded: the character and the reference's length in bytes.
pub(crate) fn decode_entity(s: &str) -> Option<(char, usize)> {
    let rest = s.strip_prefix('&')?;
    let (mut c, body) = entity_body(rest)?;
    let mut len = 1 + body;
    for _ in 0..3 {
        match entity_body(&s[len..]) {
            Some((inner, l)) if c == '&' => {
                c = inner;
                len += l;
            }
            _ => break,
        }
    }
    Some((c, len))
}

fn push_folded(text: &mut String, c: char) {
    match fold(c) {
        Fold::Drop => {}
        Fold::Char(f) => {
            if f.is_ascii() {
                text.push(f.to_ascii_lowercase());
            } else if ('\u{00C0}'..='\u{00DE}').contains(&f) && f != '\u{00D7}' {
                // Latin-1 capitals lower-case 32 code points up (É → é).
                text.push(char::from_u32(f as u32 + 32).unwrap_or(f));
            } else {
                text.extend(f.to_lowercase());
            }
        }
        Fold::Str(s) => text.push_str(s),
    }
}

/// Length of the run of bytes at the start of `bytes` that are only
/// lower-cased: ASCII, not `&`, and not followed by a combining mark (those
/// are never ASCII).
fn plain_ascii_run(bytes: &[u8]) -> usize {
    match bytes.iter().position(|&b| !b.is_ascii() || b == b'&') {
        Some(stop) if bytes[stop] == b'&' => stop,
        // The last ASCII byte before a non-ASCII one may carry a mark.
        Some(stop) => stop.saturating_sub(1),
        None => bytes.len(),
    }
}

/// Builds the `norm` view of `original`.
///
/// Each step reads one *unit* of the original — a character, or a character
/// reference such as `&#119;` — plus the combining marks that follow it, and
/// records the whole unit in the map, so a range over the folded text always
/// widens to whole references and whole letters-with-marks in the original.
pub fn normalize(original: &str) -> View {
    let mut text = String::with_capacity(original.len());
    let mut map = OffsetMap::new();
    let bytes = original.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Fast path: an ASCII character that is not `&` and is not followed by
        // a combining mark (those are never ASCII) is only lower-cased.
        let run = plain_ascii_run(&bytes[at..]);
        if run > 0 {
            let view_at = text.len();
            text.push_str(&original[at..at + run]);
            text[view_at..].make_ascii_lowercase();
            // The same map points as one push per byte: the first byte may
            // break the identity, the rest of the run then follows it.
            map.push(view_at, 1, at, 1);
            map.push(view_at + 1, run - 1, at + 1, run - 1);
            at += run;
            continue;
        }
        let Some(first) = original[at..].chars().next() else {
            break;
        };
        let (mut c, mut len) = if first == '&' {
            decode_entity(&original[at..]).unwrap_or(('&', 1))
        } else {
            (first, first.len_utf8())
        };
        // Combining marks after a visible letter: compose the first if it can,
        // drop the rest, and keep them all in the letter's span.
        if !is_combining(c) {
            let mut composed = false;
            while let Some(m) = original[at + len..]
                .chars()
                .next()
                .filter(|&m| is_combining(m))
            {
                if !composed {
                    if let Some(p) = compose(c, m) {
                        c = p;
                    }
                    composed = true;
                }
                len += m.len_utf8();
            }
        }
        let view_at = text.len();
        push_folded(&mut text, c);
        map.push(view_at, text.len() - view_at, at, len);
        at += len;
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

/// What people put between spaced-out letters (`w a c h t`, `w.a.c.h.t`, `w·a·c·h·t`).
const SPACED_SEPARATORS: [char; 11] = [' ', '.', '-', '_', '*', '/', '|', '+', '~', '·', '•'];

/// Builds the `keys` view of a `norm` text; its map points into `norm`.
/// First spaced-out letters are joined, then leetspeak is undone in place
/// (every leet replacement is ASCII for ASCII, so offsets do not move).
pub fn keys_view(norm: &str) -> View {
    let dropped = spaced_out_separators(norm);
    let mut map = OffsetMap::new();
    let mut bytes = Vec::with_capacity(norm.len());
    // Copy the text between dropped separators (each one ASCII, one byte);
    // the map needs a point only at each drop.
    let mut from = 0;
    for &d in &dropped {
        bytes.extend_from_slice(&norm.as_bytes()[from..d]);
        map.push(bytes.len(), 0, d, 1);
        from = d + 1;
    }
    bytes.extend_from_slice(&norm.as_bytes()[from..]);
    // Only a token (up to white space) that holds a leet character can
    // change: jump from one such character to the next.
    let is_leet = |b: &u8| unleet(*b as char).is_some();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(is_leet) {
        let at = from + i;
        let start = bytes[..at]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |w| w + 1);
        let end = bytes[at..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |w| at + w);
        unleet_token(&mut bytes[start..end]);
        from = end;
    }
    let text = String::from_utf8(bytes).expect("ASCII-for-ASCII replacement keeps UTF-8 valid");
    View { text, map }
}

/// Undoes leetspeak in a token (up to white space) that reads as leetspeak.
fn unleet_token(token: &mut [u8]) {
    // Punctuation around a word is punctuation, not leet: `gepest!`,
    // `ADHD!!`, `@lotte` keep their `!` and `@`; only the word inside is read.
    let core_start = token
        .iter()
        .position(|b| !b.is_ascii_punctuation())
        .unwrap_or(token.len());
    let core_end = token[core_start..]
        .iter()
        .rposition(|b| !b.is_ascii_punctuation())
        .map_or(core_start, |i| core_start + i + 1);
    let core = &mut token[core_start..core_end];
    if core.iter().any(|&b| unleet(b as char).is_some())
        && token_wants_unleet(std::str::from_utf8(core).unwrap_or(""))
    {
        for b in core.iter_mut() {
            if let Some(l) = unleet(*b as char) {
                *b = l as u8;
            }
        }
    }
}

/// A token (up to the next whitespace) is read as leetspeak when it mixes
/// letters with leet characters and has at least three letters: `w@chtw00rd`,
/// `p4ssw0rd`, not `06-12345678`, `3B` or `e-mail`.
fn token_wants_unleet(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let leet = token.chars().filter(|&c| unleet(c).is_some()).count();
    letters >= 3 && leet >= 1 && letters >= leet
}

/// Byte offsets of separators inside spaced-out words (`w a c h t`,
/// `w.a.c.h.t`, `w. a. c. h. t`, `w  a  c  h  t`): runs of at least four
/// single letters joined by one and the same separator of one to three
/// characters. Every byte of a separator is listed, in order.
fn spaced_out_separators(norm: &str) -> Vec<usize> {
    let letterish = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric() || unleet(c).is_some()
        } else {
            c.is_alphanumeric()
        }
    };
    let is_separator = |gap: &str| {
        !gap.is_empty()
            && gap.len() <= 3 * 3
            && gap.chars().count() <= 3
            && gap.chars().all(|c| SPACED_SEPARATORS.contains(&c))
    };
    let mut out = Vec::new();
    // The current run: its letter count, its separators, and the first one
    // (every later separator must be the same).
    let mut letters = 0usize;
    let mut gaps: Vec<std::ops::Range<usize>> = Vec::new();
    let mut last_end = 0usize;
    let flush = |letters: usize, gaps: &mut Vec<std::ops::Range<usize>>, out: &mut Vec<usize>| {
        if letters >= 4 {
            for g in gaps.iter() {
                out.extend(g.clone());
            }
        }
        gaps.clear();
    };
    // Whether the previous, the current and the next character are letterish,
    // each judged once.
    let mut prev_l = false;
    let mut chars = CharIndices { s: norm, at: 0 };
    let mut current = chars.next();
    let mut current_l = current.is_some_and(|(_, c)| letterish(c));
    while let Some((at, c)) = current {
        let next = chars.next();
        let next_l = next.is_some_and(|(_, n)| letterish(n));
        if current_l && !prev_l && !next_l {
            let gap = &norm[last_end..at];
            let same = gaps.first().is_none_or(|g| &norm[g.clone()] == gap);
            if letters > 0 && same && is_separator(gap) {
                gaps.push(last_end..at);
                letters += 1;
            } else {
                flush(letters, &mut gaps, &mut out);
                letters = 1;
            }
            last_end = at + c.len_utf8();
        }
        prev_l = current_l;
        current = next;
        current_l = next_l;
    }
    flush(letters, &mut gaps, &mut out);
    out
}

/// `str::char_indices` with a one-byte step for ASCII, the common case.
struct CharIndices<'a> {
    s: &'a str,
    at: usize,
}

impl Iterator for CharIndices<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        let at = self.at;
        let b = *self.s.as_bytes().get(at)?;
        let c = if b.is_ascii() {
            b as char
        } else {
            self.s[at..].chars().next()?
        };
        self.at += c.len_utf8();
        Some((at, c))
    }
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
        assert_eq!(keys("w  a  c  h  t  w  o  o  r  d: x"), "wachtwoord: x");
        assert_eq!(keys("w. a. c. h. t. w. o. o. r. d."), "wachtwoord.");
        assert_eq!(keys("g - e - p - e - s - t"), "gepest");
        assert_eq!(keys("w·a·c·h·t"), "wacht");
        // Mixed separators, three letters, or long gaps stay as typed.
        assert_eq!(keys("w a.c h"), "w a.c h");
        assert_eq!(keys("a b c en d"), "a b c en d");
        assert_eq!(keys("x    y    z    w"), "x    y    z    w");
        assert_eq!(keys("bel 06-12345678 of a b"), "bel 06-12345678 of a b");
        assert_eq!(keys("groep 3B en e-mail"), "groep 3b en e-mail");
        // Punctuation around a word stays punctuation.
        assert_eq!(
            keys("Emma heeft ADHD! Gepest!!"),
            "emma heeft adhd! gepest!!"
        );
        assert_eq!(
            keys("@lotte.devries en k@nk3r!"),
            "@lotte.devries en kanker!"
        );
        assert_eq!(keys("(p@$$w0rd)"), "(password)");
    }

    #[test]
    fn lower_cases_latin_1_like_the_standard_library() {
        for c in '\u{00C0}'..='\u{00FF}' {
            let s = c.to_string();
            assert_eq!(norm(&s), s.to_lowercase(), "{c:?}");
        }
    }

    #[test]
    fn decodes_character_references_pasted_as_text() {
        assert_eq!(norm("&#119;achtwoord"), "wachtwoord");
        assert_eq!(norm("&#x57;ACHTWOORD"), "wachtwoord");
        assert_eq!(norm("Tom&nbsp;&amp;&nbsp;Jerry"), "tom & jerry");
        assert_eq!(norm("w&shy;acht&#8203;woord"), "wachtwoord");
        assert_eq!(norm("co&ouml;rdinator &euml;"), "coördinator ë");
        // Escaped twice, as a second round of escaping leaves them.
        assert_eq!(norm("&amp;#119;acht&amp;nbsp;woord"), "wacht woord");
        assert_eq!(norm("&amp;amp;"), "&");
        // Not references: no semicolon, unknown names, out of range, NUL.
        assert_eq!(
            norm("R&D, A&B; &#119 &bogus; &#0; &#x110000; &;"),
            "r&d, a&b; &#119 &bogus; &#0; &#x110000; &;"
        );
        assert_eq!(norm("&#12345678;"), "&#12345678;");
        assert_eq!(norm("&"), "&");
        assert_eq!(norm("&#"), "&#");
    }

    #[test]
    fn reference_ranges_cover_the_whole_reference() {
        let original = "Het &#87;achtwoord: Tulp&amp;Roos";
        let v = normalize(original);
        let at = v.text.find("wachtwoord").unwrap();
        let r = v.map.range(at..at + "wachtwoord".len());
        assert_eq!(&original[r], "&#87;achtwoord");
        let at = v.text.find("tulp&roos").unwrap();
        let r = v.map.range(at..at + "tulp&roos".len());
        assert_eq!(&original[r], "Tulp&amp;Roos");
        // A range that starts or ends inside the decoded character widens to all of it.
        let amp = v.text.find('&').unwrap();
        assert_eq!(&original[v.map.range(amp..amp + 1)], "&amp;");
    }

    #[test]
    fn composes_accents_and_drops_other_marks() {
        assert_eq!(norm("financie\u{0308}le"), "financiële");
        assert_eq!(norm("Zoe\u{0308}"), "zoë");
        // Strike-through and zalgo marks vanish with their letter's span.
        let original = "w\u{0336}a\u{0336}c\u{0336}h\u{0336}t\u{0336}woord";
        let v = normalize(original);
        assert_eq!(v.text, "wachtwoord");
        assert_eq!(&original[v.map.range(0..v.text.len())], original);
        assert_eq!(&original[v.map.range(0..1)], "w\u{0336}");
        assert_eq!(norm("e\u{0301}\u{0336}"), "é");
        // A mark with no letter before it is dropped.
        assert_eq!(norm("\u{0301}ok"), "ok");
    }

    #[test]
    fn folds_fancy_text_ligatures_and_turkish_i() {
        assert_eq!(norm("ⓦⓐⓒⓗⓣⓦⓞⓞⓡⓓ"), "wachtwoord");
        assert_eq!(norm("🅆🄰🄲🄷🅃"), "wacht");
        assert_eq!(norm("🅦🅐🅒🅗🅣"), "wacht");
        assert_eq!(norm("ᴡᴀᴄʜᴛᴡᴏᴏʀᴅ"), "wachtwoord");
        assert_eq!(norm("𝑤𝑎𝑐ℎ𝑡"), "wacht");
        assert_eq!(norm("①②③"), "123");
        assert_eq!(norm("ﬁnanciële bĳstand"), "financiële bijstand");
        assert_eq!(norm("İlayda Aydın"), "ilayda aydin");
        assert_eq!(norm("a\u{2028}b\u{2029}c"), "a\nb\nc");
    }

    /// Text made of what the normaliser treats specially, mixed with anything.
    #[cfg(not(target_arch = "wasm32"))]
    fn tricky() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("&amp;".to_string()),
            Just("&#119;".to_string()),
            Just("&#x57;".to_string()),
            Just("&nbsp;".to_string()),
            Just("&".to_string()),
            Just("#".to_string()),
            Just(";".to_string()),
            Just("amp".to_string()),
            Just("e\u{0301}".to_string()),
            Just("\u{0336}".to_string()),
            Just("\u{200B}\u{00AD}".to_string()),
            Just("ĳﬁİ".to_string()),
            Just("Ａ𝐀ⓐа".to_string()),
            Just("\u{2028}".to_string()),
            Just(" a b c d ".to_string()),
            Just("w@chtw00rd!".to_string()),
            "[a-zA-Z0-9 .!@&#;-]{0,6}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Normalising is streaming: the original cut where a `norm` character
        /// starts normalises to a prefix of `norm`, no longer than the cut.
        /// And every `norm` and `keys` range maps to character boundaries.
        #[test]
        fn prefixes_normalise_to_prefixes(s in tricky()) {
            let v = normalize(&s);
            let mut cuts: Vec<usize> = v.text.char_indices().map(|(b, _)| b).collect();
            cuts.push(v.text.len());
            for &b in &cuts {
                let mut o = v.map.start(b).min(s.len());
                while !s.is_char_boundary(o) {
                    o -= 1;
                }
                let p = normalize(&s[..o]).text;
                proptest::prop_assert!(p.len() <= b && v.text.starts_with(&p), "cut {} of {:?}: {:?} vs {:?}", b, s, p, v.text);
            }
            let doc = crate::text::Document::new(&s);
            for &a in &cuts {
                for &b in cuts.iter().filter(|&&b| b >= a).take(4) {
                    let r = doc.norm_to_original(a..b);
                    proptest::prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end) && r.start <= r.end);
                }
            }
            let kcuts: Vec<usize> = doc.keys.text.char_indices().map(|(b, _)| b).chain([doc.keys.text.len()]).collect();
            for (i, &a) in kcuts.iter().enumerate() {
                let b = kcuts[(i + 3).min(kcuts.len() - 1)];
                let r = doc.keys_to_original(a..b);
                proptest::prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end) && r.start <= r.end);
            }
        }
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
