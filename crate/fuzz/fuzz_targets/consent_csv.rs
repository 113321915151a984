//! Random consent-register CSV exports: no panic, every error on a line of the
//! input, every non-blank row accounted for, entries that write back and read
//! the same (see `harness::check_consent_csv`).
#![no_main]

#[allow(dead_code)]
#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::consent_csv_bytes(data));
