/**
 * The raw-word checks of the shared argument layer (cli-runner.ts): what yargs alone would let
 * through — a repeated singular flag, a flag without its value, `--trace=maybe`, a number that
 * is not one, a value outside the choices — found before yargs parses (and before the direct
 * parse of cli-direct-args.ts, which takes only words that pass them).
 */
/** What checkArguments needs to know of the declared options (yargs' getOptions() shape). */
export interface DeclaredOptions {
  boolean: string[];
  number: string[];
  string: string[];
  array: string[];
  alias: Record<string, string[]>;
  choices: Record<string, unknown[]>;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The problem with the raw words `args` given the declared options, or null. Checked: a
 * singular option given more than once, a number or string option without a value, a number
 * that is not one, a switch given a value other than true/false, a value outside the choices.
 */
export function checkArguments(args: readonly string[], options: DeclaredOptions): string | null {
  const end = args.indexOf('--');
  const words = end === -1 ? [...args] : args.slice(0, end);
  const kinds = new Map<string, 'boolean' | 'number' | 'string'>();
  for (const kind of ['boolean', 'number', 'string'] as const) {
    for (const key of options[kind]) kinds.set(kebab(key), kind);
  }
  // Every spelling of an option (aliases, camelCase) → its canonical long name.
  const canonical = new Map<string, string>();
  for (const name of kinds.keys()) canonical.set(name, name);
  for (const [key, aliases] of Object.entries(options.alias)) {
    for (const alias of aliases) canonical.set(kebab(alias), kebab(key));
  }
  const given = new Map<string, string[]>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--') || word === '--') continue;
    const eq = word.indexOf('=');
    let name = kebab(word.slice(2, eq === -1 ? undefined : eq));
    const negated =
      !canonical.has(name) &&
      name.startsWith('no-') &&
      kinds.get(canonical.get(name.slice(3)) ?? '') === 'boolean';
    if (negated) name = name.slice(3);
    const key = canonical.get(name);
    if (key === undefined) continue; // unknown options are yargs' strict mode's to report
    const kind = kinds.get(key)!;
    let value: string | undefined;
    if (eq !== -1) value = word.slice(eq + 1);
    else if (kind !== 'boolean' && !negated) {
      const next = words[i + 1];
      // A following option word is not a value (negative numbers are not option words).
      if (next !== undefined && !(next.startsWith('-') && !/^-\d/.test(next))) {
        value = next;
        i++;
      }
    }
    if (kind === 'boolean') {
      if (value !== undefined && value !== 'true' && value !== 'false') {
        return `--${key} is a switch (--${key} or --no-${key}), got "${value}"`;
      }
    } else if (value === undefined || value === '') {
      return `--${key} needs a value`;
    } else if (kind === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) {
      return `--${key} must be a number, got "${value}"`;
    }
    const choices = Object.entries(options.choices).find(([k]) => kebab(k) === key)?.[1];
    if (choices !== undefined && value !== undefined && !choices.map(String).includes(value)) {
      return `--${key} must be one of ${choices.join(', ')}; got "${value}"`;
    }
    given.set(key, [...(given.get(key) ?? []), value ?? (negated ? 'false' : 'true')]);
  }
  const arrays = new Set(options.array.map(kebab));
  for (const [key, values] of given) {
    if (values.length > 1 && !arrays.has(key)) {
      return `--${key} given ${values.length} times (${values.join(', ')}); give it once`;
    }
  }
  return null;
}
