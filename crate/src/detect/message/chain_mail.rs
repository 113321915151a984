//! R12 chain mail: "stuur dit door naar 10 mensen", "deel dit met iedereen
//! die je kent", "forward this to", "anders heb je 7 jaar ongeluk".
//!
//! A sentence is a chain letter when it
//! * holds a curse, promise or deadline on passing it on ("7 jaar ongeluk",
//!   "verbreek de ketting niet", "als je dit niet doorstuurt", "binnen 10
//!   minuten doorsturen", `chain_mail.txt`), or
//! * asks to pass the message on or share it to a mass audience, with no
//!   "niet"/"not" before the audience ("stuur dit niet door naar al je
//!   contacten"). A strong audience (`chain_audience.txt`: a number of 3 or
//!   more people that does not follow an article, as "naar de 3 mensen van de
//!   werkgroep" is a real group; "iedereen die je kent", "al je contacten")
//!   goes with passing on (`chain_forward.txt`: "stuur door", "forward") and
//!   with sharing (`chain_share.txt`: "deel met", "tag"); a weak one
//!   (`chain_audience_weak.txt`: "al je vrienden", "zoveel mogelijk mensen")
//!   only with passing on: "deel dit met al je vrienden" is promotion.
//!
//! Any channel. The finding spans the sentence.

use super::phrases::Phrases;
use super::{clause, list, Scan, Shared};
use crate::detect::Hit;
use crate::error::Error;
use crate::policy::Policy;
use crate::rule::Rule;
use crate::scanner::rule_index;
use std::ops::Range;

/// A word before the audience that makes it a definite group.
const ARTICLES: &[&str] = &[
    "de", "die", "deze", "het", "onze", "mijn", "jouw", "uw", "jullie", "alle", "beide", "the",
    "those", "these", "our", "my", "your", "both",
];

/// Words that negate the call to pass it on.
const NEGATIONS: &[&str] = &[
    "niet", "geen", "nooit", "not", "don't", "dont", "never", "no", "niemand", "nobody",
];

pub struct ChainMail {
    rule: usize,
    standalone: Phrases,
    forward: Phrases,
    share: Phrases,
    audience: Phrases,
    weak_audience: Phrases,
}

impl ChainMail {
    pub fn new(rules: &[Rule], policy: &Policy) -> Result<Self, Error> {
        let cfg = &policy.message_rules.chain_mail;
        let (f, d) = list!("chain_mail.txt");
        let standalone = Phrases::new(f, d, &cfg.phrases)?;
        let (f, d) = list!("chain_forward.txt");
        let forward = Phrases::new(f, d, &[])?;
        let (f, d) = list!("chain_share.txt");
        let share = Phrases::new(f, d, &[])?;
        let (f, d) = list!("chain_audience.txt");
        let audience = Phrases::new(f, d, &[])?;
        let (f, d) = list!("chain_audience_weak.txt");
        let weak_audience = Phrases::new(f, d, &[])?;
        Ok(ChainMail {
            rule: rule_index(rules, "chain-mail.forward", super::RULES_FILE)?,
            standalone,
            forward,
            share,
            audience,
            weak_audience,
        })
    }

    pub fn detect(&self, scan: &Scan<'_>, _shared: &Shared, out: &mut Vec<Hit>) {
        let text = scan.text;
        let mut sentences: Vec<Range<usize>> = self
            .standalone
            .find_iter(text)
            .map(|m| clause(text, m))
            .collect();
        let strong = self
            .audience
            .find_iter(text)
            .filter(|a| self.is_mass(text, a))
            .map(|a| (a, true));
        let weak = self.weak_audience.find_iter(text).map(|a| (a, false));
        for (a, strong) in strong.chain(weak) {
            let c = clause(text, a.clone());
            if sentences.contains(&c) {
                continue;
            }
            let negated = text
                .get(c.start..a.start)
                .is_some_and(|before| words(before).any(|w| NEGATIONS.contains(&w)));
            let asked = self.forward.any_in(text, c.clone())
                || (strong && self.share.any_in(text, c.clone()));
            if !negated && asked {
                sentences.push(c);
            }
        }
        sentences.sort_by_key(|r| r.start);
        sentences.dedup();
        for s in sentences {
            out.push(Hit::new(self.rule, trimmed(scan, s)));
        }
    }

    /// An audience match is a mass of people (see the module docs).
    fn is_mass(&self, all: &str, a: &Range<usize>) -> bool {
        let text = &all[a.clone()];
        let first = words(text).next().unwrap_or("");
        let few = match first.parse::<u64>() {
            Ok(n) => n < 3,
            Err(_) => matches!(first, "twee" | "two"),
        };
        if few {
            return false;
        }
        let starts_with_number = first.chars().all(|c| c.is_ascii_digit())
            || !matches!(
                first,
                "iedereen"
                    | "al"
                    | "alle"
                    | "allen"
                    | "je"
                    | "jouw"
                    | "uw"
                    | "everyone"
                    | "all"
                    | "your"
            );
        let article = words(&all[..a.start])
            .last()
            .is_some_and(|w| ARTICLES.contains(&w));
        !(starts_with_number && article)
    }
}

/// The sentence's original range without surrounding white space.
fn trimmed(scan: &Scan<'_>, text: Range<usize>) -> Range<usize> {
    let r = scan.original(text);
    let text = scan.input.doc.original.get(r.clone()).unwrap_or("");
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    if lead + trail >= text.len() {
        return r;
    }
    r.start + lead..r.end - trail
}

fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::finding::Channel;

    fn found(text: &str) -> Vec<String> {
        of(scanner("{}"), text, &context(Channel::Email), "chain-mail.")
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn chain_letters_fire() {
        for text in [
            "Stuur dit door naar 10 mensen, anders heb je 7 jaar ongeluk!",
            "Deel dit met iedereen die je kent!",
            "Stuur dit bericht zo snel mogelijk door naar al je contacten.",
            "Forward this to 5 friends and your wish will come true.",
            "Share this with everyone you know before midnight!",
            "Als je dit niet doorstuurt, heb je pech.",
            "Verbreek de ketting niet!",
            "Binnen 10 minuten doorsturen naar twintig mensen en morgen krijg je goed nieuws.",
            "Kopieer en plak dit in je status en tag 10 vrienden.",
            "Stuur dit naar al je vrienden en zoveel mogelijk mensen, dan stopt het!",
            "Stuur dit door naar tien vriendinnen. Wie dit breekt, krijgt 3 jaar pech.",
        ] {
            assert!(!found(text).is_empty(), "{text}");
        }
        assert_eq!(
            found("Hoi collega's,\n\nStuur dit door naar 10 mensen!\n\nGroet, An"),
            ["Stuur dit door naar 10 mensen!"]
        );
    }

    #[test]
    fn ordinary_forwarding_stays_quiet() {
        for text in [
            "Kun je deze mail doorsturen naar de 3 mensen van de werkgroep verkeer?",
            "Stuur dit door naar 2 collega's van de bovenbouw.",
            "Help juf Marieke! Delen mag! ❤️",
            "Alvast bedankt, ook om dit te delen!",
            "Deel de foto's met de ouders van je klas via Smartschool.",
            "Na het ongeluk op de speelplaats is de schommel afgesloten.",
            "Stuur dit bericht niet door naar al je contacten: het is een hoax.",
            "Ik heb 10 mensen gesproken over de schoolreis.",
            "Let op: er gaat een kettingbrief rond, stuur hem niet door.",
            "Deel je ervaringen met de 25 mensen in de werkgroep.",
            "Deel dit bericht met al je vrienden en familie: zaterdag is het open dag!",
            "Share this with all your friends, the summer fair is on Saturday!",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
