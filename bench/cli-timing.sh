#!/usr/bin/env bash
# Whole-process timing of `manifestlint check`: (a) one small manifest, (b) the whole ../shared/corpus.
# Builds the CLI in each form it can, then times each form with hyperfine (or a portable median loop).
#
#   bench/cli-timing.sh                      all forms, default run counts
#   FORMS="jit aot" RUNS=30 bench/cli-timing.sh
#
# Forms: jit = framework-dependent Release build (what `dotnet tool install ManifestLint` runs);
#        r2r = framework-dependent ReadyToRun publish for this machine's RID;
#        aot = NativeAOT publish (needs clang; skipped with a note when it is missing).
# Environment: FORMS, RUNS (one-manifest runs, default 30), CORPUS_RUNS (default 10), WARMUP (default 3),
#              ONE (default samples/web-deploy.yaml), CORPUS (default ../shared/corpus), OUT (default artifacts/bench).
# Budget (2-core machine): one manifest < 150 ms, the corpus < 1 s. Exit status 0 even when over budget: this
# script measures, it does not gate.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
FORMS=${FORMS:-"jit r2r aot"}
RUNS=${RUNS:-30}
CORPUS_RUNS=${CORPUS_RUNS:-10}
WARMUP=${WARMUP:-3}
ONE=${ONE:-$ROOT/samples/web-deploy.yaml}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
OUT=${OUT:-$ROOT/artifacts/bench}
ONE_BUDGET_MS=150
CORPUS_BUDGET_MS=1000

case "$(uname -m)" in
    x86_64) RID=linux-x64 ;;
    aarch64 | arm64) RID=linux-arm64 ;;
    *) RID=linux-$(uname -m) ;;
esac

mkdir -p "$OUT"
[ -f "$ONE" ] || { echo "no such manifest: $ONE" >&2; exit 2; }
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS (set CORPUS=...)" >&2; exit 2; }

log() { printf '==> %s\n' "$*" >&2; }

build() {
    local form=$1
    case "$form" in
        jit)
            log "building framework-dependent Release"
            dotnet build src/Cli -c Release -nologo -v quiet -o "$OUT/jit" >"$OUT/build-jit.log" 2>&1 \
                || { cat "$OUT/build-jit.log" >&2; return 1; }
            ;;
        r2r)
            log "publishing framework-dependent ReadyToRun for $RID"
            dotnet publish src/Cli -c Release -nologo -v quiet -r "$RID" --self-contained false \
                -p:PublishReadyToRun=true -o "$OUT/r2r" >"$OUT/build-r2r.log" 2>&1 \
                || { cat "$OUT/build-r2r.log" >&2; return 1; }
            ;;
        aot)
            if ! command -v clang >/dev/null 2>&1; then
                log "skipping aot: NativeAOT needs clang (apt-get install clang zlib1g-dev)"
                return 1
            fi
            log "publishing NativeAOT for $RID"
            dotnet publish src/Cli -c Release -nologo -v quiet -r "$RID" -p:NativeAot=true \
                -o "$OUT/aot" >"$OUT/build-aot.log" 2>&1 \
                || { cat "$OUT/build-aot.log" >&2; return 1; }
            ;;
        *)
            echo "unknown form '$form' (expected jit, r2r, aot)" >&2
            return 1
            ;;
    esac
}

# Milliseconds of one run; exit codes 0 and 1 (findings) are both fine, anything else is a failure.
run_once_ms() {
    local start end status=0
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || status=$?
    end=$(date +%s%N)
    if [ "$status" -gt 1 ]; then
        echo "command failed with exit code $status: $*" >&2
        return 1
    fi
    echo $(((end - start) / 1000000))
}

# Prints "median min mean" in ms.
time_command() {
    local runs=$1 json=$2
    shift 2
    run_once_ms "$@" >/dev/null # fails loudly on exit code 2 before anything is timed
    if command -v hyperfine >/dev/null 2>&1; then
        # -N: no intermediate shell; -i: exit code 1 means findings, not a failure.
        hyperfine -N -i --style none --warmup "$WARMUP" --runs "$runs" --export-json "$json" -- "$(printf '%q ' "$@")" >/dev/null 2>"$json.log"
        awk -F'[:,]' '
            /"median"/ { median = $2 } /"min"/ { min = $2 } /"mean"/ { mean = $2 }
            END { printf "%.1f %.1f %.1f\n", median * 1000, min * 1000, mean * 1000 }' "$json"
    else
        local i samples=()
        for ((i = 0; i < WARMUP; i++)); do run_once_ms "$@" >/dev/null; done
        for ((i = 0; i < runs; i++)); do samples+=("$(run_once_ms "$@")"); done
        printf '%s\n' "${samples[@]}" | sort -n | awk '
            { v[NR] = $1; sum += $1 }
            END { median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f %.1f\n", median, v[1], sum / NR }'
    fi
}

verdict() {
    awk -v value="$1" -v budget="$2" 'BEGIN { print (value < budget) ? "yes" : "NO" }'
}

files=$(find "$CORPUS" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | wc -l)
results="$OUT/results.md"
{
    echo "ManifestLint whole-process timing, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "tool: $(command -v hyperfine >/dev/null 2>&1 && hyperfine --version || echo 'date +%s%N loop')"
    echo
    echo "| form | input | median ms | min ms | mean ms | within budget |"
    echo "| --- | --- | ---: | ---: | ---: | --- |"
} >"$results"

for form in $FORMS; do
    build "$form" || continue
    binary="$OUT/$form/manifestlint"
    read -r median min mean < <(time_command "$RUNS" "$OUT/$form-one.json" "$binary" check "$ONE")
    echo "| $form | one manifest ($(basename "$ONE")) | $median | $min | $mean | $(verdict "$median" "$ONE_BUDGET_MS") (< $ONE_BUDGET_MS) |" >>"$results"
    read -r median min mean < <(time_command "$CORPUS_RUNS" "$OUT/$form-corpus.json" "$binary" check "$CORPUS")
    echo "| $form | corpus ($files files) | $median | $min | $mean | $(verdict "$median" "$CORPUS_BUDGET_MS") (< $CORPUS_BUDGET_MS) |" >>"$results"
done

cat "$results"
