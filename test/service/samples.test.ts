import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSample } from '../../demo/catalog.js';
import { startSamples, type RunningSamples } from '../../src/service/samples.js';
import { buildNode, type Build } from '../helpers/buildOnce.js';
import { openStudio } from '../helpers/studio.js';
import { tempFolder } from '../helpers/tempFolder.js';

// The samples run as real processes from compiled files, like `goplug demo` runs them.
let build: Build;
let catalog: readonly DemoSample[];

beforeAll(async () => {
  build = await buildNode(['demo/catalog.js', 'demo/echo.js', 'demo/clock.js', 'demo/kv.js']);
  const compiled = (await import(pathToFileURL(join(build.outDir, 'demo', 'catalog.js')).href)) as {
    DEMO_SAMPLES: readonly DemoSample[];
  };
  catalog = compiled.DEMO_SAMPLES;
}, 180_000);

afterAll(async () => {
  await build?.remove();
});

describe('startSamples', () => {
  it('runs every sample until it announces itself, then stops them all (files cleaned up)', async () => {
    const dir = await tempFolder('gp-s-');
    const ready: string[] = [];
    let samples: RunningSamples | undefined;
    try {
      samples = await startSamples(dir.path, { samples: catalog, onReady: (id) => ready.push(id) });
      expect(samples.skipped).toEqual([]);
      expect([...samples.ids].sort()).toEqual(['demo/clock', 'demo/echo', 'demo/hello-py', 'demo/kv']);
      expect([...ready].sort()).toEqual([...samples.ids].sort());
      expect(samples.alive().sort()).toEqual([...samples.ids].sort());
      for (const file of ['democlock.pconf', 'demoecho.pconf', 'demohello-py.pconf', 'demokv.pconf']) {
        expect(existsSync(join(dir.path, file))).toBe(true);
      }
      await samples.stop();
      expect(samples.alive()).toEqual([]);
      // SIGTERM let each sample remove its own .pconf.
      expect(existsSync(join(dir.path, 'demoecho.pconf'))).toBe(false);
    } finally {
      await samples?.stop();
      await dir.remove();
    }
  });

  it('skips the Python sample with a reason when Python is missing, and reports a sample that fails', async () => {
    const dir = await tempFolder('gp-s-');
    const skippedNow: string[] = [];
    const broken: DemoSample = {
      id: 'demo/broken',
      kind: 'node',
      entry: join(dir.path, 'missing.js'),
      description: '',
    };
    let samples: RunningSamples | undefined;
    try {
      samples = await startSamples(dir.path, {
        samples: [...catalog.filter((s) => s.kind === 'python'), broken],
        python: join(dir.path, 'no-python3'),
        onSkip: (id) => skippedNow.push(id),
      });
      expect(samples.ids).toEqual([]);
      expect(samples.skipped).toEqual([
        {
          id: 'demo/hello-py',
          reason: expect.stringMatching(/no-python3 is not available .*install Python 3/),
        },
        {
          id: 'demo/broken',
          reason: expect.stringMatching(/^exited \(code 1\) before it was ready: .*missing\.js/s),
        },
      ]);
      expect(skippedNow.sort()).toEqual(['demo/broken', 'demo/hello-py']);
    } finally {
      await samples?.stop();
      await dir.remove();
    }
  });
});

describe('startSamples channel', () => {
  it('starts the samples in the first watched folder, lists them, and stops them on close', async () => {
    const studio = await openStudio({ samples: { samples: catalog.filter((s) => s.id === 'demo/echo') } });
    try {
      expect(await studio.service.call('startSamples', {})).toEqual({
        ok: true,
        value: { started: ['demo/echo'] },
      });
      await studio.waitFor('demo/echo', 'started');
      // Twice is fine: a running sample is not launched again.
      expect(await studio.service.call('startSamples', {})).toEqual({
        ok: true,
        value: { started: ['demo/echo'] },
      });
      expect(await studio.service.call('startSamples', { folder: '/tmp' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      await studio.service.close();
      expect(existsSync(join(studio.pluginDir, 'demoecho.pconf'))).toBe(false);
    } finally {
      await studio.close();
    }
  });
});
