#!/usr/bin/env bash
# Mutation testing of the safety core with cargo-mutants: each mutant is a small bug put
# into the code (a `<` made `<=`, a `!` dropped, a function returning a default); the unit
# tests should fail for every one that changes behaviour. Not part of CI: it takes minutes.
#
#   bench/mutants.sh                        # every core file named in .cargo/mutants.toml
#   bench/mutants.sh src/session.rs         # one file (or several)
#   bench/mutants.sh --timeout 120 --jobs 2 # per-mutant test timeout (s), parallel builds
#   bench/mutants.sh --list                 # only list the mutants
#
# Runs file by file, so a long run gives figures for the files done even if stopped. For
# each file it prints caught / missed / timeout / unviable (a mutant that does not compile)
# and names every missed or timed-out mutant. Full logs: target/mutants/<file>/mutants.out.
# Installs cargo-mutants (`cargo install cargo-mutants --locked`) when missing. Builds go to
# target/mutants/target, apart from the usual target dir, so dependencies build once.
# Exit status: 0 when nothing was missed and nothing timed out, 1 otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."

TIMEOUT=60
JOBS=1
LIST=0
FILES=()
while [ $# -gt 0 ]; do
    case "$1" in
        --timeout) TIMEOUT="$2"; shift 2 ;;
        --jobs) JOBS="$2"; shift 2 ;;
        --list) LIST=1; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        -*) echo "bench/mutants.sh: unknown option $1" >&2; exit 2 ;;
        *)
            if [ ! -f "$1" ]; then
                echo "bench/mutants.sh: no such file: $1" >&2
                exit 2
            fi
            FILES+=("$1"); shift ;;
    esac
done

if [ ${#FILES[@]} -eq 0 ]; then
    # The quoted src/ paths of examine_globs in .cargo/mutants.toml.
    mapfile -t FILES < <(grep -o '"src/[^"]*\.rs"' .cargo/mutants.toml | tr -d '"')
fi

if ! cargo mutants --version >/dev/null 2>&1; then
    echo "Installing cargo-mutants (a few minutes)..." >&2
    cargo install cargo-mutants --locked >&2
fi

export CARGO_TARGET_DIR="$PWD/target/mutants/target"
mkdir -p target/mutants

if [ "$LIST" = 1 ]; then
    for f in "${FILES[@]}"; do
        sed "/^examine_globs/,/^]/c examine_globs = [\"$f\"]" .cargo/mutants.toml \
            >target/mutants/list.toml
        cargo mutants --config "$PWD/target/mutants/list.toml" --list
    done
    exit 0
fi

count() { # lines in a result file, 0 if absent
    if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi
}

failed=0
table="| file | mutants | caught | missed | timeout | unviable | time |
|---|---:|---:|---:|---:|---:|---:|"
for f in "${FILES[@]}"; do
    name=$(basename "$f" .rs)
    out="target/mutants/$name"
    rm -rf "$out"
    mkdir -p "$out"
    echo "== $f" >&2
    # The settings of .cargo/mutants.toml, for this one file (`--file` would add to the
    # globs there, not replace them).
    sed "/^examine_globs/,/^]/c examine_globs = [\"$f\"]" .cargo/mutants.toml >"$out/mutants.toml"
    start=$(date +%s)
    # Exit status 2 (missed) and 3 (timeout) are results, read below.
    cargo mutants --config "$PWD/$out/mutants.toml" --jobs "$JOBS" --timeout "$TIMEOUT" \
        --output "$out" --colors never >&2 || true
    secs=$(( $(date +%s) - start ))
    r="$out/mutants.out"
    if [ ! -f "$r/outcomes.json" ]; then
        echo "bench/mutants.sh: cargo mutants gave no results for $f (see above)" >&2
        failed=1
        continue
    fi
    caught=$(count "$r/caught.txt")
    missed=$(count "$r/missed.txt")
    timeout=$(count "$r/timeout.txt")
    unviable=$(count "$r/unviable.txt")
    total=$((caught + missed + timeout + unviable))
    table="$table
| $f | $total | $caught | $missed | $timeout | $unviable | ${secs} s |"
    if [ "$missed" != 0 ] || [ "$timeout" != 0 ]; then
        failed=1
        for kind in missed timeout; do
            if [ -s "$r/$kind.txt" ]; then
                echo "$kind in $f:" >&2
                sed 's/^/    /' "$r/$kind.txt" >&2
            fi
        done
    fi
done

echo "$table"
exit "$failed"
