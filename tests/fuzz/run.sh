#!/usr/bin/env bash
# A bounded AFL++ campaign on Pictor's parsers (SharpFuzz instruments Pictor.dll; see README.md here).
# Not part of the test suite: every crash or hang it finds is turned into an xunit regression test by hand.
#
#   tests/fuzz/run.sh                         # every target, 1 minute each
#   tests/fuzz/run.sh --minutes 5 --targets options,multipart
#   tests/fuzz/run.sh --replay out/findings/options/default/crashes/id:000000*   (replays inputs, prints each outcome)
#
# Needs afl++ (Debian; scripts/install-test-deps.sh installs it) and the SharpFuzz.CommandLine tool pinned in
# dotnet-tools.json here (restored below). Findings and the instrumented build go to tests/fuzz/out (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

minutes=1
targets="sniffer,gif-framing,derived-name,options,multipart,pymager-legacy"
out="$here/out"
replay=()
target_for_replay=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --replay) target_for_replay="$2"; shift 2; replay=("$@"); break ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: run scripts/install-test-deps.sh (Debian package afl++)" >&2; exit 1; }
bin="$out/bin"

# A fresh instrumented build for a campaign; a replay reuses the campaign's build when there is one.
if [ ${#replay[@]} -eq 0 ] || [ ! -x "$bin/Pictor.Fuzz" ]; then
  rm -rf "$bin"
  dotnet tool restore >/dev/null
  dotnet publish Pictor.Fuzz/Pictor.Fuzz.csproj -c Release -o "$bin" -nologo -clp:ErrorsOnly >/dev/null
  # Coverage comes from Pictor.dll only, where the parsers under test are: instrumenting the framework too
  # would make most inputs look new and every run slower.
  dotnet tool run sharpfuzz "$bin/Pictor.dll" >/dev/null
fi

if [ ${#replay[@]} -gt 0 ]; then
  exec "$bin/Pictor.Fuzz" "$target_for_replay" "${replay[@]}"
fi

# The machine is shared and not set up for fuzzing: no CPU binding, no core_pattern or governor changes.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
seconds=$((minutes * 60))
summary="$out/summary.md"
mkdir -p "$out/findings"
{
  echo "| target | run (s) | executions | execs/s | paths found | crashes | hangs |"
  echo "|---|---|---|---|---|---|---|"
} > "$summary"
IFS=',' read -r -a list <<< "$targets"
status=0
for target in "${list[@]}"; do
  [ -d "corpus/$target" ] || { echo "no seed corpus for '$target' (corpus/$target)" >&2; exit 2; }
  findings="$out/findings/$target"
  rm -rf "$findings"
  echo "== $target: $minutes min" >&2
  # -t: a .NET run is slow to start (JIT); a hang is an input still running after 5 s.
  afl-fuzz -i "corpus/$target" -o "$findings" -t 5000 -m none -V "$seconds" -- "$bin/Pictor.Fuzz" "$target" > "$out/findings/$target.log" 2>&1 || {
    echo "afl-fuzz failed on $target; its output:" >&2; tail -30 "$out/findings/$target.log" >&2; status=1; continue; }
  stats="$findings/default/fuzzer_stats"
  value() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  echo "| $target | $(value run_time) | $(value execs_done) | $(value execs_per_sec) | $(value corpus_found) | $crashes | $hangs |" >> "$summary"
  if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
    status=1
    echo "-- $target findings (replayed):" >&2
    "$bin/Pictor.Fuzz" "$target" "$findings"/default/crashes/id:* "$findings"/default/hangs/id:* 2>&1 | head -40 >&2 || true
  fi
done
cat "$summary"
exit $status
