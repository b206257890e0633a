/**
 * The line commands `cos-sim serve` reads on stdin, so a script can pull a card out of its
 * reader and put it back: `remove 35963`, `insert 35963`, `toggle [PORT]`, `status`, `quit`.
 * A command without a port applies to every slot.
 */
export type ControlVerb = 'insert' | 'remove' | 'toggle' | 'status' | 'quit';

export type ControlCommand = { verb: ControlVerb; port: number | null } | { error: string };

const VERBS: ReadonlySet<string> = new Set<ControlVerb>(['insert', 'remove', 'toggle', 'status', 'quit']);

export function parseControlCommand(line: string): ControlCommand | null {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const verb = words[0]!.toLowerCase();
  if (!VERBS.has(verb))
    return { error: `unknown command "${verb}" (insert|remove|toggle [PORT], status, quit)` };
  if (words.length > 2) return { error: `too many words in "${line.trim()}"` };
  if (words.length === 1) return { verb: verb as ControlVerb, port: null };
  const port = Number(words[1]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `not a port: "${words[1]}"` };
  return { verb: verb as ControlVerb, port };
}
