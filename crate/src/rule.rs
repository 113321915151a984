//! Rules as data: every rule a detector can fire, with its messages and the
//! examples that document and test it (`kladwacht rules` prints them; a test
//! checks that each `fires` example fires and each `quiet` example does not).

use crate::context::ScanContext;
use crate::finding::{Category, Channel};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in Dutch and English.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

/// An example draft for a rule, with an optional context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    WithContext {
        text: String,
        #[serde(default)]
        context: ScanContext,
    },
}

impl Example {
    pub fn text(&self) -> &str {
        match self {
            Example::Text(t) | Example::WithContext { text: t, .. } => t,
        }
    }

    pub fn context(&self) -> ScanContext {
        match self {
            Example::Text(_) => ScanContext::default(),
            Example::WithContext { context, .. } => context.clone(),
        }
    }
}

/// One rule: what it is, which policy rule it enforces, what it says.
///
/// Messages may use `{school}`, `{platform}`, `{contact}` and `{detail}`;
/// the scanner fills them in from the policy and the hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    /// `R1` … `R14` of POLICY-RULES.md.
    pub policy_rule: String,
    /// One line for the catalogue: what fires.
    pub title: Text,
    pub message: Text,
    pub advice: Text,
    /// Channel-specific messages (e.g. "on the school platform this is fine").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub channel_messages: BTreeMap<Channel, Text>,
    /// A reminder, not a finding to act on: never shown above this severity
    /// whatever the channel ("any post with media gets a consent reminder at `info`").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<crate::finding::Severity>,
    #[serde(default)]
    pub fires: Vec<Example>,
    #[serde(default)]
    pub quiet: Vec<Example>,
}

impl Rule {
    /// This rule's severity on `channel` under `policy` (the category's cell
    /// of the matrix, capped by `at_most`), or `None` when the policy turns it off.
    pub fn severity(
        &self,
        policy: &crate::policy::Policy,
        channel: crate::finding::Channel,
    ) -> Option<crate::finding::Severity> {
        let severity = policy.severity(self.category, channel)?;
        Some(self.at_most.map_or(severity, |cap| severity.min(cap)))
    }
}

/// Parses a rule file shipped in `data/rules/` (a JSON array of rules).
pub fn builtin_rules(file: &str, json: &str) -> Result<Vec<Rule>, crate::Error> {
    serde_json::from_str(json).map_err(|e| crate::Error::Builtin {
        file: file.into(),
        message: e.to_string(),
    })
}
