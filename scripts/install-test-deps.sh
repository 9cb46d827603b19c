#!/usr/bin/env bash
# Installs what the tests need, only when it is missing: Debian's Chromium (driven by
# Playwright; never a downloaded browser), poppler-utils (pdftotext, pdfinfo, pdffonts,
# pdftoppm), qpdf, DejaVu fonts, and axe-core from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
[ -x /usr/bin/time ] || need+=(time)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -f tests/tools/node_modules/axe-core/axe.min.js ]; then
  echo "installing axe-core"
  (cd tests/tools && npm ci --silent --no-audit --no-fund)
fi
