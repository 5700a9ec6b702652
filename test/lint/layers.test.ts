/**
 * The layering table of docs/ARCHITECTURE.md is enforced by the lint: an import that crosses a
 * layer the wrong way fails `npm run lint`, however many `../` it takes, and an allowed one passes.
 * Linted with the project's own eslint.config.js, as source text placed at a path in the layer.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The layer rule's messages for `code` placed at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('the lint enforces the layering table', () => {
  it.each([
    ['src/core/registry/x.ts', `import { App } from '../../renderer/components/App.js';`, 'src/core may not import src/renderer/components/App.js'],
    ['src/core/x.ts', `import { App } from '../renderer/components/App.js';`, 'src/core may not import src/renderer/components/App.js'],
    ['src/core/launcher/x.ts', `export { StudioService } from '../../service/studioService.js';`, 'src/core may not import src/service/studioService.js'],
    ['src/sdk/x.ts', `import { PluginRegistry } from '../core/registry/registry.js';`, 'src/sdk may not import src/core/registry/registry.js: never src/core/registry/'],
    ['src/sdk/deeper/x.ts', `import type { WireClient } from '../../core/wire/client.js';`, 'src/sdk may not import src/core/wire/client.js'],
    ['src/core/pconf/x.ts', `import '../registry/registry.js';`, 'src/core/pconf may not import src/core/registry/registry.js'],
    ['src/renderer/components/x.tsx', `import type { SocketStatus } from '../../core/types.js';`, 'src/renderer may not import src/core/types.js'],
    ['src/renderer/x.ts', `const m = await import('../service/settings.js');`, 'src/renderer may not import src/service/settings.js'],
    ['src/shared/x.ts', `import { StudioService } from '../service/studioService.js';`, 'src/shared may not import src/service/studioService.js'],
    ['src/web/x.ts', `import { createWindow } from '../main/window.js';`, 'src/web may not import src/main/window.js'],
    ['src/service/x.ts', `import { serve } from '../web/server.js';`, 'src/service may not import src/web/server.js'],
    ['demo/x.ts', `import { PluginRegistry } from '../src/core/registry/index.js';`, 'demo may not import src/core/registry/index.js'],
    ['src/core/x.ts', `import { create } from 'zustand';`, 'src/core may not import the package "zustand"'],
    ['src/service/x.ts', `import { ipcMain } from 'electron';`, 'src/service may not import the package "electron"'],
    ['src/preload/x.ts', `import { readFile } from 'node:fs/promises';`, 'src/preload may not import the package "node:fs/promises"'],
    ['src/renderer/x.ts', `import { readFile } from 'fs';`, 'src/renderer may not import the package "fs"'],
    ['src/core/types.ts', `import type { Stats } from 'node:fs';`, 'src/core/types.ts may not import the package "node:fs"'],
    ['src/core/types.ts', `import type { PconfRead } from './pconf/read.js';`, 'src/core/types.ts may not import src/core/pconf/read.js'],
  ])('%s: %s is refused', async (filePath, code, expected) => {
    const errors = await layerErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ['src/renderer/components/x.tsx', `import type { SocketStatus } from '../../shared/contract.js';\nimport { useState } from 'react';\nimport { EditorView } from '@codemirror/view';`],
    ['src/sdk/x.ts', `import { GoPlugError } from '../core/errors.js';\nimport { createServer } from 'node:http';`],
    ['src/core/registry/x.ts', `import { readPconfFile } from '../pconf/read.js';\nimport { Client } from 'undici';`],
    ['src/cli/commands/x.ts', `import { serveStudio } from '../../web/server.js';\nimport { StudioService } from '../../service/studioService.js';`],
    ['src/shared/x.ts', `import type { PluginSnapshot } from '../core/types.js';\nimport { z } from 'zod';`],
    ['test/core/x.test.ts', `import { App } from '../../src/renderer/components/App.js';\nimport { PluginRegistry } from '../../src/core/registry/registry.js';`],
  ])('%s: allowed imports pass', async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});
