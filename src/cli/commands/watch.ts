import { openRegistry } from '../../core/registry/index.js';
import type { RegistryEvent } from '../../core/types.js';
import { jsonEventLine } from '../eventLines.js';
import { dirOption, folders, parse } from '../options.js';
import { printUsage, type Command } from '../usage.js';
import { untilSignal } from '../signals.js';

export const watchCommand: Command = {
  name: 'watch',
  summary: 'print registry events as JSON lines until Ctrl-C',
  usage: `goplug watch [--dir DIR]...

Runs the registry with live discovery and prints every event as one JSON object per line
(notification bodies as base64). Stops on Ctrl-C or SIGTERM.`,
  async run(argv) {
    const { values, help } = parse(argv, dirOption, 0);
    if (help) return printUsage(this.usage);
    const stopRequested = untilSignal();
    const registry = await openRegistry({ folders: folders(values) });
    const print = (event: RegistryEvent) => process.stdout.write(jsonEventLine(event) + '\n');
    registry.on('event', print);
    for (const plugin of registry.list()) print({ type: 'discovered', plugin });
    for (const problem of registry.problems()) print({ type: 'problem', problem });
    await stopRequested;
    await registry.close();
    return 0;
  },
};
