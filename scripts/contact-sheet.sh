#!/usr/bin/env bash
# Regenerates docs/contact-sheet.png: starts Pictor (Release) on a free loopback port with a throwaway data
# directory, then tools/Pictor.ContactSheet uploads one corpus photo and fetches each tile over HTTP.
#   scripts/contact-sheet.sh [photo]     (default: ../shared/corpus/wuffs/harvesters.jpeg)
set -euo pipefail
cd "$(dirname "$0")/.."
photo="${1:-../shared/corpus/wuffs/harvesters.jpeg}"
dotnet build src/Pictor -c Release -nologo -clp:ErrorsOnly
dotnet build tools/Pictor.ContactSheet -c Release -nologo -clp:ErrorsOnly

data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
Pictor__DataDirectory="$data" Pictor__AllowAnonymousWrites=true ASPNETCORE_URLS="http://127.0.0.1:$port" \
  dotnet src/Pictor/bin/Release/net10.0/Pictor.dll >"$data/pictor.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

mkdir -p docs
dotnet tools/Pictor.ContactSheet/bin/Release/net10.0/Pictor.ContactSheet.dll "http://127.0.0.1:$port" "$photo" docs/contact-sheet.png
