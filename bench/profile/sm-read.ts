/**
 * Profiling target (not a bench file): the card's READ RECORD under +SM in a tight loop, the
 * same GET CHALLENGE + MAC-ed read as card.bench.ts, for `node --cpu-prof`:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/ssc-prof --import tsx/esm --conditions=@ssc-cos/source \
 *     bench/profile/sm-read.ts ssc-2g-des 300000
 *   npx tsx bench/profile/summarize.ts /tmp/ssc-prof/<file>.cpuprofile
 */
import { protectCommand } from '../../packages/apdu-codec/src/crypto/index.js';
import { buildImage, Card, loadProfile } from '../../packages/cos-sim/src/index.js';
import { smVariant } from '../card.bench.js';

const [profileName = 'ssc-2g-des', readsText = '300000'] = process.argv.slice(2);
const image = buildImage(loadProfile(profileName));
const { image: smImage, lineKey } = smVariant(image);
const bs = image.algorithm === 'sm4' ? 16 : 8;
const challenge = new Uint8Array(bs).map((_, i) => i + 1);
const card = new Card(smImage, { random: () => challenge });
card.transmit(Uint8Array.from([0x00, 0xa4, 0x00, 0x00, 0x02, 0xdf, 0x01]));
const getChallenge = Uint8Array.from([0x00, 0x84, 0x00, 0x00, bs]);
const read = protectCommand(image.algorithm, lineKey, challenge, 0x00, 0xb2, 1, 0x2c, new Uint8Array(0), {
  le: 0,
});
const reads = Number(readsText);
let failures = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < reads; i++) {
  card.transmit(getChallenge);
  const r = card.transmit(read);
  if (r[r.length - 2] !== 0x90) failures++;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(
  `${profileName}: ${reads} +SM reads in ${seconds.toFixed(2)} s = ${(reads / seconds).toFixed(0)}/s, ${failures} failures`,
);
