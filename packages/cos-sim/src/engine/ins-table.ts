/** The 256-entry INS → handler table: a command's handler is found in one lookup. */

import { hexByte } from '@ssc-cos/apdu-codec';
import type { AnyCommandHandler } from './handler.js';

export type InsTable = ReadonlyArray<AnyCommandHandler | undefined>;

export function buildInsTable(handlers: readonly AnyCommandHandler[]): InsTable {
  const table: Array<AnyCommandHandler | undefined> = new Array(256).fill(undefined);
  for (const handler of handlers) {
    if (table[handler.ins]) {
      throw new Error(
        `INS ${hexByte(handler.ins)} registered twice (${table[handler.ins]!.name}, ${handler.name})`,
      );
    }
    table[handler.ins] = handler;
  }
  return Object.freeze(table);
}
