/**
 * No orphans: launched plugins must not run on, unsupervised, after the host dies, even by
 * SIGKILL (no exit handler runs then). The host starts one small guard process (node running
 * `guardMain` below) in a session of its own and keeps a pipe to its stdin; it tells the guard
 * each plugin process group it launches and each one that is gone. When the pipe closes, because
 * the host exited or was killed, the guard sends SIGTERM to every group still listed, SIGKILL to
 * those still there after their grace period, and exits.
 *
 * Why a guard rather than each plugin watching its parent: it works for any plugin (Go, Python,
 * a shell script) without its cooperation, and on macOS as well as Linux (no prctl needed).
 * Why not reattach on the next start: the plugin's stdout and stderr pipes die with the host, so
 * a reattached plugin would have no logs (and many exit on their next write anyway).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

/** In the guard's command line, so a person (or a test) can tell what the process is. */
export const GUARD_MARKER = 'goplug-orphan-guard';

/**
 * The guard's program. It runs in a process of its own (`node -e`), so it must be self-contained:
 * no imports, no references to anything outside this function.
 */
function guardMain(): void {
  const tracked = new Map<number, number>();
  let input = '';
  let leaving = false;
  const send = (pid: number, signal: NodeJS.Signals | 0): boolean => {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, signal);
        return true;
      } catch {
        // Not a group leader any more, or gone: try the pid alone, then give up.
      }
    }
    return false;
  };
  const leave = (): void => {
    if (leaving) return;
    leaving = true;
    for (const pid of tracked.keys()) send(pid, 'SIGTERM');
    const since = Date.now();
    const check = (): void => {
      for (const [pid, graceMs] of tracked) {
        if (!send(pid, 0)) tracked.delete(pid);
        else if (Date.now() - since >= graceMs) {
          send(pid, 'SIGKILL');
          tracked.delete(pid);
        }
      }
      if (tracked.size === 0) process.exit(0);
      setTimeout(check, 50);
    };
    check();
  };
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    input += chunk;
    for (let nl = input.indexOf('\n'); nl >= 0; nl = input.indexOf('\n')) {
      const [op, pid, graceMs] = input.slice(0, nl).split(' ');
      input = input.slice(nl + 1);
      if (op === '+') tracked.set(Number(pid), Number(graceMs));
      if (op === '-') tracked.delete(Number(pid));
    }
  });
  process.stdin.on('end', leave);
  process.stdin.on('close', leave);
  process.stdin.on('error', leave);
}

/** A guard that dies sooner than this after its start is not restarted by itself (no spawn loop). */
const MIN_GUARD_LIFE_MS = 1_000;

export class OrphanGuard {
  readonly #tracked = new Map<number, number>();
  readonly #onWarning: (message: string) => void;
  #child: ChildProcess | undefined;
  #closed = false;

  constructor(onWarning: (message: string) => void) {
    this.#onWarning = onWarning;
  }

  /** The guard's pid while it runs. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** A process group to end should the host die; `graceMs` between its SIGTERM and SIGKILL. */
  track(pid: number, graceMs: number): void {
    if (this.#closed) return;
    this.#tracked.set(pid, graceMs);
    if (this.#child) this.#child.stdin?.write(`+ ${pid} ${graceMs}\n`);
    else this.#spawn();
  }

  untrack(pid: number): void {
    if (this.#tracked.delete(pid)) this.#child?.stdin?.write(`- ${pid}\n`);
  }

  /**
   * The host is leaving on purpose: closes the pipe, so the guard ends whatever is still listed
   * (normally nothing: the supervisor stopped its processes first) and exits.
   */
  async close(): Promise<void> {
    this.#closed = true;
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Unreferenced, its exit would not keep Node running while we wait for it: with nothing else
    // left (every plugin gone), Node would end the host with status 13 before it has closed.
    child.ref();
    child.stdin?.end();
    await exited;
  }

  /** Starts a guard and tells it every group listed now. */
  #spawn(): void {
    let child: ChildProcess;
    try {
      child = spawn(
        process.execPath,
        ['-e', `(${guardMain.toString()})()`, GUARD_MARKER, String(process.pid)],
        {
          // A session of its own: a Ctrl-C or a kill of the host's process group leaves it running to clean up.
          detached: true,
          stdio: ['pipe', 'ignore', 'ignore'],
          // Inside Electron, execPath is the Electron binary: make it behave as plain Node.
          env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        },
      );
    } catch (err) {
      this.#onWarning(`could not start the orphan guard: ${(err as Error).message}`);
      return;
    }
    const spawnedAt = Date.now();
    this.#child = child;
    // The guard must never keep the host alive.
    child.unref();
    (child.stdin as unknown as Socket | null)?.unref();
    child.stdin?.on('error', () => {
      // EPIPE when the guard died: its exit handler below deals with that.
    });
    child.once('error', (err) => this.#onWarning(`the orphan guard failed: ${err.message}`));
    child.once('exit', (code, signal) => {
      if (this.#child !== child) return;
      this.#child = undefined;
      if (this.#closed) return;
      const again = this.#tracked.size > 0 && Date.now() - spawnedAt >= MIN_GUARD_LIFE_MS;
      this.#onWarning(
        `the orphan guard exited (${signal ?? `code ${code}`}); ` +
          (again ? 'starting another' : 'another starts with the next launch'),
      );
      if (again) this.#spawn();
    });
    for (const [pid, graceMs] of this.#tracked) child.stdin?.write(`+ ${pid} ${graceMs}\n`);
  }
}
