/**
 * A launch manifest is code: whoever can write it chooses what runs as us. So before a manifest
 * is used it must be ours (or an allowed uid's), and neither group nor others may write it; a
 * manifest reached through a symbolic link must have a trusted link too (whoever owns the link
 * can point it elsewhere). A watched folder others may write to is worth a warning: a neighbour
 * cannot replace our files in a sticky folder, but can drop their own next to them.
 */
import { lstat, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { octalMode } from '../files/fileType.js';
import { printable } from '../text/safeText.js';
import type { ConfFileInfo, ProblemFile } from '../types.js';

const GROUP_OR_OTHERS_WRITE = 0o022;
const OTHERS_WRITE = 0o002;

function ownerProblem(uid: number, allowedOwners: readonly number[]): string | undefined {
  const me = process.getuid?.();
  if (me === undefined || uid === me || allowedOwners.includes(uid)) return undefined;
  return `is owned by uid ${uid}, not by you (uid ${me})`;
}

/**
 * Why the manifest must not be used (a problem of kind "insecure", never launched), or undefined
 * when it may. `file` is what was read (the target, after links); the path itself is checked
 * with lstat for a link of someone else's.
 */
export async function manifestTrustProblem(
  path: string,
  file: ConfFileInfo,
  allowedOwners: readonly number[],
): Promise<ProblemFile | undefined> {
  const problem = (reason: string): ProblemFile => ({
    path,
    fileName: basename(path),
    kind: 'insecure',
    reason: `${printable(basename(path))} ${reason}; a launch manifest says what runs as you, so it is not used`,
  });
  const link = await lstat(path).catch(() => undefined);
  if (link?.isSymbolicLink()) {
    const linkOwner = ownerProblem(link.uid, allowedOwners);
    if (linkOwner) return problem(`is a symbolic link that ${linkOwner.slice('is '.length)}`);
  }
  const owner = ownerProblem(file.uid, allowedOwners);
  if (owner) return problem(owner);
  if (file.mode & GROUP_OR_OTHERS_WRITE) {
    return problem(
      `may be written by ${file.mode & OTHERS_WRITE ? 'other users' : 'its group'} (mode ${octalMode(file.mode)}); chmod go-w it`,
    );
  }
  return undefined;
}

/** A warning for a watched folder that others may write to (sticky or not); undefined otherwise. */
export async function writableFolderWarning(folder: string): Promise<string | undefined> {
  const stats = await stat(folder).catch(() => undefined);
  if (!stats?.isDirectory() || (stats.mode & OTHERS_WRITE) === 0) return undefined;
  const sticky = (stats.mode & 0o1000) !== 0;
  return (
    `${printable(folder)} may be written by other users (mode ${octalMode(stats.mode)}${sticky ? ', sticky' : ''}): ` +
    `they can add .pconf files and launch manifests there. Their manifests are never launched and ` +
    `their sockets are refused, but prefer a folder of your own (mode 0700).`
  );
}
