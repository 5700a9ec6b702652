/** The Studio's one window: created hardened, loaded with our page, shown when painted. */
import { BrowserWindow } from 'electron';
import { mainWindowOptions, type RendererLocation } from './policy.js';

export function createMainWindow(
  renderer: RendererLocation,
  preload: string,
  log: (message: string) => void,
): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preload));
  window.once('ready-to-show', () => window.show());
  // loadURL for the file too, so the URL Chromium reports is the one the sender check expects.
  window.loadURL(renderer.url).catch((error: unknown) => {
    log(`GoPlug Studio: could not load ${renderer.url}: ${String(error)}`);
  });
  return window;
}

/** Brings the window forward, e.g. when the user launches the Studio a second time. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
