/**
 * `--shard i/n`: each case goes to shard (FNV-1a of its id) mod n, so the split depends only
 * on the case's id — the same on every machine, and stable when cases are added.
 */
export interface Shard {
  index: number;
  count: number;
}

export class ShardError extends Error {
  override readonly name = 'ShardError';
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new ShardError(`--shard must be i/n (e.g. 1/4), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new ShardError(`--shard ${text}: need 1 ≤ i ≤ n`);
  return { index, count };
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function inShard(id: string, shard: Shard | null): boolean {
  return shard === null || fnv1a(id) % shard.count === shard.index - 1;
}
