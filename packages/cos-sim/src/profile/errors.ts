/**
 * The one error a profile problem raises. The message is "<json path>: <reason>" so a user can
 * find the offending spot in their JSON at once, e.g.
 * `files.DF04.EF05.records[2].value: expected 2 bytes, got 3`.
 */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    /** JSON path of the offending value ("" for the document itself). */
    readonly path: string,
    /** What is wrong, without the path. */
    readonly reason: string,
  ) {
    super(path === '' ? reason : `${path}: ${reason}`);
  }
}
