#!/usr/bin/env python3
"""The round trip of one keystroke in `pqs serve`'s editor: the form sent to /check, the record
checked from the text in memory and its preview made, the answer read; for a record of a
100-record portfolio made by examples/gen-cohort. Python's standard library only.

Usage, from the repository's root, after `cargo build --release` (or with any pqs):
  tests/bench/serve-keystroke.py [PQS] [KEYSTROKES]
It prints the times of the keystrokes (milliseconds: median, 95th percentile, worst) and of the
first look at the record's page.
"""
import http.client
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

pqs = sys.argv[1] if len(sys.argv) > 1 else "target/release/pqs"
keystrokes = int(sys.argv[2]) if len(sys.argv) > 2 else 300
gen = str(Path(pqs).parent / "examples" / "gen-cohort")
out = Path("target/bench/serve-100")
shutil.rmtree(out, ignore_errors=True)
subprocess.run([gen, "--portfolios", "1", "--records", "100", "--out", str(out)], check=True,
               stdout=subprocess.DEVNULL)
portfolio = next(p.parent for p in out.rglob("pqs.yaml"))

server = subprocess.Popen([pqs, "serve", str(portfolio), "--port", "0", "--today", "2026-11-22"],
                          stdout=subprocess.PIPE, text=True)
try:
    address = None
    while address is None:
        line = server.stdout.readline()
        if not line:
            sys.exit("pqs serve stopped before printing its address")
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+)", line)
        if found:
            address = found
    port, token = int(address.group(1)), address.group(2)
    cookie = f"pqs-serve-{port}={token}"
    origin = f"http://127.0.0.1:{port}"
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.connect()
    # As a browser does: no wait to join small writes (Nagle's algorithm), which would add the
    # other side's delayed acknowledgement, about 40 ms, to a request sent in two writes.
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def ask(method, path, body=None):
        headers = {"Cookie": cookie, "Host": f"127.0.0.1:{port}"}
        if body is not None:
            headers["Origin"] = origin
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.read().decode()

    # The first look at the dashboard checks the whole portfolio.
    started = time.perf_counter()
    status, page = ask("GET", "/")
    dashboard_ms = (time.perf_counter() - started) * 1000
    # The longest record: the most text to check and preview at each keystroke.
    longest = max((portfolio / "evidence").rglob("*.md"), key=lambda p: p.stat().st_size)
    file = urllib.parse.quote(longest.relative_to(portfolio).as_posix())
    started = time.perf_counter()
    status, page = ask("GET", f"/edit/{file}")
    edit_ms = (time.perf_counter() - started) * 1000
    assert status == 200, page
    value = lambda name: re.search(f'name="{name}" value="([^"]*)"', page).group(1)
    base = urllib.parse.unquote(value("base"))
    body = re.search(r'<textarea id="body" name="body"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
    title = value("title")
    times = []
    typed = ""
    for n in range(keystrokes):
        letters = "abcdefghij klmnopqrst uvwxyz. "
        typed += letters[n % len(letters)]
        form = urllib.parse.urlencode([("base", base), ("fields", "1"), ("title", title),
                                       ("body", body + "\n" + typed + "\n")])
        started = time.perf_counter()
        status, answer = ask("POST", f"/check/{file}", form)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, answer
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"record: {file} ({longest.stat().st_size} bytes, {keystrokes} characters typed at its end)")
    print(f"first dashboard (checks the whole portfolio): {dashboard_ms:.1f} ms")
    print(f"edit page: {edit_ms:.1f} ms")
    print(f"keystrokes: {keystrokes}; median {statistics.median(times):.2f} ms, "
          f"95th percentile {p95:.2f} ms, worst {times[-1]:.2f} ms")
finally:
    server.terminate()
    server.wait()
