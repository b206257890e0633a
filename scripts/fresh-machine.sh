#!/usr/bin/env bash
# The README's two first lines on a machine that never had pnpm, the PC/SC stack or its headers:
# a fresh clone of this checkout's HEAD, line 1 then line 2 (and/or the reverse order), each
# command's exit code and time in a transcript. docs/fresh-machine.md explains the recipe.
#
#   bash scripts/fresh-machine.sh            cheap form (.ci/run): nothing on the machine changes;
#                                            the headers are hidden in a private mount namespace,
#                                            line 2 stops after its install part
#   bash scripts/fresh-machine.sh --real     the real test: removes Debian's PC/SC packages while
#                                            holding /tmp/ssc-pcscd.lock, runs both lines in full
#                                            in both orders, puts the packages back and checks
#                                            they are back before releasing the lock
#   --order 12|21|both                       which orders (default: 12 cheap, both real)
#
# "No pnpm" is simulated without touching the machine's pnpm: a private HOME (so a fresh pnpm store
# and npm cache) and npm prefix under a temporary folder, and a PATH whose system folders are
# symlink copies without pnpm.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REAL=0
ORDER=""
while [ $# -gt 0 ]; do
  case "$1" in
    --real) REAL=1 ;;
    --order) ORDER="${2:-}"; shift ;;
    *) echo "fresh-machine: unknown argument $1 (--real, --order 12|21|both)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$ORDER" ] || { [ $REAL -eq 1 ] && ORDER=both || ORDER=12; }
case "$ORDER" in 12|21|both) ;; *) echo "fresh-machine: --order is 12, 21 or both, got $ORDER" >&2; exit 2 ;; esac

# The packages line 2 installs and the real test removes first (libpcsclite1 stays: other
# Debian packages depend on it, and a fresh Debian 12 has it through them).
PCSC_DEBS=(libpcsclite-dev pcscd vsmartcard-vpcd vsmartcard-vpicc python3-virtualsmartcard pcsc-tools)

WORK=$(mktemp -d /tmp/ssc-fresh.XXXXXX)
TRANSCRIPT="$WORK/transcript.txt"
FAILED=0
LINE1=$(sed -n 2p "$ROOT/README.md")
LINE2=$(sed -n 3p "$ROOT/README.md")
CHEAP_LINE2='bash scripts/install-deps.sh'

note() { echo "$*" | tee -a "$TRANSCRIPT"; }

# "No pnpm" without touching the machine's pnpm: every step runs in a private mount namespace
# where the folder each pnpm/pnpx on the machine's PATH links to is an empty folder (so the
# links dangle and `command -v pnpm` finds nothing; a non-executable file would still be
# printed by bash's `command -v`), with the machine's own PATH behind the private npm prefix.
# The real folders stay on PATH, so what a step installs (line 2's apt-get: pcsc_scan, scriptor,
# pcscd) is found later in the same step, and apt's helpers (gpgv, run as _apt) find their tools.
SYS_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
PNPM_DIRS=$(for f in $(PATH=$SYS_PATH which -a pnpm pnpx 2>/dev/null); do dirname "$(readlink -f "$f")"; done | sort -u | tr '\n' ' ')

# run LABEL HIDE_HEADERS COMMAND: one step in the clone, as the fresh user; appends to the transcript.
run() {
  local label="$1" hide="$2" cmd="$3" started rc seconds
  started=$EPOCHREALTIME
  # The user's state is fresh (HOME, so pnpm's store and npm's cache; the npm prefix); the
  # machine's network set-up (proxy and CA variables, npm's cafile) is kept.
  local envs=(env -i "HOME=$WORK/home" "PATH=$WORK/npm-prefix/bin:$SYS_PATH" "TERM=dumb" "LANG=C.UTF-8" "CI=1"
    "NPM_CONFIG_PREFIX=$WORK/npm-prefix" "npm_config_cafile=$CAFILE")
  local v
  for v in $(compgen -e); do
    case "$v" in *[Pp][Rr][Oo][Xx][Yy]* | *CERT* | *CA_BUNDLE* | *CAINFO*) envs+=("$v=${!v}") ;; esac
  done
  # hide=1 also makes /usr/include/PCSC an empty folder: the headers are absent for this step,
  # for this process tree only.
  mkdir -p "$WORK/empty"
  "${envs[@]}" unshare -m bash -c '
      mount --make-rprivate / || exit 97
      for d in $4; do mount --bind "$1" "$d" || exit 97; done
      if [ "$5" = 1 ]; then mount --bind "$1" /usr/include/PCSC || exit 97; fi
      cd "$2" && bash -c "$3"' \
    _ "$WORK/empty" "$CLONE" "$cmd" "$PNPM_DIRS" "$hide" >"$WORK/$label.log" 2>&1
  rc=$?
  seconds=$(awk "BEGIN { print $EPOCHREALTIME - $started }")
  local gyp
  gyp=$(grep -c 'gyp ERR' "$WORK/$label.log")
  note "$(printf '%-22s exit %-3s %6.1f s  gyp errors: %s  last line: %s' "$label" "$rc" "$seconds" "$gyp" "$(grep -v '^\s*$' "$WORK/$label.log" | tail -1 | cut -c1-120)")"
  [ "$rc" -eq 0 ] && [ "$gyp" -eq 0 ] || FAILED=1
}

remove_debs() {
  local present=()
  for d in "${PCSC_DEBS[@]}"; do
    dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q 'install ok installed' && present+=("$d")
  done
  [ ${#present[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "${present[@]}" >>"$WORK/apt.log" 2>&1
  note "removed Debian packages: ${present[*]:-none}; /usr/include/PCSC/winscard.h $( [ -e /usr/include/PCSC/winscard.h ] && echo present || echo absent)"
}

restore_debs() {
  local missing=()
  for d in "${PCSC_DEBS[@]}" "${BEFORE[@]}"; do
    dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q 'install ok installed' || missing+=("$d")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq >>"$WORK/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$WORK/apt.log" 2>&1
  fi
  local still=()
  for d in "${BEFORE[@]}"; do
    dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q 'install ok installed' || still+=("$d")
  done
  if [ ${#still[@]} -gt 0 ]; then
    note "NOT RESTORED: ${still[*]}"
    return 1
  fi
  note "restored Debian packages: ${missing[*]:-nothing was missing}; all of ${BEFORE[*]} installed"
}

# one_order ORDER: a fresh clone, HOME, npm prefix and store, then the two lines in that order.
one_order() {
  local order="$1"
  CLONE="$WORK/clone-$order"
  rm -rf "$WORK/home" "$WORK/npm-prefix"
  mkdir -p "$WORK/home" "$WORK/npm-prefix"
  git clone -q --no-hardlinks "$ROOT" "$CLONE"
  [ $REAL -eq 0 ] || remove_debs
  local hide=$((1 - REAL)) line2="$LINE2"
  [ $REAL -eq 1 ] || line2="$CHEAP_LINE2"
  note "order $order in $CLONE"
  if [ "$order" = 12 ]; then
    run "order12-line1" "$hide" "$LINE1"
    run "order12-line2" 0 "$line2"
  else
    # Line 2 first: the headers are there before the first install (hidden headers would be a
    # different machine), so even the cheap form runs this step with them.
    run "order21-line2" 0 "$line2"
    run "order21-line1" 0 "$LINE1"
  fi
  run "order$order-binding" 0 "node scripts/pcsc-binding.mjs --check"
}

main() {
  note "fresh-machine $( [ $REAL -eq 1 ] && echo real || echo cheap ) test of $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%FT%TZ)"
  note "line 1: $LINE1"
  note "line 2: $LINE2"
  CAFILE=$(npm config get cafile 2>/dev/null)
  [ "$ORDER" = 21 ] || one_order 12
  [ "$ORDER" = 12 ] || one_order 21
  if [ $REAL -eq 1 ]; then restore_debs || FAILED=1; fi
  # A passing run keeps only its transcript and logs (the clones hold whole node_modules).
  [ $FAILED -ne 0 ] || rm -rf "$WORK"/clone-* "$WORK/home" "$WORK/npm-prefix"
  note "$( [ $FAILED -eq 0 ] && echo PASSED || echo FAILED ); logs in $WORK"
  return $FAILED
}

if [ $REAL -eq 1 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "fresh-machine: --real removes Debian packages: run it as root" >&2; exit 2; }
  BEFORE=()
  for d in "${PCSC_DEBS[@]}" pkg-config opensc python3-pycryptodome; do
    dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q 'install ok installed' && BEFORE+=("$d")
  done
  # Everything that uses pcscd or the headers on this machine waits on this lock meanwhile.
  exec 9>/tmp/ssc-pcscd.lock
  flock 9
  trap 'restore_debs >/dev/null 2>&1' EXIT
  main
  rc=$?
  restore_debs >/dev/null 2>&1 || rc=1
  trap - EXIT
  exit $rc
fi
main
