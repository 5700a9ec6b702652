/**
 * What the console and the Callbacks tab take from a plugin's description: the names it offers,
 * the one a name refers to, and the body an example puts in the console.
 */
import type { BodyExample, DescribedName, PluginSnapshot } from '../../shared/contract.js';
import type { BodyMode } from '../store/types.js';

/** Its methods with what it says of them; Activate's names alone until the description comes. */
export function methodOptions(plugin: PluginSnapshot): DescribedName[] {
  return plugin.description?.methods ?? plugin.methods.map((name) => ({ name }));
}

/** The callbacks it announces (none for a plugin that does not describe itself). */
export function callbackOptions(plugin: PluginSnapshot): DescribedName[] {
  return plugin.description?.callbacks ?? [];
}

export function findName(options: readonly DescribedName[], typed: string): DescribedName | undefined {
  const name = typed.trim();
  return options.find((o) => o.name === name);
}

/** `application/json`, `application/problem+json`, with or without parameters. */
export function isJsonType(contentType: string): boolean {
  return /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType.trim());
}

/** The console body a chosen method starts with: its example (JSON mode only for JSON), else empty Raw. */
export function exampleBody(example: BodyExample | undefined): {
  body: string;
  bodyEncoding: 'utf8';
  mode: BodyMode;
} {
  if (example === undefined) return { body: '', bodyEncoding: 'utf8', mode: 'raw' };
  return { body: example.body, bodyEncoding: 'utf8', mode: isJsonType(example.contentType) ? 'json' : 'raw' };
}

/** Why a name may bring nothing: the plugin announces other callbacks, or none at all. */
export function unannouncedWarning(plugin: PluginSnapshot, name: string): string | null {
  if (name.trim() === '' || findName(callbackOptions(plugin), name)) return null;
  const description = plugin.description;
  if (description === undefined) {
    return plugin.state === 'started'
      ? null
      : `${plugin.id} is not started: its callbacks are not known yet.`;
  }
  if (description.source === 'plugin') {
    const names = description.callbacks.map((c) => c.name);
    const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', ');
    const known = names.length === 0 ? 'it announces no callbacks' : `it announces ${shown}`;
    return `${plugin.id} does not announce this callback (${known}): nothing may come.`;
  }
  return `${plugin.id} does not describe its callbacks: nothing comes unless it notifies exactly this name.`;
}
