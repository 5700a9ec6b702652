// @vitest-environment jsdom
/**
 * The console's requests against the real Studio service and a real SDK plugin on its Unix
 * socket: Cancel and Escape end a request in flight (the plugin sees its caller hang up), the
 * history says Cancelled; the body mode sets the Content-Type; the timeout beside Send; a body
 * from a picked file.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleTab } from '../../src/renderer/components/ConsoleTab.js';
import { useStudio } from '../../src/renderer/store/context.js';
import { MAX_CONSOLE_BODY_CHARS } from '../../src/shared/limits.js';
import { openServiceStudio, type ServiceStudio } from './helpers/serviceStudio.js';
import { giveRangesRects } from './helpers/jsdomLayout.js';

giveRangesRects();

const ID = 'test/slow';
const UNTIL = { timeout: 15_000 };
/** The SDK is Node code, which the renderer's type-check must not follow: imported at run time by path. */
const SDK = '../../src/sdk/index.js';

interface Context {
  signal: AbortSignal;
  headers: Record<string, string | string[] | undefined>;
}
interface SdkPlugin {
  method(name: string, handler: (body: Uint8Array, ctx: Context) => unknown): SdkPlugin;
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

let studio: ServiceStudio | undefined;
let plugin: SdkPlugin | undefined;
afterEach(async () => {
  await studio?.close();
  await plugin?.stop();
  studio = plugin = undefined;
  cleanup();
});

function Console() {
  const snapshot = useStudio((s) => s.plugins[ID]);
  return snapshot ? <ConsoleTab plugin={snapshot} /> : null;
}

/** The console of test/slow: Slow answers only when its caller hangs up (counted in `hungUp`), Type answers its Content-Type. */
async function openConsole(): Promise<{ s: ServiceStudio; hungUp: () => number }> {
  const s = (studio = await openServiceStudio(
    { orphanGuard: false },
    { selection: { kind: 'plugin', id: ID } },
  ));
  const { createPlugin } = (await import(/* @vite-ignore */ SDK)) as {
    createPlugin(options: { folder: string; namespace: string; name: string }): SdkPlugin;
  };
  let hungUp = 0;
  plugin = createPlugin({ folder: s.pluginDir, namespace: 'test', name: 'slow' })
    .method('Echo', (body) => body)
    .method(
      'Slow',
      (_body, ctx) =>
        new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(`hung up ${++hungUp}`))),
    )
    .method('Type', (_body, ctx) => String(ctx.headers['content-type']));
  await plugin.start();
  s.render(<Console />);
  await waitFor(() => expect(s.store.getState().plugins[ID]?.state).toBe('started'), UNTIL);
  return { s, hungUp: () => hungUp };
}

const response = () => screen.getByRole('region', { name: 'Response' });
const history = () => screen.getByRole('region', { name: 'History' });
const setMethod = (name: string) =>
  fireEvent.change(screen.getByRole('combobox', { name: 'Method' }), { target: { value: name } });

describe('console requests', () => {
  it('Cancel ends a request in flight: the plugin sees it, the response and the history say Cancelled', async () => {
    const { hungUp } = await openConsole();
    setMethod('Slow');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel request' }, UNTIL));
    await waitFor(
      () => expect(within(response()).getByRole('group', { name: 'Request cancelled' })).toBeTruthy(),
      UNTIL,
    );
    expect(response().textContent).toMatch(/Slow to test\/slow was cancelled after/);
    expect(within(response()).getByText('Cancelled').className).toContain('pill-neutral');
    // A cancel is the person's own doing, not a failure: no red box.
    expect(within(response()).getByRole('group', { name: 'Request cancelled' }).className).toBe(
      'callout callout-neutral',
    );
    await waitFor(() => expect(hungUp()).toBe(1), UNTIL);
    expect(screen.queryByRole('button', { name: 'Cancel request' })).toBeNull();
    // The focus goes back to Send, not to the page.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(history()).getAllByRole('listitem')).toHaveLength(1), UNTIL);
    expect(within(history()).getByRole('listitem').textContent).toMatch(/^▸Cancelled\s*Slow/);
  });

  it('Escape ends a request in flight too', async () => {
    const { hungUp } = await openConsole();
    setMethod('Slow');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('button', { name: 'Cancel request' }, UNTIL);
    // Send, which had the focus, is disabled while the request runs: a browser moves the focus to
    // the page (jsdom does not), which is where Escape comes from then.
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(hungUp()).toBe(1), UNTIL);
    await waitFor(() => expect(within(history()).getAllByRole('listitem')).toHaveLength(1), UNTIL);
    expect(within(history()).getByRole('listitem').textContent).toMatch(/^▸Cancelled\s*Slow/);
    expect(within(response()).getByRole('group', { name: 'Request cancelled' })).toBeTruthy();
  });

  it('Raw mode sends text as text/plain without a JSON warning; JSON mode warns and sends application/json', async () => {
    const { s } = await openConsole();
    setMethod('Type');
    s.store.getState().updateConsole(ID, { body: 'hello' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Not valid JSON (sent as is)'));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(response()).getByText('application/json')).toBeTruthy(), UNTIL);

    fireEvent.click(screen.getByRole('button', { name: 'Raw' }));
    expect(screen.queryByText('Not valid JSON (sent as is)')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(
      () => expect(within(response()).getByText('text/plain; charset=utf-8')).toBeTruthy(),
      UNTIL,
    );

    // Restoring a request brings back its mode, so that sending it again sends the same type.
    fireEvent.click(screen.getByRole('button', { name: 'JSON' }));
    await waitFor(() => expect(within(history()).getAllByRole('listitem')).toHaveLength(2), UNTIL);
    const [rawSent, jsonSent] = within(history()).getAllByTitle('Restore this request into the editor');
    fireEvent.click(rawSent!);
    expect(screen.getByRole('button', { name: 'Raw' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(jsonSent!);
    expect(screen.getByRole('button', { name: 'JSON' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('the timeout beside Send bounds the request; a timeout that is no number of seconds is refused unsent', async () => {
    const { hungUp } = await openConsole();
    setMethod('Slow');
    const timeout = screen.getByRole('textbox', { name: 'Timeout (s)' });
    expect(timeout.getAttribute('placeholder')).toBe(
      String(studio!.store.getState().settings!.requestTimeoutMs / 1000),
    );

    fireEvent.change(timeout, { target: { value: 'soon' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(within(response()).getAllByText('INVALID_REQUEST').length).toBeGreaterThan(0);
    expect(response().textContent).toContain('Timeout "soon": give seconds from 0.001 to 3600');

    fireEvent.change(timeout, { target: { value: '0.2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(response()).getAllByText('TIMEOUT').length).toBeGreaterThan(0), UNTIL);
    expect(response().textContent).toMatch(/200 ms/);
    await waitFor(() => expect(hungUp()).toBe(1), UNTIL);
  });

  it('takes the body from a picked file: text as text, binary as base64 in Raw mode; too large a file is refused with its size', async () => {
    const { s } = await openConsole();
    setMethod('Echo');
    const picker = screen.getByLabelText('Body file');
    fireEvent.change(picker, { target: { files: [new File(['{"from":"file"}'], 'body.json')] } });
    await waitFor(() =>
      expect(s.store.getState().consoles[ID]).toMatchObject({
        body: '{"from":"file"}',
        bodyEncoding: 'utf8',
        mode: 'json',
      }),
    );

    const bytes = new Uint8Array([0, 1, 2, 0xff, 0xfe]);
    fireEvent.change(picker, { target: { files: [new File([bytes], 'blob.bin')] } });
    await waitFor(() =>
      expect(s.store.getState().consoles[ID]).toMatchObject({
        body: 'AAEC//4=',
        bodyEncoding: 'base64',
        mode: 'raw',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(response()).getByText('Binary')).toBeTruthy(), UNTIL);
    expect(response().textContent).toContain('00 01 02 ff fe');

    const huge = new File([new Uint8Array(MAX_CONSOLE_BODY_CHARS)], 'huge.bin');
    fireEvent.change(picker, { target: { files: [huge] } });
    const alert = await screen.findByRole('alert', {}, UNTIL);
    expect(alert.textContent).toBe(
      'huge.bin (1.3 MiB, 1,866,668 characters as base64) is too large for the console: a body has at most 1,400,000 characters (about 1 MiB of binary, 1.3 MiB of text).',
    );
    // The body in the editor stays the last one that fitted.
    expect(s.store.getState().consoles[ID]?.body).toBe('AAEC//4=');
  });
});
