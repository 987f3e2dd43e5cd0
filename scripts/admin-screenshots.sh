#!/usr/bin/env bash
# Rewrites docs/admin-login.png, admin-grid.png and admin-image.png (shown in the README) by running the admin UI's
# browser test with PICTOR_SCREENSHOTS set: the pictures are what the test saw, against a real Pictor.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
dotnet build Pictor.slnx -c Release -nologo -clp:ErrorsOnly
PICTOR_SCREENSHOTS="$PWD/docs" dotnet test Pictor.slnx -c Release --no-build --filter "FullyQualifiedName~Pictor.Tests.Admin.AdminUiTests"
ls -l docs/admin-*.png
