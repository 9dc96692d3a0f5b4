//! A record's Markdown, any text, made into typst and a PDF.
#![no_main]

#[path = "../oracles.rs"]
mod oracles;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| oracles::markdown_typst(bytes));
