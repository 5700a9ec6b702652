/** `goplug trust MANIFEST...`: approves launch manifests' commands, from a terminal. */
import { resolve } from 'node:path';
import { defaultDataDir } from '../../core/defaults.js';
import { ApprovalStore } from '../../service/approvalStore.js';
import { approveManifestFile } from '../manifestApproval.js';
import { parse } from '../options.js';
import { printUsage, UsageError, type Command } from '../usage.js';

export const trustCommand: Command = {
  name: 'trust',
  summary: "approve launch manifests' commands, so that the Studio and goplug up launch them",
  usage: `goplug trust MANIFEST... [--data-dir DIR]

A launch manifest (<NameSpace><Name>.plugin.json) says what runs as you, so a new or changed
command is launched only once you approved it. This approves each MANIFEST's command as it is
now (command, args, cwd and env: change any of them and it needs approving again) and prints
the exact command line approved. A manifest that another user owns, or that group or others
may write, is refused. A running Studio (goplug serve, goplug up) on the same data folder
launches it at once.

  --data-dir DIR    where approvals are kept (default ~/.goplug/studio, as goplug serve)`,
  async run(argv) {
    const { values, positionals, help } = parse(argv, { 'data-dir': { type: 'string' } }, 'any');
    if (help) return printUsage(this.usage);
    if (positionals.length === 0) throw new UsageError('give the launch manifest(s) to approve');
    const { store, notice } = await ApprovalStore.open(resolve(values['data-dir'] ?? defaultDataDir()));
    if (notice !== undefined) throw new Error(notice);
    let failed = false;
    for (const file of positionals) {
      const { ok, line } = await approveManifestFile(store, file);
      (ok ? process.stdout : process.stderr).write(line + '\n');
      failed ||= !ok;
    }
    store.close();
    return failed ? 1 : 0;
  },
};
