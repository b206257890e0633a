/**
 * The one walk down the card's tree: from the MF (already selected), SELECT each DF below it
 * down to `df`, one FID at a time. Down the path, never by a bare FID: a FID is unique among
 * siblings only (ssc-3g has a zone DF01 and the PKI ADF DDF1/DF01). A DF on the way that does
 * not answer 9000 ends the walk there, so nothing is ever done in the wrong DF. Used by the kit
 * (cases), the state snapshot and the model's counter restore; each selects the MF its own way.
 */
import { selectFid } from '../apdus.js';
import { hexWord } from '../bytes.js';
import type { Channel, ChannelReply } from '../channel/channel.js';
import { type DfDescription, pathBelow } from '../description/card-description.js';

/** Where the walk ended: `at` is `df` when it got there, else the DF on the way that refused. */
export interface WalkEnd {
  readonly reply: ChannelReply;
  readonly at: DfDescription;
}

/** The last SELECT of the walk from the MF to `df`; null when `df` is the MF itself. */
export async function selectBelowMf(
  card: Channel,
  mf: DfDescription,
  df: DfDescription,
): Promise<WalkEnd | null> {
  const path = pathBelow(mf, df);
  if (path === null) throw new Error(`DF ${hexWord(df.fid)} is not in the card's tree`);
  let end: WalkEnd | null = null;
  for (const step of path) {
    end = { reply: await card.exchange(selectFid(step.fid)), at: step };
    if (end.reply.sw !== 0x9000) return end;
  }
  return end;
}
