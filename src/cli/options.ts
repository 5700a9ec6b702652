/** Argument parsing shared by the commands: node:util parseArgs plus the `--dir` convention. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultPluginFolder } from '../core/defaults.js';
import { countOf } from '../core/text/units.js';
import { UsageError } from './usage.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export const dirOption = { dir: { type: 'string', multiple: true } } as const satisfies Options;
export const helpOption = { help: { type: 'boolean', short: 'h' } } as const satisfies Options;

type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof helpOption; allowPositionals: true; strict: true }>
>;

export function parse<O extends Options>(
  argv: string[],
  options: O,
  positionals: number | 'any',
): { values: Parsed<O>['values']; positionals: string[]; help: boolean } {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, ...helpOption }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const help = (parsed.values as { help?: boolean }).help === true;
  if (!help && positionals !== 'any' && parsed.positionals.length !== positionals) {
    throw new UsageError(
      `expected ${countOf(positionals, 'argument')}, got ${parsed.positionals.length}` +
        (parsed.positionals.length ? `: ${parsed.positionals.join(' ')}` : ''),
    );
  }
  return { values: parsed.values, positionals: parsed.positionals, help };
}

/** The `--dir` folders, or the default plugin folder. */
export function folders(values: { dir?: string[] }): string[] {
  return values.dir?.length ? values.dir : [defaultPluginFolder()];
}

export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} needs a positive whole number, got "${value}"`);
  return n;
}
