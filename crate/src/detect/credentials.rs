//! R1: credentials — a password, PIN, login or Wi-Fi code, API key or private
//! key written into a draft.
//!
//! The scanner hands this detector the places where a credential word occurs
//! (matched in the `keys` view, so `w@chtw00rd` and `p a s w o o r d` count).
//! From each it reads on in the `norm` view the way people write Dutch and
//! English: "het nieuwe ww voor de klascomputers is …", "Pincode: 4820",
//! "de code van het alarm is gewijzigd naar 7391", "wifi: Schoolnet / Welkom01",
//! "inloggen met juf.anja en Welkom2024!". A value must look like a secret
//! (digits, symbols, mixed case), so "het wachtwoord is gewijzigd" and
//! "kies een wachtwoord van minstens 12 tekens" stay quiet. Secrets with a
//! known shape (private keys, JWTs, cloud API keys) are found by format.
//! The finding's span is the secret itself, never the keyword or username.

mod secrets;

use super::identifiers::spans::Spans;
use super::identifiers::wordlist::{self, Lexicon};
use super::{Detector, Hit, Input, KeywordHit};
use crate::error::Error;
use crate::policy::Policy;
use crate::rule::{builtin_rules, Rule};
use crate::scanner::{detail, rule_index};
use crate::text::Document;
use secrets::SecretFormats;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

const FILE: &str = "data/rules/credentials.json";
const RULES: &str = data_file!("rules/credentials.json");
const PASSWORD_WORDS: &str = data_file!("credentials/password_words.txt");
const PASS_WORDS: &str = data_file!("credentials/pass_words.txt");
const CODE_WORDS: &str = data_file!("credentials/code_words.txt");
const KEY_WORDS: &str = data_file!("credentials/key_words.txt");
const LOGIN_WORDS: &str = data_file!("credentials/login_words.txt");
const CUES: &str = data_file!("credentials/spelling_cues.txt");
const CODE_PREFIXES: &str = data_file!("credentials/code_prefixes.txt");
const NOT_CODE_WORDS: &str = data_file!("credentials/not_code_words.txt");
const KEY_CONTEXT: &str = data_file!("credentials/key_context.txt");
const NOT_SECRET: &str = data_file!("credentials/not_secret.txt");
const GRAMMAR: &str = data_file!("credentials/grammar.txt");
const UNITS: &str = data_file!("identifiers/units.txt");

/// What a keyword of this detector is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// wachtwoord, paswoord, ww, pin, password …
    Password,
    /// "pass" and the like: only with ":" or "=" right after.
    Pass,
    /// code: alone or with a known first part (kopieercode, wifi-code).
    Code,
    /// A bare "code" (no first part): its values must be longer or numeric.
    BareCode,
    /// sleutel, key, token: needs a known first part or network/API context.
    Key,
    /// gebruikersnaam, login, account, wifi: opens a username + password pair.
    Login,
    /// hoofdletter, uitroepteken, zonder spaties: describes a password's spelling.
    Cue,
    /// A prefix of a known secret format (AKIA, eyJ, ghp_ …).
    Format,
}

#[derive(Debug, Clone, Copy)]
struct Keyword {
    kind: Kind,
    /// Letters may come before it (the head of a compound).
    glue: bool,
}

/// How a value was reached from its keyword; decides how secret it must look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// Right after the keyword: "paswoord spaghetti2025".
    Direct,
    /// After "is", "wordt", "gewijzigd naar": "het ww is Tulp2023!".
    Copula,
    /// After ":" or "=": "Wachtwoord: bloem47".
    Colon,
    /// The second half of a pair: "inval.bingel / Juf2025!".
    Pair,
}

struct Grammar {
    linker: HashSet<String>,
    change: HashSet<String>,
    prep: HashSet<String>,
    filler: HashSet<String>,
    determiner: HashSet<String>,
    adjective: HashSet<String>,
    pair: HashSet<String>,
    example: HashSet<String>,
    clause: HashSet<String>,
    before_code: HashSet<String>,
}

pub struct Credentials {
    rules: Vec<Rule>,
    r_value: usize,
    r_pair: usize,
    r_format: usize,
    r_described: usize,
    terms: Vec<String>,
    kinds: Vec<Keyword>,
    code_prefixes: HashSet<String>,
    not_code: HashSet<String>,
    not_secret: HashSet<String>,
    units: HashSet<String>,
    key_context: Lexicon,
    g: Grammar,
    formats: SecretFormats,
}

impl Credentials {
    pub fn new(_policy: &Policy) -> Result<Self, Error> {
        let rules = builtin_rules(FILE, RULES)?;
        let idx = |id: &str| rule_index(&rules, id, FILE);
        let mut terms = Vec::new();
        let mut kinds = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let lists = [
            (Kind::Password, PASSWORD_WORDS),
            (Kind::Pass, PASS_WORDS),
            (Kind::Code, CODE_WORDS),
            (Kind::Key, KEY_WORDS),
            (Kind::Login, LOGIN_WORDS),
            (Kind::Cue, CUES),
        ];
        for (kind, data) in lists {
            for t in wordlist::parse(data) {
                if seen.contains_key(&t.text) {
                    continue;
                }
                seen.insert(t.text.clone(), terms.len());
                terms.push(t.text);
                kinds.push(Keyword {
                    kind,
                    glue: t.glue_before,
                });
            }
        }
        for p in secrets::PREFIXES {
            if !seen.contains_key(*p) {
                terms.push(p.to_string());
                kinds.push(Keyword {
                    kind: Kind::Format,
                    glue: true,
                });
            }
        }
        let mut s = wordlist::sections(GRAMMAR);
        let mut take = |name: &str| -> Result<HashSet<String>, Error> {
            s.remove(name).ok_or_else(|| Error::Builtin {
                file: "data/credentials/grammar.txt".into(),
                message: format!("section [{name}] is missing"),
            })
        };
        let g = Grammar {
            linker: take("linker")?,
            change: take("change")?,
            prep: take("prep")?,
            filler: take("filler")?,
            determiner: take("determiner")?,
            adjective: take("adjective")?,
            pair: take("pair")?,
            example: take("example")?,
            clause: take("clause")?,
            before_code: take("before-code")?,
        };
        Ok(Credentials {
            r_value: idx("password.keyword-value")?,
            r_pair: idx("password.login-pair")?,
            r_format: idx("password.secret-format")?,
            r_described: idx("password.described")?,
            rules,
            terms,
            kinds,
            code_prefixes: wordlist::word_set(CODE_PREFIXES),
            not_code: wordlist::word_set(NOT_CODE_WORDS),
            not_secret: wordlist::word_set(NOT_SECRET),
            units: wordlist::word_set(UNITS),
            key_context: Lexicon::new("data/credentials/key_context.txt", &[(1, KEY_CONTEXT)])?,
            g,
            formats: SecretFormats::new()?,
        })
    }
}

impl Detector for Credentials {
    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn keywords(&self) -> Vec<String> {
        self.terms.clone()
    }

    fn detect(&self, input: &Input<'_>, out: &mut Vec<Hit>) {
        let doc = input.doc;
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        let mut formats_done = false;
        let mut format_ranges: Vec<Range<usize>> = Vec::new();
        let mut cues = Vec::new();
        let spaces = std::cell::OnceCell::new();
        for kh in input.keywords {
            let Some(kw) = self.kinds.get(kh.keyword).copied() else {
                continue;
            };
            match kw.kind {
                Kind::Format => {
                    if !formats_done {
                        formats_done = true;
                        let mut secrets = Vec::new();
                        self.formats.find(doc.original, &mut secrets);
                        for s in secrets {
                            format_ranges.push(s.range.clone());
                            let mut h = Hit::new(self.r_format, s.range);
                            h.detail = Some(detail(s.nl, s.en));
                            out.push(h);
                        }
                    }
                }
                Kind::Cue => cues.push(doc.keys_to_norm(kh.keys.clone())),
                _ => {
                    let reader = Reader {
                        det: self,
                        doc,
                        spaces: &spaces,
                    };
                    if let Some(f) = reader.read_keyword(kh, kw) {
                        found.push(f);
                    }
                }
            }
        }
        for cue in cues {
            let reader = Reader {
                det: self,
                doc,
                spaces: &spaces,
            };
            if let Some(r) = reader.described(cue) {
                found.push((self.r_described, r));
            }
        }
        // One finding per secret: the first rule that found it wins. Every
        // secret is reported (no cap), and the check against the secrets of
        // a known format is a binary search, so many of both stay linear.
        found.sort_by_key(|(rule, r)| (r.start, std::cmp::Reverse(r.end), *rule));
        let format_ranges = Spans::new(format_ranges);
        let mut last_end = 0;
        for (rule, r) in found {
            if r.start < last_end {
                continue;
            }
            last_end = r.end;
            let span = doc.norm_to_original(r);
            // A secret of a known format is reported as such.
            if format_ranges.overlaps(&span) {
                continue;
            }
            out.push(Hit::new(rule, span));
        }
    }
}

/// A whitespace-separated token of `norm`.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    /// A line break lies between this token and the one before.
    newline: bool,
    /// A blank line lies between them.
    blank: bool,
}

const LEAD: &[char] = &['"', '\'', '(', '[', '{', '<', '«', '‹', '`', '“', '‘'];
const TRAIL: &[char] = &[
    '.', ',', ';', ':', ')', ']', '}', '>', '"', '\'', '»', '›', '`', '?', '”', '’', '…',
];

/// The core of a token (quotes and trailing punctuation stripped), absolute offsets.
fn core(s: &str, t: Tok) -> Range<usize> {
    let raw = &s[t.start..t.end];
    let lead = raw.len() - raw.trim_start_matches(LEAD).len();
    let inner = &raw[lead..];
    let trail = inner.len() - inner.trim_end_matches(TRAIL).len();
    t.start + lead..t.end - trail
}

/// The longest token read as a typed credential value (bytes).
const MAX_VALUE_TOKEN: usize = 256;

struct Reader<'a> {
    det: &'a Credentials,
    doc: &'a Document<'a>,
    /// Where `norm`'s whitespace is, built on first use and shared by every
    /// keyword of the draft: finding the ends of a token is then a binary
    /// search, not a walk over it (many keywords inside one long token stay
    /// linear).
    spaces: &'a std::cell::OnceCell<Spaces>,
}

/// Byte offsets of the whitespace characters of a text, in order.
struct Spaces(Vec<usize>);

impl Spaces {
    fn of(text: &str) -> Spaces {
        Spaces(
            text.char_indices()
                .filter(|(_, c)| c.is_whitespace())
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The first whitespace at or after `at`.
    fn next(&self, at: usize) -> Option<usize> {
        self.0.get(self.0.partition_point(|&p| p < at)).copied()
    }

    /// The last whitespace before `at`.
    fn prev(&self, at: usize) -> Option<usize> {
        let i = self.0.partition_point(|&p| p < at);
        i.checked_sub(1).map(|i| self.0[i])
    }
}

impl Reader<'_> {
    fn norm(&self) -> &str {
        &self.doc.norm.text
    }

    fn spaces(&self) -> &Spaces {
        self.spaces.get_or_init(|| Spaces::of(self.norm()))
    }

    /// The next token at or after `pos`.
    fn next_tok(&self, pos: usize) -> Option<Tok> {
        let s = self.norm();
        let rest = s.get(pos..)?;
        let skip = rest.find(|c: char| !c.is_whitespace())?;
        let newlines = rest[..skip].matches('\n').count();
        let start = pos + skip;
        Some(Tok {
            start,
            end: self.spaces().next(start).unwrap_or(s.len()),
            newline: newlines > 0,
            blank: newlines > 1,
        })
    }

    /// The token that ends at or before `pos`.
    fn prev_tok(&self, pos: usize) -> Option<Tok> {
        let s = self.norm();
        let before = s.get(..pos)?;
        let end = before.trim_end().len();
        if end == 0 {
            return None;
        }
        let start = self
            .spaces()
            .prev(end)
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        let gap = &before[end..];
        Some(Tok {
            start,
            end,
            newline: gap.contains('\n'),
            blank: gap.matches('\n').count() > 1,
        })
    }

    fn word(&self, t: Tok) -> &str {
        &self.norm()[core(self.norm(), t)]
    }

    fn trail(&self, t: Tok) -> &str {
        &self.norm()[core(self.norm(), t).end..t.end]
    }

    /// Reads on from a keyword; returns the rule and `norm` range of a value.
    fn read_keyword(&self, kh: &KeywordHit, kw: Keyword) -> Option<(usize, Range<usize>)> {
        let keys = &self.doc.keys.text;
        let kr = kh.keys.clone();
        // The keyword must end its word ("wachtwoorden", "wachtwoord-reset" are other words).
        let mut after = keys[kr.end..].chars();
        match after.next() {
            Some(c) if c.is_alphanumeric() => return None,
            Some('-') if after.next().is_some_and(char::is_alphabetic) => return None,
            _ => {}
        }
        // What comes before it inside the same word: a compound's first part.
        let word_start = keys[..kr.start]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map_or(0, |i| {
                i + keys[i..].chars().next().map_or(1, char::len_utf8)
            });
        let prefix = &keys[word_start..kr.start];
        let nr = self.doc.keys_to_norm(kr);
        let prev_word = self
            .prev_tok(self.norm_word_start(nr.start))
            .filter(|t| !t.newline)
            .map(|t| self.word(t).to_string())
            .unwrap_or_default();
        match kw.kind {
            Kind::Password | Kind::Login | Kind::Pass => {
                if !(prefix.is_empty() || kw.glue && prefix.chars().any(char::is_alphabetic)) {
                    return None;
                }
            }
            Kind::Code => {
                // "postcode", "QR-code", "toets code": another kind of code.
                let p = prefix.trim_end_matches('-');
                if !p.is_empty() && self.not_code_compound(p) {
                    return None;
                }
                if p.is_empty() && !self.fits_before_code(nr.start) {
                    return None;
                }
            }
            Kind::Key => {
                let p = prefix.trim_end_matches('-');
                let known = !p.is_empty() && self.det.code_prefixes.contains(p);
                if !p.is_empty() && !known {
                    return None;
                }
                if p.is_empty()
                    && !self.det.code_prefixes.contains(&prev_word)
                    && !self.key_context_near(nr.clone())
                {
                    // A bare "key"/"token": only a value that looks like a token.
                    return self
                        .forward(nr.end, kw.kind, true)
                        .map(|r| (self.det.r_value, r));
                }
            }
            _ => return None,
        }
        if kw.kind == Kind::Login {
            return self.pair(nr.end).map(|r| (self.det.r_pair, r));
        }
        // Short forms (ww, pw, pin) also abbreviate other words ("ww" is
        // "werkwoord" in a grammar lesson): their values must not be plain words.
        let bare =
            prefix.trim_end_matches('-').is_empty() && !self.det.code_prefixes.contains(&prev_word);
        let value_kind = match kw.kind {
            Kind::Password if self.det.terms[kh.keyword].len() <= 3 => Kind::Code,
            Kind::Code if bare => Kind::BareCode,
            k => k,
        };
        if let Some(r) = self.forward(nr.end, value_kind, false) {
            return Some((self.det.r_value, r));
        }
        if kw.kind != Kind::Pass {
            if let Some(r) = self.backward(nr.start) {
                return Some((self.det.r_value, r));
            }
        }
        None
    }

    /// Whether the first part of a "…code" compound makes it a non-secret
    /// code ("post", "qr", "kortings"); checked on the part's own ending too
    /// ("schoolpost" → "post").
    fn not_code_compound(&self, p: &str) -> bool {
        let p = p.rsplit('-').next().unwrap_or(p);
        let p = p.strip_suffix('s').filter(|q| q.len() > 2).map_or(p, |q| {
            if self.det.not_code.contains(q) {
                q
            } else {
                p
            }
        });
        if self.det.not_code.contains(p) {
            return true;
        }
        // The last part of a longer compound: "fietsenstallingscode" is fine,
        // "e-mailpostcode" is not.
        self.det
            .not_code
            .iter()
            .any(|w| w.len() >= 4 && p.ends_with(w.as_str()) && !self.det.code_prefixes.contains(p))
    }

    /// Whether what stands before a bare "code" lets it be a credential:
    /// nothing, punctuation, a determiner or adjective, a code prefix, or a
    /// word that is not itself a noun for another kind of code.
    fn fits_before_code(&self, at: usize) -> bool {
        let Some(t) = self.prev_tok(self.norm_word_start(at)) else {
            return true;
        };
        if t.newline || !self.trail(t).is_empty() {
            return true;
        }
        let w = self.word(t);
        let g = &self.det.g;
        w.is_empty()
            || g.determiner.contains(w)
            || g.adjective.contains(w)
            || g.before_code.contains(w)
            || g.linker.contains(w)
            || self.det.code_prefixes.contains(w)
            || !w.chars().all(char::is_alphabetic)
            || !self.not_code_compound(w)
    }

    /// Start of the `norm` word holding `at`.
    fn norm_word_start(&self, at: usize) -> usize {
        let n = self.norm();
        self.spaces()
            .prev(at)
            .map_or(0, |i| i + n[i..].chars().next().map_or(1, char::len_utf8))
    }

    fn key_context_near(&self, r: Range<usize>) -> bool {
        let n = self.norm();
        let from = ceil(n, r.start.saturating_sub(100));
        let to = floor(n, r.end.saturating_add(40));
        !self.det.key_context.find_all(&n[from..to]).is_empty()
    }

    /// "<keyword> [phrase] (is|:|gewijzigd naar) [filler] <value>" or "<keyword> <value>".
    fn forward(&self, kw_end: usize, kind: Kind, token_only: bool) -> Option<Range<usize>> {
        let n = self.norm();
        let g = &self.det.g;
        // The rest of the keyword's own token: "wachtwoord:", "ww:Tulp12", "code,".
        let tok_end = self.spaces().next(kw_end).unwrap_or(n.len());
        let rest = &n[kw_end..tok_end];
        let mut link: Option<Link> = None;
        if let Some(r) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('=')) {
            let r = r.trim_start_matches(['=', '>']);
            if !r.is_empty() {
                let t = Tok {
                    start: tok_end - r.len(),
                    end: tok_end,
                    newline: false,
                    blank: false,
                };
                return self.value(t, Link::Colon, kind, token_only);
            }
            link = Some(Link::Colon);
        } else if !rest.is_empty()
            && rest
                .trim_start_matches(['"', '\'', ')', '’', '”'])
                .chars()
                .next()
                .is_some()
        {
            // "wachtwoord," "paswoord." "code?": the phrase ends here.
            return None;
        }
        if kind == Kind::Pass && link.is_none() {
            return None;
        }
        let mut pos = tok_end;
        let mut phrase = 0;
        let mut fillers = 0;
        let mut change = false;
        let mut colon_only = false;
        let mut broke_line = false;
        for _ in 0..16 {
            let t = self.next_tok(pos)?;
            pos = t.end;
            let w = self.word(t);
            let trail = self.trail(t);
            if t.blank {
                return None;
            }
            if t.newline {
                // A value may stand alone on the line after "Wachtwoord:".
                if link != Some(Link::Colon) || broke_line || fillers > 0 {
                    return None;
                }
                broke_line = true;
            }
            match link {
                None if colon_only => {
                    // Only a ":" can still link the value ("is hetzelfde als vorig jaar: …").
                    phrase += 1;
                    if n[t.start..t.end].ends_with(':') {
                        link = Some(Link::Colon);
                        continue;
                    }
                    if phrase > 10 || trail.contains(['.', '?', ';', '!']) || g.clause.contains(w) {
                        return None;
                    }
                }
                None => {
                    if matches!(
                        &n[t.start..t.end],
                        ":" | "=" | ":=" | "->" | "=>" | "→" | "–" | "-"
                    ) {
                        link = Some(Link::Colon);
                        continue;
                    }
                    if phrase == 0 && !change {
                        if let Some(v) = self.value(t, Link::Direct, kind, token_only) {
                            return Some(v);
                        }
                    }
                    if trail.is_empty() || trail == ":" {
                        if g.linker.contains(w) {
                            link = Some(if trail == ":" {
                                Link::Colon
                            } else {
                                Link::Copula
                            });
                            continue;
                        }
                        if change && g.prep.contains(w) {
                            link = Some(if trail == ":" {
                                Link::Colon
                            } else {
                                Link::Copula
                            });
                            continue;
                        }
                        if g.change.contains(w) {
                            change = true;
                            if trail == ":" {
                                link = Some(Link::Colon);
                            }
                            continue;
                        }
                    }
                    if change || g.clause.contains(w) {
                        return None;
                    }
                    phrase += 1;
                    if phrase > 10 {
                        return None;
                    }
                    if trail.contains(':') || n[t.start..t.end].ends_with('=') {
                        link = Some(Link::Colon);
                        continue;
                    }
                    if trail.contains(['.', '?', ';', '!']) || n[t.start..t.end].ends_with('!') {
                        return None;
                    }
                }
                Some(l) => {
                    if trail.is_empty() && fillers < 4 && g.filler.contains(w) {
                        fillers += 1;
                        continue;
                    }
                    // "was changed to", "is gewijzigd naar".
                    if trail.is_empty()
                        && fillers < 4
                        && (g.change.contains(w) || change && g.prep.contains(w))
                    {
                        change = true;
                        fillers += 1;
                        continue;
                    }
                    if g.example.contains(w) {
                        return None;
                    }
                    if let Some(v) = self.value(t, l, kind, token_only) {
                        return Some(v);
                    }
                    // "is hetzelfde als vorig jaar: Zomer2024": after a word
                    // that is no value, a later ":" in the clause may still link.
                    if l != Link::Copula || trail.contains(['.', '?', '!', ';']) || t.newline {
                        return None;
                    }
                    link = None;
                    colon_only = true;
                    if trail.contains(':') {
                        link = Some(Link::Colon);
                    }
                }
            }
        }
        None
    }

    /// "<value> is het (nieuwe) wachtwoord": a value before its keyword.
    fn backward(&self, kw_start: usize) -> Option<Range<usize>> {
        let g = &self.det.g;
        let mut t = self.prev_tok(self.norm_word_start(kw_start))?;
        for _ in 0..3 {
            let w = self.word(t);
            let det = g.determiner.contains(w) || g.adjective.contains(w);
            if !det || !self.trail(t).is_empty() {
                break;
            }
            if t.newline {
                return None;
            }
            t = self.prev_tok(t.start)?;
        }
        if t.newline
            || !self.trail(t).is_empty()
            || !matches!(self.word(t), "is" | "was" | "wordt" | "blijft")
        {
            return None;
        }
        let v = self.prev_tok(t.start)?;
        if v.newline {
            return None;
        }
        self.value(v, Link::Direct, Kind::Password, false)
    }

    /// After a login word: "<user> (/|en|,) <password>".
    fn pair(&self, kw_end: usize) -> Option<Range<usize>> {
        let n = self.norm();
        let g = &self.det.g;
        let mut pos = kw_end;
        let mut linked = false;
        let mut phrase = 0;
        let mut user: Option<Tok> = None;
        for _ in 0..16 {
            let t = self.next_tok(pos)?;
            pos = t.end;
            if t.newline {
                return None;
            }
            let w = self.word(t);
            let trail = self.trail(t);
            let raw = &n[t.start..t.end];
            if user.is_none() {
                if !linked {
                    if matches!(raw, ":" | "=") {
                        linked = true;
                        continue;
                    }
                    if trail.is_empty() && (g.linker.contains(w) || w == "met" || w == "with") {
                        linked = true;
                        continue;
                    }
                    if trail.contains(':') && pos - kw_end < 80 {
                        linked = true;
                        continue;
                    }
                    phrase += 1;
                    if phrase > 8 || trail.contains(['.', '?', '!', ';']) {
                        return None;
                    }
                    continue;
                }
                if g.determiner.contains(w) && trail.is_empty() {
                    continue;
                }
                // "inval.bingel/Juf2025!" in one token.
                if let Some(i) = w.find('/') {
                    let c = core(n, t);
                    let t2 = Tok {
                        start: c.start + i + 1,
                        end: t.end,
                        newline: false,
                        blank: false,
                    };
                    if i > 0 {
                        return self.value(t2, Link::Pair, Kind::Code, false);
                    }
                }
                if w.is_empty()
                    || !w.chars().any(char::is_alphanumeric)
                    || self.det.not_secret.contains(w)
                {
                    return None;
                }
                user = Some(t);
                if trail.contains(',') {
                    // "Schoolnet, Welkom01": the comma is the separator.
                    let p = self.next_tok(pos)?;
                    if p.newline {
                        return None;
                    }
                    return self.value(p, Link::Pair, Kind::Code, false);
                }
                continue;
            }
            // After the user name: a separator, then the password.
            if !trail.is_empty() || !g.pair.contains(if w.is_empty() { raw } else { w }) {
                return None;
            }
            let p = self.next_tok(pos)?;
            if p.newline {
                return None;
            }
            return self.value(p, Link::Pair, Kind::Code, false);
        }
        None
    }

    /// The value starting at token `t`, if it looks like a secret.
    fn value(&self, t: Tok, link: Link, kind: Kind, token_only: bool) -> Option<Range<usize>> {
        // Nobody types a password this long after a keyword; keys and tokens
        // are found by their formats. Bailing out here keeps many keywords
        // inside one huge token linear (found by `make fuzz`).
        if t.end - t.start > MAX_VALUE_TOKEN {
            return None;
        }
        let n = self.norm();
        let c = core(n, t);
        if c.is_empty() {
            return None;
        }
        let mut range = c.clone();
        let mut joined = false;
        // Spaced out: "0 4 8 1", "W a l v i s 8 7".
        if c.len() == 1 && n[c.clone()].chars().all(char::is_alphanumeric) {
            let mut count = 1;
            let mut pos = t.end;
            while let Some(u) = self.next_tok(pos) {
                let uc = core(n, u);
                let single = uc.len() == 1 && n[uc.clone()].chars().all(char::is_alphanumeric);
                if u.newline || !single || u.start != pos + 1 || uc.start != u.start {
                    break;
                }
                count += 1;
                range.end = uc.end;
                pos = u.end;
                if uc.end != u.end {
                    break;
                }
            }
            if count >= 4 {
                joined = true;
            } else {
                range = c.clone();
            }
        }
        if !joined {
            // "Zon ne bloem 22 (zonder spaties)": chunks before a no-spaces note,
            // or chunks joined by non-breaking spaces as typed.
            if let Some(end) = self.chunks_before_no_space_note(t) {
                range.end = end;
                joined = true;
            } else if let Some(end) = self.odd_space_chunks(t) {
                range.end = end;
                joined = true;
            }
        }
        let text: String = n[range.clone()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let last_tok_end = if joined { range.end } else { t.end };
        let ends_clause = self.ends_clause(last_tok_end, range.end);
        if self.followed_by_unit(last_tok_end) {
            return None;
        }
        let orig = &self.doc.original[self.doc.norm_to_original(range.clone())];
        self.looks_secret(&text, orig, link, kind, token_only, ends_clause)
            .then_some(range)
    }

    /// `Some(end)` when tokens from `t` on are short chunks followed by "(zonder spaties)".
    fn chunks_before_no_space_note(&self, t: Tok) -> Option<usize> {
        let n = self.norm();
        if !self.plain_chunk(t) {
            return None;
        }
        let mut end = core(n, t).end;
        let mut pos = t.end;
        for i in 0..6 {
            let u = self.next_tok(pos)?;
            if u.newline {
                return None;
            }
            let w = self.word(u);
            let raw = &n[u.start..u.end];
            if matches!(w, "zonder" | "without" | "no") && raw.starts_with('(')
                || (w == "aan" && raw.starts_with('('))
            {
                let next = self.next_tok(u.end)?;
                let nw = self.word(next);
                let note = matches!(nw, "spaties" | "spaces" | "spatie" | "elkaar");
                return (note && i > 0).then_some(end);
            }
            let uc = core(n, u);
            if uc.start != u.start
                || uc.len() > 12
                || !n[uc.clone()].chars().all(char::is_alphanumeric)
            {
                return None;
            }
            end = uc.end;
            pos = u.end;
        }
        None
    }

    /// `Some(end)` when the token is joined to the next ones by non-breaking
    /// (or other unusual) spaces in the original, as typed to fool filters.
    fn odd_space_chunks(&self, t: Tok) -> Option<usize> {
        let n = self.norm();
        if !self.plain_chunk(t) {
            return None;
        }
        let orig = self.doc.original;
        let mut end = None;
        let mut cur = t;
        for _ in 0..6 {
            let u = self.next_tok(cur.end)?;
            if u.newline || u.start != cur.end + 1 {
                break;
            }
            let gap = self.doc.norm_to_original(cur.end..u.start);
            let odd = orig[gap]
                .chars()
                .all(|c| c.is_whitespace() && c != ' ' && c != '\n' && c != '\t');
            let uc = core(n, u);
            if !odd || uc.start != u.start || !n[uc.clone()].chars().all(char::is_alphanumeric) {
                break;
            }
            end = Some(uc.end);
            cur = u;
            if uc.end != u.end {
                break;
            }
        }
        end
    }

    /// A token that is only letters and digits, as one piece of a split value.
    fn plain_chunk(&self, t: Tok) -> bool {
        let n = self.norm();
        let c = core(n, t);
        c == (t.start..t.end)
            && c.len() <= 12
            && !c.is_empty()
            && n[c].chars().all(char::is_alphanumeric)
    }

    /// Whether a value ending at `end` closes its sentence or line.
    fn ends_clause(&self, tok_end: usize, end: usize) -> bool {
        let n = self.norm();
        if n[end..tok_end].contains(['.', ',', '!', '?', ';', ')']) {
            return true;
        }
        match self.next_tok(tok_end) {
            None => true,
            Some(u) => u.newline || n[u.start..].starts_with(['(', '-', '–']),
        }
    }

    /// "1234 euro", "7 dagen": a quantity, not a code. A unit only counts when
    /// the value runs straight into it ("Zonnebloem7! Dag, ..." is a greeting).
    fn followed_by_unit(&self, tok_end: usize) -> bool {
        let n = self.norm();
        if n[..tok_end].ends_with(['.', ',', '!', '?', ';', ':', ')']) {
            return false;
        }
        self.next_tok(tok_end)
            .filter(|u| !u.newline)
            .is_some_and(|u| self.det.units.contains(self.word(u)))
    }

    /// Whether `s` (the value in `norm`, spaces removed) looks like a secret.
    fn looks_secret(
        &self,
        s: &str,
        orig: &str,
        link: Link,
        kind: Kind,
        token_only: bool,
        ends_clause: bool,
    ) -> bool {
        let len = s.chars().count();
        if !(4..=128).contains(&len) {
            return false;
        }
        if s.contains("://") || s.starts_with("www.") || is_email(s) {
            return false;
        }
        if s.chars()
            .all(|c| matches!(c, '*' | '•' | 'x' | '.' | '-' | '_'))
        {
            return false;
        }
        if self.det.not_secret.contains(s) || is_date_time_or_amount(s) {
            return false;
        }
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let other = len - letters - digits;
        let symbols = s
            .chars()
            .filter(|c| !c.is_alphanumeric() && !matches!(c, '-' | '.' | '_' | '\'' | '/'))
            .count();
        if token_only {
            // A bare "token"/"key": only what looks like a generated token.
            return len >= 16 && letters > 0 && digits > 0 && symbols <= 2;
        }
        if letters == 0 {
            // A PIN or numeric code: 4 to 10 digits, maybe with dashes or dots,
            // maybe with the keypad's # or * ("2580#").
            let keypad = s.chars().filter(|c| matches!(c, '#' | '*')).count();
            return symbols == keypad
                && keypad <= 2
                && (4..=10).contains(&digits)
                && other <= digits + keypad;
        }
        if digits > 0 {
            // "code van het vak is WIS-3A": short letter-digit codes name other things.
            return !is_quantity_word(s) && (kind != Kind::BareCode || len >= 7);
        }
        if symbols > 0 {
            return true;
        }
        // Letters only: a word. Only a clear case counts.
        if matches!(kind, Kind::Code | Kind::BareCode) || link == Link::Direct || link == Link::Pair
        {
            return camel_case(orig) && len >= 6;
        }
        if !ends_clause || len < 5 {
            return false;
        }
        camel_case(orig)
            || orig.chars().next().is_some_and(char::is_uppercase)
            || link == Link::Colon && len >= 6
    }

    /// A password-shaped word right before a spelling cue that fits it
    /// ("Schoolplein!2024 (met hoofdletter S en uitroepteken)").
    fn described(&self, cue: Range<usize>) -> Option<Range<usize>> {
        let n = self.norm();
        let cue_word = &n[cue.clone()];
        // "hoofdletter S": the letter that must be upper case.
        let named_letter = self
            .next_tok(cue.end)
            .filter(|t| !t.newline)
            .map(|t| self.word(t))
            .filter(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic))
            .and_then(|w| w.chars().next());
        let from = self.norm_word_start(ceil(n, cue.start.saturating_sub(40)));
        let mut best: Option<Range<usize>> = None;
        let mut pos = from;
        while let Some(t) = self.next_tok(pos) {
            let c = core(n, t);
            if c.end > cue.start {
                break;
            }
            pos = t.end;
            let orig = &self.doc.original[self.doc.norm_to_original(c.clone())];
            if !password_shaped(orig) || self.det.not_secret.contains(&n[c.clone()]) {
                continue;
            }
            let fits = match cue_word {
                w if w.starts_with("hoofdletter")
                    || w.starts_with("capital")
                    || w == "uppercase" =>
                {
                    match named_letter {
                        Some(l) => orig
                            .chars()
                            .any(|c| c.is_uppercase() && c.to_lowercase().eq(std::iter::once(l))),
                        None => orig.chars().any(char::is_uppercase),
                    }
                }
                w if w.starts_with("uitroep") || w.starts_with("exclamation") => orig.contains('!'),
                "hekje" => orig.contains('#'),
                w if w.starts_with("kleine") || w == "lowercase" => {
                    orig.chars().any(char::is_lowercase)
                }
                _ => true,
            };
            if fits {
                best = Some(c);
            }
        }
        best
    }
}

use crate::text::{ceil_boundary as ceil, floor_boundary as floor};

fn is_email(s: &str) -> bool {
    s.split_once('@')
        .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.ends_with('.'))
}

/// Upper case after lower case in what was typed: "ZomerGent", "juF".
fn camel_case(orig: &str) -> bool {
    let mut seen_lower = false;
    for c in orig.chars() {
        if c.is_lowercase() {
            seen_lower = true;
        } else if c.is_uppercase() && seen_lower {
            return true;
        }
    }
    false
}

/// Upper and lower case and a digit, or letters, a digit and a symbol: the
/// shape of a chosen password ("Schoolplein!2024"), not a code or a hashtag.
fn password_shaped(orig: &str) -> bool {
    let len = orig.chars().count();
    if !(6..=64).contains(&len)
        || orig.starts_with(['#', '@'])
        || orig.contains("://")
        || is_email(orig)
    {
        return false;
    }
    let upper = orig.chars().any(char::is_uppercase);
    let lower = orig.chars().any(char::is_lowercase);
    let digit = orig.chars().any(|c| c.is_numeric());
    let symbol = orig.chars().any(|c| {
        matches!(
            c,
            '!' | '#' | '$' | '%' | '&' | '*' | '+' | '=' | '?' | '@' | '^' | '~'
        )
    });
    lower && digit && (upper || symbol)
}

/// Dates, times, amounts and percentages are not codes.
fn is_date_time_or_amount(s: &str) -> bool {
    if s.starts_with(['€', '$', '£']) || s.ends_with([',', '%', '€']) || s.ends_with(",-") {
        return true;
    }
    let seps: &[char] = &['.', ':', '-', '/', 'u', 'h'];
    let parts: Vec<&str> = s.split(seps).collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let num: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().unwrap_or(u32::MAX))
        .collect();
    let time_sep = s.contains([':', 'u', 'h']) || s.contains('.') && parts.len() == 2;
    match num.as_slice() {
        // 12.30, 8:15, 15u30
        [h, m] if time_sep => *h <= 24 && *m <= 59 && parts[1].len() == 2,
        // 2024-2025
        [a, b] if parts[0].len() == 4 && parts[1].len() == 4 => b > a,
        // 12-03, 12/03
        [d, m] => (1..=31).contains(d) && (1..=12).contains(m) && parts[1].len() <= 2,
        // 12-03-2025, 12/03/25
        [d, m, y] => {
            (1..=31).contains(d) && (1..=12).contains(m) && matches!(parts[2].len(), 2 | 4)
                || parts[0].len() == 4 && (1..=12).contains(m) && (1..=31).contains(y)
        }
        _ => false,
    }
}

/// "12e", "3de", "2x", "15u", "10km": numbers with a unit or ordinal glued on.
fn is_quantity_word(s: &str) -> bool {
    let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if digits_end == 0 {
        return false;
    }
    let rest = &s[digits_end..];
    matches!(
        rest,
        "e" | "de"
            | "ste"
            | "ste."
            | "x"
            | "u"
            | "uur"
            | "h"
            | "km"
            | "cm"
            | "mm"
            | "kg"
            | "jr"
            | "st"
            | "nd"
            | "rd"
            | "th"
            | "min"
            | "sec"
            | "pk"
            | "gb"
            | "mb"
            | "tb"
            | "euro"
    )
}

#[cfg(test)]
mod tests;
