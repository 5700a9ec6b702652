/**
 * `goplug up`: the registry with process supervision in the foreground. Plugins with a launch
 * manifest are launched (those with autoStart, the default), crashed ones come back per their
 * restart policy, and everything is told as lines. Ctrl-C stops what was launched, then exits.
 */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../../core/defaults.js';
import { ProcessSupervisor } from '../../core/launcher/index.js';
import { writableFolderWarning } from '../../core/launcher/manifestTrust.js';
import { openRegistry } from '../../core/registry/index.js';
import type { RegistryEvent } from '../../core/types.js';
import { ApprovalStore } from '../../service/approvalStore.js';
import { eventLines, jsonEventLine } from '../eventLines.js';
import { approveManifestFile, manifestsIn } from '../manifestApproval.js';
import { dirOption, folders, parse } from '../options.js';
import { untilSignal } from '../signals.js';
import { printUsage, type Command } from '../usage.js';

export const upCommand: Command = {
  name: 'up',
  summary: 'launch and supervise the plugins that have a launch manifest, until Ctrl-C',
  usage: `goplug up [--dir DIR]... [--log-dir DIR] [--json] [--trust] [--data-dir DIR]

Runs the registry in the foreground with process supervision. Each <NameSpace><Name>.plugin.json
in DIR is a launch manifest: the plugins whose manifest has autoStart (the default) are launched,
a plugin that crashes is restarted per its "restart" policy (with backoff, giving up after 5
crashes in 3 minutes), and plugin output is captured. Events are printed one per line, plugin
output as "<id> out| <line>" (stderr: "err|"); --json prints every event as one JSON object per
line instead. Output is also written to size-rotated files in --log-dir (default
~/.goplug/logs). Ctrl-C or SIGTERM stops every launched plugin (POST /Stop, then SIGTERM, then
SIGKILL) and exits. Should this command be killed outright, its plugins end too (see
docs/LAUNCHER.md, "No orphans").

A manifest's command is launched only once you approved it (goplug trust MANIFEST); until then
it is listed as waiting, with the exact command line. --trust approves the manifests in DIR as
they are now, printing each one. Approvals live in --data-dir (default ~/.goplug/studio, shared
with goplug serve). A manifest another user owns, or that group or others may write, is never
launched.`,
  async run(argv) {
    const { values, help } = parse(
      argv,
      {
        ...dirOption,
        'log-dir': { type: 'string' },
        json: { type: 'boolean' },
        trust: { type: 'boolean' },
        'data-dir': { type: 'string' },
      },
      0,
    );
    if (help) return printUsage(this.usage);
    // Listening from the start: a Ctrl-C while plugins launch still stops them in order.
    const stopRequested = untilSignal();
    const logDir = resolve(values['log-dir'] ?? join(homedir(), '.goplug', 'logs'));
    await mkdir(logDir, { recursive: true, mode: 0o700 });
    const print = values.json
      ? (event: RegistryEvent) => process.stdout.write(jsonEventLine(event) + '\n')
      : (event: RegistryEvent) => {
          for (const line of eventLines(event)) process.stdout.write(line + '\n');
        };
    const dirs = folders(values);
    for (const dir of dirs) {
      const warning = await writableFolderWarning(resolve(dir));
      if (warning !== undefined) process.stderr.write(`warning: ${warning}\n`);
    }
    const { store: approvals, notice } = await ApprovalStore.open(
      resolve(values['data-dir'] ?? defaultDataDir()),
      {
        watch: true,
      },
    );
    if (notice !== undefined) process.stderr.write(`warning: ${notice}\n`);
    if (values.trust) {
      for (const file of await manifestsIn(dirs)) {
        const { ok, line } = await approveManifestFile(approvals, file);
        (ok ? process.stdout : process.stderr).write(line + '\n');
      }
    }
    const supervisor = new ProcessSupervisor({ logDir, statsIntervalMs: values.json ? undefined : 0 });
    const registry = await openRegistry({ folders: dirs, launcher: supervisor, approvals });
    const stopPrinting = registry.on('event', print);
    for (const plugin of registry.list()) print({ type: 'discovered', plugin });
    for (const problem of registry.problems()) print({ type: 'problem', problem });

    await stopRequested;
    // Stopped through the registry, so each stop is told; then nothing is left to the supervisor.
    const launched = registry.list().filter((p) => supervisor.isActive(p.id));
    await Promise.all(launched.map((p) => registry.stop(p.id).catch(() => undefined)));
    stopPrinting();
    await registry.close();
    approvals.close();
    await supervisor.close();
    return 0;
  },
};
