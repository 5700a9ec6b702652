/**
 * The launcher's fixture plugin (test/fixtures/launcher/fixturePlugin.mjs, steered by FIXTURE_*
 * environment variables) and a launch manifest that runs it as `test/fixture`.
 */
import { join } from 'node:path';
import type { ManifestInput } from '../../src/core/launcher/index.js';
import { REPO_ROOT } from './buildOnce.js';

export const FIXTURE_PLUGIN = join(REPO_ROOT, 'test/fixtures/launcher/fixturePlugin.mjs');

/** Started by hand (autoStart false) unless `extra` says otherwise; `extra.env` steers the fixture. */
export function fixtureManifest(extra: Partial<ManifestInput> = {}): ManifestInput {
  return {
    name: 'fixture',
    namespace: 'test',
    command: process.execPath,
    args: [FIXTURE_PLUGIN],
    env: {},
    autoStart: false,
    ...extra,
  };
}
