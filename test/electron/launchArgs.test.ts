import { describe, expect, it } from 'vitest';
import { launchRequest, receivedLaunchRequest } from '../../src/main/launchArgs.js';
import { applicationMenuTemplate } from '../../src/main/menu.js';

describe('a launch of the Studio', () => {
  it('asks for the --dir folders, resolved against where it was launched', () => {
    expect(launchRequest(['electron', '/app', '--dir', 'plugins', '--dir=/abs/other'], '/home/me')).toEqual({
      folders: ['/home/me/plugins', '/abs/other'],
    });
  });

  it("lets Electron's and Chromium's own switches and the app path pass", () => {
    expect(launchRequest(['electron', '.', '--no-sandbox', '--enable-logging'], '/home/me')).toEqual({});
    expect(launchRequest(['/opt/GoPlug Studio/goplug-studio', '--no-sandbox', '--dir', 'x'], '/w')).toEqual({
      folders: ['/w/x'],
    });
  });

  it('names no folder for a --dir without one', () => {
    expect(launchRequest(['electron', '.', '--dir'], '/w')).toEqual({});
    expect(launchRequest(['electron', '.', '--dir', '--no-sandbox'], '/w')).toEqual({});
    expect(launchRequest(['electron', '.', '--dir='], '/w')).toEqual({});
  });

  it("keeps of a second launch's data only absolute folders", () => {
    expect(receivedLaunchRequest({ folders: ['/a', '/b'] })).toEqual({ folders: ['/a', '/b'] });
    for (const data of [
      undefined,
      null,
      'x',
      {},
      { folders: [] },
      { folders: ['rel'] },
      { folders: ['/a', 7] },
    ]) {
      expect(receivedLaunchRequest(data), JSON.stringify(data)).toEqual({});
    }
  });
});

describe('the application menu', () => {
  const roles = (template: ReturnType<typeof applicationMenuTemplate>) => JSON.stringify(template);

  it('keeps Edit (copy and paste on macOS) and has the app menu on macOS, File elsewhere', () => {
    expect(roles(applicationMenuTemplate('darwin', true))).toMatch(/"appMenu".*"editMenu"/);
    expect(roles(applicationMenuTemplate('linux', true))).toMatch(/"fileMenu".*"editMenu"/);
  });

  it('offers Reload and DevTools while developing only', () => {
    expect(roles(applicationMenuTemplate('linux', false))).toMatch(/"reload".*"toggleDevTools"/);
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(roles(applicationMenuTemplate(platform, true))).not.toMatch(/reload|DevTools/i);
    }
  });
});
