#!/usr/bin/env bash
# Start-up budgets (issue 7): `baton --version` under 20 ms, `baton run` of a
# 20-line scenario under 30 ms, `baton lint` of every built-in lesson under
# 1 s. Release build; prints the median and minimum of N runs (default 30)
# of the whole process, timed with the shell's clock.
#   scripts/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
swift build -c release --product baton >&2
baton="$(swift build -c release --show-bin-path)/baton"
scenario=$(mktemp --suffix=.baton)
trap 'rm -f "$scenario"' EXIT
cat > "$scenario" <<'SCENARIO'
# 20 lines: an election, a crash, a partition, and expectations
cluster raft nodes=5 seed=7 election-timeout=30..50
timeout A
run until leader max=200
expect leader=A
propose A x
run max=60
expect A.commitLength=1
crash A
timeout B
run until leader max=300
expect B.currentRole=leader
restart A
partition A,B | C,D,E
timeout C
run max=200
heal
run max=200
propose C y
run max=100
expect violations=none
SCENARIO
time_ms() {  # median and minimum wall time of "$@" in ms
    local times=()
    for _ in $(seq "$runs"); do
        local t0 t1
        t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms, min %.1f ms\n", a[int((NR+1)/2)]/1000, a[1]/1000}'
}
echo "baton --version:               $(time_ms "$baton" --version)"
echo "baton run (20-line scenario):  $(time_ms "$baton" run "$scenario")"
echo "baton lint (built-in lessons): $(time_ms "$baton" lint)"
