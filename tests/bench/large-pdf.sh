#!/usr/bin/env bash
# Portfolios with one large record each, for measuring the PDF pack's memory (issue 14, item 13):
# OUT/large-1mib and OUT/large-5mib, each a `pqs.yaml` and one record of about 1 or 5 MiB of
# realistic paragraphs, bulleted and numbered lists and headings (under `pqs check`'s 5 MiB limit).
# Needs Python 3.
#
# Usage, from the repository's root: tests/bench/large-pdf.sh [OUT]   (default: target/bench)
# Then, for example:
#   /usr/bin/time -v target/release/pqs render target/bench/large-1mib --format pdf --date 2026-11-22
set -euo pipefail
out=${1:-target/bench}
for mib in 1 5; do
  dir="$out/large-${mib}mib"
  rm -rf "$dir"
  mkdir -p "$dir/evidence"
  printf 'candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n' >"$dir/pqs.yaml"
  python3 - "$dir/evidence/large.md" "$mib" <<'PY'
import sys
path, mib = sys.argv[1], int(sys.argv[2])
limit = mib * 1024 * 1024 - 4096
sentences = [
    "The worker described the visit and what had changed since the last review.",
    "We talked about how the team could share the load while two colleagues are away.",
    "I asked what the practitioner thought the person wanted, in their own words.",
    "The plan was agreed with the family and recorded on the system the same day.",
    "Reflection helped us see where the risk assessment had leaned on old information.",
    "Next time I will give more room for the worker to reach their own conclusion.",
]
parts = ["---\ntitle: A long reflective log\ntype: other\ndate: 2026-02-01\n---\n"]
size, n = len(parts[0]), 0
while size < limit:
    n += 1
    block = [f"## Session {n}\n"]
    block.append(" ".join(sentences[(n + i) % 6] for i in range(5)) + "\n")
    block.append("".join(f"- {sentences[(n + i) % 6]}\n" for i in range(4)))
    block.append("".join(f"{i + 1}. {sentences[(n + i + 3) % 6]} *Noted* by **me**.\n" for i in range(3)))
    block.append(" ".join(sentences[(n + i + 2) % 6] for i in range(4)) + "\n")
    text = "\n".join(block) + "\n"
    if size + len(text) > limit:
        break
    parts.append(text)
    size += len(text)
open(path, "w").write("".join(parts))
PY
  echo "$dir: $(wc -c <"$dir/evidence/large.md") bytes"
done
