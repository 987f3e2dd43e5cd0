#!/usr/bin/env bash
# Soak: a few minutes of mixed uploads, cold derives, cached hits and deletes at high concurrency
# against the real service on loopback; fails on any 5xx or on resident memory growing 10 % or more
# after the warm-up. Figures go to bench/results/soak.md and soak.json.
#   bench/soak.sh [--minutes 3] [--warmup 45] [--concurrency 32]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Pictor -c Release -nologo -clp:ErrorsOnly
dotnet build bench/Pictor.Soak -c Release -nologo -clp:ErrorsOnly
exec dotnet bench/Pictor.Soak/bin/Release/net10.0/Pictor.Soak.dll "$@"
