/**
 * Plugins whose process the supervisor launched: its events go out as registry events, and a
 * process that ends or comes back moves the plugin's state; a manifest that waited for a person's
 * approval launches once it has it.
 */
import { GoPlugError } from '../errors.js';
import type { SupervisorEvent } from '../launcher/index.js';
import type { PluginEntry } from './pluginEntry.js';
import type { RegistryContext } from './registryContext.js';
import { activate, autoLaunch } from './transitions.js';

/** Supervisor events go out as registry events; process changes also move the plugin's state. */
export function onLauncherEvent(ctx: RegistryContext, event: SupervisorEvent): void {
  ctx.emit(event);
  if (event.type !== 'process') return;
  const entry = ctx.entries.get(event.id);
  if (!entry) return;
  if (event.change === 'exited' || event.change === 'restarting' || event.change === 'fatal') {
    processEnded(ctx, entry, event.message);
  } else if (event.change === 'ready') {
    reactivate(ctx, entry);
  } else {
    entry.tell('changed');
  }
}

/** The process ended without being asked: the plugin is stopped, calls in flight fail at once. */
function processEnded(ctx: RegistryContext, entry: PluginEntry, message: string): void {
  // Stopped on purpose, or never meant to run: the exit needs no explaining.
  if (entry.state === 'stopping' || (entry.state === 'stopped' && !entry.wantStarted)) {
    entry.tell('changed');
    return;
  }
  // Already stopped when its .pconf went: the supervisor removes a dead plugin's files before it
  // reports the exit, and the watcher may tell first. The exit is still the reason to show (a
  // move to the state it is in goes out as 'changed').
  if (entry.state !== 'stopped') entry.disconnect(`${entry.id}: its process ${message}`);
  entry.error = new GoPlugError('PLUGIN_GONE', `${entry.id}: its process ${message}`, {
    hint: 'Its process ended on its own: see its Logs tab (or log file) for why.',
  }).toInfo();
  // No 'error' event: the 'process' event just told what happened, the snapshot keeps the error.
  entry.move('stopped', message);
  const spec = ctx.plan?.spec(entry);
  if (spec) void ctx.reads.refresh(spec.pconfPath);
}

/** Back after a crash: activate it again (a start by the user activates by itself). */
function reactivate(ctx: RegistryContext, entry: PluginEntry): void {
  if (entry.transition || entry.state === 'started') {
    entry.tell('changed');
    return;
  }
  const spec = ctx.plan?.spec(entry);
  void entry
    .run('start', async () => {
      if (spec) await ctx.reads.refresh(spec.pconfPath);
      // A LazyLoad plugin whose process was launched (e.g. a sample) waits for its explicit start.
      const discoveryStarts = ctx.autoDiscover && entry.record?.conf.lazyLoad === false;
      if (!entry.wantStarted && !discoveryStarts) {
        entry.tell('changed');
        return;
      }
      await activate(ctx, entry);
    })
    .catch(() => undefined);
}

/**
 * Approvals changed (issue 13 §2): snapshots show it, and a manifest that waited for its approval
 * launches now as it would have on discovery.
 */
export function approvalsChanged(ctx: RegistryContext): void {
  for (const entry of ctx.entries.values()) {
    if (!entry.manifestRecord) continue;
    entry.tell('changed');
    if (ctx.plan?.approvedSinceSeen(entry)) autoLaunch(ctx, entry);
  }
}
