/**
 * The one wait of timing-faithful mode, shared by TimedTransport (in-process target) and the
 * vpcd slot (`serve --timing real`): a real card never answers early.
 */

/**
 * setTimeout alone can wake early: Node starts a timer from the event loop's time cached at the
 * start of the tick (stale by whatever ran in it) and truncates fractional milliseconds. A real card
 * never answers early, so sleep again until the full time has passed.
 */
export async function sleepAtLeast(ms: number): Promise<void> {
  const until = performance.now() + ms;
  for (let left = ms; left > 0; left = until - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
  }
}
