//! The privacy scanner, on any text, with and without a case-reference pattern and an allowed name.
#![no_main]

#[path = "../oracles.rs"]
mod oracles;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| oracles::privacy(bytes));
