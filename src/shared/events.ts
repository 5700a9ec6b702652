/** Event helpers shared by the service and the renderer (no zod here: the renderer bundles it). */
import type { StudioEvent } from './contract.js';

export type PluginEvent = Extract<StudioEvent, { plugin: unknown }>;

const PLUGIN_EVENT_TYPES: ReadonlySet<string> = new Set<PluginEvent['type']>([
  'discovered',
  'changed',
  'starting',
  'started',
  'stopping',
  'stopped',
  'removed',
]);

/** Events that carry a plugin snapshot (its lifecycle and changes). */
export function isPluginEvent(event: StudioEvent): event is PluginEvent {
  return PLUGIN_EVENT_TYPES.has(event.type);
}
