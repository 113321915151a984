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
use crate::finding::{Category, Channel, Finding, Severity};
use crate::policy::Policy;
use crate::rule::{Rule, Text};
use crate::text::{utf16::Utf16Cursor, Document};
use aho_corasick::AhoCorasick;
use std::ops::Range;

pub struct Scanner {
    policy: Policy,
    detectors: Vec<Box<dyn Detector>>,
    /// Keyword automaton over all detectors' keywords (`None` when there are none).
    keywords: Option<AhoCorasick>,
    /// Pattern id → (detector index, the detector's own keyword index).
    keyword_owner: Vec<(usize, usize)>,
    /// Detectors that declared keywords (and so run only when one occurs).
    gated: Vec<bool>,
    /// Detectors with a rule the policy has on for some channel; the others
    /// (every rule `off` everywhere) are neither searched for nor run.
    active: Vec<bool>,
    /// Per detector, per rule: its messages filled for this policy.
    messages: Vec<Vec<Messages>>,
}

impl Scanner {
    pub fn new(policy: Policy) -> Result<Scanner, Error> {
        let detectors = detect::build_all(&policy)?;
        let active: Vec<bool> = detectors
            .iter()
            .map(|det| {
                det.rules().iter().any(|r| {
                    Channel::ALL
                        .iter()
                        .any(|&c| r.severity(&policy, c).is_some())
                })
            })
            .collect();
        let mut patterns = Vec::new();
        let mut keyword_owner = Vec::new();
        let mut gated = Vec::new();
        for (d, det) in detectors.iter().enumerate() {
            let kws = if active[d] {
                det.keywords()
            } else {
                Vec::new()
            };
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
        let parts = [Lang::Nl, Lang::En].map(|lang| PolicyParts::new(&policy, lang));
        let messages = detectors
            .iter()
            .map(|d| d.rules().iter().map(|r| Messages::new(r, &parts)).collect())
            .collect();
        Ok(Scanner {
            policy,
            detectors,
            messages,
            keywords,
            keyword_owner,
            gated,
            active,
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
        let per_detector = if parallel(text) {
            self.detect_on_two_threads(&doc, context)
        } else {
            self.detect_all(&doc, context)
        };
        let raw = per_detector
            .into_iter()
            .enumerate()
            .flat_map(|(d, hits)| hits.into_iter().map(move |h| (d, h)))
            .collect();
        self.findings(text, context, raw)
    }

    /// Every detector's hits, in detector order.
    fn detect_all(&self, doc: &Document<'_>, context: &ScanContext) -> Vec<Vec<Hit>> {
        let keywords = self.keyword_hits(doc);
        (0..self.detectors.len())
            .map(|d| self.detect_one(d, doc, context, &keywords[d]))
            .collect()
    }

    /// Keyword hits of the draft, per detector.
    fn keyword_hits(&self, doc: &Document<'_>) -> Vec<Vec<KeywordHit>> {
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
        per_detector
    }

    /// Detector `d`'s hits; an inactive detector, or a gated one whose keywords
    /// did not occur, is skipped.
    fn detect_one(
        &self,
        d: usize,
        doc: &Document<'_>,
        context: &ScanContext,
        keywords: &[KeywordHit],
    ) -> Vec<Hit> {
        let mut hits = Vec::new();
        if !self.active[d] || self.gated[d] && keywords.is_empty() {
            return hits;
        }
        let input = Input {
            doc,
            context,
            policy: &self.policy,
            keywords,
        };
        self.detectors[d].detect(&input, &mut hits);
        hits
    }

    /// A long draft (a pasted report, a file given to the CLI) on two cores:
    /// the detectors that need no keywords start at once on a second thread,
    /// while this one runs the keyword pass and the gated detectors. Hits come
    /// back in detector order, so the findings equal a one-thread scan's.
    #[cfg(not(target_arch = "wasm32"))]
    fn detect_on_two_threads(&self, doc: &Document<'_>, context: &ScanContext) -> Vec<Vec<Hit>> {
        let n = self.detectors.len();
        std::thread::scope(|s| {
            let side = std::thread::Builder::new().spawn_scoped(s, || {
                (0..n)
                    .map(|d| (!self.gated[d]).then(|| self.detect_one(d, doc, context, &[])))
                    .collect::<Vec<_>>()
            });
            // No thread to be had (a process at its limit): one thread, same findings.
            let Ok(ungated) = side else {
                return self.detect_all(doc, context);
            };
            let keywords = self.keyword_hits(doc);
            let mut gated: Vec<Option<Vec<Hit>>> = (0..n)
                .map(|d| self.gated[d].then(|| self.detect_one(d, doc, context, &keywords[d])))
                .collect();
            let ungated = ungated
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            gated
                .iter_mut()
                .zip(ungated)
                .map(|(g, u)| g.take().or(u).unwrap_or_default())
                .collect()
        })
    }

    /// The browser build has one thread.
    #[cfg(target_arch = "wasm32")]
    fn detect_on_two_threads(&self, doc: &Document<'_>, context: &ScanContext) -> Vec<Vec<Hit>> {
        self.detect_all(doc, context)
    }

    fn findings(&self, text: &str, context: &ScanContext, raw: Vec<(usize, Hit)>) -> Vec<Finding> {
        let mut candidates: Vec<Candidate> = Vec::with_capacity(raw.len());
        for (d, hit) in raw {
            let Some(rule) = self.detectors[d].rules().get(hit.rule) else {
                continue;
            };
            let Some(mut severity) = rule.severity(&self.policy, context.channel) else {
                continue;
            };
            if hit.lowered {
                severity = severity.lowered();
            }
            let span = crate::text::snap(
                text,
                hit.span.start.min(text.len())..hit.span.end.min(text.len()),
            );
            candidates.push(Candidate {
                rule,
                messages: &self.messages[d][hit.rule],
                severity,
                span,
                detail: hit.detail,
            });
        }
        // Stable: equal keys keep detector order.
        candidates.sort_by(|a, b| {
            (a.span.start, std::cmp::Reverse(a.span.end), &a.rule.id).cmp(&(
                b.span.start,
                std::cmp::Reverse(b.span.end),
                &b.rule.id,
            ))
        });
        let kept = dedupe(candidates);
        let mut out: Vec<Finding> = kept
            .into_iter()
            .map(|c| c.finding(text, context.channel))
            .collect();
        set_utf16(text, &mut out);
        out
    }
}

/// A rule's message templates with the policy's school, platform and privacy
/// contact already filled in (once, in [`Scanner::new`]); only `{detail}` is
/// left for scan time.
struct Messages {
    /// Per channel, in [`Channel::ALL`] order: the channel's own message or the rule's.
    message: Vec<Text>,
    advice: Text,
}

impl Messages {
    /// `parts`: the policy's words in Dutch and in English.
    fn new(rule: &Rule, parts: &[PolicyParts; 2]) -> Messages {
        let fill = |t: &Text| Text {
            nl: parts[0].fill(&t.nl),
            en: parts[1].fill(&t.en),
        };
        Messages {
            message: Channel::ALL
                .iter()
                .map(|c| fill(rule.channel_messages.get(c).unwrap_or(&rule.message)))
                .collect(),
            advice: fill(&rule.advice),
        }
    }
}

/// The policy-dependent words of a message, in one language. A policy that
/// leaves the school's name or privacy contact empty still gives a sentence
/// that reads well: "de school", "de privacyfunctionaris van de school".
struct PolicyParts<'p> {
    school: &'p str,
    platform: &'p str,
    contact: String,
}

impl<'p> PolicyParts<'p> {
    fn new(policy: &'p Policy, lang: Lang) -> PolicyParts<'p> {
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
        let c = &policy.privacy_contact;
        let contact = [&c.name, &c.email, &c.phone]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        PolicyParts {
            school: Some(policy.school.name.as_str())
                .filter(|s| !s.is_empty())
                .unwrap_or(default_school),
            platform: policy.platform().unwrap_or(default_platform),
            contact: if contact.is_empty() {
                default_contact.to_string()
            } else {
                contact
            },
        }
    }

    /// Fills `{school}`, `{platform}` and `{contact}`, in that order (a
    /// value that itself holds a placeholder is filled like before).
    fn fill(&self, template: &str) -> String {
        if !template.contains('{') {
            return template.to_string();
        }
        template
            .replace("{school}", self.school)
            .replace("{platform}", self.platform)
            .replace("{contact}", &self.contact)
    }
}

/// Fills the `{detail}` a hit may carry into a prefilled template.
fn fill_detail(template: &str, detail: Option<&str>) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    template.replace("{detail}", detail.unwrap_or(""))
}

/// A hit that passed the policy, before deduplication; its texts are built
/// only if it is kept.
struct Candidate<'s> {
    rule: &'s Rule,
    messages: &'s Messages,
    severity: Severity,
    span: Range<usize>,
    detail: Option<Text>,
}

impl Candidate<'_> {
    fn finding(self, text: &str, channel: Channel) -> Finding {
        // `Channel::ALL` lists the channels in declaration order.
        let message = &self.messages.message[channel as usize];
        let advice = &self.messages.advice;
        let detail = self.detail.as_ref();
        Finding {
            rule: self.rule.id.clone(),
            category: self.rule.category,
            severity: self.severity,
            start: 0,
            end: 0,
            text: text[self.span.clone()].to_string(),
            message: fill_detail(&message.nl, detail.map(|t| t.nl.as_str())),
            message_en: fill_detail(&message.en, detail.map(|t| t.en.as_str())),
            advice: fill_detail(&advice.nl, detail.map(|t| t.nl.as_str())),
            advice_en: fill_detail(&advice.en, detail.map(|t| t.en.as_str())),
            policy_rule: self.rule.policy_rule.clone(),
            bytes: self.span,
        }
    }
}

/// Drafts from this size on are scanned on two threads (natively): below it,
/// starting a thread costs more than it saves.
const PARALLEL_FROM: usize = 64 * 1024;

fn parallel(text: &str) -> bool {
    cfg!(not(target_arch = "wasm32")) && text.len() >= PARALLEL_FROM
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
fn dedupe(candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    // Per category, the furthest end among kept findings that started earlier.
    let mut reach: Vec<(Category, usize)> = Vec::new();
    for f in candidates {
        let category = f.rule.category;
        let covered = reach
            .iter()
            .any(|&(c, end)| c == category && f.span.end <= end && !f.span.is_empty());
        let duplicate_empty = f.span.is_empty()
            && kept
                .iter()
                .rev()
                .take_while(|k| k.span.start == f.span.start)
                .any(|k| k.rule.id == f.rule.id && k.span == f.span);
        if covered || duplicate_empty {
            continue;
        }
        match reach.iter_mut().find(|(c, _)| *c == category) {
            Some(r) => r.1 = r.1.max(f.span.end),
            None => reach.push((category, f.span.end)),
        }
        kept.push(f);
    }
    kept
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_threads_find_what_one_thread_finds() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/dev.jsonl");
        let corpus = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let drafts: Vec<String> = corpus
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["text"].as_str().unwrap().to_string()
            })
            .collect();
        let text = drafts.join("\n\n");
        assert!(parallel(&text) || cfg!(target_arch = "wasm32"));
        let scanner = Scanner::with_default_policy();
        let doc = Document::new(&text);
        let context = ScanContext::default();
        let one = scanner.detect_all(&doc, &context);
        let two = scanner.detect_on_two_threads(&doc, &context);
        let hits: usize = one.iter().map(Vec::len).sum();
        assert!(hits > 300, "{hits} hits");
        assert_eq!(format!("{one:?}"), format!("{two:?}"));
    }

    #[test]
    fn categories_off_everywhere_are_not_scanned() {
        let draft = "Beste mevrouw, Emma heeft ADHD en slikt Ritalin. \
                     Het wachtwoord is Zonnebloem7! en haar BSN is 111222333.";
        let all = Scanner::with_default_policy().scan(draft, &ScanContext::default());
        let categories = |fs: &[Finding]| {
            let mut c: Vec<Category> = fs.iter().map(|f| f.category).collect();
            c.dedup();
            c
        };
        assert!(categories(&all).contains(&Category::Medical), "{all:?}");
        // Only identifiers on: the other detectors are dropped from the scan.
        let off = r#"{"email": "off", "social": "off", "chat": "off", "school": "off"}"#;
        let matrix: Vec<String> = Category::ALL
            .iter()
            .filter(|&&c| c != Category::Identifier)
            .map(|c| format!("\"{c}\": {off}"))
            .collect();
        let policy = Policy::from_json(&format!(r#"{{"severity": {{{}}}}}"#, matrix.join(", ")));
        let scanner = Scanner::new(policy.unwrap()).unwrap();
        assert_eq!(scanner.active.iter().filter(|&&a| a).count(), 1);
        let only = scanner.scan(draft, &ScanContext::default());
        assert_eq!(categories(&only), [Category::Identifier], "{only:?}");
        let expected: Vec<&Finding> = all
            .iter()
            .filter(|f| f.category == Category::Identifier)
            .collect();
        assert_eq!(only.iter().collect::<Vec<_>>(), expected);
    }
}
