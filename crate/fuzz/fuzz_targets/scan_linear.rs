//! The input as a unit repeated to 16 KB and to 64 KB: the larger scan may take
//! at most ~8× as long (linear time, no blow-up on repeated patterns).
#![no_main]

#[allow(dead_code)]
#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::scan_linear_bytes(data));
