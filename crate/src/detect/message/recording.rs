//! R13 recordings: recordings of (remote) lessons are not shared on social
//! media (seed 004 A7).
//!
//! In a social post:
//! * a phrase that means a lesson recording ("opname van de les", "de
//!   Teams-opname", "bekijk de les terug", "lesson recording",
//!   `recording.txt`): the finding spans the phrase;
//! * or a link close to a recording word ("opname", "opgenomen",
//!   "terugkijken", `recording_word.txt`, within about two lines) in a post
//!   that speaks of a lesson ("les", "uitleg", "klas", `lesson_word.txt`):
//!   the finding spans the link.
//!
//! A recording of a school musical or a photo album is consent business (R4),
//! not this rule.

use super::phrases::Phrases;
use super::social::{LESSON_WORD, RECORDING, RECORDING_WORD};
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
    pub(super) phrases: Phrases,
    pub(super) recording_words: Phrases,
    pub(super) lesson_words: Phrases,
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
        let hits = &scan.social;
        let before = out.len();
        for m in self.phrases.find_near(text, &hits[RECORDING]) {
            out.push(Hit::new(self.rule, scan.original(m)));
        }
        if out.len() > before {
            return;
        }
        // A link near a recording word, in a post that speaks of a lesson.
        let lesson = || {
            self.lesson_words
                .find_near(text, &hits[LESSON_WORD])
                .next()
                .is_some()
        };
        let mut lesson_seen: Option<bool> = None;
        let mut done = 0;
        for r in self.recording_words.find_near(text, &hits[RECORDING_WORD]) {
            if r.end <= done {
                continue;
            }
            let w = super::near(text, &r, done);
            done = w.end;
            let Some(link) = self.link.find_at(&text[..w.end], w.start) else {
                continue;
            };
            if *lesson_seen.get_or_insert_with(lesson) {
                let range = scan.input.doc.norm_to_original(link.start()..link.end());
                out.push(Hit::new(self.rule, range));
                return;
            }
            return;
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
