/** `conformance replay | record | import-scriptor`: the vector side of the CLI. */
import type { Argv, CommandModule } from 'yargs';
import type { Exchange } from '../channel/trace.js';
import { describeProfile } from '../description/from-profile.js';
import { suiteKeysFor } from '../keys/suite-keys.js';
import { htmlReport } from '../report/html.js';
import { junitXml, traceText } from '../report/junit.js';
import { replayReport } from '../report/replay-report.js';
import { loadCardProfile, openTarget } from '../targets/open-target.js';
import { FLOWS } from '../vectors/flows.js';
import { recordFlow, recordSteps } from '../vectors/record.js';
import { replayAll } from '../vectors/replay-set.js';
import { readSessionFile } from '../vectors/session-file.js';
import { writeVectorFile } from '../vectors/vector-file.js';
import { vectorPaths } from '../vectors/vector-set.js';
import { parseSeed, TOOL_VERSION, UsageError, writeOut } from './common.js';
import { openLiveTrace } from './live-trace.js';

interface TargetArgs {
  target: string;
  profile?: string;
  psam?: string;
  seed?: string;
  reader?: string;
  psamReader?: string;
}

interface ReplayArgs extends TargetArgs {
  files: string[];
  quiet: boolean;
  junit?: string;
  html?: string;
}

export const replayCommand: CommandModule<object, ReplayArgs> = {
  command: 'replay <files..>',
  describe: 'replay vectors (files or directories) and report the first difference of each',
  builder: (y) =>
    y
      .positional('files', { type: 'string', describe: 'vector files or directories' })
      .option('target', { type: 'string', choices: ['sim', 'pcsc'], default: 'sim' })
      .option('profile', { type: 'string', describe: 'sim: override the vector profile' })
      .option('psam', { type: 'string', describe: 'sim: override the vector PSAM profile' })
      .option('seed', { type: 'string', describe: 'sim: override the vector seed' })
      .option('reader', { type: 'string' })
      .option('psam-reader', { type: 'string' })
      .option('junit', { type: 'string', describe: 'write JUnit XML here (one test case per vector)' })
      .option('html', { type: 'string', describe: 'write the HTML report here' })
      .option('quiet', { type: 'boolean', default: false }) as Argv<ReplayArgs>,
  async handler(args) {
    const vectors = vectorPaths(args.files).map((f) => readSessionFile(f, args.profile ?? null));
    if (vectors.length === 0) throw new UsageError('no vector files found');
    let fixed: Awaited<ReturnType<typeof openTarget>> | null = null;
    if (args.target === 'pcsc') {
      if (!args.reader) throw new UsageError('--target pcsc needs --reader NAME');
      const profile = args.profile ?? vectors[0]!.profile;
      fixed = await openTarget({
        kind: 'pcsc',
        profile,
        reader: args.reader,
        psamReader: args.psamReader ?? null,
      });
    }
    const startedAt = new Date();
    try {
      const results = await replayAll(vectors, {
        ...(fixed ? { target: fixed.target } : {}),
        profile: args.profile ?? null,
        psam: args.psam ?? null,
        seed: parseSeed(args.seed),
      });
      let failed = 0;
      let unchecked = 0;
      let apdus = 0;
      for (const r of results) {
        apdus += r.apdus;
        if (r.difference === null && r.checked === 0) {
          // An imported recording has no expected values: sent, but nothing was compared.
          unchecked++;
          process.stdout.write(`rec  ${r.name} (${r.apdus} APDUs): recorded, not checked\n`);
          continue;
        }
        if (r.difference === null) {
          if (!args.quiet) process.stdout.write(`ok   ${r.name} (${r.apdus} APDUs)\n`);
          continue;
        }
        failed++;
        const d = r.difference;
        process.stdout.write(
          `DIFF ${r.name} step ${d.step + 1}${d.note ? ` (${d.note})` : ''}: ${d.device} ${d.command ?? 'reset'}\n` +
            `  expected ${d.expected}\n  actual   ${d.actual}\n${traceText(r.trace).replace(/^/gm, '    ')}\n`,
        );
      }
      if (args.junit || args.html) {
        const report = replayReport(vectors, results, {
          target: fixed?.target.name ?? 'sim (each vector on its own profile, PSAM and seed)',
          description: describeProfile(loadCardProfile(args.profile ?? vectors[0]!.profile)),
          startedAt: startedAt.toISOString(),
          durationMs: Date.now() - startedAt.getTime(),
          tool: `ssc-cos conformance ${TOOL_VERSION}`,
        });
        if (args.junit) writeOut(args.junit, junitXml(report));
        if (args.html) writeOut(args.html, htmlReport(report));
      }
      process.stdout.write(
        `${results.length - failed - unchecked}/${results.length} vectors replayed without difference${unchecked > 0 ? `, ${unchecked} recorded, not checked` : ''}, ${apdus} APDUs\n`,
      );
      if (failed > 0) process.exitCode = 1;
    } finally {
      await fixed?.target.close();
    }
  },
};

interface RecordArgs extends TargetArgs {
  flow?: string;
  script?: string;
  out: string;
  trace?: string;
}

export const recordCommand: CommandModule<object, RecordArgs> = {
  command: 'record',
  describe:
    'record a terminal flow (or the commands of a recording/scriptor file) through a target as a vector',
  builder: (y) =>
    y
      .option('target', { type: 'string', choices: ['sim', 'pcsc'], default: 'sim' })
      .option('profile', { type: 'string', demandOption: true })
      .option('psam', { type: 'string' })
      .option('seed', { type: 'string', describe: 'sim: seed of the card (deterministic mode)' })
      .option('reader', { type: 'string' })
      .option('psam-reader', { type: 'string' })
      .option('flow', {
        type: 'string',
        describe: `a flow name, or "all": ${FLOWS.map((f) => f.name).join(', ')}`,
      })
      .option('script', {
        type: 'string',
        describe: 'a vector, trace, scriptor file or log, or pcscd --apdu log whose commands to send',
      })
      .option('trace', {
        type: 'string',
        describe: 'also write the exchanges to this file as they happen (docs/trace.md)',
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'output file (one flow) or directory (all)',
      }) as Argv<RecordArgs>,
  async handler(args) {
    if ((args.flow === undefined) === (args.script === undefined))
      throw new UsageError('give exactly one of --flow and --script');
    const seed = parseSeed(args.seed);
    if (args.target === 'pcsc' && !args.reader) throw new UsageError('--target pcsc needs --reader NAME');
    const flows =
      args.flow === undefined ? [] : args.flow === 'all' ? FLOWS : FLOWS.filter((f) => f.name === args.flow);
    if (args.flow !== undefined && flows.length === 0)
      throw new UsageError(
        `unknown flow "${args.flow}" (flows: ${FLOWS.map((f) => f.name).join(', ')}, all)`,
      );
    const opened = await openTarget({
      kind: args.target as 'sim' | 'pcsc',
      profile: args.profile!,
      psam: args.psam ?? null,
      reader: args.reader ?? null,
      psamReader: args.psamReader ?? null,
      seed,
    });
    const meta = {
      profile: args.profile!,
      psam: args.psam ?? null,
      seed: args.target === 'sim' ? seed : null,
    };
    const live = args.trace ? openLiveTrace(args.trace) : null;
    try {
      if (args.script !== undefined) {
        const source = readSessionFile(args.script, args.profile!);
        const observe = live ? (e: Exchange) => live(e, `script ${args.script}`) : undefined;
        writeVectorFile(args.out, await recordSteps(opened.target, source, meta, observe));
        process.stdout.write(`recorded ${source.steps.length} steps to ${args.out}\n`);
        return;
      }
      const keys = suiteKeysFor(opened.description);
      for (const flow of flows) {
        const observe = live ? (e: Exchange) => live(e, `flow ${flow.name}`) : undefined;
        const vector = await recordFlow(opened.target, opened.description, keys, flow, meta, observe);
        const file =
          flows.length === 1 && args.out.endsWith('.json') ? args.out : `${args.out}/${flow.name}.json`;
        writeOut(file, '');
        writeVectorFile(file, vector);
        process.stdout.write(`recorded ${flow.name}: ${vector.steps.length} steps → ${file}\n`);
      }
    } finally {
      await opened.target.close();
    }
  },
};

interface ImportArgs {
  file: string;
  profile: string;
  out: string;
}

export const importScriptorCommand: CommandModule<object, ImportArgs> = {
  command: 'import-scriptor <file>',
  describe:
    'convert a scriptor script (no expected values), a scriptor output log, a pcscd --apdu log or a trace into a recording',
  builder: (y) =>
    y
      .positional('file', { type: 'string' })
      .option('profile', { type: 'string', demandOption: true })
      .option('out', { type: 'string', demandOption: true }) as Argv<ImportArgs>,
  async handler(args) {
    const vector = readSessionFile(args.file, args.profile);
    writeVectorFile(args.out, vector);
    process.stdout.write(`${vector.steps.length} steps → ${args.out}\n`);
  },
};
