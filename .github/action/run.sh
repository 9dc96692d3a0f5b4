#!/usr/bin/env bash
# The logic of pqs's GitHub Action (action.yml): install the pqs release for this runner, check
# its archive against the SHA-256 published beside it, put pqs on the PATH of later steps, and run
# `pqs check`. Runs in bash on Linux, macOS and Windows (Git Bash) runners.
#
# Read from the environment (action.yml sets them from its inputs; GitHub sets the rest):
#   PQS_VERSION       the release, such as 0.1.0
#   PQS_PATH          what to check (default: .)
#   PQS_FORMAT        github (annotations, the default), sarif, gitlab, junit or json
#   PQS_ARGS          more arguments for `pqs check`, separated by spaces
#   PQS_RELEASES_URL  where the releases are: PQS_RELEASES_URL/vVERSION/ARCHIVE; https, or http
#                     only to this machine (127.0.0.1 or localhost), which pqs's own CI uses
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT
# Exit status: pqs's own (0 passed, 1 findings that fail the check, 2 could not check), or 2 when
# pqs could not be installed.
set -euo pipefail

fail() {
  echo "::error title=pqs could not be installed::$*"
  exit 2
}

version=${PQS_VERSION:-}
[ -n "$version" ] || fail "the pqs version is needed (the version input)"
version=${version#v}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || fail "\`$version\` is not a pqs version, such as 0.1.0"
format=${PQS_FORMAT:-github}
case "$format" in
  github) extension= ;;
  sarif | gitlab | junit | json) extension=$format ;;
  *) fail "\`$format\` is not a report format pqs's action knows: github, sarif, gitlab, junit or json" ;;
esac
base=${PQS_RELEASES_URL:-https://github.com/pqs-tool/pqs/releases/download}
base=${base%/}
case "$base" in
  https://* | http://127.0.0.1[:/]* | http://localhost[:/]*) ;;
  *) fail "the download address must start with https:// (it is \`$base\`)" ;;
esac

# The release archive built for this runner.
case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64)
    target=x86_64-unknown-linux-gnu
    # A container without glibc (Alpine) takes the static build.
    if [ -e /lib/ld-musl-x86_64.so.1 ]; then target=x86_64-unknown-linux-musl; fi
    ;;
  Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  # Windows on Arm runs the x64 build.
  Windows/X64 | Windows/ARM64) target=x86_64-pc-windows-msvc ;;
  *) fail "pqs has no release for a ${RUNNER_OS:-unknown} runner on ${RUNNER_ARCH:-unknown}" ;;
esac
case "$target" in
  *windows*) archive=pqs-$target.zip program=pqs.exe ;;
  *) archive=pqs-$target.tar.xz program=pqs ;;
esac

work=${RUNNER_TEMP:?RUNNER_TEMP is not set}/pqs-$version
rm -rf "$work"
mkdir -p "$work/bin"
url=$base/v$version/$archive
download() { # URL FILE
  curl --fail --silent --show-error --location --retry 3 --output "$2" "$1" ||
    fail "could not download $1"
}
download "$url" "$work/$archive"
download "$url.sha256" "$work/$archive.sha256"

expected=$(tr -d '\r' <"$work/$archive.sha256" | awk 'NR == 1 { print tolower($1) }')
[[ $expected =~ ^[0-9a-f]{64}$ ]] || fail "$url.sha256 holds no SHA-256"
if command -v sha256sum >/dev/null 2>&1; then
  actual=$(sha256sum "$work/$archive" | awk '{ print $1 }')
else
  actual=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
fi
[ "$actual" = "$expected" ] ||
  fail "$archive is not the file that was released: its SHA-256 is $actual, the release says $expected"

case "$archive" in
  *.zip)
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$work/$archive" -d "$work/unpacked"
    else
      ARCHIVE="$work/$archive" UNPACKED="$work/unpacked" \
        pwsh -NoProfile -Command 'Expand-Archive -LiteralPath $env:ARCHIVE -DestinationPath $env:UNPACKED'
    fi
    ;;
  *) mkdir -p "$work/unpacked" && tar -xJf "$work/$archive" -C "$work/unpacked" ;;
esac
found=$(find "$work/unpacked" -type f -name "$program" | head -n 1)
[ -n "$found" ] || fail "$archive holds no $program"
mv "$found" "$work/bin/$program"
chmod +x "$work/bin/$program"
pqs=$work/bin/$program
if [ -n "${GITHUB_PATH:-}" ]; then echo "$work/bin" >>"$GITHUB_PATH"; fi
echo "Installed $("$pqs" --version) from $url"

# The check.
read -r -a extra <<<"${PQS_ARGS:-}"
report=
if [ -n "$extension" ]; then report=$work/report.$extension; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "pqs=$pqs"
    echo "report=$report"
  } >>"$GITHUB_OUTPUT"
fi
# (The `+` form, since macOS's bash 3.2 calls an empty array unset.)
arguments=(check "${PQS_PATH:-.}" --format "$format" ${extra[@]+"${extra[@]}"})
if [ -n "$report" ]; then arguments+=(--output "$report"); fi
status=0
"$pqs" "${arguments[@]}" || status=$?
exit "$status"
