#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, from the package registries this machine
# reaches (Debian, npm). Idempotent: a second run installs nothing.
#   - PostgreSQL and MariaDB (Debian) and s3rver (npm): the cluster-mode tests run against real servers.
#   - nginx and apache2 (Debian): the load-balancer tests run the configurations in deploy/.
#   - thumbhash (npm): the reference decoder of the placeholder tests.
#   - chromium (Debian): the admin UI tests drive it through Playwright (Playwright's own browser downloads are not used).
#   - afl++ (Debian): the fuzzing campaign of tests/fuzz/run.sh (not part of the test suite, but run on the same machines).
set -euo pipefail
cd "$(dirname "$0")/.."

S3RVER_VERSION=3.7.1

# Debian packages the tests need; each is installed only when missing.
# libwebp7: the system libwebp that still WebPs are decoded with (Imaging/LibWebp.cs); libtiff6 usually brings it.
apt_packages=(postgresql mariadb-server nginx apache2 libwebp7 chromium afl++)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# Node 20 or later: the TypeScript client's vitest suite (vitest 4; scripts/test.sh runs npm ci in clients/typescript).
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Node $(node --version) is too old for clients/typescript's tests: install Node 20 or later." >&2
  exit 1
fi

# s3rver into the repository's git-ignored .tools/ (never a global install a fresh machine lacks).
installed=$(node -p "require('./.tools/node_modules/s3rver/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$S3RVER_VERSION" ]; then
  mkdir -p .tools
  npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error "s3rver@$S3RVER_VERSION"
fi

# The reference ThumbHash decoder the placeholder tests check Pictor's hashes with (npm thumbhash, pinned by
# tests/thumbhash-reference/package-lock.json), into that folder's git-ignored node_modules/.
if [ ! -f tests/thumbhash-reference/node_modules/thumbhash/package.json ]; then
  npm ci --prefix tests/thumbhash-reference --no-audit --no-fund --loglevel=error
fi
