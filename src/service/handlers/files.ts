/** Channels about files on disk: the .pconf inspector, the folder picker, "reveal in folder" and "open in your editor". */
import { stat } from 'node:fs/promises';
import { MANIFEST_SUFFIX } from '../../core/launcher/index.js';
import { octalMode } from '../../core/files/fileType.js';
import { inspectPconf } from '../../core/pconf/index.js';
import { ServiceError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';
import { ownFile, type OwnFiles } from '../pathGuard.js';

type FileHandlers = Pick<Handlers, 'inspect' | 'pickFolder' | 'reveal' | 'openInEditor'>;

export function fileHandlers(ctx: ServiceContext): FileHandlers {
  // The page is untrusted: it gets our plugin files and nothing else (issue 13 §3).
  const own = (): OwnFiles => {
    const { folders, confExtension } = ctx.settings.get();
    return { folders, suffixes: [confExtension, MANIFEST_SUFFIX] };
  };
  return {
    inspect: async ({ path }) => inspectPconf(await ownFile(path, own(), 'inspect')),
    pickFolder: async () => {
      const pick = ctx.platformHandlers.pickFolder;
      if (pick === undefined)
        throw unsupported('Picking a folder', 'type the folder path in the settings instead');
      return { path: await pick() };
    },
    reveal: async ({ path }) => {
      const reveal = ctx.platformHandlers.reveal;
      if (reveal === undefined)
        throw unsupported('Revealing a file', 'copy the path and open it in your file manager');
      await reveal(await ownFile(path, own(), 'reveal'));
    },
    openInEditor: async ({ path }) => {
      const open = ctx.platformHandlers.openInEditor;
      if (open === undefined)
        throw unsupported('Opening a file in your editor', 'copy the path and open it in your editor');
      await open(await openableConf(await ownConfFile(ctx, path, 'openInEditor')));
    },
  };
}

/** The path, when it is a .pconf (the settings' extension) inside a watched folder. */
export function ownConfFile(ctx: ServiceContext, path: string, action: string): Promise<string> {
  const { folders, confExtension } = ctx.settings.get();
  return ownFile(path, { folders, suffixes: [confExtension] }, action);
}

/**
 * The desktop opens a file by its type, and for an executable that can mean running it (macOS
 * opens one in Terminal): only a regular file without execute bits is handed over.
 */
async function openableConf(path: string): Promise<string> {
  const stats = await stat(path).catch(() => null);
  const refuse = (why: string, hint: string) => new ServiceError('FORBIDDEN', `openInEditor: ${path} ${why}`, hint);
  if (stats === null) throw refuse('does not exist', 'Reload the view: the file may have been removed or renamed.');
  if (!stats.isFile()) throw refuse('is not a regular file', 'Only a .pconf file can be opened.');
  if ((stats.mode & 0o111) !== 0) {
    throw refuse(
      `is executable (mode ${octalMode(stats.mode)}): the system might run it instead of opening it`,
      `Remove its execute bits first (chmod a-x ${path}), or open it in your editor yourself.`,
    );
  }
  return path;
}

function unsupported(action: string, instead: string): ServiceError {
  return new ServiceError(
    'UNSUPPORTED',
    `${action} is not available in web mode.`,
    `Use the desktop app, or ${instead}.`,
  );
}
