#!/usr/bin/env bash
# The one command that runs every test: installs what tests need when missing, then
# runs the whole xunit suite and the determinism check.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-test-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build KbGen.sln -c Release --nologo -v q
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test KbGen.sln -c Release --no-build --nologo -v q --logger "console;verbosity=minimal" 2>&1 | tee "$log" || status=$?
# One plain closing line that any CI reader understands: "N passed, N failed".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
./scripts/determinism.sh || status=$?
echo "tests: $passed passed, $failed failed"
exit "$status"
