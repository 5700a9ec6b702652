/**
 * Who runs a plugin's process (issue 14 §1): our supervisor, said by the supervisor itself; else
 * the process serving the socket, found through the OS (see socketOwner.ts). The .pconf's `Pid`
 * key (the TypeScript SDK writes it) is only a hint to check first: a pid that does not serve the
 * socket is not believed, and is reported beside the real owner.
 */
import type { LaunchManifest, PluginConf, PluginOrigin, ProcessInfo } from '../types.js';
import type { PluginEntry } from './pluginEntry.js';
import type { RegistryContext } from './registryContext.js';
import { isAlive } from '../processAlive.js';
import { processArgv, processFacts, type SocketOwners } from './socketOwner.js';

const UNKNOWN_ORIGIN: PluginOrigin = {
  kind: 'unknown',
  pid: null,
  argv: null,
  cwd: null,
  source: null,
};

/** The `Pid` a .pconf announces, when it is a plausible pid. */
function announcedPid(conf: PluginConf): number | undefined {
  const pid = conf.extras['Pid'];
  return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** The process serving the plugin's socket, looked up through the OS; 'unknown' when not found. */
async function outsideOrigin(owners: SocketOwners, conf: PluginConf): Promise<PluginOrigin> {
  const claimed = announcedPid(conf);
  const pid = await owners.find(conf.sock, claimed);
  const mismatch = claimed !== undefined && claimed !== pid ? { pconfPid: claimed } : {};
  if (pid === null) return { ...UNKNOWN_ORIGIN, ...mismatch };
  const { argv, cwd, ppid } = await processFacts(pid);
  // Pid 1 (init, or a container's) adopts orphans: it says nothing about who started the plugin.
  const parent = ppid !== null && ppid > 1 ? { parent: { pid: ppid, argv: await processArgv(ppid) } } : {};
  return {
    kind: 'outside',
    pid,
    argv,
    cwd,
    source: pid === claimed ? 'pconf' : 'socket-owner',
    ...mismatch,
    ...parent,
  };
}

/** A process our supervisor launched (or knows from its manifest): what it runs is its manifest. */
export function launchedOrigin(
  kind: 'studio' | 'manifest',
  manifest: LaunchManifest | undefined,
  process: ProcessInfo | undefined,
): PluginOrigin {
  return {
    kind,
    pid: process?.pid ?? null,
    argv: manifest ? [manifest.command, ...manifest.args] : null,
    cwd: manifest?.cwd ?? null,
    source: process?.pid ? 'launched' : null,
  };
}

function sameOrigin(a: PluginOrigin | undefined, b: PluginOrigin): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Looks up who serves the plugin's socket when a .pconf is read and after an activation (never per
 * snapshot), unless our supervisor runs it. The entry is told when the answer differs from what
 * it had; nothing waits for it but `whenIdle`.
 */
export function traceOrigin(ctx: RegistryContext, entry: PluginEntry): void {
  // A start under way looks up once it ends: its events stay discovered, starting, started.
  if (entry.state === 'starting') return;
  const record = entry.record;
  if (!record || ctx.plan?.supervisor.isActive(entry.id) || entry.originPending === record) return;
  // Known for this very .pconf and still running: a start after a stop costs no look-up.
  const known = entry.outsideOrigin?.pid;
  if (entry.originRecord === record && known != null && isAlive(known)) return;
  entry.originPending = record;
  const lookup = outsideOrigin(ctx.owners, record.conf).then((origin) => {
    if (entry.originPending === record) entry.originPending = undefined;
    if (ctx.closed || entry.record !== record) return;
    entry.originRecord = record;
    if (sameOrigin(entry.outsideOrigin, origin)) return;
    // Another process serves the id now: the one we knew ended (e.g. killed, then started again).
    const before = entry.outsideOrigin?.pid ?? null;
    if (before !== null && origin.pid !== null && before !== origin.pid) entry.cameBack(record);
    entry.outsideOrigin = origin;
    entry.tell('changed');
  });
  ctx.track(lookup);
}
