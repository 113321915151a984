//! The scanner: built once from a policy, then called on every keystroke.
//!
//! One scan is: normalise the draft once (two views with offset maps), run one
//! Aho-Corasick pass over all detectors' keywords, call the detectors whose
//! keywords occur, and turn their hits into findings (severity from the
//! policy's category × channel matrix, messages from the rule data, UTF-16
//! offsets for JavaScript).

use crate::context::ScanContext;
use crate::detect::{self, Detector, Hit, Input, KeywordHit};
use crate::error::Error;
use crate::finding::{Category, Finding};
use crate::policy::Policy;
use crate::rule::{Rule, Text};
use crate::text::{utf16::Utf16Cursor, Document};
use aho_corasick::AhoCorasick;

pub struct Scanner {
    policy: Policy,
    detectors: Vec<Box<dyn Detector>>,
    /// Keyword automaton over all detectors' keywords (`None` when there are none).
    keywords: Option<AhoCorasick>,
    /// Pattern id → (detector index, the detector's own keyword index).
    keyword_owner: Vec<(usize, usize)>,
    /// Detectors that declared keywords (and so run only when one occurs).
    gated: Vec<bool>,
}

impl Scanner {
    pub fn new(policy: Policy) -> Result<Scanner, Error> {
        let detectors = detect::build_all(&policy)?;
        let mut patterns = Vec::new();
        let mut keyword_owner = Vec::new();
        let mut gated = Vec::new();
        for (d, det) in detectors.iter().enumerate() {
            let kws = det.keywords();
            gated.push(!kws.is_empty());
            for (k, kw) in kws.into_iter().enumerate() {
                patterns.push(kw);
                keyword_owner.push((d, k));
            }
        }
        let keywords = if patterns.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&patterns).map_err(|e| Error::Builtin {
                file: "keywords".into(),
                message: e.to_string(),
            })?)
        };
        Ok(Scanner {
            policy,
            detectors,
            keywords,
            keyword_owner,
            gated,
        })
    }

    /// A scanner with the built-in default policy.
    pub fn with_default_policy() -> Scanner {
        Scanner::new(Policy::default()).expect("the built-in policy builds")
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every rule of every detector, in registry order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.detectors.iter().flat_map(|d| d.rules().iter())
    }

    /// Scans a draft. Findings are sorted by position and lie on character
    /// boundaries of `text`; `finding.text` is exactly `text[finding.bytes]`.
    pub fn scan(&self, text: &str, context: &ScanContext) -> Vec<Finding> {
        if text.is_empty() {
            return Vec::new();
        }
        let doc = Document::new(text);
        let mut per_detector: Vec<Vec<KeywordHit>> = vec![Vec::new(); self.detectors.len()];
        if let Some(ac) = &self.keywords {
            for m in ac.find_overlapping_iter(&doc.keys.text) {
                let (d, k) = self.keyword_owner[m.pattern().as_usize()];
                per_detector[d].push(KeywordHit {
                    keyword: k,
                    keys: m.start()..m.end(),
                });
            }
        }
        let mut raw: Vec<(usize, Hit)> = Vec::new();
        let mut hits = Vec::new();
        for (d, det) in self.detectors.iter().enumerate() {
            if self.gated[d] && per_detector[d].is_empty() {
                continue;
            }
            let input = Input {
                doc: &doc,
                context,
                policy: &self.policy,
                keywords: &per_detector[d],
            };
            det.detect(&input, &mut hits);
            raw.extend(hits.drain(..).map(|h| (d, h)));
        }
        self.findings(text, context, raw)
    }

    fn findings(&self, text: &str, context: &ScanContext, raw: Vec<(usize, Hit)>) -> Vec<Finding> {
        let mut out: Vec<Finding> = Vec::with_capacity(raw.len());
        for (d, hit) in raw {
            let Some(rule) = self.detectors[d].rules().get(hit.rule) else {
                continue;
            };
            let Some(mut severity) = self.policy.severity(rule.category, context.channel) else {
                continue;
            };
            if hit.lowered {
                severity = severity.lowered();
            }
            let span = crate::text::snap(
                text,
                hit.span.start.min(text.len())..hit.span.end.min(text.len()),
            );
            let message = rule
                .channel_messages
                .get(&context.channel)
                .unwrap_or(&rule.message);
            let detail = hit.detail.as_ref();
            out.push(Finding {
                rule: rule.id.clone(),
                category: rule.category,
                severity,
                start: 0,
                end: 0,
                text: text[span.clone()].to_string(),
                message: self.fill(&message.nl, detail.map(|t| t.nl.as_str()), Lang::Nl),
                message_en: self.fill(&message.en, detail.map(|t| t.en.as_str()), Lang::En),
                advice: self.fill(&rule.advice.nl, detail.map(|t| t.nl.as_str()), Lang::Nl),
                advice_en: self.fill(&rule.advice.en, detail.map(|t| t.en.as_str()), Lang::En),
                policy_rule: rule.policy_rule.clone(),
                bytes: span,
            });
        }
        out.sort_by(|a, b| {
            (a.bytes.start, std::cmp::Reverse(a.bytes.end), &a.rule).cmp(&(
                b.bytes.start,
                std::cmp::Reverse(b.bytes.end),
                &b.rule,
            ))
        });
        dedupe(&mut out);
        set_utf16(text, &mut out);
        out
    }

    /// Fills a message template. A policy that leaves the school's name or
    /// privacy contact empty still gives a sentence that reads well: "de
    /// school", "de privacyfunctionaris van de school".
    fn fill(&self, template: &str, detail: Option<&str>, lang: Lang) -> String {
        if !template.contains('{') {
            return template.to_string();
        }
        let contact = &self.policy.privacy_contact;
        let contact = [&contact.name, &contact.email, &contact.phone]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let (default_school, default_contact, default_platform) = match lang {
            Lang::Nl => (
                "de school",
                "de privacyfunctionaris van de school",
                "het schoolplatform",
            ),
            Lang::En => (
                "the school",
                "the school's data protection officer",
                "the school platform",
            ),
        };
        let school = if self.policy.school.name.is_empty() {
            default_school
        } else {
            &self.policy.school.name
        };
        let contact = if contact.is_empty() {
            default_contact
        } else {
            &contact
        };
        template
            .replace("{school}", school)
            .replace(
                "{platform}",
                self.policy.platform().unwrap_or(default_platform),
            )
            .replace("{contact}", contact)
            .replace("{detail}", detail.unwrap_or(""))
    }
}

/// The language a message template is written in.
#[derive(Clone, Copy)]
enum Lang {
    Nl,
    En,
}

/// Drops a finding that another finding of the same category already covers
/// (same or wider span), so one secret is not reported twice by two rules.
/// Expects findings sorted by start, longest first.
fn dedupe(findings: &mut Vec<Finding>) {
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    // Per category, the furthest end among kept findings that started earlier.
    let mut reach: Vec<(Category, usize)> = Vec::new();
    for f in findings.drain(..) {
        let covered = reach
            .iter()
            .any(|&(c, end)| c == f.category && f.bytes.end <= end && !f.bytes.is_empty());
        let duplicate_empty = f.bytes.is_empty()
            && kept
                .iter()
                .rev()
                .take_while(|k| k.bytes.start == f.bytes.start)
                .any(|k| k.rule == f.rule && k.bytes == f.bytes);
        if covered || duplicate_empty {
            continue;
        }
        match reach.iter_mut().find(|(c, _)| *c == f.category) {
            Some(r) => r.1 = r.1.max(f.bytes.end),
            None => reach.push((f.category, f.bytes.end)),
        }
        kept.push(f);
    }
    *findings = kept;
}

fn set_utf16(text: &str, findings: &mut [Finding]) {
    let mut offsets: Vec<usize> = findings
        .iter()
        .flat_map(|f| [f.bytes.start, f.bytes.end])
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut cursor = Utf16Cursor::new(text);
    let table: Vec<(usize, usize)> = offsets.iter().map(|&b| (b, cursor.to_utf16(b))).collect();
    let lookup = |b: usize| table[table.partition_point(|&(x, _)| x < b)].1;
    for f in findings {
        f.start = lookup(f.bytes.start);
        f.end = lookup(f.bytes.end);
    }
}

/// Helper for detectors: a rule's index by id, or an error naming the data file.
pub fn rule_index(rules: &[Rule], id: &str, file: &str) -> Result<usize, Error> {
    rules
        .iter()
        .position(|r| r.id == id)
        .ok_or_else(|| Error::Builtin {
            file: file.into(),
            message: format!("rule `{id}` is missing"),
        })
}

/// Helper for detectors: a detail text in both languages.
pub fn detail(nl: impl Into<String>, en: impl Into<String>) -> Text {
    Text {
        nl: nl.into(),
        en: en.into(),
    }
}
