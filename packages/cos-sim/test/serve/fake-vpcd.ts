/**
 * A stand-in for vpcd's side of the socket, for tests that need what vpcd never sends
 * (malformed frames) or never does (dropping the connection mid-frame). It listens like vpcd
 * does and speaks the 07-vpcd.md framing with its own independent parser.
 */
import { createServer, type Server, type Socket } from 'node:net';

export class VpcdPeer {
  private buffer = Buffer.alloc(0);
  private waiting: ((frame: Uint8Array) => void) | null = null;
  private readonly frames: Uint8Array[] = [];
  readonly closed: Promise<void>;
  isClosed = false;

  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 2) {
        const n = this.buffer.readUInt16BE(0);
        if (this.buffer.length < 2 + n) break;
        const frame = new Uint8Array(this.buffer.subarray(2, 2 + n));
        this.buffer = this.buffer.subarray(2 + n);
        if (this.waiting) {
          const w = this.waiting;
          this.waiting = null;
          w(frame);
        } else this.frames.push(frame);
      }
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.isClosed = true;
        resolve();
      }),
    );
  }

  /** Sends one frame: 2-byte length ‖ payload. */
  send(payload: Uint8Array): void {
    const out = Buffer.alloc(payload.length + 2);
    out.writeUInt16BE(payload.length, 0);
    out.set(payload, 2);
    this.socket.write(out);
  }

  /** Sends raw bytes (a half frame, a lying header). */
  sendRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** The next frame from the card; rejects if the card closes the connection first. */
  receive(timeoutMs = 2000): Promise<Uint8Array> {
    const ready = this.frames.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no frame from the card in time')), timeoutMs);
      this.waiting = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      void this.closed.then(() => {
        clearTimeout(timer);
        reject(new Error('card closed the connection'));
      });
    });
  }

  /** Sends a frame and returns the card's reply. */
  async exchange(payload: Uint8Array): Promise<Uint8Array> {
    this.send(payload);
    return this.receive();
  }

  drop(): void {
    this.socket.destroy();
  }
}

export class FakeVpcd {
  private readonly server: Server;
  private readonly pending: VpcdPeer[] = [];
  private waiting: ((peer: VpcdPeer) => void) | null = null;
  private readonly all = new Set<VpcdPeer>();
  connections = 0;

  private constructor(server: Server) {
    this.server = server;
    server.on('connection', (socket) => {
      this.connections++;
      const peer = new VpcdPeer(socket);
      this.all.add(peer);
      void peer.closed.then(() => this.all.delete(peer));
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(peer);
      } else this.pending.push(peer);
    });
  }

  /** Listens on 127.0.0.1 (port 0 = any free port). */
  static async listen(port = 0): Promise<FakeVpcd> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return new FakeVpcd(server);
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    return address.port;
  }

  /** The next card connection (an insertion). */
  accept(timeoutMs = 3000): Promise<VpcdPeer> {
    const ready = this.pending.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no card connected in time')), timeoutMs);
      this.waiting = (peer) => {
        clearTimeout(timer);
        resolve(peer);
      };
    });
  }

  async close(): Promise<void> {
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const peer of this.all) peer.drop();
    await closing;
  }
}
