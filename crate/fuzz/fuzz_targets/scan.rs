//! Random drafts in random contexts: no panic, well-formed findings, deterministic.
//! Input format: `harness.rs` (a flag byte, then the draft and optional context parts).
#![no_main]

#[allow(dead_code)]
#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::scan_bytes(data));
