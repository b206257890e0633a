/**
 * `terminal <function> [parameters…]`: one subcommand per SDK function, its parameters
 * positional in SDK order (iType is `--itype`, default 1). Prints the out string and exits 0
 * for a return value ≥ 0; prints `<code> <out>` on stderr and exits 1 for a negative one;
 * `--json` prints `{"function","code","out"}` instead (same exit codes). The certificate
 * functions print PEM (certificate-output.ts); an irreversible function (iWriteCA) runs on
 * `--target pcsc` only with `--irreversible`, as the suite's irreversible cases do.
 */
import { CERTIFICATE_FUNCTIONS, SDK_FUNCTIONS, type SdkFunction } from '@ssc-cos/terminal';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../cli/common.js';
import { certificateAnswer, certificateText } from './certificate-output.js';
import type { ReaderRequest } from './reader-target.js';

export interface ReaderArgs {
  target: 'sim' | 'pcsc';
  profile: string;
  psam?: string;
  reader?: string;
  psamReader?: string;
  serial?: string;
}

export function readerOptions<T>(y: Argv<T>): Argv<T & ReaderArgs> {
  return y
    .option('target', {
      type: 'string',
      choices: ['sim', 'pcsc'] as const,
      demandOption: true,
      describe: 'sim (in process) or pcsc (readers)',
    })
    .option('profile', {
      type: 'string',
      demandOption: true,
      describe: 'card profile, e.g. ssc-2g-des (its item catalogue decodes the answers)',
    })
    .option('psam', { type: 'string', describe: 'sim: PSAM profile in the PSAM slot, e.g. psam-hospital' })
    .option('reader', { type: 'string', describe: 'pcsc: the card reader' })
    .option('psam-reader', { type: 'string', describe: 'pcsc: the PSAM reader' })
    .option('serial', { type: 'string', describe: 'the reader serial (终端设备号) to report' }) as Argv<
    T & ReaderArgs
  >;
}

export function readerRequest(args: ReaderArgs): ReaderRequest {
  if (args.target === 'sim' && (args.reader !== undefined || args.psamReader !== undefined))
    throw new UsageError('--reader and --psam-reader are for --target pcsc');
  if (args.target === 'pcsc' && args.psam !== undefined)
    throw new UsageError('--psam names a simulated PSAM; with --target pcsc use --psam-reader');
  return {
    target: args.target,
    profile: args.profile,
    psam: args.psam,
    reader: args.reader,
    psamReader: args.psamReader,
    serial: args.serial,
  };
}

export const irreversibleOption = {
  type: 'boolean',
  default: false,
  describe: 'pcsc: run what a real card cannot undo (iWriteCA replaces its key pairs and certificates)',
} as const;

interface CallArgs extends ReaderArgs {
  itype: number;
  json: boolean;
  irreversible?: boolean;
  der?: boolean;
  [param: string]: unknown;
}

function positionals(fn: SdkFunction): string[] {
  return fn.params.filter((p) => p !== 'iType');
}

export function sdkCommand(fn: SdkFunction): CommandModule<object, CallArgs> {
  const names = positionals(fn);
  return {
    command: [fn.name, ...names.map((p) => `<${p}>`)].join(' '),
    describe: `call ${fn.name}(${fn.params.join(', ')})`,
    builder: (y) => {
      let b = readerOptions(y)
        .option('itype', {
          type: 'number',
          default: 1,
          describe: 'iType: 1 contact, 2 contactless, 3/4 automatic',
        })
        .option('json', { type: 'boolean', default: false, describe: 'print {"function","code","out"}' });
      if (fn.irreversible) b = b.option('irreversible', irreversibleOption);
      if (CERTIFICATE_FUNCTIONS.includes(fn))
        b = b.option('der', {
          type: 'boolean',
          default: false,
          describe: 'print the answer (DER hex), not PEM',
        });
      for (const p of names) b = b.positional(p, { type: 'string', demandOption: true });
      return b as unknown as Argv<CallArgs>;
    },
    handler: async (args) => {
      if (![1, 2, 3, 4].includes(args.itype))
        throw new UsageError(`--itype must be 1, 2, 3 or 4, got ${String(args.itype)}`);
      const request = readerRequest(args);
      if (fn.irreversible && args.target === 'pcsc' && args.irreversible !== true)
        throw new UsageError(
          `${fn.name} replaces the card's key pairs and certificates for good; on --target pcsc add --irreversible`,
        );
      const certificates = CERTIFICATE_FUNCTIONS.includes(fn) && args.der !== true;
      const values = fn.params.map((p) => (p === 'iType' ? String(args.itype) : String(args[p])));
      // The targets (cos-sim in process, the PC/SC binding) load only once a call runs, not for
      // --help or a refused argument.
      const { openReader } = await import('./reader-target.js');
      const { reader, catalogue, target } = await openReader(request);
      try {
        const answer = await fn.call(reader, values, { catalogue });
        const ok = answer.code >= 0;
        if (args.json) {
          const extra = ok && certificates ? certificateAnswer(answer.out) : {};
          process.stdout.write(
            `${JSON.stringify({ function: fn.name, code: answer.code, out: answer.out, ...extra })}\n`,
          );
        } else if (ok && certificates) process.stdout.write(certificateText(answer.out));
        else if (ok) process.stdout.write(`${answer.out}\n`);
        else process.stderr.write(`terminal: ${fn.name}: ${answer.code} ${answer.out}\n`);
        process.exitCode = answer.code >= 0 ? 0 : 1;
      } finally {
        await target.close();
      }
    },
  };
}

export const sdkCommands = SDK_FUNCTIONS.map(sdkCommand);
