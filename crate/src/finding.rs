//! What a scan reports: categories, channels, severities and findings.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// What kind of problem a finding is (see `../shared/corpus/LABELS.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Password,
    Identifier,
    Medical,
    Psychosocial,
    Family,
    Financial,
    Minor,
    Offensive,
    Bcc,
    PrivateAccount,
    Signature,
    PersonalTitle,
    Confidential,
    ChainMail,
    Recording,
}

impl Category {
    pub const ALL: [Category; 15] = [
        Category::Password,
        Category::Identifier,
        Category::Medical,
        Category::Psychosocial,
        Category::Family,
        Category::Financial,
        Category::Minor,
        Category::Offensive,
        Category::Bcc,
        Category::PrivateAccount,
        Category::Signature,
        Category::PersonalTitle,
        Category::Confidential,
        Category::ChainMail,
        Category::Recording,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Password => "password",
            Category::Identifier => "identifier",
            Category::Medical => "medical",
            Category::Psychosocial => "psychosocial",
            Category::Family => "family",
            Category::Financial => "financial",
            Category::Minor => "minor",
            Category::Offensive => "offensive",
            Category::Bcc => "bcc",
            Category::PrivateAccount => "private-account",
            Category::Signature => "signature",
            Category::PersonalTitle => "personal-title",
            Category::Confidential => "confidential",
            Category::ChainMail => "chain-mail",
            Category::Recording => "recording",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the draft is being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Webmail.
    #[default]
    Email,
    /// Public social media.
    Social,
    /// Instant messaging (WhatsApp, Teams chat).
    Chat,
    /// The school's approved platform (Smartschool, Social Schools, ParnasSys).
    School,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Email,
        Channel::Social,
        Channel::Chat,
        Channel::School,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Social => "social",
            Channel::Chat => "chat",
            Channel::School => "school",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How strongly a finding is put to the user. Ordered: `Info < Warn < Block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown, never in the way.
    Info,
    /// Highlighted; asks for attention.
    Warn,
    /// Stops the send until the user adjusts or overrides.
    Block,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }

    /// One step lower, never below `Info`.
    pub fn lowered(self) -> Severity {
        match self {
            Severity::Block => Severity::Warn,
            _ => Severity::Info,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in a draft, ready for any surface.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id, e.g. `password.keyword-value`.
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    /// UTF-16 code-unit offsets into the draft (what JavaScript uses).
    pub start: usize,
    pub end: usize,
    /// The exact substring of the draft (`start..end`).
    pub text: String,
    /// Short Dutch message.
    pub message: String,
    pub message_en: String,
    /// What to do instead, in Dutch and English.
    pub advice: String,
    pub advice_en: String,
    /// The school-policy rule this enforces (`R1` … `R14`).
    pub policy_rule: String,
    /// Byte offsets into the draft (what Rust uses).
    #[serde(skip)]
    pub bytes: Range<usize>,
}

/// Categories and channels deserialise from plain strings (not serde's enum
/// form), so policy errors can name map keys: `severity.medical.email`.
macro_rules! deserialize_from_str {
    ($ty:ident, $what:literal) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        $ty::parse(v).ok_or_else(|| {
                            let all: Vec<&str> = $ty::ALL.iter().map(|x| x.as_str()).collect();
                            E::custom(format!(
                                "unknown {} `{v}`, expected one of: {}",
                                $what,
                                all.join(", ")
                            ))
                        })
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

deserialize_from_str!(Category, "category");
deserialize_from_str!(Channel, "channel");
