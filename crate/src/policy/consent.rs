//! The consent register: minors whose parents said yes (or no) to being named
//! or pictured (R4). Matching and CSV import live here.
//!
//! Matching is forgiving about how a name is written (case, accents, extra
//! spaces, "Emma V." for "Emma Visser", a first name alone) but never takes
//! two different children for one: "Emma de Groot" does not match a register
//! entry "Emma Visser", and "Emma (6B)" does not match an "Emma" in class 4A.
//!
//! A first name alone ("Emma") with several Emmas in the register is
//! consented only when *every* Emma there consented: the scanner cannot tell
//! which child is meant, so one refusal among them makes it [`Consent::Refused`].

use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One row of the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentEntry {
    pub name: String,
    pub consent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
}

/// The register as a list of entries.
pub type ConsentRegister = Vec<ConsentEntry>;

/// What the register says about a named child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// Not in the register: an "untagged" minor.
    Unknown,
    /// Parents consented.
    Given,
    /// Parents explicitly refused.
    Refused,
}

/// Folds a name for matching: lower case, accents removed, `@` dropped,
/// runs of spaces, dots and underscores collapsed to one space.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_into(name, &mut out);
    let mut collapsed = String::with_capacity(out.len());
    for word in out.split(|c: char| c.is_whitespace() || c == '_') {
        if word.is_empty() {
            continue;
        }
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// Appends `s` lower-cased with accents and `@` removed (a character-level fold).
pub fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        if c.is_ascii() {
            if c != '@' {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        match fold_char(c) {
            Some(f) => out.push_str(f),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// Latin letters with diacritics (and a few ligatures) to plain ASCII.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            "a"
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
            "o"
        }
        'ř' | 'Ř' => "r",
        'ś' | 'ş' | 'š' | 'ș' | 'Ś' | 'Ş' | 'Š' | 'Ș' => "s",
        'ţ' | 'ť' | 'ț' | 'Ţ' | 'Ť' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        '\u{2019}' | '\u{2018}' | '`' | '´' => "'",
        _ => return None,
    })
}

/// Surname particles, left out when comparing surnames ("van der Berg" ~ "Berg").
const PARTICLES: [&str; 16] = [
    "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "vande", "vanden", "vander", "vd",
    "von", "la", "le",
];

/// A person's name split for matching.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameKey {
    /// Folded first name ("emma", "anne-sophie"), or a folded handle ("yara.dances").
    pub first: String,
    /// Folded surname without particles ("visser", "berg"); empty when none.
    pub surname: String,
    /// First letter of the surname as written, particles included ("van Dijk" → 'v').
    pub surname_initial: Option<char>,
    /// Whether the surname is only an initial ("Emma V.").
    pub initial_only: bool,
}

impl NameKey {
    /// Splits a name as written ("Emma van der Berg", "Emma V.", "@yara.dances").
    pub fn parse(name: &str) -> NameKey {
        let trimmed = name.trim();
        if let Some(handle) = trimmed.strip_prefix('@') {
            let mut first = String::new();
            fold_into(handle, &mut first);
            return NameKey {
                first,
                ..NameKey::default()
            };
        }
        // "Visser, Emma" and "Berg, Emma van der" as exported by administration systems.
        let reordered;
        let trimmed = match trimmed.split_once(',') {
            Some((last, first)) if !first.trim().is_empty() && !first.contains(',') => {
                let mut parts = first.split_whitespace();
                let given = parts.next().unwrap_or("");
                let particles: Vec<&str> = parts.collect();
                reordered = format!("{given} {} {}", particles.join(" "), last.trim());
                reordered.as_str()
            }
            _ => trimmed,
        };
        let folded = fold_name(trimmed);
        let mut words = folded.split(' ').filter(|w| !w.is_empty());
        let first = words.next().unwrap_or("").trim_matches('.').to_string();
        let rest: Vec<&str> = words.collect();
        let surname_initial = rest
            .first()
            .and_then(|w| w.chars().find(|c| c.is_alphanumeric()));
        // Particles and abbreviated particles ("v.", "v.d.") are left out of the core.
        let core: Vec<&str> = rest
            .iter()
            .copied()
            .filter(|w| !PARTICLES.contains(w))
            .map(|w| w.trim_matches('.'))
            .filter(|w| !w.is_empty() && !(rest.len() > 1 && (w.len() == 1 || *w == "v.d")))
            .collect();
        let initial_only = !rest.is_empty()
            && rest.len() <= 2
            && rest
                .iter()
                .all(|w| w.trim_matches('.').chars().count() <= 1 || PARTICLES.contains(w));
        let surname = if initial_only {
            String::new()
        } else {
            core.join(" ")
        };
        NameKey {
            first,
            surname,
            surname_initial,
            initial_only,
        }
    }

    fn has_surname(&self) -> bool {
        !self.surname.is_empty() || self.initial_only
    }

    /// Whether two written names can be the same child (first names equal,
    /// surnames equal where both are known, initials agreeing).
    fn compatible(&self, other: &NameKey) -> bool {
        if self.first != other.first {
            return false;
        }
        match (self.has_surname(), other.has_surname()) {
            (false, _) | (_, false) => true,
            _ => match (self.initial_only, other.initial_only) {
                (false, false) => self.surname == other.surname,
                (true, true) => self.surname_initial == other.surname_initial,
                (true, false) => initial_fits(self.surname_initial, other),
                (false, true) => initial_fits(other.surname_initial, self),
            },
        }
    }
}

/// "Emma V." fits "Emma Visser"; "Emma v. D." / "Emma D." fit "Emma van Dijk".
fn initial_fits(initial: Option<char>, full: &NameKey) -> bool {
    let Some(i) = initial else { return true };
    full.surname_initial == Some(i) || full.surname.starts_with(i)
}

/// Folds a class for comparison: "Groep 6B" → "6b", "klas 3 A" → "3a", "4de lj" → "4".
pub fn fold_class(class: &str) -> String {
    let mut folded = String::new();
    fold_into(class, &mut folded);
    let mut out = String::new();
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if matches!(
            word,
            "groep" | "gr" | "klas" | "class" | "grade" | "year" | "leerjaar" | "lj" | "jaar"
        ) {
            continue;
        }
        // "4de", "2e", "1ste" → "4", "2", "1"
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        let tail = &word[digits.len()..];
        if !digits.is_empty() && matches!(tail, "de" | "e" | "ste" | "st" | "nd" | "rd" | "th") {
            out.push_str(&digits);
        } else {
            out.push_str(word);
        }
    }
    out
}

fn classes_compatible(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    a.starts_with(b) || b.starts_with(a)
}

#[derive(Debug, Clone)]
struct Indexed {
    key: NameKey,
    class: String,
    consent: bool,
}

/// The register prepared for lookups: entries grouped by folded first name.
/// Built once per policy (a 2,000-name register costs one hash lookup per
/// named child), or per scan for the short `consented` list of a draft.
#[derive(Debug, Clone, Default)]
pub struct ConsentIndex {
    by_first: HashMap<String, Vec<Indexed>>,
}

impl ConsentIndex {
    pub fn new(register: &[ConsentEntry]) -> ConsentIndex {
        let mut index = ConsentIndex::default();
        for e in register {
            index.add(&e.name, e.consent, e.class.as_deref());
        }
        index
    }

    /// An index of names that all have consent (a draft's `consented` list).
    pub fn consented<S: AsRef<str>>(names: &[S]) -> ConsentIndex {
        let mut index = ConsentIndex::default();
        for n in names {
            index.add(n.as_ref(), true, None);
        }
        index
    }

    fn add(&mut self, name: &str, consent: bool, class: Option<&str>) {
        let key = NameKey::parse(name);
        if key.first.is_empty() {
            return;
        }
        self.by_first
            .entry(key.first.clone())
            .or_default()
            .push(Indexed {
                key,
                class: class.map(fold_class).unwrap_or_default(),
                consent,
            });
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// What the register says about `name` (as written in a draft), seen in `class` if known.
    pub fn lookup(&self, name: &NameKey, class: Option<&str>) -> Consent {
        let Some(entries) = self.by_first.get(&name.first) else {
            return Consent::Unknown;
        };
        let class = class.map(fold_class).unwrap_or_default();
        let mut given = false;
        let mut refused = false;
        for e in entries {
            if e.key.compatible(name) && classes_compatible(&e.class, &class) {
                if e.consent {
                    given = true;
                } else {
                    refused = true;
                }
            }
        }
        match (given, refused) {
            (_, true) => Consent::Refused,
            (true, false) => Consent::Given,
            (false, false) => Consent::Unknown,
        }
    }
}

/// A malformed row of a consent-register CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsvRowError {
    /// 1-based line number in the file.
    pub line: usize,
    pub message: String,
}

/// Everything a CSV import found: the rows that read well and each one that did not,
/// so an import screen can preview both before anything is stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CsvImport {
    pub entries: ConsentRegister,
    pub errors: Vec<CsvRowError>,
}

/// Reads a consent register exported by a school administration system:
/// semicolon-, comma- or tab-separated, a header row naming the columns
/// (`naam;toestemming;klas`, `name,consent,class`, or `voornaam;achternaam;…`),
/// consent written ja/nee, yes/no, j/n, y/n, 1/0, true/false, waar/onwaar.
/// A byte-order mark, CRLF line ends, quoted fields and blank lines are fine.
/// Without a recognisable header the columns are read as name, consent, class.
/// Fails on the first malformed row; [`import_csv`] reports them all.
pub fn parse_csv(text: &str) -> Result<ConsentRegister, Error> {
    let import = import_csv(text);
    match import.errors.into_iter().next() {
        Some(CsvRowError { line, message }) => Err(Error::ConsentCsv { line, message }),
        None => Ok(import.entries),
    }
}

/// Reads a consent register like [`parse_csv`], keeping every good row and
/// one error per malformed row (an empty file is one error at line 1).
pub fn import_csv(text: &str) -> CsvImport {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let mut import = CsvImport::default();
    let Some((first_no, first)) = lines.next() else {
        import.errors.push(CsvRowError {
            line: 1,
            message: "the file is empty; expected a header such as `naam;toestemming;klas`".into(),
        });
        return import;
    };
    let sep = detect_separator(first);
    let (columns, header) = match split_row(first, sep) {
        Ok(fields) => match Columns::from_header(&fields) {
            Some(c) => (c, true),
            None => (Columns::positional(), false),
        },
        Err(message) => {
            import.errors.push(CsvRowError {
                line: first_no,
                message,
            });
            (Columns::positional(), true)
        }
    };
    let rows = (!header)
        .then_some((first_no, first))
        .into_iter()
        .chain(lines);
    for (line, text) in rows {
        let row = split_row(text, sep).and_then(|fields| {
            if fields.iter().all(|f| f.trim().is_empty()) {
                Ok(None)
            } else {
                columns.entry(&fields).map(Some)
            }
        });
        match row {
            Ok(Some(entry)) => import.entries.push(entry),
            Ok(None) => {}
            Err(message) => import.errors.push(CsvRowError { line, message }),
        }
    }
    import
}

fn detect_separator(header: &str) -> char {
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    [';', '\t', ',']
        .into_iter()
        .max_by_key(|&c| (count(c), c == ';'))
        .filter(|&c| count(c) > 0)
        .unwrap_or(';')
}

/// Splits one CSV row; double quotes protect separators (`"Visser, Emma"`), `""` is a quote.
fn split_row(line: &str, sep: char) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && at_start {
            quoted = true;
            at_start = false;
        } else if c == sep {
            fields.push(std::mem::take(&mut field));
            at_start = true;
        } else {
            if !c.is_whitespace() {
                at_start = false;
            }
            field.push(c);
        }
    }
    if quoted {
        return Err("a quoted field is not closed (a `\"` is missing)".into());
    }
    fields.push(field);
    Ok(fields)
}

/// Where the columns are.
struct Columns {
    name: Option<usize>,
    first: Option<usize>,
    infix: Option<usize>,
    last: Option<usize>,
    consent: usize,
    class: Option<usize>,
}

impl Columns {
    fn positional() -> Columns {
        Columns {
            name: Some(0),
            first: None,
            infix: None,
            last: None,
            consent: 1,
            class: Some(2),
        }
    }

    fn from_header(fields: &[String]) -> Option<Columns> {
        let mut name = None;
        let mut first = None;
        let mut infix = None;
        let mut last = None;
        let mut consent = None;
        let mut class = None;
        for (i, f) in fields.iter().enumerate() {
            let h = fold_name(f).replace(['-', '_'], " ");
            let h = h.trim_matches(|c: char| !c.is_alphanumeric());
            let set = |slot: &mut Option<usize>| {
                slot.get_or_insert(i);
            };
            match h {
                "naam"
                | "name"
                | "leerling"
                | "kind"
                | "volledige naam"
                | "full name"
                | "student"
                | "pupil"
                | "naam leerling"
                | "leerlingnaam"
                | "roepnaam en achternaam" => set(&mut name),
                "voornaam" | "roepnaam" | "first name" | "firstname" | "given name" => {
                    set(&mut first)
                }
                "tussenvoegsel" | "tussenvoegsels" | "voorvoegsel" => set(&mut infix),
                "achternaam" | "familienaam" | "last name" | "lastname" | "surname"
                | "family name" => set(&mut last),
                "klas" | "class" | "groep" | "group" | "leerjaar" | "grade" | "jaar" | "year" => {
                    set(&mut class)
                }
                _ if h.starts_with("toestemming")
                    || h.starts_with("consent")
                    || h.starts_with("akkoord")
                    || h.starts_with("foto")
                    || h.starts_with("beeld")
                    || h.starts_with("publicatie")
                    || h.starts_with("permission") =>
                {
                    set(&mut consent)
                }
                _ => {}
            }
        }
        let consent = consent?;
        if name.is_none() && first.is_none() {
            return None;
        }
        Some(Columns {
            name,
            first,
            infix,
            last,
            consent,
            class,
        })
    }

    fn entry(&self, fields: &[String]) -> Result<ConsentEntry, String> {
        let get = |i: Option<usize>| -> &str {
            i.and_then(|i| fields.get(i))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        let name = match self.name {
            Some(_) => get(self.name).to_string(),
            None => [get(self.first), get(self.infix), get(self.last)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        };
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err("the name is empty".into());
        }
        if fields.len() <= self.consent {
            return Err(format!(
                "missing the consent column (found {} field{}; is the separator right?)",
                fields.len(),
                if fields.len() == 1 { "" } else { "s" }
            ));
        }
        let raw = get(Some(self.consent));
        let consent = parse_consent(raw).ok_or_else(|| {
            if raw.is_empty() {
                format!("no consent value for `{name}`; write ja or nee")
            } else {
                format!(
                    "`{raw}` is not a consent value for `{name}`; use ja/nee, yes/no, j/n, 1/0 or true/false"
                )
            }
        })?;
        let class = Some(get(self.class))
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        Ok(ConsentEntry {
            name,
            consent,
            class,
        })
    }
}

fn parse_consent(v: &str) -> Option<bool> {
    let v = fold_name(v);
    match v.trim_matches(|c: char| c == '.' || c == '!') {
        "ja" | "j" | "yes" | "y" | "1" | "true" | "waar" | "wel" | "x" | "akkoord" | "ok" => {
            Some(true)
        }
        "nee" | "n" | "neen" | "no" | "0" | "false" | "onwaar" | "niet" | "geen" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, consent: bool, class: Option<&str>) -> ConsentEntry {
        ConsentEntry {
            name: name.into(),
            consent,
            class: class.map(Into::into),
        }
    }

    fn look(index: &ConsentIndex, name: &str) -> Consent {
        index.lookup(&NameKey::parse(name), None)
    }

    #[test]
    fn folding_is_forgiving_about_case_accents_and_spaces() {
        assert_eq!(fold_name("  Zoë   VAN  der Berg "), "zoe van der berg");
        assert_eq!(fold_name("Amélie"), "amelie");
        assert_eq!(fold_name("@Yara.Dances"), "yara.dances");
        assert_eq!(fold_name("Şeyma Yıldız"), "seyma yildiz");
    }

    #[test]
    fn full_names_first_names_and_initials_match() {
        let idx = ConsentIndex::new(&[entry("Emma Visser", true, None)]);
        assert_eq!(look(&idx, "Emma Visser"), Consent::Given);
        assert_eq!(look(&idx, "emma visser"), Consent::Given);
        assert_eq!(look(&idx, "Emma"), Consent::Given);
        assert_eq!(look(&idx, "Emma V."), Consent::Given);
        assert_eq!(look(&idx, "Émma"), Consent::Given);
        assert_eq!(look(&idx, "Visser, Emma"), Consent::Given);
        assert_eq!(look(&idx, "Noah"), Consent::Unknown);
    }

    #[test]
    fn two_different_children_are_never_one() {
        let idx = ConsentIndex::new(&[entry("Emma Visser", true, None)]);
        assert_eq!(look(&idx, "Emma de Groot"), Consent::Unknown);
        assert_eq!(look(&idx, "Emma G."), Consent::Unknown);
        let idx = ConsentIndex::new(&[entry("Emma Visser", true, Some("6B"))]);
        assert_eq!(
            idx.lookup(&NameKey::parse("Emma"), Some("groep 4")),
            Consent::Unknown
        );
        assert_eq!(
            idx.lookup(&NameKey::parse("Emma"), Some("6b")),
            Consent::Given
        );
    }

    #[test]
    fn particles_do_not_matter_but_surnames_do() {
        let idx = ConsentIndex::new(&[entry("Daan van de Coterlet", true, None)]);
        assert_eq!(look(&idx, "Daan Van De Coterlet"), Consent::Given);
        assert_eq!(look(&idx, "Daan v. Coterlet"), Consent::Given);
        assert_eq!(look(&idx, "Daan van Dam"), Consent::Unknown);
    }

    #[test]
    fn one_refusal_among_namesakes_wins_for_a_bare_first_name() {
        let idx = ConsentIndex::new(&[
            entry("Emma Visser", true, None),
            entry("Emma de Groot", false, None),
        ]);
        assert_eq!(look(&idx, "Emma Visser"), Consent::Given);
        assert_eq!(look(&idx, "Emma de Groot"), Consent::Refused);
        assert_eq!(look(&idx, "Emma"), Consent::Refused);
        let both = ConsentIndex::new(&[
            entry("Emma Visser", true, None),
            entry("Emma de Groot", true, None),
        ]);
        assert_eq!(look(&both, "Emma"), Consent::Given);
    }

    #[test]
    fn handles_match_handles() {
        let idx = ConsentIndex::consented(&["@yara.dances"]);
        assert_eq!(look(&idx, "@Yara.Dances"), Consent::Given);
        assert_eq!(look(&idx, "@milan_bmx"), Consent::Unknown);
    }

    #[test]
    fn classes_fold() {
        assert_eq!(fold_class("Groep 6B"), "6b");
        assert_eq!(fold_class("klas 3 A"), "3a");
        assert_eq!(fold_class("4de lj"), "4");
        assert_eq!(fold_class("3B"), "3b");
    }

    #[test]
    fn csv_semicolon_with_bom_and_crlf() {
        let csv =
            "\u{FEFF}naam;toestemming;klas\r\nEmma Visser;ja;6B\r\nNoah de Vries;nee;\r\n\r\n";
        let r = parse_csv(csv).unwrap();
        assert_eq!(
            r,
            vec![
                entry("Emma Visser", true, Some("6B")),
                entry("Noah de Vries", false, None)
            ]
        );
    }

    #[test]
    fn csv_comma_english_header_and_values() {
        let csv = "Name,Consent,Class\n\"Visser, Emma\",yes,6B\nLiam,0,\nZoë,TRUE,4A\nSem,N,\n";
        let r = parse_csv(csv).unwrap();
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].name, "Visser, Emma");
        assert!(r[0].consent && !r[1].consent && r[2].consent && !r[3].consent);
        assert_eq!(r[2].class.as_deref(), Some("4A"));
    }

    #[test]
    fn csv_split_name_columns_and_extra_columns() {
        let csv = "Leerlingnummer;Voornaam;Tussenvoegsel;Achternaam;Groep;Toestemming foto's\n123;Daan;van de;Coterlet;5;j\n";
        let r = parse_csv(csv).unwrap();
        assert_eq!(r, vec![entry("Daan van de Coterlet", true, Some("5"))]);
    }

    #[test]
    fn csv_without_header_is_positional() {
        let r = parse_csv("Emma;ja\nNoah;nee;3B\n").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].class.as_deref(), Some("3B"));
    }

    #[test]
    fn csv_errors_name_the_line() {
        let e = parse_csv("naam;toestemming\nEmma;ja\nNoah;misschien\n").unwrap_err();
        assert!(
            matches!(&e, Error::ConsentCsv { line: 3, message } if message.contains("misschien")),
            "{e:?}"
        );
        let e = parse_csv("naam;toestemming\n\nEmma;ja\n;ja\n").unwrap_err();
        assert!(matches!(e, Error::ConsentCsv { line: 4, .. }), "{e:?}");
        let e = parse_csv("naam;toestemming\nEmma\n").unwrap_err();
        assert!(matches!(e, Error::ConsentCsv { line: 2, .. }), "{e:?}");
        let e = parse_csv("naam;toestemming\n\"Emma;ja\n").unwrap_err();
        assert!(matches!(e, Error::ConsentCsv { line: 2, .. }), "{e:?}");
        let e = parse_csv("naam;toestemming\nEmma;\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(parse_csv("").is_err());
    }

    #[test]
    fn an_import_keeps_good_rows_and_reports_every_bad_one() {
        let csv = "naam;toestemming;klas\nEmma;ja;6B\nNoah;misschien\n;ja\nLiam;nee\n";
        let import = import_csv(csv);
        assert_eq!(
            import.entries,
            vec![entry("Emma", true, Some("6B")), entry("Liam", false, None)]
        );
        let lines: Vec<usize> = import.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4]);
        assert!(import.errors[0].message.contains("misschien"));
    }

    #[test]
    fn a_large_register_looks_up_fast() {
        let register: Vec<ConsentEntry> = (0..2000)
            .map(|i| entry(&format!("Kind{i} Achternaam{i}"), i % 3 != 0, None))
            .collect();
        let idx = ConsentIndex::new(&register);
        assert_eq!(look(&idx, "Kind1 Achternaam1"), Consent::Given);
        assert_eq!(look(&idx, "Kind3"), Consent::Refused);
        assert_eq!(look(&idx, "Kind2 Anders"), Consent::Unknown);
    }
}
