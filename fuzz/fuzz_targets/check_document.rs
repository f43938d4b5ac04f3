#![no_main]
//! cargo-fuzz target `check_document`: see `fuzz/bodies.rs` for what it checks.

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::check_document(data));
