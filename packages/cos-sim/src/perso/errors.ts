/** What `persoScriptLines` raises for an image it cannot write as an FMCOS script. */
export class PersoError extends Error {
  override readonly name = 'PersoError';
}
