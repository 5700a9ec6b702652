/**
 * The `electron` module as the built main bundle sees it in the built-app test: the stand-in's
 * objects (fakeElectron.ts, which the test loads and puts on globalThis before it imports the
 * bundle), under the names Electron exports. A name the bundle imports and this file lacks fails
 * the import, as it would against a real Electron that lacked it.
 */
const standIn = globalThis.__goplugElectronStandIn;
if (standIn === undefined)
  throw new Error('electronStandIn.mjs: the test did not provide the stand-in electron module');

export const {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeTheme,
  protocol,
  session,
  shell,
} = standIn;
