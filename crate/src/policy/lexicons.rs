//! Lexicon extensions a school adds through its policy (on top of `data/lexicons/`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LexiconExtensions {}
