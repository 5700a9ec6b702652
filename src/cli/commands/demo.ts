import { mkdir } from 'node:fs/promises';
import { ProcessSupervisor, type SupervisorEvent } from '../../core/launcher/index.js';
import { printable } from '../../core/text/safeText.js';
import { startSamples } from '../../service/samples.js';
import { dirOption, folders, parse } from '../options.js';
import { untilSignal } from '../signals.js';
import { printUsage, UsageError, type Command } from '../usage.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the bundled sample plugins in a folder until Ctrl-C',
  usage: `goplug demo [--dir DIR]

Starts the sample plugins (demo/echo, demo/clock, demo/kv, demo/hello-py), each as its own process,
in DIR, supervised: a sample that crashes (or is killed) is restarted on the same socket. Prints a
line per plugin when it is ready ("ready <id> on <socket> (pid N)", again after each restart) and
one when it exits. A sample that a host stops (POST /Stop) is not restarted; the demo runs on
until Ctrl-C or SIGTERM, which stops them all.`,
  async run(argv) {
    const { values, help } = parse(argv, dirOption, 0);
    if (help) return printUsage(this.usage);
    const dirs = folders(values);
    if (dirs.length > 1) throw new UsageError('demo runs in one folder: give --dir once');
    const dir = dirs[0]!;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Listen before anything is printed: a Ctrl-C right after the first ready line must stop cleanly.
    const stopRequested = untilSignal();
    const supervisor = new ProcessSupervisor({ statsIntervalMs: 0 });
    const stopPrinting = supervisor.on('event', (event) => printProcessEvent(supervisor, event));
    const samples = await startSamples(dir, {
      supervisor,
      onSkip: (id, reason) => process.stderr.write(printable(`skipped ${id}: ${reason}`) + '\n'),
    });
    await stopRequested;
    await samples.stop();
    stopPrinting();
    await supervisor.close();
    return 0;
  },
};

function printProcessEvent(supervisor: ProcessSupervisor, event: SupervisorEvent): void {
  if (event.type !== 'process') return;
  const { id, change, process: proc } = event;
  if (change === 'ready') {
    const restart = proc.restarts > 0 ? `, restart ${proc.restarts}` : '';
    process.stdout.write(
      printable(`ready ${id} on ${supervisor.endpoint(id)?.sock} (pid ${proc.pid}${restart})`) + '\n',
    );
  } else if (change === 'exited' || change === 'restarting' || change === 'fatal') {
    process.stderr.write(printable(`${change} ${id}: ${event.message}`) + '\n');
    // This supervisor runs the samples alone.
    if (supervisor.ids().every((sample) => !supervisor.isActive(sample))) {
      process.stderr.write('no sample is running any more; goplug demo waits for Ctrl-C\n');
    }
  }
}
