#!/usr/bin/env bash
# How the cost of a long history grows: history files of 0, 10^4, 10^5 and 10^6 sessions,
# and for each the plain commands (`history`, `export`, `export --format csv`: wall time
# and peak memory) and the full-screen coach's first frame (examples/ptymeasure.rs).
#
#   bench/history.sh                     # this build
#   bench/history.sh --also OTHER_BIN    # and another binary, for comparison
#
# The files are generated (sessions in start order, three a day), about 0.4 KB a line;
# 10^6 lines is about 400 MB in a temporary directory, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

ALSO=""
while [ $# -gt 0 ]; do
    case "$1" in
        --also) ALSO="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "bench/history.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

cargo build --release --locked --bin backstretch >&2
cargo build --release --locked --example ptymeasure >&2
M=target/release/examples/ptymeasure
BINS=(target/release/backstretch)
[ -n "$ALSO" ] && BINS+=("$ALSO")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TODAY=2026-11-24

gen() { # N DIR
    mkdir -p "$2"
    cat > "$2/state.json" <<JSON
{"notice_seen": true, "checks": [{"date": "$TODAY", "at": "${TODAY}T08:00:00+00:00", "result": "none", "yes": [], "quick": false}]}
JSON
    awk -v n="$1" 'BEGIN {
        for (i = 0; i < n; i++) {
            y = 1000 + int(i / 1008); m = int(i / 84) % 12 + 1; d = int(i / 3) % 28 + 1;
            h = 8 + (i % 3) * 4; p = i % 11;
            t = sprintf("%04d-%02d-%02dT%02d:00:00+00:00", y, m, d, h);
            e = sprintf("%04d-%02d-%02dT%02d:10:00+00:00", y, m, d, h);
            printf "{\"start\":\"%s\",\"end\":\"%s\",\"routine\":\"in-bed\",\"hold_seconds\":20,\"repetitions\":2,\"stretches\":[{\"id\":\"knee-to-chest\",\"reps_planned\":2,\"reps_done\":2,\"held_seconds\":40.0,\"skipped\":0},{\"id\":\"hook-lying-rotation\",\"reps_planned\":2,\"reps_done\":2,\"held_seconds\":80.0,\"skipped\":0}],\"pauses\":0,\"skips\":0,\"pain_stops\":0,\"pain_before\":%d,\"pain_after\":%d,\"checklist\":\"none\",\"completed\":true}\n", t, e, p, (p > 2 ? p - 2 : 0);
        }
    }' > "$2/history.jsonl"
}

timed() { # BIN DIR ARGS... -> "seconds KiB"
    local bin=$1 dir=$2; shift 2
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$bin" --data-dir "$dir" "$@" > /dev/null 2> /dev/null || true
    cat "$WORK/time"
}

echo "| binary | lines | file | history (s, peak MiB) | export md (s, peak MiB) | export csv (s, peak MiB) | coach first frame (ms) |"
echo "|---|---:|---:|---|---|---|---:|"
for n in 0 10000 100000 1000000; do
    dir="$WORK/h$n"
    gen "$n" "$dir"
    size=$(du -m "$dir/history.jsonl" | cut -f1)
    for bin in "${BINS[@]}"; do
        cells=()
        for args in "history" "export" "export --format csv"; do
            # shellcheck disable=SC2086
            read -r secs kib < <(timed "$bin" "$dir" $args)
            cells+=("$secs, $(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')")
        done
        # The home menu complete (its footer drawn), from exec: median of 3 runs.
        frame=$("$M" --runs 3 --cols 100 --rows 30 --window 0 --idle 0 \
            --name x --expect "q quit" \
            --env "BACKSTRETCH_DATA_DIR=$dir" --env "BACKSTRETCH_TODAY=$TODAY" \
            -- "$bin" 2>/dev/null | awk -F'|' '/^\| x/ { gsub(/ /, "", $3); print $3 }')
        echo "| $bin | $n | $size MB | ${cells[0]} | ${cells[1]} | ${cells[2]} | ${frame:-none within the timeout} |"
    done
done
