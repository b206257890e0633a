"""Drives Debian vicc's ISO 7816 card object (Iso7816OS.execute) in a Python loop, no sockets.

Usage: vicc_in_process.py COUNT APDU_HEX [APDU_HEX ...]
Prints one JSON line: {"apdus", "seconds", "apdus_per_s", "answers"} where "answers" are the
hex responses to the first round (so the caller can check both cards did the same work).

vicc's default card has no EF05, so the script adds one to its MF: a linear record file, FID
EF05, SFI 5, holding the same 18-byte card identification record (01 10 ...) as ssc-2g-des (01-card.md),
so READ RECORD 1 by SFI does the same work on both cards. Needs the 07-vpcd.md
workaround on PYTHONPATH (module folder one level up, Crypto -> Cryptodome shim).
"""
import json
import sys
import time

from virtualsmartcard.CardGenerator import CardGenerator
from virtualsmartcard.ConstantDefinitions import FDB
from virtualsmartcard.SmartcardFilesystem import Record, RecordStructureEF
from virtualsmartcard.VirtualSmartcard import Iso7816OS

RECORD = bytes.fromhex("0110110100d1560000052611220000010000")


def main() -> None:
    count = int(sys.argv[1])
    apdus = [bytes.fromhex(h) for h in sys.argv[2:]]
    mf, sam = CardGenerator("iso7816").getCard()
    mf.append(
        RecordStructureEF(
            parent=mf,
            fid=0xEF05,
            filedescriptor=FDB["EFSTRUCTURE_LINEAR_VARIABLE_NOFURTHERINFO"],
            shortfid=5,
            records=[Record(identifier=1, data=RECORD)],
        )
    )
    card = Iso7816OS(mf, sam)
    answers = [card.execute(a).hex().upper() for a in apdus]
    for i in range(min(count, 1000)):  # warm-up, as on the Node side
        card.execute(apdus[i % len(apdus)])
    n = len(apdus)
    t0 = time.perf_counter()
    for i in range(count):
        card.execute(apdus[i % n])
    seconds = time.perf_counter() - t0
    print(json.dumps({"apdus": count, "seconds": seconds, "apdus_per_s": count / seconds, "answers": answers}))


if __name__ == "__main__":
    main()
