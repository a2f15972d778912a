#!/usr/bin/env bash
# Schema validation cost: times two builds of the CLI side by side with farm-bench (A and B in turn, ratio per
# pair), on one manifest and on a corpus, and a bare PyYAML parse of the same corpus as the yardstick.
#
#   bench/schema-compare.sh NEW_CLI OLD_CLI [ONE_MANIFEST] [CORPUS_DIR]
#
# NEW_CLI/OLD_CLI: a NativeAOT binary (`dotnet publish src/Cli -c Release -r linux-x64 -p:NativeAot=true`) or
# "dotnet path/to/manifestlint.dll". Defaults: samples/web-deploy.yaml and ../shared/corpus.
set -euo pipefail
new=${1:?NEW_CLI}
old=${2:?OLD_CLI}
root=$(cd "$(dirname "$0")/.." && pwd)
one=${3:-$root/samples/web-deploy.yaml}
corpus=${4:-$root/../shared/corpus}
runs=${RUNS:-20}

echo "## one manifest: $one"
farm-bench -n "$runs" --warmup 2 --vs "$old check $one" -- $new check "$one"
echo "## corpus: $corpus"
farm-bench -n "$((runs / 2))" --warmup 1 --timeout 600 --vs "$old check $corpus" -- $new check "$corpus"
echo "## corpus against a bare PyYAML parse (yardstick)"
farm-bench -n "$((runs / 2))" --warmup 1 --timeout 600 \
  --vs "python3 $root/bench/pyyaml-parse.py $corpus" \
  -- $new check "$corpus"
