#!/usr/bin/env bash
# Write the large records of the benchmark of issue 14 (item 10) into the folder given as the
# argument: six portfolios, each with one record of just under 5 MiB (the largest `pqs check`
# reads) made of findings. Time and peak memory are then measured with, e.g.:
#   /usr/bin/time -v target/release/pqs check OUT/unknown-keys --today 2026-11-22 >/dev/null
# Needs only bash and python3.
set -euo pipefail
out=${1:?usage: tests/bench/large-records.sh OUT-FOLDER}
python3 - "$out" <<'PY'
import os, sys

out = sys.argv[1]
LIMIT = 5 * 1024 * 1024 - 64  # just under pqs's limit for a record
HEAD = "---\ntitle: Large record\ntype: reflection\ndate: 2026-02-01\nstandards: [6]\n"

def portfolio(name, text):
    root = os.path.join(out, name)
    os.makedirs(os.path.join(root, "evidence"), exist_ok=True)
    with open(os.path.join(root, "pqs.yaml"), "w") as f:
        f.write("candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n")
    with open(os.path.join(root, "evidence", "large.md"), "w") as f:
        f.write(text)
    assert len(text.encode()) <= LIMIT + 64, name

def fill(head, make, tail="", limit=LIMIT):
    parts, size, i = [head], len(head) + len(tail), 0
    while True:
        piece = make(i)
        if size + len(piece) > limit:
            break
        parts.append(piece)
        size += len(piece)
        i += 1
    parts.append(tail)
    return "".join(parts), i

# Unknown keys: one `kN: x` line per key in the front-matter.
text, n = fill(HEAD, lambda i: f"k{i}: x\n", "---\nText.\n")
portfolio("unknown-keys", text)
print(f"unknown-keys: {n} unknown fields")

# E-mail addresses on one line of the body.
text, n = fill(HEAD + "---\n", lambda i: f"p{i}@mailbox.org ", "\n")
portfolio("emails-one-line", text)
print(f"emails-one-line: {n} addresses on one line")

# A huge `standards` list: one `- 6.1` item per line, each after the first a repeat.
head = "---\ntitle: Large record\ntype: reflection\ndate: 2026-02-01\nstandards:\n"
text, n = fill(head, lambda i: "  - 6.1\n", "---\nText.\n")
portfolio("standards-list", text)
print(f"standards-list: {n} items")

# The largest front-matter pqs reads (1 MiB) of unknown keys, and of a `standards` list, each
# followed by a body of lines with an address to make the record just under 5 MiB.
FRONT = 1024 * 1024 - 64
body = lambda i: f"Line {i} wrote to p{i}@mailbox.org about it.\n"
front, n = fill(HEAD, lambda i: f"k{i}: x\n", limit=FRONT)
text, m = fill(front + "---\n", body)
portfolio("unknown-keys-1mib", text)
print(f"unknown-keys-1mib: {n} unknown fields, {m} lines with an address")
front, n = fill(head, lambda i: "  - 6.1\n", limit=FRONT)
text, m = fill(front + "---\n", body)
portfolio("standards-list-1mib", text)
print(f"standards-list-1mib: {n} items, {m} lines with an address")

# Many lines, each with a finding (an e-mail address).
text, n = fill(HEAD + "---\n", lambda i: f"Line {i} wrote to p{i}@mailbox.org about it.\n")
portfolio("many-lines", text)
print(f"many-lines: {n} lines with an address")
PY
