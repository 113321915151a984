//! Invariants that hold for any input: findings lie within the text, on
//! character boundaries, sorted, with `text` equal to the slice and UTF-16
//! offsets that agree with the byte offsets; scanning never panics.
#![cfg(not(target_arch = "wasm32"))]

use kladwacht::{text::utf16::utf16_len, Channel, ScanContext, Scanner};
use proptest::prelude::*;
use std::sync::OnceLock;

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(Scanner::with_default_policy)
}

fn check(text: &str, channel: Channel) {
    let findings = scanner().scan(text, &ScanContext::channel(channel));
    let mut last = 0;
    // UTF-16 offsets counted incrementally (findings are sorted by start), so
    // the check stays linear on drafts with 100,000 findings.
    let mut at = (0usize, 0usize); // (byte, utf16) of the last start
    for f in &findings {
        assert!(
            f.bytes.start <= f.bytes.end && f.bytes.end <= text.len(),
            "{f:?}"
        );
        assert!(
            text.is_char_boundary(f.bytes.start) && text.is_char_boundary(f.bytes.end),
            "{f:?}"
        );
        assert_eq!(f.text, text[f.bytes.clone()]);
        if f.bytes.start >= at.0 {
            at = (f.bytes.start, at.1 + utf16_len(&text[at.0..f.bytes.start]));
        } else {
            at = (f.bytes.start, utf16_len(&text[..f.bytes.start]));
        }
        assert_eq!(f.start, at.1);
        assert_eq!(f.end, at.1 + utf16_len(&text[f.bytes.start..f.bytes.end]));
        assert!(f.bytes.start >= last, "findings not sorted");
        last = f.bytes.start;
    }
    assert_eq!(
        findings,
        scanner().scan(text, &ScanContext::channel(channel)),
        "not deterministic"
    );
}

/// Text made of the pieces that matter: keywords, digits, names, odd Unicode.
fn drafty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("wachtwoord: ".to_string()),
        Just("Emma uit groep 6 ".to_string()),
        Just("BSN 111222333 ".to_string()),
        Just("NL91 ABNA 0417 1643 00 ".to_string()),
        Just("06-12345678 ".to_string()),
        Just("ADHD ".to_string()),
        Just("\u{200B}\u{00AD}\u{00A0}".to_string()),
        Just("😀é𝐀Ａ".to_string()),
        Just("\n".to_string()),
        "[a-zA-Z0-9 .,:@!-]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn findings_are_well_formed(text in drafty(), ch in 0usize..4) {
        check(&text, Channel::ALL[ch]);
    }
}

#[test]
fn handles_empty_and_large_inputs() {
    check("", Channel::Email);
    let block = "Beste ouders, het wachtwoord van de klas-iPad is Zonnebloem7! Emma (groep 6) heeft ADHD. Bel 06-12345678.\n";
    let big = block.repeat(10 * 1024 * 1024 / block.len() + 1);
    assert!(big.len() >= 10 * 1024 * 1024);
    check(&big, Channel::Social);
    let one_line = "a".repeat(1024 * 1024);
    check(&one_line, Channel::Chat);
}
