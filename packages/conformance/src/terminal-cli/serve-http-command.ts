/** `terminal serve-http --port N …`: the SDK functions as a local JSON-over-HTTP reader service until SIGINT/SIGTERM. */
import { startReaderService } from '@ssc-cos/terminal';
import type { CommandModule } from 'yargs';
import { UsageError } from '../cli/common.js';
import { irreversibleOption, type ReaderArgs, readerOptions, readerRequest } from './sdk-commands.js';

interface ServeArgs extends ReaderArgs {
  port: number;
  host: string;
  allowOrigin?: string;
  irreversible: boolean;
}

export const serveHttpCommand: CommandModule<object, ServeArgs> = {
  command: 'serve-http',
  describe: 'serve the SDK functions as JSON over HTTP (POST /<function>)',
  builder: (y) =>
    readerOptions(y)
      .option('port', { type: 'number', demandOption: true, describe: 'TCP port (0: any free port)' })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe: 'address to listen on (loopback by default)',
      })
      .option('allow-origin', {
        type: 'string',
        describe: 'Access-Control-Allow-Origin for browser front ends',
      })
      .option('irreversible', irreversibleOption),
  handler: async (args) => {
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
      throw new UsageError(`--port must be an integer 0..65535, got ${String(args.port)}`);
    const { openReader } = await import('./reader-target.js');
    const { reader, catalogue, target } = await openReader(readerRequest(args));
    const service = await startReaderService({
      reader,
      sdk: { catalogue },
      host: args.host,
      port: args.port,
      irreversible: args.target === 'sim' || args.irreversible,
      ...(args.allowOrigin === undefined ? {} : { allowOrigin: args.allowOrigin }),
    });
    process.stdout.write(
      `terminal: serving ${reader.contact === null ? 'no card' : target.name} on ${service.url}\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await service.close();
    await target.close();
  },
};
