/**
 * Brings a plugin's entry in line with the files that claim its id (its .pconf and its launch
 * manifest): creates it, updates it, stops it when its .pconf goes, removes it when nothing
 * claims it any more. Every file change ends here, whatever found it.
 */
import type { PluginEntry } from './pluginEntry.js';
import type { RegistryContext } from './registryContext.js';
import { autoLaunch, autoStart } from './transitions.js';

export function reconcile(ctx: RegistryContext, id: string): void {
  const conf = ctx.confs.claimsOf(id);
  const manifest = ctx.manifests.claimsOf(id);
  ctx.problems.reportConflicts(id, conf);
  ctx.problems.reportConflicts(id, manifest);

  const entry = ctx.entries.get(id);
  if (!conf.winner && !manifest.winner && !ctx.plan?.launchedHere(id)) {
    if (entry) removeEntry(ctx, entry);
    return;
  }
  if (!entry) {
    const created = ctx.newEntry(id, conf.winner, manifest.winner);
    created.tell('discovered');
    autoStart(ctx, created);
    autoLaunch(ctx, created);
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
  entry.record = winner;
  if (!winner) return confGone(entry);
  if (!before) {
    // A .pconf for a plugin known so far by its manifest: its process runs (ours or not).
    if (entry.state === 'stopped' && !entry.transition) entry.move('discovered', '.pconf appeared');
    else entry.tell('changed');
    autoStart(ctx, entry);
    return;
  }
  const endpointChanged = before.conf.sock !== winner.conf.sock || before.conf.url !== winner.conf.url;
  const wasStarted = entry.state === 'started';
  if (entry.client && (endpointChanged || entry.unreachable)) {
    entry.rewritten(endpointChanged ? 'socket or url changed' : '.pconf rewritten');
  } else {
    entry.tell('changed');
  }
  autoStart(ctx, entry, wasStarted);
}

/**
 * The .pconf of a plugin that stays listed (it has a manifest, or a process launched here) is
 * gone: its process stopped or crashed. A transition under way settles the state itself.
 */
function confGone(entry: PluginEntry): void {
  if (entry.transition || entry.state === 'stopped') {
    entry.tell('changed');
    return;
  }
  entry.disconnect(`${entry.id}: its .pconf was removed`);
  entry.move('stopped', '.pconf removed');
}

function removeEntry(ctx: RegistryContext, entry: PluginEntry): void {
  // Calls in flight fail with PLUGIN_GONE rather than waiting for their deadline.
  entry.disconnect(`${entry.id}: its .pconf was removed`);
  ctx.entries.delete(entry.id);
  if (entry.state !== 'stopped') entry.move('stopped', '.pconf removed');
  entry.tell('removed');
}
