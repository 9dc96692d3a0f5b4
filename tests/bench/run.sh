#!/usr/bin/env bash
# The measurements of BENCHMARKS.md, on synthetic cohorts made by examples/gen-cohort. Whole
# commands are timed with hyperfine, several runs each, warm file cache; ratios are the median of
# the run-by-run ratios. Needs hyperfine, ripgrep, pandoc and GNU time (Debian packages of those
# names; `time` for GNU time) and Python 3 with venv.
#
# Usage, from the repository's root: tests/bench/run.sh [RUNS]
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
median_ratio() { # A B: the median over runs of time(A) / time(B), and the medians themselves
  python3 - "$out/$1.json" "$out/$2.json" <<'PY'
import json, statistics, sys
a, b = (json.load(open(p))["results"][0]["times"] for p in sys.argv[1:3])
ratios = [x / y for x, y in zip(a, b)]
print(f"{statistics.median(a):.3f} s vs {statistics.median(b):.3f} s: ratio {statistics.median(ratios):.2f}")
PY
}

echo "== check against the floor of reading the files (20,000 records)"
json check-20k "$pqs check $out/cohort-20k --format json --today 2026-11-22"
json rg-20k "rg --count-matches '^---' $out/cohort-20k"
json cat-20k "find $out/cohort-20k -name '*.md' -print0 | xargs -0 cat"
echo "pqs / rg:  $(median_ratio check-20k rg-20k)"
echo "pqs / cat: $(median_ratio check-20k cat-20k)"

echo "== against python-frontmatter and jsonschema (20,000 records)"
runs_saved=$runs
runs=3
json python-20k "$out/venv/bin/python tests/bench/frontmatter_check.py schemas/record.schema.json $out/cohort-20k"
runs=$runs_saved
echo "python / pqs: $(median_ratio python-20k check-20k)"

echo "== peak memory, 20,000 records"
/usr/bin/time -f "%M KiB" "$pqs" check "$out/cohort-20k" --format json --today 2026-11-22 >/dev/null

echo "== growth: 2,000, 20,000 and 100,000 records"
json check-2k "$pqs check $out/cohort-2k --format json --today 2026-11-22"
json check-100k "$pqs check $out/cohort-100k --format json --today 2026-11-22"
for size in 2k 20k 100k; do
  python3 -c "import json,statistics; t=json.load(open('$out/check-$size.json'))['results'][0]['times']; print('$size', f'{statistics.median(t):.3f} s')"
done
/usr/bin/time -f "100k peak memory: %M KiB" "$pqs" check "$out/cohort-100k" --format json --today 2026-11-22 >/dev/null

echo "== packs of one 100-record portfolio, and pandoc on the same Markdown"
one="$out/cohort-20k/supervisor-0001"
json render-html "$pqs render $one --force --out $out/pack.html --date 2026-11-22"
json render-pdf "$pqs render $one --force --format pdf --out $out/pack.pdf --date 2026-11-22"
json pandoc-html "pandoc -s --metadata title=pack -o $out/pandoc.html $one/evidence/*.md"
for name in render-html render-pdf pandoc-html; do
  python3 -c "import json,statistics; t=json.load(open('$out/$name.json'))['results'][0]['times']; print('$name', f'{statistics.median(t):.3f} s')"
done
echo "pqs html / pandoc: $(median_ratio render-html pandoc-html)"
