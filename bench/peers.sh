#!/usr/bin/env bash
# Measures backstretch and two peer countdown timers in a 100x30 pseudo-terminal with
# examples/ptymeasure.rs, and prints a markdown table (medians of --runs runs each).
#
#   bench/peers.sh                 # backstretch, termdown and timr-tui, 3 runs each
#   bench/peers.sh --runs 5        # more runs
#   bench/peers.sh --no-peers      # backstretch only
#   bench/peers.sh --no-install    # measure the peers only if already installed
#
# Peers: termdown (PyPI, `pip install termdown`) and timr-tui 1.9.0 (crates.io,
# `cargo install timr-tui --version 1.9.0 --locked`), installed when missing; a peer that
# cannot be installed is skipped with a note. The table goes to stdout; per-run details
# and notes go to stderr. Takes about three minutes; nothing is left running.
set -euo pipefail

cd "$(dirname "$0")/.."

RUNS=3
WINDOW=10
PEERS=1
INSTALL=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --window) WINDOW="$2"; shift 2 ;;
        --no-peers) PEERS=0; shift ;;
        --no-install) INSTALL=0; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "bench/peers.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

export PATH="$HOME/.cargo/bin:$HOME/.local/bin:$PATH"

note() { echo "# $*" >&2; }

cargo build --release --locked --bin backstretch >&2
cargo build --release --locked --example ptymeasure >&2
M=target/release/examples/ptymeasure
BIN=target/release/backstretch

TODAY=$(date +%F)
DATA=$(mktemp -d)
PEERHOME=$(mktemp -d)
trap 'rm -rf "$DATA" "$PEERHOME"' EXIT

# The first-run notice read and today's checklist answered, so `run` starts at once.
cat > "$DATA/state.json" <<EOF
{"notice_seen": true, "checks": [{"date": "$TODAY", "at": "${TODAY}T08:00:00+00:00", "result": "none", "yes": [], "quick": false}]}
EOF
BS_ENV=(--env "BACKSTRETCH_DATA_DIR=$DATA" --env "BACKSTRETCH_TODAY=$TODAY")
RUN_FLAGS=()
if "$BIN" run --help 2>/dev/null | grep -q -- '--no-checkin'; then
    RUN_FLAGS+=(--no-checkin)
fi

COMMON=(--runs "$RUNS" --cols 100 --rows 30)

# A running 30 s hold: the lead-in skipped with n; Space pauses ("PAUSED").
"$M" --header "${COMMON[@]}" --window "$WINDOW" --idle 3 \
    --name "backstretch (30 s hold)" \
    --expect "s left" --expect "q end" --ready-keys n --ready " HOLD " \
    --toggle-key " " --toggled PAUSED "${BS_ENV[@]}" \
    -- "$BIN" run knee-to-chest --hold 30 "${RUN_FLAGS[@]}"

# The 5 s "get into position" lead-in before the first hold (not a target, for comparison:
# a short step fills the same bar faster).
"$M" "${COMMON[@]}" --window 4 --settle 0.3 --idle 0 \
    --name "backstretch (5 s lead-in)" \
    --expect "s left" --expect "q end" "${BS_ENV[@]}" \
    -- "$BIN" run knee-to-chest --hold 30 "${RUN_FLAGS[@]}"

# The home menu, left alone: wake-ups only.
"$M" "${COMMON[@]}" --window 0 --idle 3 \
    --name "backstretch (home menu)" --expect "q quit" "${BS_ENV[@]}" \
    -- "$BIN"

# A 10 s hold from its start to the rest after it: how late the end is.
"$M" "${COMMON[@]}" --window 0 --idle 0 \
    --name "backstretch (10 s hold ending)" \
    --expect "s left" --ready-keys n --ready " HOLD " --due 10 --due-text " REST " \
    "${BS_ENV[@]}" \
    -- "$BIN" run knee-to-chest --hold 10 "${RUN_FLAGS[@]}"

if [ "$PEERS" = 1 ]; then
    # termdown: a 60 s countdown in big figlet digits, running at once. Space pauses by
    # turning the digits yellow, so any visible change counts. The first frame is complete
    # when the bottom row of the "0" is drawn.
    if ! command -v termdown > /dev/null && [ "$INSTALL" = 1 ]; then
        note "installing termdown from PyPI"
        python3 -m pip install --quiet termdown >&2 || note "pip install termdown failed"
        hash -r
    fi
    if command -v termdown > /dev/null; then
        "$M" "${COMMON[@]}" --window "$WINDOW" --idle 3 \
            --name "termdown $(termdown --version 2>/dev/null | awk '{print $NF}')" \
            --expect '"Y8888P"' --toggle-key " " \
            -- termdown 60
    else
        note "termdown skipped: not installed and could not be installed"
        echo "| termdown | skipped: could not be installed | | | | | | | | |"
    fi

    # timr-tui 1.9.0: countdown mode, 1:00, paused at start ("space start"); Space starts
    # it ("space stop") and pauses it again. A fresh HOME so no stored state carries over.
    if ! timr-tui --version 2>/dev/null | grep -q '1\.9\.0' && [ "$INSTALL" = 1 ]; then
        note "installing timr-tui 1.9.0 from crates.io (a few minutes)"
        cargo install timr-tui --version 1.9.0 --locked >&2 || note "cargo install timr-tui failed"
        hash -r
    fi
    if timr-tui --version 2>/dev/null | grep -q '1\.9\.0'; then
        "$M" "${COMMON[@]}" --window "$WINDOW" --idle 3 \
            --name "timr-tui 1.9.0" \
            --expect "space start" --ready-keys " " --ready "space stop" \
            --toggle-key " " --toggled "space start" \
            --env "HOME=$PEERHOME" --env "XDG_DATA_HOME=$PEERHOME/data" \
            --env "XDG_CONFIG_HOME=$PEERHOME/config" --env "XDG_STATE_HOME=$PEERHOME/state" \
            -- timr-tui -m countdown -c 1:00
    else
        note "timr-tui skipped: not installed and could not be installed"
        echo "| timr-tui 1.9.0 | skipped: could not be installed | | | | | | | | |"
    fi
fi

echo
echo "Release binary: $(stat -c %s "$BIN") bytes ($BIN)."
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), \
$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory, \
Linux $(uname -r), $(rustc --version)."
