/**
 * Launch manifests in the watched folders, for the settings editor: list them with their text and
 * what is wrong with them, save one (checked first, written atomically under the name its
 * NameSpace and Name give), delete one. The registry's watcher picks the changes up.
 */
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { commandLine } from '../../core/launcher/approvals.js';
import {
  DEFAULT_MAX_MANIFEST_BYTES,
  formatManifest,
  isManifestFile,
  MANIFEST_SUFFIX,
  parseManifest,
  saveManifestText,
} from '../../core/launcher/index.js';
import { decodeText } from '../../core/text/decodeText.js';
import { readRegularFile } from '../../core/files/regularFile.js';
import { displayName } from '../../core/text/safeText.js';
import { formatPluginId } from '../../core/pluginId.js';
import type { PluginSnapshot, ProblemFile } from '../../core/types.js';
import type { ManifestFile } from '../../shared/contract.js';
import { ServiceError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';
import { ownFile } from '../pathGuard.js';

type ManifestHandlers = Pick<Handlers, 'listManifests' | 'saveManifest' | 'deleteManifest' | 'rememberCommand'>;

export function manifestHandlers(ctx: ServiceContext): ManifestHandlers {
  const folders = () => ctx.settings.get().folders;
  return {
    listManifests: async () => {
      const problems = new Map(ctx.host.registry.problems().map((p) => [p.path, p]));
      const files: ManifestFile[] = [];
      for (const folder of folders()) {
        const names = await readdir(folder).catch(() => []);
        for (const name of names.filter((n) => isManifestFile(n)).sort()) {
          files.push(await describe(join(folder, name), folder, problems.get(join(folder, name))));
        }
      }
      return files;
    },
    saveManifest: async ({ folder, text, replaces }) => {
      const target = resolve(folder);
      if (!folders().includes(target)) {
        throw new ServiceError(
          'FORBIDDEN',
          `saveManifest: ${target} is not a watched folder (${folders().join(', ') || 'none'})`,
          'Add the folder in the settings first.',
        );
      }
      const old =
        replaces === undefined ? undefined : await manifestPath(replaces, folders(), 'saveManifest');
      const path = await saveManifestText(target, text);
      // Renamed (another NameSpace or Name): the old file would launch the old plugin too.
      if (old !== undefined && old !== path) await rm(old, { force: true });
      return { path };
    },
    deleteManifest: async ({ path }) => {
      await rm(await manifestPath(path, folders(), 'deleteManifest'), { force: true });
    },
    rememberCommand: async ({ id }) => {
      const plugin = ctx.host.registry.get(id);
      if (!plugin) throw new ServiceError('INVALID_REQUEST', `rememberCommand: no plugin ${id} is listed`);
      const text = rememberedManifest(plugin);
      const folder = dirname(plugin.confPath);
      if (!folders().includes(folder)) {
        throw new ServiceError('FORBIDDEN', `rememberCommand: ${id}'s .pconf is not in a watched folder (${folder})`);
      }
      const path = await saveManifestText(folder, text);
      const saved = parseManifest(Buffer.from(text), path);
      return { path, commandLine: saved.ok ? commandLine(saved.manifest) : '' };
    },
  };
}

/**
 * A launch manifest that runs what the OS showed of a plugin started elsewhere: its argv in its
 * working folder. Not its environment (it may hold secrets; the supervisor sets GOPLUG_PLUGIN_DIR),
 * and autoStart off: it runs when a person starts it, never behind the back of the process that
 * serves it now.
 */
function rememberedManifest(plugin: PluginSnapshot): string {
  const origin = plugin.origin;
  if (plugin.manifestPath !== undefined) {
    throw new ServiceError('INVALID_REQUEST', `rememberCommand: ${plugin.id} already has a launch manifest: ${plugin.manifestPath}`);
  }
  if (origin?.kind !== 'outside' || !origin.argv?.[0] || origin.cwd === null) {
    throw new ServiceError(
      'INVALID_REQUEST',
      `rememberCommand: the command of ${plugin.id} is not known (${origin?.kind === 'outside' ? 'the OS does not show its command line or folder' : 'no process was found serving its socket'})`,
      'Write a launch manifest for it in Settings instead.',
    );
  }
  const [command, ...args] = origin.argv;
  return formatManifest({ name: plugin.name, namespace: plugin.namespace, command, args, cwd: origin.cwd, autoStart: false });
}

/** The path, when it is a launch manifest inside a watched folder. */
export async function manifestPath(
  path: string,
  folders: readonly string[],
  action: string,
): Promise<string> {
  return ownFile(path, { folders, suffixes: [MANIFEST_SUFFIX] }, action);
}

async function describe(
  path: string,
  folder: string,
  problem: ProblemFile | undefined,
): Promise<ManifestFile> {
  const base = { path, fileName: basename(path), folder };
  const read = await readRegularFile(path, DEFAULT_MAX_MANIFEST_BYTES, 'a launch manifest');
  if (read.kind === 'problem') {
    const reason = `${displayName(path)} ${read.reason}`;
    return {
      ...base,
      text: null,
      id: null,
      manifest: null,
      problem: problem ?? { ...base, kind: read.problem, reason },
    };
  }
  const text = decodeText(read.raw)?.text ?? null;
  const parsed = parseManifest(read.raw, path);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    return {
      ...base,
      text,
      id: null,
      manifest: null,
      problem: problem ?? { ...base, kind: 'invalid', reason: message, line, column },
    };
  }
  const { manifest } = parsed;
  return {
    ...base,
    text,
    id: formatPluginId(manifest.namespace, manifest.name),
    manifest,
    problem: problem ?? null,
  };
}
