/**
 * What a launch manifest may say, with its defaults: the one source of the LaunchManifest type
 * (src/core/types.ts). zod alone, no Node: the type is checked with the renderer too.
 */
import { z } from 'zod';

export const DEFAULT_STOP_TIMEOUT_MS = 5_000;
export const DEFAULT_START_TIMEOUT_MS = 15_000;
const MAX_TIMEOUT_MS = 10 * 60 * 1000;

/** Strings go to execve and the environment, where a NUL would cut them short. */
const text = () =>
  z.string({ error: 'must be a string' }).refine((v) => !v.includes('\0'), 'must not contain NUL');
const timeout = z
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(1, 'must be at least 1 ms')
  .max(MAX_TIMEOUT_MS, `must be at most ${MAX_TIMEOUT_MS} ms (10 minutes)`);

export const manifestSchema = z
  .object({
    name: text()
      .min(1, 'must not be empty')
      .refine((v) => !v.includes('/'), 'must not contain "/" (it forms the .pconf and socket file names)'),
    namespace: text()
      .refine((v) => !v.includes('/'), 'must not contain "/" (it forms the .pconf and socket file names)')
      .default(''),
    /** The program to run (no shell): absolute, relative to the manifest's folder, or a name looked up in PATH. */
    command: text().min(1, 'must not be empty'),
    args: z.array(text(), { error: 'must be an array of strings' }).default([]),
    /** Working folder; default the manifest's folder. */
    cwd: text().min(1, 'must not be empty when given').optional(),
    /** Added to the host's environment (GOPLUG_PLUGIN_DIR is always set to the plugin folder). */
    env: z
      .record(text().regex(/^[^=]+$/, 'it must be non-empty and without "="'), text(), {
        error: 'must be an object of string values',
      })
      .default({}),
    /** Launch when the host opens (or the manifest appears). Default true, as supervisord's autostart. */
    autoStart: z.boolean({ error: 'must be true or false' }).default(true),
    restart: z
      .enum(['no', 'on-failure', 'always'], { error: 'must be one of "no", "on-failure", "always"' })
      .default('on-failure'),
    /** The whole stop budget: `POST /Stop`, then SIGTERM at half of it, SIGKILL when it runs out. */
    stopTimeoutMs: timeout.default(DEFAULT_STOP_TIMEOUT_MS),
    /** How long the process may take to write its .pconf and listen. */
    startTimeoutMs: timeout.default(DEFAULT_START_TIMEOUT_MS),
  })
  .strict();
