//! Random policy documents (and scan contexts): errors, never panics; a policy
//! that reads builds and scans, and survives a JSON round trip.
#![no_main]

#[allow(dead_code)]
#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::policy_bytes(data));
