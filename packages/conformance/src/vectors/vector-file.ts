/** Reading (with validation, one-line errors) and writing vector files. */
import { readFileSync, writeFileSync } from 'node:fs';
import { compilePattern } from '../patterns.js';
import { VECTOR_FORMAT, type Vector, type VectorStep } from './format.js';

export class VectorError extends Error {
  override readonly name = 'VectorError';
}

const HEX = /^[0-9A-Fa-f\s]*$/;

/** Validates untrusted JSON as a Vector (the rules of vectors/schema/vector.schema.json). */
export function parseVector(json: unknown, where: string): Vector {
  const fail = (path: string, why: string): never => {
    throw new VectorError(`${where}: ${path}: ${why}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return fail('(root)', 'expected an object');
  const v = json as Record<string, unknown>;
  if (v.format !== VECTOR_FORMAT) fail('format', `expected "${VECTOR_FORMAT}"`);
  if (v.version !== 1) fail('version', 'expected 1');
  if (v.kind !== 'golden' && v.kind !== 'recording' && v.kind !== 'failure')
    fail('kind', 'golden, recording or failure');
  if (typeof v.name !== 'string' || v.name === '') fail('name', 'a non-empty string');
  if (typeof v.profile !== 'string' || v.profile === '') fail('profile', 'a profile name');
  if (v.psam !== undefined && v.psam !== null && typeof v.psam !== 'string')
    fail('psam', 'a PSAM profile name or null');
  if (
    v.seed !== null &&
    !(typeof v.seed === 'number' && Number.isInteger(v.seed) && v.seed >= 0 && v.seed <= 0xffffffff)
  ) {
    fail('seed', 'null or an integer 0..4294967295');
  }
  if (v.notes !== undefined && !(Array.isArray(v.notes) && v.notes.every((n) => typeof n === 'string')))
    fail('notes', 'an array of strings');
  if (!Array.isArray(v.steps)) return fail('steps', 'an array');
  v.steps.forEach((s: unknown, i) => {
    checkStep(s, `steps[${i}]`, fail);
  });
  return v as unknown as Vector;
}

function checkStep(
  s: unknown,
  path: string,
  fail: (path: string, why: string) => never,
): asserts s is VectorStep {
  if (typeof s !== 'object' || s === null) fail(path, 'expected an object');
  const step = s as Record<string, unknown>;
  if ('reset' in step) {
    if (step.reset !== 'card' && step.reset !== 'psam') fail(`${path}.reset`, 'card or psam');
  } else {
    if (
      typeof step.command !== 'string' ||
      !HEX.test(step.command) ||
      step.command.replace(/\s/g, '').length % 2 !== 0 ||
      step.command.replace(/\s/g, '').length < 8
    ) {
      fail(`${path}.command`, 'hex of at least 4 bytes');
    }
    if (step.to !== undefined && step.to !== 'card' && step.to !== 'psam') fail(`${path}.to`, 'card or psam');
    const cut = step.cutPowerAfterWrites;
    if (cut !== undefined && !(typeof cut === 'number' && Number.isInteger(cut) && cut >= 1))
      fail(`${path}.cutPowerAfterWrites`, 'an integer ≥ 1');
    if (cut !== undefined && step.to === 'psam') fail(`${path}.cutPowerAfterWrites`, 'only for the card');
  }
  if (step.expect !== undefined) {
    if (typeof step.expect !== 'string') fail(`${path}.expect`, 'a pattern string');
    try {
      compilePattern(step.expect as string);
    } catch (e) {
      fail(`${path}.expect`, (e as Error).message);
    }
  }
  if (step.note !== undefined && typeof step.note !== 'string') fail(`${path}.note`, 'a string');
}

export function readVectorFile(path: string): Vector {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new VectorError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new VectorError(`${path}: not JSON (${(e as Error).message})`);
  }
  return parseVector(json, path);
}

export function writeVectorFile(path: string, vector: Vector): void {
  writeFileSync(path, `${JSON.stringify(vector, null, 2)}\n`);
}
