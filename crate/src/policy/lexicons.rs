//! Lexicon extensions a school adds through its policy (on top of `data/lexicons/`).
//!
//! ```json
//! "lexicons": {
//!   "medical":   { "add": ["ziekte van lyme"], "remove": ["hoofdpijn"], "ignore": ["hoofdpijndossier"] },
//!   "offensive": { "add": ["[threat] ik pak je $"] }
//! }
//! ```
//!
//! Lines use the format of the lexicon files (see the header of
//! `data/lexicons/nl/medical.txt`): `add` adds an entry, `remove` drops a
//! built-in entry written the same way (markers and case do not matter), and
//! `ignore` lists look-alike words or phrases that must never count (the same
//! as a `-` line in a file). An offensive line may start with its kind in
//! brackets (`[insult]`, `[curse]`, `[threat]`, `[discrimination]`,
//! `[sexual]`; `insult` when left out). A line that does not parse is an
//! error naming the field, e.g. `lexicons.medical.add[2]`.

use serde::{Deserialize, Serialize};

/// Changes to one category's lexicon.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LexiconPatch {
    /// Extra entries (lexicon line format).
    pub add: Vec<String>,
    /// Built-in entries to drop (written as in the lexicon file).
    pub remove: Vec<String>,
    /// Look-alike words or phrases that never count.
    pub ignore: Vec<String>,
}

impl LexiconPatch {
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty() && self.ignore.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LexiconExtensions {
    pub medical: LexiconPatch,
    pub psychosocial: LexiconPatch,
    pub family: LexiconPatch,
    pub financial: LexiconPatch,
    pub offensive: LexiconPatch,
}

impl LexiconExtensions {
    /// The patch of a category by its name (`medical` … `offensive`).
    pub fn get(&self, category: &str) -> Option<&LexiconPatch> {
        match category {
            "medical" => Some(&self.medical),
            "psychosocial" => Some(&self.psychosocial),
            "family" => Some(&self.family),
            "financial" => Some(&self.financial),
            "offensive" => Some(&self.offensive),
            _ => None,
        }
    }
}
