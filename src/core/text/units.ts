/**
 * Sizes and durations as a person reads them, for the CLI's and the core's messages and for the Studio's rows
 * alike (the renderer reaches this through src/shared/units.ts). No Node: the renderer's
 * type-check reads this file too.
 */
const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * "30 B", "1.5 KiB", "3.0 MiB", "200 KiB": short, for a row (one decimal under 10, so the figure
 * keeps its width). With `exact`, for a message: "5 GiB (5368709120 bytes)", "1023 bytes".
 */
export function formatBytes(bytes: number, { exact = false }: { exact?: boolean } = {}): string {
  if (bytes < 1024) return exact ? `${bytes} bytes` : `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat('en', {
    useGrouping: false,
    maximumFractionDigits: digits,
    minimumFractionDigits: exact ? 0 : digits,
  }).format(value);
  return exact ? `${number} ${BYTE_UNITS[unit]} (${bytes} bytes)` : `${number} ${BYTE_UNITS[unit]}`;
}

export interface DurationStyle {
  /**
   * A measured time (a request's round trip): fixed decimals, "0.42 ms", "3.1 ms", "1.50 s".
   * Default: a span for a message, "250 ms", "1.5 s", "5 s".
   */
  precise?: boolean;
  /** Whole seconds, never ms: a time that ticks on screen ("Starting 3 s"). */
  whole?: boolean;
  /** The smallest unit beside a larger one: "2 min 5 s" (default), or with 'min' "5 min", "3 h 12 min" (a row that should not change every second). */
  beside?: 's' | 'min';
}

const SPAN_UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
] as const;

function decimals(value: number, digits: number, fixed: boolean): string {
  return new Intl.NumberFormat('en', {
    useGrouping: false,
    maximumFractionDigits: digits,
    minimumFractionDigits: fixed ? digits : 0,
  }).format(value);
}

/** Under a minute in one unit ("250 ms", "1.5 s"); from a minute on, the two largest units, whole ("3 min", "2 min 5 s", "2 d 4 h"). */
export function formatDuration(ms: number, { precise = false, whole = false, beside = 's' }: DurationStyle = {}): string {
  if (ms < 60_000) {
    if (whole) return `${Math.floor(ms / 1000)} s`;
    if (ms < 1000) return `${decimals(ms, precise ? (ms < 1 ? 2 : ms < 10 ? 1 : 0) : 0, precise)} ms`;
    return `${decimals(ms / 1000, precise && ms < 10_000 ? 2 : 1, precise)} s`;
  }
  const units = beside === 'min' ? SPAN_UNITS.slice(0, 3) : SPAN_UNITS;
  const first = units.findIndex(([, size]) => ms >= size);
  const [unit, size] = units[first]!;
  const count = Math.floor(ms / size);
  const next = units[first + 1];
  const rest = next ? Math.floor((ms - count * size) / next[1]) : 0;
  // "3 min", not "3 min 0 s".
  return rest > 0 ? `${count} ${unit} ${rest} ${next![0]}` : `${count} ${unit}`;
}

/** "1 method", "3 methods", "0 problem files": a count with its noun, plural unless one. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
