#!/usr/bin/env bash
# Benchmark sitrep against Hugo on generated corpora (examples/gen-corpus.rs).
#
#   bench/run.sh          1,000 and 10,000 documents
#   bench/run.sh --full   also 100,000 documents (Hugo needs roughly 25 GB of memory for that)
#
# For each corpus, every command runs RUNS times (default 3) and the run with the median wall time
# is reported, after one warm-up run that is not counted (see measure). Output: a Markdown table on stdout, also written with machine info to
# bench/latest.md. Corpora live in bench/work/ (git-ignored) and are reused while their marker
# matches the document count, the seed and the generator's FORMAT_VERSION.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
WORK=$ROOT/bench/work
SEED=${SEED:-1}
RUNS=${RUNS:-3}
TODAY=2026-11-01
SIZES=(1000 10000)

usage() { echo "usage: bench/run.sh [--full]" >&2; }
while [ $# -gt 0 ]; do
    case $1 in
        --full) SIZES+=(100000) ;;
        -h | --help) usage; exit 0 ;;
        *) usage; exit 2 ;;
    esac
    shift
done

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------

apt_install() {
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "need root (or sudo) to install: $*"
        sudo=(sudo)
    fi
    log "installing $* from Debian"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2; then
        "${sudo[@]}" apt-get update -q >&2
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
    fi
}

command -v hugo >/dev/null || apt_install hugo
command -v vmtouch >/dev/null || apt_install vmtouch
[ -x /usr/bin/time ] || apt_install time

log "building release binary and corpus generator"
cargo build --release --quiet
cargo build --release --quiet --example gen-corpus
cargo build --release --quiet --example serve-latency
cargo build --release --quiet --example write-floor
SITREP=$ROOT/target/release/sitrep
GEN=$ROOT/target/release/examples/gen-corpus
FLOOR=$ROOT/target/release/examples/write-floor

HAVE_BUILD=1
if ! "$SITREP" build --help >/dev/null 2>&1; then
    HAVE_BUILD=0
fi

# --- corpora -----------------------------------------------------------------------------------

# The generator's output format version; a corpus written by another version is regenerated.
GEN_VERSION=$(sed -n 's/^const FORMAT_VERSION: u32 = \([0-9]*\);/\1/p' examples/gen-corpus.rs)

# True when DIR holds a complete corpus of N docs with SEED from this generator version.
corpus_ok() {
    local m=$1/.gen-corpus n=$2
    [ -f "$m" ] && grep -qx "gen-corpus v$GEN_VERSION docs=$n seed=$SEED state=complete" "$m"
}

for n in "${SIZES[@]}"; do
    d=$WORK/n$n
    mkdir -p "$d"
    if corpus_ok "$d/site" "$n" && corpus_ok "$d/hugo" "$n"; then
        log "reusing corpus of $n docs in ${d#"$ROOT"/}"
    else
        log "generating corpus of $n docs in ${d#"$ROOT"/}"
        "$GEN" --docs "$n" --seed "$SEED" --out "$d/site" --hugo "$d/hugo"
    fi
done

# --- measuring ---------------------------------------------------------------------------------

TMP=$(mktemp -d)
# Output trees of earlier runs are moved here rather than deleted between runs, and deleted when
# the bench ends. On ext4 the inode allocator skips inodes deleted in the last minutes with a
# linear scan (recently_deleted): deleting a 30,000-inode tree right before a run made that run
# spend ~70% of its time in the kernel (perf), measuring the harness rather than the tool.
TRASH=$WORK/trash
mkdir -p "$TRASH"
trap 'rm -rf "$TMP" "$TRASH"' EXIT

# run_once KIND OUTDIR CMD...: one run of CMD (OUTDIR moved to $TRASH first); sets SAMPLE to
# "wall user sys maxrss_kb", or returns the exit status.
# KIND: check (exit 0/1 fine, 2+ fatal), build (any non-zero fatal), hugo (non-zero: returned).
run_once() {
    local kind=$1 out=$2
    shift 2
    local rc=0 ok
    local aside=""
    if [ -n "$out" ] && [ -e "$out" ]; then
        aside=$(mktemp -d "$TRASH/out.XXXXXX")
        mv "$out" "$aside/"
    fi
    # Start every run with no dirty pages: the writeback of the previous run's output (Hugo's
    # or sitrep's) would otherwise land on this run, whichever tool it measures.
    sync
    # And without the previous output in the page cache: kept there, six 100k outputs (16 GB)
    # filled this VM's memory, and each later run paid for reclaim and for first touches of
    # fresh memory, which a build replacing its previous output never does.
    if [ -n "$aside" ]; then
        vmtouch -q -e "$aside"
    fi
    /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$@" >"$TMP/stdout" 2>"$TMP/stderr" || rc=$?
    case $kind in
        check) ok=$((rc <= 1)) ;;
        *) ok=$((rc == 0)) ;;
    esac
    if [ "$ok" -ne 1 ]; then
        echo "bench: \`$*\` failed with exit status $rc:" >&2
        tail -n 40 "$TMP/stderr" >&2
        if [ "$kind" = hugo ]; then
            return "$rc"
        fi
        exit 1
    fi
    # GNU time writes "Command exited with non-zero status N" first; the figures are last.
    SAMPLE=$(tail -n 1 "$TMP/time")
}

# median SAMPLE...: the sample with the median wall time.
median() {
    printf '%s\n' "$@" | sort -n -k1,1 | sed -n "$((($# + 1) / 2))p"
}

# measure KIND OUTDIR CMD...: CMD once as a warm-up (not counted: it absorbs what the previous
# command left behind, e.g. the memory Hugo frees, which this VM's first touches pay for again),
# then $RUNS times; sets MEDIAN, or returns the exit status.
measure() {
    local kind=$1 out=$2
    shift 2
    local i samples=()
    run_once "$kind" "$out" "$@" || return $?
    for ((i = 1; i <= RUNS; i++)); do
        run_once "$kind" "$out" "$@" || return $?
        samples+=("$SAMPLE")
    done
    MEDIAN=$(median "${samples[@]}")
}

ROWS=()
declare -A BUILD_WALL FLOOR_WALL CHECK_WALL
# row SIZE TOOL "wall user sys rss" RATIO [nodocs]: nodocs leaves the documents/s column empty
# (the file-system floor renders no documents).
row() {
    local n=$1 tool=$2 ratio=$4 nodocs=${5:-}
    read -r wall user sys rss <<<"$3"
    ROWS+=("$(LC_ALL=C awk -v n="$n" -v tool="$tool" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v r="$ratio" -v nd="$nodocs" \
        'BEGIN { printf "| %s | %s | %.2f | %.2f | %.0f | %s | %s |", n, tool, w, u + s, m / 1024, r, (nd != "" ? "–" : w > 0 ? sprintf("%.0f", n / w) : "n/a") }')")
}
failed_row() {
    if [ "$3" = skipped ]; then
        ROWS+=("| $1 | $2 | not run (needs ~26 GB) | | | | |")
    else
        ROWS+=("| $1 | $2 | failed (exit $3) | | | | |")
    fi
}
SERVE_ROWS=()
declare -A BUILD_WALL FLOOR_WALL CHECK_WALL

for n in "${SIZES[@]}"; do
    d=$WORK/n$n
    log "measuring $n docs ($RUNS runs each)"

    measure check "" "$SITREP" check "$d/site" --today "$TODAY" -q
    row "$n" "sitrep check" "$MEDIAN" "–"
    CHECK_WALL[$n]=${MEDIAN%% *}

    hugo_wall=""
    hugo_res=""
    hugo_rc=""
    if [ "$n" -gt 10000 ]; then
        # Hugo needs about 26 GB for 100,000 such documents: more than this machine has.
        hugo_rc="skipped"
    elif measure hugo "$d/out-hugo" hugo --quiet -s "$d/hugo" -d "$d/out-hugo"; then
        hugo_res=$MEDIAN
        hugo_wall=${MEDIAN%% *}
    else
        hugo_rc=$?
    fi

    if [ "$HAVE_BUILD" -eq 1 ]; then
        measure build "$d/out-sitrep" "$SITREP" build "$d/site" --today "$TODAY" -q --out "$d/out-sitrep"
        ratio="–"
        if [ -n "$hugo_wall" ]; then
            ratio=$(LC_ALL=C awk -v a="${MEDIAN%% *}" -v b="$hugo_wall" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }')
        fi
        row "$n" "sitrep build" "$MEDIAN" "$ratio"
        BUILD_WALL[$n]=${MEDIAN%% *}

        # The file system's own cost for this output: the same tree (directories, files, sizes,
        # hard links) written by a program that renders nothing (examples/write-floor.rs).
        "$FLOOR" manifest "$d/out-sitrep" >"$TMP/tree.txt"
        floor_runs=$RUNS
        # Each run leaves a 2.5 GB tree in the trash until the bench ends: two are enough.
        [ "$n" -gt 10000 ] && [ "$floor_runs" -gt 2 ] && floor_runs=2
        RUNS=$floor_runs measure floor "$d/out-floor" "$FLOOR" write "$TMP/tree.txt" "$d/out-floor"
        row "$n" "file-system floor" "$MEDIAN" "–" nodocs
        FLOOR_WALL[$n]=${MEDIAN%% *}
        mkdir -p "$TRASH/floor-$n" && mv "$d/out-floor" "$TRASH/floor-$n/"
    fi

    if [ -n "$hugo_res" ]; then
        row "$n" "hugo" "$hugo_res" "1.00"
    else
        failed_row "$n" "hugo" "$hugo_rc"
    fi

    # Live preview: time from writing one document to the reload event (debounce included).
    if [ "$n" -le 10000 ] && [ -x "$ROOT/target/release/examples/serve-latency" ]; then
        lat=$("$ROOT/target/release/examples/serve-latency" --site "$d/site" --edits 15 --binary "$SITREP" 2>/dev/null || true)
        if [ -n "$lat" ]; then
            SERVE_ROWS+=("| $n | $(echo "$lat" | sed -E 's/edits=([0-9]+) min_ms=([0-9]+) median_ms=([0-9]+) p90_ms=([0-9]+) max_ms=([0-9]+)/\1, \2 \/ \3 \/ \4 \/ \5/') |")
        fi
        log "serve $n: $lat"
    fi
done

# --- report ------------------------------------------------------------------------------------

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
mem=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null | head -n 1)
[ -n "$dirty" ] && rev="$rev (with uncommitted changes)"

{
    echo "# sitrep benchmark"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: ${cpu:-unknown CPU}, $(nproc) CPUs, $mem memory"
    echo "- sitrep: $rev; $(hugo version | cut -d' ' -f1-2)"
    echo "- Corpora: examples/gen-corpus.rs, seed $SEED (20% runbooks, 80% incidents); today pinned to $TODAY"
    echo "- Median of $RUNS runs by wall time, each command after one uncounted warm-up run; CPU = user + sys; sitrep/hugo = wall time ratio of the build rows"
    echo "- file-system floor: the tree the build wrote (directories, files, sizes, hard links) written again by examples/write-floor.rs, which renders nothing (above 10,000 documents: the faster of 2 runs)"
    [ "$HAVE_BUILD" -eq 1 ] || echo "- build: not implemented yet"
    echo
    echo "| Docs | Tool | Wall s | CPU s | Peak RSS MB | sitrep/hugo | Docs/s |"
    echo "|-----:|------|-------:|------:|------------:|------------:|-------:|"
    printf '%s\n' "${ROWS[@]}"
    # How each figure grows with the corpus, next to how the file system's cost for the same
    # output grows on this machine (linear growth is the ratio of the document counts).
    prev=""
    for n in "${SIZES[@]}"; do
        if [ -n "$prev" ] && [ -n "${BUILD_WALL[$n]:-}" ] && [ -n "${BUILD_WALL[$prev]:-}" ]; then
            LC_ALL=C awk -v a="$prev" -v b="$n" -v c0="${CHECK_WALL[$prev]}" -v c1="${CHECK_WALL[$n]}" \
                -v b0="${BUILD_WALL[$prev]}" -v b1="${BUILD_WALL[$n]}" -v f0="${FLOOR_WALL[$prev]:-0}" -v f1="${FLOOR_WALL[$n]:-0}" '
                function r(x, y) { return y > 0 ? sprintf("%.1f×", x / y) : "n/a" }
                BEGIN { printf "\nGrowth from %d to %d documents (%s the documents): sitrep check %s, sitrep build %s, file-system floor %s\n", a, b, r(b, a), r(c1, c0), r(b1, b0), r(f1, f0) }'
        fi
        prev=$n
    done
    if [ ${#SERVE_ROWS[@]} -gt 0 ]; then
        echo
        echo "sitrep serve, single edit of one incident's body → reload event (15 edits, 300 ms apart):"
        echo
        echo "| Docs | edits, min / median / p90 / max ms |"
        echo "|-----:|------|"
        printf '%s\n' "${SERVE_ROWS[@]}"
    fi
} >"$TMP/latest.md"

cp "$TMP/latest.md" "$ROOT/bench/latest.md"
[ "$HAVE_BUILD" -eq 1 ] || echo "build: not implemented yet"
cat "$TMP/latest.md"
log "written to bench/latest.md"
