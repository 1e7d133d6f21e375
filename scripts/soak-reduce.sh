#!/usr/bin/env bash
# 1,000,000 random AppActions through reduce and render at random sizes
# (release build). Prints the time taken; fails if any invariant breaks.
#   scripts/soak-reduce.sh [ACTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
export BATON_SOAK_ACTIONS=${1:-1000000}
start=$(date +%s)
swift test -c release --filter ActionSoakTests
echo "soak: $BATON_SOAK_ACTIONS actions in $(( $(date +%s) - start )) s (including the release build)"
