/**
 * Reads one .pconf from a discovery folder without trusting what is there: the file is read
 * safely (regularFile.ts: no FIFOs, devices or huge files) and then parsed. Every problem is a
 * ProblemFile naming the file; nothing here blocks or throws for a file's sake.
 */
import { basename } from 'node:path';
import type { ConfFileInfo, ConfIssue, PluginConf, ProblemFile } from '../types.js';
import { parsePconf } from './parse.js';
import { readRegularFile } from '../files/regularFile.js';
import { displayName } from '../text/safeText.js';

export const DEFAULT_MAX_PCONF_BYTES = 1024 * 1024;

export type PconfRead =
  | { kind: 'ok'; conf: PluginConf; warnings: ConfIssue[]; file: ConfFileInfo; raw: Buffer }
  | {
      kind: 'problem';
      problem: ProblemFile;
      /** Empty or truncated JSON: most likely still being written, so re-read before reporting. */
      incomplete: boolean;
      /** The file is not there (ENOENT, ENOTDIR): the caller may treat it as removed. */
      missing?: boolean;
      file?: ConfFileInfo;
      raw?: Buffer;
    };

export interface ReadPconfOptions {
  /** Larger files are refused unread (`too-large`). Default 1 MiB. */
  maxBytes?: number;
}

export async function readPconfFile(path: string, opts: ReadPconfOptions = {}): Promise<PconfRead> {
  const read = await readRegularFile(path, opts.maxBytes ?? DEFAULT_MAX_PCONF_BYTES, 'a .pconf');
  if (read.kind === 'problem') {
    const problem: ProblemFile = {
      path,
      fileName: basename(path),
      kind: read.problem,
      reason: `${displayName(path)} ${read.reason}`,
    };
    return {
      kind: 'problem',
      problem,
      incomplete: false,
      ...(read.problem === 'unreadable' && { missing: read.missing }),
      ...(read.file && { file: read.file }),
    };
  }
  const { raw, file } = read;
  const parsed = parsePconf(raw, path);
  if (parsed.ok) return { kind: 'ok', conf: parsed.conf, warnings: parsed.warnings, file, raw };
  const { message, line, column } = parsed.error;
  return {
    kind: 'problem',
    problem: { path, fileName: basename(path), kind: 'invalid', reason: message, line, column },
    incomplete: parsed.incomplete,
    file,
    raw,
  };
}
