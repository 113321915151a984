//! R10 personal title: a social post that gives an opinion about the
//! writer's own school should say it is written in a personal capacity and
//! give the writer's role (POLICY-RULES.md R10; seeds 002, 003 C4, 004 C4).
//!
//! Fires on a social post with
//! * a reference to the school: its name or board from the policy, or
//!   "onze school", "mijn school", "de directie", "ons schoolbestuur" …
//!   (`school_reference.txt`), anywhere in the post; general words such as
//!   "de school" or "het bestuur" (`school_reference_weak.txt`) only in the
//!   opinion's own sentence;
//! * an opinion: first-person ("ik vind", "volgens mij", "I think") or a
//!   clear verdict ("onbegrijpelijk", "schandalig") (`opinion.txt`);
//! * and not both a personal-title line ("op persoonlijke titel", "mijn
//!   eigen mening", "in a personal capacity", `personal_title.txt`) and a
//!   role ("leerkracht", "directeur", `roles.txt`).
//!
//! Official posts of the school ("Wij zijn trots op …") give no first-person
//! opinion and stay quiet. Praise is exempt too ("ik vind het super dat onze
//! school …", `praise.txt`, unless the sentence negates): the policies ask
//! staff to show the good sides of their work, and a compliment is no
//! position the school could be held to. The finding spans the opinion phrase.

use super::phrases::Phrases;
use super::{clause, list, Scan, Shared};
use crate::detect::Hit;
use crate::error::Error;
use crate::finding::Channel;
use crate::policy::Policy;
use crate::rule::Rule;
use crate::scanner::{detail, rule_index};

pub struct PersonalTitle {
    rule: usize,
    school_refs: Phrases,
    weak_refs: Phrases,
    opinions: Phrases,
    praise: Phrases,
    disclaimers: Phrases,
}

impl PersonalTitle {
    pub fn new(rules: &[Rule], policy: &Policy) -> Result<Self, Error> {
        let cfg = &policy.message_rules.personal_title;
        let (f, d) = list!("school_reference.txt");
        let school_refs = Phrases::new(f, d, &[])?;
        let (f, d) = list!("school_reference_weak.txt");
        let weak_refs = Phrases::new(f, d, &[])?;
        let (f, d) = list!("opinion.txt");
        let opinions = Phrases::new(f, d, &cfg.opinions)?;
        let (f, d) = list!("praise.txt");
        let praise = Phrases::new(f, d, &[])?;
        let (f, d) = list!("personal_title.txt");
        let disclaimers = Phrases::new(f, d, &cfg.disclaimers)?;
        Ok(PersonalTitle {
            rule: rule_index(rules, "personal-title.opinion", super::RULES_FILE)?,
            school_refs,
            weak_refs,
            opinions,
            praise,
            disclaimers,
        })
    }

    pub fn detect(&self, scan: &Scan<'_>, shared: &Shared, out: &mut Vec<Hit>) {
        if scan.input.context.channel != Channel::Social {
            return;
        }
        let text = scan.text;
        let all = 0..text.len();
        let named = self.school_refs.any_in(text, all.clone())
            || shared.school_names.any_in(text, all.clone());
        let Some(opinion) = self.opinions.find_iter(text).find(|o| {
            let c = clause(text, o.clone());
            (named || self.weak_refs.any_in(text, c.clone())) && !self.is_praise(text, c)
        }) else {
            return;
        };
        let disclaimer = self.disclaimers.any_in(text, all.clone());
        let role = shared.roles.any_in(text, all);
        let text = match (disclaimer, role) {
            (true, true) => return,
            (false, false) => detail(
                "een zin dat je op persoonlijke titel schrijft, en je functie",
                "a line saying you write in a personal capacity, and your role",
            ),
            (false, true) => detail(
                "een zin dat je op persoonlijke titel schrijft",
                "a line saying you write in a personal capacity",
            ),
            (true, false) => detail(
                "je functie (leerkracht, directeur …)",
                "your role (teacher, principal …)",
            ),
        };
        let mut hit = Hit::new(self.rule, scan.original(opinion));
        hit.detail = Some(text);
        out.push(hit);
    }
}

impl PersonalTitle {
    /// A sentence that praises and negates nothing.
    fn is_praise(&self, text: &str, sentence: std::ops::Range<usize>) -> bool {
        let negated = text.get(sentence.clone()).is_some_and(|s| {
            s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .any(|w| {
                    matches!(
                        w,
                        "niet" | "geen" | "nooit" | "not" | "never" | "don't" | "no"
                    )
                })
        });
        !negated && self.praise.any_in(text, sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::finding::Channel;

    fn found(policy: &str, text: &str) -> Vec<crate::Finding> {
        of(
            scanner(policy),
            text,
            &context(Channel::Social),
            "personal-title.",
        )
    }

    #[test]
    fn opinions_about_the_school_fire() {
        for text in [
            "Ik vind het onbegrijpelijk dat onze school de reis naar Parijs schrapt.",
            "Volgens mij heeft de directie geen idee wat er in de klassen gebeurt.",
            "Schandalig hoe ons schoolbestuur met de leraren omgaat.",
            "Ik snap echt niet dat de school hem nog niet heeft geschorst.",
            "I think my school is making a big mistake with the new timetable.",
            "Bij ons op school moeten we nu elke week drie formulieren invullen. Ik vind dat echt te veel.",
            "Ik vind het niet leuk dat onze school de kerstmarkt schrapt.",
        ] {
            assert_eq!(found("{}", text).len(), 1, "{text}");
        }
        let p = r#"{"school": {"name": "Basisschool De Klimop"}}"#;
        let f = found(
            p,
            "Ik ben het niet eens met de nieuwe schooltijden van De Klimop.",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "Ik ben het niet eens");
        assert!(
            f[0].advice
                .contains("als leerkracht bij Basisschool De Klimop"),
            "{}",
            f[0].advice
        );
    }

    #[test]
    fn disclaimer_and_role_quiet_it() {
        let base = "ik vind het onbegrijpelijk dat onze school de reis naar Parijs schrapt.";
        assert!(found(
            "{}",
            &format!("Op persoonlijke titel, als leerkracht Frans: {base}")
        )
        .is_empty());
        assert!(found(
            "{}",
            &format!("{base} (Mijn eigen mening, ik ben juf in het 4de leerjaar.)")
        )
        .is_empty());
        let f = found("{}", &format!("Persoonlijke mening: {base}"));
        assert!(f[0].message.contains("je functie"), "{}", f[0].message);
        let f = found("{}", &format!("Als leerkracht: {base}"));
        assert!(
            f[0].message.contains("op persoonlijke titel"),
            "{}",
            f[0].message
        );
        let p = r#"{"message_rules": {"personal_title": {"disclaimers": ["Privé!"]}, "roles": ["leesouder"]}}"#;
        assert!(found(p, &format!("Privé! Als leesouder: {base}")).is_empty());
    }

    #[test]
    fn official_posts_and_general_opinions_stay_quiet() {
        for text in [
            "Onze school is trots op de nieuwe speelplaats! Dank aan alle ouders.",
            "Wij vinden het belangrijk dat elk kind zich welkom voelt op onze school.",
            "Ik vind het lerarentekort echt een groot probleem.",
            "Ik vind het fijn dat de zon schijnt. De school is morgen gesloten.",
            "Vandaag mijn laatste module afgerond. Wat heb ik veel geleerd over scholen!",
            "Ik vind het super dat onze school meedoet aan de Kinderboekenweek!",
            "I think our school has the best team in the country, so proud!",
        ] {
            assert!(found("{}", text).is_empty(), "{text}");
        }
        let s = scanner("{}");
        let t = "Ik vind het onbegrijpelijk dat onze school de reis schrapt.";
        assert!(of(s, t, &context(Channel::Email), "personal-title.").is_empty());
        assert!(of(s, t, &context(Channel::Chat), "personal-title.").is_empty());
    }
}
