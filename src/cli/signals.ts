/**
 * Resolves on the first SIGINT or SIGTERM, for commands that run until the user stops them.
 * Later signals are absorbed while the command shuts down: npm and terminals often deliver
 * Ctrl-C twice, and a second default SIGINT would kill the process before it has closed
 * (stopped its plugins, saved history).
 */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        process.stderr.write(`goplug: ${signal} again; still shutting down\n`);
        return;
      }
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
