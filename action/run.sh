#!/usr/bin/env bash
# The last step of action.yml: run citelint on the inputs and set the action's outputs.
#
# - On a pull request (GITHUB_BASE_REF set) the log shows the findings on the lines the pull
#   request changed, unless `changed-since` says otherwise ("none": everything).
# - The SARIF file is for code scanning, which needs the whole analysis on the default branch:
#   every finding on a push, the pull request's lines on a pull request, whatever
#   `changed-since` says.
# - Outputs (GITHUB_OUTPUT): exit-code, errors, warnings, infos, files (what the log shows)
#   and sarif (the file's path, empty when none was written), written before the step
#   exits, whatever citelint found.
#
# Reads: CITELINT_BIN and the inputs as CITELINT_PATHS, CITELINT_FORMAT,
# CITELINT_CHANGED_SINCE, CITELINT_FAIL_ON, CITELINT_SARIF, CITELINT_CONFIG,
# CITELINT_FORCE_EXCLUDE, CITELINT_ARGS; GITHUB_BASE_REF, GITHUB_SHA, GITHUB_OUTPUT,
# RUNNER_TEMP.
set -euo pipefail

citelint="${CITELINT_BIN:?CITELINT_BIN names the citelint binary}"
read -r -a paths <<<"${CITELINT_PATHS:-.}"
read -r -a extra <<<"${CITELINT_ARGS:-}"
output() { echo "$1=$2" >>"$GITHUB_OUTPUT"; }

common=()
if [ -n "${CITELINT_CONFIG:-}" ]; then common+=(--config "$CITELINT_CONFIG"); fi
case "${CITELINT_FORCE_EXCLUDE:-false}" in
  true) common+=(--force-exclude) ;;
  false | "") ;;
  *) echo "::error title=citelint::force-exclude must be true or false, not '$CITELINT_FORCE_EXCLUDE'"; exit 2 ;;
esac

base_ref="${GITHUB_BASE_REF:-}"
pr_base=""
if [ -n "$base_ref" ]; then
  # A pull request. citelint compares with the merge base (git's BASE...HEAD). A pull_request
  # checkout is GitHub's merge commit, whose first parent is the base branch: one more
  # commit of history is enough. A checkout of the branch itself needs the base's history.
  if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ] && [ -n "${GITHUB_SHA:-}" ]; then
    git fetch --no-tags --quiet --deepen=1 origin "$GITHUB_SHA" >/dev/null 2>&1 || true
  fi
  if git rev-parse --quiet --verify "HEAD^2" >/dev/null 2>&1; then
    pr_base="HEAD^1"
  else
    git fetch --no-tags --quiet --deepen=200 origin "$base_ref" >/dev/null 2>&1 || true
    pr_base="origin/$base_ref"
  fi
fi
# The log: the `changed-since` input, else the pull request's lines ("none": everything).
changed="${CITELINT_CHANGED_SINCE:-$pr_base}"
changed_log=()
if [ -n "$changed" ] && [ "$changed" != none ]; then changed_log=(--changed-since "$changed"); fi
# The SARIF file: the pull request's lines on a pull request, everything on a push.
changed_sarif=()
if [ -n "$pr_base" ]; then changed_sarif=(--changed-since "$pr_base"); fi

case "${CITELINT_FAIL_ON:-error}" in
  error) fail=() ;;
  warning) fail=(--deny-warnings) ;;
  never) fail=(--exit-zero) ;;
  *) echo "::error title=citelint::fail-on must be error, warning or never, not '$CITELINT_FAIL_ON'"; exit 2 ;;
esac

# "${a[@]}" of an empty array is an error under `set -u` in bash before 4.4 (macOS's 3.2).
run() { "$citelint" check ${common[@]+"${common[@]}"} "$@"; }

status=0
finish() {
  output exit-code "$status"
  # The path only when the file is there: an upload step can test the output.
  if [ -n "${CITELINT_SARIF:-}" ] && [ -f "$CITELINT_SARIF" ]; then
    output sarif "$CITELINT_SARIF"
  else
    output sarif ""
  fi
  exit "$status"
}

if [ -n "${CITELINT_SARIF:-}" ]; then
  run ${changed_sarif[@]+"${changed_sarif[@]}"} --format sarif --output "$CITELINT_SARIF" --exit-zero \
    ${extra[@]+"${extra[@]}"} -- "${paths[@]}" || status=$?
fi

# The counts, from the JSON summary of the same findings the log shows.
summary="${RUNNER_TEMP:-/tmp}/citelint-summary.json"
if [ "$status" -eq 0 ]; then
  run ${changed_log[@]+"${changed_log[@]}"} --format json --output "$summary" --exit-zero \
    ${extra[@]+"${extra[@]}"} -- "${paths[@]}" || status=$?
fi
for key in files errors warnings infos; do
  n=""
  if [ "$status" -eq 0 ]; then
    n="$(sed -n '/^  "summary": {/,/^  }/p' "$summary" | sed -n "s/^ *\"$key\": \([0-9]*\).*/\1/p")"
  fi
  output "$key" "${n:-0}"
done
# The run could not happen (exit status 2: a bad option, configuration or registry); its
# message is above.
if [ "$status" -ne 0 ]; then finish; fi

run ${changed_log[@]+"${changed_log[@]}"} --format "${CITELINT_FORMAT:-github}" ${fail[@]+"${fail[@]}"} \
  ${extra[@]+"${extra[@]}"} -- "${paths[@]}" || status=$?
finish
