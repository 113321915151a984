//! R3: personal identifiers — national numbers (BSN, onderwijsnummer,
//! rijksregisternummer), IBANs, payment cards, private phone numbers, home
//! addresses and dates of birth.
//!
//! One pass per kind over the `norm` view (where widths are folded and
//! invisible characters dropped), checksums only on candidates. Context words
//! come from one Aho-Corasick pass over the draft (`data/identifiers/`): they
//! tell a BSN from an invoice number, a parent's mobile from the school's
//! switchboard in a signature, a home address from a venue, a birth date from
//! any other date.

mod checksums;
mod phone;
pub(crate) mod spans;
pub(crate) mod wordlist;

use super::{Detector, Hit, Input};
use crate::error::Error;
use crate::policy::Policy;
use crate::rule::{builtin_rules, Rule, Text};
use crate::scanner::{detail, rule_index};
use crate::text::Document;
use phone::PhoneKind;
use regex::Regex;
use spans::Spans;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;
use wordlist::{Index, Lexicon};

const FILE: &str = "data/rules/identifiers.json";
const RULES: &str = data_file!("rules/identifiers.json");

// Context classes (bits) of the word lists.
const NATID_NL: u32 = 1 << 0;
const NATID_BE: u32 = 1 << 1;
const CARD: u32 = 1 << 2;
const BIRTH: u32 = 1 << 3;
const BIRTHDAY: u32 = 1 << 4;
const ADDRESS: u32 = 1 << 5;
const PERSONAL: u32 = 1 << 6;
const NOT_ID: u32 = 1 << 7;
const EXAMPLE: u32 = 1 << 8;
const ORG_NAME: u32 = 1 << 9;
const ORG_ROLE: u32 = 1 << 10;
const VENUE: u32 = 1 << 11;
const RANGE: u32 = 1 << 12;

const BIRTH_WORDS: &str = data_file!("identifiers/birth_context.txt");
const BIRTHDAY_WORDS: &str = data_file!("identifiers/birthday_context.txt");

const LISTS: &[(u32, &str)] = &[
    (NATID_NL, data_file!("identifiers/national_id_nl.txt")),
    (NATID_BE, data_file!("identifiers/national_id_be.txt")),
    (CARD, data_file!("identifiers/card_context.txt")),
    (BIRTH, BIRTH_WORDS),
    (BIRTHDAY, BIRTHDAY_WORDS),
    (ADDRESS, data_file!("identifiers/address_context.txt")),
    (PERSONAL, data_file!("identifiers/personal_markers.txt")),
    (NOT_ID, data_file!("identifiers/not_identifier_context.txt")),
    (EXAMPLE, data_file!("identifiers/example_markers.txt")),
    (ORG_NAME, data_file!("identifiers/organisation_names.txt")),
    (ORG_ROLE, data_file!("identifiers/organisation_roles.txt")),
    (VENUE, data_file!("identifiers/venues.txt")),
    (RANGE, data_file!("identifiers/date_ranges.txt")),
];

const IBAN_LENGTHS: &str = data_file!("identifiers/iban_lengths.txt");
const STREET_SUFFIXES: &str = data_file!("identifiers/street_suffixes.txt");
const UNITS: &str = data_file!("identifiers/units.txt");
const MONTHS: &str = data_file!("identifiers/months.txt");

/// How far (bytes of `norm`) context words are looked for.
const NEAR: usize = 60;

pub struct Identifiers {
    rules: Vec<Rule>,
    r_bsn: usize,
    r_rrn: usize,
    r_iban: usize,
    r_card: usize,
    r_phone: usize,
    r_address: usize,
    r_birth: usize,
    lexicon: Lexicon,
    /// Words after which a date is a date of birth (the date search runs only there).
    birth_ac: Lexicon,
    /// Compiled on first use: building them was a sixth of building the
    /// scanner, and a page should be ready before the first draft needs them.
    patterns: OnceLock<Patterns>,
    iban_lengths: HashMap<String, usize>,
    street_suffixes: HashSet<String>,
    units: HashSet<String>,
    allow_phones: Vec<String>,
    allow_ibans: Vec<String>,
    allow_addresses: Vec<String>,
}

fn builtin(file: &str, e: impl ToString) -> Error {
    Error::Builtin {
        file: file.into(),
        message: e.to_string(),
    }
}

/// Alternation of a list's terms for a regex, longest first.
fn alternation(data: &str) -> String {
    let mut terms: Vec<String> = wordlist::parse(data)
        .into_iter()
        .map(|t| regex::escape(&t.text))
        .collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    terms.dedup();
    terms.join("|")
}

/// Only letters and digits, lower-cased: how allowlist entries are compared.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The address and date regexes (see [`Identifiers::patterns`]).
struct Patterns {
    /// A street name ending in a known suffix, then a house number.
    street_re: Regex,
    /// Just the suffix and the number: literal, so found fast; the street
    /// name's start is then looked up and `street_re` run from there.
    street_hint_re: Regex,
    /// Right after a house number: `, 1234 AB City` or `, 2170 City`.
    postcode_re: Regex,
    /// Dates in numeric and written forms.
    date_re: Regex,
}

impl Patterns {
    fn new() -> Result<Patterns, Error> {
        let street_re = Regex::new(&format!(
                r"(?-u:\b)([\w'-]*?(?:{}))\.?[ ]+(?:(?:nr\.?|nummer|no\.?)[ ]*)?([1-9][0-9]{{0,3}})((?:[ ]?[a-z](?-u:\b))?(?:[ ]?[-/][ ]?[0-9]{{1,4}}[a-z]?(?-u:\b))?(?:,?[ ]+(?:bus|bte\.?|box)[ ]?[0-9a-z]{{1,4}}(?-u:\b))?)",
                alternation(STREET_SUFFIXES)
            ))
            .map_err(|e| builtin("identifiers street regex", e))?;
        let street_hint_re = Regex::new(&format!(
            r"(?:{})\.?[ ]+(?:(?:nr\.?|nummer|no\.?)[ ]*)?[1-9]",
            alternation(STREET_SUFFIXES)
        ))
        .map_err(|e| builtin("identifiers street hint regex", e))?;
        let postcode_re = Regex::new(
                r"^[ \t]*[,|]?[ \t]*(?:\n[ \t>]*)?([1-9][0-9]{3})(?:[ ]?([a-z]{2})(?-u:\b))?(?:[ \t]+([\w'][\w'-]*))?",
            )
            .map_err(|e| builtin("identifiers postcode regex", e))?;
        let months = alternation(MONTHS);
        let date_re = Regex::new(&format!(
                r"(?-u:\b)(?:([0-3]?[0-9])[-/.]([01]?[0-9])[-/.]((?:19|20)?[0-9]{{2}})|([0-3]?[0-9])(?:e|ste|de|st|nd|rd|th)?[ ]+({months})\.?,?[ ]+((?:19|20)[0-9]{{2}})|({months})\.?[ ]+([0-3]?[0-9])(?:st|nd|rd|th)?,?[ ]+((?:19|20)[0-9]{{2}})|((?:19|20)[0-9]{{2}})-([01][0-9])-([0-3][0-9]))(?-u:\b)"
            ))
            .map_err(|e| builtin("identifiers date regex", e))?;
        Ok(Patterns {
            street_re,
            street_hint_re,
            postcode_re,
            date_re,
        })
    }
}

impl Identifiers {
    fn patterns(&self) -> &Patterns {
        self.patterns
            .get_or_init(|| Patterns::new().expect("the identifier patterns compile (tested)"))
    }

    pub fn new(policy: &Policy) -> Result<Self, Error> {
        let rules = builtin_rules(FILE, RULES)?;
        let idx = |id: &str| rule_index(&rules, id, FILE);
        let lexicon = Lexicon::new("data/identifiers/*.txt", LISTS)?;
        let birth_ac = Lexicon::new(
            "data/identifiers/birth*.txt",
            &[(BIRTH, BIRTH_WORDS), (BIRTHDAY, BIRTHDAY_WORDS)],
        )?;
        let mut iban_lengths = HashMap::new();
        for t in wordlist::parse(IBAN_LENGTHS) {
            let mut parts = t.text.split_whitespace();
            let (Some(cc), Some(len)) = (parts.next(), parts.next()) else {
                return Err(builtin("data/identifiers/iban_lengths.txt", &t.text));
            };
            let len: usize = len
                .parse()
                .map_err(|_| builtin("data/identifiers/iban_lengths.txt", &t.text))?;
            iban_lengths.insert(cc.to_ascii_uppercase(), len);
        }
        let allow_phones = policy
            .allowlist
            .phones
            .iter()
            .filter_map(|p| {
                let plus = p.trim_start().starts_with('+');
                let digits: String = p
                    .replace("(0)", "")
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                phone::classify(&digits, plus)
                    .map(|(n, _)| n)
                    .or(Some(digits))
            })
            .collect();
        Ok(Identifiers {
            r_bsn: idx("identifier.bsn")?,
            r_rrn: idx("identifier.rijksregisternummer")?,
            r_iban: idx("identifier.iban")?,
            r_card: idx("identifier.payment-card")?,
            r_phone: idx("identifier.phone")?,
            r_address: idx("identifier.home-address")?,
            r_birth: idx("identifier.birth-date")?,
            rules,
            lexicon,
            birth_ac,
            patterns: OnceLock::new(),
            iban_lengths,
            street_suffixes: wordlist::word_set(STREET_SUFFIXES),
            units: wordlist::word_set(UNITS),
            allow_phones,
            allow_ibans: policy.allowlist.ibans.iter().map(|s| squash(s)).collect(),
            allow_addresses: policy
                .allowlist
                .addresses
                .iter()
                .map(|s| squash(s))
                .filter(|s| !s.is_empty())
                .collect(),
        })
    }
}

impl Detector for Identifiers {
    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn detect(&self, input: &Input<'_>, out: &mut Vec<Hit>) {
        let doc = input.doc;
        let norm = &doc.norm.text;
        if !norm.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        // Candidates first (one pass per kind), context words only around them.
        let (iban_starts, runs) = number_runs(norm, &self.iban_lengths);
        let mut streets: Vec<usize> = Vec::new();
        for m in self.patterns().street_hint_re.find_iter(norm) {
            let ws = norm[..m.start()]
                .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .map_or(0, |i| {
                    i + norm[i..].chars().next().map_or(1, char::len_utf8)
                });
            // Only this street may match: the search never runs far ahead.
            let limit = floor(norm, m.end() + 48);
            if streets.last() != Some(&ws)
                && self
                    .patterns()
                    .street_re
                    .find_at(&norm[..limit], ws)
                    .is_some_and(|f| f.start() == ws)
            {
                streets.push(ws);
            }
        }
        // Dates only right after a birth word.
        let mut dates: Vec<usize> = Vec::new();
        for term in self.birth_ac.find_all(norm) {
            let limit = floor(norm, term.range.end + 64);
            let limit = norm[term.range.end..limit]
                .find('\n')
                .map_or(limit, |i| term.range.end + i);
            if let Some(m) = self
                .patterns()
                .date_re
                .find_at(&norm[..limit], term.range.end)
            {
                if dates.last() != Some(&m.start()) {
                    dates.push(m.start());
                }
            }
        }
        if iban_starts.is_empty() && runs.is_empty() && streets.is_empty() && dates.is_empty() {
            return;
        }
        let mut windows: Vec<Range<usize>> = Vec::new();
        windows.extend(iban_starts.iter().map(|&s| s.saturating_sub(120)..s + 140));
        windows.extend(runs.iter().map(|r| r.start.saturating_sub(520)..r.end + 10));
        windows.extend(streets.iter().map(|&s| s.saturating_sub(520)..s + 10));
        windows.extend(dates.iter().map(|&s| s.saturating_sub(60)..s + 2));
        // No cap on the number of findings: every identifier is reported,
        // and each candidate costs a bounded amount of work (context looked
        // up by binary search, never by rescanning the line or the draft).
        let scan = Scan {
            det: self,
            doc,
            norm,
            index: Index::new(self.context_in(norm, windows)),
            newlines: norm.match_indices('\n').map(|(i, _)| i).collect(),
        };
        let mut taken = Vec::new();
        scan.ibans(&iban_starts, &mut taken, out);
        scan.numbers(&runs, &Spans::new(taken), out);
        scan.addresses(&streets, out);
        scan.birth_dates(&dates, out);
    }
}

impl Identifiers {
    /// Context words inside the (merged) windows, sorted by position.
    fn context_in(&self, norm: &str, mut windows: Vec<Range<usize>>) -> Vec<wordlist::Found> {
        windows.sort_by_key(|w| w.start);
        let mut found = Vec::new();
        let mut i = 0;
        while i < windows.len() {
            let start = windows[i].start;
            let mut end = windows[i].end;
            i += 1;
            while i < windows.len() && windows[i].start <= end {
                end = end.max(windows[i].end);
                i += 1;
            }
            // Widen to whole words so no term is cut at the edges.
            let mut start = floor(norm, start);
            let mut steps = 0;
            while start > 0 && steps < 40 && !norm[..start].ends_with(char::is_whitespace) {
                start = floor(norm, start - 1);
                steps += 1;
            }
            let end = ceil(norm, end.min(norm.len()));
            let end = norm[end..]
                .find(char::is_whitespace)
                .map_or(norm.len(), |j| (end + j).min(end + 40));
            let end = ceil(norm, end);
            for mut f in self.lexicon.find_all(&norm[start..end]) {
                f.range = f.range.start + start..f.range.end + start;
                found.push(f);
            }
        }
        found
    }
}

/// One draft being scanned.
struct Scan<'a> {
    det: &'a Identifiers,
    doc: &'a Document<'a>,
    norm: &'a str,
    index: Index,
    /// Byte offsets of the line breaks in `norm`: line bounds by binary
    /// search, so a single huge line is not rescanned for every candidate.
    newlines: Vec<usize>,
}

use crate::text::{ceil_boundary as ceil, floor_boundary as floor};

impl Scan<'_> {
    fn hit(&self, rule: usize, norm: Range<usize>, what: Option<Text>) -> Hit {
        let mut h = Hit::new(rule, self.doc.norm_to_original(norm));
        h.detail = what;
        h
    }

    /// Just after the last line break before `at` (0 on the first line).
    fn line_start(&self, at: usize) -> usize {
        let i = self.newlines.partition_point(|&n| n < at);
        if i == 0 {
            0
        } else {
            self.newlines[i - 1] + 1
        }
    }

    /// The first line break at or after `at` (the end of `norm` on the last line).
    fn line_end(&self, at: usize) -> usize {
        let i = self.newlines.partition_point(|&n| n < at);
        self.newlines.get(i).copied().unwrap_or(self.norm.len())
    }

    /// `at - n`, on a character boundary, not before 0.
    fn back(&self, at: usize, n: usize) -> usize {
        ceil(self.norm, at.saturating_sub(n))
    }

    fn fwd(&self, at: usize, n: usize) -> usize {
        floor(self.norm, at.saturating_add(n))
    }

    /// Distance from the nearest term of `class` before `at` (within `n` bytes, on the same line).
    fn near_before_on_line(&self, class: u32, at: usize, n: usize) -> Option<usize> {
        let from = self.back(at, n).max(self.line_start(at));
        self.index
            .last_before(class, from, at)
            .map(|f| at - f.range.end)
    }

    /// Distance from the nearest term of `class` before `at` (within `n` bytes, any line).
    fn near_before(&self, class: u32, at: usize, n: usize) -> Option<usize> {
        self.index
            .last_before(class, self.back(at, n), at)
            .map(|f| at - f.range.end)
    }

    /// Whether the line holding `at` belongs to an organisation's signature or
    /// letterhead: an organisation name earlier on a short line, or on one of
    /// the (short) lines just above it in the same block, with no personal or
    /// home-address words on the way ("Mijn nieuwe adres:").
    fn in_signature(&self, at: usize) -> bool {
        let ls = self.line_start(at);
        let le = self.line_end(at);
        if le - ls <= 200 && self.near_before_on_line(ORG_NAME, at, 120).is_some() {
            return true;
        }
        if self.index.any(PERSONAL | ADDRESS, ls..at) {
            return false;
        }
        let mut end = ls;
        for _ in 0..3 {
            if end == 0 {
                break;
            }
            let prev_end = end - 1; // the '\n'
            let prev_start = self.line_start(prev_end);
            let line = &self.norm[prev_start..prev_end];
            let content = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
            if content.trim().is_empty() || line.len() > 100 {
                break;
            }
            if self.index.any(ORG_NAME, prev_start..prev_end) {
                return true;
            }
            if self.index.any(PERSONAL | ADDRESS, prev_start..prev_end) {
                return false;
            }
            end = prev_start;
        }
        false
    }

    /// Organisation context for a phone number or address at `at`, weighed
    /// against personal words: `true` when it belongs to an organisation.
    fn organisational(&self, at: usize, extra: u32) -> bool {
        let personal = self.near_before_on_line(PERSONAL, at, NEAR);
        let org = self.near_before_on_line(ORG_ROLE | extra, at, NEAR);
        match (org, personal) {
            (Some(o), Some(p)) if p < o => false,
            (Some(_), _) => true,
            (None, Some(_)) => false,
            (None, None) => self.in_signature(at),
        }
    }

    /// Checksum-valid look-alikes used as examples or labelled as order numbers.
    fn labelled_other(&self, at: usize, positive: u32) -> bool {
        if self.near_before(EXAMPLE, at, 80).is_some() {
            return true;
        }
        let neg = self.near_before_on_line(NOT_ID, at, 40);
        let pos = self.near_before(positive, at, NEAR);
        match (neg, pos) {
            (Some(n), Some(p)) => n < p,
            (Some(_), None) => true,
            _ => false,
        }
    }

    // ---- IBAN -----------------------------------------------------------

    fn ibans(&self, starts: &[usize], taken: &mut Vec<Range<usize>>, out: &mut Vec<Hit>) {
        let norm = self.norm;
        for &start in starts {
            let cc = norm[start..start + 2].to_ascii_uppercase();
            let Some(&len) = self.det.iban_lengths.get(&cc) else {
                continue;
            };
            let (compact, end) = collect_alnum(norm, start, len);
            if compact.len() >= 10 {
                // IBAN-shaped (even with a typo): its digits are no phone or BSN.
                taken.push(start..end);
            }
            if compact.len() != len
                || norm
                    .as_bytes()
                    .get(end)
                    .is_some_and(u8::is_ascii_alphanumeric)
            {
                continue;
            }
            if !checksums::iban(&compact, len) || !bban_plausible(&compact) {
                continue;
            }
            if self.det.allow_ibans.iter().any(|a| *a == squash(&compact)) {
                continue;
            }
            if self.near_before(EXAMPLE, start, 80).is_some() {
                continue;
            }
            // The school's, parents' council's or a foundation's own account.
            let org_before = self.near_before(ORG_NAME | ORG_ROLE, start, NEAR);
            let org_after = self
                .index
                .within(ORG_NAME, end..self.fwd(end, NEAR))
                .next()
                .map(|f| f.range.start - end);
            let org = match (org_before, org_after) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let personal = self.near_before(PERSONAL, start, NEAR);
            let organisational = match (org, personal) {
                (Some(o), Some(p)) => o < p,
                (Some(_), None) => true,
                _ => false,
            };
            if organisational {
                continue;
            }
            out.push(self.hit(self.det.r_iban, start..end, Some(detail("IBAN", "IBAN"))));
        }
    }

    // ---- numbers: national ids, cards, phones ----------------------------

    fn numbers(&self, runs: &[Range<usize>], taken: &Spans, out: &mut Vec<Hit>) {
        let norm = self.norm;
        let bytes = norm.as_bytes();
        for r in runs {
            let (s, e) = (r.start, r.end);
            if taken.overlaps(r) {
                continue;
            }
            let plus = (bytes[s] == b'+').then_some(s);
            let groups = digit_groups(norm, s, e);
            self.run(&groups, plus, out);
        }
    }

    /// Tries every stretch of consecutive digit groups, longest first
    /// (at most 19 digits, so a long run of numbers stays linear).
    fn run(&self, groups: &[Group], plus: Option<usize>, out: &mut Vec<Hit>) {
        let n = groups.len();
        let mut i = 0;
        while i < n {
            let mut last = i;
            let mut digits = 0;
            while last < n {
                digits += groups[last].range.len();
                if digits > 19 {
                    break;
                }
                last += 1;
            }
            let mut matched = None;
            for j in (i..last).rev() {
                let lead = if i == 0 { plus } else { None };
                if let Some(found) = self.classify(&groups[i..=j], lead) {
                    matched = Some((j, found));
                    break;
                }
            }
            match matched {
                Some((j, hit)) => {
                    out.extend(hit);
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }

    /// `Some(Some(hit))`: an identifier to report; `Some(None)`: a number that
    /// is recognised but stays quiet (a school's phone); `None`: nothing.
    fn classify(&self, groups: &[Group], plus: Option<usize>) -> Option<Option<Hit>> {
        let start = groups.first()?.range.start;
        let end = groups.last()?.range.end;
        let intl = plus.is_some() || self.norm[start..].starts_with("00");
        let mut digits = String::with_capacity(20);
        for g in groups {
            if intl && g.trunk_zero {
                continue;
            }
            digits.push_str(&self.norm[g.range.clone()]);
        }
        let span = plus.unwrap_or(start)..end;
        if intl {
            return self.phone(&digits, plus.is_some(), span);
        }
        let natid_nl = self.near_before(NATID_NL, start, NEAR).is_some();
        match digits.len() {
            8 | 9 => {
                let padded = if digits.len() == 8 {
                    if !natid_nl {
                        return None;
                    }
                    format!("0{digits}")
                } else {
                    digits.clone()
                };
                let looks_phone = padded.starts_with('0') && !natid_nl;
                if !looks_phone {
                    if checksums::bsn(&padded) {
                        if self.labelled_other(start, NATID_NL) {
                            return Some(None);
                        }
                        return Some(Some(self.hit(
                            self.det.r_bsn,
                            span,
                            Some(detail("BSN", "BSN (Dutch citizen service number)")),
                        )));
                    }
                    if checksums::onderwijsnummer(&padded) {
                        if self.labelled_other(start, NATID_NL) {
                            return Some(None);
                        }
                        return Some(Some(self.hit(
                            self.det.r_bsn,
                            span,
                            Some(detail(
                                "onderwijsnummer",
                                "onderwijsnummer (Dutch pupil number)",
                            )),
                        )));
                    }
                }
                if digits.len() == 9 {
                    return self.phone(&digits, false, span);
                }
                None
            }
            10 => self.phone(&digits, false, span),
            11 => {
                if !checksums::rijksregisternummer(&digits) {
                    return None;
                }
                if self.labelled_other(start, NATID_BE) {
                    return Some(None);
                }
                Some(Some(self.hit(
                    self.det.r_rrn,
                    span,
                    Some(detail(
                        "rijksregisternummer",
                        "rijksregisternummer (Belgian national number)",
                    )),
                )))
            }
            12..=19 => {
                let brand = checksums::payment_card(&digits)?;
                if self.labelled_other(start, CARD) {
                    return Some(None);
                }
                Some(Some(self.hit(
                    self.det.r_card,
                    span,
                    Some(detail(
                        format!("{brand}-kaartnummer"),
                        format!("{brand} card number"),
                    )),
                )))
            }
            _ => None,
        }
    }

    fn phone(&self, digits: &str, plus: bool, span: Range<usize>) -> Option<Option<Hit>> {
        let (national, kind) = phone::classify(digits, plus)?;
        let at = span.start;
        if kind == PhoneKind::Service
            || self.det.allow_phones.contains(&national)
            || self.near_before(EXAMPLE, at, 60).is_some()
            || self.near_before_on_line(NOT_ID, at, 30).is_some()
        {
            return Some(None);
        }
        let personal = self
            .near_before_on_line(PERSONAL, at, NEAR)
            .or_else(|| self.near_before(PERSONAL, at, 30));
        let organisational = self.organisational(at, ORG_NAME);
        let fire = match kind {
            PhoneKind::Mobile => !organisational,
            _ => personal.is_some() && !organisational,
        };
        if !fire {
            return Some(None);
        }
        let what = match kind {
            PhoneKind::Mobile => detail("gsm-nummer", "mobile number"),
            _ => detail("telefoonnummer", "phone number"),
        };
        Some(Some(self.hit(self.det.r_phone, span, Some(what))))
    }

    // ---- home addresses ---------------------------------------------------

    fn addresses(&self, starts: &[usize], out: &mut Vec<Hit>) {
        let norm = self.norm;
        for &at in starts {
            let limit = floor(norm, at.saturating_add(200));
            let Some(c) = self
                .det
                .patterns()
                .street_re
                .captures_at(&norm[..limit], at)
            else {
                continue;
            };
            let (Some(street), Some(number), Some(all)) = (c.get(1), c.get(2), c.get(0)) else {
                continue;
            };
            let word_start = street.start();
            let street_word = street.as_str();
            let suffix_only = self.det.street_suffixes.contains(street_word);
            let prev_capitalised = self.previous_word_capitalised(word_start);
            if suffix_only && !prev_capitalised {
                continue;
            }
            // What follows the number: a unit makes it a quantity.
            let after = &norm[all.end()..];
            if self.quantity_follows(after) {
                continue;
            }
            let capitalised = self.doc.is_capitalised(word_start);
            let context = self
                .near_before(ADDRESS | PERSONAL, word_start, 80)
                .is_some();
            if !capitalised && !context {
                continue;
            }
            let mut end = all.end();
            let mut has_postcode = false;
            let window_end = self.fwd(end, 80);
            if let Some(p) = self
                .det
                .patterns()
                .postcode_re
                .captures(&norm[end..window_end])
            {
                let base = end;
                let letters = p.get(2);
                let city = p
                    .get(3)
                    .filter(|c| self.doc.is_capitalised(base + c.start()));
                if letters.is_some() || city.is_some() {
                    has_postcode = true;
                    end = match (city, letters) {
                        (Some(c), _) => self.extend_city(base + c.end()),
                        (None, Some(l)) => base + l.end(),
                        (None, None) => end,
                    };
                }
            }
            if !has_postcode && !context {
                continue;
            }
            let start = self.extend_street_back(word_start);
            if self.organisational(start, ORG_NAME | VENUE) {
                continue;
            }
            let squashed = squash(&self.doc.original[self.doc.norm_to_original(start..end)]);
            if self.det.allow_addresses.iter().any(|a| {
                a.contains(&squash(&norm[start..number.end()])) || squashed.contains(a.as_str())
            }) {
                continue;
            }
            out.push(self.hit(self.det.r_address, start..end, None));
        }
    }

    /// Whether the text after a number starts with a unit ("5 keer", "12 uur", "3 %").
    fn quantity_follows(&self, after: &str) -> bool {
        let t = after.trim_start_matches([' ', '\t']);
        if t.starts_with('%')
            || t.starts_with(':') && t[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return true;
        }
        if (t.starts_with('.') || t.starts_with(','))
            && t[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return true;
        }
        let word: String = t
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '%')
            .collect();
        !word.is_empty() && self.det.units.contains(&word)
    }

    /// Whether the word before `at` (on the same line, no punctuation between) is capitalised.
    fn previous_word_capitalised(&self, at: usize) -> bool {
        let before = &self.norm[..at];
        let trimmed = before.trim_end_matches([' ', '\t']);
        if trimmed.len() == before.len() {
            return false;
        }
        let word_start = trimmed
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .map_or(0, |i| {
                i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
            });
        word_start < trimmed.len() && self.doc.is_capitalised(word_start)
    }

    /// Widens a street name over capitalised words before it ("Pastoor Cooremansstraat").
    fn extend_street_back(&self, mut start: usize) -> usize {
        for _ in 0..2 {
            let Some(before) = self.norm[..start].strip_suffix(' ') else {
                break;
            };
            let ws = before
                .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .map_or(0, |i| {
                    i + before[i..].chars().next().map_or(1, char::len_utf8)
                });
            if ws >= before.len() || !self.doc.is_capitalised(ws) {
                break;
            }
            start = ws;
        }
        start
    }

    /// Extends the end of an address over the rest of a city name.
    fn extend_city(&self, mut end: usize) -> usize {
        for _ in 0..2 {
            let rest = &self.norm[end..];
            let Some(word) = rest.strip_prefix(' ') else {
                break;
            };
            let len = word
                .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .unwrap_or(word.len());
            if len == 0 || !self.doc.is_capitalised(end + 1) {
                break;
            }
            end += 1 + len;
        }
        end
    }

    // ---- dates of birth ---------------------------------------------------

    fn birth_dates(&self, starts: &[usize], out: &mut Vec<Hit>) {
        let norm = self.norm;
        for &at in starts {
            let Some(c) = self.det.patterns().date_re.captures_at(norm, at) else {
                continue;
            };
            let Some(all) = c.get(0) else { continue };
            let (day, month, year) =
                if let (Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3)) {
                    (d.as_str(), month_number(m.as_str()), Some(y.as_str()))
                } else if let (Some(d), Some(m), Some(y)) = (c.get(4), c.get(5), c.get(6)) {
                    (d.as_str(), month_number(m.as_str()), Some(y.as_str()))
                } else if let (Some(m), Some(d), Some(y)) = (c.get(7), c.get(8), c.get(9)) {
                    (d.as_str(), month_number(m.as_str()), Some(y.as_str()))
                } else if let (Some(y), Some(m), Some(d)) = (c.get(10), c.get(11), c.get(12)) {
                    (d.as_str(), month_number(m.as_str()), Some(y.as_str()))
                } else {
                    continue;
                };
            let day: u32 = day.parse().unwrap_or(0);
            if !(1..=31).contains(&day) || !(1..=12).contains(&month) || year.is_none() {
                continue;
            }
            // Part of a longer number (an RRN written with dots, a phone)?
            let b = norm.as_bytes();
            if all.start() > 0 && matches!(b[all.start() - 1], b'.' | b'-' | b'/')
                || all.end() < b.len() && matches!(b[all.end()], b'-' | b'/')
                || all.end() + 1 < b.len()
                    && b[all.end()] == b'.'
                    && b[all.end() + 1].is_ascii_digit()
            {
                continue;
            }
            let at = all.start();
            let birth = self.index.last_before(
                BIRTH | BIRTHDAY,
                self.back(at, 40).max(self.line_start(at)),
                at + 1,
            );
            let Some(term) = birth else { continue };
            let between = term.range.end.min(at)..at;
            if self.index.any(RANGE, between.clone()) {
                continue;
            }
            // Nothing but a few words between the birth word and the date.
            if norm[between].split_whitespace().count() > 4 {
                continue;
            }
            out.push(self.hit(self.det.r_birth, all.start()..all.end(), None));
        }
    }
}

/// The number of a month name, or of a month written in digits.
fn month_number(m: &str) -> u32 {
    if let Ok(n) = m.parse::<u32>() {
        return n;
    }
    let m = m.trim_end_matches('.');
    const NAMES: [&[&str]; 12] = [
        &["jan", "januari", "january"],
        &["feb", "februari", "february"],
        &["mrt", "maart", "mar", "march"],
        &["apr", "april"],
        &["mei", "may"],
        &["jun", "juni", "june"],
        &["jul", "juli", "july"],
        &["aug", "augustus", "august"],
        &["sep", "sept", "september"],
        &["okt", "oct", "oktober", "october"],
        &["nov", "november"],
        &["dec", "december"],
    ];
    NAMES
        .iter()
        .position(|names| names.contains(&m))
        .map_or(0, |i| i as u32 + 1)
}

/// One pass over the digits of `norm`: where IBANs may start (two letters
/// and two digits at a word start, for a known country) and the runs of digit
/// groups joined by single separators (`0470/12.34.56`, `+31 (0)6 …`) that
/// hold at least 8 digits and stand free of letters and codes.
fn number_runs(
    norm: &str,
    iban_lengths: &HashMap<String, usize>,
) -> (Vec<usize>, Vec<Range<usize>>) {
    let b = norm.as_bytes();
    let n = b.len();
    let mut ibans = Vec::new();
    let mut runs = Vec::new();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < n {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // An IBAN's country code and check digits: "nl91".
        if i >= 2
            && b[i - 1].is_ascii_lowercase()
            && b[i - 2].is_ascii_lowercase()
            && (i == 2 || !word(b[i - 3]))
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            let cc = [b[i - 2].to_ascii_uppercase(), b[i - 1].to_ascii_uppercase()];
            if iban_lengths.contains_key(std::str::from_utf8(&cc).unwrap_or("")) {
                ibans.push(i - 2);
            }
        }
        let mut start = i;
        if start > 0 && b[start - 1] == b'(' {
            start -= 1;
        }
        if start > 0 && b[start - 1] == b'+' {
            start -= 1;
        } else if start > 1 && b[start - 1] == b' ' && b[start - 2] == b'+' {
            start -= 2;
        }
        let mut j = i;
        let mut digits = 0;
        let mut end;
        loop {
            while j < n && b[j].is_ascii_digit() {
                j += 1;
                digits += 1;
            }
            end = j;
            let mut k = j;
            while k < n && matches!(b[k], b' ' | b'\t') {
                k += 1;
            }
            let spaced = k > j;
            if k + 2 < n && &b[k..k + 3] == b"(0)" {
                k += 3;
            } else if k < n && matches!(b[k], b'.' | b'-' | b'/' | b'\n' | b'(' | b')') {
                k += 1;
            } else if !spaced {
                break;
            }
            while k < n && matches!(b[k], b' ' | b'\t') {
                k += 1;
            }
            if k < n && b[k].is_ascii_digit() {
                j = k;
            } else {
                break;
            }
        }
        if digits >= 8 && left_ok(b, start) && right_ok(b, end) {
            runs.push(start..end);
        }
        i = end.max(i + 1);
    }
    (ibans, runs)
}

/// A digit group of a number run, in `norm`.
struct Group {
    range: Range<usize>,
    /// The `0` of `(0)` after a country code.
    trunk_zero: bool,
}

fn digit_groups(norm: &str, s: usize, e: usize) -> Vec<Group> {
    let b = norm.as_bytes();
    let mut out = Vec::new();
    let mut i = s;
    while i < e {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < e && b[i].is_ascii_digit() {
                i += 1;
            }
            let trunk_zero = &norm[start..i] == "0"
                && start > 0
                && b[start - 1] == b'('
                && i < b.len()
                && b[i] == b')';
            out.push(Group {
                range: start..i,
                trunk_zero,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// Nothing glued before a number run: no letter, no `PO-`, no amount sign.
fn left_ok(b: &[u8], s: usize) -> bool {
    if s == 0 {
        return true;
    }
    let c = b[s - 1];
    // `€` is three bytes ending in 0xAC.
    if c.is_ascii_alphanumeric()
        || matches!(c, b'_' | b'@' | b'#' | b'$' | b'\\' | b'=' | b'&' | 0xAC)
    {
        return false;
    }
    let Some(&p) = s.checked_sub(2).and_then(|i| b.get(i)) else {
        return true;
    };
    match c {
        // "PO-2025", "AB/123": part of a code.
        b'-' | b'/' => !p.is_ascii_alphanumeric(),
        // "v1.2", "12:30", "1,5"; but "tel.0612…" and "BSN:1234…" are fine.
        b'.' | b',' | b':' => !p.is_ascii_digit(),
        _ => true,
    }
}

/// Nothing glued after a number run: no letter, no time or amount continuation.
fn right_ok(b: &[u8], e: usize) -> bool {
    let Some(&c) = b.get(e) else { return true };
    let next = b.get(e + 1).copied().unwrap_or(b' ');
    if c.is_ascii_alphabetic() || matches!(c, b'_' | b'@' | b'%') {
        return false;
    }
    !(matches!(c, b'-' | b'.' | b'/' | b':' | b',') && next.is_ascii_alphanumeric())
}

/// Collects up to `len` letters and digits from `at`, allowing single
/// separators (space, dash, dot) between them. Returns the compact text and
/// the end offset of what was collected.
fn collect_alnum(norm: &str, at: usize, len: usize) -> (String, usize) {
    let b = norm.as_bytes();
    let mut out = String::with_capacity(len);
    let mut i = at;
    let mut end = at;
    while i < b.len() && out.len() < len {
        let c = b[i];
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase() as char);
            i += 1;
            end = i;
        } else if matches!(c, b' ' | b'-' | b'.')
            && end == i
            && i > at
            && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            i += 1;
        } else {
            break;
        }
    }
    (out, end)
}

/// The BBAN has digits where every country has them: a cheap guard against
/// words that happen to pass mod 97.
fn bban_plausible(iban: &str) -> bool {
    let bban = &iban[4..];
    let digits = bban.bytes().filter(u8::is_ascii_digit).count();
    match &iban[..2] {
        "NL" => {
            bban[..4].bytes().all(|c| c.is_ascii_alphabetic())
                && bban[4..].bytes().all(|c| c.is_ascii_digit())
        }
        "BE" | "DE" => bban.bytes().all(|c| c.is_ascii_digit()),
        _ => digits * 2 >= bban.len(),
    }
}

#[cfg(test)]
mod tests;
