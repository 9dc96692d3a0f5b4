//! The inputs kept in `tests/fuzz/TARGET/`: each one a fuzz target found a fault with, or one
//! that reaches a corner worth keeping. Each goes through its target's checks again, the same
//! checks the fuzz targets make (`fuzz/oracles.rs`), so a fault once fixed stays fixed.

use std::panic;

#[path = "../../fuzz/oracles.rs"]
mod oracles;

/// Every input kept for `target` passes `check`; the failures are named together.
fn each_kept(target: &str, check: fn(&[u8])) {
    let folder = crate::repo().join("tests/fuzz").join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.expect("a folder entry").path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{} keeps at least one input", folder.display());
    let failed: Vec<String> = inputs
        .iter()
        .filter(|path| {
            let bytes = std::fs::read(path).expect("a kept input reads");
            panic::catch_unwind(|| check(&bytes)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "these inputs fail their checks again: {failed:#?}");
}

#[test]
fn front_matter_inputs_split_truly() {
    each_kept("front_matter", oracles::front_matter);
}

#[test]
fn record_inputs_give_findings_that_point_into_the_file() {
    each_kept("record", oracles::record);
}

#[test]
#[cfg(feature = "pdf")]
fn markdown_inputs_make_typst_that_compiles() {
    each_kept("markdown_typst", oracles::markdown_typst);
}

#[test]
fn privacy_inputs_give_findings_in_order_and_apart() {
    each_kept("privacy", oracles::privacy);
}
