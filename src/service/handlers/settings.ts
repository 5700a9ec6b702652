/** Settings channels, and the one path every settings change takes (also used by setAutoDiscover). */
import type { Settings } from '../../shared/contract.js';
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

export function settingsHandlers(ctx: ServiceContext): Pick<Handlers, 'getSettings' | 'updateSettings'> {
  return {
    getSettings: async () => ctx.settings.get(),
    updateSettings: (patch) => changeSettings(ctx, patch),
  };
}
