/**
 * How a case ends other than by passing: a failed expectation, or a premise that does not
 * hold on this target. Thrown by cases and the Kit, classified by the runner.
 */

/** A failed expectation; the runner attaches the trace. */
export class CaseFailure extends Error {
  override readonly name = 'CaseFailure';
}

/** The case's premise did not hold on this target (e.g. the PSAM lacks a key): not applicable. */
export class NotApplicable extends Error {
  override readonly name = 'NotApplicable';
}
