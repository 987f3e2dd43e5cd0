#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, from the package registries this machine
# reaches (Debian, npm). Idempotent: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need; each is installed only when missing.
apt_packages=()
missing=()
for package in "${apt_packages[@]+"${apt_packages[@]}"}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
