// @vitest-environment jsdom
/**
 * Saved requests and collection runs in the page, against the real Studio service and a real
 * plugin process: the console's request is saved with a name and expectations into a new
 * collection file, and running the collection shows each request passing or failing with why,
 * each as soon as it is known.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectionsPage } from '../../src/renderer/components/CollectionsPage.js';
import { SaveRequestButton } from '../../src/renderer/components/SaveRequestButton.js';
import { openServiceStudio, type ServiceStudio } from './helpers/serviceStudio.js';

const ID = 'test/fixture';
const UNTIL = { timeout: 15_000 };

let studio: ServiceStudio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
  cleanup();
});

/** Fills the Save request form and saves it; resolves once the page says where it went. */
async function saveRequest(name: string, expectations: Record<string, string>) {
  fireEvent.click(screen.getByRole('button', { name: 'Save request' }));
  const form = await screen.findByRole('dialog', { name: 'Save request' });
  fireEvent.change(within(form).getByLabelText('Name'), { target: { value: name } });
  for (const [label, value] of Object.entries(expectations)) {
    fireEvent.change(within(form).getByLabelText(label), { target: { value } });
  }
  fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Save request' })).toBeNull(), UNTIL);
}

describe('collections in the Studio page', () => {
  it('saves console requests into a collection and runs it: each passes or fails with its reason', async () => {
    const s = (studio = await openServiceStudio({ orphanGuard: false }));
    const manifest = JSON.stringify({
      name: 'fixture',
      namespace: 'test',
      command: 'node',
      args: [s.fixturePlugin],
      autoStart: false,
    });
    await s.trust((await s.api.saveManifest({ folder: s.pluginDir, text: manifest })).path);
    await waitFor(() => expect(s.store.getState().plugins[ID]?.state).toBe('stopped'), UNTIL);
    await s.api.startPlugin({ id: ID });
    s.store.getState().updateConsole(ID, { method: 'Echo', body: '{"a": 1, "b": [2]}', mode: 'json' });
    s.render(
      <>
        <SaveRequestButton pluginId={ID} />
        <CollectionsPage />
      </>,
    );

    // Escape leaves the form, saving nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Save request' }));
    fireEvent.keyDown(
      within(await screen.findByRole('dialog', { name: 'Save request' })).getByLabelText('Name'),
      { key: 'Escape' },
    );
    expect(screen.queryByRole('dialog', { name: 'Save request' })).toBeNull();

    await saveRequest('echo a', { 'JSON subset': '{"b": [2]}' });
    expect(screen.getByRole('status').textContent).toBe(`Saved to ${s.pluginDir}/fixture.collection.json`);
    await saveRequest('echo wrong', { 'Body contains': '"c"', Status: '201' });

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    const requests = await screen.findByRole('list', { name: 'Requests' });
    await waitFor(() => expect(within(requests).getAllByRole('listitem').length).toBe(2), UNTIL);
    fireEvent.click(screen.getByRole('button', { name: 'Run collection' }));
    await waitFor(() => expect(screen.getByText(/1 passed, 1 failed/)).toBeTruthy(), UNTIL);
    const [passed, failed] = within(requests).getAllByRole('listitem');
    expect(passed!.textContent).toMatch(/^PASSecho atest\/fixture · Echo/);
    expect(failed!.textContent).toMatch(/^FAILecho wrong/);
    const why = within(failed!).getByRole('list', { name: 'Why echo wrong failed' });
    expect(
      within(why)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'status: expected 201, got 200',
      'bodyContains: expected "\\"c\\"", got "{\\"a\\":1,\\"b\\":[2]}"',
    ]);
  });

  it('saves what the console would send: a Raw body with its Content-Type, and the console’s timeout', async () => {
    const s = (studio = await openServiceStudio({ orphanGuard: false }));
    s.store.getState().updateConsole(ID, { method: 'Echo', body: 'hello', mode: 'raw', timeout: '2.5' });
    s.render(<SaveRequestButton pluginId={ID} />);
    // The form opens before the settings have arrived: it still saves into the watched folder.
    await saveRequest('raw hello', {});
    const [file] = await s.api.listCollections({});
    expect(file?.collection?.requests).toEqual([
      expect.objectContaining({
        name: 'raw hello',
        body: 'hello',
        contentType: 'text/plain; charset=utf-8',
        timeoutMs: 2500,
      }),
    ]);
  });

  it('shows each verdict while the run goes on, the request running, and how far it got when cancelled', async () => {
    const s = (studio = await openServiceStudio({ orphanGuard: false }));
    // A real plugin in the watched folder, served from this process (the SDK is Node code: by path).
    const sdk = '../../src/sdk/index.js';
    const { createPlugin } = (await import(/* @vite-ignore */ sdk)) as {
      createPlugin(o: object): {
        method(n: string, h: (body: Uint8Array, ctx: { signal: AbortSignal }) => unknown): ReturnType<typeof createPlugin>;
        start(): Promise<unknown>;
        stop(): Promise<void>;
      };
    };
    const slow = createPlugin({ folder: s.pluginDir, namespace: 'test', name: 'slow' })
      .method('Echo', (body) => body)
      .method('Wait', (_body, ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(''))));
    await slow.start();
    try {
      await s.api.saveCollection({
        path: `${s.pluginDir}/slow.collection.json`,
        collection: {
          name: 'slow',
          requests: [
            { name: 'first', plugin: 'test/slow', method: 'Echo', body: 'x', expect: { body: 'x' } },
            { name: 'wait', plugin: 'test/slow', method: 'Wait' },
            { name: 'after', plugin: 'test/slow', method: 'Echo' },
          ],
        },
      });
      s.render(<CollectionsPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Run collection' }, UNTIL));
      const requests = screen.getByRole('list', { name: 'Requests' });
      // What each request's row says first: its verdict, or where the run is.
      const verdicts = () =>
        within(requests)
          .getAllByRole('listitem')
          .map((li) => li.querySelector('.verdict')?.textContent);
      await waitFor(() => expect(screen.getByText('1 of 3 done')).toBeTruthy(), UNTIL);
      expect(verdicts()).toEqual(['PASS', 'running', '·']);
      fireEvent.click(screen.getByRole('button', { name: 'Cancel run' }));
      await waitFor(() => expect(screen.getByText(/1 passed, 0 failed \(cancelled after 1 of 3\)/)).toBeTruthy(), UNTIL);
      expect(verdicts()).toEqual(['PASS', 'not run', 'not run']);
      // What was kept for the run while it went on is gone with it.
      expect(s.store.getState().collectionRuns).toEqual({});
    } finally {
      await slow.stop();
    }
  });
});
