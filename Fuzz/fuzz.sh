#!/usr/bin/env bash
# Build one libFuzzer target (with AddressSanitizer) and run it.
#
#   Fuzz/fuzz.sh TARGET [SECONDS]      e.g. Fuzz/fuzz.sh FuzzScenario 600
#   Fuzz/fuzz.sh all [SECONDS]         every target, one after the other
#   Fuzz/fuzz.sh TARGET --repro FILE   run one input (a crash) under the target
#
# Targets: FuzzScenario FuzzLesson FuzzTranscript FuzzProgress.
# The committed seeds are in Fuzz/Corpus/TARGET; what the fuzzer finds goes to
# Fuzz/.work/TARGET (not committed); crashes go to Fuzz/Crashes/ and each one
# becomes a regression test (Tests/*/Fuzz regressions).
set -euo pipefail
cd "$(dirname "$0")"
targets=(FuzzScenario FuzzLesson FuzzTranscript FuzzProgress)
target=${1:?usage: fuzz.sh TARGET|all [SECONDS] | TARGET --repro FILE}
export SWIFT_BACKTRACE=enable=no

# A failed build must stop the run: a stale binary would fuzz old code.
build() {
    swift build -c release --product "$1" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -g >&2 || return 1
    echo "$(swift build -c release --show-bin-path)/$1"
}

run() {
    local name=$1 seconds=$2 bin
    bin=$(build "$name") || { echo "fuzz: building $name failed" >&2; exit 1; }
    mkdir -p ".work/$name" Crashes "Corpus/$name"
    local dict=()
    [ -f "dict/$name.dict" ] && dict=(-dict="dict/$name.dict")
    echo "== $name for ${seconds}s"
    # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: a blow-up.
    "$bin" ".work/$name" "Corpus/$name" "${dict[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -artifact_prefix="Crashes/$name-" -print_final_stats=1 2>&1 | tee ".work/$name.log" \
        | grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|stat::|ERROR|SUMMARY|Test unit written" || true
    test "${PIPESTATUS[0]}" -eq 0
}

if [ "${2:-}" = "--repro" ]; then
    bin=$(build "$target") || { echo "fuzz: building $target failed" >&2; exit 1; }
    exec "$bin" "${3:?a file}"
fi
seconds=${2:-60}
if [ "$target" = all ]; then
    for t in "${targets[@]}"; do run "$t" "$seconds"; done
else
    run "$target" "$seconds"
fi
