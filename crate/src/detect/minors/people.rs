//! Who is named in a draft, and who of them is a minor.
//!
//! A *mention* is a capitalised first name from the list (with its surname,
//! if one follows), a spaced-out name, an unknown capitalised word that a
//! strong pupil pattern marks as a name ("Dylano (groep 7)"), or a social
//! media handle. Each mention collects evidence:
//!
//! * **adult**: a title or role before it ("juf Anja", "onze IB'er Hatice"),
//!   its place in the draft (greeting, signature, mail headers), an
//!   affiliation ("Sofie van het secretariaat"), being asked to do something
//!   ("Ellen, wil jij …"), being next to the writer ("Lieselot of mij");
//! * **minor**: a class, group or age next to it ("Sem (9)", "uit 4B",
//!   "groep 6"), a pupil word before it ("leerling Kato"), a parent of it
//!   ("de moeder van Emma", "Zara's parents");
//! * **hints**: "onze Seppe", "lieve Daan", "het BSN van Finn".
//!
//! Evidence on one mention carries over to the other mentions of the same
//! first name and to names listed with it ("Tess, Jelle en Saar uit groep 5").
//! A name with no evidence is a minor when the draft is about pupils (pupil
//! words, classes, school events), otherwise just a person.

use super::lexicon::{self as lx, Lexicon};
use super::tokens::{LineKind, Tokens};
use crate::finding::Channel;
use crate::text::Document;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    NotPerson,
    Adult,
    Minor,
    /// A person of unknown age (no pupil context).
    Person,
}

#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte range of the whole name in the `norm` view.
    pub norm: Range<usize>,
    /// Folded first name ("emma", "jan-willem"), or the folded handle.
    pub first: String,
    /// Folded surname as written after the first name ("van der berg"), if any.
    pub surname: Option<String>,
    pub handle: bool,
    /// Token range (first..last+1) for names; empty for handles.
    toks: Range<usize>,
    /// Not in the first-name list: needs strong evidence.
    unknown: bool,
    ambiguous: bool,
    /// Also an ordinary capitalised word (a school subject, a month): needs evidence of its own.
    collides: bool,
    /// A name that today belongs to adults (Gerard, Ans): never a pupil by default.
    adult_name: bool,
    sent_start: bool,
    pub zone_adult: bool,
    /// A title right before ("juf Sarah"): an adult even with a class after ("juf Sarah in groep 3").
    titled: bool,
    adult: bool,
    minor: bool,
    hint: bool,
    not_person: bool,
    /// Class or group seen next to the name ("6B", "groep 5"), for consent matching.
    pub class: Option<String>,
    pub who: Who,
}

/// Patterns compiled once.
pub struct Patterns {
    /// Class, group or age right after a name.
    after: Regex,
    /// A class right before a name, in apposition ("van 4C, Bilal").
    before: Regex,
    /// A pupil word right before a handle ("groep 8-er @…", "oud-leerling @…").
    handle_before: Regex,
    handle: Regex,
}

const CLASS_WORDED: &str = r"(?:(?:groep|gr\.?|group)\s*[1-8](?:\s*[/-]\s*[1-8])?\s?[a-h]?|(?:klas|class)\s*[0-9][a-z0-9]*|(?:grade|year|yr)\s*[0-9]{1,2}[a-h]?|[0-9]{1,2}\s*(?:e|de|ste|d|st|nd|rd|th)?\s*(?:leerjaar|lj|kleuterklas|kleuter|klas|graad|jaar|middelbaar|secundair|grade|year)|(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|first|second|third|fourth|fifth|sixth|1ste|2de|3de|4de|5de|6de)\s+(?:leerjaar|kleuterklas|klas|graad|jaar|grade|year|lj)|okan(?:-klas)?|brugklas|kleuterklas|peuterklas|onthaalklas)\b";

const CLASS_CODE: &str = r"(?:[1-7]\s?[a-h]{1,2}[0-9]?|[hvmtk][1-6][a-z]?|[1-8]/[1-8]\s?[a-h]?|[1-7]\s*(?:havo|vwo|vmbo[a-z-]*|mavo|atheneum|gymnasium|aso|tso|bso|kso|tw|ws|lo|hw|ew|ww|verzorging|mechanica|handel|latijn|grieks|economie|wetenschappen|humane|moderne|sport|elektriciteit|elektromechanica|houtbewerking|bouw|kantoor|haarzorg|voeding|zorg|welzijn|techniek|stw|ict|industriële|kunst|muziek|dans|lichamelijke|bedrijfsbeheer|boekhouden|informatica))\b";

const LEVEL_IN_PARENS: &str = r"[1-8]\s*[a-z][a-z-]*";

impl Patterns {
    pub fn new() -> Result<Patterns, regex::Error> {
        let after = format!(
            r"^(?:\s*,)?\s*(?:\(\s*(?:(?P<p>{CLASS_WORDED}|{CLASS_CODE}|{LEVEL_IN_PARENS})|(?P<age>[0-9]{{1,2}})\s*(?:j|jr|jaar|y|yr|yrs|years|yo)?\s*[),;]|°|\*\s*[0-9])|(?:uit|in|van|from|of)\s+(?:(?:de|het|ons|onze|mijn|jouw|je|zijn|haar|uw|our|my|your|the)\s+)?(?P<q>{CLASS_WORDED}|{CLASS_CODE})|(?:uit\s+(?:de|het|the)|(?:uit|in|from|of)\s+(?:mijn|jouw|je|onze|ons|uw|my|your|our))\s+(?:klas|groep|class|mentorklas|mentorgroep|klasje)\b|(?P<r>{CLASS_WORDED}))"
        );
        let before = format!(
            r"(?:\b(?:uit|van|in|from|of)\s+(?:{CLASS_WORDED}|{CLASS_CODE})|\((?:{CLASS_WORDED}|{CLASS_CODE})\))\s*[,:]\s*$"
        );
        Ok(Patterns {
            after: Regex::new(&after)?,
            before: Regex::new(&before)?,
            handle_before: Regex::new(
                r"(?:groep\s*[1-8]-?er|[1-8]e-?klasser|leerlinge?|oud-leerlinge?|brugklasser|kleuter|pupil|student|zoon|dochter|son|daughter)\s*(?:en\s+nu\s+\S+\s*)?$",
            )?,
            handle: Regex::new(r"^[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?")?,
        })
    }
}

/// The draft-level picture: how much it is about pupils.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocContext {
    pub pupil: u32,
    pub pupil_weak: u32,
    pub staff: u32,
}

impl DocContext {
    /// Whether a name with no evidence of its own is taken for a pupil.
    /// On public social media and the school platform a school mostly names
    /// pupils (staff get "juf", "meester"); in mail and chat it takes pupil words.
    fn names_are_pupils(&self, channel: Channel) -> bool {
        let score = 2 * self.pupil + self.pupil_weak;
        match channel {
            Channel::Social | Channel::School => self.staff == 0 || score >= 2 + 2 * self.staff,
            // A chat message is short: one pupil word or two hints do, when nothing says "staff".
            Channel::Chat => {
                self.staff == 0 && score >= 2 || self.pupil >= 1 && score >= 2 + self.staff
            }
            Channel::Email => self.pupil >= 1 && score >= 2 + self.staff,
        }
    }
}

fn doc_context(t: &Tokens) -> DocContext {
    let mut c = DocContext::default();
    for (i, tok) in t.toks.iter().enumerate() {
        if tok.flags & lx::PUPIL_CTX != 0 {
            c.pupil += 1;
        } else if tok.flags & lx::PUPIL_WEAK != 0 {
            c.pupil_weak += 1;
        }
        // Greetings to colleagues and signatures say who writes, not what about.
        if tok.flags & lx::STAFF_CTX != 0 && t.lines[tok.line].kind == LineKind::Body {
            c.staff += 1;
        }
        if tok.flags & lx::CLASS_WORD != 0
            && t.toks
                .get(i + 1)
                .is_some_and(|n| n.has_digit && n.line == tok.line)
        {
            c.pupil += 1;
        }
        if tok.has_digit && tok.len() <= 3 && is_class_code(t.key(i)) {
            c.pupil += 1;
        }
    }
    c
}

/// "3b", "1a", "h4b", "2c": a class code as one word.
fn is_class_code(k: &str) -> bool {
    let b = k.as_bytes();
    match b {
        [d, l] => (b'1'..=b'7').contains(d) && (b'a'..=b'h').contains(l),
        [l, d, c] => {
            matches!(l, b'h' | b'v' | b'm')
                && (b'1'..=b'6').contains(d)
                && (b'a'..=b'h').contains(c)
        }
        _ => false,
    }
}

/// Particles that start a surname only together with another ("in 't Veld", "op de Beek").
fn weak_particle(k: &str) -> bool {
    matches!(
        k,
        "in" | "op"
            | "te"
            | "het"
            | "t"
            | "zu"
            | "de"
            | "la"
            | "le"
            | "el"
            | "al"
            | "da"
            | "di"
            | "du"
    )
}

pub fn analyse(
    doc: &Document<'_>,
    lex: &Lexicon,
    pat: &Patterns,
    channel: Channel,
) -> Vec<Mention> {
    let t = Tokens::new(doc, lex);
    let norm = doc.norm.text.as_str();
    let context = doc_context(&t);
    let mut mentions = Vec::new();
    let n = t.toks.len();
    let mut i = 0;
    while i < n {
        match name_at(doc, &t, norm, i) {
            Some(m) => {
                i = m.toks.end;
                mentions.push(m);
            }
            None => i += 1,
        }
    }
    for m in &mut mentions {
        evidence(doc, lex, &t, norm, pat, channel, m);
    }
    let mut found = Vec::new();
    handles(doc, lex, &t, norm, pat, &mut found);
    if !found.is_empty() {
        mentions.extend(found);
        mentions.sort_by_key(|m| m.norm.start);
    }
    propagate_in_lists(norm, &mut mentions);
    decide(&mut mentions, &context, channel);
    mentions
}

/// A name starting at token `i`, with its surname.
fn name_at(doc: &Document<'_>, t: &Tokens, norm: &str, i: usize) -> Option<Mention> {
    let tok = &t.toks[i];
    // Cheapest tests first: this runs for every word of the draft.
    let known = tok.flags & lx::NAME != 0;
    let unknown = tok.flags == 0 && tok.alpha && tok.len() >= 3 && !tok.sent_start;
    if !known && !unknown || !tok.alpha || tok.len() < 2 && !tok.joined {
        return None;
    }
    let rest = &norm[tok.end..];
    if unknown {
        // An unlisted word is a name only next to a strong pupil pattern ("Dylano (groep 7)",
        // "Dylano uit 8b", "leerling Dylano"); look before reading more.
        let prev_pupil = i > 0 && t.toks[i - 1].flags & lx::PUPIL_NOUN != 0;
        let next_class = rest.starts_with(' ')
            && t.toks
                .get(i + 1)
                .is_some_and(|n| n.flags & lx::CLASS_PREP != 0 && n.start == tok.end + 1);
        if !prev_pupil && !next_class && !rest.starts_with(" (") && !rest.starts_with(',') {
            return None;
        }
    }
    let gap = t.gap_before(norm, i);
    // Handles, hashtags, e-mail addresses and web addresses are not names here.
    let glued_dot = gap == "." && i > 0 && t.toks[i - 1].line == tok.line;
    if gap.ends_with(['@', '#', '/', '_']) || glued_dot {
        return None;
    }
    if rest.starts_with(['@', '_'])
        || rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_alphanumeric())
    {
        return None;
    }
    if !doc.is_capitalised(tok.start) || !tok.joined && t.caps_after_first(doc, i) {
        return None;
    }
    if unknown {
        let k = t.key(i);
        let o = doc.norm_to_original(tok.start..tok.end);
        if doc.original[o].chars().skip(1).any(char::is_uppercase) {
            return None; // "ChatGPT", "TOPdesk": a product, not a name
        }
        if tok.sent_start
            || [
                "en", "ing", "heid", "tie", "isme", "schap", "teit", "ment", "ie", "iek",
            ]
            .iter()
            .any(|s| k.ends_with(s))
        {
            return None;
        }
    }
    let mut first = t.key(i).to_string();
    let mut last = i;
    // Hyphenated first names: "Jan-Willem", "Anne-Sophie".
    if i + 1 < n_of(t)
        && t.gap_before(norm, i + 1) == "-"
        && t.toks[i + 1].flags & lx::NAME != 0
        && doc.is_capitalised(t.toks[i + 1].start)
    {
        first.push('-');
        first.push_str(t.key(i + 1));
        last = i + 1;
    }
    // Surname: particles and up to two capitalised words, or an initial.
    let mut end = last;
    let mut j = last + 1;
    let mut particles = 0;
    let mut words = 0;
    while j < n_of(t) && words < 2 {
        let gap = t.gap_before(norm, j);
        let tj = &t.toks[j];
        if gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '\'') || tj.line != tok.line {
            break;
        }
        let kj = t.key(j);
        let cap = doc.is_capitalised(tj.start);
        if tj.flags & lx::PARTICLE != 0 && particles < 3 && words == 0 {
            if weak_particle(kj) && !cap {
                // "de", "in", "op" alone start a surname only before a capital or another particle
                let next_ok = j + 1 < n_of(t)
                    && t.gap_before(norm, j + 1)
                        .chars()
                        .all(|c| c == ' ' || c == '\'')
                    && !t.gap_before(norm, j + 1).is_empty()
                    && (t.toks[j + 1].flags & lx::PARTICLE != 0
                        || doc.is_capitalised(t.toks[j + 1].start)
                            && matches!(kj, "de" | "la" | "le" | "el" | "al" | "da" | "di" | "du"));
                if !next_ok {
                    break;
                }
            }
            particles += 1;
            j += 1;
            continue;
        }
        if cap && tj.alpha && !t.caps_after_first(doc, j) {
            let blocked = tj.flags & (lx::NOT_NAME | lx::TITLE | lx::ROLE | lx::SALUTATION) != 0
                || particles == 0
                    && words == 0
                    && tj.flags & lx::NAME != 0
                    && tj.flags & lx::AMBIGUOUS_NAME == 0;
            if tj.len() == 1 {
                // "Emma V." — an initial
                if norm[tj.end..].starts_with('.') {
                    end = j;
                }
                break;
            }
            if blocked && particles == 0 {
                break;
            }
            words += 1;
            end = j;
            particles = 0;
            j += 1;
            continue;
        }
        break;
    }
    let surname = (end > last).then(|| {
        let s = t.toks[last + 1].start;
        let e = t.toks[end].end;
        let mut f = String::new();
        crate::policy::consent::fold_into(&norm[s..e], &mut f);
        f
    });
    let mut norm_end = t.toks[end].end;
    if end > last && t.toks[end].len() == 1 && norm[norm_end..].starts_with('.') {
        norm_end += 1;
    }
    Some(Mention {
        norm: tok.start..norm_end,
        first,
        surname,
        handle: false,
        toks: i..end + 1,
        unknown,
        ambiguous: tok.flags & (lx::AMBIGUOUS_NAME | lx::NOT_NAME) != 0,
        adult_name: tok.flags & lx::ADULT_NAME != 0,
        collides: tok.flags & lx::NOT_NAME != 0,
        sent_start: tok.sent_start,
        zone_adult: false,
        titled: false,
        adult: false,
        minor: false,
        hint: false,
        not_person: false,
        class: None,
        who: Who::Person,
    })
}

fn n_of(t: &Tokens) -> usize {
    t.toks.len()
}

fn evidence(
    doc: &Document<'_>,
    lex: &Lexicon,
    t: &Tokens,
    norm: &str,
    pat: &Patterns,
    channel: Channel,
    m: &mut Mention,
) {
    let i = m.toks.start;
    let last = m.toks.end - 1;
    let tok = &t.toks[i];
    let line = tok.line;
    let same_line = |k: usize| t.toks[k].line == line;
    let key = |k: usize| t.key(k);
    let flags = |k: usize| t.toks[k].flags;
    let gap = |k: usize| t.gap_before(norm, k);
    // A gap inside one clause: spaces only.
    let plain = |g: &str| !g.is_empty() && g.chars().all(|c| c == ' ');
    let line_kind = t.lines[line].kind;

    // --- where the name is
    if line_kind != LineKind::Body {
        m.zone_adult = true;
    }

    // --- before the name
    let prev = |k: usize| (k >= 1 && same_line(k - 1)).then(|| k - 1);
    let p1 = prev(i);
    let p2 = p1.and_then(prev);
    let g0 = gap(i);
    if let Some(p) = p1 {
        let f = flags(p);
        let k = key(p);
        let p_cap_mid = doc.is_capitalised(t.toks[p].start) && !t.toks[p].sent_start;
        let abbreviated = matches!(
            k,
            "mr" | "mrs" | "ms" | "dr" | "dhr" | "mevr" | "mw" | "mvr" | "drs" | "ir" | "prof"
        );
        let tight = plain(g0) || (g0 == ". " || g0 == ".") && abbreviated;
        if tight && f & lx::TITLE != 0 {
            m.adult = true;
            m.titled = true;
        }
        if (tight || g0 == ", " || g0 == ": ") && f & lx::ROLE != 0 && f & lx::PUPIL_NOUN == 0 {
            m.adult = true;
        }
        if plain(g0) && f & lx::PUPIL_NOUN != 0 && !p_cap_mid {
            m.minor = true;
        }
        if plain(g0) && f & lx::NOT_PERSON_PREFIX != 0 && doc.is_capitalised(t.toks[p].start) {
            m.not_person = true;
        }
        if (g0 == "-" || plain(g0)) && matches!(k, "sint" | "st") {
            m.not_person = true;
        }
        if plain(g0) && f & lx::PLACE_PREP != 0 && m.ambiguous {
            m.not_person = true;
        }
        // "het Anne Frank Huis", "het Willem de Zwijger College": an institution
        if plain(g0) && k == "het" && !m.minor {
            m.not_person = true;
        }
        if plain(g0) && matches!(k, "onze" | "ons" | "our") {
            m.hint = true;
        }
        if plain(g0) && k == "lieve" && line_kind == LineKind::Body {
            m.hint = true;
        }
        if plain(g0) && matches!(k, "namens" | "behalf") {
            m.adult = true;
        }
        if plain(g0) && matches!(k, "van" | "of") {
            if let Some(p2) = p2 {
                let f2 = flags(p2);
                if f2 & lx::KIN_OF != 0 {
                    m.minor = true;
                } else if f2 & lx::STAFF_OF != 0 {
                    m.adult = true;
                } else if f2 & lx::ADMIN_OF != 0 {
                    m.hint = true;
                } else if f2 & lx::ROLE != 0 {
                    // "de collega van Tom", "de begeleider van Sara"? only roles of adults
                    if f2 & lx::PUPIL_CTX == 0 {
                        m.adult = true;
                    }
                }
            }
        }
        if plain(g0) && k == "bij" {
            // "opgeven bij Mariska", "inschrijven bij Sofie": the person to go to
            let from = t.lines[line].toks.start;
            if (from..i).any(|x| flags(x) & lx::REGISTRATION != 0) {
                m.adult = true;
            }
        }
        // "mij of Lieselot", "ik en Tom"
        if matches!(k, "of" | "en" | "or" | "and")
            && p2.is_some_and(|q| flags(q) & lx::FIRST_PERSON != 0)
        {
            m.adult = true;
        }
        // A salutation at the start of a long line: "Beste Martin, dank voor uw reactie."
        if plain(g0)
            && f & lx::SALUTATION != 0
            && t.lines[line].toks.start == p
            && norm[m.norm.end..].starts_with(',')
            && !(k == "lieve" && matches!(channel, Channel::Social))
        {
            m.zone_adult = true;
        }
    }
    // Nearest role or pupil word earlier in the clause, when the name stands in
    // apposition or after a copula: "de invaller van groep 4 (Sanne Bosman",
    // "het CLB-anker van onze school is Eline Wuyts", "de werkgroep (Lien, …".
    let copula = p1.is_some_and(|p| {
        matches!(
            key(p),
            "is" | "was" | "wordt" | "blijft" | "heet" | "namelijk"
        )
    });
    if g0.ends_with(" (") || g0 == ", " || g0 == " - " || copula {
        let mut k = i;
        for _ in 0..6 {
            let Some(p) = prev(k) else { break };
            if gap(k).contains(['.', '!', '?', ';', ':', ')']) {
                break;
            }
            let f = flags(p);
            if f & lx::PUPIL_NOUN != 0
                && (t.toks[p].sent_start || !doc.is_capitalised(t.toks[p].start))
            {
                m.minor = true;
                break;
            }
            if f & (lx::ROLE | lx::TITLE) != 0 && f & lx::KIN_OF == 0 {
                m.adult = true;
                break;
            }
            k = p;
        }
    }
    // "die makak van 4C, Bilal": a class right before, in apposition
    {
        let line_start = t.lines[line].range.start;
        let before = &norm[line_start..m.norm.start];
        let before = &before[before.len() - floor_back(before, 48)..];
        if before.trim_end().ends_with([',', ':']) && pat.before.is_match(before) {
            m.minor = true;
        }
    }

    // --- after the name
    let line_end = t.lines[line].range.end;
    let rest = &norm[m.norm.end.min(line_end)..line_end];
    let window = &rest[..floor(rest, 80)];
    if let Some(c) = pat
        .after
        .is_match(window)
        .then(|| pat.after.captures(window))
        .flatten()
    {
        if let Some(age) = c.name("age") {
            if age.as_str().parse::<u32>().is_ok_and(|a| a <= 18) {
                m.minor = true;
            }
        } else {
            m.minor = true;
            m.class = c
                .name("p")
                .or_else(|| c.name("q"))
                .or_else(|| c.name("r"))
                .map(|x| x.as_str().to_string());
        }
    }
    let next = |k: usize| (k + 1 < t.toks.len() && same_line(k + 1)).then(|| k + 1);
    let n1 = next(last);
    let n2 = n1.and_then(next);
    let n3 = n2.and_then(next);
    if let Some(a) = n1 {
        let g = gap(a);
        let f = flags(a);
        let k = key(a);
        // "Zara's parents", "Ethan's mum"
        if t.toks[last].poss && plain(g) {
            if f & lx::KIN_OF != 0 {
                m.minor = true;
            } else if f & lx::ADMIN_OF != 0 {
                m.hint = true;
            }
        }
        // "Tom Gallagher <t.g@…>", "Karen (dpo@…)"
        if (g == " <" || g == " (" || g == "<")
            && norm[t.toks[a].start..]
                .split(['>', ')', ' ', '\n'])
                .next()
                .is_some_and(|s| s.contains('@'))
        {
            m.adult = true;
        }
        // "Dennis Bos, privacy-officer", "Hatice (IB)", "Katrien - zorgcoördinator"
        if (g == ", " || g == " (" || g == " - " || g == " – ")
            && f & lx::ROLE != 0
            && f & lx::PUPIL_NOUN == 0
        {
            m.adult = true;
        }
        if g == ", "
            && matches!(
                k,
                "onze" | "de" | "ons" | "our" | "the" | "mijn" | "my" | "een" | "a"
            )
        {
            if let Some(b) = n2 {
                // "Sandra, de moeder van Emma", "Hatice, onze IB'er"
                if flags(b) & (lx::ROLE | lx::TITLE) != 0 && flags(b) & lx::PUPIL_CTX == 0
                    || flags(b) & lx::TITLE != 0 && flags(b) & lx::PUPIL_NOUN == 0
                {
                    m.adult = true;
                }
                if flags(b) & lx::PUPIL_NOUN != 0
                    || n3.is_some_and(|c| {
                        flags(c) & lx::PUPIL_NOUN != 0
                            && matches!(key(b), "nieuwe" | "new" | "jonge" | "young")
                    })
                {
                    m.minor = true;
                }
            }
        }
        // "Sofie van het secretariaat", "Laura Visser van de William Schrikker Stichting"
        if plain(g) && matches!(k, "van" | "from" | "at" | "op") {
            if let Some(b) = n2 {
                let target = if matches!(key(b), "het" | "de" | "the") {
                    n3
                } else {
                    Some(b)
                };
                if let Some(c) = target {
                    if flags(c) & lx::ORG != 0 && flags(c) & lx::PUPIL_CTX == 0 {
                        m.adult = true;
                    }
                    if m.surname.is_some()
                        && k == "van"
                        && doc.is_capitalised(t.toks[c].start)
                        && flags(c) & lx::NOT_NAME == 0
                    {
                        m.adult = true;
                    }
                }
            }
        }
        // "Lieselot of mij", "Tom en ik"
        if matches!(k, "of" | "en" | "or" | "and")
            && n2.is_some_and(|b| flags(b) & lx::FIRST_PERSON != 0)
        {
            m.adult = true;
        }
        // "Ellen, wil jij …", "Sofie, could you …": the addressee
        if g == ", "
            && f & lx::REQUEST != 0
            && n2.is_some_and(|b| flags(b) & lx::SECOND_PERSON != 0)
        {
            m.adult = true;
        }
        // A street or institution: "Anne Frankstraat", "het Anne Frank Huis"
        if plain(g)
            && !m.minor
            && doc.is_capitalised(t.toks[a].start)
            && n2.is_some_and(|b| {
                plain(gap(b))
                    && doc.is_capitalised(t.toks[b].start)
                    && lex.has_institution_suffix(key(b))
            })
        {
            m.not_person = true;
        }
        // A street or institution: "Anne Frankstraat", "Emma Kinderziekenhuis"
        if plain(g)
            && doc.is_capitalised(t.toks[a].start)
            && lex.has_institution_suffix(k)
            && !m.minor
        {
            m.not_person = true;
        }
    }
    // "Sanne en Tom gaan mee als begeleiders": a role taken in the same clause
    {
        let mut k = last;
        for _ in 0..5 {
            let Some(a) = next(k) else { break };
            if gap(a).contains(['.', '!', '?', ';', ':', ',', '(']) {
                break;
            }
            if matches!(key(a), "als" | "as") {
                if next(a).is_some_and(|b| {
                    flags(b) & (lx::ROLE | lx::TITLE) != 0 && flags(b) & lx::PUPIL_NOUN == 0
                        || matches!(key(b), "de" | "onze" | "our" | "the")
                            && next(b).is_some_and(|c| flags(c) & lx::ROLE != 0)
                }) {
                    m.adult = true;
                }
                break;
            }
            k = a;
        }
    }
    // "Willem de Zwijgerlaan": the surname words themselves
    if !m.minor && (i + 1..=last).any(|k| lex.has_institution_suffix(key(k))) {
        m.not_person = true;
    }
    // Vocative at the end of a sentence in mail and chat: "Fijne verjaardag nog, Sofie!"
    if matches!(channel, Channel::Email | Channel::Chat) && g0.ends_with(", ") && p1.is_some() {
        let after = match n1 {
            Some(a) => gap(a),
            None => rest,
        };
        if after.trim_start().starts_with(['!', '?']) || n1.is_none() && after.trim().is_empty() {
            m.adult = true;
        }
    }
    if m.unknown && (!m.minor || line_kind != LineKind::Body) {
        m.not_person = true;
    }
}

fn floor(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `@handles` in the draft, as mentions.
fn handles(
    doc: &Document<'_>,
    lex: &Lexicon,
    t: &Tokens,
    norm: &str,
    pat: &Patterns,
    out: &mut Vec<Mention>,
) {
    if !norm.contains('@') {
        return;
    }
    for (at, _) in norm.match_indices('@') {
        // Not the `@` of an e-mail address, and followed by a handle.
        let glued = norm[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || "_.@/#&=+-".contains(c));
        if glued {
            continue;
        }
        let Some(h) = pat.handle.find(&norm[at + 1..]) else {
            continue;
        };
        let h = (at + 1 + h.start())..(at + 1 + h.end());
        let handle = &norm[h.clone()];
        let parts: Vec<&str> = handle
            .split(|ch: char| !ch.is_ascii_alphabetic())
            .filter(|p| p.len() >= 2)
            .collect();
        let org = parts.iter().any(|p| {
            let f = lex.flags(p);
            f & (lx::TITLE | lx::ROLE | lx::ORG | lx::NOT_PERSON_PREFIX) != 0
                || p.contains("school")
                || p.contains("college")
                || p.contains("lyceum")
                || p.contains("atheneum")
                || p.contains("instituut")
                || p.contains("gemeente")
                || matches!(
                    *p,
                    "obs"
                        | "kbs"
                        | "cbs"
                        | "bs"
                        | "vbs"
                        | "gbs"
                        | "official"
                        | "info"
                        | "nl"
                        | "be"
                        | "ouderraad"
                        | "oudervereniging"
                )
        });
        let named = parts.iter().any(|p| lex.flags(p) & lx::NAME != 0);
        let grouped = handle.contains("gr") && handle.chars().any(|c| c.is_ascii_digit())
            || parts
                .iter()
                .any(|p| matches!(*p, "groep" | "klas" | "leerling"));
        // Only the last 40 bytes of the line before the `@` and the first 60
        // after the handle count: look for the line's ends within a window,
        // so many handles on one long line stay linear.
        let from = crate::text::floor_boundary(norm, at.saturating_sub(64));
        let line_start = norm[from..at].rfind('\n').map_or(from, |x| from + x + 1);
        let before = &norm[line_start..at];
        let before = &before[before.len() - floor_back(before, 40)..];
        let mut m = Mention {
            norm: at..h.end,
            first: handle.to_string(),
            surname: None,
            handle: true,
            toks: 0..0,
            unknown: !named,
            ambiguous: false,
            adult_name: false,
            collides: false,
            sent_start: false,
            zone_adult: false,
            titled: false,
            adult: org,
            minor: grouped || pat.handle_before.is_match(before),
            hint: named,
            not_person: org,
            class: None,
            who: Who::Person,
        };
        let to = crate::text::ceil_boundary(norm, (h.end + 64).min(norm.len()));
        let line_end = norm[h.end..to].find('\n').map_or(to, |x| h.end + x);
        let rest = &norm[h.end..line_end];
        if pat.after.is_match(&rest[..floor(rest, 60)]) {
            m.minor = true;
        }
        let _ = (doc, t);
        out.push(m);
    }
}

fn floor_back(s: &str, len: usize) -> usize {
    let mut start = s.len().saturating_sub(len);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    s.len() - start
}

/// Names in one list ("Tess, Jelle en Saar", "Lucas en Mila van Gorp") share
/// what is said before the first and after the last.
fn propagate_in_lists(norm: &str, ms: &mut [Mention]) {
    let joins = |g: &str| {
        matches!(
            g,
            ", " | " en " | ", en " | " and " | ", and " | " & " | " of " | " or " | "," | " + "
        )
    };
    let mut start = 0;
    while start < ms.len() {
        let mut end = start + 1;
        while end < ms.len() {
            let a = &ms[end - 1];
            let b = &ms[end];
            if a.handle != b.handle
                || b.norm.start < a.norm.end
                || !joins(&norm[a.norm.end..b.norm.start])
            {
                break;
            }
            end += 1;
        }
        if end - start > 1 {
            let minor = ms[start..end]
                .iter()
                .any(|m| m.minor && !m.titled && !m.not_person);
            let adult = ms[start..end]
                .iter()
                .any(|m| m.adult && !m.titled && !m.minor);
            let class = ms[start..end].iter().find_map(|m| m.class.clone());
            let hint = ms[start..end].iter().any(|m| m.hint);
            for m in &mut ms[start..end] {
                if minor && !m.adult && !m.not_person {
                    m.minor = true;
                    if m.class.is_none() {
                        m.class = class.clone();
                    }
                }
                if adult && !m.minor && !m.not_person {
                    m.adult = true;
                }
                m.hint |= hint;
            }
        }
        start = end;
    }
}

fn decide(ms: &mut [Mention], ctx: &DocContext, channel: Channel) {
    #[derive(Default, Clone, Copy)]
    struct Seen {
        adult: bool,
        minor: bool,
    }
    // Keyed by the mentions' own names (no copies); the verdicts are written after.
    let mut seen: HashMap<&str, Seen> = HashMap::with_capacity(ms.len());
    for m in ms.iter() {
        if m.not_person {
            continue;
        }
        let s = seen.entry(m.first.as_str()).or_default();
        if m.titled {
            s.adult = true;
        } else if m.minor {
            s.minor = true;
        } else if m.adult || m.zone_adult {
            s.adult = true;
        }
    }
    let pupils = ctx.names_are_pupils(channel);
    let who: Vec<Who> = ms
        .iter()
        .map(|m| {
            let s = seen.get(m.first.as_str()).copied().unwrap_or_default();
            verdict(m, s.adult, s.minor, pupils)
        })
        .collect();
    for (m, who) in ms.iter_mut().zip(who) {
        m.who = who;
    }
}

/// Who a mention is, from its own evidence, what the other mentions of the
/// same name say (`seen_adult`, `seen_minor`), and whether names default to pupils.
fn verdict(m: &Mention, seen_adult: bool, seen_minor: bool, pupils: bool) -> Who {
    if m.not_person {
        Who::NotPerson
    } else if m.titled {
        Who::Adult
    } else if m.minor {
        Who::Minor
    } else if m.adult || m.zone_adult {
        Who::Adult
    } else if seen_minor {
        Who::Minor
    } else if seen_adult {
        Who::Adult
    } else if m.unknown || m.ambiguous && m.sent_start || m.collides {
        Who::NotPerson
    } else if m.adult_name {
        Who::Person
    } else if m.hint || pupils {
        Who::Minor
    } else {
        Who::Person
    }
}
