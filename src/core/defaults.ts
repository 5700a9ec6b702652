import { homedir } from 'node:os';
import { join } from 'node:path';

/** The plugin folder when none is given: `$GOPLUG_PLUGIN_DIR`, else `~/.goplug/plugins`. */
export function defaultPluginFolder(env: NodeJS.ProcessEnv = process.env): string {
  return env.GOPLUG_PLUGIN_DIR || join(homedir(), '.goplug', 'plugins');
}

/** Where the Studio keeps settings, history and approvals when none is given: `~/.goplug/studio`. */
export function defaultDataDir(): string {
  return join(homedir(), '.goplug', 'studio');
}
