#!/usr/bin/env bash
# Runs every test: installs what the tests need, checks the packages for known vulnerabilities, builds in
# Release, runs the xunit suite, then the TypeScript client's vitest suite (clients/typescript, against the
# service just built). The closing "N passed, N failed" line counts both.
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

# The TypeScript client: npm ci (package-lock.json), tsc, vitest; its counts come from vitest's JSON report.
ts_report=$(mktemp)
rm -f "$ts_report"
set +e
(cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error && npx tsc -p . && npx tsc -p tsconfig.test.json \
  && npx vitest run --reporter=default --reporter=json --outputFile.json="$ts_report")
ts_status=$?
set -e
ts_counts=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(r.numPassedTests, r.numFailedTests);
  for (const f of r.testResults) for (const t of f.assertionResults) if (t.status === "failed") console.error("  Failed vitest: " + t.fullName);' \
  "$ts_report" 2>>"$log" || echo "0 1")
read -r ts_passed ts_failed <<<"$ts_counts"
rm -f "$ts_report"
if [ "$ts_status" -ne 0 ] && [ "$ts_failed" -eq 0 ]; then ts_failed=1; fi # it did not get as far as its tests
if [ "$ts_status" -ne 0 ] && [ "$status" -eq 0 ]; then status=$ts_status; fi

# One plain closing line for any reader: "N passed, N failed".
# (grep finds no "Failed:" line when nothing failed; that must not end the script under pipefail.)
passed=$( { grep -Eo 'Passed: +[0-9]+' "$log" || true; } | awk -v ts="$ts_passed" '{s+=$2} END {print s+ts}')
failed=$( { grep -Eo 'Failed: +[0-9]+' "$log" || true; } | awk -v ts="$ts_failed" '{s+=$2} END {print s+ts}')
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
