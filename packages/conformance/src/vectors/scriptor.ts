/**
 * pcsc-tools `scriptor` files → recordings (steps without expected values). Scriptor lines are
 * APDUs in hex (spaces allowed); `#` starts a comment, `reset` resets the card, `exit` ends.
 */
import { recordingVector, type Vector, type VectorStep } from './format.js';
import { VectorError } from './vector-file.js';

export function importScriptor(text: string, name: string, profile: string): Vector {
  const steps: VectorStep[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const lower = line.toLowerCase();
    if (lower === 'exit' || lower === 'quit') break;
    if (lower === 'reset') {
      steps.push({ reset: 'card' });
      continue;
    }
    const hex = line.replace(/\s+/g, '');
    if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length % 2 !== 0 || hex.length < 8) {
      throw new VectorError(`${name}:${i + 1}: not an APDU: "${line.slice(0, 40)}"`);
    }
    steps.push({ command: hex.toUpperCase() });
  }
  return recordingVector(
    name,
    profile,
    'imported from a pcsc-tools scriptor file: no expected values',
    steps,
  );
}
