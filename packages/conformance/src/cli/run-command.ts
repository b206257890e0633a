/** `conformance run`: the catalogue (or a differential run) against a target, with reports. */
import type { Argv, CommandModule } from 'yargs';
import { buildCatalogue } from '../catalogue/index.js';
import type { Exchange } from '../channel/trace.js';
import { suiteKeysFor } from '../keys/suite-keys.js';
import { progressLine, summary } from '../report/console.js';
import { htmlReport } from '../report/html.js';
import { junitXml, sideBySideText } from '../report/junit.js';
import { readLedger } from '../report/ledger.js';
import { runPassed } from '../report/result.js';
import { runDifferential } from '../run/differential.js';
import { differentialReport } from '../run/differential-report.js';
import { preflight } from '../run/preflight.js';
import { runSuite } from '../run/runner.js';
import { parseShard } from '../run/shard.js';
import { openTarget } from '../targets/open-target.js';
import { writeVectorFile } from '../vectors/vector-file.js';
import { parseSeed, positiveInt, TOOL_VERSION, UsageError, writeOut } from './common.js';
import { openLiveTrace } from './live-trace.js';

interface RunArgs {
  target: string;
  profile: string;
  psam?: string;
  runs: number;
  length: number;
  seed?: number | string;
  junit?: string;
  html?: string;
  shard?: string;
  against?: string;
  reader?: string;
  psamReader?: string;
  ledger?: string;
  only?: string;
  failures: string;
  caseTimeout: number;
  quiet: boolean;
  irreversible: boolean;
  trace?: string;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'run the conformance suite against a target',
  builder: (y) =>
    y
      .option('target', {
        type: 'string',
        choices: ['sim', 'pcsc'],
        demandOption: true,
        describe: 'sim (in process) or pcsc (readers)',
      })
      .option('profile', { type: 'string', demandOption: true, describe: 'card profile, e.g. ssc-2g-des' })
      .option('psam', { type: 'string', describe: 'sim: PSAM profile, e.g. psam-issuer' })
      .option('runs', { type: 'number', default: 100, describe: 'model-based / property runs' })
      .option('length', { type: 'number', default: 20, describe: 'commands per model-based run' })
      .option('seed', {
        type: 'string',
        describe: 'seed: property generation and (sim) the card random source',
      })
      .option('junit', { type: 'string', describe: 'write JUnit XML here' })
      .option('html', { type: 'string', describe: 'write the HTML report here' })
      .option('shard', { type: 'string', describe: 'run shard i of n, e.g. 2/4' })
      .option('against', {
        type: 'string',
        choices: ['sim'],
        describe: 'differential mode: compare with the simulator',
      })
      .option('reader', { type: 'string', describe: 'pcsc: card reader name (or part of it)' })
      .option('psam-reader', { type: 'string', describe: 'pcsc: PSAM reader name' })
      .option('ledger', {
        type: 'string',
        describe: 'deviation ledger of this card (vectors/ledgers/<card>.txt)',
      })
      .option('only', { type: 'string', describe: 'only cases whose id contains this (comma-separated)' })
      .option('failures', {
        type: 'string',
        default: 'reports/failures',
        describe: 'directory for shrunk failure vectors',
      })
      .option('case-timeout', {
        type: 'number',
        default: 300,
        describe: 'seconds before a case counts as hung',
      })
      .option('irreversible', {
        type: 'boolean',
        default: false,
        describe:
          'also run irreversible cases on a card that cannot be replaced (card block, permanent block, key lock)',
      })
      .option('trace', {
        type: 'string',
        describe: 'write every exchange to this file as it happens, decoded (docs/trace.md)',
      })
      .option('quiet', {
        type: 'boolean',
        default: false,
        describe: 'no progress lines',
      }) as unknown as Argv<RunArgs>,
  async handler(args) {
    const seed = parseSeed(args.seed);
    const runs = positiveInt('runs', args.runs);
    const length = positiveInt('length', args.length);
    const shard = args.shard === undefined ? null : parseShard(args.shard);
    if (args.target === 'sim' && (args.reader || args.psamReader))
      throw new UsageError('--reader/--psam-reader go with --target pcsc');
    if (args.target === 'pcsc' && !args.reader) throw new UsageError('--target pcsc needs --reader NAME');
    const ledger = args.ledger ? readLedger(args.ledger) : undefined;
    const opened = await openTarget({
      kind: args.target as 'sim' | 'pcsc',
      profile: args.profile,
      psam: args.psam ?? null,
      reader: args.reader ?? null,
      psamReader: args.psamReader ?? null,
      seed,
    });
    const keys = suiteKeysFor(opened.description);
    const live = args.trace ? openLiveTrace(args.trace) : null;
    const propertySeed = seed ?? Date.now() >>> 0;
    try {
      if (args.against === 'sim') {
        // The differential run also sends commands that change state: the same pre-flight first.
        await preflight(opened.target, opened.description, keys);
        const reference = await openTarget({
          kind: 'sim',
          profile: args.profile,
          psam: args.psam ?? null,
          seed,
        });
        const startedAt = new Date();
        const result = await runDifferential(
          { target: opened.target, keys: keys(null) },
          { target: reference.target, keys: keys(null) },
          opened.description,
          {
            runs,
            length,
            seed: propertySeed,
            ...(live ? { onExchange: (e, side) => live(e, `sequence on the ${side}`, side) } : {}),
          },
        );
        const reproduce = [
          'pnpm conformance run',
          `--target ${args.target}`,
          `--profile ${args.profile}`,
          ...(args.psam ? [`--psam ${args.psam}`] : []),
          ...(args.reader ? [`--reader "${args.reader}"`] : []),
          ...(args.psamReader ? [`--psam-reader "${args.psamReader}"`] : []),
          '--against sim',
          `--seed ${propertySeed}`,
          `--runs ${runs}`,
          `--length ${length}`,
        ].join(' ');
        const report = differentialReport(result, {
          target: opened.target.name,
          description: opened.description,
          seed: propertySeed,
          reproduce,
          startedAt: startedAt.toISOString(),
          durationMs: Date.now() - startedAt.getTime(),
          tool: `ssc-cos conformance ${TOOL_VERSION}`,
          settings: { seed: String(propertySeed), runs: String(runs), length: String(length) },
        });
        if (args.junit) writeOut(args.junit, junitXml(report));
        if (args.html) writeOut(args.html, htmlReport(report));
        await reference.target.close();
        if (result.divergence === null) {
          process.stdout.write(
            `${opened.target.name} and the simulator agree on ${result.runs} sequences (seed ${propertySeed})\n`,
          );
          return;
        }
        const d = result.divergence;
        process.stdout.write(
          `first divergence at exchange ${d.step + 1}: ${d.command}\n  target:    ${d.target}\n  simulator: ${d.reference}\n` +
            `shrunk sequence: ${d.commands}\nreproduce (seed ${propertySeed}): ${reproduce}\n${sideBySideText(d.targetTrace, d.referenceTrace)}\n`,
        );
        process.exitCode = 1;
        return;
      }
      let vectorFile: string | null = null;
      const cases = buildCatalogue(opened.description, {
        runs,
        length,
        seed: propertySeed,
        cardSeed: args.target === 'sim' ? seed : null,
        onFailureVector: (v) => {
          const file = `${args.failures}/${v.name}.json`;
          vectorFile = file;
          writeOut(file, '');
          writeVectorFile(file, v);
          process.stderr.write(`shrunk failure written to ${file}\n`);
        },
      });
      const report = await runSuite({
        tool: `ssc-cos conformance ${TOOL_VERSION}`,
        settings: {
          seed: String(propertySeed),
          runs: String(runs),
          length: String(length),
          'case timeout': `${args.caseTimeout} s`,
          ...(args.shard ? { shard: args.shard } : {}),
          ...(args.ledger ? { ledger: args.ledger } : {}),
          flags: args.irreversible ? '--irreversible' : 'none (non-destructive)',
        },
        irreversible: args.irreversible,
        target: opened.target,
        description: opened.description,
        keys,
        cases,
        shard,
        seed: propertySeed,
        caseTimeoutMs: positiveInt('case-timeout', args.caseTimeout) * 1000,
        ...(ledger ? { ledger } : {}),
        ...(args.only ? { only: args.only.split(',') } : {}),
        ...(live ? { onExchange: (e: Exchange, id: string) => live(e, `case ${id}`) } : {}),
        onResult: (r, i, n) => {
          if (!args.quiet) process.stderr.write(`${progressLine(r, i, n)}\n`);
        },
      });
      const model = report.results.find((r) => r.id === '08-conformance/model-based');
      if (model && vectorFile !== null) model.vectorPath = vectorFile;
      if (args.junit) writeOut(args.junit, junitXml(report));
      if (args.html) writeOut(args.html, htmlReport(report));
      process.stdout.write(`${summary(report)}\n`);
      if (!runPassed(report.results)) process.exitCode = 1;
    } finally {
      await opened.target.close();
    }
  },
};
