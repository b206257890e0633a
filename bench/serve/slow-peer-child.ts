/**
 * Child of bench/serve-backpressure.bench.ts: a served card (ssc-2g-des, real engine) behind a
 * vpcd peer that never reads. The peer writes 100 MB of READ BINARY frames (256-byte answers)
 * as fast as its own socket takes them, never reading one answer. Prints the RSS before and the
 * peak RSS after (process.resourceUsage().maxRSS), and how much the card answered.
 */
import { createServer, type Socket } from 'node:net';
import { Card } from '../../packages/cos-sim/src/card.js';
import { buildImage, loadProfile } from '../../packages/cos-sim/src/profile/index.js';
import { silentLog } from '../../packages/cos-sim/src/serve/servable-card.js';
import { VpcdSlot } from '../../packages/cos-sim/src/serve/vpcd-slot.js';

const TOTAL = 100 * 1024 * 1024;
const frame = Buffer.from([0x00, 0x05, 0x00, 0xb0, 0x87, 0x00, 0x00]);
const chunk = Buffer.concat(Array.from({ length: (64 * 1024) / frame.length }, () => frame));

const rssBefore = process.memoryUsage().rss;
const done = new Promise<{ written: number }>((resolve) => {
  const server = createServer((s: Socket) => {
    s.pause();
    s.on('error', () => {});
    let written = 0;
    let idle: NodeJS.Timeout | null = null;
    const finish = () => {
      if (idle) clearTimeout(idle);
      s.destroy();
      server.close();
      resolve({ written });
    };
    s.once('close', finish);
    const pump = () => {
      if (idle) clearTimeout(idle);
      while (written < TOTAL) {
        written += chunk.length;
        if (!s.write(chunk)) {
          idle = setTimeout(finish, 2000); // the card stopped reading us for 2 s
          s.once('drain', pump);
          return;
        }
      }
      finish();
    };
    pump();
  });
  server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as { port: number }).port;
    const card = new Card(buildImage(loadProfile('ssc-2g-des')), { seed: 1 });
    const slot = new VpcdSlot({ card, port, log: silentLog, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    slot.insert();
    void done.then(() => {
      process.stdout.write(
        `${JSON.stringify({
          rssBefore,
          maxRss: process.resourceUsage().maxRSS * 1024,
          apdus: slot.stats.apdus,
          drops: slot.stats.slowPeerDrops,
        })}\n`,
      );
      void slot.close().then(() => process.exit(0));
    });
  });
});
