//! Limits: big and pathological drafts scan in time proportional to their size.
//!
//! Each case builds a draft from a repeated unit at two sizes, n and 4·n (the
//! larger one the size the case is about: 10 MB, a 1 MB line, 100,000
//! findings …), and asserts time(4·n) ≤ 6 × time(n) plus a little slack —
//! linearity, not milliseconds, so a slow or busy machine does not fail it but
//! a quadratic loop (16× for 4× the input) does. Each time is the best of
//! three runs; a case gets three tries before it fails. The larger draft's
//! findings are also checked for bounds, boundaries and UTF-16 offsets.
//!
//! Timing ratios only mean something in an optimised build (a debug build
//! spends minutes here and its noise swamps the ratio), so this file compiles
//! only without debug assertions: `make test-rust` runs it with `--release`.
#![cfg(all(not(target_arch = "wasm32"), not(debug_assertions)))]

#[allow(dead_code)]
#[path = "../fuzz/harness.rs"]
mod harness;

use kladwacht::{Channel, Finding, ScanContext, Scanner};
use std::time::Duration;

const MB: usize = 1024 * 1024;
/// time(4n) / time(n) may be at most this (4 for a perfectly linear scan).
const FACTOR: f64 = 6.0;

fn scanner() -> &'static Scanner {
    harness::default_scanner()
}

/// The best of three scans, in thread CPU time (so a busy machine that
/// deschedules the test does not skew the ratio; see `harness::timed`).
fn best_of_3(text: &str, context: &ScanContext) -> (Duration, Vec<Finding>) {
    let mut best = Duration::MAX;
    let mut findings = Vec::new();
    for _ in 0..3 {
        let (t, f) = harness::timed(|| scanner().scan(text, context));
        findings = f;
        best = best.min(t);
    }
    (best, findings)
}

/// Scans `unit` repeated to `size / 4` and to `size` bytes; asserts linear
/// time and well-formed findings; returns the finding counts (small, large).
fn linear(name: &str, unit: &str, size: usize, channel: Channel) -> (usize, usize) {
    let context = ScanContext::channel(channel);
    let small = harness::repeat_to(unit, size / 4);
    let large = harness::repeat_to(unit, size);
    let mut last = String::new();
    for _ in 0..3 {
        let (t1, f1) = best_of_3(&small, &context);
        let (t4, f4) = best_of_3(&large, &context);
        harness::check_findings(scanner(), &large, &f4);
        // Slack: timer noise on tiny times (a scan of n bytes in well under a millisecond).
        let slack = Duration::from_millis(2) + t1 / 2;
        if t4 <= t1.mul_f64(FACTOR) + slack {
            eprintln!(
                "{name}: {} B in {t1:?} ({} findings), {} B in {t4:?} ({} findings)",
                small.len(),
                f1.len(),
                large.len(),
                f4.len()
            );
            return (f1.len(), f4.len());
        }
        last = format!(
            "{name}: {} B took {t1:?}, {} B took {t4:?}: {:.1}× for 4× the input",
            small.len(),
            large.len(),
            t4.as_secs_f64() / t1.as_secs_f64().max(1e-9)
        );
    }
    panic!("scan time grows faster than the input: {last}");
}

/// The counts grew with the input: nothing is silently capped or lost.
fn grows(name: &str, (small, large): (usize, usize)) {
    assert!(
        large * 10 >= small * 35,
        "{name}: {small} findings at n but {large} at 4n"
    );
}

#[test]
fn ten_megabytes_of_drafts() {
    let block = "Beste ouders,\n\nHet wachtwoord van de klas-iPad is Zonnebloem7! \
                 Emma (groep 6) heeft ADHD en is gepest; haar ouders zijn gescheiden \
                 en hebben schulden. Bel 06-12345678 of stort op NL91 ABNA 0417 1643 00. \
                 BSN 111222333.\n\nMet vriendelijke groet,\nJuf Anja\n\n";
    let counts = linear("10 MB", block, 10 * MB, Channel::Email);
    grows("10 MB", counts);
}

#[test]
fn a_single_one_megabyte_line() {
    // No line break and no sentence end: one line, one sentence.
    let unit = "beste ouders het wachtwoord is Zonnebloem7 en Emma heeft ADHD bel 06 12345678 ";
    linear("1 MB line", unit, MB, Channel::Chat);
    linear("1 MB of one letter", "a", MB, Channel::Chat);
    linear("1 MB of one word", "wachtwoord", MB, Channel::Chat);
}

#[test]
fn a_hundred_thousand_findings() {
    // 100,000 phone numbers, 100,000 short passwords, 100,000 named pupils.
    let phone = "Bel 06-12345678.\n";
    let counts = linear("100k phones", phone, 100_000 * phone.len(), Channel::Email);
    grows("100k phones", counts);
    let password = "wachtwoord: Tulp1234!\n";
    let counts = linear(
        "100k passwords",
        password,
        100_000 * password.len(),
        Channel::Email,
    );
    grows("100k passwords", counts);
    let minor = "Emma uit groep 6 is ziek.\n";
    let counts = linear("100k pupils", minor, 100_000 * minor.len(), Channel::Social);
    grows("100k pupils", counts);
}

#[test]
fn deeply_repeated_patterns() {
    let cases: &[(&str, &str, usize)] = &[
        // A keyword with no value after it, again and again.
        ("keyword-colon", "wachtwoord: ", 100_000),
        ("keyword-newline", "wachtwoord\n", 100_000),
        ("keyword-is", "het wachtwoord is ", 50_000),
        ("username-password", "gebruikersnaam: paswoord: ", 50_000),
        // Long runs of digits and of digit-like separators.
        ("digits", "0123456789", 100_000),
        ("digits-spaced", "12 34 ", 100_000),
        ("digits-dotted", "12.34.", 100_000),
        ("digits-dashed", "06-", 200_000),
        ("iban-prefix", "NL91 ABNA ", 100_000),
        // Many values on one line: per-value work must not rescan the line.
        ("phones-one-line", "Bel 06-12345678 ", 60_000),
        ("bsn-one-line", "BSN 234567806 ", 60_000),
        ("sentences-one-line", "Emma is gepest. ", 60_000),
        ("bsn-keyword", "BSN ", 200_000),
        ("plus", "+31 6 ", 100_000),
        // Capitalised words: names, and sentences that start with one.
        ("capitalised", "Emma Jansen ", 100_000),
        ("capitalised-sentences", "Emma. ", 100_000),
        ("all-caps", "WACHTWOORD EMMA ", 50_000),
        // Spaced single letters and spaced keywords.
        ("spaced-letters", "a b c d ", 100_000),
        ("spaced-keyword", "w a c h t w o o r d ", 50_000),
        ("dotted-letters", "w.a.c.h.t.", 100_000),
        // What the normaliser undoes.
        ("zero-width", "\u{200B}", 300_000),
        ("soft-hyphens", "wacht\u{00AD}", 100_000),
        ("nbsp", "\u{00A0}", 300_000),
        ("entities", "&amp;&#119;&nbsp;", 50_000),
        ("entity-starts", "&#", 300_000),
        ("combining", "e\u{0301}\u{0336}", 100_000),
        ("leet", "p4ssw0rd ", 100_000),
        ("fullwidth", "ＷＡＣＨＴ", 50_000),
        ("math", "𝐰𝐚𝐜𝐡𝐭", 50_000),
        // Punctuation and layout.
        ("newlines", "\n", 500_000),
        ("spaces", " ", 500_000),
        ("quotes", "> ", 300_000),
        ("brackets", "(((", 200_000),
        ("emails", "ouder@gmail.com, ", 50_000),
        ("emoji", "😀", 200_000),
    ];
    for &(name, unit, times) in cases {
        linear(name, unit, unit.len() * times, Channel::Email);
    }
}

#[test]
fn repeated_mentions_on_one_line() {
    linear(
        "hashtags",
        "#groep6 @emma ",
        "#groep6 @emma ".len() * 50_000,
        Channel::Email,
    );
}

#[test]
fn deeply_repeated_patterns_in_other_channels() {
    // The channel decides which rules weigh in; the time must not depend on it.
    for channel in [Channel::Social, Channel::School] {
        linear("capitalised", "Emma Jansen ", 1_200_000, channel);
        linear("keyword-colon", "wachtwoord: ", 1_200_000, channel);
    }
}
