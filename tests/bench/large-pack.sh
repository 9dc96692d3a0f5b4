#!/usr/bin/env bash
# Makes the portfolio of issue 14's item 12 in OUTPUT_FOLDER: one 18 KB record that shows one
# 4 MiB picture 500 times. Its HTML pack once held the picture 500 times (2.7 GB of memory to
# make); now it holds it once.
#
# Usage: tests/bench/large-pack.sh OUTPUT_FOLDER
# Then:  /usr/bin/time -v pqs render OUTPUT_FOLDER --out OUTPUT_FOLDER/pack.html --date 2026-11-22
set -euo pipefail
out="${1:?usage: large-pack.sh OUTPUT_FOLDER}"
mkdir -p "$out/evidence"
printf 'candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n' > "$out/pqs.yaml"
python3 - "$out" <<'PY'
import os, random, struct, sys, zlib

out = sys.argv[1]

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

# A PNG of noise, stored without compression so it stays 4 MiB: 1024 x 1024 pixels of RGBA.
random.seed(14)
width = height = 1024
rows = b"".join(b"\0" + random.randbytes(width * 4) for _ in range(height))
png = (b"\x89PNG\r\n\x1a\n"
       + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 0))
       + chunk(b"IEND", b""))
with open(os.path.join(out, "evidence", "whiteboard.png"), "wb") as f:
    f.write(png)

lines = [f"![Whiteboard, photo {n}](whiteboard.png)\n" for n in range(1, 501)]
record = ("---\ntitle: A session with many photos\ntype: other\ndate: 2026-02-01\n---\n"
          "What happened, with the same photo many times.\n\n" + "".join(lines))
with open(os.path.join(out, "evidence", "photos.md"), "w") as f:
    f.write(record)
PY
ls -l "$out/evidence"
