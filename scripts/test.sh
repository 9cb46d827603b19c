#!/usr/bin/env bash
# The one command that runs every test: installs what tests need when missing, then
# runs the whole xunit suite and the determinism check.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-test-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build KbGen.sln -c Release --nologo -v q
dotnet test KbGen.sln -c Release --no-build --nologo -v q --logger "console;verbosity=minimal"
./scripts/determinism.sh
