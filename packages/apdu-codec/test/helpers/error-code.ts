import { ApduError } from '../../src/index.js';

/**
 * The ApduError code a call throws, or undefined when it returns. Any other exception is
 * re-thrown: the codec promises to throw nothing but its own error type.
 */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApduError) return e.code;
    throw e;
  }
  return undefined;
}
