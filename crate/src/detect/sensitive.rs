//! Sensitive data about a person (R2: medical, psycho-social, family,
//! financial) and offensive language (R6).
//!
//! What counts is data: the lexicons in `data/lexicons/{nl,en}/` (one file
//! per category and language, format in [`lexicon`]), extended or trimmed
//! by the policy's `lexicons` field. Every form of every entry's anchor word
//! is a keyword of the scanner's one Aho-Corasick pass, so scanning does not
//! slow down as the lexicons grow. Only the sentences around a keyword are
//! read further:
//!
//! 1. the keyword must sit in its word as a whole word or a plausible
//!    compound part ([`morphology`]: `astmapatiënt`, not `ass` in `klassen`),
//!    and the rest of a phrase must follow ([`lexicon`]);
//! 2. look-alikes listed with `-` (`onderscheiding`, `kankerpatiënt`) cancel
//!    a match of their category;
//! 3. offensive words count in their own frame ([`offensive`]): a curse
//!    compound (`kankerjoch`) is offensive and then not medical;
//! 4. an R2 word counts when its sentence ties it to a person and is not a
//!    general topic ([`person`]); a sentence with no one in it is tied by the
//!    sentence before it ("Emma was gisteren afwezig. Ze had koorts" — and
//!    "Emma was afwezig. Koorts."). Negations and hypotheticals lower the
//!    severity one step, they never hide a disclosure.
//!
//! Cost: linear in the draft. Each sentence with a plausible keyword is split
//! into words once (and the sentence before it, for context), each word is
//! looked up once in the context lists, and phrase matching looks at a few
//! words around the anchor.

mod lexicon;
mod morphology;
mod offensive;
mod person;

use super::{Detector, Hit, Input};
use crate::error::Error;
use crate::hash::FastSet;
use crate::policy::{LexiconExtensions, Policy};
use crate::rule::{builtin_rules, Rule};
use crate::scanner::rule_index;
use crate::text::Document;
use lexicon::{Class, Entry, Found, Lexicon, Section, Strength};
use person::{Context, Sentence, Verdict};
use std::collections::HashMap;
use std::ops::Range;

const FILE: &str = "data/rules/sensitive.json";
const RULES: &str = data_file!("rules/sensitive.json");

/// One built-in lexicon: (file, category, text).
macro_rules! lexicon {
    ($file:literal, $class:expr) => {
        (
            concat!("data/lexicons/", $file),
            $class,
            data_file!("lexicons/", $file),
        )
    };
}

/// The built-in lexicons: (file, category, text).
const LEXICONS: [(&str, Class, &str); 10] = [
    lexicon!("nl/medical.txt", Class::Medical),
    lexicon!("en/medical.txt", Class::Medical),
    lexicon!("nl/psychosocial.txt", Class::Psychosocial),
    lexicon!("en/psychosocial.txt", Class::Psychosocial),
    lexicon!("nl/family.txt", Class::Family),
    lexicon!("en/family.txt", Class::Family),
    lexicon!("nl/financial.txt", Class::Financial),
    lexicon!("en/financial.txt", Class::Financial),
    lexicon!("nl/offensive.txt", Class::Offensive),
    lexicon!("en/offensive.txt", Class::Offensive),
];

pub struct Sensitive {
    rules: Vec<Rule>,
    lex: Lexicon,
    ctx: Context,
    /// Rule index per R2 class (medical, psychosocial, family, financial).
    r2_rules: [usize; 4],
    /// Rule index per offensive section (insult, curse, threat, discrimination, sexual).
    offensive_rules: [usize; 5],
    /// Single-word offensive look-alikes (`kankerpatiënt`), for hyphenated
    /// compounds the matcher sees as two words.
    offensive_alike: FastSet<String>,
    offensive_alike_prefixes: Vec<String>,
    /// Curses with a vowel masked (`k*nker`, `t*ring`): keywords after the
    /// lexicon's own, as the first part of a compound (`k*nkerlijer`).
    masked: Vec<String>,
}

/// The masked spellings of a curse: each vowel, and all vowels, as `*`.
fn masked_forms(word: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 || !chars.iter().all(char::is_ascii_alphabetic) {
        return;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut all = String::new();
    for (i, &c) in chars.iter().enumerate() {
        all.push(if vowel(c) { '*' } else { c });
        if vowel(c) {
            let mut m = chars.clone();
            m[i] = '*';
            out.push(m.into_iter().collect());
        }
    }
    out.push(all);
}

fn policy_error(field: String, message: String) -> Error {
    Error::Policy {
        field,
        line: 0,
        column: 0,
        message,
    }
}

/// The built-in entries of every lexicon with the policy's changes applied.
fn entries(ext: &LexiconExtensions) -> Result<Vec<Entry>, Error> {
    let mut out = Vec::new();
    for class in Class::ALL {
        let files: Vec<&(&str, Class, &str)> =
            LEXICONS.iter().filter(|(_, c, _)| *c == class).collect();
        let mut entries = Vec::new();
        let mut groups = HashMap::new();
        for &&(file, _, text) in &files {
            let parsed = lexicon::parse_file(text, class).map_err(|message| Error::Builtin {
                file: file.into(),
                message,
            })?;
            entries.extend(parsed);
            groups.extend(lexicon::groups_of(text));
        }
        let Some(patch) = ext.get(class.name()) else {
            out.extend(entries);
            continue;
        };
        if patch.is_empty() {
            out.extend(entries);
            continue;
        }
        let field = |what: &str, i: usize| format!("lexicons.{}.{what}[{i}]", class.name());
        let removed: Vec<String> = patch.remove.iter().map(|l| lexicon::key_of(l)).collect();
        for (i, key) in removed.iter().enumerate() {
            if key.is_empty() {
                return Err(policy_error(field("remove", i), "empty entry".into()));
            }
        }
        entries.retain(|e| e.exclude || !removed.contains(&e.key));
        for (i, line) in patch.add.iter().enumerate() {
            let (section, body) = section_prefix(line, class)
                .map_err(|message| policy_error(field("add", i), message))?;
            let e = lexicon::parse_entry(body, class, section, &groups)
                .map_err(|message| policy_error(field("add", i), message))?;
            entries.push(e);
        }
        for (i, line) in patch.ignore.iter().enumerate() {
            let (section, body) = section_prefix(line, class)
                .map_err(|message| policy_error(field("ignore", i), message))?;
            let body = format!("-{}", body.trim_start_matches(['-', '=', '~', '!']));
            let e = lexicon::parse_entry(&body, class, section, &groups)
                .map_err(|message| policy_error(field("ignore", i), message))?;
            entries.push(e);
        }
        out.extend(entries);
    }
    Ok(out)
}

/// An offensive policy line may start with its kind: `[threat] ik pak je $`.
fn section_prefix(line: &str, class: Class) -> Result<(Section, &str), String> {
    let line = line.trim();
    let default = if class == Class::Offensive {
        Section::Insult
    } else {
        Section::Person
    };
    let Some(rest) = line.strip_prefix('[') else {
        return Ok((default, line));
    };
    if class != Class::Offensive {
        return Err(format!(
            "`{line}`: a kind in brackets is only for offensive lines"
        ));
    }
    let (name, body) = rest
        .split_once(']')
        .ok_or_else(|| format!("`{line}`: the kind is written [insult], [threat] …"))?;
    let section = Section::parse(name.trim()).ok_or_else(|| {
        format!(
            "unknown kind [{}], expected insult, curse, threat, discrimination or sexual",
            name.trim()
        )
    })?;
    Ok((section, body.trim()))
}

impl Sensitive {
    pub fn new(policy: &Policy) -> Result<Self, Error> {
        let rules = builtin_rules(FILE, RULES)?;
        let ctx = Context::builtin().map_err(|message| Error::Builtin {
            file: "data/lexicons/context.txt".into(),
            message,
        })?;
        let entries = entries(&policy.lexicons)?;
        let common = |w: &str| ctx.flags(w) & person::bit::COMMON != 0;
        let lex = Lexicon::build(entries, &common);
        let mut offensive_alike = FastSet::default();
        let mut offensive_alike_prefixes = Vec::new();
        for e in lex
            .entries
            .iter()
            .filter(|e| e.exclude && e.class == Class::Offensive && e.tokens.len() == 1)
        {
            if let Some(lexicon::Token::Alts(alts)) = e.tokens.first() {
                for a in alts {
                    match a {
                        lexicon::Alt::Word { forms, .. } => {
                            offensive_alike.extend(forms.iter().cloned())
                        }
                        lexicon::Alt::Prefix(p) => offensive_alike_prefixes.push(p.clone()),
                        _ => {}
                    }
                }
            }
        }
        let mut masked = Vec::new();
        for e in lex.entries.iter().filter(|e| e.curse && !e.exclude) {
            if let Some(lexicon::Token::Alts(alts)) = e.tokens.first() {
                for a in alts {
                    if let lexicon::Alt::Word { forms, .. } = a {
                        if let Some(w) = forms.first() {
                            masked_forms(w, &mut masked);
                        }
                    }
                }
            }
        }
        masked.sort();
        masked.dedup();
        masked.retain(|m| m.chars().filter(|c| c.is_alphabetic()).count() >= 3);
        let r = |id: &str| rule_index(&rules, id, FILE);
        Ok(Sensitive {
            r2_rules: [
                r("medical.about-person")?,
                r("psychosocial.about-person")?,
                r("family.about-person")?,
                r("financial.about-person")?,
            ],
            offensive_rules: [
                r("offensive.insult")?,
                r("offensive.curse")?,
                r("offensive.threat")?,
                r("offensive.discrimination")?,
                r("offensive.sexual")?,
            ],
            rules,
            lex,
            ctx,
            offensive_alike,
            offensive_alike_prefixes,
            masked,
        })
    }

    fn excluded_offensive(&self, word: &str) -> bool {
        self.offensive_alike.contains(word)
            || self
                .offensive_alike_prefixes
                .iter()
                .any(|p| word.starts_with(p.as_str()))
    }

    fn offensive_rule(&self, section: Section) -> Option<usize> {
        let i = match section {
            Section::Insult => 0,
            Section::Curse => 1,
            Section::Threat => 2,
            Section::Discrimination => 3,
            Section::Sexual => 4,
            Section::Person => return None,
        };
        Some(self.offensive_rules[i])
    }

    /// The `keys` range of `norm` sentence `i`.
    fn sentence_keys(doc: &Document<'_>, norm: &Range<usize>) -> Range<usize> {
        let len = doc.keys.text.len();
        let start = doc.keys.map.from_source(norm.start).min(len);
        let end = doc.keys.map.from_source(norm.end).min(len).max(start);
        crate::text::snap(&doc.keys.text, start..end)
    }

    /// What the sentence before sentence `i` (skipping empty lines) says about
    /// people: whether it names someone (or the writer) a next sentence may go
    /// on about. Stops at a blank line: a new paragraph starts afresh.
    fn previous_ties(&self, doc: &Document<'_>, i: usize) -> person::Ties {
        let sentences = doc.sentences();
        let mut j = i;
        let mut blank_lines = 0;
        while j > 0 {
            j -= 1;
            let r = &sentences[j];
            let text = doc.norm.text.get(r.clone()).unwrap_or("");
            if text.trim().is_empty() {
                blank_lines += 1;
                if blank_lines > 1 {
                    break;
                }
                continue;
            }
            let mut range = Self::sentence_keys(doc, r);
            if range.len() > MAX_SENTENCE {
                range = piece(&doc.keys.text, range.clone(), range.end.saturating_sub(1));
            }
            let s = Sentence::new(doc, range, &self.ctx);
            let marked = vec![false; s.words.len()];
            let tie_words = self.ctx.tie_words(&s, &marked);
            return self.ctx.ties(&tie_words, usize::MAX, 0);
        }
        person::Ties::default()
    }
}

/// What one sentence disclosed, for the sentence after it.
#[derive(Default)]
struct Carry {
    /// Index of the last sentence with an R2 disclosure.
    disclosed: Option<usize>,
}

impl Sensitive {
    #[allow(clippy::too_many_arguments)]
    fn sentence(
        &self,
        doc: &Document<'_>,
        index: usize,
        keys: Range<usize>,
        context: bool,
        cands: &[(usize, Range<usize>)],
        carry: &mut Carry,
        out: &mut Vec<Hit>,
    ) {
        let s = Sentence::new(doc, keys, &self.ctx);
        if s.words.is_empty() {
            return;
        }
        let mut found: Vec<Found> = Vec::new();
        let mut tried = Vec::new();
        for (kw, m) in cands {
            let w = s.words.partition_point(|w| w.keys.end <= m.start);
            if w >= s.words.len() {
                continue;
            }
            self.lex
                .find_at(*kw, m.clone(), w, &s, &mut tried, &mut found);
        }
        if found.is_empty() {
            return;
        }
        // Look-alikes cancel the matches of their category on their words.
        let mut alike: Vec<(Class, Range<usize>)> = Vec::new();
        for f in &found {
            let e = &self.lex.entries[f.entry];
            if e.exclude {
                alike.push((e.class, f.first..f.last + 1));
            }
        }
        found.retain(|f| {
            let e = &self.lex.entries[f.entry];
            !e.exclude
                && !alike
                    .iter()
                    .any(|(c, r)| *c == e.class && r.contains(&f.anchor))
        });
        if found.is_empty() {
            return;
        }
        let mut marked = vec![false; s.words.len()];
        // The words a match is made of are not names; words a phrase's
        // `...` skipped may be ("de rekening van Jules staat open").
        for f in &found {
            for i in [f.first, f.anchor, f.last] {
                if let Some(m) = marked.get_mut(i) {
                    *m = true;
                }
            }
        }
        // Offensive language first: a curse compound is not a diagnosis.
        let mut offensive_words: Vec<Range<usize>> = Vec::new();
        let excluded = |w: &str| self.excluded_offensive(w);
        for f in &found {
            let e = &self.lex.entries[f.entry];
            if e.class != Class::Offensive {
                continue;
            }
            if offensive::counts(&self.ctx, &s, f, e, &excluded) {
                let Some(rule) = self.offensive_rule(e.section) else {
                    continue;
                };
                offensive_words.push(f.first..f.last + 1);
                out.push(Hit::new(rule, span(doc, &s, f)));
            }
        }
        // R2: about a person, not a topic. Weaker entries (services such as
        // "zorgcoördinator") count only next to another disclosure.
        let r2: Vec<&Found> = found
            .iter()
            .filter(|f| {
                self.lex.entries[f.entry].class != Class::Offensive
                    && !offensive_words.iter().any(|r| r.contains(&f.anchor))
            })
            .collect();
        if r2.is_empty() {
            return;
        }
        let tie_words = self.ctx.tie_words(&s, &marked);
        let mut previous: Option<person::Ties> = None;
        let mut disclosed_here = false;
        let mut weaker = Vec::new();
        for f in r2 {
            let e = &self.lex.entries[f.entry];
            if e.strength == Strength::Weaker {
                weaker.push(f);
                continue;
            }
            let (verdict, _) = self.ctx.judge(&s, f, e.strength, &tie_words);
            let lowered = match verdict {
                Verdict::Quiet => continue,
                Verdict::Fire { lowered } => lowered,
                Verdict::Untied => {
                    if e.strength == Strength::Weak {
                        continue;
                    }
                    let p = *previous.get_or_insert_with(|| {
                        if context {
                            self.previous_ties(doc, index)
                        } else {
                            person::Ties::default()
                        }
                    });
                    if !(p.named || p.first || p.household) {
                        continue;
                    }
                    self.ctx.negated(&s, f) || self.ctx.hypothetical(&s, f)
                }
            };
            let Some(rule) = self.r2_rules.get(e.class.index()) else {
                continue;
            };
            disclosed_here = true;
            out.push(Hit {
                rule: *rule,
                span: span(doc, &s, f),
                lowered,
                detail: None,
            });
        }
        let near = disclosed_here
            || carry
                .disclosed
                .is_some_and(|d| d + 1 == index || d + 2 == index);
        for f in weaker {
            if !near {
                break;
            }
            let e = &self.lex.entries[f.entry];
            let (verdict, _) = self.ctx.judge(&s, f, e.strength, &tie_words);
            let lowered = match verdict {
                Verdict::Fire { lowered } => lowered,
                Verdict::Quiet => continue,
                // The person may be named in the sentence before.
                Verdict::Untied => {
                    let p = *previous.get_or_insert_with(|| {
                        if context {
                            self.previous_ties(doc, index)
                        } else {
                            person::Ties::default()
                        }
                    });
                    if !p.named {
                        continue;
                    }
                    self.ctx.negated(&s, f) || self.ctx.hypothetical(&s, f)
                }
            };
            if let Some(rule) = self.r2_rules.get(e.class.index()) {
                out.push(Hit {
                    rule: *rule,
                    span: span(doc, &s, f),
                    lowered,
                    detail: None,
                });
            }
        }
        if disclosed_here {
            carry.disclosed = Some(index);
        }
    }
}

/// Longest sentence (in bytes) read as one; longer ones are read in pieces.
const MAX_SENTENCE: usize = 1500;
/// The size of such a piece.
const PIECE: usize = 500;

/// The piece of the long sentence `range` (of `keys`) that holds offset `at`:
/// pieces of about [`PIECE`] bytes, cut at white space where there is some.
fn piece(keys: &str, range: Range<usize>, at: usize) -> Range<usize> {
    // The first white space at or after `x` (within a word's length), or `x`.
    let cut = |x: usize| -> usize {
        let x = crate::text::floor_boundary(keys, x.min(range.end));
        let window = &keys.as_bytes()[x..range.end.min(x + 64)];
        match window.iter().position(u8::is_ascii_whitespace) {
            Some(i) => x + i,
            None => x,
        }
    };
    let at = at.clamp(range.start, range.end);
    let k = (at - range.start) / PIECE;
    let mut start = if k == 0 {
        range.start
    } else {
        cut(range.start + k * PIECE)
    };
    if start > at {
        start = if k <= 1 {
            range.start
        } else {
            cut(range.start + (k - 1) * PIECE)
        };
    }
    let mut end = cut(range.start + (k + 1) * PIECE).max(at + 1);
    end = crate::text::ceil_boundary(keys, end.min(range.end));
    start..end.max(start)
}

/// A masked curse (`k*nker`) at `m` in `keys` that starts a compound
/// (`k*nkerlijer`, `k*nker-leraar`): the `keys` range of the whole word.
fn masked_curse(keys: &str, m: Range<usize>) -> Option<Range<usize>> {
    let wordy = |c: char| c.is_alphanumeric() || c == '*';
    let before = keys.get(..m.start)?.chars().next_back();
    if before.is_some_and(wordy) {
        return None;
    }
    let rest = keys.get(m.end..)?;
    let tail = rest.find(|c: char| !wordy(c)).unwrap_or(rest.len());
    let hyphen = rest[tail..].starts_with('-')
        && rest[tail + 1..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .count()
            >= 3;
    let letters = rest[..tail].chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 3 || (tail == 0 && hyphen) {
        let end = if tail == 0 && hyphen {
            m.end
                + 1
                + rest[1..]
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(rest.len() - 1)
        } else {
            m.end + tail
        };
        return Some(m.start..end);
    }
    None
}

/// The original byte range of a match.
fn span(doc: &Document<'_>, s: &Sentence<'_>, f: &Found) -> Range<usize> {
    let start = s.words.get(f.first).map_or(0, |w| w.keys.start);
    let end = s.words.get(f.last).map_or(start, |w| w.keys.end);
    doc.keys_to_original(start..end.max(start))
}

impl Detector for Sensitive {
    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn keywords(&self) -> Vec<String> {
        let mut k = self.lex.patterns.clone();
        k.extend(self.masked.iter().cloned());
        k
    }

    fn detect(&self, input: &Input<'_>, out: &mut Vec<Hit>) {
        let doc = input.doc;
        let keys = &doc.keys.text;
        let bang = |at: usize| person::bang(doc, at);
        let lexicon_keywords = self.lex.patterns.len();
        let mut masked_at = usize::MAX;
        for k in input.keywords {
            if k.keyword >= lexicon_keywords && k.keys.start != masked_at {
                if let Some(r) = masked_curse(keys, k.keys.clone()) {
                    masked_at = k.keys.start;
                    out.push(Hit::new(self.offensive_rules[1], doc.keys_to_original(r)));
                }
            }
        }
        let mut cands: Vec<(usize, Range<usize>)> = input
            .keywords
            .iter()
            .filter(|k| {
                k.keyword < lexicon_keywords
                    && k.keys.end <= keys.len()
                    && self.lex.plausible(k.keyword, keys, k.keys.clone(), &bang)
            })
            .map(|k| (k.keyword, k.keys.clone()))
            .collect();
        if cands.is_empty() {
            return;
        }
        cands.sort_by_key(|(_, r)| (r.start, r.end));
        let sentences = doc.sentences();
        let mut carry = Carry::default();
        let mut i = 0;
        while i < cands.len() {
            let norm_at = doc.keys_to_norm(cands[i].1.clone()).start;
            let si = sentences.partition_point(|r| r.end <= norm_at);
            let Some(norm) = sentences.get(si) else {
                break;
            };
            let mut range = Self::sentence_keys(doc, norm);
            let mut context = true;
            if range.len() > MAX_SENTENCE {
                // A run-on "sentence" (a pasted list, a text without
                // punctuation): read it in pieces, so the work per match stays
                // bounded and the scan linear.
                range = piece(keys, range, cands[i].1.start);
                context = false;
            }
            let mut j = i + 1;
            while j < cands.len() && cands[j].1.start < range.end {
                j += 1;
            }
            self.sentence(doc, si, range, context, &cands[i..j], &mut carry, out);
            i = j;
        }
    }
}

#[cfg(test)]
mod tests;
