//! What `make fuzz` found, replayed on every `cargo test` with the fuzz targets'
//! own checks (`crate/fuzz/harness.rs`):
//!
//! * the kept corpus, `tests/fuzz-corpus/<target>/` (small, minimised inputs:
//!   seeds and whatever the fuzzer found interesting), through each target;
//! * every crash the fuzzer ever found, one test each below, with the input
//!   inline and the file kept in the corpus as well.
//!
//! To add a crash: copy `crate/fuzz/artifacts/<target>/crash-…` into
//! `tests/fuzz-corpus/<target>/` under a name that says what it is, add a test
//! here that replays it, then fix the code until the test passes.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "../fuzz/harness.rs"]
mod harness;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Duration;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fuzz-corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&p).expect("readable corpus file"))
        })
        .collect()
}

/// Runs `check` on every file of a target's corpus and names each file that fails.
fn replay(target: &str, check: impl Fn(&[u8])) {
    let mut failures = Vec::new();
    for (name, bytes) in corpus(target) {
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| check(&bytes))) {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("tests/fuzz-corpus/{target}/{name}: {why}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn kept_scan_corpus_holds_the_properties() {
    replay("scan", harness::scan_bytes);
}

#[test]
fn kept_policy_corpus_holds_the_properties() {
    replay("policy", harness::policy_bytes);
}

#[test]
fn kept_consent_csv_corpus_holds_the_properties() {
    replay("consent_csv", harness::consent_csv_bytes);
}

/// The `scan_linear` target's property: the fuzz input's text (its first 256
/// characters) repeated to `n` bytes and to 4n scans in at most 8× the time.
fn assert_linear(bytes: &[u8], n: usize) {
    let case = harness::decode(bytes);
    let unit: String = case.text.chars().take(256).collect();
    harness::check_linear(
        case.scanner(),
        &unit,
        &case.context,
        n,
        8.0,
        Duration::from_millis(5),
    );
}

#[test]
fn kept_linear_corpus_scans_in_linear_time() {
    // The fuzz target's sizes (4 KB and 16 KB); the limits tests cover megabytes.
    replay("scan_linear", |bytes| {
        assert_linear(bytes, 4 * 1024);
    });
}

#[test]
fn the_decoder_reads_every_context_part() {
    let case = harness::decode(
        b"\x0dTekst\x01juf@gmail.com\x01cc:a@b.nl;bcc:c@d.be,e@f.com\x01Emma, Noah",
    );
    assert_eq!(case.text, "Tekst");
    assert_eq!(case.context.channel, kladwacht::Channel::Social);
    assert!(case.context.media_attached);
    assert!(case.school_policy);
    assert_eq!(case.context.account.as_deref(), Some("juf@gmail.com"));
    let fields: Vec<_> = case.context.recipients.iter().map(|r| r.field).collect();
    use kladwacht::RecipientField::*;
    assert_eq!(fields, [Cc, Bcc, To]);
    assert_eq!(case.context.consented, ["Emma", "Noah"]);
    let case = harness::decode(b"\xf0Emma en Sem");
    assert_eq!(case.context.recipients.len(), 7);
    assert_eq!(case.context.consented, ["Emma", "Sem"]);
    assert_eq!(harness::decode(b"").text, "");
}

// ---- crashes found by `make fuzz`, oldest first -------------------------

/// `make fuzz` (scan_linear, 2026-11-23, twice): entities and a leeted password
/// keyword with no space anywhere — one token of the whole draft — scanned in
/// quadratic time (18× for 4× the input): the credentials detector looked for
/// the ends of the keyword's token by walking the draft from every keyword.
/// It now binary-searches an index of the draft's whitespace, built once.
#[test]
fn scan_linear_credential_keyword_in_one_long_token() {
    // The second, found by the next run: "wifi" glued to digits by a control
    // character and an invalid byte (no whitespace), 15× for 4× the input.
    for input in [&b" &amp;&#1p4ssw0rd;"[..], b" wifi\x15463\xc690"] {
        assert_linear(input, 4 * 1024);
    }
}

/// `make fuzz` (scan_linear, 2026-11-23): a lexicon word repeated with no
/// space ("gepestgepest…", chat) took 12× the time for 4× the input: the
/// sensitive detector walked to both ends of the word from every keyword in
/// it. The walk is now bounded (`lexicon::WORD_WALK`).
#[test]
fn scan_linear_lexicon_word_repeated_without_spaces() {
    assert_linear(&[0xe2, b'g', b'e', b'p', b'e', b's', b't'], 4 * 1024);
}

/// `make fuzz` (scan_linear, 2026-11-23): "ww:" glued into one huge token
/// (`e\u{301}\u{fffd}ww:\u{fffd}` repeated) took 14× for 4× the input: every
/// keyword read the rest of the token as its value. A token longer than any
/// typed password is no longer read as one.
#[test]
fn scan_linear_credential_colon_in_one_long_token() {
    // The fuzz build shows it at 4 KB; a test build needs more.
    assert_linear(&[32, 101, 204, 129, 204, 119, 119, 58, 182], 64 * 1024);
}
