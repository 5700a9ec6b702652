/**
 * What the packaging step must read (electron-builder.yml) stays in step with the code: the fuses
 * issue 13 asks for, the one kept on and the code that still needs it, the unpacked Python sample
 * and the icon the window uses too.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideAsar } from '../../demo/catalog.js';
import { iconPath } from '../../src/main/policy.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';

const config = () => readFile(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
const setting = (text: string, key: string) => new RegExp(`^\\s+${key}: (\\w+)$`, 'm').exec(text)?.[1];

describe('the packaging configuration', () => {
  it('turns off NODE_OPTIONS, the --inspect switches and file:// privileges, and loads the app from asar only', async () => {
    const text = await config();
    expect(setting(text, 'enableNodeOptionsEnvironmentVariable')).toBe('false');
    expect(setting(text, 'enableNodeCliInspectArguments')).toBe('false');
    expect(setting(text, 'grantFileProtocolExtraPrivileges')).toBe('false');
    expect(setting(text, 'onlyLoadAppFromAsar')).toBe('true');
    expect(setting(text, 'enableEmbeddedAsarIntegrityValidation')).toBe('true');
  });

  it('keeps RunAsNode on exactly as long as the samples or the orphan guard run Electron as Node', async () => {
    const users = await Promise.all(
      ['src/service/samples.ts', 'src/core/launcher/orphanGuard.ts'].map((file) =>
        readFile(join(REPO_ROOT, file), 'utf8'),
      ),
    );
    const needed = users.some((source) => source.includes('ELECTRON_RUN_AS_NODE'));
    expect(
      setting(await config(), 'runAsNode'),
      needed ? 'still needed by the samples' : 'no longer needed: turn it off',
    ).toBe(String(needed));
  });

  it('unpacks the Python sample, which python3 must read from disk, and the catalog looks for it there', async () => {
    expect(await config()).toMatch(/^asarUnpack:\n {2}- demo\/hello-py\/\*\*$/m);
    const packaged = '/opt/GoPlug Studio/resources/app.asar/demo/hello-py/hello.py';
    expect(outsideAsar(packaged)).toBe('/opt/GoPlug Studio/resources/app.asar.unpacked/demo/hello-py/hello.py');
    expect(outsideAsar('C:\\GoPlug\\resources\\app.asar\\demo\\hello-py\\hello.py')).toBe(
      'C:\\GoPlug\\resources\\app.asar.unpacked\\demo\\hello-py\\hello.py',
    );
    // Outside a packaged app, and for names that merely end like it, nothing changes.
    for (const path of [join(REPO_ROOT, 'demo/hello-py/hello.py'), '/srv/myapp.asar/demo/x.py', '/srv/app.asarx/y.py']) {
      expect(outsideAsar(path)).toBe(path);
    }
  });

  it('gives the window and the package the same 512x512 PNG icon', async () => {
    expect(await config()).toMatch(/^icon: resources\/icon\.png$/m);
    const png = await readFile(iconPath(join(REPO_ROOT, 'out', 'main')));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
