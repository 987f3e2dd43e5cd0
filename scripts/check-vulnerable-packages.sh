#!/usr/bin/env bash
# Fails when a package the solution uses (directly or transitively) has a known vulnerability, as NuGet's
# vulnerability data reports it (`dotnet list package --vulnerable --include-transitive`).
#
# A package source that serves no vulnerability data makes that command report "no vulnerable packages" for
# anything, so a canary comes first: a scratch project referencing Newtonsoft.Json 12.0.3 (advisory
# GHSA-5crp-9r3c-p9vr). If the canary is not flagged, the check cannot see anything from here: it says so
# loudly and exits 0 rather than pretend; where the data is served, findings fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."

canary=$(mktemp -d)
trap 'rm -rf "$canary"' EXIT
cat > "$canary/canary.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><NuGetAudit>false</NuGetAudit></PropertyGroup>
  <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="12.0.3" /></ItemGroup>
</Project>
XML
if ! dotnet restore "$canary/canary.csproj" -nologo -v q >/dev/null 2>&1; then
  echo "vulnerable-packages: WARNING: the canary project did not restore; the check did not run." >&2
  exit 0
fi
if ! dotnet list "$canary/canary.csproj" package --vulnerable --include-transitive 2>&1 | grep -q "Newtonsoft.Json"; then
  echo "vulnerable-packages: WARNING: the package source serves no vulnerability data (a known-vulnerable canary was not flagged); the check did not run." >&2
  exit 0
fi

report=$(dotnet list Pictor.slnx package --vulnerable --include-transitive 2>&1)
if grep -q "has the following vulnerable packages" <<<"$report"; then
  echo "$report"
  echo "vulnerable-packages: FAILED: the solution uses packages with known vulnerabilities (above)." >&2
  exit 1
fi
echo "vulnerable-packages: no known vulnerabilities in the solution's packages."
