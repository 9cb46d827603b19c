#!/usr/bin/env bash
# Builds the sample knowledge base twice — different TZ, LANG and working directory — and
# compares the SHA-256 of every output file. Any difference is a determinism bug.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dll="$repo/src/KbGen.Cli/bin/Release/net10.0/kbgen.dll"
dotnet build "$repo/src/KbGen.Cli" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/a/deep/er" "$work/b"

build() { # dir tz lang
  (cd "$1" && TZ="$2" LANG="$3" LC_ALL="$3" dotnet "$dll" build --content "$repo/content" --out out --channel preview --quiet >/dev/null 2>"$1/build.log") \
    || { cat "$1/build.log"; echo "determinism: FAILED (build failed)"; exit 1; }
}
build "$work/a/deep/er" "Pacific/Auckland" "C.UTF-8"
build "$work/b" "America/Los_Angeles" "en_US.UTF-8"

sums() { (cd "$1/out/" && find -L . -type f -print0 | sort -z | xargs -0 sha256sum); }
sums "$work/a/deep/er" > "$work/a.sum"
sums "$work/b" > "$work/b.sum"
files=$(wc -l < "$work/a.sum")
if ! diff -u "$work/a.sum" "$work/b.sum"; then
  echo "determinism: FAILED (output differs between two builds of the same content)"
  exit 1
fi
[ "$files" -gt 5 ] || { echo "determinism: FAILED (only $files files built)"; exit 1; }
echo "determinism: $files files byte-identical across TZ, LANG and working directory"
