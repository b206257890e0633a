#!/bin/bash
# Captures genuine samples of one session against cos-sim (vectors/samples/session.*): a scriptor output
# log, a pcscd --apdu log and the cos-sim serve trace. Run as: flock /tmp/ssc-pcscd.lock scripts/capture-trace-samples.sh
set -u
cd "$(dirname "$0")/.."
OUT=${OUT:-$(mktemp -d)}
if pidof pcscd >/dev/null; then echo "pcscd already running: $(pidof pcscd); stop it first" >&2; exit 1; fi
/usr/sbin/pcscd --foreground --apdu > $OUT/pcscd.log 2>&1 &
PCSCD=$!
sleep 2
setsid pnpm cos-sim serve --slot ssc-2g-des@35963 --trace-file $OUT/serve.trace > $OUT/serve.out 2> $OUT/serve.err &
SERVE=$!
for i in $(seq 1 60); do timeout 3 pcsc_scan -c -n 2>/dev/null | grep -q "3B 6D" && break; sleep 1; done
cat > $OUT/script.txt <<'S'
# scriptor session against cos-sim (ssc-2g-des)
00A404000F7378312E73682EC9E7BBE1B1A3D5CF
00C000001B
00B2012C00
reset
0084000008
00A4000002EF05
00B2022C00
S
scriptor -r "Virtual PCD 00 00" $OUT/script.txt > $OUT/scriptor.out 2>&1
echo "scriptor rc=$?"
kill -TERM -- -$SERVE; wait $SERVE 2>/dev/null
sleep 1
kill -TERM $PCSCD; wait $PCSCD 2>/dev/null
echo "samples in $OUT: scriptor.out pcscd.log serve.trace (vectors/samples/session.*)"
