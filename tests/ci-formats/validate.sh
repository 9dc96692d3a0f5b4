#!/usr/bin/env bash
# Validates what pqs writes for CI with the schemas and tools of the programs that read it. None
# of them is copied into this repository: each comes from a package registry.
# - SARIF: the SARIF 2.1.0 JSON Schema from the npm package @microsoft/jest-sarif, with ajv
#   (validate-sarif.mjs), installed from package-lock.json.
# - GitLab Code Quality: no registry publishes a schema of it, so gitlab-codequality.schema.json
#   beside this script describes it, written from GitLab's documentation; with ajv
#   (validate-gitlab.mjs), which also checks that fingerprints are unique.
# - JUnit XML: the JUnit schema junit-10.xsd, which pytest's source distribution on PyPI carries
#   (testing/example_scripts/), with xmllint (Debian's libxml2-utils).
# - .pre-commit-hooks.yaml: pre-commit's own `pre-commit validate-manifest`, pinned in
#   requirements.txt.
# The reports are those of the bundled examples, the `bad` fixture, a portfolio made here whose
# names and text are full of characters that need escaping, and a cohort made here in which one
# portfolio cannot be checked.
#
# Usage, from the repository's root: tests/ci-formats/validate.sh PQS_BINARY OUTPUT_FOLDER
set -euo pipefail
pqs=$(realpath "$1")
out=$(realpath -m "$2")
here=tests/ci-formats
pytest_version=8.4.2
mkdir -p "$out"

(cd "$here" && npm ci --no-audit --no-fund)
python3 -m venv "$out/venv"
"$out/venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
"$out/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
  "pytest==$pytest_version" -d "$out/pytest"
tar -xzf "$out/pytest/pytest-$pytest_version.tar.gz" -C "$out/pytest" \
  "pytest-$pytest_version/testing/example_scripts/junit-10.xsd"
xsd="$out/pytest/pytest-$pytest_version/testing/example_scripts/junit-10.xsd"

# A portfolio whose folder, record name and an unknown field hold `,` `:` `%` `<&>` quotes, a
# line break and a control character.
odd="$out/odd/cohort 2026, group: A"
mkdir -p "$odd/evidence"
printf 'candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n' >"$odd/pqs.yaml"
printf -- '---\ntitle: A note\ntype: other\ndate: 2026-02-01\n"50%%,\\r\\nnext: <&> \\x01": 1\n---\nText.\n' \
  >"$odd/evidence/odd, name: 100% <&> \"quoted\".md"

reports="$out/reports"
rm -rf "$reports"
mkdir -p "$reports"
report() { # FOLDER PORTFOLIO NAME: the SARIF, JUnit and GitLab reports of PORTFOLIO, run from FOLDER
  for format in sarif junit gitlab; do
    # Exit status 1 (the portfolio has errors) still writes the report; 2 does not.
    (cd "$1" && "$pqs" check "$2" --format "$format" --output "$reports/$3.$format" --today 2026-11-22 >/dev/null) ||
      [ $? -eq 1 ]
  done
}
for portfolio in examples/sample-portfolio examples/in-progress tests/fixtures/bad; do
  report . "$portfolio" "$(basename "$portfolio")"
done
report "$out/odd" "$(basename "$odd")" odd
# The examples folder as a cohort: both examples in one report.
report . examples cohort
# A cohort in which one portfolio cannot be checked (its pqs.yaml is a list): the run ends with
# exit status 2, and its reports name that portfolio beside the findings of the other.
broken="$out/broken-cohort"
rm -rf "$broken"
mkdir -p "$broken/unreadable"
cp -r examples/in-progress "$broken/in-progress"
printf -- '- not: a mapping\n' >"$broken/unreadable/pqs.yaml"
for format in sarif junit gitlab; do
  status=0
  "$pqs" check "$broken" --format "$format" --output "$reports/broken-cohort.$format" \
    --today 2026-11-22 >/dev/null || status=$?
  [ "$status" -eq 2 ] || { echo "not ok - the broken cohort's $format run ended with $status"; exit 1; }
done

node "$here/validate-sarif.mjs" "$reports"/*.sarif
node "$here/validate-gitlab.mjs" "$reports"/*.gitlab
xmllint --noout --schema "$xsd" "$reports"/*.junit
"$out/venv/bin/pre-commit" validate-manifest .pre-commit-hooks.yaml
echo "ok - .pre-commit-hooks.yaml is a valid pre-commit manifest"
# Any failure above has stopped the script, so every report and the manifest passed.
reports_checked=$(find "$reports" -name '*.sarif' -o -name '*.junit' -o -name '*.gitlab' | wc -l)
echo "ci-formats: $((reports_checked + 1)) passed, 0 failed"
