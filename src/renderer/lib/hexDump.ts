/** A classic hex dump (offset, 16 bytes in hex, printable ASCII), for binary bodies. */

const BYTES_PER_LINE = 16;

export interface HexDump {
  text: string;
  /** How many bytes the dump shows (it stops at `limit`). */
  shown: number;
  total: number;
}

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

export function hexDump(bytes: Uint8Array, limit = 64 * 1024): HexDump {
  const shown = Math.min(bytes.length, limit);
  const lines: string[] = [];
  for (let offset = 0; offset < shown; offset += BYTES_PER_LINE) {
    const chunk = bytes.subarray(offset, Math.min(offset + BYTES_PER_LINE, shown));
    const hex: string[] = [];
    for (let i = 0; i < BYTES_PER_LINE; i++) {
      const byte = chunk[i];
      hex.push(byte === undefined ? '  ' : byte.toString(16).padStart(2, '0'));
      // A wider gap after 8 bytes, as hexdump -C does.
      if (i === 7) hex.push('');
    }
    const ascii = Array.from(chunk, printable).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.join(' ')}  |${ascii}|`);
  }
  return { text: lines.join('\n'), shown, total: bytes.length };
}
