/**
 * Which process serves a Unix socket, and what the OS shows of it (argv, working folder), for
 * plugins this host did not launch. Linux: the socket's inode from /proc/net/unix, then the
 * process holding `socket:[inode]` among /proc/<pid>/fd. macOS: `lsof`, `ps`. Every look-up has
 * a deadline; a process of another user (whose fds we may not read) is simply not found.
 *
 * Cheap for many plugins: look-ups asked together share one pass over /proc (a plugin folder of
 * 1,000 .pconf files costs one read of /proc/net/unix and one walk of the process table), and a
 * pid the plugin announced is checked alone first.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';

/** Longest a look-up may take before it answers "not found". */
export const OWNER_LOOKUP_DEADLINE_MS = 2_000;

export interface ProcessFacts {
  argv: string[] | null;
  cwd: string | null;
  /** Its parent's pid; null when unknown. */
  ppid: number | null;
}

/** Whether a process with this pid exists (one of another user's counts). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The argv and working folder of `pid`, as far as the OS lets us see them. */
export async function processFacts(pid: number): Promise<ProcessFacts> {
  if (process.platform === 'linux') {
    const [cmdline, cwd] = await Promise.all([
      readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null),
      readlink(`/proc/${pid}/cwd`).catch(() => null),
    ]);
    return { argv: linuxArgv(cmdline), cwd, ppid: await linuxParent(pid) };
  }
  // ps loses the boundaries between arguments: the command line comes back as one string.
  const command = await run('ps', ['-o', 'command=', '-p', String(pid)]);
  const ppid = Number((await run('ps', ['-o', 'ppid=', '-p', String(pid)]))?.trim());
  const cwdLine = (await run('lsof', ['-a', '-p', String(pid), '-d', 'cwd', '-F', 'n']))
    ?.split('\n')
    .find((line) => line.startsWith('n'));
  return {
    argv: command?.trim() ? command.trim().split(' ') : null,
    cwd: cwdLine ? cwdLine.slice(1) : null,
    ppid: Number.isSafeInteger(ppid) && ppid > 0 ? ppid : null,
  };
}

function linuxArgv(cmdline: string | null): string[] | null {
  return cmdline === null || cmdline === '' ? null : cmdline.replace(/\0$/, '').split('\0');
}

async function linuxParent(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
  const ppid = Number(stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isSafeInteger(ppid) && ppid > 0 ? ppid : null;
}

/** The argv of `pid` alone (for its parent), as far as the OS shows it. */
export async function processArgv(pid: number): Promise<string[] | null> {
  if (process.platform === 'linux') return linuxArgv(await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null));
  return (await run('ps', ['-o', 'command=', '-p', String(pid)]))?.trim().split(' ') ?? null;
}

/**
 * Finds the pids serving sockets. `find(sock, claimed)` checks `claimed` (e.g. the .pconf's Pid)
 * first; otherwise the look-ups asked in the same turn of the event loop share one scan.
 */
export class SocketOwners {
  #pending = new Map<string, Array<(pid: number | null) => void>>();
  #scheduled = false;

  constructor(private readonly deadlineMs = OWNER_LOOKUP_DEADLINE_MS) {}

  async find(sock: string, claimed?: number): Promise<number | null> {
    if (process.platform !== 'linux') return lsofOwner(sock, this.deadlineMs);
    if (claimed !== undefined) {
      const inodes = await socketInodes([sock]);
      const own = inodes.get(sock);
      if (own && (await holdsAny(claimed, own))) return claimed;
    }
    return new Promise((resolve) => {
      const waiting = this.#pending.get(sock) ?? [];
      waiting.push(resolve);
      this.#pending.set(sock, waiting);
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.#scan());
      }
    });
  }

  async #scan(): Promise<void> {
    const pending = this.#pending;
    this.#pending = new Map();
    this.#scheduled = false;
    const found = await withinDeadline(scanOwners([...pending.keys()]), this.deadlineMs, new Map());
    for (const [sock, waiting] of pending) for (const resolve of waiting) resolve(found.get(sock) ?? null);
  }
}

/** Inodes of the sockets bound to each path (the listening one and the connections it accepted). */
async function socketInodes(socks: readonly string[]): Promise<Map<string, Set<string>>> {
  const wanted = new Set(socks);
  const inodes = new Map<string, Set<string>>();
  const table = await readFile('/proc/net/unix', 'utf8').catch(() => '');
  for (const line of table.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path: the path is the rest, and may hold spaces.
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8) continue;
    const path = fields.slice(7).join(' ');
    if (!wanted.has(path)) continue;
    const set = inodes.get(path) ?? new Set<string>();
    set.add(fields[6] as string);
    inodes.set(path, set);
  }
  return inodes;
}

async function holdsAny(pid: number, inodes: Set<string>): Promise<boolean> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return true;
  }
  return false;
}

/** One walk of the process table for all the sockets. */
async function scanOwners(socks: readonly string[]): Promise<Map<string, number>> {
  const inodes = await socketInodes(socks);
  const byInode = new Map<string, string>();
  for (const [sock, set] of inodes) for (const inode of set) byInode.set(inode, sock);
  const owners = new Map<string, number>();
  if (byInode.size === 0) return owners;
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    if (owners.size === inodes.size) break;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const sock = target.startsWith('socket:[') ? byInode.get(target.slice(8, -1)) : undefined;
      if (sock !== undefined && !owners.has(sock)) owners.set(sock, Number(pid));
    }
  }
  return owners;
}

async function lsofOwner(sock: string, deadlineMs: number): Promise<number | null> {
  const out = await run('lsof', ['-U', '-a', '-F', 'p', '--', sock], deadlineMs);
  const line = out?.split('\n').find((l) => /^p\d+$/.test(l));
  return line ? Number(line.slice(1)) : null;
}

/** A command's stdout, or null when it fails or outlives its deadline. */
function run(command: string, args: string[], timeout = OWNER_LOOKUP_DEADLINE_MS): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout, maxBuffer: 1024 * 1024 }, (err, stdout) => resolve(err ? null : stdout));
  });
}

function withinDeadline<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}
