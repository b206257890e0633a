/**
 * Typings for the part of yargs 18 the conformance CLI uses: yargs ships no .d.ts and
 * @types/yargs is not a dependency of the workspace. Extend here when a command needs more.
 */
declare module 'yargs' {
  export interface Options {
    type?: 'string' | 'number' | 'boolean';
    demandOption?: boolean | string;
    default?: unknown;
    describe?: string;
    choices?: readonly (string | number)[];
    alias?: string | readonly string[];
  }

  export type ArgumentsCamelCase<T> = T & { _: (string | number)[]; $0: string };

  export interface CommandModule<T = object, U = object> {
    command: string | readonly string[];
    describe: string;
    builder?: (y: Argv<T>) => Argv<U>;
    handler: (args: ArgumentsCamelCase<U>) => void | Promise<void>;
  }

  export interface Argv<T = object> {
    scriptName(name: string): Argv<T>;
    option(key: string, options: Options): Argv<T>;
    positional(key: string, options: Options): Argv<T>;
    command<U>(module: CommandModule<T, U>): Argv<T>;
    demandCommand(min: number, message?: string): Argv<T>;
    strict(): Argv<T>;
    help(): Argv<T>;
    version(version?: string | false): Argv<T>;
    fail(handler: (message: string, error: Error | undefined) => void): Argv<T>;
    parseAsync(): Promise<ArgumentsCamelCase<T>>;
  }

  export default function yargs(args?: readonly string[]): Argv<object>;
}

declare module 'yargs/helpers' {
  export function hideBin(argv: readonly string[]): string[];
}
