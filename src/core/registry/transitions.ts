/**
 * The moves of a plugin's lifecycle: Discovered → Starting → Started → Stopping → Stopped, with
 * its process launched first when it has a manifest. Each runs as the entry's one transition, so
 * a start and a stop asked at once join or follow each other instead of racing.
 */
import { GoPlugError } from '../errors.js';
import type { LaunchSpec } from '../launcher/index.js';
import { PluginClient } from '../wire/index.js';
import { describePlugin, putDescription } from './description.js';
import { REACHABILITY_CODES } from './health.js';
import type { LaunchPlan } from './launchPlan.js';
import type { PluginEntry } from './pluginEntry.js';
import type { RegistryContext } from './registryContext.js';
import { traceOrigin } from './processOrigin.js';
import { asGoPlugError, notRunning } from './registryErrors.js';
import { checkSocket } from './socketTrust.js';

/** Activates the plugin, launching its process first when it has a manifest and nothing serves it. */
export async function bringUp(ctx: RegistryContext, entry: PluginEntry, lazyWaits = false): Promise<void> {
  const plan = ctx.plan;
  const spec = await plan?.needsLaunch(entry);
  if (plan && spec) await launch(ctx, plan, entry, spec);
  // An automatic launch of a LazyLoad plugin starts its process; activation waits for a start.
  if (lazyWaits && entry.record?.conf.lazyLoad && !entry.wantStarted) {
    if (entry.state === 'starting') entry.move('discovered', 'process launched; LazyLoad waits for a start');
    else entry.tell('changed');
    return;
  }
  await activate(ctx, entry);
}

async function launch(
  ctx: RegistryContext,
  plan: LaunchPlan,
  entry: PluginEntry,
  spec: LaunchSpec,
): Promise<void> {
  entry.move('starting', 'launching its process');
  try {
    await plan.supervisor.start(spec);
  } catch (err) {
    const error = asGoPlugError(err, entry.id);
    // NOT_STARTED: a stop cut the launch short, which is what the user asked for.
    if (error.code !== 'NOT_STARTED') {
      entry.error = error.toInfo();
      ctx.emit({ type: 'error', id: entry.id, path: spec.pconfPath, error: entry.error });
    }
    entry.move('stopped', error.message);
    throw error;
  }
  // Ready: its .pconf is there. Read it now, without waiting for the watcher (or without one).
  await ctx.reads.refresh(spec.pconfPath);
}

/** Connects to the plugin's socket and activates it (Go: LoadPlugin). */
export async function activate(ctx: RegistryContext, entry: PluginEntry): Promise<void> {
  const generation = entry.nextGeneration();
  const record = entry.record;
  if (!record) throw notRunning(entry);
  const { conf } = record;
  if (entry.state !== 'starting') entry.move('starting');
  const client = new PluginClient({ sock: conf.sock, url: conf.url, id: entry.id }, ctx.options.request);
  try {
    entry.runtimeWarnings = await checkSocket(entry.id, conf.sock, ctx.options.allowedSocketOwners ?? []);
    const { methods, output } = await client.activate();
    const description = await describePlugin(entry.id, client, methods);
    if (!entry.isCurrent(generation)) {
      await client.close();
      return;
    }
    putDescription(ctx, entry, description);
    entry.started(client, methods, output.toString('utf8'));
    // Not awaited: a start never waits for /proc. Looks again only when nothing was found before
    // (a Go plugin writes its .pconf before it listens) or the process we knew is gone.
    traceOrigin(ctx, entry);
  } catch (err) {
    await client.close();
    if (!entry.isCurrent(generation)) return;
    const error = asGoPlugError(err, entry.id);
    entry.error = error.toInfo();
    entry.unreachable = REACHABILITY_CODES.has(error.code) || error.code === 'UNTRUSTED';
    ctx.emit({ type: 'error', id: entry.id, path: record.path, error: entry.error });
    entry.move('discovered', error.message);
    traceOrigin(ctx, entry);
    throw error;
  }
}

/** Sends `POST /Stop` (Go: UnloadPlugin) to a plugin we did not launch. */
export async function deactivate(entry: PluginEntry): Promise<void> {
  const generation = beginStop(entry);
  const client = entry.takeClient();
  try {
    await client?.stop();
  } catch (err) {
    // The plugin may be gone already: for a stop, that is the goal reached.
    const error = asGoPlugError(err, entry.id);
    if (!REACHABILITY_CODES.has(error.code)) entry.error = error.toInfo();
  } finally {
    await client?.close();
  }
  if (entry.isCurrent(generation)) entry.stopped();
}

/** Stops a launched plugin's process (the supervisor sends POST /Stop itself, then escalates). */
export async function stopProcess(ctx: RegistryContext, plan: LaunchPlan, entry: PluginEntry): Promise<void> {
  const generation = beginStop(entry);
  const client = entry.takeClient();
  try {
    await plan.supervisor.stop(entry.id);
  } catch (err) {
    entry.error = asGoPlugError(err, entry.id).toInfo();
  } finally {
    await client?.destroy(`${entry.id} was stopped`);
  }
  if (entry.isCurrent(generation)) entry.stopped(plan.supervisor.info(entry.id)?.message ?? undefined);
  const spec = plan.spec(entry);
  if (spec) await ctx.reads.refresh(spec.pconfPath);
}

/** Stopping: nobody wants it started any more, and its subscriptions end. */
function beginStop(entry: PluginEntry): number {
  const generation = entry.nextGeneration();
  entry.move('stopping');
  entry.wantStarted = false;
  entry.endSubscriptions(new GoPlugError('NOT_STARTED', `${entry.id} was stopped`));
  return generation;
}

/** Starts a plugin that discovery should start: not lazy, or started before (e.g. by the user). */
export function autoStart(ctx: RegistryContext, entry: PluginEntry, wasStarted = false): void {
  if (entry.transition || !entry.record) return;
  if (!wasStarted && (!ctx.autoDiscover || entry.record.conf.lazyLoad)) return;
  if (entry.state !== 'discovered' && entry.state !== 'stopped') return;
  // With an autoStart manifest, a stale .pconf (its process died with an earlier host) means: launch it.
  const work = ctx.plan?.wantsAutoLaunch(entry)
    ? () => bringUp(ctx, entry, true)
    : () => activate(ctx, entry);
  // Failures are recorded on the entry and emitted; nothing to do with them here.
  void entry.run('start', work).catch(() => undefined);
}

/**
 * Launches a plugin whose manifest says autoStart, once, when discovery first finds the manifest
 * (so a plugin the user stopped stays stopped); bringUp activates instead when it already runs.
 */
export function autoLaunch(ctx: RegistryContext, entry: PluginEntry): void {
  if (!ctx.autoDiscover || !ctx.plan?.wantsAutoLaunch(entry)) return;
  void entry.run('start', () => bringUp(ctx, entry, true)).catch(() => undefined);
}
