#!/usr/bin/env bash
# The benchmark, side by side in one run: Pictor vs ipx (sharp) vs nginx (static) vs the raw NetVips loop.
# Installs what it needs (Debian: wrk, nginx; npm: ipx@3 into bench/.work/), builds Pictor and the bench
# tool in Release, runs every workload and writes bench/results/results.md and bench/results/chart.png.
#
#   bench/run.sh            full run: 3 rounds (about 10 minutes on 2 cores)
#   bench/run.sh --quick    1 short round, to check that everything works (about 2 minutes)
#
# Other options go to the runner: --rounds N, --seconds S, --hit-seconds S, --only cold,hit,… , --corpus DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

ipx_dir=bench/.work/ipx
if [ ! -f "$ipx_dir/node_modules/ipx/bin/ipx.mjs" ]; then
  mkdir -p "$ipx_dir"
  [ -f "$ipx_dir/package.json" ] || echo '{ "private": true }' > "$ipx_dir/package.json"
  (cd "$ipx_dir" && npm install --no-audit --no-fund --loglevel=error ipx@3)
fi

dotnet build src/Pictor -c Release -nologo -clp:ErrorsOnly
dotnet build bench/Pictor.Bench -c Release -nologo -clp:ErrorsOnly
exec dotnet bench/Pictor.Bench/bin/Release/net10.0/Pictor.Bench.dll run "$@"
