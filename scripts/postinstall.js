#!/usr/bin/env node
/**
 * `npm install` in this repository: fetches the Electron binary for `npm start` where it can
 * (electron 45 has no install script of its own), and says so in one sentence where it cannot;
 * the CLI and the web mode work without it. Installed as a dependency (a plugin author's
 * project, or globally), it does nothing: electron is a devDependency, absent there, and the
 * package is used for its SDK, registry and CLI.
 */
import { spawnSync } from 'node:child_process';
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
if (packageRoot.split(sep).includes('node_modules')) process.exit(0);

// npm puts node_modules/.bin on PATH for scripts; the shell finds install-electron(.cmd) there.
const { status } = spawnSync('install-electron', { stdio: 'inherit', shell: true });
if (status !== 0) {
  console.warn(
    'goplug-studio: the Electron binary could not be downloaded; the CLI and the web mode (npm start) still work.',
  );
}
