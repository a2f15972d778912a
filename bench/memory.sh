#!/usr/bin/env bash
# Peak RSS per MB of input, before and after the hardening merge (issue 7, "Memory").
# Builds the CLI at BEFORE (default 7d1a06c, the last commit before it) in a temporary git worktree and at the
# working tree, generates directories of manifests (1 MB files of Deployments, Services and ConfigMaps from
# samples/), and runs `check DIR --format json` with each build in interleaved rounds under /usr/bin/time -f %M.
# Usage: bench/memory.sh [SIZES_MB (default "10 50")] [ROUNDS (default 3)]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
sizes=${1:-"10 50"}
rounds=${2:-3}
before_rev=${BEFORE:-7d1a06c}
work=${WORK:-$repo/artifacts/bench/memory}
mkdir -p "$work"

build() { # REV-or-"worktree" OUTDIR
    if [[ $1 == worktree ]]; then
        dotnet build -c Release "$repo/src/Cli" -o "$2" >"$2.log" 2>&1
    else
        local src="$work/src-$1"
        [[ -d $src ]] || git -C "$repo" worktree add --detach "$src" "$1" >/dev/null
        dotnet build -c Release "$src/src/Cli" -o "$2" >"$2.log" 2>&1
        git -C "$repo" worktree remove --force "$src"
    fi
}
[[ -f $work/before/manifestlint.dll ]] || build "$before_rev" "$work/before"
build worktree "$work/after"

# One 1 MB file holds copies of the samples with distinct names; SIZE files make SIZE MB.
generate() { # SIZE_MB
    local dir="$work/input-$1mb"
    [[ -d $dir ]] && return
    mkdir -p "$dir"
    python3 - "$repo/samples" "$dir" "$1" <<'PY'
import pathlib, sys
samples, out, size = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
docs = [d for f in sorted(samples.glob("*.yaml")) for d in f.read_text().split("\n---\n") if "kind:" in d]
for n in range(size):
    parts, length, i = [], 0, 0
    while length < 1 << 20:
        doc = docs[i % len(docs)].replace("name: ", f"name: f{n}-d{i}-", 1)
        parts.append(doc.strip() + "\n")
        length += len(parts[-1]) + 4
        i += 1
    (out / f"m{n:04}.yaml").write_text("---\n".join(parts))
PY
}

echo "| input | build | round | peak RSS (MB) | MB per MB of input |"
echo "| --- | --- | ---: | ---: | ---: |"
for size in $sizes; do
    generate "$size"
    for round in $(seq "$rounds"); do
        for build in before after; do
            # 3 GB managed-heap cap and a timeout: the old code took ~30x the input.
            DOTNET_GCHeapHardLimit=0xC0000000 timeout 600 /usr/bin/time -f %M -o "$work/rss" \
                dotnet "$work/$build/manifestlint.dll" check "$work/input-${size}mb" --format json >/dev/null 2>&1 || true
            kb=$(tail -1 "$work/rss")
            awk -v s="$size" -v b="$build" -v r="$round" -v kb="$kb" \
                'BEGIN { printf "| %d MB | %s | %d | %.0f | %.1f |\n", s, b, r, kb / 1024, kb / 1024 / s }'
        done
    done
done
