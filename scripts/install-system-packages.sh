#!/usr/bin/env bash
# Debian packages the test suite drives for real: Chromium (browser tests, with CJK fonts so
# screenshots show Chinese), PostgreSQL (second database run) and poppler (certificate PDFs).
# Read-aloud needs none: speech and audio encoding come from requirements.txt.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || needed+=(fonts-noto-cjk)
command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || needed+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || needed+=(poppler-utils)
if [ ${#needed[@]} -eq 0 ]; then
  echo "System packages present."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${needed[*]}. Install them with: sudo apt-get install -y ${needed[*]}" >&2
  exit 1
fi
echo "Installing: ${needed[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
