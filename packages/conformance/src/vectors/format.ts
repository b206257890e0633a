/**
 * The one trace format (docs/vectors.md, vectors/schema/vector.schema.json) for golden
 * vectors, recordings and shrunk failures.
 */

export const VECTOR_FORMAT = 'ssc-cos-vector';

export type VectorKind = 'golden' | 'recording' | 'failure';

export interface CommandStep {
  /** Which device the command goes to (default card). */
  to?: 'card' | 'psam';
  /** Command APDU, hex. */
  command: string;
  /**
   * 12-payment 防拔: the card loses power right after this many internal writes of this command
   * (the target's power-cut hook; the sim has one), so it answers nothing (`expect` "").
   */
  cutPowerAfterWrites?: number;
  /**
   * Expected response (data ‖ SW), hex, where `?` matches any one hex digit; or a regular
   * expression between slashes matched against the upper-case hex; absent = not checked.
   */
  expect?: string;
  note?: string;
}

export interface ResetStep {
  reset: 'card' | 'psam';
  /** Expected ATR (same pattern rules). */
  expect?: string;
  note?: string;
}

export type VectorStep = CommandStep | ResetStep;

export interface Vector {
  $schema?: string;
  format: typeof VECTOR_FORMAT;
  version: 1;
  kind: VectorKind;
  name: string;
  /** Card profile the vector was made with. */
  profile: string;
  /** PSAM profile, when PSAM steps are present. */
  psam?: string | null;
  /** Seed of the card's random source (deterministic mode); null = challenges vary. */
  seed: number | null;
  /** Spec clause(s) the vector exercises. */
  clause?: string;
  notes?: string[];
  steps: VectorStep[];
}

/**
 * A recording imported from a session file: no seed (its challenges cannot repeat), one note
 * saying where it came from.
 */
export function recordingVector(name: string, profile: string, note: string, steps: VectorStep[]): Vector {
  return {
    format: VECTOR_FORMAT,
    version: 1,
    kind: 'recording',
    name,
    profile,
    seed: null,
    notes: [note],
    steps,
  };
}

export function isResetStep(step: VectorStep): step is ResetStep {
  return 'reset' in step;
}
