#!/usr/bin/env bash
# Installs what a fresh Debian 12 + Node 20 machine lacks for the full test run:
# the PC/SC stack (pcscd, vpcd, clients), the headers the native PC/SC binding builds
# against, pnpm, and the workspace's packages. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the HTML report is tested in a real browser (playwright-core drives /usr/bin/chromium).
debs=(pcscd vsmartcard-vpcd pcsc-tools opensc libpcsclite-dev pkg-config openssl chromium)
missing=()
for d in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q 'install ok installed' || missing+=("$d")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "10.34.8" ]; then
  echo "installing pnpm 10.34.8"
  npm install -g pnpm@10.34.8 >/dev/null
fi

pnpm install --frozen-lockfile
