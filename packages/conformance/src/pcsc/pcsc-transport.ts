/**
 * `Transport` over a PC/SC reader (pcscd), through the `smartcard` binding. Raw: it returns
 * exactly what the card answered (61xx / 6Cxx included); wrap it in the T=0 helper to resolve
 * those.
 */
import { ApduError, type Transport } from '@ssc-cos/apdu-codec';
import type { CardInterface, ContextInterface } from 'smartcard';
import { loadSmartcard, type SmartcardModule } from './smartcard-module.js';

export interface PcscTransportOptions {
  /** Reader to use: exact name, or a substring of it (first match), e.g. "PCD 00 00". */
  reader: string;
  /** Exclusive access keeps other PC/SC clients out for the session (default: shared). */
  exclusive?: boolean;
  /** How long to wait for a card in the reader (default 5000 ms). */
  waitForCardMs?: number;
}

/** Largest response we accept: an extended Ne of 65536 plus SW1 SW2. */
const MAX_RESPONSE = 65538;

export class PcscTransport implements Transport {
  private closed = false;

  private constructor(
    private readonly pcsc: SmartcardModule,
    private readonly context: ContextInterface,
    private readonly card: CardInterface,
    /** The reader's full name. */
    readonly readerName: string,
    private readonly shareMode: number,
  ) {}

  /** Connects to the card in the named reader (waiting for one if the reader is empty). */
  static async open(options: PcscTransportOptions): Promise<PcscTransport> {
    const pcsc = await loadSmartcard();
    const context = new pcsc.Context();
    try {
      const deadline = Date.now() + (options.waitForCardMs ?? 5000);
      const shareMode = options.exclusive ? pcsc.SCARD_SHARE_EXCLUSIVE : pcsc.SCARD_SHARE_SHARED;
      for (;;) {
        const readers = context.listReaders();
        const reader =
          readers.find((r) => r.name === options.reader) ??
          readers.find((r) => r.name.includes(options.reader));
        if (reader && (reader.state & pcsc.SCARD_STATE_PRESENT) !== 0) {
          const card = await reader.connect(shareMode, pcsc.SCARD_PROTOCOL_T0 | pcsc.SCARD_PROTOCOL_T1);
          return new PcscTransport(pcsc, context, card, reader.name, shareMode);
        }
        if (Date.now() >= deadline) {
          const names = readers.map((r) => r.name).join(', ') || 'none';
          throw new ApduError(
            'transport',
            reader
              ? `no card in reader "${reader.name}"`
              : `no reader matching "${options.reader}" (readers: ${names})`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } catch (e) {
      context.close();
      throw asTransportError(e, `cannot connect to "${options.reader}"`);
    }
  }

  /** "T0" or "T1", as negotiated by pcscd from the ATR. */
  get protocol(): 'T0' | 'T1' {
    return this.card.protocol === this.pcsc.SCARD_PROTOCOL_T1 ? 'T1' : 'T0';
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.assertOpen();
    try {
      const response = await this.card.transmit(
        Buffer.from(command.buffer, command.byteOffset, command.byteLength),
        {
          maxRecvLength: MAX_RESPONSE,
        },
      );
      return new Uint8Array(response.buffer, response.byteOffset, response.byteLength);
    } catch (e) {
      throw asTransportError(e, `transmit on "${this.readerName}"`);
    }
  }

  async reset(): Promise<Uint8Array> {
    this.assertOpen();
    try {
      await this.card.reconnect(
        this.shareMode,
        this.pcsc.SCARD_PROTOCOL_T0 | this.pcsc.SCARD_PROTOCOL_T1,
        this.pcsc.SCARD_RESET_CARD,
      );
      return this.currentAtr();
    } catch (e) {
      throw asTransportError(e, `reset on "${this.readerName}"`);
    }
  }

  async atr(): Promise<Uint8Array> {
    this.assertOpen();
    try {
      return this.currentAtr();
    } catch (e) {
      throw asTransportError(e, `status of "${this.readerName}"`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.card.disconnect(this.pcsc.SCARD_LEAVE_CARD);
    } catch {
      // The card may already be gone (removed): nothing left to release but the context.
    }
    this.context.close();
  }

  private currentAtr(): Uint8Array {
    const atr = this.card.getStatus().atr;
    return new Uint8Array(atr.buffer, atr.byteOffset, atr.byteLength).slice();
  }

  private assertOpen(): void {
    if (this.closed) throw new ApduError('transport', `PC/SC transport on "${this.readerName}" is closed`);
  }
}

/** The names of the readers pcscd knows. */
export async function listPcscReaders(): Promise<string[]> {
  return (await pcscReaderStates()).map((r) => r.name);
}

/** One reader as pcscd sees it now. */
export interface PcscReaderState {
  name: string;
  /** A card is in the reader (vpcd: a virtual card is connected). */
  present: boolean;
  atr: Uint8Array | null;
}

/** Every reader and whether a card is in it, as pcscd reports it at this moment. */
export async function pcscReaderStates(): Promise<PcscReaderState[]> {
  const pcsc = await loadSmartcard();
  const context = new pcsc.Context();
  try {
    return context.listReaders().map((r) => ({
      name: r.name,
      present: (r.state & pcsc.SCARD_STATE_PRESENT) !== 0,
      atr: r.atr && r.atr.length > 0 ? new Uint8Array(r.atr) : null,
    }));
  } catch (e) {
    throw asTransportError(e, 'listing readers');
  } finally {
    context.close();
  }
}

function asTransportError(e: unknown, what: string): ApduError {
  if (e instanceof ApduError) return e;
  return new ApduError('transport', `PC/SC: ${what}: ${e instanceof Error ? e.message : String(e)}`);
}
