/**
 * Fixing a .pconf from the page: its text checked as the registry would read it, and saved in
 * place. The page is untrusted, so only a .pconf inside a watched folder is written (pathGuard),
 * only a regular file that is not a link, only the file the person saw (same mtime and size, else
 * FILE_CHANGED), and only a valid .pconf unless the person chose "Save anyway" (`force`): a file
 * saved invalid stays a problem file, which is what that person asked for. The registry's watcher
 * then takes the file in like any other change.
 */
import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { GoPlugError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/files/atomicWrite.js';
import { errnoCode, explainErrno } from '../../core/files/errno.js';
import { describeFileType } from '../../core/files/fileType.js';
import { fileInfo } from '../../core/files/regularFile.js';
import { DEFAULT_MAX_PCONF_BYTES, parsePconf } from '../../core/pconf/index.js';
import { displayName } from '../../core/text/safeText.js';
import { formatBytes } from '../../core/text/units.js';
import type { PconfParse } from '../../core/types.js';
import { ServiceError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';
import { ownConfFile } from './files.js';

type ConfEditHandlers = Pick<Handlers, 'validateConf' | 'saveConf'>;

export function confEditHandlers(ctx: ServiceContext): ConfEditHandlers {
  return {
    validateConf: async ({ path, text }) => checkText(await ownConfFile(ctx, path, 'validateConf'), text),
    saveConf: async ({ path, text, expected, force }) => {
      const target = await ownConfFile(ctx, path, 'saveConf');
      const now = await editableFile(target);
      if (now.mtimeMs !== expected.mtimeMs || now.size !== expected.size) {
        throw new ServiceError(
          'FILE_CHANGED',
          `saveConf: ${target} changed on disk since it was loaded (then ${fileFacts(expected)}, now ${fileFacts(now)}); not saved`,
        );
      }
      const parsed = checkText(target, text);
      if (!parsed.ok && force !== true) {
        throw new GoPlugError('CONFIG_INVALID', `saveConf: not saved: ${parsed.error.message}`, {
          hint: 'Fix the text, or choose "Save anyway" to save it as it is (it stays in Problems until it is valid).',
        });
      }
      try {
        await writeFileAtomic(target, text, { keep: { mode: now.mode, uid: now.uid, gid: now.gid } });
      } catch (err) {
        throw writeFailure(err, target, now);
      }
      return { file: fileInfo(target, await lstat(target)), invalid: !parsed.ok };
    },
  };
}

/** The text as the registry would parse it from `path`, size limit included. */
function checkText(path: string, text: string): PconfParse {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > DEFAULT_MAX_PCONF_BYTES) {
    const limit = formatBytes(DEFAULT_MAX_PCONF_BYTES, { exact: true });
    const message = `${displayName(path)}: ${formatBytes(bytes.length, { exact: true })} is more than the ${limit} a .pconf may have`;
    return { ok: false, error: { message }, warnings: [], incomplete: false };
  }
  return parsePconf(bytes, path);
}

/** The file's stats when it can be replaced as it is: there, regular, not a link, one name. */
async function editableFile(path: string): Promise<Stats> {
  const stats = await lstat(path).catch((err: unknown) => {
    const gone = errnoCode(err) === 'ENOENT';
    throw new ServiceError(
      gone ? 'FILE_CHANGED' : 'INTERNAL',
      gone
        ? `saveConf: ${path} was removed since it was loaded; not saved`
        : `saveConf: ${path} cannot be read: ${explainErrno(err)}`,
      gone ? 'Copy your edit if you want to keep it; the file is gone from the folder.' : undefined,
    );
  });
  // Replacing a link would put a file in its place; replacing one of several hard links would split them.
  const refuse = (why: string) =>
    new ServiceError(
      'FORBIDDEN',
      `saveConf: ${path} ${why}; not saved`,
      'Edit that file in your own editor.',
    );
  if (stats.isSymbolicLink()) throw refuse('is a symbolic link');
  if (!stats.isFile()) throw refuse(`is ${describeFileType(stats)}, not a regular file`);
  if (stats.nlink > 1) throw refuse(`has ${stats.nlink} hard links, which a save would separate`);
  return stats;
}

function writeFailure(err: unknown, path: string, was: Stats): Error {
  const code = errnoCode(err);
  if (code === undefined) return err as Error;
  const why =
    code === 'EPERM'
      ? `its owner (uid ${was.uid}, gid ${was.gid}) cannot be kept: ${explainErrno(err)}`
      : explainErrno(err);
  return new ServiceError(
    'INTERNAL',
    `saveConf: ${path} could not be written: ${why}; the file is unchanged`,
    'Edit it in your own editor, as a user who may write it.',
  );
}

function fileFacts(file: { mtimeMs: number; size: number }): string {
  return `${formatBytes(file.size, { exact: true })}, modified ${new Date(file.mtimeMs).toISOString()}`;
}
