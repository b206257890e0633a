/**
 * `pnpm apdu <command>`: decode APDUs, traces, ATRs, TLVs and status words for humans
 * (or as JSON with --json). Bad input ends with one line on stderr and exit code 2.
 */
import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { runCli } from './cli-runner.js';
import { atrReport, tlvReport } from './cli-structures.js';
import {
  type CommandDescription,
  describeCommand,
  describeResponse,
  formatCommandDescription,
  formatResponseDescription,
  type ResponseDescription,
} from './decoder.js';
import { fromHex, toHex } from './hex.js';
import { describeSw, formatSw, isKnownSw, parseSw } from './status-words.js';
import { formatTrace } from './trace.js';
import { readTrace } from './trace-import.js';

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

function swLine(sw: number): string {
  const d = describeSw(sw);
  return `${formatSw(sw)} ${d.category}: ${d.en} / ${d.zh}`;
}

/** A lone 2-byte string that is a known SW is a response; anything else a command. */
function decodeHex(hex: string, asResponse: boolean, json: boolean): void {
  const bytes = fromHex(hex);
  if (asResponse || (bytes.length === 2 && isKnownSw((bytes[0]! << 8) | bytes[1]!))) {
    const d: ResponseDescription = describeResponse(bytes);
    print(json, { kind: 'response', ...d }, `response: ${formatResponseDescription(d)}`);
    return;
  }
  const d: CommandDescription = describeCommand(bytes);
  print(json, { kind: 'command', ...d }, `command: ${formatCommandDescription(d)}`);
}

function decodeFile(path: string, json: boolean): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const trace = readTrace(text);
  if (json) {
    const entries = trace.map((e) => ({
      ...(e.device === undefined ? {} : { device: e.device }),
      ...(e.timestamp === undefined ? {} : { time: new Date(e.timestamp).toISOString() }),
      command: e.command === null ? 'reset' : describeCommand(e.command),
      response:
        e.response === undefined
          ? null
          : e.command === null
            ? { atr: toHex(e.response) }
            : describeResponse(e.response),
    }));
    process.stdout.write(`${JSON.stringify(entries)}\n`);
    return;
  }
  process.stdout.write(`${formatTrace(trace)}\n`);
}

interface GlobalArgs {
  json: boolean;
}

const decodeCommand: CommandModule<
  GlobalArgs,
  GlobalArgs & { hex?: string; response: boolean; file?: string }
> = {
  command: 'decode [hex]',
  describe: 'decode a command or response APDU, or a trace file',
  builder: (y) =>
    y
      .positional('hex', { type: 'string', describe: 'APDU bytes in hex' })
      .option('response', { type: 'boolean', default: false, describe: 'the hex is a response (data ‖ SW)' })
      .option('file', {
        type: 'string',
        describe: 'a trace file: lines "> command" and "< response"',
      }) as Argv<GlobalArgs & { hex?: string; response: boolean; file?: string }>,
  handler: (argv) => {
    if (argv.file !== undefined) {
      if (argv.hex !== undefined) throw new Error('give either <hex> or --file, not both');
      decodeFile(argv.file, argv.json);
    } else if (argv.hex !== undefined) {
      decodeHex(argv.hex, argv.response, argv.json);
    } else {
      throw new Error('decode needs <hex> or --file <trace>');
    }
  },
};

const atrCommand: CommandModule<GlobalArgs, GlobalArgs & { hex: string }> = {
  command: 'atr <hex>',
  describe: 'parse an ATR (ISO 7816-3)',
  builder: (y) =>
    y.positional('hex', { type: 'string', demandOption: true }) as Argv<GlobalArgs & { hex: string }>,
  handler: (argv) => {
    const r = atrReport(fromHex(argv.hex));
    print(argv.json, r.json, r.text);
  },
};

const tlvCommand: CommandModule<GlobalArgs, GlobalArgs & { hex: string; simple: boolean }> = {
  command: 'tlv <hex>',
  describe: 'parse BER-TLV (or the card simple TLV with --simple)',
  builder: (y) =>
    y.positional('hex', { type: 'string', demandOption: true }).option('simple', {
      type: 'boolean',
      default: false,
      describe: '1-byte tag, 1-byte length (card records)',
    }) as Argv<GlobalArgs & { hex: string; simple: boolean }>,
  handler: (argv) => {
    const r = tlvReport(fromHex(argv.hex), argv.simple);
    print(argv.json, r.json, r.text);
  },
};

const swCommand: CommandModule<GlobalArgs, GlobalArgs & { sw: string }> = {
  command: 'sw <sw>',
  describe: 'explain a status word',
  builder: (y) =>
    y.positional('sw', { type: 'string', demandOption: true }) as Argv<GlobalArgs & { sw: string }>,
  handler: (argv) => {
    const sw = parseSw(argv.sw);
    // The status word as the same 4-digit hex string as in every other JSON output.
    print(argv.json, { ...describeSw(sw), sw: formatSw(sw) }, swLine(sw));
  },
};

await runCli({
  name: 'apdu',
  moduleUrl: import.meta.url,
  commands: [decodeCommand, atrCommand, tlvCommand, swCommand],
  globalOptions: (y) =>
    y.option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' }),
});
