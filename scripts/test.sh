#!/usr/bin/env bash
# Runs every test: installs what the tests need, checks the packages for known vulnerabilities, builds in
# Release, runs the xunit suite.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh
scripts/check-vulnerable-packages.sh
dotnet build Pictor.slnx -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
set +e
dotnet test Pictor.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for any reader: "N passed, N failed".
# (grep finds no "Failed:" line when nothing failed; that must not end the script under pipefail.)
passed=$( { grep -Eo 'Passed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
failed=$( { grep -Eo 'Failed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
# The failures again at the end, where a reader of only the last lines of the output sees them.
if grep -qE '^ +Failed [A-Za-z]' "$log"; then
  echo "=== failed tests ==="
  awk '/^ +Failed [A-Za-z]/ {n=40} n > 0 {print; n--}' "$log" | cut -c1-400
  echo "===================="
fi
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "${passed:-0}" -eq 0 ] && [ "$status" -eq 0 ]; then echo "no tests ran" >&2; exit 1; fi
exit "$status"
