/**
 * The lines of an input stream with a length limit, read as the consumer asks for them: a
 * 200 MB line (or /dev/zero) is refused with its line number once it passes the limit, never
 * held whole; and since the loop pulls one line at a time, a consumer that waits (for a slow
 * stdout) stops the reading. `\n` ends a line, a `\r` before it is dropped.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** A line of exec input: an extended APDU in hex with spaces is ~200,000 characters. */
export const MAX_LINE_CHARS = 1024 * 1024;

export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
  constructor(
    readonly lineNumber: number,
    readonly limit: number,
  ) {
    super(`line ${lineNumber}: longer than ${limit} characters`);
  }
}

export async function* boundedLines(input: Readable, limit = MAX_LINE_CHARS): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let lineNumber = 0;
  const finish = (line: string) => {
    lineNumber++;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      if (partial.length + end - start > limit) throw new LineTooLongError(lineNumber + 1, limit);
      const line = partial + text.slice(start, end);
      partial = '';
      start = end + 1;
      yield finish(line);
    }
    if (partial.length + text.length - start > limit) throw new LineTooLongError(lineNumber + 1, limit);
    partial += text.slice(start);
  }
  partial += decoder.end();
  if (partial !== '') yield finish(partial);
}
