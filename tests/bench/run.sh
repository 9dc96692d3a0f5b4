#!/usr/bin/env bash
# The measurements of BENCHMARKS.md, on synthetic cohorts made by examples/gen-cohort. Whole
# commands are timed with hyperfine, several runs each, warm file cache. Two commands compared are
# timed in rounds, one right after the other; a ratio is the median of the rounds' ratios. Needs hyperfine, ripgrep, pandoc and GNU time (Debian packages of those
# names; `time` for GNU time) and Python 3 with venv.
#
# Usage, from the repository's root: tests/bench/run.sh [RUNS]
# (RUNS: runs of each single command, and rounds of each comparison.)
set -euo pipefail
runs=${1:-10}
out=target/bench
mkdir -p "$out"
cargo build --release --example gen-cohort
cargo build --release
pqs=target/release/pqs
gen=target/release/examples/gen-cohort
for spec in "20 2k" "200 20k" "1000 100k"; do
  set -- $spec
  # Made anew each time, so the files are those of the generator at this commit.
  rm -rf "$out/cohort-$2"
  "$gen" --portfolios "$1" --records 100 --out "$out/cohort-$2"
done
python3 -m venv "$out/venv"
"$out/venv/bin/pip" install --quiet --disable-pip-version-check -r tests/bench/requirements.txt

json() { # NAME COMMAND...: time COMMAND with hyperfine, keep the runs in $out/NAME.json
  local name=$1
  shift
  hyperfine --style basic --warmup 2 --runs "$runs" -i --export-json "$out/$name.json" "$@" >/dev/null
}
rounds() { # NAME ROUNDS RUNS A B: ROUNDS rounds, each timing RUNS runs of command A and then of
  # command B; the ratio of each round's medians, A over B. On a shared machine, the load moves
  # from minute to minute: the two commands of one round are timed under the same load.
  local name=$1 count=$2 each=$3 a=$4 b=$5
  for round in $(seq "$count"); do
    hyperfine --style basic --warmup 1 --runs "$each" -i --export-json "$out/$name-$round.json" "$a" "$b" >/dev/null
  done
  python3 - "$out/$name" "$count" <<'PY'
import json, statistics, sys
stem, count = sys.argv[1], int(sys.argv[2])
a, b, ratios = [], [], []
for round in range(1, count + 1):
    first, second = (r["times"] for r in json.load(open(f"{stem}-{round}.json"))["results"])
    a += first
    b += second
    ratios.append(statistics.median(first) / statistics.median(second))
print(f"{statistics.median(a):.3f} s vs {statistics.median(b):.3f} s: ratio {statistics.median(ratios):.2f}"
      f" (rounds from {min(ratios):.2f} to {max(ratios):.2f})")
PY
}

check20k="$pqs check $out/cohort-20k --format json --today 2026-11-22"
echo "== check against the floor of reading the files (20,000 records), $runs rounds of 5 runs"
echo "pqs / rg:  $(rounds check-rg "$runs" 5 "$check20k" "rg --count-matches '^---' $out/cohort-20k")"
echo "pqs / cat: $(rounds check-cat "$runs" 5 "$check20k" "find $out/cohort-20k -name '*.md' -print0 | xargs -0 cat")"

echo "== against python-frontmatter and jsonschema (20,000 records), 3 rounds of 2 runs"
python="$out/venv/bin/python tests/bench/frontmatter_check.py schemas/record.schema.json $out/cohort-20k"
echo "python / pqs: $(rounds python-check 3 2 "$python" "$check20k")"

echo "== peak memory, 20,000 records"
/usr/bin/time -f "%M KiB" "$pqs" check "$out/cohort-20k" --format json --today 2026-11-22 >/dev/null

echo "== growth: 2,000, 20,000 and 100,000 records"
json check-2k "$pqs check $out/cohort-2k --format json --today 2026-11-22"
json check-20k "$check20k"
json check-100k "$pqs check $out/cohort-100k --format json --today 2026-11-22"
for size in 2k 20k 100k; do
  python3 -c "import json,statistics; t=json.load(open('$out/check-$size.json'))['results'][0]['times']; print('$size', f'{statistics.median(t):.3f} s')"
done
/usr/bin/time -f "100k peak memory: %M KiB" "$pqs" check "$out/cohort-100k" --format json --today 2026-11-22 >/dev/null

echo "== packs of one 100-record portfolio, and pandoc on the same Markdown"
one="$out/cohort-20k/supervisor-0001"
html="$pqs render $one --force --out $out/pack.html --date 2026-11-22"
json render-html "$html"
json render-pdf "$pqs render $one --force --format pdf --out $out/pack.pdf --date 2026-11-22"
for name in render-html render-pdf; do
  python3 -c "import json,statistics; t=json.load(open('$out/$name.json'))['results'][0]['times']; print('$name', f'{statistics.median(t):.3f} s')"
done
pandoc="pandoc -s --metadata title=pack -o $out/pandoc.html $one/evidence/*.md"
echo "pqs html / pandoc: $(rounds html-pandoc "$runs" 5 "$html" "$pandoc")"
