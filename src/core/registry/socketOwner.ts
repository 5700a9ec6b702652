/**
 * Which process serves a Unix socket, and what the OS shows of it (argv, working folder), for
 * plugins this host did not launch. Linux: the socket's inode from /proc/net/unix, then the
 * process holding `socket:[inode]` among /proc/<pid>/fd. macOS: `lsof`, `ps`. Every look-up has
 * a deadline; a process of another user (whose fds we may not read) is simply not found.
 *
 * Cheap for many plugins: look-ups asked together share one pass over /proc (a plugin folder of
 * 1,000 .pconf files costs one read of /proc/net/unix, one read of each announced pid's fds and at
 * most one walk of the process table).
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
 * Finds the pids serving sockets. Look-ups asked within BATCH_MS of each other share one pass:
 * one read of /proc/net/unix, each claimed pid's fd table read once (a host serving many plugins
 * is checked once for all of them), and one walk of the process table for the sockets whose claim
 * was absent or wrong.
 */
export class SocketOwners {
  #pending: Array<{ sock: string; claimed: number | undefined; resolve: (pid: number | null) => void }> = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly deadlineMs = OWNER_LOOKUP_DEADLINE_MS) {}

  find(sock: string, claimed?: number): Promise<number | null> {
    if (process.platform !== 'linux') return lsofOwner(sock, this.deadlineMs);
    return new Promise((resolve) => {
      this.#pending.push({ sock, claimed, resolve });
      if (this.#timer === undefined) this.#timer = setTimeout(() => void this.#scan(), BATCH_MS);
    });
  }

  async #scan(): Promise<void> {
    const pending = this.#pending;
    this.#pending = [];
    this.#timer = undefined;
    const found = await withinDeadline(scanOwners(pending), this.deadlineMs, new Map<string, number>());
    for (const { sock, resolve } of pending) resolve(found.get(sock) ?? null);
  }
}

/** How long a look-up waits for others to share its pass (1,000 .pconf files are read within a few ms). */
const BATCH_MS = 5;

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

/** The socket inodes a process holds (empty when its fds cannot be read: another user's, or gone). */
async function socketsOf(pid: string): Promise<string[]> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  return targets.filter((t) => t.startsWith('socket:[')).map((t) => t.slice(8, -1));
}

/** The owner of each socket: its claimed pid when that holds it, else the first process found holding it. */
async function scanOwners(asked: ReadonlyArray<{ sock: string; claimed: number | undefined }>): Promise<Map<string, number>> {
  const inodes = await socketInodes(asked.map((a) => a.sock));
  const owners = new Map<string, number>();
  const held = new Map<string, Promise<string[]>>();
  const holdings = (pid: string) => {
    let sockets = held.get(pid);
    if (sockets === undefined) held.set(pid, (sockets = socketsOf(pid)));
    return sockets;
  };
  for (const { sock, claimed } of asked) {
    const own = inodes.get(sock);
    if (own === undefined || claimed === undefined) continue;
    if ((await holdings(String(claimed))).some((inode) => own.has(inode))) owners.set(sock, claimed);
  }
  const byInode = new Map<string, string>();
  for (const [sock, set] of inodes) if (!owners.has(sock)) for (const inode of set) byInode.set(inode, sock);
  if (byInode.size === 0) return owners;
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    for (const inode of await holdings(pid)) {
      const sock = byInode.get(inode);
      if (sock !== undefined && !owners.has(sock)) owners.set(sock, Number(pid));
    }
    if (owners.size === inodes.size) break;
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
