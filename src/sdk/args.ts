/** The plugin folder from a plugin's command line: `--dir DIR` or `--dir=DIR`. */
import { parseArgs } from 'node:util';
import { GoPlugError } from '../core/errors.js';

/** Undefined when `--dir` is absent (createPlugin then uses $GOPLUG_PLUGIN_DIR). */
export function pluginFolderFromArgs(argv: readonly string[] = process.argv.slice(2)): string | undefined {
  try {
    return parseArgs({ args: [...argv], options: { dir: { type: 'string' } }, strict: true }).values.dir;
  } catch (err) {
    throw new GoPlugError('CONFIG_INVALID', `Bad plugin arguments ${JSON.stringify(argv)}: ${(err as Error).message}`, {
      cause: err,
      hint: 'A plugin accepts only --dir DIR (or the GOPLUG_PLUGIN_DIR environment variable).',
    });
  }
}
