/**
 * The `cos-sim info` command as the argument layer sees it: its options as plain data and a
 * handler that loads the profile code only once it runs (info.ts).
 */
import type { ArgumentsCamelCase, CommandModule } from 'yargs';

interface InfoArgs {
  profile: string;
  json: boolean;
}

export const infoCommand: CommandModule<object, InfoArgs> = {
  command: 'info',
  describe: 'print the file tree and access rules of a profile (never key values)',
  builder: {
    profile: { type: 'string', demandOption: true, describe: 'built-in profile name or JSON path' },
    json: { type: 'boolean', default: false, describe: 'print JSON instead of text' },
  },
  handler: async (args: ArgumentsCamelCase<InfoArgs>) => {
    const { infoOutput } = await import('./info.js');
    process.stdout.write(infoOutput(args.profile, args.json));
  },
};
