//! What the surface knows about a draft besides its text.

use crate::finding::Channel;
use serde::{Deserialize, Serialize};

/// Which address field a recipient is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecipientField {
    #[default]
    To,
    Cc,
    Bcc,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub address: String,
    #[serde(default)]
    pub field: RecipientField,
}

/// The context of one scan. Every field is optional in JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ScanContext {
    pub channel: Channel,
    /// Recipients with their field (To/CC/BCC), where the surface knows them.
    pub recipients: Vec<Recipient>,
    /// The sending account's address, where the surface knows it.
    pub account: Option<String>,
    /// Whether a photo, video or other media is attached to the draft.
    #[serde(alias = "media_attached")]
    pub media_attached: bool,
    /// Names of minors with consent, on top of the policy's consent register.
    pub consented: Vec<String>,
}

impl ScanContext {
    pub fn channel(channel: Channel) -> Self {
        ScanContext {
            channel,
            ..Default::default()
        }
    }
}
