#!/usr/bin/env bash
# Installs what a fresh Debian 12 + Node 20 machine lacks for the full test run:
# the PC/SC stack (pcscd, vpcd, clients), the headers the native PC/SC binding builds
# against, Debian's vicc (the peer `pnpm bench` measures; it runs under /usr/bin/python3 with
# pycryptodome), pnpm, and the workspace's packages, then builds the PC/SC binding if an
# earlier `pnpm install` ran before the headers existed. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the HTML report is tested in a real browser (playwright-core drives /usr/bin/chromium).
debs=(pcscd vsmartcard-vpcd vsmartcard-vpicc python3-pycryptodome pcsc-tools opensc libpcsclite-dev pkg-config openssl chromium)
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

# The root postinstall (scripts/pcsc-binding.mjs) builds the binding now that the headers exist;
# --require makes a binding that still does not load fail this script, with its one line.
pnpm install --frozen-lockfile
node scripts/pcsc-binding.mjs --require
