/**
 * The store of approved commands (issue 13 §2): `approvals.json` in the data folder, mode 0600,
 * one approval per manifest path bound to the hash of exactly what runs; followed across
 * processes; and a file that is not ours alone approves nothing. Real files.
 */
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src/core/launcher/approvals.js';
import type { LaunchManifest } from '../../src/core/types.js';
import { APPROVALS_FILE, ApprovalStore } from '../../src/service/approvalStore.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

let data: Awaited<ReturnType<typeof tempFolder>>;
const stores: ApprovalStore[] = [];
beforeEach(async () => {
  data = await tempFolder('gp-ap-');
});
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  await data.remove();
});

async function open(watch = false): Promise<{ store: ApprovalStore; notice?: string }> {
  const opened = await ApprovalStore.open(data.path, { watch });
  stores.push(opened.store);
  return opened;
}

const manifest: LaunchManifest = {
  name: 'x',
  namespace: 'test',
  command: '/usr/bin/env',
  args: ['node', "it's.js"],
  cwd: '/srv/plug ins',
  env: { B: '2', A: '1' },
  autoStart: true,
  restart: 'on-failure',
  stopTimeoutMs: 5000,
  startTimeoutMs: 15000,
};
const path = '/srv/plugins/testx.plugin.json';

describe('approved commands', () => {
  it('are kept 0600, bound to command, args, cwd and env (not to their order), and seen by another process', async () => {
    const { store: watching } = await open(true);
    let changes = 0;
    watching.onChange(() => changes++);
    const { store } = await open();
    expect(store.isApproved(path, manifest)).toBe(false);
    const approval = await store.approve(path, manifest);
    expect(approval.commandLine).toBe(`cd '/srv/plug ins' && B=2 A=1 /usr/bin/env node 'it'\\''s.js'`);
    expect(approval.commandLine).toBe(commandLine(manifest));
    expect((await stat(join(data.path, APPROVALS_FILE))).mode & 0o777).toBe(0o600);

    expect(store.isApproved(path, { ...manifest, env: { A: '1', B: '2' } })).toBe(true);
    for (const changed of [
      { ...manifest, command: '/bin/sh' },
      { ...manifest, args: ['node', 'other.js'] },
      { ...manifest, cwd: '/tmp' },
      { ...manifest, env: { ...manifest.env, NODE_OPTIONS: '--require /tmp/x.js' } },
    ]) {
      expect(store.isApproved(path, changed)).toBe(false);
    }
    expect(store.isApproved('/elsewhere/testx.plugin.json', manifest)).toBe(false);
    // The other store (as goplug serve, while goplug trust ran) follows the file.
    await waitUntil(() => watching.isApproved(path, manifest), 'the watching store to see the approval');
    expect(changes).toBeGreaterThan(0);
  });

  it('are followed from a data folder that did not exist yet (created 0700)', async () => {
    const later = join(data.path, 'studio');
    const { store: watching } = await ApprovalStore.open(later, { watch: true });
    stores.push(watching);
    expect((await stat(later)).mode & 0o777).toBe(0o700);
    const { store } = await ApprovalStore.open(later);
    stores.push(store);
    await store.approve(path, manifest);
    await waitUntil(() => watching.isApproved(path, manifest), 'the watching store to see the approval');
  });

  it('approve nothing when the file may be written by others, and say so', async () => {
    const { store } = await open();
    await store.approve(path, manifest);
    await chmod(join(data.path, APPROVALS_FILE), 0o666);
    const reopened = await open();
    expect(reopened.store.isApproved(path, manifest)).toBe(false);
    expect(reopened.notice).toMatch(
      /approvals\.json may be written by others \(mode 0666\), so it approves no command/,
    );
    await expect(reopened.store.approve(path, manifest)).rejects.toThrow(/Nothing was approved/);
  });

  it('set a corrupt file aside and start empty', async () => {
    await writeFile(join(data.path, APPROVALS_FILE), '[{"path": 1}]', { mode: 0o600 });
    const { store, notice } = await open();
    expect(store.isApproved(path, manifest)).toBe(false);
    expect(notice).toMatch(/approvals\.json was unusable \(not a list of approvals\)/);
    await store.approve(path, manifest);
    expect(JSON.parse(await readFile(join(data.path, APPROVALS_FILE), 'utf8'))).toHaveLength(1);
  });
});
