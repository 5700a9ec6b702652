/**
 * Brings a plugin's entry in line with the files that claim its id (its .pconf and its launch
 * manifest): creates it, updates it, stops it when its .pconf goes. Every file change ends here,
 * whatever found it. An entry is never removed here: a plugin whose files went stays listed as
 * Stopped with what was known of it until a person forgets it (registry.forget, issue 14 §1).
 */
import { GoPlugError } from '../errors.js';
import type { PluginEntry } from './pluginEntry.js';
import { traceOrigin } from './processOrigin.js';
import type { RegistryContext } from './registryContext.js';
import { isAlive } from '../processAlive.js';
import { autoLaunch, autoStart } from './transitions.js';

/** How long a process whose .pconf went is given to exit, so the reason says what really happened. */
const EXIT_GRACE_MS = 500;

export function reconcile(ctx: RegistryContext, id: string): void {
  const conf = ctx.confs.claimsOf(id);
  const manifest = ctx.manifests.claimsOf(id);
  ctx.problems.reportConflicts(id, conf);
  ctx.problems.reportConflicts(id, manifest);

  const entry = ctx.entries.get(id);
  if (!entry) {
    if (!conf.winner && !manifest.winner && !ctx.plan?.launchedHere(id)) return;
    const created = ctx.newEntry(id, conf.winner, manifest.winner);
    created.tell('discovered');
    autoStart(ctx, created);
    autoLaunch(ctx, created);
    traceOrigin(ctx, created);
    return;
  }
  const manifestAppeared = manifest.winner !== undefined && entry.manifestRecord === undefined;
  const manifestChanged = entry.manifestRecord !== manifest.winner;
  entry.manifestRecord = manifest.winner;
  const before = entry.record;
  const winner = conf.winner;
  if (before === winner) {
    if (manifestChanged) entry.tell('changed');
    if (manifestAppeared) autoLaunch(ctx, entry);
    return;
  }
  if (winner && entry.hadEnded()) entry.cameBack(winner);
  entry.record = winner;
  if (!winner) return confGone(ctx, entry);
  if (!before) return takeUpAgain(ctx, entry);
  const endpointChanged = before.conf.sock !== winner.conf.sock || before.conf.url !== winner.conf.url;
  const wasStarted = entry.state === 'started';
  if (entry.client && (endpointChanged || entry.unreachable)) {
    entry.rewritten(endpointChanged ? 'socket or url changed' : '.pconf rewritten');
  } else {
    entry.tell('changed');
  }
  autoStart(ctx, entry, wasStarted);
  traceOrigin(ctx, entry);
}

/** A .pconf for a plugin known without one (by its manifest, or as Stopped): its process runs (ours or not). */
function takeUpAgain(ctx: RegistryContext, entry: PluginEntry): void {
  if (entry.state === 'stopped' && !entry.transition) entry.move('discovered', '.pconf appeared');
  else entry.tell('changed');
  autoStart(ctx, entry);
  traceOrigin(ctx, entry);
}

/**
 * The .pconf is gone: its process stopped or crashed (or a person removed the file). The plugin
 * stays listed as Stopped, and the reason says what happened to its process: when the process
 * we knew is gone (or its socket refused us), the process ended; not "the file was removed". A
 * transition under way settles the state itself.
 */
function confGone(ctx: RegistryContext, entry: PluginEntry): void {
  if (entry.transition || entry.state === 'stopped') {
    entry.tell('changed');
    return;
  }
  const pid = entry.snapshot().origin?.pid ?? null;
  entry.disconnect(`${entry.id}: its process ended or its .pconf was removed`);
  void entry
    .run('stop', async () => {
      // A plugin that stops by itself removes its .pconf just before it exits.
      if (pid !== null) await exitOf(pid, EXIT_GRACE_MS);
      // Our supervisor told meanwhile how its process ended (exit code, signal): that stands.
      if (entry.state === 'stopped') return;
      const reason = goneReason(entry, pid);
      if (reason.ended) {
        entry.error = new GoPlugError('PLUGIN_GONE', `${entry.id}: ${reason.text}`, {
          hint: 'Its process ended: start it again where it was started, or see its own logs for why.',
        }).toInfo();
      }
      entry.move('stopped', reason.text);
    })
    .then(() => {
      // Back while we waited: take it up as a plugin that came back.
      if (entry.record && entry.state === 'stopped' && ctx.entries.get(entry.id) === entry) takeUpAgain(ctx, entry);
    })
    .catch(() => undefined);
}

function goneReason(entry: PluginEntry, pid: number | null): { text: string; ended: boolean } {
  if (pid !== null && !isAlive(pid)) return { text: `process ended (pid ${pid} is gone)`, ended: true };
  if (pid !== null) return { text: `.pconf removed while its process (pid ${pid}) still runs`, ended: false };
  if (entry.unreachable) return { text: 'process ended (its socket refused connections)', ended: true };
  return { text: '.pconf removed', ended: false };
}

/** Waits until `pid` exits, at most `ms`. */
async function exitOf(pid: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (isAlive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
}
