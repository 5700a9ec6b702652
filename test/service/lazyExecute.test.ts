import { afterEach, describe, expect, it } from 'vitest';
import { openStudio, type Studio } from '../helpers/studio.js';

let studio: Studio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
});

describe('StudioService: execute on a LazyLoad plugin', () => {
  it('starts the plugin on its first call, as the console promises', async () => {
    studio = await openStudio();
    await studio.plugin('kv', { lazyLoad: true }).start();
    await studio.waitFor('test/kv', 'discovered');
    const answer = await studio.service.call('execute', { id: 'test/kv', method: 'Echo', body: 'first' });
    expect(answer).toMatchObject({ ok: true, value: { ok: true, status: 200, body: { base64: btoa('first') } } });
    await studio.waitFor('test/kv', 'started');
  });
});
