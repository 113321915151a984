//! Untagged minors (R4) and names with photos (R5).
//!
//! Finds the people a draft names (first names from `data/names/`, surnames
//! with their particles, spaced-out names, `@handles`), decides from the
//! context who of them is a pupil (see [`people`]), and checks each named
//! pupil against the school's consent register (`policy.consent`) and the
//! draft's own `consented` list. A pupil in neither is *untagged*.
//!
//! On public social media with media attached, every name gets R5's "no
//! names with photos" warning (consented children and adults too), and the
//! post gets a consent reminder at the top (an empty span at 0).
//!
//! Cost: one pass over the words with one hash lookup each, a few anchored
//! regex matches next to the names found, and one hash lookup in the
//! register per named pupil (the register is indexed once, in `new`).

mod lexicon;
mod people;
mod tokens;

use super::{Detector, Hit, Input};
use crate::error::Error;
use crate::finding::Channel;
use crate::policy::consent::{Consent, ConsentIndex, NameKey};
use crate::policy::Policy;
use crate::rule::{builtin_rules, Rule};
use crate::scanner::{detail, rule_index};
use people::Who;
use std::collections::HashMap;
use std::sync::OnceLock;

const FILE: &str = "data/rules/minors.json";
const RULES: &str = data_file!("rules/minors.json");

pub struct Minors {
    rules: Vec<Rule>,
    lex: lexicon::Lexicon,
    /// Compiled on first use (a draft with a capital or an `@`): these
    /// Unicode regexes were a tenth of building the scanner.
    pat: OnceLock<people::Patterns>,
    register: ConsentIndex,
    r_name: usize,
    r_handle: usize,
    r_photo_names: usize,
    r_photo_consent: usize,
}

impl Minors {
    pub fn new(policy: &Policy) -> Result<Self, Error> {
        let rules = builtin_rules(FILE, RULES)?;
        Ok(Minors {
            r_name: rule_index(&rules, "minor.untagged-name", FILE)?,
            r_handle: rule_index(&rules, "minor.untagged-handle", FILE)?,
            r_photo_names: rule_index(&rules, "minor.names-with-photo", FILE)?,
            r_photo_consent: rule_index(&rules, "minor.photo-consent", FILE)?,
            rules,
            lex: lexicon::Lexicon::load()?,
            pat: OnceLock::new(),
            register: ConsentIndex::new(&policy.consent),
        })
    }

    fn patterns(&self) -> &people::Patterns {
        self.pat
            .get_or_init(|| people::Patterns::new().expect("the minors patterns compile (tested)"))
    }

    /// The people a draft names and who the detector takes them for (for tests and tools).
    pub fn people(&self, text: &str, channel: Channel) -> Vec<(String, Who)> {
        let doc = crate::text::Document::new(text);
        people::analyse(&doc, &self.lex, self.patterns(), channel)
            .iter()
            .map(|m| {
                (
                    text[doc.norm_to_original(m.norm.clone())].to_string(),
                    m.who,
                )
            })
            .collect()
    }
}

/// The name as typed, without invisible characters, for messages.
fn shown(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{00AD}' | '\u{2060}' | '\u{FEFF}'
            )
        })
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

impl Detector for Minors {
    fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn detect(&self, input: &Input<'_>, out: &mut Vec<Hit>) {
        let doc = input.doc;
        let ctx = input.context;
        let with_photo = ctx.media_attached && ctx.channel == Channel::Social;
        if with_photo {
            out.push(Hit {
                rule: self.r_photo_consent,
                span: 0..0,
                lowered: false, // a reminder: its rule caps it at `info`
                detail: None,
            });
        }
        // Names are written with a capital, handles with an `@`.
        if !doc.original.contains('@') && !doc.original.chars().any(char::is_uppercase) {
            return;
        }
        let mentions = people::analyse(doc, &self.lex, self.patterns(), ctx.channel);
        let draft_list =
            (!ctx.consented.is_empty()).then(|| ConsentIndex::consented(&ctx.consented));
        // A bare first name takes the surname written elsewhere in the draft, when there is one.
        let mut surnames: HashMap<&str, Option<&str>> = HashMap::new();
        for m in &mentions {
            if let (Who::Minor, Some(s)) = (m.who, m.surname.as_deref()) {
                surnames
                    .entry(m.first.as_str())
                    .and_modify(|e| {
                        if *e != Some(s) {
                            *e = None;
                        }
                    })
                    .or_insert(Some(s));
            }
        }
        let classes: HashMap<&str, &str> = mentions
            .iter()
            .filter_map(|m| m.class.as_deref().map(|c| (m.first.as_str(), c)))
            .collect();
        for m in &mentions {
            let span = doc.norm_to_original(m.norm.clone());
            let name = shown(&doc.original[span.clone()]);
            match m.who {
                Who::NotPerson => {}
                Who::Adult | Who::Person => {
                    if with_photo && !m.zone_adult {
                        out.push(Hit {
                            rule: self.r_photo_names,
                            span,
                            lowered: true,
                            detail: Some(detail(format!("„{name}”"), format!("“{name}”"))),
                        });
                    }
                }
                Who::Minor => {
                    let key = if m.handle {
                        NameKey::parse(&format!("@{}", m.first))
                    } else {
                        let surname = m
                            .surname
                            .as_deref()
                            .or_else(|| surnames.get(m.first.as_str()).copied().flatten());
                        match surname {
                            Some(s) => NameKey::parse(&format!("{} {s}", m.first)),
                            None => NameKey::parse(&m.first),
                        }
                    };
                    let class = m
                        .class
                        .as_deref()
                        .or_else(|| classes.get(m.first.as_str()).copied());
                    let mut consent = self.register.lookup(&key, class);
                    if consent == Consent::Unknown {
                        if let Some(list) = &draft_list {
                            consent = list.lookup(&key, class);
                        }
                    }
                    let rule = if m.handle { self.r_handle } else { self.r_name };
                    match consent {
                        Consent::Given => {
                            if with_photo {
                                out.push(Hit {
                                    rule: self.r_photo_names,
                                    span,
                                    lowered: true,
                                    detail: Some(detail(format!("„{name}”"), format!("“{name}”"))),
                                });
                            }
                        }
                        Consent::Refused => out.push(Hit {
                            rule,
                            span,
                            lowered: false,
                            detail: Some(detail(
                                format!("de ouders van „{name}” gaven géén toestemming"),
                                format!("the parents of “{name}” refused consent"),
                            )),
                        }),
                        Consent::Unknown => out.push(Hit {
                            rule,
                            span,
                            lowered: false,
                            detail: Some(detail(
                                format!("„{name}” staat niet in het toestemmingsregister"),
                                format!("“{name}” is not in the consent register"),
                            )),
                        }),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
