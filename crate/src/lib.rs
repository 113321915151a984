//! Kladwacht ("draft guard") finds what school policies forbid in a draft —
//! passwords, identifiers, sensitive details about pupils, untagged minors,
//! offensive language, and whole-message problems — before it is sent.
//!
//! The pipeline, one module each:
//! [`text`] (normalisation with offset maps) → [`detect`] (one module per
//! detector family, rules as data) → [`policy`] (channel, severity, consent)
//! → [`finding`] (what a surface shows) → bindings (the CLI in `src/cli/`,
//! the browser in [`wasm`]). The core knows nothing of browsers and never
//! touches the network.

/// A file of `data/` as embedded in the binary: the copy `build.rs` slims
/// (comment lines blanked, JSON unindented). `data_file!("rules/x.json")`.
macro_rules! data_file {
    ($($path:literal),+) => {
        include_str!(concat!(env!("OUT_DIR"), "/data/", $($path),+))
    };
}

pub mod context;
pub mod detect;
pub mod error;
pub mod eval;
pub mod finding;
pub(crate) mod hash;
pub mod policy;
pub mod rule;
pub mod scanner;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use context::{Recipient, RecipientField, ScanContext};
pub use error::Error;
pub use finding::{Category, Channel, Finding, Severity};
pub use policy::Policy;
pub use scanner::Scanner;
