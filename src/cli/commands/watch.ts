import { PluginRegistry } from '../../core/registry/index.js';
import type { RegistryEvent } from '../../core/types.js';
import { jsonEventLine } from '../eventLines.js';
import { dirOption, folders, parse } from '../options.js';
import { printUsage, type Command } from '../usage.js';
import { untilSignal } from '../signals.js';

export const watchCommand: Command = {
  name: 'watch',
  summary: 'print registry events as JSON lines until Ctrl-C',
  usage: `goplug watch [--dir DIR]... [--poll]

Runs the registry with live discovery and prints every event as one JSON object per line
(notification bodies as base64). Stops on Ctrl-C or SIGTERM.

  --poll   look at the folders every second instead of waiting for the system's file events
           (for folders on network mounts, which send none)`,
  async run(argv) {
    const { values, help } = parse(argv, { ...dirOption, poll: { type: 'boolean' } }, 0);
    if (help) return printUsage(this.usage);
    const stopRequested = untilSignal();
    const registry = new PluginRegistry({ folders: folders(values), watchByPolling: values.poll === true });
    const print = (event: RegistryEvent) => process.stdout.write(jsonEventLine(event) + '\n');
    // Listening from the first scan on: what it finds, and its warnings (a missing folder, a
    // watch that fell back to polling), are printed as they happen.
    const stopPrinting = registry.on('event', print);
    await registry.init();
    await stopRequested;
    stopPrinting();
    await registry.close();
    return 0;
  },
};
