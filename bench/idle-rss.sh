#!/usr/bin/env bash
# Idle and settled RSS of one Pictor instance on SQLite + local disk in a temp folder (bench/results/memory.md).
#
#   bench/idle-rss.sh [PICTOR.DLL]        default: src/Pictor/bin/Release/net10.0/Pictor.dll (build it first)
#   DOTNET_xxx=… bench/idle-rss.sh        runtime settings to try go through the environment
#
# Prints: idle RSS 5 s after /healthz answers; then RSS 10 s after one 12 MP upload and one derive.
set -euo pipefail
cd "$(dirname "$0")/.."
dll=${1:-src/Pictor/bin/Release/net10.0/Pictor.dll}
dll=$(realpath "$dll")
image=${PICTOR_IDLE_IMAGE:-/work/shared/corpus/bench/harvesters-4032x3024.jpg}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rss() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

if [[ "$dll" == *.dll ]]; then cmd=(dotnet exec "$dll"); else cmd=("$dll"); fi
(cd "$(dirname "$dll")" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Pictor__DataDirectory="$work/data" Pictor__ApiKeys__0=idle-key \
  exec "${cmd[@]}" >"$work/log" 2>&1) &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
start=$(date +%s.%N)
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/log"; exit 1; }
  sleep 0.1
done
ready=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
sleep 5
idle=$(rss "$pid")
curl -sf -H 'Authorization: Bearer idle-key' -T "$image" "http://127.0.0.1:$port/original/idle" >/dev/null
curl -sf -o /dev/null "http://127.0.0.1:$port/derived/idle-600x450.jpg"
sleep 10
settled=$(rss "$pid")
hwm=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
echo "ready ${ready}s  idle ${idle} MB  after upload+derive ${settled} MB  (high-water ${hwm} MB)"
