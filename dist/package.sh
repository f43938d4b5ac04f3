#!/usr/bin/env bash
# Builds citelint for one target and packs it as a release ships it:
#   dist/out/citelint-TARGET.tar.gz (.zip for Windows), holding citelint-TARGET/ with the
#   binary, README.md, CHANGELOG.md and both licences, and beside it ARCHIVE.sha256
#   ("<sha256>  <archive name>", what `sha256sum -c` reads).
# .github/workflows/release.yml runs it for every target; `cargo binstall` and action.yml
# download what it makes, so the names here are the names they expect.
#
# Usage: dist/package.sh TARGET [OUT_DIR]
#   CITELINT_SKIP_BUILD=1  pack target/TARGET/release/citelint as it is.
# Linux binaries are linked statically (musl; for a local dry run, glibc with crt-static),
# and Windows ones with the static C runtime, so they run with no library installed.
set -euo pipefail

target="${1:?usage: dist/package.sh TARGET [OUT_DIR]}"
cd "$(dirname "$0")/.."
out="${2:-dist/out}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

ext=""
case "$target" in
  *-linux-*) export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" ;;
  *-windows-msvc) export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static"; ext=".exe" ;;
  *-apple-darwin) ;;
  *) echo "dist/package.sh: no packaging rule for target '$target'" >&2; exit 2 ;;
esac

if [ -z "${CITELINT_SKIP_BUILD:-}" ]; then
  cargo build --release --locked --target "$target"
fi
binary="target/$target/release/citelint$ext"
if [ ! -f "$binary" ]; then
  echo "dist/package.sh: $binary was not built" >&2
  exit 1
fi

name="citelint-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$binary" README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"

case "$target" in
  *-windows-msvc)
    archive="$name.zip"
    rm -f "$out/$archive"
    if command -v 7z >/dev/null 2>&1; then
      (cd "$stage" && 7z a -tzip -bd "$out/$archive" "$name" >/dev/null)
    else
      (cd "$stage" && zip -qr "$out/$archive" "$name")
    fi
    ;;
  *)
    archive="$name.tar.gz"
    # Owner and order fixed, so two builds of one binary pack to the same bytes.
    tar -C "$stage" --owner=0 --group=0 --numeric-owner --sort=name -czf "$out/$archive" "$name" 2>/dev/null \
      || tar -C "$stage" -czf "$out/$archive" "$name" # BSD tar on macOS lacks --sort
    ;;
esac

if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out" && sha256sum "$archive" >"$archive.sha256")
else
  (cd "$out" && shasum -a 256 "$archive" >"$archive.sha256")
fi
echo "$out/$archive"
cat "$out/$archive.sha256"
