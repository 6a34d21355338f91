#!/usr/bin/env bash
# Installs Debian's Chromium (browser tests) and PostgreSQL (server tests on both databases) when
# they are missing. Never downloads a browser of its own.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# Extra packages a caller needs (e.g. the benchmarks ask for wrk).
for pkg in "$@"; do command -v "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "ensure-system-packages: need ${need[*]} but cannot install without root" >&2
  exit 0
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing Debian packages: ${need[*]}"
$SUDO apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}" >/dev/null
