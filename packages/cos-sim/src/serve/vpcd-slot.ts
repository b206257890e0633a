/**
 * One virtual card in one vpcd reader slot (07-vpcd.md). The card is a TCP *client*: it
 * connects to vpcd's port (inserted), closes the socket (removed), answers controls at once and
 * APDUs with the card's response. It keeps trying to connect while pcscd is down or restarting,
 * and survives anything the peer sends: a malformed frame is logged and the connection reset.
 *
 * Bounded (issue 15): answers wait in the socket's write queue only up to QUEUE_PAUSE_BYTES,
 * then the slot stops reading that peer until the queue drains (vpcd reads every answer at
 * once, so a real vpcd never notices); a queue past QUEUE_DROP_BYTES (one read's worth of
 * frames can answer a lot) drops the connection. Reconnection backs off exponentially unless
 * the lost connection was a stable one, and a vpcd host name that does not resolve is final.
 */

import { createConnection, type Socket } from 'node:net';
import { hexByte, toHex } from '@ssc-cos/apdu-codec';
import { sleepAtLeast } from '../timing/sleep-at-least.js';
import { loadQuickAck, type QuickAckFn, socketFd } from './quick-ack.js';
import type { ServableCard, ServeLog } from './servable-card.js';
import { encodeVpcdFrame, MAX_VPCD_PAYLOAD, VpcdControl, VpcdFrameDecoder } from './vpcd-frame.js';

export interface VpcdSlotOptions {
  card: ServableCard;
  port: number;
  host?: string;
  log: ServeLog;
  /** Log every control and APDU (hex) through log.trace. */
  trace?: boolean;
  /** Set TCP_QUICKACK after each read and write (default true). */
  quickAck?: boolean;
  /**
   * Delay before reconnecting: the first retry after losing a stable connection (one that
   * carried a frame and lasted STABLE_CONNECTION_MS) is immediate; every other one backs off
   * from initialMs, doubling up to maxMs.
   */
  backoff?: { initialMs: number; maxMs: number };
  /** The slot stopped for good (its vpcd host does not resolve); it is no longer inserted. */
  onGiveUp?: (reason: string) => void;
  /** Called after each APDU, before its answer is sent (to persist a changed image). */
  afterApdu?: () => void;
  /**
   * Milliseconds to hold each answer back (`serve --timing real`, src/timing): the card answers
   * as late as a real one would. vpcd sends nothing else to the slot while an APDU is out.
   */
  responseDelayMs?: (command: Uint8Array, response: Uint8Array) => number;
  /** Called when vpcd first talks to the card on a connection / when the connection is lost. */
  onConnect?: () => void;
  onDisconnect?: () => void;
}

export interface VpcdSlotStats {
  connections: number;
  apdus: number;
  controls: number;
  badFrames: number;
  /** Connections dropped because the peer left more than QUEUE_DROP_BYTES of answers unread. */
  slowPeerDrops: number;
}

/** Above this many unsent answer bytes the slot stops reading the peer until they drain. */
export const QUEUE_PAUSE_BYTES = 64 * 1024;
/** Above this many, the peer is not reading at all: the connection is dropped. */
export const QUEUE_DROP_BYTES = 1024 * 1024;
/** A connection that lasted this long was a working one: losing it retries at once. */
export const STABLE_CONNECTION_MS = 1000;
/**
 * vpcd polls a card it has taken at once and about every 400 ms; a connection silent this long
 * was never taken: vpcd (listen backlog, one client at a time) left it queued because another
 * card holds that reader slot.
 */
export const SILENT_CONNECTION_MS = 2000;

/** The card's answer when it cannot give a better one (ISO 7816-4: no precise diagnosis). */
const SW_NO_DIAGNOSIS = new Uint8Array([0x6f, 0x00]);

let quickAckWarned = false;

export class VpcdSlot {
  readonly port: number;
  readonly host: string;
  readonly stats: VpcdSlotStats = { connections: 0, apdus: 0, controls: 0, badFrames: 0, slowPeerDrops: 0 };

  private readonly card: ServableCard;
  private readonly log: ServeLog;
  private readonly trace: boolean;
  private readonly quickAck: QuickAckFn | null;
  private readonly backoff: { initialMs: number; maxMs: number };
  private readonly options: VpcdSlotOptions;
  private readonly decoder: VpcdFrameDecoder;
  /** Where the socket reads land (a frame may span reads: the decoder keeps what it needs). */
  private readonly readBuffer = Buffer.allocUnsafe(64 * 1024);

  private wantInserted = false;
  private socket: Socket | null = null;
  private fd = -1;
  private connected = false;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** Whether the current connection has carried one valid frame (it "worked"). */
  private servedOnThisConnection = false;
  private waitingLogged = false;
  private connectedAt = 0;
  /** Reading is paused until the write queue drains (backpressure). */
  private readPaused = false;
  /** Warns when vpcd leaves this connection waiting (another card in the slot). */
  private silenceTimer: NodeJS.Timeout | null = null;
  private atr: Uint8Array;
  private powered = false;

  constructor(options: VpcdSlotOptions) {
    this.options = options;
    this.card = options.card;
    this.port = options.port;
    this.host = options.host ?? '127.0.0.1';
    this.log = options.log;
    this.trace = options.trace ?? false;
    this.backoff = options.backoff ?? { initialMs: 50, maxMs: 2000 };
    this.quickAck = options.quickAck === false ? null : resolveQuickAck(options.log);
    this.decoder = new VpcdFrameDecoder((payload) => this.onFrame(payload));
    this.atr = this.card.powerOn();
  }

  /** True while the card is meant to be in the reader (it may still be waiting for vpcd). */
  get inserted(): boolean {
    return this.wantInserted;
  }

  /** True while a TCP connection to vpcd is up. */
  get online(): boolean {
    return this.connected;
  }

  /** Puts the card in the reader: connects to vpcd (and keeps reconnecting). */
  insert(): void {
    if (this.wantInserted) return;
    this.wantInserted = true;
    this.failures = 0;
    this.connect();
  }

  /** Takes the card out: closes the socket, stops reconnecting, powers the card down. */
  remove(): void {
    if (!this.wantInserted) return;
    this.wantInserted = false;
    this.cancelTimer();
    this.socket?.destroy();
    this.powered = false;
  }

  toggle(): void {
    if (this.wantInserted) this.remove();
    else this.insert();
  }

  /** Removes the card and resolves once the socket is closed. */
  async close(): Promise<void> {
    const socket = this.socket;
    this.remove();
    if (socket && !socket.closed) await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  }

  private connect(): void {
    this.cancelTimer();
    if (!this.wantInserted || this.socket) return;
    const socket = createConnection({
      host: this.host,
      port: this.port,
      noDelay: true,
      // Reads land in one buffer of ours, straight from libuv, without the stream machinery
      // ('data' events): the lowest per-APDU cost Node offers. The decoder copies payloads out.
      onread: {
        buffer: this.readBuffer,
        callback: (length: number, buffer: Uint8Array) => {
          if (this.quickAck !== null && this.fd >= 0) this.quickAck(this.fd);
          this.decoder.push(buffer.subarray(0, length));
          return !this.readPaused; // false pauses reading until 'drain' resumes it
        },
      },
    });
    this.socket = socket;
    this.servedOnThisConnection = false;
    this.readPaused = false;
    socket.on('drain', () => {
      if (!this.readPaused) return;
      this.readPaused = false;
      socket.resume();
    });
    socket.on('connect', () => {
      this.connected = true;
      this.connectedAt = Date.now();
      this.stats.connections++;
      this.fd = socketFd(socket) ?? -1;
      if (this.quickAck && this.fd < 0) warnOnce(this.log, 'socket fd not available: TCP_QUICKACK off');
      // A fresh insertion: contacts activated from cold.
      this.atr = this.card.powerOn();
      this.powered = true;
      // vpcd accepts a second client on a busy port and leaves it waiting: the card is only
      // "inserted" once vpcd talks to it (its first presence poll comes at once).
      if (this.trace) this.log.trace(`# [${this.port}] connected to vpcd at ${this.host}:${this.port}`);
      this.waitingLogged = false;
      this.silenceTimer = setTimeout(() => {
        this.silenceTimer = null;
        if (this.servedOnThisConnection || this.socket !== socket) return;
        this.log.warn(
          `[${this.port}] connected to ${this.host}:${this.port}, but vpcd has not talked to this card for ${SILENT_CONNECTION_MS / 1000} s: ` +
            'the port is already served (another cos-sim serve, or vicc, holds this reader slot); this card goes in when that one leaves',
        );
      }, SILENT_CONNECTION_MS);
      this.silenceTimer.unref();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!this.connected && error.code === 'ENOTFOUND') {
        this.giveUp(`vpcd host ${this.host} does not resolve (ENOTFOUND)`);
        return;
      }
      if (!this.connected && !this.waitingLogged) {
        this.waitingLogged = true;
        this.log.info(
          `[${this.port}] waiting for vpcd at ${this.host}:${this.port} (${error.code ?? error.message})`,
        );
      } else if (this.connected) {
        this.log.warn(`[${this.port}] connection error: ${error.code ?? error.message}`);
      }
    });
    socket.on('close', () => this.onClose(socket));
  }

  private onClose(socket: Socket): void {
    if (this.socket !== socket) return;
    const wasConnected = this.connected;
    this.socket = null;
    this.connected = false;
    this.fd = -1;
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
    this.decoder.clear();
    const worked = wasConnected && this.servedOnThisConnection;
    if (worked) {
      this.log.info(`[${this.port}] card out of the reader (connection closed)`);
      this.options.onDisconnect?.();
    }
    if (!this.wantInserted) return;
    // Lost a stable connection (pcscd restarted): retry at once. Anything else backs off, also
    // a peer that takes a frame and drops (once ~700 reconnections a second).
    const stable = worked && Date.now() - this.connectedAt >= STABLE_CONNECTION_MS;
    if (stable) this.failures = 0;
    const delay = stable
      ? 0
      : Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(this.failures++, 16));
    this.timer = setTimeout(() => this.connect(), delay);
  }

  private giveUp(reason: string): void {
    this.wantInserted = false;
    this.cancelTimer();
    this.log.warn(`[${this.port}] ${reason}: not retrying`);
    this.options.onGiveUp?.(reason);
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private onFrame(payload: Uint8Array): void {
    if (payload.length === 0) {
      this.badFrame('empty payload');
      return;
    }
    if (payload.length === 1) {
      this.onControl(payload[0]!);
      return;
    }
    this.announce();
    this.stats.apdus++;
    if (!this.powered) {
      // vpcd always powers the card first; if it did not, behave as contacts just activated.
      this.atr = this.card.powerOn();
      this.powered = true;
    }
    if (this.trace) this.log.trace(`${this.stamp()} > ${toHex(payload)}`);
    let response: Uint8Array;
    try {
      response = this.card.transmit(payload);
    } catch (e) {
      // The card contract says it never throws; if it ever does, a real card would still answer.
      this.log.warn(`[${this.port}] card threw on ${toHex(payload)}: ${(e as Error).message}`);
      response = SW_NO_DIAGNOSIS;
    }
    if (response.length === 0) {
      // 12-payment 防拔 (`cut-power-after N`): the card lost power mid-command. It answers
      // nothing and is out of the reader, as a card pulled mid-transaction: the terminal's
      // exchange fails; `insert` puts the card back, as after a power-on.
      this.log.info(
        `[${this.port}] power cut during ${toHex(payload.subarray(0, 4))}: no answer, card out of the reader`,
      );
      this.options.afterApdu?.();
      this.remove();
      return;
    }
    if (response.length < 2 || response.length > MAX_VPCD_PAYLOAD) response = SW_NO_DIAGNOSIS;
    if (this.trace) this.log.trace(`${this.stamp()} < ${toHex(response)}`);
    // Persist before answering, as a card writes its EEPROM before the status word: once the
    // terminal has seen the answer, a kill -9 cannot lose what the command changed.
    this.options.afterApdu?.();
    const delay = this.options.responseDelayMs?.(payload, response) ?? 0;
    if (delay > 0) void sleepAtLeast(delay).then(() => this.send(response));
    else this.send(response);
  }

  /** Time and device of a trace line in the one trace format (docs/trace.md): the vpcd port. */
  private stamp(): string {
    return `${new Date().toISOString()} @${this.port}`;
  }

  private onControl(code: number): void {
    this.stats.controls++;
    switch (code) {
      case VpcdControl.powerOff:
        this.powered = false;
        if (this.trace) this.log.trace(`# ${this.stamp()} power off`);
        break;
      case VpcdControl.powerOn:
        this.atr = this.card.powerOn();
        this.powered = true;
        if (this.trace)
          this.log.trace(`${this.stamp()} reset\n${this.stamp()} < ${toHex(this.atr)}\n# power on`);
        break;
      case VpcdControl.reset:
        this.atr = this.card.reset();
        this.powered = true;
        if (this.trace)
          this.log.trace(`${this.stamp()} reset\n${this.stamp()} < ${toHex(this.atr)}\n# warm reset`);
        break;
      case VpcdControl.getAtr:
        // Presence poll, about every 400 ms: answered at once, no trace (it would drown the log).
        this.send(this.atr);
        break;
      default:
        this.stats.controls--;
        this.badFrame(`unknown control byte ${hexByte(code)}`);
        return;
    }
    this.announce();
  }

  /** First valid frame on this connection: vpcd has taken the card (reader shows it). */
  private announce(): void {
    if (this.servedOnThisConnection) return;
    this.servedOnThisConnection = true;
    this.log.info(`[${this.port}] card inserted (vpcd at ${this.host}:${this.port} is polling it)`);
    this.options.onConnect?.();
  }

  private send(payload: Uint8Array): void {
    const socket = this.socket;
    if (!socket || !this.connected) return;
    socket.write(encodeVpcdFrame(payload));
    if (this.quickAck !== null && this.fd >= 0) this.quickAck(this.fd);
    const queued = socket.writableLength;
    if (queued > QUEUE_DROP_BYTES) {
      this.stats.slowPeerDrops++;
      this.log.warn(`[${this.port}] vpcd peer leaves its answers unread (${queued} bytes): dropping it`);
      this.decoder.clear(); // the rest of the current read is not answered
      socket.destroy();
    } else if (queued > QUEUE_PAUSE_BYTES) this.readPaused = true;
  }

  private badFrame(what: string): void {
    this.stats.badFrames++;
    this.log.warn(`[${this.port}] malformed vpcd frame (${what}): resetting the connection`);
    this.decoder.clear();
    this.socket?.destroy();
  }
}

function resolveQuickAck(log: ServeLog): QuickAckFn | null {
  const loaded = loadQuickAck();
  if (typeof loaded === 'function') return loaded;
  warnOnce(log, `${loaded.reason}; TCP_QUICKACK off, expect ~40 ms per APDU behind vpcd`);
  return null;
}

function warnOnce(log: ServeLog, message: string): void {
  if (quickAckWarned) return;
  quickAckWarned = true;
  log.warn(message);
}
