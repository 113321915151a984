//! The wasm API as JavaScript sees it (run with `make test-wasm`, in node).
//!
//! Everything here goes through the `#[wasm_bindgen]` surface: policies and
//! contexts are built as JS values, findings are read back as JS objects, and
//! offsets are checked against JavaScript's own UTF-16 string functions.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Object, Reflect, JSON};
use kladwacht::wasm::{version, Scanner};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn string(v: &JsValue, key: &str) -> String {
    get(v, key)
        .as_string()
        .unwrap_or_else(|| panic!("`{key}` is not a string"))
}

fn number(v: &JsValue, key: &str) -> u32 {
    get(v, key)
        .as_f64()
        .unwrap_or_else(|| panic!("`{key}` is not a number")) as u32
}

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn findings(s: &Scanner, text: &str, context: &str) -> Vec<JsValue> {
    let out = s.scan(text, json(context)).expect("scan");
    assert!(Array::is_array(&out), "scan returns an array");
    Array::from(&out).iter().collect()
}

/// The JS `Error` a failing call threw: checks its type and returns its message.
fn error_message(err: JsError) -> String {
    let value: JsValue = err.into();
    assert!(
        value.is_instance_of::<js_sys::Error>(),
        "errors cross as JS Error objects, got {value:?}"
    );
    string(&value, "message")
}

fn policy_error(policy: &str) -> String {
    error_message(
        Scanner::new(Some(policy.into()))
            .err()
            .unwrap_or_else(|| panic!("policy {policy} must be rejected")),
    )
}

fn context_error(context: JsValue) -> String {
    let s = Scanner::new(None).unwrap();
    let msg = error_message(
        s.scan("hallo", context)
            .expect_err("bad context must be rejected"),
    );
    // The scanner keeps working after an error.
    assert!(s.scan("hallo", JsValue::NULL).is_ok());
    msg
}

/// The password findings of a scan (other detectors may add their own findings).
fn passwords(s: &Scanner, text: &str, context: &str) -> Vec<JsValue> {
    findings(s, text, context)
        .into_iter()
        .filter(|f| string(f, "category") == "password")
        .collect()
}

/// The one password finding of a scan; fails clearly while the credentials
/// detector is missing or when it reports the secret twice.
fn one_password(s: &Scanner, text: &str, context: &str) -> JsValue {
    let found = passwords(s, text, context);
    assert_eq!(
        found.len(),
        1,
        "expected one `password` finding (credentials detector) in {text:?} with {context}"
    );
    found.into_iter().next().unwrap()
}

/// Checks a finding's offsets with JavaScript's own string functions: the
/// UTF-16 range `start..end` of the draft is exactly the finding's `text`.
fn assert_offsets(text: &str, f: &JsValue) {
    let js = JsString::from(text);
    let (start, end) = (number(f, "start"), number(f, "end"));
    assert!(
        start <= end && end <= js.length(),
        "{start}..{end} out of range"
    );
    let slice: String = js.substring(start, end).into();
    assert_eq!(
        slice,
        string(f, "text"),
        "UTF-16 range {start}..{end} of {text:?}"
    );
}

/// The UTF-16 index of `needle` in `text`, as JavaScript's `indexOf` gives it.
fn js_index(text: &str, needle: &str) -> u32 {
    let i = JsString::from(text).index_of(needle, 0);
    assert!(i >= 0, "{needle:?} not in {text:?}");
    i as u32
}

// ---- construction, catalogue, policy -------------------------------------

#[wasm_bindgen_test]
fn default_policy_scans_empty_text() {
    let s = Scanner::new(None).unwrap();
    let out = s.scan("", JsValue::UNDEFINED).unwrap();
    assert_eq!(Array::from(&out).length(), 0);
    // An empty policy string means the built-in policy too.
    assert!(Scanner::new(Some(String::new())).is_ok());
    assert!(Scanner::new(Some("{}".into())).is_ok());
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn effective_policy_is_a_plain_object_with_the_full_matrix() {
    let s = Scanner::new(Some(
        r#"{"school": {"name": "De Klimop", "platform": "Smartschool"}}"#.into(),
    ))
    .unwrap();
    let p = s.policy().unwrap();
    assert!(p.is_instance_of::<Object>());
    assert_eq!(string(&get(&p, "school"), "name"), "De Klimop");
    assert_eq!(string(&get(&p, "school"), "platform"), "Smartschool");
    // Fields the school left out come from the built-in default.
    let severity = get(&p, "severity");
    for category in ["password", "identifier", "medical", "minor", "offensive"] {
        for channel in ["email", "social", "chat", "school"] {
            let level = get(&get(&severity, category), channel).as_string();
            assert!(
                matches!(level.as_deref(), Some("off" | "info" | "warn" | "block")),
                "severity.{category}.{channel} = {level:?}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn rules_is_an_array_of_rules_with_both_languages() {
    let s = Scanner::new(None).unwrap();
    let rules = s.rules().unwrap();
    assert!(Array::is_array(&rules));
    for r in Array::from(&rules).iter() {
        assert!(!string(&r, "id").is_empty());
        assert!(string(&r, "policy_rule").starts_with('R'));
        for part in ["title", "message", "advice"] {
            let t = get(&r, part);
            assert!(!string(&t, "nl").is_empty() && !string(&t, "en").is_empty());
        }
    }
}

#[wasm_bindgen_test]
fn override_modes_follow_the_policy() {
    let s = Scanner::new(None).unwrap();
    assert_eq!(s.override_mode("password").unwrap(), "reason");
    assert_eq!(s.override_mode("medical").unwrap(), "tick");
    let strict =
        Scanner::new(Some(r#"{"overrides": {"password": "not-allowed"}}"#.into())).unwrap();
    assert_eq!(strict.override_mode("password").unwrap(), "not-allowed");
    let msg = error_message(s.override_mode("wachtwoord").err().unwrap());
    assert!(msg.contains("wachtwoord"), "{msg}");
}

// ---- error paths -------------------------------------------------------------

#[wasm_bindgen_test]
fn bad_policy_names_the_field() {
    let msg = policy_error(r#"{"severity": {"medical": {"email": "blok"}}}"#);
    assert!(msg.contains("severity.medical.email"), "{msg}");
    assert!(msg.contains("blok"), "{msg}");
}

#[wasm_bindgen_test]
fn bad_policy_errors_say_where() {
    // Not JSON at all: the line and column of the problem.
    let msg = policy_error("{\n  \"school\": {\"name\": \"De Klimop\",}\n}");
    assert!(msg.contains("line 2"), "{msg}");
    // A misspelt field is named, not ignored.
    let msg = policy_error(r#"{"school": {"nmae": "De Klimop"}}"#);
    assert!(msg.contains("nmae"), "{msg}");
    // A wrong type names the field.
    let msg = policy_error(r#"{"school": {"domains": "deklimop.nl"}}"#);
    assert!(msg.contains("school.domains"), "{msg}");
    // An unknown channel in the matrix names the channel.
    let msg = policy_error(r#"{"severity": {"password": {"fax": "block"}}}"#);
    assert!(msg.contains("fax"), "{msg}");
    // An unknown category in the overrides.
    let msg = policy_error(r#"{"overrides": {"wachtwoord": "tick"}}"#);
    assert!(msg.contains("wachtwoord"), "{msg}");
    // Trailing text after the document.
    let msg = policy_error(r#"{} {}"#);
    assert!(msg.contains("line 1"), "{msg}");
}

#[wasm_bindgen_test]
fn bad_context_names_the_field() {
    let msg = context_error(json(r#"{"channel": "fax"}"#));
    assert!(msg.contains("channel"), "{msg}");
    assert!(msg.contains("fax"), "{msg}");
}

#[wasm_bindgen_test]
fn bad_context_fields_are_named() {
    let msg = context_error(json(r#"{"mediaAttached": "ja"}"#));
    assert!(msg.contains("mediaAttached"), "{msg}");
    let msg = context_error(json(
        r#"{"recipients": [{"address": "a@b.nl", "field": "bc"}]}"#,
    ));
    assert!(msg.contains("recipients[0].field"), "{msg}");
    let msg = context_error(json(
        r#"{"recipients": [{"address": "a@b.nl"}, {"adres": "c@d.nl"}]}"#,
    ));
    assert!(msg.contains("recipients[1]"), "{msg}");
    let msg = context_error(json(r#"{"consented": "Emma"}"#));
    assert!(msg.contains("consented"), "{msg}");
    let msg = context_error(json(r#"{"account": 42}"#));
    assert!(msg.contains("account"), "{msg}");
}

#[wasm_bindgen_test]
fn context_that_is_not_an_object_is_an_error() {
    for bad in [
        JsValue::from_str("email"),
        JsValue::from_f64(1.0),
        JsValue::TRUE,
    ] {
        let msg = context_error(bad);
        assert!(msg.starts_with("context"), "{msg}");
    }
}

#[wasm_bindgen_test]
fn context_accepts_every_documented_field() {
    let s = Scanner::new(None).unwrap();
    for ctx in [
        r#"{}"#,
        r#"{"channel": "social", "mediaAttached": true}"#,
        r#"{"channel": "chat", "media_attached": false}"#,
        r#"{"channel": "school", "consented": ["Emma Visser"]}"#,
        r#"{"channel": "email", "account": "juf.anja@deklimop.nl",
            "recipients": [{"address": "ouder@example.nl", "field": "to"},
                           {"address": "b@example.nl", "field": "cc"},
                           {"address": "c@example.nl", "field": "bcc"},
                           {"address": "d@example.nl"}]}"#,
    ] {
        assert!(
            s.scan("Beste ouders, tot morgen.", json(ctx)).is_ok(),
            "{ctx}"
        );
    }
}

// ---- findings and UTF-16 offsets (need the credentials detector) -----------

const SECRET: &str = "Zonnebloem7!";

#[wasm_bindgen_test]
fn password_finding_has_every_field() {
    let s = Scanner::new(None).unwrap();
    let text = "Het wachtwoord: Zonnebloem7!";
    let f = &one_password(&s, text, r#"{"channel": "email"}"#);
    assert_eq!(string(f, "text"), SECRET);
    assert_eq!(string(f, "severity"), "block");
    assert_eq!(string(f, "policy_rule"), "R1");
    assert!(string(f, "rule").starts_with("password."));
    for key in ["message", "message_en", "advice", "advice_en"] {
        assert!(!string(f, key).trim().is_empty(), "{key} is empty");
    }
    assert_eq!(number(f, "start"), js_index(text, SECRET));
    assert_offsets(text, f);
}

/// The binding builds finding objects by hand (for speed): they must read as
/// the serde form of the same findings that the CLI's JSON is made from.
#[wasm_bindgen_test]
fn findings_cross_exactly_as_their_json_form() {
    let s = Scanner::new(None).unwrap();
    let native = kladwacht::Scanner::with_default_policy();
    for (text, channel) in [
        (
            "Het wachtwoord: Zonnebloem7! Emma (groep 5) heeft ADHD. 😀 BSN 111222333",
            "email",
        ),
        (
            "Leerling Zoë uit 4B is ziek, haar vader zit vast. Bel 06-12345678 ☎️",
            "social",
        ),
    ] {
        let js = s
            .scan(text, json(&format!(r#"{{"channel": "{channel}"}}"#)))
            .unwrap();
        let context = kladwacht::ScanContext::channel(kladwacht::Channel::parse(channel).unwrap());
        let expected = serde_json::to_string(&native.scan(text, &context)).unwrap();
        assert!(expected.len() > 200, "{expected}");
        assert_eq!(String::from(JSON::stringify(&js).unwrap()), expected);
    }
}

#[wasm_bindgen_test]
fn offsets_are_utf16_around_emoji_and_accents() {
    let s = Scanner::new(None).unwrap();
    let cases = [
        // Astral emoji: two UTF-16 units, four UTF-8 bytes each.
        "😀😀 wachtwoord: Zonnebloem7!",
        // A ZWJ family and a flag: several code points, one glyph.
        "👨‍👩‍👧‍👦 🇧🇪 Hoi! wachtwoord: Zonnebloem7! 🙂",
        // Precomposed accents: one UTF-16 unit, two UTF-8 bytes.
        "Crème brûlée voor de leraarskamer. Het wachtwoord: Zonnebloem7! Groetjes, Zoë",
        // Decomposed accents (e + combining acute): two units each.
        "Re\u{301}union in de aula. Wachtwoord: Zonnebloem7!\nGroetjes, Chloe\u{308}",
        // Characters outside the BMP right next to the secret.
        "Wachtwoord: Zonnebloem7! 𝒳 ",
        // Line breaks, tabs and a non-breaking space.
        "Beste collega,\r\n\r\n\tHet wachtwoord:\u{a0}Zonnebloem7!\r\nGroet",
    ];
    for text in cases {
        let f = &one_password(&s, text, r#"{"channel": "chat"}"#);
        assert_offsets(text, f);
        assert_eq!(string(f, "text"), SECRET, "{text:?}");
        assert_eq!(number(f, "start"), js_index(text, SECRET), "{text:?}");
        assert_eq!(number(f, "end"), js_index(text, SECRET) + 12, "{text:?}");
    }
}

#[wasm_bindgen_test]
fn secrets_with_accents_and_emoji_keep_their_utf16_length() {
    let s = Scanner::new(None).unwrap();
    for secret in ["Crème7brûlée!", "Zoë-2024-Kat🐱", "Ünïcödé#99"] {
        let text = format!("🎒 Het wachtwoord: {secret} (niet doorsturen)");
        let f = &one_password(&s, &text, r#"{"channel": "email"}"#);
        assert_offsets(&text, f);
        assert!(
            string(f, "text").starts_with(secret.split('🐱').next().unwrap()),
            "{text:?} gave {:?}",
            string(f, "text")
        );
    }
}

#[wasm_bindgen_test]
fn offsets_hold_for_many_findings_in_a_long_draft() {
    let s = Scanner::new(None).unwrap();
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!(
            "Regel {i} 🙂 met é en ü. Wachtwoord: Kast{i}Sleutel!\n"
        ));
    }
    let found = passwords(&s, &text, r#"{"channel": "email"}"#);
    assert_eq!(found.len(), 200);
    let mut last = 0;
    for f in &found {
        assert_offsets(&text, f);
        assert!(
            number(f, "start") >= last,
            "findings are sorted by position"
        );
        last = number(f, "start");
    }
}

#[wasm_bindgen_test]
fn the_policy_sets_severity_per_channel() {
    let text = "wachtwoord: Zonnebloem7!";
    let default = Scanner::new(None).unwrap();
    for channel in ["email", "social", "chat", "school"] {
        let f = one_password(&default, text, &format!(r#"{{"channel": "{channel}"}}"#));
        assert_eq!(string(&f, "severity"), "block", "{channel}");
    }
    let school = Scanner::new(Some(
        r#"{"severity": {"password": {"chat": "warn", "school": "off"}}}"#.into(),
    ))
    .unwrap();
    let chat = one_password(&school, text, r#"{"channel": "chat"}"#);
    assert_eq!(string(&chat, "severity"), "warn");
    assert!(passwords(&school, text, r#"{"channel": "school"}"#).is_empty());
    let email = one_password(&school, text, r#"{"channel": "email"}"#);
    assert_eq!(
        string(&email, "severity"),
        "block",
        "other cells keep the default"
    );
}

#[wasm_bindgen_test]
fn messages_fill_in_the_school() {
    let s = Scanner::new(Some(
        r#"{"school": {"name": "De Klimop", "platform": "Smartschool"},
            "privacy_contact": {"name": "Mevr. Jansen", "email": "privacy@deklimop.nl"}}"#
            .into(),
    ))
    .unwrap();
    let f = &one_password(&s, "wachtwoord: Zonnebloem7!", r#"{"channel": "email"}"#);
    for key in ["message", "message_en", "advice", "advice_en"] {
        let m = string(f, key);
        assert!(
            !m.contains("{school}") && !m.contains("{platform}") && !m.contains("{contact}"),
            "{key}: {m}"
        );
    }
}

#[wasm_bindgen_test]
fn consent_csv_comes_back_with_good_rows_and_row_errors() {
    let csv = "naam;toestemming;klas\nEmma Visser;ja;6B\nNoah;misschien\nLiam;nee\n";
    let import = kladwacht::wasm::parse_consent_csv(csv).expect("an import never throws");
    let entries: Array = get(&import, "entries").into();
    assert_eq!(entries.length(), 2);
    assert_eq!(string(&entries.get(0), "name"), "Emma Visser");
    assert_eq!(get(&entries.get(0), "consent"), JsValue::TRUE);
    assert_eq!(string(&entries.get(0), "class"), "6B");
    assert_eq!(get(&entries.get(1), "consent"), JsValue::FALSE);
    let errors: Array = get(&import, "errors").into();
    assert_eq!(errors.length(), 1);
    assert_eq!(number(&errors.get(0), "line"), 3);
    assert!(string(&errors.get(0), "message").contains("misschien"));
}
