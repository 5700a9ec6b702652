/** "Start sample plugins here": runs the bundled samples in a watched folder. */
import { resolve } from 'node:path';
import { ServiceError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';

export function sampleHandlers(ctx: ServiceContext): Pick<Handlers, 'startSamples'> {
  return {
    startSamples: async ({ folder }) => {
      const folders = ctx.settings.get().folders;
      const target = folder === undefined ? folders[0] : resolve(folder);
      if (target === undefined) {
        throw new ServiceError(
          'INVALID_REQUEST',
          'Invalid startSamples request: no folder given and no folder is watched',
          'Add a plugin folder first.',
        );
      }
      // Samples only go where the Studio looks: they show up at once, and nothing lands elsewhere on disk.
      if (!folders.includes(target)) {
        throw new ServiceError(
          'FORBIDDEN',
          `startSamples: ${target} is not a watched folder (${folders.join(', ') || 'none'})`,
          'Add the folder in the settings first, or leave the folder out to use the first watched folder.',
        );
      }
      return { started: await ctx.samples.start(target) };
    },
  };
}
