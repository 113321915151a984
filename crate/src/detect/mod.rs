//! Detectors: one module per family of rules, all behind [`Detector`].
//!
//! A detector declares its rules (data, with messages and examples) and the
//! keywords that make it worth running. The scanner matches every detector's
//! keywords in one Aho-Corasick pass over the `keys` view and calls a detector
//! only when one of its keywords occurs (or always, if it declares none).
//! Detectors know nothing of browsers, channels' UIs or JSON: they report
//! [`Hit`]s with original byte ranges; the scanner turns them into findings.

pub mod credentials;
pub mod identifiers;
pub mod message;
pub mod minors;
pub mod sensitive;

use crate::context::ScanContext;
use crate::error::Error;
use crate::policy::Policy;
use crate::rule::{Rule, Text};
use crate::text::Document;
use std::ops::Range;

/// A keyword occurrence handed to the detector that declared it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordHit {
    /// Index into the detector's own `keywords()`.
    pub keyword: usize,
    /// Byte range in the `keys` view.
    pub keys: Range<usize>,
}

/// Everything a detector may read during one scan.
pub struct Input<'a> {
    pub doc: &'a Document<'a>,
    pub context: &'a ScanContext,
    pub policy: &'a Policy,
    /// This detector's keyword hits, in text order.
    pub keywords: &'a [KeywordHit],
}

/// A rule firing on a span of the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into the detector's `rules()`.
    pub rule: usize,
    /// Byte range in the original text (use the `Document` maps to get it).
    pub span: Range<usize>,
    /// Negation or a hypothetical: one severity step lower (never hidden).
    pub lowered: bool,
    /// Fills `{detail}` in the rule's messages.
    pub detail: Option<Text>,
}

impl Hit {
    pub fn new(rule: usize, span: Range<usize>) -> Self {
        Hit {
            rule,
            span,
            lowered: false,
            detail: None,
        }
    }
}

pub trait Detector: Send + Sync {
    /// The rules this detector can fire; `Hit::rule` indexes this slice.
    fn rules(&self) -> &[Rule];

    /// Lower-case keywords (as they read in the `keys` view). When non-empty,
    /// the detector runs only on drafts where one of them occurs.
    fn keywords(&self) -> Vec<String> {
        Vec::new()
    }

    fn detect(&self, input: &Input<'_>, out: &mut Vec<Hit>);
}

/// Every detector, built for `policy`. The one place detectors are registered.
pub fn build_all(policy: &Policy) -> Result<Vec<Box<dyn Detector>>, Error> {
    // The sensitive lexicons are a third of the building: natively they are
    // built on a second thread while this one builds the rest.
    let build_rest = || -> Result<_, Error> {
        Ok((
            credentials::Credentials::new(policy)?,
            identifiers::Identifiers::new(policy)?,
            minors::Minors::new(policy)?,
            message::MessageRules::new(policy)?,
        ))
    };
    #[cfg(not(target_arch = "wasm32"))]
    let (sensitive, rest) = std::thread::scope(|s| {
        let side =
            std::thread::Builder::new().spawn_scoped(s, || sensitive::Sensitive::new(policy));
        let rest = build_rest();
        let sensitive = match side {
            Ok(h) => h
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: build it here.
            Err(_) => sensitive::Sensitive::new(policy),
        };
        (sensitive, rest)
    });
    #[cfg(target_arch = "wasm32")]
    let (sensitive, rest) = (sensitive::Sensitive::new(policy), build_rest());
    let (credentials, identifiers, minors, message) = rest?;
    Ok(vec![
        Box::new(credentials),
        Box::new(identifiers),
        Box::new(sensitive?),
        Box::new(minors),
        Box::new(message),
    ])
}
