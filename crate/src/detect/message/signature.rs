//! R9 signature: a school e-mail ends with a signature that carries the
//! writer's first and last name, role, the school and a contact line
//! (address, phone number, website or e-mail address).
//!
//! * Only e-mail from a school account: the account is on the school's
//!   domains (or listed in `private_account.school_accounts`). When the
//!   policy lists no domains, an account at an organisation (not a consumer
//!   provider) writing school business counts as a school account. Private
//!   accounts are R8's business; an unknown account: quiet.
//! * Only the writer's own text is read: a quoted thread ("Op … schreef …:",
//!   "-----Original Message-----", `>` lines, an Outlook header) is cut off.
//! * **Replies are exempt** when the draft quotes a thread and the writer's
//!   own text is at most `signature.reply_exempt_chars` characters (default
//!   400): a short answer in a running conversation needs no full signature,
//!   the first mail of the thread carried it.
//! * The signature is what follows the last closing greeting ("Met
//!   vriendelijke groet", "Groetjes", "Kind regards" …) or a `--` line; with
//!   neither, the last four short lines.
//!
//! The finding names the missing parts and is about the whole message
//! (empty span at 0).

use super::private_account::is_private_account;
use super::{Scan, Shared};
use crate::detect::Hit;
use crate::error::Error;
use crate::finding::Channel;
use crate::policy::message::SignaturePart;
use crate::policy::Policy;
use crate::rule::{Rule, Text};
use crate::scanner::rule_index;
use crate::text::Document;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

pub struct Signature {
    rule: usize,
    parts: Vec<SignaturePart>,
    reply_exempt_chars: usize,
    /// Compiled on first use: only e-mail from a school account is read for
    /// a signature, and compiling them was a sixth of building the scanner.
    patterns: OnceLock<Patterns>,
}

/// The regexes that find quoted mail, closings, school words and contact lines.
struct Patterns {
    quote: Regex,
    greeting: Regex,
    school_word: Regex,
    contact: Regex,
}

/// Lines longer than this are body text, not signature.
const MAX_SIGNATURE_LINE: usize = 140;
/// Without a greeting or `--`, the signature is sought in the last lines.
const TAIL_LINES: usize = 4;

/// Lower-case words between a first name and a surname (`Rob van Dam`).
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "t", "von", "le", "la", "da",
    "di", "el", "al", "du", "des", "del", "dos", "das", "bin", "ben", "op", "aan",
];

/// Titles before a name (`Juf Katrien`, `Ms. Harper`, `Meester Bert`).
const TITLES: &[&str] = &[
    "juf", "juffrouw", "meester", "mevrouw", "mevr", "mw", "meneer", "dhr", "mr", "mrs", "ms",
    "miss", "dr", "drs", "ir", "prof", "zuster",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Missing,
    FirstOnly,
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    name: Name,
    role: bool,
    school: bool,
    contact: bool,
}

impl Patterns {
    fn new() -> Result<Patterns, regex::Error> {
        Ok(Patterns {
            quote: Regex::new(concat!(
                r"(?m)^[ \t]*(?:>",
                r"|(?:op|on|le|am) [^\n]{0,160}(?:schreef|wrote|a écrit|schrieb)[^\n]{0,80}:",
                r"|-{2,} ?(?:oorspronkelijk bericht|origineel bericht|original message|doorgestuurd bericht|forwarded message|begin forwarded message)",
                r"|(?:van|from|de|von) ?:[^\n]*\n[ \t]*(?:verzonden|datum|sent|date|aan|to|envoyé|gesendet) ?:)",
            ))?,
            greeting: Regex::new(concat!(
                r"^(?:met |with )?(?:vriendelijke|hartelijke|beste|warme|lieve|sportieve|collegiale|zonnige|fijne|kind|best|warm|warmest|many)?\s*",
                r"(?:groet(?:en|jes|ing)?|regards|wishes|mvg|vrgr|gr\.?|dank(?: je| u)?(?: wel)?|bedankt|merci|thanks|thank you|cheers|liefs|",
                r"tot (?:morgen|straks|dan|snel|later|ziens)|namens\b|sincerely|yours(?: sincerely| truly)?|all the best|alvast bedankt|hartelijk dank|veel groeten)\b",
            ))?,
            school_word: Regex::new(concat!(
                r"(?:^|\W)(?:\w*(?:school|college|lyceum|atheneum|athenee|athénée|instituut|institute|academie|academy|kindcentrum|gymnasium|campus|scholengroep|scholengemeenschap)",
                r"|obs|cbs|kbs|pcbs|rkbs|vbs|gbs|sbs|sbo|vso|ikc|bs|go!|kta|vti|sint-\w+)(?:$|\W)",
            ))?,
            contact: Regex::new(concat!(
                // phone: nine or more digits with the usual separators
                r"(?:\+|\b0)\d(?:[ ./\-()]{0,2}\d){7,}",
                // website or e-mail address
                r"|\bwww\.|https?://|\b[\w.\-]+\.(?:nl|be|com|org|eu|net|edu|school)\b",
                // street and number, Dutch postcode
                r"|\b\w+(?:straat|laan|weg|plein|dreef|lei|steenweg|kade|gracht|singel|markt|dijk|pad|hof|baan|park|ring|veld|straatje|road|street|avenue|lane)\s+\d+",
                r"|\b\d{4}\s?[a-z]{2}\b",
            ))?,
        })
    }
}

impl Signature {
    pub fn new(rules: &[Rule], policy: &Policy) -> Result<Self, Error> {
        let cfg = &policy.message_rules.signature;
        Ok(Signature {
            rule: rule_index(rules, "signature.incomplete", super::RULES_FILE)?,
            parts: cfg.parts.clone(),
            reply_exempt_chars: cfg.reply_exempt_chars,
            patterns: OnceLock::new(),
        })
    }

    fn patterns(&self) -> &Patterns {
        self.patterns
            .get_or_init(|| Patterns::new().expect("the signature patterns compile (tested)"))
    }

    pub fn detect(&self, scan: &Scan<'_>, shared: &Shared, out: &mut Vec<Hit>) {
        if scan.input.context.channel != Channel::Email || self.parts.is_empty() {
            return;
        }
        let Some(account) = scan.account else {
            return;
        };
        if !is_school_mail(shared, account, scan.text) {
            return;
        }
        let doc = scan.input.doc;
        let norm = doc.norm.text.as_str();
        let quote_at = self.patterns().quote.find(norm).map(|m| m.start());
        let own = &norm[..quote_at.unwrap_or(norm.len())];
        let own_chars = own.trim().chars().count();
        if own_chars == 0 || (quote_at.is_some() && own_chars <= self.reply_exempt_chars) {
            return;
        }
        let found = self.read(doc, shared, own, account);
        let missing: Vec<(&str, &str)> = self
            .parts
            .iter()
            .filter_map(|p| match p {
                SignaturePart::Name => match found.name {
                    Name::Full => None,
                    Name::FirstOnly => Some(("je achternaam", "your last name")),
                    Name::Missing => Some(("je voor- en achternaam", "your first and last name")),
                },
                SignaturePart::Role => (!found.role).then_some(("je functie", "your role")),
                SignaturePart::School => {
                    (!found.school).then_some(("de naam van de school", "the school's name"))
                }
                SignaturePart::Contact => (!found.contact).then_some((
                    "adres, telefoonnummer of website",
                    "address, phone number or website",
                )),
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        let mut hit = Hit::new(self.rule, 0..0);
        hit.detail = Some(Text {
            nl: join(missing.iter().map(|m| m.0), "en"),
            en: join(missing.iter().map(|m| m.1), "and"),
        });
        out.push(hit);
    }

    /// What the signature of `own` (a prefix of the `norm` view) carries.
    fn read(&self, doc: &Document<'_>, shared: &Shared, own: &str, account: &str) -> Found {
        let patterns = self.patterns();
        let lines = block(own, &patterns.greeting);
        let mut found = Found {
            name: Name::Missing,
            role: false,
            school: false,
            contact: false,
        };
        let own_domain = super::addresses::domain(account).unwrap_or_default();
        for line in lines {
            let text = &own[line.clone()];
            found.role |= shared.roles.any_in(own, line.clone());
            found.school |= patterns.school_word.is_match(text)
                || shared.school_names.any_in(own, line.clone())
                || (!own_domain.is_empty() && text.contains(own_domain));
            found.contact |= patterns.contact.is_match(text);
            for seg in segments(own, line.clone()) {
                let n = name_in(doc, own, seg, shared, &patterns.school_word);
                if n == Name::Full || (n == Name::FirstOnly && found.name == Name::Missing) {
                    found.name = n;
                }
            }
        }
        found
    }
}

/// An e-mail from the school (see the module docs).
fn is_school_mail(shared: &Shared, account: &str, text: &str) -> bool {
    let domains = &shared.domains;
    if domains.is_school_account(account) {
        return true;
    }
    if is_private_account(shared, account) {
        return false;
    }
    let Some(d) = super::addresses::domain(account) else {
        return false;
    };
    if domains.has_school_domains() {
        domains.is_school(d)
    } else {
        !domains.is_private(d) && shared.is_school_business(text)
    }
}

/// The signature's lines (byte ranges of `own`, trimmed, non-empty): after the
/// last closing greeting or `--` line; else the last few short lines.
fn block(own: &str, greeting: &Regex) -> Vec<Range<usize>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    for line in own.split_inclusive('\n') {
        let start = at + (line.len() - line.trim_start().len());
        let end = at + line.trim_end().len();
        if start < end {
            lines.push(start..end);
        }
        at += line.len();
    }
    let start = lines.iter().rposition(|l| {
        let t = &own[l.clone()];
        t == "--" || t.starts_with("-- ") || t == "__" || greeting.is_match(t)
    });
    match start {
        Some(i) => {
            let mut out = lines.split_off(i);
            // What follows the greeting on its own line ("Groet, Erik").
            let first = &out[0];
            let t = &own[first.clone()];
            let skip = greeting.find(t).map_or(t.len(), |m| m.end()).min(t.len());
            let rest = &t[skip..];
            let lead = rest.len()
                - rest
                    .trim_start_matches([',', ' ', '!', '.', ':', '-'])
                    .len();
            let from = first.start + skip + lead;
            if from < first.end {
                out[0] = from..first.end;
            } else {
                out.remove(0);
            }
            out.retain(|l| l.len() <= MAX_SIGNATURE_LINE);
            out
        }
        None => {
            let short: Vec<Range<usize>> = lines
                .into_iter()
                .rev()
                .take(TAIL_LINES)
                .filter(|l| l.len() <= MAX_SIGNATURE_LINE)
                .collect();
            short.into_iter().rev().collect()
        }
    }
}

/// A signature line cut at `|`, `,`, `·` and ` - ` separators.
fn segments(own: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let text = &own[line.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let sep = matches!(c, '|' | ',' | '·' | '•' | ';' | '/')
            || (c == '-' && text[..i].ends_with(' ') && text[i + 1..].starts_with(' '));
        if sep {
            out.push(line.start + start..line.start + i);
            start = i + c.len_utf8();
        }
    }
    out.push(line.start + start..line.end);
    out
}

/// Whether a signature segment is a person's name, as typed.
fn name_in(
    doc: &Document<'_>,
    own: &str,
    seg: Range<usize>,
    shared: &Shared,
    school_word: &Regex,
) -> Name {
    let text = &own[seg.clone()];
    if text.chars().any(|c| c.is_ascii_digit() || c == '@') || text.contains("www") {
        return Name::Missing;
    }
    let mut words: Vec<(usize, &str)> = Vec::new();
    for w in text.split_whitespace() {
        let trimmed = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        if !trimmed.is_empty() {
            // Both are slices of `text`: their distance is the offset.
            let at = trimmed.as_ptr() as usize - text.as_ptr() as usize;
            words.push((seg.start + at, trimmed));
        }
    }
    if words.is_empty() || words.len() > 5 {
        return Name::Missing;
    }
    let titled = TITLES.contains(&words[0].1);
    if !titled && (shared.roles.any_in(own, seg.clone()) || school_word.is_match(text)) {
        return Name::Missing;
    }
    let named = if titled { &words[1..] } else { &words[..] };
    let mut capitals = 0;
    for &(at, w) in named {
        if doc.is_capitalised(at) && !is_all_caps(doc, at, w) {
            capitals += 1;
        } else if !PARTICLES.contains(&w) {
            return Name::Missing;
        }
    }
    match (capitals, titled) {
        (0, _) => Name::Missing,
        // A title and a name (`Ms. Harper`, `Meester Bert`) is how staff sign.
        (_, true) => Name::Full,
        (1, false) => Name::FirstOnly,
        _ => Name::Full,
    }
}

/// `HR`, `ICT`: an abbreviation, not a name.
fn is_all_caps(doc: &Document<'_>, norm_at: usize, word: &str) -> bool {
    if word.chars().count() < 2 {
        return false;
    }
    let r = doc.norm_to_original(norm_at..norm_at + word.len());
    let orig = doc.original.get(r).unwrap_or("");
    orig.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
}

fn join<'a>(parts: impl Iterator<Item = &'a str>, and: &str) -> String {
    let parts: Vec<&str> = parts.collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn patterns_compile() {
        super::Patterns::new().unwrap();
    }
    use super::super::testing::*;
    use crate::finding::Channel;

    const SCHOOL: &str =
        r#"{"school": {"name": "Basisschool De Klimop", "domains": ["deklimop.nl"]}}"#;

    fn missing(policy: &str, account: &str, text: &str) -> Option<String> {
        let s = scanner(policy);
        of(
            s,
            text,
            &with_account(Channel::Email, account),
            "signature.",
        )
        .first()
        .map(|f| f.message.clone())
    }

    #[test]
    fn full_signatures_are_quiet() {
        for text in [
            "Beste ouders,\n\nMorgen is er zwemmen.\n\nMet vriendelijke groet,\nCarolien Dekker\nLeerkracht groep 5\nBasisschool De Klimop\nDorpsstraat 14, 3951 AB Maarn | 0343-441278",
            "Hoi Erik,\n\nDe planning staat klaar.\n\nGroet,\nRob van Dam | leerkracht groep 8 | CBS De Wegwijzer | 0519-293847",
            "Dear parents,\n\nSports day is on Friday.\n\nKind regards,\nMs. Harper\nPE teacher\nInternational School Eindhoven\nwww.ise.nl",
            "Beste collega's,\n\nHierbij het verslag.\n\n-- \nHatice Yıldız\nIntern begeleider\nDe Klimop\nhttps://www.deklimop.nl",
        ] {
            assert_eq!(missing(SCHOOL, "juf@deklimop.nl", text), None, "{text}");
        }
    }

    #[test]
    fn missing_parts_are_named() {
        let m = missing(
            SCHOOL,
            "juf@deklimop.nl",
            "Beste ouders,\n\nMorgen is er zwemmen.\n\nGroetjes,\nAn",
        )
        .expect("fires");
        assert!(
            m.contains("je achternaam, je functie, de naam van de school en adres, telefoonnummer of website"),
            "{m}"
        );
        let m = missing(
            SCHOOL,
            "juf@deklimop.nl",
            "Beste ouders,\n\nMorgen is er zwemmen.\n\nMet vriendelijke groet,\nCarolien Dekker\nLeerkracht groep 5",
        )
        .expect("fires");
        let gone = m.split(". De school").next().unwrap_or("");
        assert!(
            gone.ends_with("de naam van de school en adres, telefoonnummer of website"),
            "{m}"
        );
        assert!(
            !gone.contains("functie") && !gone.contains("achternaam"),
            "{m}"
        );
        let m = missing(
            SCHOOL,
            "juf@deklimop.nl",
            "Beste ouders, morgen is er zwemmen.",
        )
        .expect("fires");
        assert!(m.contains("je voor- en achternaam"), "{m}");
    }

    #[test]
    fn only_school_accounts_on_email() {
        let text = "Beste ouders,\n\nMorgen is er zwemmen voor groep 5.\n\nGroetjes,\nAn";
        assert!(
            missing(SCHOOL, "an@gmail.com", text).is_none(),
            "private: R8's business"
        );
        assert!(missing(SCHOOL, "an@anderbedrijf.nl", text).is_none());
        let s = scanner(SCHOOL);
        assert!(of(s, text, &context(Channel::Email), "signature.").is_empty());
        assert!(of(
            s,
            text,
            &with_account(Channel::Chat, "an@deklimop.nl"),
            "signature."
        )
        .is_empty());
        // Without school domains: an organisation account writing school business.
        assert!(missing("{}", "an@deklimop.nl", text).is_some());
        assert!(missing("{}", "an@deklimop.nl", "Hoi, zin in koffie?\n\nAn").is_none());
        assert!(missing("{}", "an@gmail.com", text).is_none());
    }

    #[test]
    fn short_replies_are_exempt_long_ones_are_not() {
        let reply = "Prima, tot morgen!\n\nAn\n\nOp 3 maart 2025 om 14:02 schreef Wim <wim@deklimop.nl>:\n> Kom je morgen naar de teamvergadering?";
        assert!(missing(SCHOOL, "an@deklimop.nl", reply).is_none());
        let outlook = "Prima.\n\nVan: Wim Peeters\nVerzonden: maandag 3 maart 2025 14:02\nAan: An\nOnderwerp: vergadering";
        assert!(missing(SCHOOL, "an@deklimop.nl", outlook).is_none());
        let long = format!(
            "{}\n\nAn\n\nOp 3 maart 2025 om 14:02 schreef Wim <wim@deklimop.nl>:\n> Kom je?",
            "De leerlingen van groep 5 gaan morgen naar het museum. ".repeat(10)
        );
        assert!(missing(SCHOOL, "an@deklimop.nl", &long).is_some());
        let p = r#"{"school": {"domains": ["deklimop.nl"]}, "message_rules": {"signature": {"reply_exempt_chars": 0}}}"#;
        assert!(missing(p, "an@deklimop.nl", reply).is_some());
    }

    #[test]
    fn parts_are_configurable() {
        let p = r#"{"school": {"domains": ["deklimop.nl"]}, "message_rules": {"signature": {"parts": ["name"]}}}"#;
        let text = "Beste ouders,\n\nMorgen is er zwemmen.\n\nGroet,\nCarolien Dekker";
        assert!(missing(p, "juf@deklimop.nl", text).is_none());
        let p = r#"{"school": {"domains": ["deklimop.nl"]}, "message_rules": {"signature": {"parts": []}}}"#;
        assert!(missing(p, "juf@deklimop.nl", "Hoi").is_none());
    }

    #[test]
    fn not_names() {
        let text =
            "Beste ouders,\n\nMorgen is er zwemmen.\n\nMet vriendelijke groeten,\nHet oudercomité";
        let m = missing(SCHOOL, "oc@deklimop.nl", text).expect("fires");
        assert!(m.contains("je voor- en achternaam"), "{m}");
        let text = "Beste ouders,\n\nMorgen is er zwemmen.\n\nGroet,\nAfdeling HR";
        let m = missing(SCHOOL, "hr@deklimop.nl", text).expect("fires");
        assert!(m.contains("je voor- en achternaam"), "{m}");
    }
}
