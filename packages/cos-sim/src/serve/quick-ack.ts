/**
 * TCP_QUICKACK through libc setsockopt (07-vpcd.md, "the latency trap").
 *
 * vpcd writes each frame's header and payload separately with Nagle on; if our side delays
 * its ACK (Linux does, ~40 ms), every APDU stalls. Linux clears TCP_QUICKACK by itself after a
 * while, so it has to be set again after every read and write. Node has no option for it, hence
 * the FFI (koffi, loaded lazily so that a missing or broken koffi only costs speed).
 */
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

const IPPROTO_TCP = 6;
const TCP_QUICKACK = 12;

/** Sets TCP_QUICKACK on a socket fd; cheap enough to call per read/write. */
export type QuickAckFn = (fd: number) => void;

/** Why quick-ack is off, when it is. */
export interface QuickAckUnavailable {
  reason: string;
}

let cached: QuickAckFn | QuickAckUnavailable | undefined;

/**
 * Loads `setsockopt` from libc once per process. Returns the setter, or why it is unavailable
 * (not Linux, koffi missing, libc not found).
 */
export function loadQuickAck(): QuickAckFn | QuickAckUnavailable {
  if (cached !== undefined) return cached;
  cached = tryLoad();
  return cached;
}

function tryLoad(): QuickAckFn | QuickAckUnavailable {
  if (process.platform !== 'linux') return { reason: `TCP_QUICKACK is Linux-only (${process.platform})` };
  try {
    const require = createRequire(import.meta.url);
    const koffi = require('koffi') as typeof import('koffi');
    const libc = koffi.load('libc.so.6');
    const setsockopt = libc.func('int setsockopt(int, int, int, const void *, uint32_t)') as (
      fd: number,
      level: number,
      name: number,
      value: Int32Array,
      length: number,
    ) => number;
    // One shared option value: no allocation per call.
    const one = new Int32Array([1]);
    return (fd: number) => {
      setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, one, 4);
    };
  } catch (e) {
    return { reason: `cannot call setsockopt through koffi: ${(e as Error).message}` };
  }
}

/**
 * The OS file descriptor of a connected net.Socket, or null. `_handle.fd` is undocumented
 * Node internals, so every step is checked rather than trusted.
 */
export function socketFd(socket: Socket): number | null {
  const handle = (socket as unknown as { _handle?: { fd?: unknown } })._handle;
  const fd = handle?.fd;
  return typeof fd === 'number' && Number.isInteger(fd) && fd >= 0 ? fd : null;
}
