/** The personalisation commands of 09-perso.md, for commands/registry.ts. */
import type { AnyCommandHandler } from '../engine/handler.js';
import { createFileHandler } from './perso-create-file.js';
import { eraseDfHandler } from './perso-erase-df.js';
import { writeKeyHandler } from './perso-write-key.js';

export const persoHandlers: readonly AnyCommandHandler[] = Object.freeze([
  createFileHandler,
  writeKeyHandler,
  eraseDfHandler,
]);
