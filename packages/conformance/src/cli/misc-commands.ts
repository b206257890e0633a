/** `conformance merge-junit` and `conformance list`. */
import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { buildCatalogue } from '../catalogue/index.js';
import { describeProfile } from '../description/from-profile.js';
import { mergeJunit } from '../report/merge-junit.js';
import { loadCardProfile } from '../targets/open-target.js';
import { UsageError, writeOut } from './common.js';

interface MergeArgs {
  files: string[];
  out: string;
}

export const mergeJunitCommand: CommandModule<object, MergeArgs> = {
  command: 'merge-junit <files..>',
  describe: 'merge the JUnit files of shards into one',
  builder: (y) =>
    y
      .positional('files', { type: 'string' })
      .option('out', { type: 'string', demandOption: true }) as Argv<MergeArgs>,
  async handler(args) {
    const files = args.files.map((name) => {
      try {
        return { name, xml: readFileSync(name, 'utf8') };
      } catch {
        throw new UsageError(`cannot read ${name}`);
      }
    });
    writeOut(args.out, mergeJunit(files));
    process.stdout.write(`merged ${files.length} files → ${args.out}\n`);
  },
};

interface ListArgs {
  profile: string;
  json: boolean;
}

export const listCommand: CommandModule<object, ListArgs> = {
  command: 'list',
  describe: 'list the cases of the catalogue with their clause and tags',
  builder: (y) =>
    y.option('profile', { type: 'string', default: 'ssc-2g-des' }).option('json', {
      type: 'boolean',
      default: false,
      describe: 'print JSON instead of text',
    }) as Argv<ListArgs>,
  async handler(args) {
    const cases = buildCatalogue(describeProfile(loadCardProfile(args.profile)), {
      runs: 1,
      length: 1,
      seed: 0,
    });
    if (args.json) {
      const list = cases.map((c) => ({ id: c.id, clause: c.clause, tags: c.tags }));
      process.stdout.write(`${JSON.stringify(list)}\n`);
      return;
    }
    for (const c of cases) process.stdout.write(`${c.id}\t${c.clause}\t${c.tags.join(',')}\n`);
  },
};
