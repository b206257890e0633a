/**
 * The arguments of a command read without yargs, for the plain case only. Loading yargs costs
 * ~60 ms (its ESM graph: cliui, string-width, y18n, …), a quarter of a one-APDU `cos-sim exec`;
 * a tool run by another program (a terminal driving `exec`) pays it on every start. So a
 * command whose options are plain data (a `builder` object, not a function) and whose words
 * are all well-formed is parsed here; everything else — `-h`, `--version`, a positional, an
 * alias, a missing or repeated flag, anything checkArguments or yargs would refuse, any option
 * property beyond the few below — returns null, and runCli hands the words to yargs as before,
 * which says what is wrong in its own words. So this parser never produces an error message,
 * and for every word list it accepts it gives what yargs gives (test/cli-direct-args.test.ts
 * compares the two).
 */
import type { ArgumentsCamelCase, CommandModule, Options } from 'yargs';
import { checkArguments, type DeclaredOptions } from './cli-checks.js';

/** The option properties this parser understands; an option with any other keeps yargs. */
const PLAIN = new Set(['type', 'describe', 'default', 'demandOption', 'choices']);

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The builder's options when they are plain data this parser handles, else null. */
function plainOptions(command: CommandModule<unknown, unknown>): Record<string, Options> | null {
  const { builder } = command;
  if (builder === undefined || typeof builder === 'function') return null;
  // A command with positionals (`decode <hex>`) is yargs' to parse.
  if (String(command.command).trim().includes(' ')) return null;
  const options = builder as Record<string, Options>;
  for (const [key, option] of Object.entries(options)) {
    if (!/^[a-z][a-z0-9-]*$/.test(key)) return null;
    if (!Object.keys(option).every((p) => PLAIN.has(p))) return null;
    if (option.type !== 'string' && option.type !== 'number' && option.type !== 'boolean') return null;
    if (option.demandOption !== undefined && typeof option.demandOption !== 'boolean') return null;
  }
  return options;
}

/**
 * The option declared under `key`, looked up by a word the user typed: the builder is an object
 * literal, so a bare `options[key]` would find `constructor` and friends on Object.prototype
 * and take `--constructor x` for a declared option, where yargs says `Unknown argument`.
 */
const own = (options: Record<string, Options>, key: string): Options | undefined =>
  Object.hasOwn(options, key) ? options[key] : undefined;

function declared(options: Record<string, Options>): DeclaredOptions {
  const of = (type: string) => Object.keys(options).filter((k) => options[k]!.type === type);
  const choices: Record<string, unknown[]> = {};
  for (const [key, option] of Object.entries(options)) {
    if (option.choices !== undefined) choices[key] = [...option.choices];
  }
  return {
    boolean: of('boolean'),
    number: of('number'),
    string: of('string'),
    array: [],
    alias: {},
    choices,
  };
}

/**
 * The handler's argument object for `args` (the words after the tool's name, the command
 * first), with each option under its declared and its camelCase name as yargs gives them, or
 * null when this is not the plain case (see above).
 */
export function directArguments(
  toolName: string,
  command: CommandModule<unknown, unknown>,
  args: readonly string[],
): ArgumentsCamelCase | null {
  const options = plainOptions(command);
  if (options === null || args[0] !== String(command.command).trim()) return null;
  const words = args.slice(1);
  if (checkArguments(words, declared(options)) !== null) return null;
  const given = new Map<string, string | boolean | number>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(word);
    if (match === null) return null; // a positional, a short flag, `--`, a camelCase spelling
    let key = match[1]!;
    let value: string | undefined = match[2];
    let option = own(options, key);
    if (option === undefined && key.startsWith('no-') && own(options, key.slice(3))?.type === 'boolean') {
      if (value !== undefined) return null;
      key = key.slice(3);
      option = own(options, key)!;
      value = 'false';
    }
    if (option === undefined || given.has(key)) return null;
    if (option.type === 'boolean') {
      if (value === undefined) value = 'true';
      if (value !== 'true' && value !== 'false') return null;
      given.set(key, value === 'true');
      continue;
    }
    if (value === undefined) {
      value = words[++i];
      if (value === undefined || value.startsWith('-')) return null;
    }
    // yargs-parser takes the quotes off a quoted value ('"x"' → x): leave that to it.
    if (value === '' || /^["']/.test(value)) return null;
    given.set(key, option.type === 'number' ? Number(value) : value);
  }
  const argv: ArgumentsCamelCase = { _: [args[0]!], $0: toolName };
  for (const [key, option] of Object.entries(options)) {
    const value = given.has(key) ? given.get(key) : option.default;
    if (value === undefined) {
      if (option.demandOption === true) return null;
      continue;
    }
    argv[key] = value;
    argv[camel(key)] = value;
  }
  return argv;
}
