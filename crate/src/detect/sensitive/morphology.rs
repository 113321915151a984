//! Word forms and compound parts, so a lexicon can list a word once.
//!
//! Dutch writes plurals, diminutives and inflected adjectives as one word
//! (`allergieën`, `pilletje`, `depressieve`) and glues nouns into compounds
//! (`astmapatiënt`, `echtscheidingsprocedure`, `kinderpsycholoog`). The
//! lexicon lists the base word; [`forms`] spells out the regular forms (a
//! little over-generation is harmless: the forms are only looked for), and
//! [`role`] decides whether a form found inside a longer word is a real part
//! of a compound or an accidental substring (`ass` in `klassen`).

/// Where a lexicon form sits in the word of the draft it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The whole word (`astma`).
    Whole,
    /// The first part of a compound (`astma` in `astmapatiënt`).
    Modifier,
    /// The last part of a compound (`kanker` in `borstkanker`).
    Head,
    /// Inside a compound (`scheiding` in `echtscheidingsprocedure`).
    Middle,
}

/// A compound part on either side of a form must be at least this long, in bytes.
pub const MIN_PART: usize = 3;
/// A form may start a compound (modifier) from this length on, in bytes.
pub const MIN_MODIFIER: usize = 4;
/// A form may end a compound (head) from this length on, in bytes.
pub const MIN_HEAD: usize = 5;
/// A form may sit inside a compound from this length on, in bytes.
pub const MIN_MIDDLE: usize = 6;

/// The role of a form (of a word whose base form is `form_len` bytes) found
/// `pre` bytes into a word with `post` bytes after it, or `None` for an
/// accidental substring (`rouwen` in `vertrouwen` is measured as `rouw`).
pub fn role(form_len: usize, pre: usize, post: usize) -> Option<Role> {
    match (pre, post) {
        (0, 0) => Some(Role::Whole),
        (0, p) if p >= MIN_PART && form_len >= MIN_MODIFIER => Some(Role::Modifier),
        (b, 0) if b >= MIN_PART && form_len >= MIN_HEAD => Some(Role::Head),
        (b, p) if b >= MIN_PART && p >= MIN_PART && form_len >= MIN_MIDDLE => Some(Role::Middle),
        _ => None,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'á'
            | 'à'
            | 'â'
            | 'ä'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'í'
            | 'ï'
            | 'ó'
            | 'ö'
            | 'ú'
            | 'ü'
    )
}

const LONG_VOWELS: [&str; 12] = [
    "aa", "ee", "oo", "uu", "ie", "oe", "ui", "ei", "ij", "eu", "ou", "au",
];

/// Adds the form spelled by `parts` unless it is empty or already there;
/// compares before it allocates (building the lexicons makes ~30,000 forms).
fn add(out: &mut Vec<String>, parts: &[&str]) {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let same = |f: &String| {
        let mut rest = f.as_str();
        f.len() == len
            && parts.iter().all(|p| match rest.strip_prefix(p) {
                Some(r) => {
                    rest = r;
                    true
                }
                None => false,
            })
    };
    if len == 0 || out.iter().any(same) {
        return;
    }
    let mut s = String::with_capacity(len);
    for p in parts {
        s.push_str(p);
    }
    out.push(s);
}

/// The regular forms of a lexicon word, the word itself first: plurals
/// (`-en`, `-s`, `-'s`, `-ën`, English `-ies`), diminutives (`-je`, `-tje`,
/// `-pje`, `-etje` and their plurals) and the inflected adjective (`-e`),
/// with Dutch spelling rules (vowel doubling undone, consonant doubled,
/// `f`→`v`, `s`→`z`). Words with digits or of fewer than three letters are
/// returned as they are.
pub fn forms(base: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(12);
    out.push(base.to_string());
    let chars: Vec<char> = base.chars().collect();
    let n = chars.len();
    if n < 3 || chars.iter().any(|c| !c.is_alphabetic() && *c != '\'') {
        if n >= 2 && chars.iter().all(|c| c.is_alphanumeric()) {
            add(&mut out, &[base, "'s"]);
            add(&mut out, &[base, "s"]);
        }
        return out;
    }
    let last = chars[n - 1];
    let prev = chars[n - 2];
    let stem_of = |k: usize| chars[..n - k].iter().collect::<String>();

    if is_vowel(last) {
        if base.ends_with("ie") || base.ends_with("ee") {
            // allergie → allergieën (also typed without the diaeresis), therapieën
            add(&mut out, &[base, "ën"]);
            add(&mut out, &[base, "en"]);
            add(&mut out, &[base, "s"]);
        } else if last == 'e' {
            // ziekte → ziekten, ziektes; diagnose → diagnoses
            add(&mut out, &[base, "n"]);
            add(&mut out, &[base, "s"]);
        } else if last == 'y' && !is_vowel(prev) {
            // English: allergy → allergies
            add(&mut out, &[&stem_of(1), "ies"]);
            add(&mut out, &[base, "s"]);
        } else {
            // astma → astma's, chemo → chemo's
            add(&mut out, &[base, "'s"]);
            add(&mut out, &[base, "s"]);
        }
        add(&mut out, &[base, "tje"]);
        add(&mut out, &[base, "tjes"]);
        return out;
    }

    // Consonant ending.
    let schwa = ["el", "em", "en", "er", "je"]
        .iter()
        .any(|e| base.ends_with(e) && n > 3);
    add(&mut out, &[base, "s"]);
    if matches!(last, 's' | 'x') || base.ends_with("ch") || base.ends_with("sh") {
        add(&mut out, &[base, "es"]);
    }
    if schwa {
        // puffer → puffers, puffertje; zwanger → zwangere
        add(&mut out, &[base, "e"]);
        add(&mut out, &[base, "en"]);
        let dim = if last == 'm' { "pje" } else { "tje" };
        add(&mut out, &[base, dim]);
        add(&mut out, &[base, dim, "s"]);
        return out;
    }

    // The stem before -en/-e, with Dutch spelling rules.
    let before_last: String = chars[..n - 1].iter().collect();
    let long = LONG_VOWELS.iter().any(|v| before_last.ends_with(v));
    let double_vowel = n >= 3 && chars[n - 2] == chars[n - 3] && is_vowel(chars[n - 2]);
    let short_single = is_vowel(prev) && n >= 3 && !is_vowel(chars[n - 3]) && !long;
    let mut stem = base.to_string();
    if double_vowel {
        // psycholoog → psycholog-en, marokkaan → marokkan-en, been → ben-en (harmless)
        let mut s: String = chars[..n - 2].iter().collect();
        s.push(last);
        stem = s;
    }
    let mut last_stem = last;
    if long || double_vowel {
        // brief → brieven, huis → huizen, depressief → depressieve
        if last == 'f' {
            stem.pop();
            stem.push('v');
            last_stem = 'v';
        } else if last == 's' {
            stem.pop();
            stem.push('z');
            last_stem = 'z';
        }
    } else if short_single && !matches!(last, 'w' | 'x' | 'y' | 'h' | 'j') {
        // pil → pillen, kop → koppen
        stem.push(last);
    }
    add(&mut out, &[&stem, "en"]);
    add(&mut out, &[&stem, "e"]);
    if last_stem != last {
        // also the unchanged spelling people type (agressiefe is wrong but seen)
        add(&mut out, &[base, "en"]);
    }
    // Diminutives.
    let mut last_buf = [0u8; 4];
    let last_str: &str = last.encode_utf8(&mut last_buf);
    let liquid = matches!(last, 'l' | 'n' | 'r');
    if short_single && (liquid || last == 'm') {
        // pil → pilletje, kam → kammetje
        add(&mut out, &[base, last_str, "etje"]);
        add(&mut out, &[base, last_str, "etjes"]);
    } else if base.ends_with("ng") {
        add(&mut out, &[base, "etje"]);
        add(&mut out, &[base, "etjes"]);
    } else if last == 'm' {
        add(&mut out, &[base, "pje"]);
        add(&mut out, &[base, "pjes"]);
    } else if liquid && (long || double_vowel || is_vowel(prev)) {
        add(&mut out, &[base, "tje"]);
        add(&mut out, &[base, "tjes"]);
    } else {
        add(&mut out, &[base, "je"]);
        add(&mut out, &[base, "jes"]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(base: &str, form: &str) -> bool {
        forms(base).iter().any(|f| f == form)
    }

    #[test]
    fn dutch_plurals_and_diminutives() {
        assert!(has("allergie", "allergieën"));
        assert!(has("allergie", "allergieen"));
        assert!(has("psycholoog", "psychologen"));
        assert!(has("marokkaan", "marokkanen"));
        assert!(has("marokkaan", "marokkaantjes"));
        assert!(has("pil", "pillen"));
        assert!(has("pil", "pilletje"));
        assert!(has("depressief", "depressieve"));
        assert!(has("ziekenhuis", "ziekenhuizen"));
        assert!(has("kont", "kontje"));
        assert!(has("arm", "armpje"));
        assert!(has("puffer", "puffers"));
        assert!(has("zwanger", "zwangere"));
        assert!(has("astma", "astma's"));
        assert!(has("scheiding", "scheidingen"));
        assert!(has("diabetespatiënt", "diabetespatiëntje"));
        assert!(has("allergy", "allergies"));
        assert!(has("ADD", "ADD"));
        assert_eq!(forms("adhd")[0], "adhd");
    }

    #[test]
    fn compound_roles() {
        assert_eq!(role(5, 0, 0), Some(Role::Whole));
        assert_eq!(role(5, 0, 7), Some(Role::Modifier)); // astma|patiënt
        assert_eq!(role(6, 5, 0), Some(Role::Head)); // borst|kanker
        assert_eq!(role(9, 4, 10), Some(Role::Middle)); // echt|scheiding|sprocedure
        assert_eq!(role(3, 2, 2), None); // kl|ass|en
        assert_eq!(role(3, 0, 4), None); // add|ress: too short to be a modifier
        assert_eq!(role(4, 4, 2), None); // vert|rouw|en
    }
}
