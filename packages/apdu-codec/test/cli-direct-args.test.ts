/**
 * directArguments (the yargs-free parse of runCli) against yargs itself: for every word list
 * it accepts, the handler gets what yargs would give it; everything outside the plain case is
 * left to yargs (null), which then says what is wrong as before.
 */
import { describe, expect, it } from 'vitest';
import yargs, { type ArgumentsCamelCase, type CommandModule } from 'yargs';
import { directArguments } from '../src/cli-direct-args.js';

/** A command with every kind of option the direct parse handles (the shape of `cos-sim exec`). */
const plain: CommandModule<object, object> = {
  command: 'exec',
  describe: 'a plain command',
  builder: {
    profile: { type: 'string', demandOption: true, describe: 'p' },
    seed: { type: 'number', describe: 's' },
    state: { type: 'string', describe: 'f' },
    trace: { type: 'boolean', default: false, describe: 't' },
    quickack: { type: 'boolean', default: true, describe: 'q' },
    'trace-file': { type: 'string', describe: 'tf' },
    stdin: { type: 'string', default: 'auto', choices: ['auto', 'on', 'off'], describe: 'i' },
  },
  handler: () => {},
};

const KEYS = ['profile', 'seed', 'state', 'trace', 'quickack', 'trace-file', 'traceFile', 'stdin'];

/** What the handler receives from yargs, the same way runCli sets yargs up. */
async function viaYargs(command: CommandModule<object, object>, args: string[]): Promise<ArgumentsCamelCase> {
  let got: ArgumentsCamelCase | undefined;
  await yargs(args)
    .command({
      ...command,
      handler: (a: ArgumentsCamelCase) => {
        got = a;
      },
    })
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
  if (got === undefined) throw new Error('yargs ran no handler');
  return got;
}

const pick = (a: Record<string, unknown>) =>
  Object.fromEntries(KEYS.filter((k) => k in a).map((k) => [k, a[k]]));

describe('directArguments', () => {
  const accepted = [
    ['exec', '--profile', 'ssc-2g-des'],
    ['exec', '--profile=ssc-2g-des'],
    ['exec', '--profile', 'x.json', '--seed', '7', '--state', 's.json', '--trace'],
    ['exec', '--seed=0', '--profile', 'p', '--no-trace', '--no-quickack'],
    ['exec', '--profile', 'p', '--trace=true', '--quickack=false'],
    ['exec', '--profile', 'p', '--seed', '12.5'],
    ['exec', '--profile', 'p', '--seed', '0x10'],
    ['exec', '--profile', 'p', '--trace-file', 'log.trace', '--stdin', 'off'],
    ['exec', '--profile', '123', '--state', '007'],
    ['exec', '--profile', 'a b', '--state=c=d'],
  ];
  for (const args of accepted) {
    it(`gives what yargs gives: ${args.join(' ')}`, async () => {
      const direct = directArguments('tool', plain, args);
      expect(direct).not.toBeNull();
      expect(pick(direct!)).toEqual(pick(await viaYargs(plain, args)));
      expect(direct!._).toEqual(['exec']);
    });
  }

  const leftToYargs = [
    ['exec'], // --profile is demanded: yargs says so
    ['exec', '--profile', 'p', '--help'],
    ['exec', '-h'],
    ['exec', '--version'],
    ['exec', '--profile', 'p', 'extra'],
    ['exec', '--profile', 'p', '--', 'x'],
    ['exec', '--profile', 'p', '--unknown'],
    ['exec', '--profile', 'p', '--traceFile', 'x'],
    ['exec', '--profile', 'p', '--profile', 'q'],
    ['exec', '--profile'],
    ['exec', '--profile', 'p', '--seed'],
    ['exec', '--profile', 'p', '--seed', 'abc'],
    ['exec', '--profile', 'p', '--seed', '-1'],
    ['exec', '--profile', 'p', '--trace=maybe'],
    ['exec', '--profile', 'p', '--no-trace=true'],
    ['exec', '--profile', 'p', '--stdin', 'sometimes'],
    ['exec', '--profile', '"quoted"'],
    ['exec', '--profile='],
    ['other', '--profile', 'p'],
  ];
  for (const args of leftToYargs) {
    it(`leaves to yargs: ${args.join(' ')}`, () => {
      expect(directArguments('tool', plain, args)).toBeNull();
    });
  }

  // A plain object literal inherits these names from Object.prototype: a lookup by the user's
  // word must not count them as declared options (yargs answers `Unknown argument`).
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    for (const args of [
      ['exec', '--profile', 'p', `--${name}`, 'x'],
      ['exec', '--profile', 'p', `--${name}=1`],
      ['exec', '--profile', 'p', `--no-${name}`],
    ]) {
      it(`leaves to yargs, which refuses it: ${args.join(' ')}`, async () => {
        expect(directArguments('tool', plain, args)).toBeNull();
        await expect(viaYargs(plain, args)).rejects.toThrow(/Unknown argument/);
      });
    }
  }

  it('leaves to yargs a command whose builder is a function, has positionals or other option kinds', () => {
    const args = ['exec', '--profile', 'p'];
    expect(directArguments('tool', { ...plain, builder: (y) => y }, args)).toBeNull();
    expect(directArguments('tool', { ...plain, command: 'exec <hex>' }, args)).toBeNull();
    const repeatable = { ...plain, builder: { profile: { type: 'string', array: true } } } as const;
    expect(directArguments('tool', repeatable as CommandModule<object, object>, args)).toBeNull();
    const aliased = { ...plain, builder: { profile: { type: 'string', alias: 'p' } } } as const;
    expect(directArguments('tool', aliased as CommandModule<object, object>, args)).toBeNull();
  });
});
