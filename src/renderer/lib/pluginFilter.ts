/**
 * The plugin list's filter: free text (id, name or socket path) and terms a person types to
 * narrow a long list: `state:started`, `lazy`, `method:Upper`, `folder:demo`, each negated by a
 * leading `-`. Values with spaces go in double quotes. Pure, so that the list and its tests agree.
 */
import type { PluginSnapshot } from '../../shared/contract.js';
import { DISPLAY_LABEL, displayState, type DisplayState } from './pluginState.js';

export type FilterTerm =
  | { kind: 'text'; value: string; negated: boolean }
  | { kind: 'state'; value: DisplayState; negated: boolean }
  | { kind: 'lazy'; negated: boolean }
  | { kind: 'method'; value: string; negated: boolean }
  | { kind: 'folder'; value: string; negated: boolean };

export interface ParsedFilter {
  terms: FilterTerm[];
  /** Terms that were not understood, in words; they are left out of the match. */
  errors: string[];
}

const STATES = Object.keys(DISPLAY_LABEL) as DisplayState[];

/** The help beside the filter box, one line per form. */
export const FILTER_HELP: ReadonlyArray<[string, string]> = [
  ['echo', 'id, name or socket path contains “echo”'],
  ['state:started', `state is one of: ${STATES.join(', ')}`],
  ['lazy', 'LazyLoad plugins'],
  ['method:Upper', 'has a method whose name contains “Upper”'],
  ['folder:demo', 'its .pconf’s folder contains “demo”'],
  ['-lazy  -state:started', 'a leading - keeps what does not match'],
  ['"two words"', 'quotes keep spaces in one term'],
];

/** Splits on spaces, keeping double-quoted parts (`method:"a b"` or `"a b"`) together. */
function tokens(input: string): string[] {
  const out: string[] = [];
  for (const match of input.matchAll(/(?:[^\s"]+|"[^"]*"?)+/g)) out.push(match[0]);
  return out;
}

const unquote = (s: string): string => s.replace(/"/g, '');

function parseToken(token: string): FilterTerm | string {
  const negated = token.startsWith('-') && token.length > 1;
  const body = negated ? token.slice(1) : token;
  const colon = body.indexOf(':');
  const key = colon > 0 && !body.slice(0, colon).includes('"') ? body.slice(0, colon).toLowerCase() : '';
  const value = unquote(key ? body.slice(colon + 1) : body);
  if (!key) {
    if (value.toLowerCase() === 'lazy') return { kind: 'lazy', negated };
    return { kind: 'text', value: value.toLowerCase(), negated };
  }
  if (value === '') return `“${token}”: ${key}: needs a value`;
  switch (key) {
    case 'state': {
      const state = STATES.find((s) => s === value.toLowerCase());
      return state ? { kind: 'state', value: state, negated } : `“${token}”: no state “${value}” (one of: ${STATES.join(', ')})`;
    }
    case 'method':
      return { kind: 'method', value: value.toLowerCase(), negated };
    case 'folder':
      return { kind: 'folder', value: value.toLowerCase(), negated };
    case 'lazy':
      if (/^(yes|true)$/i.test(value)) return { kind: 'lazy', negated };
      if (/^(no|false)$/i.test(value)) return { kind: 'lazy', negated: !negated };
      return `“${token}”: lazy: takes yes or no`;
    default:
      return `“${token}”: unknown key “${key}” (known: state, lazy, method, folder)`;
  }
}

export function parseFilter(input: string): ParsedFilter {
  const terms: FilterTerm[] = [];
  const errors: string[] = [];
  for (const token of tokens(input)) {
    const term = parseToken(token);
    if (typeof term === 'string') errors.push(term);
    else if (term.kind !== 'text' || term.value !== '') terms.push(term);
  }
  return { terms, errors };
}

/** The folder of a plugin's .pconf ('' when not known yet). */
export function pluginFolder(plugin: PluginSnapshot): string {
  const slash = plugin.confPath.lastIndexOf('/');
  return slash <= 0 ? (slash === 0 ? '/' : '') : plugin.confPath.slice(0, slash);
}

function holds(term: FilterTerm, plugin: PluginSnapshot): boolean {
  switch (term.kind) {
    case 'text':
      return [plugin.id, plugin.name, plugin.sock].some((s) => s.toLowerCase().includes(term.value));
    case 'state':
      return displayState(plugin) === term.value || plugin.state === term.value;
    case 'lazy':
      return plugin.lazyLoad;
    case 'method':
      return plugin.methods.some((m) => m.toLowerCase().includes(term.value));
    case 'folder':
      return pluginFolder(plugin).toLowerCase().includes(term.value);
  }
}

/** Every term holds (a negated one: does not hold). */
export function matchesFilter(plugin: PluginSnapshot, filter: ParsedFilter): boolean {
  return filter.terms.every((term) => holds(term, plugin) !== term.negated);
}
