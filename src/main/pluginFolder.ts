/** The plugin folder the Studio watches when the user has not chosen one. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** `$GOPLUG_PLUGIN_DIR`, else `~/.goplug/plugins`. */
export function defaultPluginFolder(env: NodeJS.ProcessEnv, home: string): string {
  const fromEnv = env['GOPLUG_PLUGIN_DIR'];
  return fromEnv ? fromEnv : join(home, '.goplug', 'plugins');
}

/** Creates the folder (and its parents) readable by the user alone: it holds sockets' addresses. */
export async function ensurePluginFolder(folder: string): Promise<string> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  return folder;
}
