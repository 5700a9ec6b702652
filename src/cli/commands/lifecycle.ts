/** `start`, `stop` and `ping`: one plugin, one action, one line of output. */
import { printable } from '../../core/text/safeText.js';
import type { PluginRegistry } from '../../core/registry/index.js';
import { dirOption, folders, parse } from '../options.js';
import { ensureStarted, withRegistry } from '../registrySession.js';
import { printUsage, type Command } from '../usage.js';

function pluginCommand(
  name: string,
  summary: string,
  details: string,
  action: (registry: PluginRegistry, id: string) => Promise<string>,
): Command {
  const usage = `goplug ${name} [--dir DIR]... ID\n\n${details}`;
  return {
    name,
    summary,
    usage,
    async run(argv) {
      const { values, positionals, help } = parse(argv, dirOption, 1);
      if (help) return printUsage(usage);
      const id = positionals[0]!;
      const line = await withRegistry(folders(values), (registry) => action(registry, id));
      process.stdout.write(printable(line) + '\n');
      return 0;
    },
  };
}

export const startCommand = pluginCommand(
  'start',
  'activate a plugin and print its methods',
  "Connects to the plugin's socket, sends POST /Activate and prints the methods it serves.",
  async (registry, id) => {
    const plugin = await registry.start(id);
    return `started ${plugin.id}: ${plugin.methods.join(', ') || '(no methods)'}`;
  },
);

export const stopCommand = pluginCommand(
  'stop',
  'ask a plugin to stop (POST /Stop)',
  'Sends POST /Stop. A plugin that exits without answering (as Go plugins do) counts as stopped.',
  async (registry, id) => {
    await ensureStarted(registry, id);
    await registry.stop(id);
    return `stopped ${id}`;
  },
);

export const pingCommand = pluginCommand(
  'ping',
  'check a plugin answers, with the round-trip time',
  'Sends POST /Ping and checks the echo; prints the round-trip time.',
  async (registry, id) => {
    await ensureStarted(registry, id);
    const { rttMs } = await registry.ping(id);
    return `${id}: pong in ${rttMs.toFixed(2)} ms`;
  },
);
