// @vitest-environment jsdom
/**
 * The console's method picker and the Callbacks tab with a described plugin: methods offered as
 * you type (a listbox, keyboard and mouse, names bidi-safe), choosing one fills in its example
 * and shows its description; a lazy plugin not started offers to start it (against the real
 * service and a real plugin), then lists its methods; callbacks offered, unknown ones warned about;
 * the Overview lists the described methods and opens one in the console with its example.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CallbacksTab } from '../../src/renderer/components/CallbacksTab.js';
import { ConsoleTab } from '../../src/renderer/components/ConsoleTab.js';
import { DetailPane } from '../../src/renderer/components/DetailPane.js';
import { OverviewTab } from '../../src/renderer/components/OverviewTab.js';
import type { PluginDescription } from '../../src/shared/contract.js';
import { giveElementsASize, giveRangesRects } from './helpers/jsdomLayout.js';
import { renderStudio } from './helpers/renderStudio.js';
import { openServiceStudio, type ServiceStudio } from './helpers/serviceStudio.js';
import { plugin } from './helpers/studioData.js';

giveRangesRects();
giveElementsASize({ height: 600, width: 800 });

let studio: ServiceStudio | undefined;
/** Stops the plugin a test served from this process, before its studio closes. */
let stopLazy: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopLazy?.();
  stopLazy = undefined;
  await studio?.close();
  studio = undefined;
  cleanup();
});

const description: PluginDescription = {
  source: 'plugin',
  methods: [
    {
      name: 'Set',
      description: 'Stores any JSON value under a key.',
      example: { body: '{\n  "key": "greeting",\n  "value": "hello"\n}', contentType: 'application/json' },
    },
    {
      name: 'Upper',
      description: 'Upper-cases the body.',
      example: { body: 'hello', contentType: 'text/plain' },
    },
    { name: 'List' },
    { name: 'ohce\u202e', description: 'A name that would read backwards.' },
  ],
  callbacks: [
    {
      name: 'tick',
      description: 'Every second.',
      example: { body: '{"seq":1}', contentType: 'application/json' },
    },
  ],
};
const kv = plugin('demo/kv', {
  state: 'started',
  methods: description.methods.map((m) => m.name),
  description,
});

function openConsole() {
  const store = renderStudio(<ConsoleTab plugin={kv} />, { plugins: { 'demo/kv': kv } });
  // The first body is JSON mode's `{}`: a chosen method's example replaces it.
  store.getState().updateConsole('demo/kv', { body: '{}', mode: 'json' });
  return { store, field: screen.getByRole('combobox', { name: 'Method' }) as HTMLInputElement };
}

const consoleOf = (store: ReturnType<typeof renderStudio>) => store.getState().consoles['demo/kv']!;

describe('the method picker', () => {
  it('offers the described methods with their descriptions, narrowed as you type, bidi-safe', () => {
    const { field } = openConsole();
    fireEvent.focus(field);
    const list = screen.getByRole('listbox', { name: 'Method' });
    expect(field.getAttribute('aria-expanded')).toBe('true');
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'SetStores any JSON value under a key.',
      'UpperUpper-cases the body.',
      'List',
      'ohce⟨U+202E⟩A name that would read backwards.',
    ]);
    fireEvent.change(field, { target: { value: 'e' } });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.firstChild?.textContent),
    ).toEqual(['Set', 'Upper', 'ohce⟨U+202E⟩']);
  });

  it('choosing a method with a JSON example (keyboard) fills the body in JSON mode and shows its description', () => {
    const { store, field } = openConsole();
    fireEvent.focus(field);
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(field.getAttribute('aria-activedescendant')).toBe(
      within(screen.getByRole('listbox')).getAllByRole('option')[0]!.id,
    );
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(consoleOf(store)).toMatchObject({
      method: 'Set',
      body: description.methods[0]!.example!.body,
      mode: 'json',
    });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByLabelText('Method description').textContent).toBe(
      'Stores any JSON value under a key.',
    );
    expect(screen.getByRole('button', { name: 'JSON' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('a text example is filled in Raw mode; a method without one leaves an empty body in Raw mode', () => {
    const { store, field } = openConsole();
    fireEvent.focus(field);
    fireEvent.click(screen.getByRole('option', { name: /^Upper/ }));
    expect(consoleOf(store)).toMatchObject({ method: 'Upper', body: 'hello', mode: 'raw' });
    fireEvent.focus(field);
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(consoleOf(store)).toMatchObject({ method: 'List', body: '', mode: 'raw' });
    expect(screen.queryByLabelText('Method description')).toBeNull();
  });

  it('Escape closes the list without choosing; typing a method keeps the body', () => {
    const { store, field } = openConsole();
    fireEvent.change(field, { target: { value: 'Se' } });
    expect(screen.getByRole('listbox')).toBeTruthy();
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(consoleOf(store)).toMatchObject({ method: 'Se', body: '{}' });
  });

  it('a hostile description is shown as text, its bidi characters marked', () => {
    const hostile = plugin('x/evil', {
      state: 'started',
      methods: ['Do'],
      description: {
        source: 'plugin',
        methods: [{ name: 'Do', description: 'Safe \u202e<img src=x onerror=alert(1)>' }],
        callbacks: [],
      },
    });
    const store = renderStudio(<ConsoleTab plugin={hostile} />, { plugins: { 'x/evil': hostile } });
    act(() => store.getState().updateConsole('x/evil', { method: 'Do' }));
    const shown = screen.getByLabelText('Method description');
    expect(shown.textContent).toBe('Safe ⟨U+202E⟩<img src=x onerror=alert(1)>');
    expect(shown.querySelector('img')).toBeNull();
  });

  it("a plugin that does not describe itself offers Activate's names", () => {
    const go = plugin('Test/Do', { state: 'started', methods: ['main.Do'] });
    renderStudio(<ConsoleTab plugin={go} />, { plugins: { 'Test/Do': go } });
    fireEvent.focus(screen.getByRole('combobox', { name: 'Method' }));
    expect(screen.getAllByRole('option', { name: 'main.Do' })).toHaveLength(1);
  });
});

describe('the Overview tab', () => {
  it('lists the described methods with what they do; a method opens the console with its example', () => {
    const store = renderStudio(<OverviewTab plugin={kv} />, { plugins: { 'demo/kv': kv } });
    const methods = screen.getByRole('region', { name: 'Methods' });
    expect(within(methods).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'SetStores any JSON value under a key.',
      'UpperUpper-cases the body.',
      'List',
      'ohce⟨U+202E⟩A name that would read backwards.',
    ]);
    fireEvent.click(within(methods).getByRole('button', { name: 'Set' }));
    expect(store.getState().tab).toBe('console');
    expect(consoleOf(store)).toMatchObject({ method: 'Set', body: '{\n  "key": "greeting",\n  "value": "hello"\n}', mode: 'json' });
    // A method without an example leaves the body as the person had it.
    fireEvent.click(within(methods).getByRole('button', { name: 'List' }));
    expect(consoleOf(store)).toMatchObject({ method: 'List', body: '{\n  "key": "greeting",\n  "value": "hello"\n}' });
  });
});

describe('the Callbacks tab', () => {
  it("offers the plugin's own callbacks, and warns that nothing may come for a name it does not announce", () => {
    renderStudio(<CallbacksTab plugin={kv} />, { plugins: { 'demo/kv': kv } });
    const field = screen.getByRole('combobox', { name: 'Callback name' }) as HTMLInputElement;
    expect(field.placeholder).toBe('Callback name, e.g. tick');
    const announced = screen.getByRole('list', { name: 'Announced callbacks' });
    expect(within(announced).getByText('Every second.')).toBeTruthy();
    expect(within(announced).getByRole('button', { name: 'Subscribe to tick' })).toBeTruthy();
    fireEvent.change(field, { target: { value: 'OnTick' } });
    expect(screen.getByRole('status').textContent).toBe(
      'demo/kv does not announce this callback (it announces tick): nothing may come.',
    );
    fireEvent.change(field, { target: { value: 'tick' } });
    expect(screen.queryByRole('status')).toBeNull();
  });
});

/**
 * The detail pane on `tab` of a real lazy plugin, not started, in the watched folder, served from
 * this process (the SDK is Node code: by path); resolves with its offer to start it.
 */
async function lazyPluginOn(tab: 'console' | 'callbacks'): Promise<{ s: ServiceStudio; offer: HTMLElement }> {
  const s = (studio = await openServiceStudio({}, { selection: { kind: 'plugin', id: 'demo/lazy' }, tab }));
  const sdk = '../../src/sdk/index.js';
  const { createPlugin } = (await import(/* @vite-ignore */ sdk)) as {
    createPlugin(o: object): {
      method(n: string, h: () => unknown, d?: object): ReturnType<typeof createPlugin>;
      callback(n: string, d?: object): ReturnType<typeof createPlugin>;
      start(): Promise<unknown>;
      stop(): Promise<void>;
    };
  };
  const lazy = createPlugin({ folder: s.pluginDir, namespace: 'demo', name: 'lazy', lazyLoad: true })
    .method('Get', () => 1, { description: 'Answers a value.', example: { key: 'k' } })
    .callback('changed', { description: 'A key changed.' });
  await lazy.start();
  stopLazy = () => lazy.stop();
  await s.api.rescan({});
  s.render(<DetailPane />);
  return { s, offer: await screen.findByRole('button', { name: 'Start it' }, { timeout: 10_000 }) };
}

describe('a lazy plugin not started yet', () => {
  it('says so and offers to start it; once started, its methods are offered with their descriptions', async () => {
    const { s, offer } = await lazyPluginOn('console');
    expect(offer.closest('p')?.textContent).toMatch(/^This plugin loads lazily and has not started yet/);
    fireEvent.click(offer);
    await waitFor(() => expect(s.store.getState().plugins['demo/lazy']?.description?.source).toBe('plugin'), {
      timeout: 10_000,
    });
    expect(screen.queryByRole('button', { name: 'Start it' })).toBeNull();
    fireEvent.focus(screen.getByRole('combobox', { name: 'Method' }));
    fireEvent.click(screen.getByRole('option', { name: /^Get/ }));
    expect(s.store.getState().consoles['demo/lazy']).toMatchObject({
      method: 'Get',
      body: '{\n  "key": "k"\n}',
      mode: 'json',
    });
    expect(screen.getByLabelText('Method description').textContent).toBe('Answers a value.');
  });

  it('the Callbacks tab says so too, once, and offers to start it; then lists the callbacks it announces', async () => {
    const { offer } = await lazyPluginOn('callbacks');
    expect(offer.closest('p')?.textContent).toMatch(
      /^This plugin loads lazily and has not started yet: the callbacks it announces are known once it runs/,
    );
    // A typed name is not warned about as well: the offer has said why nothing is known.
    fireEvent.input(screen.getByRole('combobox', { name: 'Callback name' }), { target: { value: 'changed' } });
    expect(screen.getAllByRole('status').map((el) => el.textContent)).toEqual([offer.closest('p')?.textContent]);
    fireEvent.click(offer);
    const announced = await screen.findByRole('list', { name: 'Announced callbacks' }, { timeout: 10_000 });
    expect(within(announced).getByText('changed')).toBeTruthy();
    expect(within(announced).getByText('A key changed.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start it' })).toBeNull();
  });
});
