/** Runs a fast-check property inside a case, failing the case with the property's own message. */
import fc from 'fast-check';
import { CaseFailure } from '../kit/case-errors.js';

export async function checkProperty<T>(
  property: fc.IAsyncProperty<T>,
  params: { numRuns: number; seed: number },
): Promise<void> {
  const details = await fc.check(property, params);
  if (!details.failed) return;
  // Not a failed expectation (e.g. the PSAM lacks a key): let the runner classify the original error.
  if (!(details.errorInstance instanceof CaseFailure)) throw details.errorInstance;
  const inner = details.errorInstance.message;
  throw new CaseFailure(
    `${inner} (fast-check seed ${params.seed}, counterexample ${fc.stringify(details.counterexample)})`,
  );
}
