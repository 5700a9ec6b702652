import { mkdir } from 'node:fs/promises';
import { startSamples } from '../../service/samples.js';
import { dirOption, folders, parse } from '../options.js';
import { untilSignal } from '../signals.js';
import { printUsage, UsageError, type Command } from '../usage.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the bundled sample plugins in a folder until Ctrl-C',
  usage: `goplug demo [--dir DIR]

Starts the sample plugins (demo/echo, demo/clock, demo/kv, demo/hello-py), each as its own process,
in DIR; prints a line per plugin when it is ready, and stops them all on Ctrl-C or SIGTERM.`,
  async run(argv) {
    const { values, help } = parse(argv, dirOption, 0);
    if (help) return printUsage(this.usage);
    const dirs = folders(values);
    if (dirs.length > 1) throw new UsageError('demo runs in one folder: give --dir once');
    const dir = dirs[0]!;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Listen before anything is printed: a Ctrl-C right after the first ready line must stop cleanly.
    const stopRequested = untilSignal();
    const samples = await startSamples(dir, {
      onReady: (id, sock) => process.stdout.write(`ready ${id} on ${sock}\n`),
      onSkip: (id, reason) => process.stderr.write(`skipped ${id}: ${reason}\n`),
    });
    await stopRequested;
    await samples.stop();
    return 0;
  },
};
