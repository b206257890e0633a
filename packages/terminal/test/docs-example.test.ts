/** docs/terminal.md's example, through the package's public exports: open DF04 with psam-hospital and read it. */
import { buildImage, Card, CardTransport, loadProfile } from '@ssc-cos/cos-sim';
import * as terminal from '@ssc-cos/terminal';
import { expect, test } from 'vitest';

const open = (profile: string) => {
  const card = new Card(buildImage(loadProfile(profile)));
  card.powerOn();
  return new CardTransport(card);
};

test('05-psam terminal flow (docs/terminal.md example): psam-hospital opens DF04 and reads it; DF03 → PSAM 6A88', async () => {
  const t = await terminal.Terminal.open(
    open('ssc-2g-des'),
    new terminal.PsamKeySource(open('psam-hospital@3des')),
  );
  await t.activateZone(0xdf04);
  await t.openZone(0xdf04);
  const record = await t.readRecord(0x05, { record: 1 });
  expect([record[0], record[1]]).toEqual([0x81, 0x02]);
  expect((await t.readBasicInfo()).name).toBe('张三');
  await expect(t.openZone(0xdf03)).rejects.toMatchObject({ device: 'psam', sw: 0x6a88 });
});
