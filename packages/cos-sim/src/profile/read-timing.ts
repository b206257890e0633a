/** The profile option `timing` (docs/profile.md "Options"): per-card figures over the defaults. */
import { DEFAULT_TIMING, TIMING_BOUNDS, type TimingFigures, timingWith } from '../timing/response-time.js';
import { ProfileError } from './errors.js';
import { asInteger, asObject, member, onlyKeys } from './json-reader.js';

export function readTiming(value: unknown, path: string): TimingFigures {
  if (value === undefined) return DEFAULT_TIMING;
  const o = asObject(value, path);
  onlyKeys(o, path, ['bitsPerSecond', 'bitsPerByte', 'commandMs', 'defaultMs']);
  const commandMs: Record<string, number> = {};
  if (o.commandMs !== undefined) {
    const table = asObject(o.commandMs, member(path, 'commandMs'));
    for (const [ins, ms] of Object.entries(table)) {
      const at = member(member(path, 'commandMs'), ins);
      if (!/^[0-9A-F]{2}$/.test(ins)) throw new ProfileError(at, 'an INS is two upper-case hex digits');
      commandMs[ins] = asInteger(ms, at, ...TIMING_BOUNDS.ms);
    }
  }
  return timingWith({
    ...(o.bitsPerSecond === undefined
      ? {}
      : {
          bitsPerSecond: asInteger(
            o.bitsPerSecond,
            member(path, 'bitsPerSecond'),
            ...TIMING_BOUNDS.bitsPerSecond,
          ),
        }),
    ...(o.bitsPerByte === undefined
      ? {}
      : { bitsPerByte: asInteger(o.bitsPerByte, member(path, 'bitsPerByte'), ...TIMING_BOUNDS.bitsPerByte) }),
    commandMs,
    ...(o.defaultMs === undefined
      ? {}
      : { defaultMs: asInteger(o.defaultMs, member(path, 'defaultMs'), ...TIMING_BOUNDS.ms) }),
  });
}
