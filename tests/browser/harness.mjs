// What the browser tests share: their arguments, axe-core's source to inject, and the lines they
// report each check on ("ok - ..." or "FAILED - ...: why"), with the totals and the exit status.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/// The repository's root.
export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/// axe-core, to evaluate in a page.
export const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/// The pqs binary and the output folder given to the test `name` (made if missing); without
/// them, how to run it, and exit 2.
export function args(name) {
  const [pqs, out] = process.argv.slice(2);
  if (!pqs || !out) {
    console.error(`usage: node ${name} PQS_BINARY OUTPUT_FOLDER`);
    process.exit(2);
  }
  mkdirSync(resolve(out), { recursive: true });
  return { pqs: resolve(pqs), out: resolve(out) };
}

const counts = { passed: 0, failed: 0 };

/// Report one check.
export function check(name, ok, detail = "") {
  if (ok) {
    counts.passed += 1;
    console.log(`ok - ${name}`);
  } else {
    counts.failed += 1;
    console.log(`FAILED - ${name}${detail ? `: ${detail}` : ""}`);
  }
}

/// How many checks failed so far.
export const failures = () => counts.failed;

/// Print the totals under `label` and exit: 0 when every check passed.
export function finish(label) {
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed === 0 ? 0 : 1);
}
