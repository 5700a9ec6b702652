/** `start`, `stop` and `ping`: one plugin, one action, one line of output. */
import { dirOption, folders, parse } from '../options.js';
import { ensureStarted, withRegistry } from '../registrySession.js';
import { printUsage as usage, type Command } from '../usage.js';

export const startCommand: Command = {
  name: 'start',
  summary: 'activate a plugin and print its methods',
  usage: `goplug start [--dir DIR]... ID

Connects to the plugin's socket, sends POST /Activate and prints the methods it serves.`,
  async run(argv) {
    const { values, positionals, help } = parse(argv, dirOption, 1);
    if (help) return usage(this.usage);
    const id = positionals[0]!;
    return withRegistry(folders(values), async (registry) => {
      const plugin = await registry.start(id);
      process.stdout.write(`started ${plugin.id}: ${plugin.methods.join(', ') || '(no methods)'}\n`);
      return 0;
    });
  },
};

export const stopCommand: Command = {
  name: 'stop',
  summary: 'ask a plugin to stop (POST /Stop)',
  usage: `goplug stop [--dir DIR]... ID

Sends POST /Stop. A plugin that exits without answering (as Go plugins do) counts as stopped.`,
  async run(argv) {
    const { values, positionals, help } = parse(argv, dirOption, 1);
    if (help) return usage(this.usage);
    const id = positionals[0]!;
    return withRegistry(folders(values), async (registry) => {
      await ensureStarted(registry, id);
      await registry.stop(id);
      process.stdout.write(`stopped ${id}\n`);
      return 0;
    });
  },
};

export const pingCommand: Command = {
  name: 'ping',
  summary: "check a plugin answers, with the round-trip time",
  usage: `goplug ping [--dir DIR]... ID

Sends POST /Ping and checks the echo; prints the round-trip time.`,
  async run(argv) {
    const { values, positionals, help } = parse(argv, dirOption, 1);
    if (help) return usage(this.usage);
    const id = positionals[0]!;
    return withRegistry(folders(values), async (registry) => {
      await ensureStarted(registry, id);
      const { rttMs } = await registry.ping(id);
      process.stdout.write(`${id}: pong in ${rttMs.toFixed(2)} ms\n`);
      return 0;
    });
  },
};
