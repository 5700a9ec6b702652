/**
 * Who runs a plugin's process, in words, and what the Studio can do about it (issue 14 §1): a
 * stop of a process the Studio did not launch asks first; a stopped one can be started again only
 * from a launch manifest or by the Studio's own supervisor.
 */
import type { PluginOrigin, PluginSnapshot } from '../../shared/contract.js';
import { commandLine } from './processFacts.js';

/** The Studio did not launch it (or does not know who did): stopping it may end it for good. */
export function runsElsewhere(plugin: PluginSnapshot): boolean {
  const kind = plugin.origin?.kind;
  if (kind === 'studio' || kind === 'manifest') return false;
  return kind !== undefined || (!plugin.manifestPath && !plugin.process);
}

/**
 * The Studio can start its process again: it has a launch manifest, its supervisor launched it,
 * or it was started elsewhere with a command the Studio knows as its own (a sample).
 */
export function canStartAgain(plugin: PluginSnapshot): boolean {
  return plugin.launchable ?? (plugin.manifestPath !== undefined || plugin.process !== undefined);
}

/**
 * Its command line and folder are known and the Studio cannot start it yet: "remember its
 * command" can write a manifest for it.
 */
export function canRemember(plugin: PluginSnapshot): boolean {
  const origin = plugin.origin;
  return origin?.kind === 'outside' && !!origin.argv?.length && origin.cwd !== null && !canStartAgain(plugin);
}

/** Stopped, its files gone and no process of ours running: Forget can remove it. */
export function canForget(plugin: PluginSnapshot): boolean {
  const running =
    plugin.process !== undefined && plugin.process.state !== 'exited' && plugin.process.state !== 'fatal';
  return plugin.state === 'stopped' && plugin.confRemoved === true && !plugin.manifestPath && !running;
}

/** An argv as one line a person reads (quoted where a shell would need it); null when unknown. */
export function argvText(argv: readonly string[] | null | undefined): string | null {
  const [command, ...args] = argv ?? [];
  return command === undefined ? null : commandLine({ command, args });
}

export const originCommand = (origin: PluginOrigin | undefined): string | null => argvText(origin?.argv);

/** Who started it: its parent process's command line and pid, when the OS shows them. */
export function parentText(origin: PluginOrigin | undefined): string | null {
  const parent = origin?.parent;
  const command = argvText(parent?.argv);
  return parent && command ? `\`${command}\` (pid ${parent.pid})` : null;
}

/** One line: who runs it. */
export function originText(plugin: PluginSnapshot): string {
  const origin = plugin.origin;
  switch (origin?.kind) {
    case 'studio':
      return 'launched by this Studio';
    case 'manifest':
      return 'launched by this Studio from its launch manifest';
    case 'outside':
      return `started outside this Studio${origin.pid === null ? '' : ` (pid ${origin.pid})`}`;
    default:
      return 'started outside this Studio; its process could not be found';
  }
}

/** What a stop would do to it and whether the Studio could start it again, for the stop dialog. */
export function stopConsequence(plugin: PluginSnapshot): string {
  const ends = runsElsewhere(plugin)
    ? 'Stopping it ends its process.'
    : 'Stopping it ends the process this Studio launched.';
  const again = canStartAgain(plugin)
    ? `The Studio can start it again (${plugin.manifestPath ? 'from its launch manifest' : 'it knows its command'}).`
    : 'The Studio cannot start it again: it would have to be started where it was started before.';
  return `${ends} ${again}`;
}

/** Why its switch cannot start it, and what to do, for a stopped plugin the Studio cannot start. */
export function startAgainAdvice(plugin: PluginSnapshot): string {
  const command = originCommand(plugin.origin);
  const where = command ? ` with \`${command}\`${plugin.origin?.cwd ? ` in ${plugin.origin.cwd}` : ''}` : '';
  const parent = parentText(plugin.origin);
  const by = parent ? `, by ${parent}` : '';
  return (
    `It was ${originText(plugin)}${where}${by}: start it there again` +
    (canRemember(plugin) ? ', or remember its command so that this Studio can start it.' : '.')
  );
}
