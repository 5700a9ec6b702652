/**
 * The Studio's own JSON files (settings, history), read forgivingly so a corrupt file costs the
 * user a notice, not the Studio. They are written with writeFileAtomic (src/core/files/atomicWrite.ts).
 */
import { readFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';

export interface Loaded<T> {
  value: T;
  /** Set when the file could not be used; says what happened and where the old file went. */
  notice?: string;
}

/**
 * Reads `path` as JSON and checks it with `validate` (which returns the value or a reason).
 * Missing file: the fallback, silently. Unparsable or invalid: the file is moved aside to
 * `<name>.corrupt-<timestamp>` and the fallback is used, with a notice naming both.
 */
export async function loadJsonFile<T>(
  path: string,
  validate: (raw: unknown) => { ok: true; value: T } | { ok: false; reason: string },
  fallback: () => T,
): Promise<Loaded<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { value: fallback() };
    return {
      value: fallback(),
      notice: `${path} could not be read (${(err as Error).message}); using defaults.`,
    };
  }
  let reason: string;
  try {
    const checked = validate(JSON.parse(text));
    if (checked.ok) return { value: checked.value };
    reason = checked.reason;
  } catch (err) {
    reason = `not valid JSON: ${(err as Error).message}`;
  }
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(path, aside);
  } catch (err) {
    return {
      value: fallback(),
      notice: `${basename(path)} is unusable (${reason}) and could not be moved aside (${(err as Error).message}); using defaults.`,
    };
  }
  return {
    value: fallback(),
    notice: `${basename(path)} was unusable (${reason}); kept it as ${aside} and started from defaults.`,
  };
}
