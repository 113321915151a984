//! The browser binding: `new Scanner(policyJson?)`, `scanner.scan(text, context)`.
//!
//! Findings cross as plain JS objects (the same fields as the CLI's JSON).
//! Errors cross as JS `Error`s whose message names the field. A panic aborts
//! the wasm instance (we build with `panic = "abort"` for size); the JS
//! wrapper (`kladwacht-core.js` in the extension and demo) catches the trap,
//! re-instantiates the module and rebuilds the scanner.

use crate::context::ScanContext;
use crate::policy::Policy;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// A scanner built once from a policy.
#[wasm_bindgen]
pub struct Scanner {
    inner: crate::Scanner,
}

#[wasm_bindgen]
impl Scanner {
    /// Builds a scanner from a policy document (JSON text), or the built-in policy.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: Option<String>) -> Result<Scanner, JsError> {
        let policy = match policy_json.as_deref() {
            None | Some("") => Policy::default(),
            Some(json) => Policy::from_json(json).map_err(|e| JsError::new(&e.to_string()))?,
        };
        let inner = crate::Scanner::new(policy).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Scanner { inner })
    }

    /// Scans `text` in `context` (`{channel, recipients, account, mediaAttached, consented}`,
    /// every field optional). Returns an array of findings with UTF-16 offsets.
    pub fn scan(&self, text: &str, context: JsValue) -> Result<JsValue, JsError> {
        let context: ScanContext = if context.is_undefined() || context.is_null() {
            ScanContext::default()
        } else {
            serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(context))
                .map_err(|e| {
                    JsError::new(
                        &crate::Error::Context {
                            field: e.path().to_string(),
                            message: e.inner().to_string(),
                        }
                        .to_string(),
                    )
                })?
        };
        to_js(&self.inner.scan(text, &context))
    }

    /// The rule catalogue: every rule with its messages and examples.
    pub fn rules(&self) -> Result<JsValue, JsError> {
        let rules: Vec<_> = self.inner.rules().collect();
        to_js(&rules)
    }

    /// The effective policy (defaults filled in), for the surfaces' settings.
    pub fn policy(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.policy())
    }

    /// The send-guard override mode of a category (`not-allowed`, `reason`, `tick`, `warn-only`, `audit`).
    #[wasm_bindgen(js_name = overrideMode)]
    pub fn override_mode(&self, category: &str) -> Result<JsValue, JsError> {
        let c = crate::Category::parse(category)
            .ok_or_else(|| JsError::new(&format!("unknown category `{category}`")))?;
        to_js(&self.inner.policy().override_mode(c))
    }
}

/// Reads a consent-register CSV export (`naam;toestemming;klas`) for an import
/// screen: `{entries: [{name, consent, class?}], errors: [{line, message}]}`.
/// Good rows and every malformed row come back together, so nothing is stored
/// before the user has seen both.
#[wasm_bindgen(js_name = parseConsentCsv)]
pub fn parse_consent_csv(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::policy::consent::import_csv(text))
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
