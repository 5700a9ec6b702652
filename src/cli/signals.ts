/**
 * Resolves on the first SIGINT or SIGTERM, for commands that run until the user stops them.
 * Later signals are absorbed while the command shuts down: npm and terminals often deliver
 * Ctrl-C twice, and a second default SIGINT would kill the process before it has closed
 * (stopped its plugins, saved history).
 *
 * Signal listeners do not keep Node running: once nothing else does (every sample of `goplug
 * demo` stopped by a host, say), Node would end the process with status 13 for the unsettled
 * top-level await, without a word. A timer holds it until the signal comes.
 */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const keepAlive = setInterval(() => {}, 2 ** 30);
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        process.stderr.write(`goplug: ${signal} again; still shutting down\n`);
        return;
      }
      received = true;
      clearInterval(keepAlive);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
