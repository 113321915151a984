//! R11 confidential: no confidential information about the school outside
//! it, and no negative messages about pupils, parents or colleagues online.
//!
//! * `confidential.marker`: a word that marks information as confidential or
//!   not yet public ("vertrouwelijk", "intern document", "niet verspreiden",
//!   "embargo", "onder ons gezegd", "confidential", `confidential.txt`) in a
//!   social post, or in a message with recipients outside the school (any
//!   field, BCC included). A marker inside a promise of discretion or advice
//!   ("wordt vertrouwelijk behandeld", "deel geen vertrouwelijke informatie",
//!   `confidential_quiet.txt`) does not count. The school platform is where
//!   such information belongs: quiet there.
//! * `confidential.negative-remark`: on social media, a clearly negative
//!   judgement of a person ("verwend nest", "incompetent", "lui",
//!   `negative_judgement.txt`) in the same sentence as a named person: a
//!   capitalised word that is not a sentence starter, title or institution
//!   (`not_names.txt`), a name after a title ("juf Sanne"), or an @handle.

use super::phrases::Phrases;
use super::{clause, list, Scan, Shared};
use crate::detect::Hit;
use crate::error::Error;
use crate::finding::Channel;
use crate::policy::Policy;
use crate::rule::Rule;
use crate::scanner::{detail, rule_index};
use crate::text::Document;
use std::collections::HashSet;
use std::ops::Range;

/// Words after which a sentence-initial capitalised word reads as a subject
/// (`Jesse is …`, `Tom in 4B …`), so as a name rather than a sentence starter.
const SUBJECT_CUES: &[&str] = &[
    "is", "was", "blijft", "heeft", "had", "doet", "deed", "zit", "zat", "kan", "kon", "wil",
    "wilde", "gedraagt", "uit", "van", "in", "uit", "has", "does", "did", "keeps", "never",
    "always", "from", "en", "and",
];

/// Titles after which a capitalised word is a name even at a sentence start.
const TITLES: &[&str] = &[
    "juf", "juffrouw", "meester", "meneer", "mevrouw", "mevr", "dhr", "mw", "mr", "mrs", "ms",
    "miss", "collega", "die", "dat", "deze", "onze", "ons", "leerling", "mama", "papa", "moeder",
    "vader",
];

pub struct Confidential {
    marker_rule: usize,
    remark_rule: usize,
    markers: Phrases,
    quiet: Phrases,
    judgements: Phrases,
    not_names: HashSet<String>,
    negative_remarks: bool,
}

impl Confidential {
    pub fn new(rules: &[Rule], policy: &Policy) -> Result<Self, Error> {
        let cfg = &policy.message_rules.confidential;
        let (f, d) = list!("confidential.txt");
        let markers = Phrases::new(f, d, &cfg.markers)?;
        let (f, d) = list!("confidential_quiet.txt");
        let quiet = Phrases::new(f, d, &[])?;
        let (f, d) = list!("negative_judgement.txt");
        let judgements = Phrases::new(f, d, &cfg.negative_words)?;
        let (_, d) = list!("not_names.txt");
        let not_names = d
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        Ok(Confidential {
            marker_rule: rule_index(rules, "confidential.marker", super::RULES_FILE)?,
            remark_rule: rule_index(rules, "confidential.negative-remark", super::RULES_FILE)?,
            markers,
            quiet,
            judgements,
            not_names,
            negative_remarks: cfg.negative_remarks,
        })
    }

    pub fn detect(&self, scan: &Scan<'_>, shared: &Shared, out: &mut Vec<Hit>) {
        let ctx = scan.input.context;
        match ctx.channel {
            Channel::Social => {
                self.markers(scan, None, out);
                if self.negative_remarks {
                    self.remarks(scan, out);
                }
            }
            Channel::Email | Channel::Chat => {
                let outside = ctx
                    .recipients
                    .iter()
                    .map(|r| super::addresses::bare(&r.address))
                    .filter(|a| shared.domains.is_external(&scan.home, a))
                    .collect::<HashSet<_>>()
                    .len();
                if outside > 0 {
                    let d = if outside == 1 {
                        detail(
                            "1 ontvanger van buiten de school",
                            "1 recipient outside the school",
                        )
                    } else {
                        detail(
                            format!("{outside} ontvangers van buiten de school"),
                            format!("{outside} recipients outside the school"),
                        )
                    };
                    self.markers(scan, Some(d), out);
                }
            }
            Channel::School => {}
        }
    }

    fn markers(&self, scan: &Scan<'_>, d: Option<crate::rule::Text>, out: &mut Vec<Hit>) {
        let text = scan.text;
        let mut quiet = self.quiet.find_iter(text).peekable();
        let mut quiet_now: Option<Range<usize>> = None;
        for m in self.markers.find_iter(text) {
            // Advance the (sorted) reassurances past those that end before this marker.
            while quiet_now.as_ref().is_none_or(|q| q.end <= m.start) {
                match quiet.next() {
                    Some(q) => quiet_now = Some(q),
                    None => {
                        quiet_now = None;
                        break;
                    }
                }
            }
            let covered = quiet_now
                .as_ref()
                .is_some_and(|q| q.start < m.end && m.start < q.end)
                || quiet
                    .peek()
                    .is_some_and(|q| q.start < m.end && m.start < q.end);
            if covered {
                continue;
            }
            let mut hit = Hit::new(self.marker_rule, scan.original(m));
            hit.detail = d.clone();
            out.push(hit);
        }
    }

    fn remarks(&self, scan: &Scan<'_>, out: &mut Vec<Hit>) {
        let text = scan.text;
        let doc = scan.input.doc;
        let mut last_clause: Option<Range<usize>> = None;
        for j in self.judgements.find_iter(text) {
            let c = clause(text, j.clone());
            if last_clause.as_ref() == Some(&c) {
                continue;
            }
            let c_norm = doc.keys_to_norm(c.clone());
            let j_norm = doc.keys_to_norm(j.clone());
            if let Some(name) = self.named_person(doc, c_norm, &j_norm) {
                let start = name.start.min(j_norm.start);
                let end = name.end.max(j_norm.end);
                out.push(Hit::new(self.remark_rule, doc.norm_to_original(start..end)));
                last_clause = Some(c);
            }
        }
    }

    /// A named person in a sentence (`norm` range), outside the judgement.
    fn named_person(
        &self,
        doc: &Document<'_>,
        sentence: Range<usize>,
        judgement: &Range<usize>,
    ) -> Option<Range<usize>> {
        let norm = doc.norm.text.as_str();
        let text = norm.get(sentence.clone())?;
        let words: Vec<Range<usize>> = word_ranges(text)
            .map(|r| sentence.start + r.start..sentence.start + r.end)
            .collect();
        for (i, w) in words.iter().enumerate() {
            if w.start < judgement.end && judgement.start < w.end {
                continue;
            }
            let word = &norm[w.clone()];
            // An @handle is always a person here.
            if norm[..w.start].ends_with('@') {
                let len = norm[w.start..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                    .unwrap_or(norm.len() - w.start);
                let handle = norm[w.start..w.start + len].trim_end_matches('.');
                return Some(w.start - 1..w.start + handle.len());
            }
            if word.chars().count() < 2
                || !word.chars().next().is_some_and(char::is_alphabetic)
                || !doc.is_capitalised(w.start)
                || is_all_caps(doc, w)
                || self.not_names.contains(word)
            {
                continue;
            }
            let prev = i.checked_sub(1).map(|p| &norm[words[p].clone()]);
            let next = words.get(i + 1).map(|n| &norm[n.clone()]);
            let titled = prev.is_some_and(|p| TITLES.contains(&p));
            let initial = i == 0;
            if titled || !initial || next.is_some_and(|n| SUBJECT_CUES.contains(&n)) {
                return Some(w.clone());
            }
        }
        None
    }
}

/// Byte ranges of the alphanumeric words of `text`.
fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start: Option<usize> = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some(s..i);
                }
                _ => {}
            }
        }
        None
    })
}

/// `CLB`, `GGD`: an abbreviation, not a name.
fn is_all_caps(doc: &Document<'_>, w: &Range<usize>) -> bool {
    let r = doc.norm_to_original(w.clone());
    let orig = doc.original.get(r).unwrap_or("");
    orig.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && orig
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::context::RecipientField::{Bcc, To};
    use crate::finding::Channel;

    fn social(text: &str, prefix: &str) -> Vec<crate::Finding> {
        of(scanner("{}"), text, &context(Channel::Social), prefix)
    }

    #[test]
    fn markers_in_social_posts() {
        for (text, marker) in [
            (
                "Vertrouwelijk: volgend jaar gaan twee klassen samen.",
                "Vertrouwelijk",
            ),
            (
                "Nog niet officieel, maar onze directeur vertrekt!",
                "Nog niet officieel",
            ),
            (
                "Dit is een intern document van de scholengroep.",
                "intern document",
            ),
            (
                "Foto van de nieuwe plannen, niet verspreiden aub 😉",
                "niet verspreiden",
            ),
            (
                "Onder ons gezegd: de inspectie was niet tevreden.",
                "Onder ons gezegd",
            ),
            (
                "Strictly confidential: the new timetable.",
                "Strictly confidential",
            ),
            (
                "De resultaten staan nog onder embargo tot vrijdag.",
                "onder embargo",
            ),
            (
                "Ik mag het eigenlijk nog niet zeggen, maar we krijgen een nieuwe turnzaal!",
                "mag het eigenlijk nog niet zeggen",
            ),
        ] {
            let f = social(text, "confidential.marker");
            assert!(f.iter().any(|f| f.text == marker), "{text}: {f:?}");
        }
    }

    #[test]
    fn reassurances_and_look_alikes_stay_quiet() {
        for text in [
            "Alles wat je vertelt wordt vertrouwelijk behandeld.",
            "Je kan terecht voor een vertrouwelijk gesprek bij onze vertrouwenspersoon.",
            "Tip voor collega's: deel nooit vertrouwelijke informatie over leerlingen online.",
            "Wie onder ons heeft nog een oude fiets?",
            "Onze intern begeleider is er op dinsdag. Internet werkt weer!",
            "Het thema van het schoolfeest is nog een verrassing!",
            "De uitslag is nog niet bekend.",
            "Na intern overleg hebben we besloten de sportdag te verplaatsen.",
            "Our new intern starts on Monday.",
            "Vragen? Stuur ons een vertrouwelijk bericht via Smartschool.",
        ] {
            assert!(social(text, "confidential.marker").is_empty(), "{text}");
        }
    }

    #[test]
    fn markers_to_external_recipients_only() {
        let s = scanner(r#"{"school": {"domains": ["sintjozef.be"]}}"#);
        let text = "Vertrouwelijk: de klassenraad bespreekt donderdag 3B.";
        let mut ctx = context(Channel::Email);
        assert!(
            of(s, text, &ctx, "confidential.").is_empty(),
            "no recipients"
        );
        ctx.recipients = recipients(&[("an@sintjozef.be", To)]);
        assert!(of(s, text, &ctx, "confidential.").is_empty(), "colleague");
        ctx.recipients = recipients(&[("an@sintjozef.be", To), ("ouder@gmail.com", Bcc)]);
        let f = of(s, text, &ctx, "confidential.");
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("1 ontvanger van buiten de school"),
            "{}",
            f[0].message
        );
        ctx.channel = Channel::School;
        assert!(
            of(s, text, &ctx, "confidential.").is_empty(),
            "school platform"
        );
    }

    #[test]
    fn negative_remarks_about_named_people() {
        for (text, span) in [
            (
                "Die Jesse uit groep 7 is echt een verwend nest.",
                "Jesse uit groep 7 is echt een verwend nest",
            ),
            (
                "Meester Bart is totaal incompetent.",
                "Bart is totaal incompetent",
            ),
            ("Jesse is zo lui, elke dag hetzelfde.", "Jesse is zo lui"),
            (
                "Honestly, Tom in 4B is so lazy and rude.",
                "Tom in 4B is so lazy",
            ),
            ("Little Ava is such a brat today.", "Ava is such a brat"),
            (
                "Wat een lastpak is @sem_speelt toch.",
                "lastpak is @sem_speelt",
            ),
            (
                "De moeder van Lisa is echt hysterisch vandaag.",
                "Lisa is echt hysterisch",
            ),
        ] {
            let f = social(text, "confidential.negative-remark");
            assert_eq!(f.len(), 1, "{text}");
            assert_eq!(f[0].text, span, "{text}");
        }
    }

    #[test]
    fn praise_situations_and_unnamed_stay_quiet() {
        for text in [
            "Proficiat aan Lotte en Warre voor hun eerste plaats!",
            "Wat een pech voor Daan, beterschap! De hele klas mist je.",
            "Het weer was waardeloos, maar de sportdag was top.",
            "Sommige ouders zijn echt onbeleefd tegen de juffen.",
            "Waardeloos, dat nieuwe rooster. Vandaag weer chaos.",
            "De GGD was er vandaag. CLB-medewerkers zijn nooit incompetent.",
            "Mr Smith's class enjoyed a lazy Sunday reading session.",
            "Stuur ons gerust een vertrouwelijk bericht, Karin helpt je verder.",
        ] {
            assert!(
                social(text, "confidential.negative-remark").is_empty(),
                "{text}"
            );
        }
        let s = scanner("{}");
        let t = "Die Jesse uit groep 7 is echt een verwend nest.";
        assert!(of(s, t, &context(Channel::Email), "confidential.").is_empty());
        let off = scanner(r#"{"message_rules": {"confidential": {"negative_remarks": false}}}"#);
        assert!(of(off, t, &context(Channel::Social), "confidential.").is_empty());
    }
}
