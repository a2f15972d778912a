#!/usr/bin/env bash
# Times `manifestlint rollout history` on a git history of COMMITS commits (default 120) of samples/web-deploy.yaml
# (image bumps, reverts, scaling, change-causes), git calls included; budget: under 1 s. Prints median and min of
# RUNS runs (default 10), beside `git log --follow` of the same file for scale.
#   bench/rollout-history.sh            # builds src/Cli in Release first
#   CLI="manifestlint" COMMITS=200 bench/rollout-history.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
commits="${COMMITS:-120}"
runs="${RUNS:-10}"
if [[ -z "${CLI:-}" ]]; then
  dotnet build "$root/src/Cli" -c Release -v quiet -nologo >/dev/null
  CLI="dotnet $root/src/Cli/bin/Release/net10.0/manifestlint.dll"
fi

repo="$(mktemp -d)"
trap 'rm -rf "$repo"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com GIT_CONFIG_GLOBAL=/dev/null
git -C "$repo" init --quiet
for i in $(seq 1 "$commits"); do
  image="nginx:1.27.$(( i % 7 ))"          # every 7th commit re-applies an earlier template
  replicas=$(( 3 + i % 4 ))                # scaling alone adds no revision
  sed -e "s/nginx:latest/$image/" -e "s/replicas: 4/replicas: $replicas/" \
      -e "s|^  name: web-deploy$|  name: web-deploy\n  annotations:\n    kubernetes.io/change-cause: commit $i|" \
      "$root/samples/web-deploy.yaml" > "$repo/web-deploy.yaml"
  git -C "$repo" add web-deploy.yaml
  GIT_AUTHOR_DATE="@$(( 1790000000 + i * 60 ))" GIT_COMMITTER_DATE="@$(( 1790000000 + i * 60 ))" \
    git -C "$repo" commit --quiet --allow-empty -m "commit $i"
done

time_ms() { # median and min wall time of "$@" over $runs runs, in ms
  local samples=()
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N)
    samples+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms, min %d ms", a[int((NR+1)/2)], a[1]}'
}

cd "$repo"
echo "history of $commits commits:"
echo "  manifestlint rollout history: $(time_ms $CLI rollout history web-deploy.yaml)"
echo "  git log --follow alone:       $(time_ms git log --follow --oneline -- web-deploy.yaml)"
echo "  manifestlint rollout (one version, for start-up): $(time_ms $CLI rollout web-deploy.yaml)"
