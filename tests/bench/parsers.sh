#!/usr/bin/env bash
# Repeats the parser figures of BENCHMARKS.md's "The load stage and its parsers (issue 15)".
# Writes a scratch crate (comrak, pulldown-cmark, yaml_serde, serde-saphyr) to DIR, builds it in
# release and counts each engine's instructions with callgrind on the 2,000-record cohort
# (made with gen-cohort if missing); then prints each engine's positions on the tricky inputs in
# tests/bench/parsers/. pqs itself takes no new dependency.
#
#   tests/bench/parsers.sh [DIR]        # DIR defaults to target/bench/parsers-eval
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="${1:-$root/target/bench/parsers-eval}"
cohort="$root/target/bench/cohort-2k"
mkdir -p "$dir/src"
cat > "$dir/Cargo.toml" <<'TOML'
[package]
name = "pqs-parsers-eval"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
comrak = { version = "=0.59.0", default-features = false }
mimalloc = { version = "0.1", default-features = false }
pulldown-cmark = { version = "=0.13.6", default-features = false }
serde = { version = "1", features = ["derive"] }
serde-saphyr = { version = "=2.2.0", default-features = false, features = ["deserialize"] }
yaml_serde = "=0.10.7"

[workspace]
TOML
cp "$here/parsers/main.rs" "$dir/src/main.rs"
(cd "$dir" && cargo build --release -q)
bin="$dir/target/release/pqs-parsers-eval"
if [ ! -d "$cohort" ]; then
  (cd "$root" && cargo run --release --no-default-features --example gen-cohort -- --portfolios 20 --records 100 --out "$cohort")
fi
"$bin" compare "$cohort"
for mode in none comrak pulldown yaml_serde saphyr saphyr-spans; do
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$mode" "$cohort" 2>&1 \
    | sed -n "s/.*Collected : \([0-9]*\)/$mode \1/p"
done
for file in "$here"/parsers/*.md; do echo "== $file"; "$bin" show-md "$file"; done
for file in "$here"/parsers/*.yaml; do echo "== $file"; "$bin" show-yaml "$file"; done
"$bin" limits
"$bin" errors
