/**
 * Asks a plugin that was just activated to describe itself (docs/PROTOCOL.md, "Describe"), for
 * its entry. Optional for the plugin and never fatal: one that does not know the extension,
 * answers badly or too late keeps the method names Activate gave, and a bad answer is told once
 * as a warning naming the plugin and what is wrong. Asked before the plugin is told Started, so
 * that its one `started` event carries the description (the service's batches keep only a
 * plugin's newest event: a `changed` right after would hide the `started`); the request's own
 * short deadline bounds the wait.
 */
import type { DescribeAnswer } from '../describeProtocol.js';
import type { DescribedName, PluginDescription } from '../types.js';
import type { PluginClient } from '../wire/index.js';
import type { PluginEntry } from './pluginEntry.js';
import type { RegistryContext } from './registryContext.js';
import { asGoPlugError } from './registryErrors.js';

const BY_NAME = '; its methods are listed by name only';

/** Never rejects: whatever goes wrong becomes the description's warning. */
export async function describePlugin(
  id: string,
  client: PluginClient,
  methods: readonly string[],
): Promise<PluginDescription> {
  let description: PluginDescription;
  try {
    // undici hands Activate's socket back to its pool only after a setImmediate: asked at once,
    // describe would open a second connection to every plugin and keep it (2,021 fds for 1,000).
    await new Promise((resolve) => setImmediate(resolve));
    const outcome = await client.describe();
    description =
      outcome.kind === 'described'
        ? described(methods, outcome.answer)
        : outcome.kind === 'unsupported'
          ? namesOnly(methods, 'none')
          : namesOnly(methods, 'invalid', `its describe answer is not usable: ${outcome.reason}${BY_NAME}`);
  } catch (err) {
    description = namesOnly(
      methods,
      'invalid',
      `no describe answer: ${asGoPlugError(err, id).message}${BY_NAME}`,
    );
  }
  if (description.warning !== undefined) description.warning = `${id}: ${description.warning}`;
  return description;
}

/** Puts the description on the entry (before it is told Started); a warning goes out once. */
export function putDescription(
  ctx: RegistryContext,
  entry: PluginEntry,
  description: PluginDescription,
): void {
  entry.description = description;
  if (description.warning !== undefined)
    ctx.emit({ type: 'warning', id: entry.id, message: description.warning });
}

function namesOnly(
  methods: readonly string[],
  source: 'none' | 'invalid',
  warning?: string,
): PluginDescription {
  const description: PluginDescription = {
    source,
    methods: methods.map((name) => ({ name })),
    callbacks: [],
  };
  if (warning !== undefined) description.warning = warning;
  return description;
}

/** Activate's names stay the truth: described methods it does not list are left out, and said so. */
function described(methods: readonly string[], answer: DescribeAnswer): PluginDescription {
  const byName = new Map(answer.methods.map((m) => [m.name, m]));
  const description: PluginDescription = {
    source: 'plugin',
    methods: methods.map((name) => plain(byName.get(name) ?? { name })),
    callbacks: answer.callbacks.map(plain),
  };
  const unknown = answer.methods.filter((m) => !methods.includes(m.name)).map((m) => JSON.stringify(m.name));
  if (unknown.length > 0) {
    description.warning = `it describes ${unknown.length === 1 ? 'a method' : 'methods'} that Activate does not list (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''})`;
  }
  return description;
}

/** Only the fields of the type: the schema already dropped unknown keys; undefined ones go too. */
function plain(item: DescribedName): DescribedName {
  const out: DescribedName = { name: item.name };
  if (item.description !== undefined) out.description = item.description;
  if (item.example !== undefined)
    out.example = { body: item.example.body, contentType: item.example.contentType };
  return out;
}
