#!/usr/bin/python3
"""Known-answer vectors of the passbook cryptography (12-payment.md "Cryptography").

An implementation independent of the project's TypeScript: the block ciphers and the CBC
chaining are OpenSSL's command line (`openssl enc`), the composition (session-key inputs,
80-padding, message layouts, key diversification, TAC key) is written here from the words
of 12-payment.md, 04-crypto.md and 06-keys.md.

    /usr/bin/python3 packages/apdu-codec/test/crypto/vectors/pboc.gen.py > packages/apdu-codec/test/crypto/vectors/pboc.json

Published PBOC worked examples (research-grade blog posts that agree with one another) are
recomputed first; the script stops if OpenSSL does not reproduce them.
"""
import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[5]


def openssl(cipher: str, key: bytes, data: bytes, iv: bytes | None = None) -> bytes:
    args = ['openssl', 'enc', cipher, '-nopad', '-K', key.hex()]
    if iv is not None:
        args += ['-iv', iv.hex()]
    # single DES lives in OpenSSL 3's legacy provider
    args += ['-provider', 'legacy', '-provider', 'default']
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout


def ecb(alg: str, key: bytes, data: bytes) -> bytes:
    if alg == 'sm4':
        return openssl('-sm4-ecb', key, data)
    return openssl('-des-ede-ecb' if len(key) == 16 else '-des-ecb', key, data)


def pad80(data: bytes, bs: int) -> bytes:
    data = data + b'\x80'
    return data + b'\x00' * ((-len(data)) % bs)


def pboc_mac(alg: str, key: bytes, message: bytes) -> bytes:
    """CBC-MAC, IV 0, always 80-padded, left 4 bytes: single DES (8-byte key) or SM4."""
    if alg == 'sm4':
        assert len(key) == 16
        out = openssl('-sm4-cbc', key, pad80(message, 16), bytes(16))
        return out[-16:][:4]
    assert len(key) == 8
    out = openssl('-des-cbc', key, pad80(message, 8), bytes(8))
    return out[-8:][:4]


def invert(b: bytes) -> bytes:
    return bytes(x ^ 0xFF for x in b)


def session_key(alg: str, key: bytes, input8: bytes) -> bytes:
    assert len(input8) == 8
    if alg == 'sm4':
        return ecb(alg, key, input8 + invert(input8))
    return ecb(alg, key, input8)


def diversify(alg: str, master: bytes, factor: bytes) -> bytes:
    """04-crypto DIV(MK, D), D 8 bytes: 3DES E(D) ‖ E(~D); SM4 E(D ‖ ~D)."""
    if alg == 'sm4':
        return ecb(alg, master, factor + invert(factor))
    return ecb(alg, master, factor) + ecb(alg, master, invert(factor))


def tac_key(alg: str, dtk: bytes) -> bytes:
    return dtk if alg == 'sm4' else bytes(a ^ b for a, b in zip(dtk[:8], dtk[8:]))


def master_from_label(name: str) -> bytes:
    return hashlib.sha256(('ssc-cos test ' + name).encode('ascii')).digest()[:16]


def h(s: str) -> bytes:
    return bytes.fromhex(s.replace(' ', ''))


def purchase(alg, dpk, dtk, random4, counter, sn, amount, ttype, tid, date, time):
    sk = session_key(alg, dpk, random4 + counter + sn[2:4])
    v = {
        'alg': alg, 'dpk': dpk.hex().upper(), 'random': random4.hex().upper(),
        'offlineCounter': counter.hex().upper(), 'terminalSn': sn.hex().upper(),
        'amount': amount.hex().upper(), 'type': '%02X' % ttype, 'terminalId': tid.hex().upper(),
        'date': date.hex().upper(), 'time': time.hex().upper(),
        'sespk': sk.hex().upper(),
        'mac1': pboc_mac(alg, sk, amount + bytes([ttype]) + tid + date + time).hex().upper(),
        'mac2': pboc_mac(alg, sk, amount).hex().upper(),
    }
    if dtk is not None:
        v['dtk'] = dtk.hex().upper()
        v['tac'] = pboc_mac(alg, tac_key(alg, dtk), amount + bytes([ttype]) + tid + sn + date + time).hex().upper()
    return v


def load(alg, dlk, dtk, random4, counter, balance, amount, ttype, tid, date, time):
    sk = session_key(alg, dlk, random4 + counter + b'\x80\x00')
    after = (int.from_bytes(balance, 'big') + int.from_bytes(amount, 'big')).to_bytes(4, 'big')
    v = {
        'alg': alg, 'dlk': dlk.hex().upper(), 'random': random4.hex().upper(),
        'onlineCounter': counter.hex().upper(), 'balanceBefore': balance.hex().upper(),
        'amount': amount.hex().upper(), 'type': '%02X' % ttype, 'terminalId': tid.hex().upper(),
        'date': date.hex().upper(), 'time': time.hex().upper(),
        'seslk': sk.hex().upper(),
        'mac1': pboc_mac(alg, sk, balance + amount + bytes([ttype]) + tid).hex().upper(),
        'mac2': pboc_mac(alg, sk, amount + bytes([ttype]) + tid + date + time).hex().upper(),
    }
    if dtk is not None:
        v['dtk'] = dtk.hex().upper()
        v['balanceAfter'] = after.hex().upper()
        v['tac'] = pboc_mac(alg, tac_key(alg, dtk), after + counter + amount + bytes([ttype]) + tid + date + time).hex().upper()
    return v


def published():
    """cnblogs.com/ttss/p/4280430.html (purchase) and the companion load article (圈存)."""
    key = h('11223344556677888877665544332211')
    p = purchase('3des', key, None, h('11223344'), h('0000'), h('00000001'), h('00001000'), 0x06,
                 h('001122334455'), h('20120229'), h('135100'))
    # The articles print the MAC1 date-time 20120229135100 and these results.
    assert (p['sespk'], p['mac1'], p['mac2']) == ('003238ABC57659DD', 'F15CAB75', '56988A13'), p
    lo = load('3des', key, None, h('11223344'), h('0000'), h('00000000'), h('00001000'), 0x01,
              h('001122334455'), h('20111221'), h('214822'))
    assert (lo['seslk'], lo['mac1'], lo['mac2']) == ('9B1D924E05595603', '2988AE5A', '3A845BF0'), lo
    src_p = ('published PBOC example (基于PBOC电子钱包的消费过程详解, https://cnblogs.com/ttss/p/4280430.html; '
             'same values at blog.csdn.net/slj_win/article/details/42240845), recomputed with OpenSSL')
    src_l = ('published PBOC example (基于PBOC的电子钱包的圈存过程, '
             'https://topic.alibabacloud.com/a/pboc-based-electronic-wallet-storage-process_8_8_31837085.html), '
             'recomputed with OpenSSL')
    return ({'name': 'published EP purchase example (type 06)', 'source': src_p, **p},
            {'name': 'published load example', 'source': src_l, **lo})


def profile_card_factor(name: str) -> bytes:
    prof = json.loads((ROOT / 'vectors' / 'profiles' / (name + '.json')).read_text())
    atr = h(prof['atr']['prefix'] + prof['atr']['serial'])
    return atr[-8:]


def main():
    src = 'pboc.gen.py: OpenSSL ' + subprocess.run(['openssl', 'version'], capture_output=True, text=True).stdout.split()[1]
    pub_p, pub_l = published()
    out = {
        'description': 'Passbook cryptography of 12-payment.md: SESPK/SESLK, MAC1, MAC2, TAC. Hex, upper case. '
                       'Made by pboc.gen.py (OpenSSL command line), not by the project\'s code.',
        'keys': [], 'purchase': [pub_p], 'load': [pub_l], 'mac': [],
    }
    spec_masters = {  # 06-keys.md
        'MP-DLK-DF04': '8C1D2055DDF0B63C0818AAAEE4B1563D',
        'MP-DPK-DF04': '206C0B357690C1E81FD6199459895239',
        'MP-DTK-DF04': '15807110B1AFD5BB54738862CA95DEED',
    }
    masters = {}
    for name, hexval in spec_masters.items():
        m = master_from_label(name)
        assert m.hex().upper() == hexval, (name, m.hex())
        masters[name] = m
    for profile, alg in (('ssc-2g-des', '3des'), ('ssc-3g-sm4', 'sm4')):
        factor = profile_card_factor(profile)
        card = {}
        for name, m in masters.items():
            card[name] = diversify(alg, m, factor)
            out['keys'].append({'name': f'{profile} {name[3:6]}', 'source': src + ' (06-keys.md label rule, 04-crypto DIV)',
                                'alg': alg, 'master': m.hex().upper(), 'cardFactor': factor.hex().upper(),
                                'key': card[name].hex().upper()})
        dpk, dlk, dtk = card['MP-DPK-DF04'], card['MP-DLK-DF04'], card['MP-DTK-DF04']
        # 12.34 yuan at the hospital terminal 110100000001, first transaction of the card.
        out['purchase'].append({'name': f'{profile}: 12.34 yuan at psam-hospital', 'source': src,
                                **purchase(alg, dpk, dtk, h('1A2B3C4D'), h('0000'), h('00000001'), h('000004D2'),
                                           0x05, h('110100000001'), h('20261201'), h('120000'))})
        out['load'].append({'name': f'{profile}: 50.00 yuan load at psam-issuer terminal', 'source': src,
                            **load(alg, dlk, dtk, h('5E6F7081'), h('0000'), h('00002710'), h('00001388'),
                                   0x01, h('110100000000'), h('20261201'), h('120500'))})
        rng = random.Random(f'pboc-{alg}')
        for i in range(4):
            rb = lambda n: bytes(rng.randrange(256) for _ in range(n))  # noqa: E731
            out['purchase'].append({'name': f'{alg} random purchase {i + 1}', 'source': src,
                                    **purchase(alg, rb(16), rb(16), rb(4), rb(2), rb(4), rb(4), 0x05, rb(6), rb(4), rb(3))})
            out['load'].append({'name': f'{alg} random load {i + 1}', 'source': src,
                                **load(alg, rb(16), rb(16), rb(4), rb(2), rb(2) + rb(2), b'\x00' + rb(3), 0x01,
                                       rb(6), rb(4), rb(3))})
        # MAC padding edges: empty, one byte short of a block, a whole block (adds 80 00… block), two blocks.
        bs = 16 if alg == 'sm4' else 8
        klen = 16 if alg == 'sm4' else 8
        for n in (0, bs - 1, bs, 2 * bs + 3):
            key, msg = rng.randbytes(klen), rng.randbytes(n)
            out['mac'].append({'name': f'{alg} MAC over {n} bytes', 'source': src, 'alg': alg,
                               'key': key.hex().upper(), 'message': msg.hex().upper(),
                               'mac': pboc_mac(alg, key, msg).hex().upper()})
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
