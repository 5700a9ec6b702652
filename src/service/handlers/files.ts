/** Channels about files on disk: the .pconf inspector, the folder picker and "reveal in folder". */
import { inspectPconf } from '../../core/pconf/index.js';
import { ServiceError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';
import { allowedPath } from '../pathGuard.js';

type FileHandlers = Pick<Handlers, 'inspect' | 'pickFolder' | 'reveal'>;

export function fileHandlers(ctx: ServiceContext): FileHandlers {
  const plugins = () => ctx.host.registry.list();
  return {
    inspect: async ({ path }) => {
      const files = plugins()
        .map((p) => p.confPath)
        .filter((p) => p !== '');
      return inspectPconf(await allowedPath(path, { folders: ctx.settings.get().folders, files }, 'inspect'));
    },
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
      const files = plugins()
        .flatMap((p) => [p.confPath, p.sock])
        .filter((p) => p !== '');
      await reveal(await allowedPath(path, { folders: ctx.settings.get().folders, files }, 'reveal'));
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
