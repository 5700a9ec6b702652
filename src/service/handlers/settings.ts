/** Settings channels, and the one path every settings change takes (also used by setAutoDiscover). */
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { errnoCode, explainErrno } from '../../core/files/errno.js';
import type { Settings } from '../../shared/contract.js';
import { ServiceError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';
import type { SettingsPatch } from '../settings.js';

/** Saves the patch, tells the window, and brings the registry in line (reopening it if needed). */
export async function changeSettings(ctx: ServiceContext, patch: SettingsPatch): Promise<Settings> {
  const { settings, changed } = await ctx.settings.update(patch);
  if (changed.length > 0) {
    ctx.emit({ type: 'settings', settings });
    await ctx.host.apply(settings, changed);
  }
  return settings;
}

export function settingsHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'getSettings' | 'updateSettings' | 'addFolder'> {
  return {
    getSettings: async () => ctx.settings.get(),
    updateSettings: (patch) => changeSettings(ctx, patch),
    addFolder: async ({ path, create }) => {
      const folder = await checkedFolder(path, create === true);
      const folders = ctx.settings.get().folders;
      if (folders.includes(folder)) {
        throw new ServiceError('INVALID_REQUEST', `addFolder: ${folder} is already watched`, 'Nothing to do.');
      }
      return changeSettings(ctx, { folders: [...folders, folder] });
    },
  };
}

/** The folder, absolute, once it is known to be a folder this user can list (made when asked to). */
async function checkedFolder(path: string, create: boolean): Promise<string> {
  if (!isAbsolute(path)) {
    throw new ServiceError(
      'INVALID_REQUEST',
      `addFolder: "${path}" is not an absolute path`,
      'Give the whole path, starting with "/" (e.g. /home/me/plugins).',
    );
  }
  const folder = resolve(path);
  const found = await stat(folder).catch((err: unknown) => err as NodeJS.ErrnoException);
  if (found instanceof Error) {
    if (errnoCode(found) !== 'ENOENT') throw new ServiceError('INVALID_REQUEST', `addFolder: ${folder}: ${explainErrno(found)}`);
    if (!create) throw new ServiceError('FOLDER_MISSING', `addFolder: ${folder} does not exist`, 'Create it, or check the path.');
    await mkdir(folder, { recursive: true, mode: 0o700 }).catch((err: unknown) => {
      throw new ServiceError('INVALID_REQUEST', `addFolder: cannot create ${folder}: ${explainErrno(err)}`);
    });
    return folder;
  }
  if (!found.isDirectory()) {
    throw new ServiceError('INVALID_REQUEST', `addFolder: ${folder} is a file, not a folder`, 'Give the folder that holds the .pconf files.');
  }
  await access(folder, constants.R_OK | constants.X_OK).catch((err: unknown) => {
    throw new ServiceError('FORBIDDEN', `addFolder: cannot read ${folder}: ${explainErrno(err)}`, 'Give a folder this user can list, or change its permissions.');
  });
  return folder;
}
