#!/usr/bin/env bash
# What can be proved here of how pqs reaches its users (.ci/run runs it):
# 1. Every workflow and action pqs ships or writes passes zizmor (offline) and check-jsonschema
#    with the GitHub and GitLab schemas it carries; the Dockerfile passes hadolint.
# 2. dist: `dist plan`, `dist generate --check` (release.yml is what dist-workspace.toml says),
#    and `dist build` of this machine's archive and the installers.
# 3. From a server on 127.0.0.1 laid out like GitHub's releases: the shell installer installs
#    the archive into a temporary folder, and that pqs checks the sample portfolio; the action's
#    script (.github/action/run.sh) installs and checks the sample (passes), the broken fixture
#    (fails, with annotations) and refuses an archive whose SHA-256 is not the release's; the
#    GitLab job's own lines install and check the sample.
# 4. The wheel (pypi/pyproject.toml) is built, and pre-commit's `pqs-check` hook, installed from
#    it with no index and no Rust, passes on the sample and fails on the broken fixture.
# Tools come from PyPI (tests/release/requirements.txt) and crates.io (dist, the version that
# dist-workspace.toml names); nothing is downloaded from anywhere else, and nothing is published.
#
# Usage, from the repository's root: tests/release/run.sh PQS_BINARY OUTPUT_FOLDER
set -euo pipefail
pqs=$(realpath "$1")
out=$(realpath -m "$2")
repo=$(pwd)
here=tests/release
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
rm -rf "$out"
mkdir -p "$out"
say() { printf '\n== %s\n' "$*"; }
fails() { # WHAT: the command after it must fail
  local what=$1
  shift
  if "$@"; then
    echo "expected to fail: $what" >&2
    exit 1
  fi
}

python3 -m venv "$out/venv"
"$out/venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
PATH="$out/venv/bin:$PATH"

dist_version=$(sed -n 's/^cargo-dist-version = "\(.*\)"$/\1/p' dist-workspace.toml)
if [ "$(dist --version 2>/dev/null)" != "cargo-dist $dist_version" ]; then
  # A debug build: dist only drives cargo, and builds in half the time.
  cargo install --locked --debug cargo-dist --version "$dist_version"
fi

say "The workflows and the action: zizmor and the schemas"
"$pqs" init "$out/init-github" --candidate A --mentor B --started 2026-01-12 --ci github >/dev/null
"$pqs" init "$out/init-gitlab" --candidate A --mentor B --started 2026-01-12 --ci gitlab >/dev/null
github_workflows=(.github/workflows/*.yml examples/ci/github-workflow.yml "$out/init-github/.github/workflows/pqs.yml")
gitlab_jobs=(examples/ci/gitlab-ci.yml "$out/init-gitlab/.gitlab-ci.yml")
zizmor --offline --config .github/zizmor.yml "${github_workflows[@]}" action.yml
check-jsonschema --builtin-schema vendor.github-workflows "${github_workflows[@]}"
check-jsonschema --builtin-schema vendor.github-actions action.yml
check-jsonschema --builtin-schema vendor.gitlab-ci "${gitlab_jobs[@]}"
hadolint Dockerfile

# The release builds (the `dist` profile: full optimisation, LTO) take many minutes on CI's two
# cores, and what is proved here is the packaging, installing and running of the program, not
# its speed: here, dist and maturin build the same program with the profile's optimisation
# turned off. The release workflow builds as Cargo.toml says.
export CARGO_PROFILE_DIST_LTO=false CARGO_PROFILE_DIST_OPT_LEVEL=0 CARGO_PROFILE_DIST_CODEGEN_UNITS=256

say "dist: plan, generate --check, build for this machine"
dist plan
dist generate --check
dist build --artifacts=host
dist build --artifacts=global
host=$(rustc -vV | sed -n 's/^host: //p')
ls -l target/distrib

say "A server on 127.0.0.1 with the release"
releases=$out/server/pqs-tool/pqs/releases/download
mkdir -p "$releases/v$version"
find target/distrib -maxdepth 1 -type f -exec cp {} "$releases/v$version/" \;
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$out/server" "$port" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl --silent --output /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
base=http://127.0.0.1:$port

say "The shell installer"
PQS_INSTALLER_GITHUB_BASE_URL=$base PQS_INSTALL_DIR=$out/installed PQS_NO_MODIFY_PATH=1 \
  sh target/distrib/pqs-installer.sh
installed=$(find "$out/installed" -type f -name pqs | head -n 1)
[ -n "$installed" ] || { echo "the installer installed no pqs" >&2; exit 1; }
"$installed" --version
"$installed" check examples/sample-portfolio --complete

say "The action's script"
action() { # FOLDER: run .github/action/run.sh as a Linux x64 runner would, in FOLDER
  mkdir -p "$1/temp"
  : >"$1/path"
  : >"$1/output"
  (cd "$repo" && RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$1/temp" GITHUB_PATH="$1/path" \
    GITHUB_OUTPUT="$1/output" PQS_VERSION=$version PQS_RELEASES_URL=$base/pqs-tool/pqs/releases/download \
    PQS_PATH="$PQS_PATH" PQS_FORMAT="${PQS_FORMAT:-github}" PQS_ARGS="${PQS_ARGS:-}" \
    bash .github/action/run.sh >"$1/stdout")
}
PQS_PATH=examples/sample-portfolio PQS_ARGS="--complete --deny warnings" action "$out/action-sample"
cat "$out/action-sample/stdout"
grep -qx "$out/action-sample/temp/pqs-$version/bin" "$out/action-sample/path"
grep -qx "pqs=$out/action-sample/temp/pqs-$version/bin/pqs" "$out/action-sample/output"
status=0
PQS_PATH=tests/fixtures/bad action "$out/action-broken" || status=$?
cat "$out/action-broken/stdout"
[ "$status" -eq 1 ] || { echo "the broken fixture gave exit status $status, not 1" >&2; exit 1; }
grep -q '^::error file=tests/fixtures/bad/evidence/' "$out/action-broken/stdout"
PQS_PATH=tests/fixtures/bad PQS_FORMAT=sarif action "$out/action-sarif" || status=$?
report=$(sed -n 's/^report=//p' "$out/action-sarif/output")
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["runs"][0]["results"]' "$report"
# An archive that is not the one released is refused, and nothing runs.
tampered=$out/server/tampered/v$version
mkdir -p "$tampered"
cp "$releases/v$version/"* "$tampered/"
printf 'x' >>"$tampered/pqs-$host.tar.xz"
mkdir -p "$out/action-tampered/temp"
status=0
(RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$out/action-tampered/temp" PQS_VERSION=$version \
  PQS_RELEASES_URL=$base/tampered PQS_PATH=examples/sample-portfolio \
  bash .github/action/run.sh >"$out/action-tampered/stdout") || status=$?
cat "$out/action-tampered/stdout"
[ "$status" -eq 2 ] || { echo "a tampered archive gave exit status $status, not 2" >&2; exit 1; }
grep -q "is not the file that was released" "$out/action-tampered/stdout"
[ ! -e "$out/action-tampered/temp/pqs-$version/bin/pqs" ]

say "The GitLab job's lines"
# Its before_script and script, as GitLab runs them in one shell, from this folder (the job's
# image would be a fresh Debian; its `apt-get` line is left out here, where the tools are).
python3 - "$out/init-gitlab/.gitlab-ci.yml" >"$out/gitlab-job.sh" <<'PY'
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))["pqs-check"]
print("set -e")
for name, value in job["variables"].items():
    print(f"export {name}={value!r}")
print(f'export PQS_RELEASES_URL="$RELEASES"')
print(f'export PQS_PATH="$PORTFOLIO"')
for line in job["before_script"] + job["script"]:
    if not line.startswith("apt-get"):
        print(line)
PY
mkdir -p "$out/gitlab"
(cd "$out/gitlab" && RELEASES=$base/pqs-tool/pqs/releases/download PORTFOLIO=$repo/examples/sample-portfolio \
  bash "$out/gitlab-job.sh")
# The sample's one finding: the note that its sign-offs are typed names, not signed with keys.
python3 -c 'import json, sys; found = [i["check_name"] for i in json.load(open(sys.argv[1]))]; assert found == ["signoff-unsigned"], found' "$out/gitlab/gl-code-quality-report.json"
xmllint --noout "$out/gitlab/pqs-junit.xml"

say "The wheel, and pre-commit's hook from it"
(cd pypi && maturin build --target "$host" --out "$out/wheels") # the target dist built for, to reuse its build
ls -l "$out/wheels"
# The hook's package needs setuptools to be built; with it beside the wheel, pip needs no index.
pip download --quiet --disable-pip-version-check --no-deps --only-binary :all: -d "$out/wheels" 'setuptools>=77'
hook() { # PORTFOLIO: pre-commit try-repo of this repository's pqs-check hook, on a git copy of PORTFOLIO
  local copy
  copy=$out/hook-$(basename "$1")
  rm -rf "$copy"
  cp -r "$1" "$copy"
  git -C "$copy" init --quiet
  git -C "$copy" add .
  (cd "$copy" && PIP_NO_INDEX=1 PIP_FIND_LINKS="$out/wheels" PRE_COMMIT_HOME="$out/pre-commit" \
    pre-commit try-repo "$repo" pqs-check --all-files)
}
hook examples/sample-portfolio
fails "the hook on the broken fixture" hook tests/fixtures/bad
echo "tests/release/run.sh: every check passed"
