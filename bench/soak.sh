#!/usr/bin/env bash
# Soak: mixed uploads, cold and cached derives (pymager names, option URLs, auto with Accept), patches,
# purges, reads and deletes at high concurrency against the real service on loopback, for --minutes
# (30 for the issue's long run). Fails on any 5xx, on resident memory growing 10 % or more after the
# warm-up, on threads or open files growing, or on a database growing beyond the records written.
# Figures go to bench/results/soak.md and soak.json.
#   bench/soak.sh [--minutes 3] [--warmup 45] [--concurrency 32]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Pictor -c Release -nologo -clp:ErrorsOnly
dotnet build bench/Pictor.Soak -c Release -nologo -clp:ErrorsOnly
exec dotnet bench/Pictor.Soak/bin/Release/net10.0/Pictor.Soak.dll "$@"
