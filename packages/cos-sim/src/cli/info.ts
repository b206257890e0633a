/**
 * `cos-sim info --profile P`: the card's file tree with access rules, lifecycle and key list
 * (ids, types, counters — never key values).
 */
import iconv from 'iconv-lite';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { CardImage, DedicatedFile, ElementaryFile } from '../image/types.js';
import { formatAccessRule } from '../profile/access-rule.js';
import { imageFromProfile } from './exec.js';

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

function efLine(ef: ElementaryFile): string {
  const sfi = ef.sfi === undefined ? '      ' : `SFI ${hex2(ef.sfi)}`;
  const shape =
    ef.type === 'transparent'
      ? `transparent ${ef.size} bytes${ef.data === null ? ' (never written)' : ''}`
      : `${ef.type} ${ef.records.length}/${ef.maxRecords} records × ${ef.recordLength}`;
  return `EF ${hex4(ef.fid)} ${sfi}  ${shape.padEnd(40)} read ${formatAccessRule(ef.read).padEnd(14)} write ${formatAccessRule(ef.write)}`;
}

function dfName(df: DedicatedFile): string {
  if (df.name === null) return '';
  const text = iconv.decode(Buffer.from(df.name), 'gbk');
  return ` name ${Buffer.from(df.name).toString('hex').toUpperCase()} "${text}"`;
}

function describeDf(df: DedicatedFile, indent: string, out: string[]): void {
  const label = df.fid === 0x3f00 ? 'MF' : 'DF';
  out.push(
    `${indent}${label} ${hex4(df.fid)}${dfName(df)}${df.lifecycle === 'active' ? '' : ` [${df.lifecycle}]`}`,
  );
  const inner = `${indent}  `;
  if (df.keys.length > 0) {
    const keys = df.keys.map(
      (k) => `${hex2(k.id)} ${k.type}${k.maxTries ? ` ${k.triesLeft}/${k.maxTries}` : ''}`,
    );
    out.push(`${inner}keys: ${keys.join(', ')}`);
  }
  for (const child of df.children) {
    if (child.type === 'df') describeDf(child, inner, out);
    else out.push(`${inner}${efLine(child)}`);
  }
}

/** The tree as lines of text. */
export function describeImage(image: CardImage): string[] {
  const out = [
    `profile ${image.profile}: ${image.kind}, ${image.algorithm}, ${image.options.transport}, ATR ${Buffer.from(image.atr).toString('hex').toUpperCase()}${image.cardBlocked ? ' [card blocked]' : ''}`,
  ];
  describeDf(image.mf, '', out);
  return out;
}

export const infoCommand: CommandModule<object, { profile: string }> = {
  command: 'info',
  describe: 'print the file tree and access rules of a profile (never key values)',
  builder: (y: Argv<object>) =>
    y.option('profile', {
      type: 'string',
      demandOption: true,
      describe: 'built-in profile name or JSON path',
    }) as Argv<{
      profile: string;
    }>,
  handler: (args: ArgumentsCamelCase<{ profile: string }>) => {
    process.stdout.write(`${describeImage(imageFromProfile(args.profile)).join('\n')}\n`);
  },
};
