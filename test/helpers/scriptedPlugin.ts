/**
 * Real plugin processes that misbehave on purpose, for the fault tests: the compiled SDK (from
 * buildNode) driven by a small script, so a test can SIGKILL a process that is in the middle of
 * Activate or holding a callback long-poll. Each prints the usual readiness line, plus marker
 * lines (`goplug-test: ...`) when it reaches the state a test waits for.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Build } from './buildOnce.js';
import { startPluginProcess, type PluginProcess } from './pluginProcess.js';
import { waitUntil } from './waitUntil.js';

export interface ScriptedPluginOptions {
  dir: string;
  name: string;
  namespace?: string;
  lazyLoad?: boolean;
  /** Activate never answers (onActivate returns a promise that never settles); prints `activating`. */
  hangActivate?: boolean;
  /** Prints `polled <name>` once a RegisterCallback long-poll for that callback is waiting. */
  reportPollsFor?: string;
}

/**
 * The plugin serves Echo (body back) and Delay (answers after the number of ms in the body;
 * prints `delaying` on the first one).
 */
const SCRIPT = `
import { createPlugin, runPlugin } from './src/sdk/index.js';
const o = JSON.parse(process.argv[2]);
const say = (what) => process.stdout.write('goplug-test: ' + what + '\\n');
let delaying = false;
const plugin = createPlugin({
  folder: o.dir,
  namespace: o.namespace ?? 'fault',
  name: o.name,
  lazyLoad: o.lazyLoad ?? false,
  onActivate: o.hangActivate ? () => { say('activating'); return new Promise(() => {}); } : undefined,
})
  .method('Echo', (body) => body)
  .method('Delay', (body, ctx) => new Promise((resolve) => {
    if (!delaying) say('delaying');
    delaying = true;
    const timer = setTimeout(() => resolve('waited'), Number(body.toString()));
    ctx.signal.addEventListener('abort', () => { clearTimeout(timer); resolve('cut'); });
  }));
if (o.reportPollsFor) {
  const timer = setInterval(() => {
    if (plugin.pendingPolls(o.reportPollsFor) === 0) return;
    say('polled ' + o.reportPollsFor);
    clearInterval(timer);
  }, 5);
}
void runPlugin(plugin);
`;

const SCRIPT_NAME = 'scriptedPlugin.mjs';

/** Writes the script beside the compiled SDK; call once per build. */
export async function installScriptedPlugin(build: Build): Promise<void> {
  await writeFile(join(build.outDir, SCRIPT_NAME), SCRIPT);
}

export function startScriptedPlugin(build: Build, options: ScriptedPluginOptions): Promise<PluginProcess> {
  return startPluginProcess('node', [join(build.outDir, SCRIPT_NAME), JSON.stringify(options)]);
}

/** Waits for a `goplug-test: <marker>` line on the process's stdout. */
export function waitForMarker(proc: PluginProcess, marker: string, timeoutMs = 10_000): Promise<void> {
  return waitUntil(
    () => proc.stdout().includes(`goplug-test: ${marker}\n`),
    `${proc.id} to print ${marker}`,
    timeoutMs,
  );
}
