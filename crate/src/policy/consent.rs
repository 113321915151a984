//! The consent register: minors whose parents said yes (or no) to being named
//! or pictured (R4). Matching and CSV import live here.

use serde::{Deserialize, Serialize};

/// One row of the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentEntry {
    pub name: String,
    pub consent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
}

/// The register as a list of entries.
pub type ConsentRegister = Vec<ConsentEntry>;
