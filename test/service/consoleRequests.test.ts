/**
 * The console's requests through the real service and a real SDK plugin over its Unix socket:
 * the body's Content-Type, and a request cancelled while the plugin works on it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../src/shared/contract.js';
import { MAX_IN_FLIGHT } from '../../src/service/inFlightRequests.js';
import { openStudio, value, type Studio } from '../helpers/studio.js';
import { waitUntil } from '../helpers/waitUntil.js';

let studio: Studio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
});

interface SlowCalls {
  /** How many Slow calls the plugin began. */
  begun: number;
  /** Why each one's signal aborted: the plugin saw its caller hang up. */
  aborted: string[];
  contentTypes: Array<string | undefined>;
}

/** test/slow: Slow waits until its caller hangs up; Type answers the Content-Type it got. */
async function openWithSlowPlugin(): Promise<{ studio: Studio; calls: SlowCalls }> {
  const opened = await openStudio();
  const calls: SlowCalls = { begun: 0, aborted: [], contentTypes: [] };
  await opened
    .plugin('slow')
    .method('Slow', (_body, ctx) => {
      calls.begun += 1;
      return new Promise<string>((resolve) =>
        ctx.signal.addEventListener('abort', () => {
          calls.aborted.push(String((ctx.signal.reason as Error)?.message ?? ctx.signal.reason));
          resolve('too late');
        }),
      );
    })
    .method('Type', (_body, ctx) => {
      calls.contentTypes.push(ctx.headers['content-type']);
      return ctx.headers['content-type'] ?? '(none)';
    })
    .start();
  await opened.waitFor('test/slow', 'started');
  return { studio: opened, calls };
}

/** execute on test/slow, as the page sends it. */
const execute = (request: Omit<RequestOf<'execute'>, 'id'>) =>
  studio!.service.call('execute', { id: 'test/slow', ...request });

describe('console requests', () => {
  it('cancels a request in flight: the plugin sees its connection close, execute answers CANCELLED, the history says cancelled', async () => {
    const opened = await openWithSlowPlugin();
    studio = opened.studio;
    const { calls } = opened;
    const running = execute({ method: 'Slow', body: 'wait', timeoutMs: 3_600_000, requestId: 'req-1' });
    await waitUntil(() => calls.begun === 1, 'the plugin to begin Slow', 10_000);

    expect(value(await studio.service.call('cancelExecute', { requestId: 'req-1' }))).toEqual({
      cancelled: true,
    });
    const result = value(await running);
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.message).toMatch(
      /^Slow to test\/slow was cancelled after \d.*; the plugin's connection was closed$/,
    );
    expect(result.curl).toContain('/Slow');
    await waitUntil(() => calls.aborted.length === 1, 'the plugin to see the caller hang up', 10_000);

    const [entry] = value(await studio.service.call('getHistory', { id: 'test/slow' }));
    expect(entry).toMatchObject({
      method: 'Slow',
      body: 'wait',
      status: null,
      errorCode: 'CANCELLED',
      cancelled: true,
    });

    // Already finished: nothing to cancel; the plugin still answers.
    expect(value(await studio.service.call('cancelExecute', { requestId: 'req-1' }))).toEqual({
      cancelled: false,
    });
    const again = value(await execute({ method: 'Echo', body: 'still here', requestId: 'req-2' }));
    expect(again).toMatchObject({ ok: true, status: 200 });
    const history = value(await studio.service.call('getHistory', { id: 'test/slow' }));
    expect(history[0]).not.toHaveProperty('cancelled');
  });

  it('a cancel that overtakes its request (another HTTP connection) cancels it as it begins, unsent', async () => {
    const opened = await openWithSlowPlugin();
    studio = opened.studio;
    expect(value(await studio.service.call('cancelExecute', { requestId: 'early' }))).toEqual({
      cancelled: false,
    });
    const result = value(await execute({ method: 'Slow', body: '', requestId: 'early' }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED', message: expect.stringMatching(/; it was not sent$/) },
    });
    expect(opened.calls.begun).toBe(0);
    const [entry] = value(await studio.service.call('getHistory', { id: 'test/slow' }));
    expect(entry).toMatchObject({ method: 'Slow', cancelled: true });
  });

  it('refuses a second request with the id of one in flight, and more than MAX_IN_FLIGHT at once', async () => {
    const opened = await openWithSlowPlugin();
    studio = opened.studio;
    const first = execute({ method: 'Slow', body: '', requestId: 'same' });
    await waitUntil(() => opened.calls.begun === 1, 'the plugin to begin Slow', 10_000);
    const twin = await execute({ method: 'Echo', body: '', requestId: 'same' });
    expect(twin).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringContaining('"same" is already in flight') },
    });

    // Fill the rest of the table with requests that wait; one more is refused with a clear reason.
    const more = Array.from({ length: MAX_IN_FLIGHT - 1 }, (_, i) =>
      execute({ method: 'Slow', body: '', requestId: `r${i}` }),
    );
    await waitUntil(() => opened.calls.begun >= 2, 'more Slow calls to begin', 10_000);
    const refused = await execute({ method: 'Echo', body: '', requestId: 'one-too-many' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: expect.stringContaining(`${MAX_IN_FLIGHT} console requests are already in flight`),
      },
    });
    for (const requestId of ['same', ...more.map((_, i) => `r${i}`)]) {
      await studio.service.call('cancelExecute', { requestId });
    }
    const results = await Promise.all([first, ...more]);
    expect(results.every((r) => r.ok && !r.value.ok && r.value.error.code === 'CANCELLED')).toBe(true);
  });

  it('sends the body with the Content-Type asked for (curl says the same), and refuses one that is no media type', async () => {
    const opened = await openWithSlowPlugin();
    studio = opened.studio;
    const raw = value(
      await execute({ method: 'Type', body: 'hello', contentType: 'text/plain; charset=utf-8' }),
    );
    expect(raw).toMatchObject({ ok: true, status: 200 });
    expect(raw.curl).toContain(`-H 'Content-Type: text/plain; charset=utf-8' --data-binary hello`);
    const json = value(await execute({ method: 'Type', body: '{}' }));
    expect(json.curl).toContain(`-H 'Content-Type: application/json'`);
    expect(opened.calls.contentTypes).toEqual(['text/plain; charset=utf-8', 'application/json']);

    const [entry] = value(await studio.service.call('getHistory', { id: 'test/slow' }));
    expect(entry).not.toHaveProperty('contentType');
    const history = value(await studio.service.call('getHistory', { id: 'test/slow' }));
    expect(history[1]).toMatchObject({ contentType: 'text/plain; charset=utf-8' });

    const bad = value(await execute({ method: 'Type', body: 'x', contentType: 'text/plain\r\nX: 1' }));
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', message: expect.stringContaining('is not a media type') },
    });
    expect(opened.calls.contentTypes).toHaveLength(2);
  });
});
