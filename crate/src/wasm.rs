//! The browser binding: `new Scanner(policyJson?)`, `scanner.scan(text, context)`.
//!
//! Findings cross as plain JS objects (the same fields as the CLI's JSON).
//! Errors cross as JS `Error`s whose message names the field. A panic aborts
//! the wasm instance (we build with `panic = "abort"` for size); the JS
//! wrapper (`kladwacht-core.js` in the extension and demo) catches the trap,
//! re-instantiates the module and rebuilds the scanner.

use crate::context::ScanContext;
use crate::finding::Finding;
use crate::hash::FastMap;
use crate::policy::Policy;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

#[wasm_bindgen]
extern "C" {
    /// A plain object written with `object[key] = value` (no `Reflect.set`
    /// wrapper, which catches exceptions and is slower).
    #[wasm_bindgen(extends = js_sys::Object)]
    type Plain;
    #[wasm_bindgen(method, indexing_setter)]
    fn set(this: &Plain, key: &JsValue, value: &JsValue);
    #[wasm_bindgen(method, indexing_setter)]
    fn set_number(this: &Plain, key: &JsValue, value: f64);
    #[wasm_bindgen(method, indexing_setter)]
    fn set_str(this: &Plain, key: &JsValue, value: &str);
}

/// Turns findings into the plain objects `serde_wasm_bindgen` made (same
/// keys, same order, same values) in half the time: on a dense draft that
/// conversion was an eighth of the scan, mostly decoding strings from wasm
/// memory. Rule ids, categories, severities, messages, advice and policy
/// rules repeat across findings and scans, so each distinct one is decoded
/// once and its JS string reused; only `text` and the offsets are new.
struct JsFindings {
    /// The property names, in `Finding`'s serialised order.
    keys: [JsValue; 11],
    strings: JsStrings,
}

impl JsFindings {
    fn new() -> JsFindings {
        JsFindings {
            keys: [
                "rule",
                "category",
                "severity",
                "start",
                "end",
                "text",
                "message",
                "message_en",
                "advice",
                "advice_en",
                "policy_rule",
            ]
            .map(JsValue::from_str),
            strings: JsStrings::default(),
        }
    }

    fn array(&mut self, findings: &[Finding]) -> JsValue {
        let [rule, category, severity, start, end, text, message, message_en, advice, advice_en, policy_rule] =
            &self.keys;
        let strings = &mut self.strings;
        let out = js_sys::Array::new();
        for f in findings {
            let o: Plain = js_sys::Object::new().unchecked_into();
            o.set(rule, strings.get(&f.rule));
            o.set(category, strings.get(f.category.as_str()));
            o.set(severity, strings.get(f.severity.as_str()));
            o.set_number(start, f.start as f64);
            o.set_number(end, f.end as f64);
            o.set_str(text, &f.text);
            o.set(message, strings.get(&f.message));
            o.set(message_en, strings.get(&f.message_en));
            o.set(advice, strings.get(&f.advice));
            o.set(advice_en, strings.get(&f.advice_en));
            o.set(policy_rule, strings.get(&f.policy_rule));
            out.push(&o);
        }
        out.into()
    }
}

/// Every distinct string seen, decoded into a JS string once.
#[derive(Default)]
struct JsStrings {
    index: FastMap<Box<str>, usize>,
    values: Vec<JsValue>,
}

impl JsStrings {
    /// Starts over beyond this many, bounding what messages with a filled-in
    /// detail (a name, …) hold on to.
    const MAX: usize = 1024;

    fn get(&mut self, s: &str) -> &JsValue {
        let i = match self.index.get(s) {
            Some(&i) => i,
            None => {
                if self.values.len() >= Self::MAX {
                    self.index.clear();
                    self.values.clear();
                }
                self.index.insert(s.into(), self.values.len());
                self.values.push(JsValue::from_str(s));
                self.values.len() - 1
            }
        };
        &self.values[i]
    }
}

/// A scanner built once from a policy.
#[wasm_bindgen]
pub struct Scanner {
    inner: crate::Scanner,
    js: RefCell<JsFindings>,
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
        Ok(Scanner {
            inner,
            js: RefCell::new(JsFindings::new()),
        })
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
        let findings = self.inner.scan(text, &context);
        // Never busy (no JS runs in between), but a fresh cache beats a panic.
        Ok(match self.js.try_borrow_mut() {
            Ok(mut js) => js.array(&findings),
            Err(_) => JsFindings::new().array(&findings),
        })
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
