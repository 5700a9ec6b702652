/** The child's half of lib/childProcess.ts: JSON lines out, and exit when the parent lets go. */

export function tellParent(message: unknown): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Runs `cleanUp` (bounded by `timeoutMs`) and exits once stdin closes: the parent is done or gone. */
export function exitWhenParentCloses(cleanUp: () => Promise<unknown>, timeoutMs = 5000): void {
  process.stdin.resume();
  process.stdin.once('end', () => {
    const timer = setTimeout(() => process.exit(0), timeoutMs);
    timer.unref();
    void cleanUp()
      .catch((err: unknown) => process.stderr.write(`clean-up failed: ${String(err)}\n`))
      .finally(() => process.exit(0));
  });
}

/** Reports a failure on stderr (the parent shows it) and exits with 1. */
export function failChild(what: string, err: unknown): never {
  process.stderr.write(`${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
