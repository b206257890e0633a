/**
 * The command × status-word cells a card of this profile can reach by a documented cause
 * (02-commands §Order of checks and the command tables), so the report can show what a run did
 * NOT reach, not only what it did. Cells that need a feature the profile lacks are left out:
 * 6283 without a blocked DF, 6987 without a +SM rule, 61XX / GET RESPONSE under T=1.
 */
import { allDfs, type CardDescription } from '../description/card-description.js';

const BASE: Record<string, readonly string[]> = {
  SELECT: ['9000', '61XX', '6283', '6A82', '6A86', '6700'],
  'READ BINARY': ['9000', '6B00', '6CXX', '6981', '6982', '6986', '6A82', '6A81'],
  'UPDATE BINARY': ['9000', '6B00', '6981', '6982', '6A82'],
  'READ RECORD': ['9000', '6CXX', '6A83', '6981', '6982', '6986', '6A82', '6A81', '6987'],
  'UPDATE RECORD': ['9000', '6700', '6A83', '6982', '6A82'],
  'APPEND RECORD': ['9000', '6982'],
  'GET CHALLENGE': ['9000', '6700', '6A86'],
  'EXTERNAL AUTHENTICATE': ['9000', '63CX', '6983', '6984', '6A88'],
  'INTERNAL AUTHENTICATE': ['9000'],
  VERIFY: ['9000', '63CX', '6983', '6A80', '6A81'],
  'CHANGE PIN': ['9000', '63CX', '6983'],
  'RELOAD PIN': ['9000', '6988'],
  'PIN UNBLOCK': ['9000', '6988'],
  'APPLICATION BLOCK': ['9000', '6984', '6988'],
  'APPLICATION UNBLOCK': ['9000', '6988', '9303'],
  'CARD BLOCK': ['9000'],
  'GET RESPONSE': ['9000', '61XX', '6985'],
};

/** "command|sw" cells reachable on this profile. */
export function reachableCells(card: CardDescription): string[] {
  const dfs = allDfs(card);
  const blockedDf = dfs.some((df) => df.lifecycle !== 'active');
  const sm = dfs.some((df) => df.efs.some((ef) => ef.read.sm || ef.write.sm));
  const t0 = card.transport === 'T0';
  const out: string[] = [];
  for (const [command, sws] of Object.entries(BASE)) {
    if (command === 'GET RESPONSE' && !t0) continue;
    for (const sw of sws) {
      if (sw === '61XX' && !t0) continue;
      if (sw === '6283' && !blockedDf) continue;
      if (sw === '6987' && !sm) continue;
      out.push(`${command}|${sw}`);
    }
  }
  return out;
}
