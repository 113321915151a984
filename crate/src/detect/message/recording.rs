//! R13 recordings: recordings of (remote) lessons are not shared on social
//! media (seed 004 A7).
//!
//! In a social post:
//! * a phrase that means a lesson recording ("opname van de les", "de
//!   Teams-opname", "bekijk de les terug", "lesson recording",
//!   `recording.txt`): the finding spans the phrase;
//! * or a link together with a recording word ("opname", "opgenomen",
//!   "terugkijken", `recording_word.txt`) and a lesson word ("les", "uitleg",
//!   "klas", `lesson_word.txt`): the finding spans the link.
//!
//! A recording of a school musical or a photo album is consent business (R4),
//! not this rule.

use super::phrases::Phrases;
use super::{list, Scan, Shared};
use crate::detect::Hit;
use crate::error::Error;
use crate::finding::Channel;
use crate::policy::Policy;
use crate::rule::Rule;
use crate::scanner::rule_index;
use regex::Regex;

pub struct Recording {
    rule: usize,
    phrases: Phrases,
    recording_words: Phrases,
    lesson_words: Phrases,
    link: Regex,
}

impl Recording {
    pub fn new(rules: &[Rule], policy: &Policy) -> Result<Self, Error> {
        let cfg = &policy.message_rules.recording;
        let (f, d) = list!("recording.txt");
        let phrases = Phrases::new(f, d, &cfg.phrases)?;
        let (f, d) = list!("recording_word.txt");
        let recording_words = Phrases::new(f, d, &[])?;
        let (f, d) = list!("lesson_word.txt");
        let lesson_words = Phrases::new(f, d, &[])?;
        let link = Regex::new(
            r"(?:https?://|www\.)[^\s<>]+|\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:be|nl|com|org|net|eu|tv|ly|be|gl|io)/[^\s<>]*",
        )
        .map_err(|e| Error::Builtin {
            file: "detect/message/recording.rs".into(),
            message: e.to_string(),
        })?;
        Ok(Recording {
            rule: rule_index(rules, "recording.lesson", super::RULES_FILE)?,
            phrases,
            recording_words,
            lesson_words,
            link,
        })
    }

    pub fn detect(&self, scan: &Scan<'_>, _shared: &Shared, out: &mut Vec<Hit>) {
        if scan.input.context.channel != Channel::Social {
            return;
        }
        let text = scan.text;
        let before = out.len();
        for m in self.phrases.find_iter(text) {
            out.push(Hit::new(self.rule, scan.original(m)));
        }
        if out.len() > before {
            return;
        }
        // Links are read on `norm`: the `text` view may have undone "leet" in them.
        let norm = &scan.input.doc.norm.text;
        let Some(link) = self.link.find(norm) else {
            return;
        };
        let all = 0..text.len();
        if self.recording_words.any_in(text, all.clone()) && self.lesson_words.any_in(text, all) {
            let r = scan.input.doc.norm_to_original(link.start()..link.end());
            out.push(Hit::new(self.rule, r));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::finding::Channel;

    fn found(text: &str) -> Vec<String> {
        of(scanner("{}"), text, &context(Channel::Social), "recording.")
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn lesson_recordings_fire() {
        for (text, span) in [
            (
                "Hier is de opname van de les van gisteren!",
                "opname van de les",
            ),
            (
                "Gemist? Bekijk de les van vanochtend terug!",
                "Bekijk de les van vanochtend terug",
            ),
            (
                "De Teams-opname van onze wiskundeles staat online 👇",
                "Teams-opname",
            ),
            (
                "Kijk hier de online les nog eens terug",
                "Kijk hier de online les nog eens terug",
            ),
            ("Our lesson recording is up!", "lesson recording"),
            (
                "Recording of today's lesson on fractions",
                "Recording of today's lesson",
            ),
            (
                "De les van vandaag werd opgenomen, voor wie ziek was.",
                "les van vandaag werd opgenomen",
            ),
        ] {
            let f = found(text);
            assert!(f.iter().any(|t| t == span), "{text}: {f:?}");
        }
        let f = found("Voor wie ziek was: de uitleg over breuken, opgenomen in de klas: https://youtu.be/Ab1c3");
        assert_eq!(f, ["https://youtu.be/Ab1c3"]);
    }

    #[test]
    fn other_posts_stay_quiet() {
        for text in [
            "Bekijk de foto's van onze sportdag op www.vbsdeboomgaard.be/fotos",
            "Morgen geven we een open les voor nieuwe ouders: https://www.school.be/opendeur",
            "Bekijk de opname van onze schoolmusical op YouTube!",
            "Na haar opname in het ziekenhuis is Lotte weer thuis.",
            "Kijk zeker het filmpje van @lenne_vlogt over onze sportdag!",
            "Onze leerlingen namen een podcast op over de klimaatweek: https://open.spotify.com/x",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        let s = scanner("{}");
        let t = "De opname van de les staat op Smartschool.";
        assert!(of(s, t, &context(Channel::Email), "recording.").is_empty());
        assert!(of(s, t, &context(Channel::School), "recording.").is_empty());
    }
}
