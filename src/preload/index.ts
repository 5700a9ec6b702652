/** Preload (sandboxed, CommonJS): exposes the Studio API as `window.goplug`. */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('goplug', createBridge(ipcRenderer));
