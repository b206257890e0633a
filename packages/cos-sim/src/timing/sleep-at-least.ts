/**
 * The one wait of timing-faithful mode, shared by TimedTransport (in-process target) and the
 * vpcd slot (`serve --timing real`): a real card never answers early.
 */

/**
 * setTimeout alone can wake early: Node keeps timer starts and due times in whole milliseconds, so a
 * timer can fire up to about a millisecond before performance.now() says the time is up (seen here:
 * 40 ms figures answered 0.06 ms early, 1.9 ms figures 0.2–1.2 ms early). A real card never answers
 * early, so sleep again until the full time has passed.
 */
export async function sleepAtLeast(ms: number): Promise<void> {
  const until = performance.now() + ms;
  for (let left = ms; left > 0; left = until - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
  }
}
