/**
 * A command saved through the web API does not run until a person approves it outside the page
 * (issue 13 §2). Real `goplug serve` and `goplug trust` processes, the API as the page (or a
 * script holding the token) calls it, and a real plugin process whose runs are counted in a file.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatManifest } from '../../src/core/launcher/index.js';
import type { Envelope, PluginSnapshot } from '../../src/shared/contract.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { fixtureManifest } from '../helpers/fixturePlugin.js';
import { GOPLUG_BIN, startServe, type Serve } from '../helpers/goplugProcess.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import { tempFolder } from '../helpers/tempFolder.js';

let plugins: Awaited<ReturnType<typeof tempFolder>>;
let data: Awaited<ReturnType<typeof tempFolder>>;
let serve: Serve | undefined;

beforeAll(async () => {
  // Built once per change of the sources, under a lock: never rewritten under another test's feet.
  await ensureStudioBuilt();
}, 240_000);
beforeEach(async () => {
  plugins = await tempFolder('gp-wa-');
  data = await tempFolder('gp-wd-');
});
afterEach(async () => {
  await serve?.process.stop();
  serve = undefined;
  await plugins.remove();
  await data.remove();
});

async function call<T>(channel: string, request: unknown): Promise<Envelope<T>> {
  const response = await fetch(`${serve!.baseUrl}api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve!.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(20_000),
  });
  return (await response.json()) as Envelope<T>;
}

async function fixture(): Promise<PluginSnapshot | undefined> {
  const snapshot = await call<{ plugins: PluginSnapshot[] }>('getSnapshot', {});
  return snapshot.ok ? snapshot.value.plugins.find((p) => p.id === 'test/fixture') : undefined;
}

async function waitForFixture(ready: (p: PluginSnapshot) => boolean, what: string): Promise<PluginSnapshot> {
  const until = Date.now() + 20_000;
  for (;;) {
    const found = await fixture();
    if (found !== undefined && ready(found)) return found;
    if (Date.now() > until)
      throw new Error(`test/fixture ${what}: not within 20 s (is ${JSON.stringify(found?.state)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Saves an autoStart manifest through the API, as a script holding the token could; its runs are counted. */
async function saveThroughApi(counter: string): Promise<string> {
  const text = formatManifest(fixtureManifest({ autoStart: true, env: { FIXTURE_COUNTER: counter } }));
  const saved = await call<{ path: string }>('saveManifest', { folder: plugins.path, text });
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.value.path;
}

describe('a command saved through the web API', () => {
  it('waits for approval with its exact command line, cannot be started by the page, and runs after goplug trust', async () => {
    serve = await startServe(plugins.path, data.path);
    const counter = join(data.path, 'runs');
    const path = await saveThroughApi(counter);

    const waiting = await waitForFixture((p) => p.waitingApproval !== undefined, 'waiting for approval');
    expect(waiting.state).toBe('stopped');
    expect(waiting.process).toBeUndefined();
    expect(waiting.waitingApproval!.commandLine).toBe(
      `cd ${plugins.path} && FIXTURE_COUNTER=${counter} ${process.execPath} ${join(REPO_ROOT, 'test/fixtures/launcher/fixturePlugin.mjs')}`,
    );
    for (const channel of ['startPlugin', 'restartPlugin']) {
      expect(await call(channel, { id: 'test/fixture' })).toMatchObject({
        ok: false,
        error: {
          code: 'NOT_APPROVED',
          message: expect.stringContaining(waiting.waitingApproval!.commandLine),
        },
      });
    }
    expect(await call('startAll', {})).toMatchObject({
      ok: true,
      value: { results: [{ id: 'test/fixture', ok: false, error: { code: 'NOT_APPROVED' } }] },
    });
    // Asking for approval from the page only prints a code in the terminal; a guess is refused.
    expect(await call('approveManifest', { path })).toMatchObject({
      ok: true,
      value: { approved: false, codeSent: true },
    });
    await serve.process.waitForOutput(
      (out) => (out.includes('Approval code for test/fixture') ? true : undefined),
      'the code',
    );
    const printed = /Approval code for test\/fixture \(.*\): (\d{6})/.exec(serve.process.stdout())![1]!;
    const wrong = printed === '000000' ? '000001' : '000000';
    expect(await call('approveManifest', { path, code: wrong })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(existsSync(counter)).toBe(false);
    expect((await fixture())?.waitingApproval).toBeDefined();

    // The person approves it in a terminal: the running Studio launches it at once.
    const trust = await promisify(execFile)(
      process.execPath,
      [GOPLUG_BIN, 'trust', path, '--data-dir', data.path],
      {
        timeout: 30_000,
      },
    );
    expect(trust.stdout).toBe(`approved test/fixture (${path}): ${waiting.waitingApproval!.commandLine}\n`);
    const started = await waitForFixture((p) => p.state === 'started', 'started once approved');
    expect(started.waitingApproval).toBeUndefined();
    expect(await readFile(counter, 'utf8')).toBe('1');

    // A changed command waits again (and the running process is left as it is).
    const changed = formatManifest(
      fixtureManifest({ autoStart: true, env: { FIXTURE_COUNTER: counter, FIXTURE_LINES: '1' } }),
    );
    expect(await call('saveManifest', { folder: plugins.path, text: changed, replaces: path })).toMatchObject(
      { ok: true },
    );
    const again = await waitForFixture(
      (p) => p.waitingApproval !== undefined,
      'waiting again after the change',
    );
    expect(again.waitingApproval!.commandLine).toContain('FIXTURE_LINES=1');
  }, 90_000);

  it('is approved with the one-time code goplug serve printed, and then runs', async () => {
    serve = await startServe(plugins.path, data.path);
    const counter = join(data.path, 'runs');
    const path = await saveThroughApi(counter);
    await waitForFixture((p) => p.waitingApproval !== undefined, 'waiting for approval');
    expect(await call('approveManifest', { path })).toMatchObject({ ok: true, value: { codeSent: true } });
    const code = await serve.process.waitForOutput(
      (out) => /Approval code for test\/fixture \(.*\): (\d{6})\n {2}it approves: cd /.exec(out)?.[1],
      'the code and the command it approves',
    );
    expect(await call('approveManifest', { path, code })).toMatchObject({
      ok: true,
      value: { approved: true },
    });
    await waitForFixture((p) => p.state === 'started', 'started once approved');
    expect(await readFile(counter, 'utf8')).toBe('1');
    // A code approves the command it was printed for, once: not a changed one.
    const changed = formatManifest(
      fixtureManifest({ autoStart: true, env: { FIXTURE_COUNTER: counter, FIXTURE_LINES: '2' } }),
    );
    expect(await call('saveManifest', { folder: plugins.path, text: changed, replaces: path })).toMatchObject(
      { ok: true },
    );
    await waitForFixture((p) => p.waitingApproval !== undefined, 'waiting again after the change');
    expect(await call('approveManifest', { path, code })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  }, 90_000);
});
