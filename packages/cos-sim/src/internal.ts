/**
 * @ssc-cos/cos-sim/internal: what the workspace's own packages need beyond the public root —
 * the conformance suite's in-process target and its terminal CLI. No compatibility promise;
 * every name here is imported by another package's src/ (scripts/test/structure.test.ts), so
 * this is not a second root to grow.
 */
export { BUILTIN_PROFILE_DIR, type DfSpec, withAlgorithm } from './profile/index.js';
