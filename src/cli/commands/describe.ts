/**
 * `goplug describe`: what a plugin says of its methods and callbacks (the describe extension,
 * docs/PROTOCOL.md), for its author to check from a terminal what the Studio's console will offer.
 */
import type { DescribedName, PluginDescription } from '../../core/types.js';
import { printable } from '../../core/text/safeText.js';
import { dirOption, folders, parse } from '../options.js';
import { ensureStarted, withRegistry } from '../registrySession.js';
import { terminalJson } from '../terminalJson.js';
import { printUsage, type Command } from '../usage.js';

export const describeCommand: Command = {
  name: 'describe',
  summary: "print a plugin's methods and callbacks with their descriptions and example bodies",
  usage: `goplug describe [--dir DIR]... ID [--json]

Starts the plugin when needed (lazy plugins too), as the Studio does, and prints what it answered
the describe request: each method and callback with its description and example body. A plugin
that does not know the extension (a Go plugin) has its method names from Activate alone. --json
prints the description as the Studio receives it.`,
  async run(argv) {
    const { values, positionals, help } = parse(argv, { ...dirOption, json: { type: 'boolean' } }, 1);
    if (help) return printUsage(this.usage);
    const id = positionals[0]!;
    return withRegistry(folders(values), async (registry) => {
      const description = (await ensureStarted(registry, id)).description;
      if (description === undefined) {
        process.stderr.write(`goplug: ${printable(id)} gave no description\n`);
        return 1;
      }
      process.stdout.write(values.json ? terminalJson(description, 2) + '\n' : formatDescription(id, description));
      return 0;
    });
  },
};

const SOURCE: Record<PluginDescription['source'], string> = {
  plugin: 'described by the plugin',
  none: 'the plugin does not describe itself: method names from Activate',
  invalid: 'its description could not be used: method names from Activate',
};

/** The description for a terminal: every text printable (plugin output is hostile). */
export function formatDescription(id: string, description: PluginDescription): string {
  const lines = [`${printable(id)}: ${SOURCE[description.source]}`];
  if (description.warning !== undefined) lines.push(`warning: ${printable(description.warning)}`);
  lines.push('', `Methods (${description.methods.length})`, ...namesLines(description.methods));
  if (description.callbacks.length > 0) {
    lines.push('', `Callbacks (${description.callbacks.length})`, ...namesLines(description.callbacks));
  }
  return lines.join('\n') + '\n';
}

/** Lines of an example shown at most: enough for any example meant to be read. */
const EXAMPLE_LINES = 20;

/** Names in a column, each with its description beside it and its example under it. */
function namesLines(items: readonly DescribedName[]): string[] {
  const names = items.map((item) => printable(item.name));
  const width = Math.max(0, ...names.map((name) => [...name].length));
  return items.flatMap((item, i) => {
    const name = names[i]!;
    const about = item.description === undefined ? '' : `  ${printable(item.description)}`;
    const lines = [`  ${about === '' ? name : name.padEnd(width + name.length - [...name].length)}${about}`];
    if (item.example === undefined) return lines;
    const body = item.example.body.split('\n');
    lines.push(`      example (${printable(item.example.contentType)}):`);
    lines.push(...body.slice(0, EXAMPLE_LINES).map((line) => `        ${printable(line)}`));
    if (body.length > EXAMPLE_LINES) lines.push(`        … (${body.length - EXAMPLE_LINES} more lines)`);
    return lines;
  });
}
