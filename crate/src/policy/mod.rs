//! The school's policy: who the school is, what is allowed, how strict each
//! category is per channel, and whose children may be named.
//!
//! A policy is a JSON document. Every field is optional: what a school leaves
//! out comes from the built-in default (`data/policy/default.json`). Errors
//! name the field and the line, so a school's IT admin can fix the file.

pub mod consent;
pub mod lexicons;
pub mod message;

use crate::error::{without_position, Error};
use crate::finding::{Category, Channel, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use consent::{ConsentEntry, ConsentRegister};
pub use lexicons::LexiconExtensions;
pub use message::MessageRules;

const DEFAULT_POLICY: &str = data_file!("policy/default.json");

/// The school itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct School {
    pub name: String,
    /// The school's (or board's) own e-mail domains, e.g. `["deklimop.nl"]`.
    pub domains: Vec<String>,
    /// The approved platform for sensitive data ("Smartschool", "ParnasSys" …).
    pub platform: String,
    /// The school board, named in R10's personal-title check.
    pub board: String,
}

/// Who to contact about a (suspected) data leak: shown with every warning (R14).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The school's own numbers and addresses, which may appear in a signature.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Allowlist {
    pub phones: Vec<String>,
    pub addresses: Vec<String>,
    pub ibans: Vec<String>,
}

/// A severity cell of the matrix: a severity, or `off` to silence a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warn,
    Block,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warn => Some(Severity::Warn),
            Level::Block => Some(Severity::Block),
        }
    }
}

/// Category × channel → level. A policy may list only the cells it changes.
pub type SeverityMatrix = BTreeMap<Category, BTreeMap<Channel, Level>>;

/// How a user may send anyway past a `block` finding (used by the extension's send guard).
/// The extension's options page and managed policy write the short names
/// `never` and `warn`; the long ones stay valid for existing policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverrideMode {
    /// Sending is not possible until the draft is fixed.
    #[serde(alias = "never")]
    NotAllowed,
    /// The user types a reason.
    Reason,
    /// The user ticks "I know what I am doing".
    Tick,
    /// A warning only; send goes through.
    #[serde(alias = "warn")]
    WarnOnly,
    /// Nothing is shown; the event is counted locally.
    Audit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    pub school: School,
    pub privacy_contact: Contact,
    pub allowlist: Allowlist,
    /// Minors whose parents gave (or refused) consent to be named or pictured.
    pub consent: ConsentRegister,
    pub severity: SeverityMatrix,
    /// Send-guard strictness per category; categories not listed use `tick`.
    pub overrides: BTreeMap<Category, OverrideMode>,
    pub lexicons: LexiconExtensions,
    pub message_rules: MessageRules,
}

impl Default for Policy {
    fn default() -> Self {
        builtin().clone()
    }
}

fn builtin() -> &'static Policy {
    static BUILTIN: OnceLock<Policy> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let mut de = serde_json::Deserializer::from_str(DEFAULT_POLICY);
        // `#[serde(default)]` would recurse into `Policy::default()`; the built-in
        // document is complete, so read it with empty defaults.
        let raw: RawPolicy = match serde_path_to_error::deserialize(&mut de) {
            Ok(p) => p,
            Err(e) => panic!(
                "data/policy/default.json is invalid at {}: {}",
                e.path(),
                e.inner()
            ),
        };
        raw.0
    })
}

/// The built-in policy read without falling back on itself.
struct RawPolicy(Policy);

impl<'de> Deserialize<'de> for RawPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            school: School,
            privacy_contact: Contact,
            allowlist: Allowlist,
            consent: ConsentRegister,
            severity: SeverityMatrix,
            overrides: BTreeMap<Category, OverrideMode>,
            lexicons: LexiconExtensions,
            message_rules: MessageRules,
        }
        let f = Full::deserialize(d)?;
        Ok(RawPolicy(Policy {
            school: f.school,
            privacy_contact: f.privacy_contact,
            allowlist: f.allowlist,
            consent: f.consent,
            severity: f.severity,
            overrides: f.overrides,
            lexicons: f.lexicons,
            message_rules: f.message_rules,
        }))
    }
}

impl Policy {
    /// Reads a policy document. Fields left out keep their built-in defaults;
    /// severity cells left out keep the built-in matrix.
    pub fn from_json(json: &str) -> Result<Policy, Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        let policy: Policy = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            Error::Policy {
                field: if path == "." { String::new() } else { path },
                line: inner.line(),
                column: inner.column(),
                message: without_position(&inner.to_string()),
            }
        })?;
        de.end().map_err(|e| Error::Policy {
            field: String::new(),
            line: e.line(),
            column: e.column(),
            message: without_position(&e.to_string()),
        })?;
        Ok(policy)
    }

    /// The severity of `category` on `channel`, or `None` when the policy turns it off.
    pub fn severity(&self, category: Category, channel: Channel) -> Option<Severity> {
        self.severity
            .get(&category)
            .and_then(|m| m.get(&channel))
            .or_else(|| {
                builtin()
                    .severity
                    .get(&category)
                    .and_then(|m| m.get(&channel))
            })
            .copied()
            .unwrap_or(Level::Warn)
            .severity()
    }

    /// The override mode of `category` for the send guard.
    pub fn override_mode(&self, category: Category) -> OverrideMode {
        self.overrides
            .get(&category)
            .or_else(|| builtin().overrides.get(&category))
            .copied()
            .unwrap_or(OverrideMode::Tick)
    }

    /// The school's approved platform (Smartschool, Social Schools …), if the policy names it.
    pub fn platform(&self) -> Option<&str> {
        Some(self.school.platform.as_str()).filter(|p| !p.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_policy_has_a_full_matrix() {
        let p = Policy::default();
        for c in Category::ALL {
            for ch in Channel::ALL {
                assert!(
                    p.severity.get(&c).and_then(|m| m.get(&ch)).is_some(),
                    "default.json misses severity.{c}.{ch}"
                );
            }
        }
    }

    #[test]
    fn partial_policy_keeps_defaults() {
        let p = Policy::from_json(r#"{"severity": {"medical": {"email": "block"}}}"#).unwrap();
        assert_eq!(
            p.severity(Category::Medical, Channel::Email),
            Some(Severity::Block)
        );
        assert_eq!(
            p.severity(Category::Password, Channel::Email),
            Policy::default().severity(Category::Password, Channel::Email)
        );
    }

    #[test]
    fn errors_name_field_and_line() {
        let e = Policy::from_json(
            "{\n  \"severity\": {\n    \"medical\": {\"email\": \"blok\"}\n  }\n}",
        )
        .unwrap_err();
        match e {
            Error::Policy { field, line, .. } => {
                assert_eq!(field, "severity.medical.email");
                assert_eq!(line, 3);
            }
            other => panic!("unexpected {other:?}"),
        }
        let e = Policy::from_json("{\"school\": {\"nmae\": \"x\"}}").unwrap_err();
        assert!(e.to_string().contains("nmae"), "{e}");
        let e = Policy::from_json("{\"school\": ").unwrap_err();
        assert!(matches!(e, Error::Policy { line: 1, .. }), "{e:?}");
    }

    #[test]
    fn override_modes_take_the_short_names_of_the_options_page() {
        let p = Policy::from_json(
            r#"{"overrides": {"password": "never", "medical": "warn", "minor": "audit"}}"#,
        )
        .unwrap();
        assert_eq!(
            p.override_mode(Category::Password),
            OverrideMode::NotAllowed
        );
        assert_eq!(p.override_mode(Category::Medical), OverrideMode::WarnOnly);
        assert_eq!(p.override_mode(Category::Minor), OverrideMode::Audit);
        assert_eq!(p.override_mode(Category::Identifier), OverrideMode::Tick);
        assert!(Policy::from_json(r#"{"overrides": {"password": "nooit"}}"#).is_err());
    }
}
