/**
 * The keystrokes of the filter benchmark: starting from `prefix` in the filter box, type the rest
 * of a plugin id character by character, then delete it again, for several ids spread over the
 * list. A keystroke is measured only when it changes how many plugins match: the group header
 * shows that count, so the list's DOM is sure to change (a keystroke that changes nothing has no
 * update to wait for).
 */

export interface Keystroke {
  key: string;
  measured: boolean;
}

/**
 * `ids` must be all the listed plugins; the filter matches ids and socket paths (see
 * src/renderer/lib/pluginListItems.ts), so `prefix` should hold a character no socket path has
 * there (a "/" after the namespace does it: socket files are named NameSpace + Name).
 */
export function filterKeystrokes(ids: readonly string[], prefix: string, wanted: number): Keystroke[] {
  const count = (filter: string): number => ids.filter((id) => id.toLowerCase().includes(filter)).length;
  const targets = ids.filter((id) => id.toLowerCase().startsWith(prefix));
  const keys: Keystroke[] = [];
  let measured = 0;
  for (let cycle = 0; measured < wanted && cycle < Math.max(1, targets.length) * 2; cycle++) {
    // A stride coprime with most list sizes spreads the targets over the list.
    const target = (targets[(cycle * 389) % targets.length] ?? '').toLowerCase();
    const filters = [...target.slice(prefix.length)].map((_, i) => target.slice(0, prefix.length + i + 1));
    const path = [prefix, ...filters, ...filters.slice(0, -1).reverse(), prefix];
    for (let i = 1; i < path.length; i++) {
      const [before, after] = [path[i - 1] as string, path[i] as string];
      const changes = count(before) !== count(after);
      keys.push({ key: after.length > before.length ? after.slice(-1) : 'Backspace', measured: changes });
      if (changes) measured += 1;
    }
  }
  return keys;
}
