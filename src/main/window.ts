/** The Studio's one window: created hardened, loaded with our page, shown when painted. */
import { BrowserWindow, nativeTheme } from 'electron';
import { mainWindowOptions, WINDOW_BACKGROUND, type RendererLocation, type WindowLook } from './policy.js';

export function createMainWindow(
  renderer: RendererLocation,
  preload: string,
  look: Omit<WindowLook, 'dark'>,
  log: (message: string) => void,
): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions(preload, { ...look, dark: nativeTheme.shouldUseDarkColors }),
  );
  // The OS theme (or the user's theme setting, see studioApp.ts) may change while the window is open.
  const followTheme = () => {
    if (!window.isDestroyed())
      window.setBackgroundColor(
        nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
      );
  };
  nativeTheme.on('updated', followTheme);
  window.once('closed', () => nativeTheme.off('updated', followTheme));
  window.once('ready-to-show', () => window.show());
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
