//! The CLI's contracts: `scan --jsonl` (tests and evaluations rely on it),
//! exit codes, and clear errors for bad input.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn kladwacht(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kladwacht"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // A usage error exits before reading stdin: a broken pipe here is fine.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).unwrap()
}

#[test]
fn jsonl_contract() {
    let text = "Hoi 😀 Tom,\nhet wachtwoord van de klas-iPad is Zonnebloem7!\nGroet";
    let input = format!(
        "{}\n{}\nnot json\n{}\n",
        serde_json::json!({"id": "a", "text": text, "channel": "chat", "lang": "nl-NL"}),
        serde_json::json!({"id": 7, "text": "Tot morgen!"}),
        serde_json::json!({"id": "c", "text": "x", "channel": "fax"}),
    );
    let out = kladwacht(&["scan", "--jsonl"], input.as_bytes());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one output line per input line");
    assert_eq!(lines[0]["id"], "a");
    let findings = lines[0]["findings"].as_array().unwrap();
    let pw = findings
        .iter()
        .find(|f| f["category"] == "password")
        .expect("the password is found");
    for key in [
        "rule", "category", "severity", "start", "end", "text", "message",
    ] {
        assert!(pw.get(key).is_some(), "finding lacks `{key}`");
    }
    let (s, e) = (
        pw["start"].as_u64().unwrap() as usize,
        pw["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        utf16_slice(text, s, e),
        pw["text"].as_str().unwrap(),
        "UTF-16 offsets"
    );
    assert_eq!(pw["text"], "Zonnebloem7!");
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["findings"], serde_json::json!([]));
    assert!(lines[2]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(lines[3]["id"], "c");
    assert!(
        lines[3]["error"].as_str().unwrap().contains("channel"),
        "{}",
        lines[3]
    );
}

#[test]
fn exit_codes() {
    assert_eq!(
        kladwacht(&["scan"], b"Tot morgen, groetjes!").status.code(),
        Some(0)
    );
    let out = kladwacht(&["scan"], "Het wachtwoord is Zonnebloem7!".as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("stdin:1:19: block password [R1"),
        "{report}"
    );
    assert_eq!(
        kladwacht(&["scan", "--channel", "fax"], b"x").status.code(),
        Some(2)
    );
    assert_eq!(kladwacht(&["frobnicate"], b"").status.code(), Some(2));
}

#[test]
fn invalid_utf8_says_where() {
    let out = kladwacht(&["scan"], b"Beste ouders,\nhet wachtwoord is \xff\xfe\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("not valid UTF-8") && err.contains("line 2"),
        "{err}"
    );
}

#[test]
fn bad_policy_file_names_field_and_line() {
    let dir = std::env::temp_dir().join(format!("kladwacht-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let policy = dir.join("policy.json");
    std::fs::write(&policy, "{\n  \"school\": {\"name\": \"De Klimop\"},\n  \"severity\": {\"medical\": {\"email\": \"blok\"}}\n}\n").unwrap();
    let out = kladwacht(&["scan", "--policy", policy.to_str().unwrap()], b"hallo");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("line 3") && err.contains("severity.medical.email"),
        "{err}"
    );
}

#[test]
fn empty_input_is_clean() {
    let out = kladwacht(&["scan", "--format", "json"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
}
