//! The wasm API as JavaScript sees it (run with `make test-wasm`, in node).
#![cfg(target_arch = "wasm32")]

use kladwacht::wasm::Scanner;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn default_policy_scans_empty_text() {
    let s = Scanner::new(None).unwrap();
    let out = s.scan("", JsValue::UNDEFINED).unwrap();
    assert_eq!(js_sys::Array::from(&out).length(), 0);
}

#[wasm_bindgen_test]
fn bad_policy_names_the_field() {
    let err = Scanner::new(Some(
        r#"{"severity": {"medical": {"email": "blok"}}}"#.into(),
    ))
    .err()
    .expect("invalid policy must fail");
    let msg: JsValue = err.into();
    let text = get(&msg, "message").as_string().unwrap();
    assert!(text.contains("severity.medical.email"), "{text}");
}

#[wasm_bindgen_test]
fn bad_context_names_the_field() {
    let s = Scanner::new(None).unwrap();
    let ctx = js_sys::JSON::parse(r#"{"channel": "fax"}"#).unwrap();
    let err = s
        .scan("hallo", ctx)
        .err()
        .expect("unknown channel must fail");
    let msg: JsValue = err.into();
    let text = get(&msg, "message").as_string().unwrap();
    assert!(text.contains("channel"), "{text}");
    // The scanner keeps working after an error.
    assert!(s.scan("hallo", JsValue::NULL).is_ok());
}
