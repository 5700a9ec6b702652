/** Polls `ready` until it holds; fails with `what` after the deadline (a hang guard, not a timing claim). */
export async function waitUntil(ready: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > giveUp) throw new Error(`${what}: not the case within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
