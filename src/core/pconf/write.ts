/**
 * Writes a .pconf exactly as the Go plugin does, so a Go host reads ours and a diff shows nothing:
 * `<NameSpace><Name>.pconf`, compact JSON with the keys in the Go struct's order, Go's string
 * escaping, no trailing newline. The file appears atomically: it is written under a temporary
 * name that is not a .pconf, flushed, then renamed into place, so a watcher never reads half a file.
 */
import { join } from 'node:path';
import { GoPlugError } from '../errors.js';
import { writeFileAtomic } from '../files/atomicWrite.js';
import { goJson } from '../text/goJson.js';
import { goFileStem } from '../pluginId.js';

export interface PconfContent {
  name: string;
  namespace: string;
  /** Defaults to `unix://<NameSpace><Name>`, as in Go. */
  url?: string;
  /** Absolute socket path. */
  sock: string;
  lazyLoad?: boolean;
  /**
   * The serving process's id, written as an extra `Pid` key after the Go fields (the Go decoder
   * ignores unknown keys): a host can tell who runs the plugin without searching for the socket's owner.
   */
  pid?: number;
}

export function pconfFileName(namespace: string, name: string): string {
  return `${goFileStem(namespace, name)}.pconf`;
}

/** The file's bytes, as the Go plugin writes them (plus `Pid` when given). */
export function formatPconf(conf: PconfContent): string {
  const url = conf.url || `unix://${conf.namespace}${conf.name}`;
  return (
    `{"Name":${goJson(conf.name)},"NameSpace":${goJson(conf.namespace)},` +
    `"Url":${goJson(url)},"Sock":${goJson(conf.sock)},"LazyLoad":${conf.lazyLoad === true}` +
    (conf.pid === undefined ? '}' : `,"Pid":${conf.pid}}`)
  );
}

/** Why the conf cannot be written, or null. Name and NameSpace form the file name, so they must keep it in the folder. */
function unwritable(conf: PconfContent): string | null {
  if (conf.name === '') return 'Name must not be empty';
  if (conf.sock === '') return 'Sock must not be empty';
  const stem = goFileStem(conf.namespace, conf.name);
  if (stem.includes('/') || stem.includes('\0'))
    return 'Name and NameSpace must not contain "/" or NUL: they form the file name';
  return null;
}

/** Writes `<folder>/<NameSpace><Name>.pconf` atomically and returns its path. */
export async function writePconfAtomic(folder: string, conf: PconfContent): Promise<string> {
  const problem = unwritable(conf);
  if (problem) {
    const which = JSON.stringify(goFileStem(conf.namespace, conf.name));
    throw new GoPlugError('CONFIG_INVALID', `cannot write the .pconf of ${which}: ${problem}`);
  }
  const fileName = pconfFileName(conf.namespace, conf.name);
  const target = join(folder, fileName);
  // Not the private 0o600 of the Studio's own files: the umask decides who may read a .pconf, as for Go's.
  await writeFileAtomic(target, formatPconf(conf), { mode: 0o666 });
  return target;
}
