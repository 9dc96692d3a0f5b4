// Validates GitLab Code Quality reports against gitlab-codequality.schema.json (beside this file,
// written from GitLab's documentation of the format), with ajv (draft-07, in its default strict
// mode); and checks the two rules a schema cannot say: no two issues of a report share a
// fingerprint (GitLab shows them as one), and the file does not start with a byte order mark
// (GitLab's parser refuses it).
//
// Usage: node validate-gitlab.mjs FILE.json...
import { readFileSync } from "node:fs";
import Ajv from "ajv";

const schemaPath = new URL("./gitlab-codequality.schema.json", import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile(schema);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate-gitlab.mjs FILE.json...");
  process.exit(2);
}
let passed = 0;
let failed = 0;
for (const file of files) {
  const bytes = readFileSync(file);
  const problems = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    problems.push("the file starts with a byte order mark, which GitLab refuses");
  }
  const report = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  if (!validate(report)) {
    problems.push(...validate.errors.map((e) => `${e.instancePath} ${e.message}`));
  }
  const seen = new Map();
  for (const [i, issue] of (Array.isArray(report) ? report : []).entries()) {
    if (seen.has(issue.fingerprint)) {
      problems.push(`issues ${seen.get(issue.fingerprint)} and ${i} share the fingerprint ${issue.fingerprint}`);
    }
    seen.set(issue.fingerprint, i);
  }
  if (problems.length === 0) {
    passed += 1;
    console.log(`ok - ${file}: a valid GitLab Code Quality report, ${report.length} issues`);
  } else {
    failed += 1;
    console.log(`not ok - ${file}\n  ${problems.join("\n  ")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
