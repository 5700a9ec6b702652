/** Channels about files on disk: the .pconf inspector, the folder picker and "reveal in folder". */
import { MANIFEST_SUFFIX } from '../../core/launcher/index.js';
import { inspectPconf } from '../../core/pconf/index.js';
import { ServiceError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';
import { ownFile, type OwnFiles } from '../pathGuard.js';

type FileHandlers = Pick<Handlers, 'inspect' | 'pickFolder' | 'reveal'>;

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
  };
}

function unsupported(action: string, instead: string): ServiceError {
  return new ServiceError(
    'UNSUPPORTED',
    `${action} is not available in web mode.`,
    `Use the desktop app, or ${instead}.`,
  );
}
