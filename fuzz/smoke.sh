#!/usr/bin/env bash
# A short run of every fuzz target (default 60 s each), seeded from fixtures/ and the kept
# regressions. Needs cargo-fuzz and a nightly toolchain; without them it says so and exits 0,
# so `.ci/run` can call it everywhere.
#
#   fuzz/smoke.sh            # 60 s per target
#   FUZZ_SECONDS=600 fuzz/smoke.sh
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-60}"
targets=(check_document registry config front_matter fix)

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz smoke run skipped: no nightly toolchain (rustup toolchain install nightly)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz smoke run skipped: cargo-fuzz is not installed (cargo install cargo-fuzz)"
  exit 0
fi

for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "regressions/$target"
  echo "== fuzz $target for ${seconds}s"
  # New inputs go to corpus/$target; fixtures/ and the regressions are read-only seeds.
  cargo +nightly fuzz run "$target" "corpus/$target" "regressions/$target" ../fixtures -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=20
done
