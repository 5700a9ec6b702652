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
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isAlive } from '../processAlive.js';

/** Longest a look-up may take before it answers "not found". */
const OWNER_LOOKUP_DEADLINE_MS = 2_000;

interface ProcessFacts {
  argv: string[] | null;
  cwd: string | null;
  /** Its parent's pid; null when unknown. */
  ppid: number | null;
}

/** The argv and working folder of `pid`, as far as the OS lets us see them. */
export async function processFacts(pid: number): Promise<ProcessFacts> {
  if (process.platform === 'linux') {
    const cwd = procLink(`/proc/${pid}/cwd`);
    return {
      argv: linuxArgv(procText(`/proc/${pid}/cmdline`)),
      cwd: cwd === '' ? null : cwd,
      ppid: linuxParent(pid),
    };
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

function linuxArgv(cmdline: string): string[] | null {
  return cmdline === '' ? null : cmdline.replace(/\0$/, '').split('\0');
}

function linuxParent(pid: number): number | null {
  const stat = procText(`/proc/${pid}/stat`);
  // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isSafeInteger(ppid) && ppid > 0 ? ppid : null;
}

/** The argv of `pid` alone (for its parent), as far as the OS shows it. */
export async function processArgv(pid: number): Promise<string[] | null> {
  if (process.platform === 'linux') return linuxArgv(procText(`/proc/${pid}/cmdline`));
  return (await run('ps', ['-o', 'command=', '-p', String(pid)]))?.trim().split(' ') ?? null;
}

/**
 * Finds the pids serving sockets. Look-ups asked within BATCH_MS of each other share one pass, and
 * passes share what they read of /proc while it is young (ProcTables): a cold start beside 1,000
 * plugins served by two processes reads /proc/net/unix and each process's fds about once, not once
 * per plugin. A socket missing from what was read before it was asked about is read afresh.
 */
export class SocketOwners {
  #pending: Array<{ sock: string; claimed: number | undefined; resolve: (pid: number | null) => void }> = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #tables = new ProcTables();

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
    // Everything asked was asked before now: a table read from now on is fresh enough for it.
    const since = Date.now() - BATCH_MS;
    const found = await withinDeadline(
      this.#tables.owners(pending, since),
      this.deadlineMs,
      new Map<string, number>(),
    );
    for (const { sock, resolve } of pending) resolve(found.get(sock) ?? null);
  }
}

/** How long a look-up waits for others to share its pass: nothing waits for a look-up but whenIdle. */
const BATCH_MS = 25;
/** What was read of /proc is reused this long at most. */
const TABLE_TTL_MS = 2_000;

interface Read<T> {
  at: number;
  value: T;
}

/** /proc/net/unix and processes' socket fds, as last read, each with when. */
class ProcTables {
  #unix: Read<Map<string, Set<string>>> | undefined;
  readonly #held = new Map<string, Read<Set<string>>>();

  /**
   * The owner of each socket: its claimed pid when that holds it, else the first process found
   * holding it. A table of sockets read before the look-ups were asked may name a socket's path
   * with the inode of an earlier socket there (a plugin started again): what it leaves unfound is
   * looked up once more in a fresh one.
   */
  async owners(
    asked: ReadonlyArray<{ sock: string; claimed: number | undefined }>,
    since: number,
  ): Promise<Map<string, number>> {
    const first = await this.#inodes(
      asked.map((a) => a.sock),
      since,
    );
    const owners = await this.#ownersIn(asked, first.value, since);
    const left = asked.filter((a) => !owners.has(a.sock));
    if (left.length === 0 || first.at >= since) return owners;
    const fresh = await this.#readInodes();
    for (const [sock, pid] of await this.#ownersIn(left, fresh.value, since)) owners.set(sock, pid);
    return owners;
  }

  async #ownersIn(
    asked: ReadonlyArray<{ sock: string; claimed: number | undefined }>,
    inodes: Map<string, Set<string>>,
    since: number,
  ): Promise<Map<string, number>> {
    const owners = new Map<string, number>();
    for (const { sock, claimed } of asked) {
      const own = inodes.get(sock);
      if (own !== undefined && claimed !== undefined && (await this.#holds(String(claimed), own, since))) {
        owners.set(sock, claimed);
      }
    }
    const byInode = new Map<string, string>();
    for (const { sock } of asked) {
      if (!owners.has(sock)) for (const inode of inodes.get(sock) ?? []) byInode.set(inode, sock);
    }
    if (byInode.size === 0) return owners;
    // The sockets nobody claimed rightly: first in the fd tables read lately (a live process that
    // held a socket still does), then in one walk of the process table, with fresh fd tables.
    for (const [pid, read] of this.#held) {
      if (Date.now() - read.at >= TABLE_TTL_MS || !isAlive(Number(pid))) continue;
      for (const inode of read.value) {
        const sock = byInode.get(inode);
        if (sock !== undefined && !owners.has(sock)) owners.set(sock, Number(pid));
      }
    }
    if (owners.size === asked.length) return owners;
    const pids = procNames('/proc').filter((name) => /^\d+$/.test(name));
    for (const pid of pids) {
      for (const inode of await this.#socketsOf(pid, since)) {
        const sock = byInode.get(inode);
        if (sock !== undefined && !owners.has(sock)) owners.set(sock, Number(pid));
      }
      if (owners.size === asked.length) break;
    }
    return owners;
  }

  /** Inodes of the sockets bound to each path (the listening one and the connections it accepted). */
  async #inodes(socks: readonly string[], since: number): Promise<Read<Map<string, Set<string>>>> {
    const read = this.#unix;
    const fresh = read !== undefined && read.at >= since;
    const young = read !== undefined && Date.now() - read.at < TABLE_TTL_MS;
    if (read && young && (fresh || socks.every((sock) => read.value.has(sock)))) return read;
    return this.#readInodes();
  }

  async #readInodes(): Promise<Read<Map<string, Set<string>>>> {
    const at = Date.now();
    const table = procText('/proc/net/unix');
    const value = new Map<string, Set<string>>();
    for (const line of table.split('\n').slice(1)) {
      // Num RefCount Protocol Flags Type St Inode Path: the path is the rest, and may hold spaces.
      const fields = line.trim().split(/\s+/);
      if (fields.length < 8) continue;
      const path = fields.slice(7).join(' ');
      const set = value.get(path) ?? new Set<string>();
      set.add(fields[6] as string);
      value.set(path, set);
    }
    this.#unix = { at, value };
    return this.#unix;
  }

  /** Whether `pid` holds one of `inodes`: from its fd table as read before, else read afresh. */
  async #holds(pid: string, inodes: Set<string>, since: number): Promise<boolean> {
    const read = this.#held.get(pid);
    const hit = (held: Set<string>) => [...inodes].some((inode) => held.has(inode));
    if (read && Date.now() - read.at < TABLE_TTL_MS && hit(read.value) && isAlive(Number(pid))) return true;
    if (read && read.at >= since) return false;
    return (await this.#socketsOf(pid, Number.POSITIVE_INFINITY)).some((inode) => inodes.has(inode));
  }

  /** The socket inodes a process holds (none when its fds cannot be read: another user's, or gone). */
  async #socketsOf(pid: string, since: number): Promise<string[]> {
    const read = this.#held.get(pid);
    if (read && read.at >= since && Date.now() - read.at < TABLE_TTL_MS) return [...read.value];
    const at = Date.now();
    // Between processes, the event loop gets its turn: a walk of the process table never holds it long.
    await nextTurn();
    const targets = procNames(`/proc/${pid}/fd`).map((fd) => procLink(`/proc/${pid}/fd/${fd}`));
    const value = targets.filter((t) => t.startsWith('socket:[')).map((t) => t.slice(8, -1));
    this.#held.set(pid, { at, value: new Set(value) });
    for (const [key, old] of this.#held) if (at - old.at >= TABLE_TTL_MS) this.#held.delete(key);
    return value;
  }
}

async function lsofOwner(sock: string, deadlineMs: number): Promise<number | null> {
  const out = await run('lsof', ['-U', '-a', '-F', 'p', '--', sock], deadlineMs);
  const line = out?.split('\n').find((l) => /^p\d+$/.test(l));
  return line ? Number(line.slice(1)) : null;
}

/** A command's stdout, or null when it fails or outlives its deadline. */
function run(command: string, args: string[], timeout = OWNER_LOOKUP_DEADLINE_MS): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout, maxBuffer: 1024 * 1024 }, (err, stdout) =>
      resolve(err ? null : stdout),
    );
  });
}

function withinDeadline<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

/*
 * /proc is read synchronously: its files are made in memory by the kernel, answered in
 * microseconds, and a look-up reads thousands of fd links. Through the thread pool those would
 * queue in front of the registry's own file reads and socket checks (seen: 1,000 plugins started
 * beside the look-ups, 413 of their activations timed out).
 */
function procNames(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function procText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function procLink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}
