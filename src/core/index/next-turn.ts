/**
 * Resolves on a later turn of the event loop (after pending I/O and timers):
 * the index steps that run on the thread serving the UI await it between
 * bounded slices of work, so a search or a keystroke waits for one slice at
 * most, never for a whole step.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
