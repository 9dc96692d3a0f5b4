// Validates SARIF files against the SARIF 2.1.0 JSON Schema, as Microsoft's SARIF SDK ships it
// in the npm package @microsoft/jest-sarif, with ajv (draft-04, formats checked); and checks
// GitHub code scanning's own rule that every result has a file (GitHub refuses a whole upload
// otherwise).
//
// Usage: node validate-sarif.mjs FILE.sarif...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
// The schema's pattern for `language` has a stray `]`, which only a regular expression without
// the `u` flag reads (as a plain character); its other keywords ajv's strict mode would question.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate-sarif.mjs FILE.sarif...");
  process.exit(2);
}
let passed = 0;
let failed = 0;
for (const file of files) {
  const log = JSON.parse(readFileSync(file, "utf8"));
  const problems = validate(log) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
  for (const [i, result] of (log.runs ?? []).flatMap((run) => run.results ?? []).entries()) {
    if (!result.locations?.[0]?.physicalLocation?.artifactLocation?.uri) {
      problems.push(`result ${i} (${result.ruleId}) has no file, which GitHub refuses`);
    }
  }
  const results = (log.runs ?? []).reduce((n, run) => n + (run.results?.length ?? 0), 0);
  if (problems.length === 0) {
    passed += 1;
    console.log(`ok - ${file}: valid SARIF 2.1.0, ${results} results`);
  } else {
    failed += 1;
    console.log(`not ok - ${file}\n  ${problems.join("\n  ")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
