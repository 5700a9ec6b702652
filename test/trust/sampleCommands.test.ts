/**
 * Our samples stay a one-click start (issue 13 §2): a manifest that runs a sample exactly as the
 * catalog says needs no approval, since nothing of it comes from the folder; the same sample with
 * anything added (here NODE_OPTIONS) waits for approval like any other command. Real service.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SAMPLES } from '../../demo/catalog.js';
import type { PluginSnapshot } from '../../src/core/types.js';
import { openStudio, value, type Studio } from '../helpers/studio.js';

let studio: Studio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
});

describe('manifests of our samples', () => {
  it('run the catalog command without approval; an altered one waits', async () => {
    studio = await openStudio();
    const dir = studio.pluginDir;
    const sample = (id: string, env: Record<string, string>) => {
      const entry = DEMO_SAMPLES.find((s) => s.id === id)!.entry;
      const [namespace, name] = id.split('/') as [string, string];
      return JSON.stringify({
        name,
        namespace,
        command: process.execPath,
        args: [entry, '--dir', dir],
        cwd: dir,
        env,
        autoStart: false,
      });
    };
    await writeFile(join(dir, 'demoecho.plugin.json'), sample('demo/echo', { ELECTRON_RUN_AS_NODE: '1' }), {
      mode: 0o600,
    });
    await writeFile(
      join(dir, 'democlock.plugin.json'),
      sample('demo/clock', { ELECTRON_RUN_AS_NODE: '1', NODE_OPTIONS: '--require /tmp/evil.js' }),
      { mode: 0o600 },
    );
    let plugins: PluginSnapshot[] = [];
    const listed = async () => {
      plugins = value(await studio!.service.call('getSnapshot', {})).plugins;
      return plugins.length === 2;
    };
    for (const until = Date.now() + 10_000; !(await listed());) {
      if (Date.now() > until) throw new Error('the two sample manifests were not listed');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(plugins.find((p) => p.id === 'demo/echo')?.waitingApproval).toBeUndefined();
    expect(plugins.find((p) => p.id === 'demo/clock')?.waitingApproval?.commandLine).toContain(
      'NODE_OPTIONS=',
    );
  });
});
