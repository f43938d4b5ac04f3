#![no_main]
//! cargo-fuzz target `front_matter`: see `fuzz/bodies.rs` for what it checks.

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::front_matter(data));
