/**
 * Sizes as a person reads them, for the CLI's and the core's messages and for the Studio's rows
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
