/** `--state F`: the card image kept in a file, loaded at start and saved atomically on change. */
import { readFileSync } from 'node:fs';
import type { CardImage } from '../image/types.js';
import { writeFileAtomic } from './atomic-file.js';
import { deserializeImage, serializeImage } from './serialize.js';

/** The image in `path`, or undefined when the file does not exist yet. */
export function loadStateFile(path: string): CardImage | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return deserializeImage(text);
}

export function saveStateFile(path: string, image: CardImage): void {
  writeFileAtomic(path, serializeImage(image));
}
