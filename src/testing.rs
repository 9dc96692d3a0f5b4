//! Helpers shared by unit tests.

/// `count` mutations of `original`, each with one to `edits` bytes inserted, removed or
/// replaced by bytes of `alphabet`, from a fixed-seed generator so every run sees the same ones.
pub fn mutations(original: &[u8], alphabet: &[u8], edits: usize, count: usize) -> Vec<Vec<u8>> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    (0..count)
        .map(|_| {
            let mut bytes = original.to_vec();
            for _ in 0..1 + next(edits) {
                let at = next(bytes.len() + 1);
                match next(3) {
                    0 => bytes.insert(at, alphabet[next(alphabet.len())]),
                    1 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ if at < bytes.len() => bytes[at] = alphabet[next(alphabet.len())],
                    _ => {}
                }
            }
            bytes
        })
        .collect()
}

/// The bundled examples `sample-portfolio` and `in-progress`, checked as of 2026-11-22, for
/// reports of several portfolios.
pub fn example_outcomes() -> Vec<crate::check::Outcome> {
    let options =
        crate::check::CheckOptions { today: jiff::civil::date(2026, 11, 22), complete: false, bodies: true };
    ["sample-portfolio", "in-progress"]
        .iter()
        .map(|name| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
            crate::check::check(&path, &options).expect("the example is checked")
        })
        .collect()
}

/// `outcomes` as portfolios of one run from the repository's root.
pub fn checked(outcomes: &[crate::check::Outcome]) -> Vec<crate::report::Checked<'_>> {
    const BASES: [&str; 2] = ["examples/sample-portfolio/", "examples/in-progress/"];
    outcomes.iter().zip(BASES).map(|(outcome, base)| crate::report::Checked { outcome, base }).collect()
}
