/**
 * What a user does on the Studio page, found by role and accessible name: the end-to-end tests
 * of the web mode and of the built desktop app drive the same page the same way.
 */
import type { Locator, Page } from 'playwright-core';
import { attributeNow, poll } from './studioBrowser.js';
import { rowNamed } from './rowName.js';

/** The plugin list's row of a plugin (its name: id, state, Lazy, methods); a click opens the plugin. */
export const row = (p: Page, id: string): Locator => p.getByRole('row', { name: rowNamed(id) });

/** The switch that starts and stops a plugin. */
export const toggle = (p: Page, id: string): Locator =>
  p.getByRole('switch', { name: `Toggle ${id}`, exact: true });

export async function openTab(
  p: Page,
  id: string,
  tab: 'Overview' | 'Console' | 'Callbacks' | 'pconf',
): Promise<void> {
  await row(p, id).click();
  await p.getByRole('region', { name: id, exact: true }).getByRole('tab', { name: tab, exact: true }).click();
}

/** Sends a request from the console and waits for its answer: the Response region. */
export async function send(p: Page, method: string, body: string): Promise<Locator> {
  // The method field offers the plugin's methods as you type: a combobox.
  await p.getByRole('combobox', { name: 'Method', exact: true }).fill(method);
  await p.getByRole('textbox', { name: 'Request body', exact: true }).fill(body);
  await p.getByRole('button', { name: 'Send', exact: true }).click();
  const response = p.getByRole('region', { name: 'Response', exact: true });
  await poll(() => attributeNow(response, 'aria-busy')).toBeNull();
  return response;
}
