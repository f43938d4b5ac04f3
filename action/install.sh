#!/usr/bin/env bash
# Step 1 of action.yml: find the citelint binary to run, without compiling when possible.
#
# - With the `version` input, or when the action is used at a release tag (vX.Y.Z), it
#   downloads that release's archive for this runner, checks it against the release's
#   SHA-256 sum, and unpacks it: seconds, no Rust toolchain.
# - From any other ref (a branch, a commit, `uses: ./`) there is no release to match, so it
#   prints a cache key computed from the action's own sources; the next steps restore the
#   build from the cache or run `cargo install`, and save it.
#
# Reads: CITELINT_VERSION (input), ACTION_REF, ACTION_REPOSITORY, GITHUB_ACTION_PATH,
# GITHUB_SERVER_URL, RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_OUTPUT, and
# CITELINT_RELEASES_URL (where releases are; default GitHub's, a file:// URL in tests).
# Writes to GITHUB_OUTPUT: mode (download or build), version, bin, key.
set -euo pipefail

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}
output() { echo "$1=$2" >>"$GITHUB_OUTPUT"; }
fail() { echo "::error title=citelint::$1"; exit 1; }

case "${RUNNER_OS:-Linux}-${RUNNER_ARCH:-X64}" in
  Linux-X64) target=x86_64-unknown-linux-musl ;;
  Linux-ARM64) target=aarch64-unknown-linux-musl ;;
  macOS-X64) target=x86_64-apple-darwin ;;
  macOS-ARM64) target=aarch64-apple-darwin ;;
  Windows-X64) target=x86_64-pc-windows-msvc ;;
  *) target="" ;;
esac
exe=""
if [ "${RUNNER_OS:-}" = Windows ]; then exe=".exe"; fi
root="$RUNNER_TEMP/citelint-bin"

version="${CITELINT_VERSION:-}"
if [ -z "$version" ] && [[ "${ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+].*)?$ ]]; then
  version="$ACTION_REF"
fi
if [ -n "$version" ] && [ "${version#v}" = "$version" ]; then version="v$version"; fi

if [ -z "$version" ]; then
  # An untagged ref: build from the action's sources, cached by what they hold.
  cd "$GITHUB_ACTION_PATH"
  sum="$( { sha256 Cargo.lock Cargo.toml; find src rules -type f | LC_ALL=C sort | while read -r f; do sha256 "$f"; done; } | sha256 | cut -c1-32)"
  output mode build
  output version ""
  output bin "$root/bin/citelint$exe"
  output key "citelint-build-${RUNNER_OS:-Linux}-${RUNNER_ARCH:-X64}-$sum"
  echo "citelint: ${ACTION_REF:-this checkout} is not a release tag; building from source (cached)"
  exit 0
fi

[ -n "$target" ] || fail "no citelint release binary for ${RUNNER_OS:-?} ${RUNNER_ARCH:-?}; use the action from a branch to build from source"
case "$target" in
  *windows*) archive="citelint-$target.zip" ;;
  *) archive="citelint-$target.tar.gz" ;;
esac
repository="${ACTION_REPOSITORY:-citelint/citelint}"
base="${CITELINT_RELEASES_URL:-${GITHUB_SERVER_URL:-https://github.com}/$repository/releases/download}"
url="$base/$version/$archive"
download="$(mktemp -d)"
fetch() { curl --fail --location --silent --show-error --retry 3 --output "$2" "$1"; }
fetch "$url" "$download/$archive" || fail "could not download $url"
fetch "$url.sha256" "$download/$archive.sha256" || fail "could not download $url.sha256"

expected="$(cut -d' ' -f1 "$download/$archive.sha256")"
actual="$(sha256 "$download/$archive" | cut -d' ' -f1)"
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
  fail "checksum mismatch for $archive: the release says ${expected:-nothing}, the download is $actual"
fi

mkdir -p "$root/bin"
case "$archive" in
  *.zip) (cd "$download" && { unzip -q "$archive" || 7z x -bd "$archive" >/dev/null; }) ;;
  *) tar -xzf "$download/$archive" -C "$download" ;;
esac
cp "$download/citelint-$target/citelint$exe" "$root/bin/citelint$exe"
chmod +x "$root/bin/citelint$exe"
rm -rf "$download"

output mode download
output version "$version"
output bin "$root/bin/citelint$exe"
output key ""
echo "citelint: $version for $target, SHA-256 $actual"
