/**
 * The line commands `cos-sim serve` reads on stdin, so a script can pull a card out of its
 * reader and put it back: `remove 35963`, `insert 35963`, `toggle [PORT]`, `status`, `quit`;
 * and `cut-power-after N [PORT]` (12-payment 防拔): the card's next command loses power right
 * after its N-th internal write, as exec's script line of the same name. A command without a
 * port applies to every slot.
 */
export type ControlVerb = 'insert' | 'remove' | 'toggle' | 'status' | 'quit' | 'cut-power-after';

export type ControlCommand =
  | { verb: Exclude<ControlVerb, 'cut-power-after'>; port: number | null }
  | { verb: 'cut-power-after'; writes: number; port: number | null }
  | { error: string };

const VERBS: ReadonlySet<string> = new Set<ControlVerb>([
  'insert',
  'remove',
  'toggle',
  'status',
  'quit',
  'cut-power-after',
]);

const USAGE = 'insert|remove|toggle [PORT], cut-power-after N [PORT], status, quit';

function portOf(word: string): number | { error: string } {
  const port = Number(word);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `not a port: "${word}"` };
  return port;
}

export function parseControlCommand(line: string): ControlCommand | null {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const verb = words[0]!.toLowerCase();
  if (!VERBS.has(verb)) return { error: `unknown command "${verb}" (${USAGE})` };
  if (verb === 'cut-power-after') {
    if (words.length < 2 || words.length > 3) return { error: 'cut-power-after takes N [PORT]' };
    const writes = Number(words[1]);
    if (!Number.isSafeInteger(writes) || writes < 1)
      return { error: `cut-power-after takes a write count ≥ 1, got "${words[1]}"` };
    if (words.length === 2) return { verb, writes, port: null };
    const port = portOf(words[2]!);
    return typeof port === 'number' ? { verb, writes, port } : port;
  }
  if (words.length > 2) return { error: `too many words in "${line.trim()}"` };
  const plain = verb as Exclude<ControlVerb, 'cut-power-after'>;
  if (words.length === 1) return { verb: plain, port: null };
  const port = portOf(words[1]!);
  return typeof port === 'number' ? { verb: plain, port } : port;
}
