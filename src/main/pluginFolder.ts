/** The plugin folder the Studio watches when the user has not chosen one, made ready to use. */
import { mkdir } from 'node:fs/promises';
import { defaultPluginFolder } from '../core/defaults.js';

/** `$GOPLUG_PLUGIN_DIR`, else `~/.goplug/plugins`, created (with its parents) for the user alone. */
export async function ensureDefaultPluginFolder(env: NodeJS.ProcessEnv): Promise<string> {
  const folder = defaultPluginFolder(env);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  return folder;
}
