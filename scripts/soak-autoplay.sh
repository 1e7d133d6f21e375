#!/usr/bin/env bash
# Autoplay soak (not run by CI): the release binary plays Raft at full
# autoplay speed under tmux for MINUTES (default 30), with a crash, a restart
# and a partition every few minutes; resident memory is sampled each minute.
# Fails if the process dies, stops stepping, or its memory keeps growing
# faster than its history does.
#   scripts/soak-autoplay.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
command -v tmux >/dev/null || { echo "soak: needs tmux (apt-get install tmux)" >&2; exit 2; }
swift build -c release --product baton >&2
baton="$(swift build -c release --show-bin-path)/baton"
sock="baton-soak-$$"
work=$(mktemp -d)
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

tmux -L "$sock" -f /dev/null new-session -d -s soak -x 120 -y 40 \
    "cd $work && env TERM=xterm-256color LANG=C.UTF-8 ESCDELAY=25 $baton play raft --nodes 5 --seed 42 --option heartbeat=5"
screen() { tmux -L "$sock" capture-pane -p -t soak; }
for _ in $(seq 100); do screen | grep -q "free play" && break; sleep 0.1; done
# The pane runs `sh -c "cd … && env … baton play …"`: baton is the pane's
# process itself (when sh execs the last command) or its child.
pane=$(tmux -L "$sock" display-message -p -t soak '#{pane_pid}')
pid=$pane
[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = baton ] || pid=$(pgrep -P "$pane" -x baton | head -1)
[ -n "$pid" ] || { echo "soak: baton did not start" >&2; exit 1; }
# Autoplay on, at the fastest speed (16 steps a second).
tmux -L "$sock" send-keys -t soak p + + + +

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
step() { screen | grep -o 'step [0-9]*' | head -1 | awk '{print $2}'; }
printf '%8s %10s %10s\n' minute step rss_mb
first_rss=""; first_step=""; last_step=0
for minute in $(seq 1 "$minutes"); do
    sleep 60
    kill -0 "$pid" 2>/dev/null || { echo "soak: baton died in minute $minute" >&2; exit 1; }
    # Faults keep every code path busy: crash and restart node 2, isolate and heal node 3.
    case $((minute % 4)) in
        0) tmux -L "$sock" send-keys -t soak 2 c ;;
        1) tmux -L "$sock" send-keys -t soak 2 c ;;
        2) tmux -L "$sock" send-keys -t soak 3 x ;;
        3) tmux -L "$sock" send-keys -t soak h ;;
    esac
    rss=$(rss_kb); now=$(step)
    printf '%8d %10s %10d\n' "$minute" "$now" $((rss / 1024))
    [ "${now:-0}" -gt "$last_step" ] || { echo "soak: no progress in minute $minute" >&2; exit 1; }
    last_step=$now; last_rss=$rss
    # The first minute warms caches and allocators; measure from the second.
    if [ "$minute" -eq 2 ] || [ -z "$first_rss" ]; then first_rss=$rss; first_step=$now; fi
done
tmux -L "$sock" send-keys -t soak q
growth_kb=$(( last_rss - first_rss ))
steps=$(( last_step - first_step ))
echo "soak: $minutes min, $last_step steps; memory grew $((growth_kb / 1024)) MB over the last $steps steps" \
     "($(( steps > 0 ? growth_kb * 1024 / steps : 0 )) bytes a step)"
# History costs well under 2 KB a step (trace, messages, exchanges); more is a leak.
if [ "$steps" -gt 0 ] && [ $(( growth_kb * 1024 / steps )) -gt 2048 ]; then
    echo "soak: FAIL: memory grows faster than history" >&2; exit 1
fi
