/**
 * A launch manifest's command runs only once a person approved it outside the page. What is
 * approved is the manifest's path together with a hash of exactly what would run (command, args,
 * cwd, env): change any of them, or move the file, and it waits for approval again. The store
 * itself lives with its users (the Studio's data folder, src/service/approvalStore.ts); the
 * registry only asks it.
 */
import { createHash } from 'node:crypto';
import { printable } from '../text/safeText.js';
import type { LaunchManifest } from '../types.js';

/** What the registry asks before it launches a manifest, and listens to for new approvals. */
export interface LaunchApprovals {
  isApproved(manifestPath: string, manifest: LaunchManifest): boolean;
  /** Called whenever approvals may have changed (e.g. `goplug trust` in another process). */
  onChange(listener: () => void): () => void;
}

/** sha256 of what would run; the order of env keys does not matter. */
export function commandHash(manifest: LaunchManifest): string {
  const env = Object.keys(manifest.env)
    .sort()
    .map((key) => [key, manifest.env[key]!]);
  const what = JSON.stringify([manifest.command, manifest.args, manifest.cwd, env]);
  return createHash('sha256').update(what).digest('hex');
}

/** One word of a command line as a POSIX shell would need it, control and bidi characters visible. */
function shellWord(word: string): string {
  const quoted = /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
  return printable(quoted);
}

/**
 * The exact command line a person approves: `cd CWD && VAR=value... COMMAND ARGS...`, each word
 * quoted as a shell would need it, nothing left out.
 */
export function commandLine(manifest: LaunchManifest): string {
  const env = Object.entries(manifest.env).map(([key, value]) => `${shellWord(key)}=${shellWord(value)}`);
  return [
    `cd ${shellWord(manifest.cwd)} &&`,
    ...env,
    shellWord(manifest.command),
    ...manifest.args.map(shellWord),
  ].join(' ');
}
