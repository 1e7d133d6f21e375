#!/usr/bin/env bash
# The explorer's rate on the Raft election (issue 19), one job, release build:
# the models docs/EXPLORER.md sets beside Spin. Prints baton explore's last
# line for each (states, transitions, time, states per second, memory).
# Usage: scripts/explore-bench.sh [MAX_STATES]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
max=${1:-1000000}
swift build -c release --product baton >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'cluster raft nodes=3 seed=1 term-limit=1\n' > "$dir/t1.baton"
printf 'cluster raft nodes=3 seed=1 term-limit=2\n' > "$dir/t2.baton"
run() {
    echo "== $1"
    shift
    # The summary is the last line on stderr (progress lines come before it).
    .build/release/baton explore "$@" 2>&1 >/dev/null | tr "\r" "\n" | tail -n 1
}
run "terms <= 1, one loss, no symmetry (Spin: 29,326 states)" "$dir/t1.baton" --depth 64 --faults drop=1 --no-symmetry
run "terms <= 2, no loss, no symmetry (Spin: 62,191,533 states at 108,000 a second)" \
    "$dir/t2.baton" --depth 64 --no-symmetry --max-states "$max"
run "terms <= 2, no loss, node symmetry" "$dir/t2.baton" --depth 64 --max-states "$max"
# Spin on the same model, when installed (apt-get install spin gcc): pan prints its
# rate every million states; its first million is set beside Baton's above.
if command -v spin >/dev/null && command -v gcc >/dev/null; then
    echo "== Spin, terms <= 2, no loss: its first million states"
    python3 docs/spin/raft-election.py 2 0 > "$dir/raft.pml"
    (cd "$dir" && spin -a raft.pml >/dev/null && gcc -O2 -DSAFETY -o pan pan.c 2>/dev/null \
        && { timeout 60 ./pan -m1000000 2>&1 || true; } | grep -m 1 'States=    1e+06')
fi
