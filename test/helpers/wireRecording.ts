/**
 * Reads the `socat -v` recordings in test/fixtures/goplug-wire. Each transfer is a header line
 * (`> date time  length=N from=A to=B`, `>` = to the plugin, `<` = from it) followed by the N
 * bytes sent, in socat's text form: a carriage return is written as the two characters `\r`.
 * The next header follows the data directly, with no separator.
 */
import fs from 'node:fs';

export interface Transfer {
  direction: 'to-plugin' | 'from-plugin';
  bytes: Buffer;
}

const HEADER = /^([<>]) \S+ \S+\s+length=(\d+) from=\d+ to=\d+\n/;

export function readSocatLog(file: string): Transfer[] {
  const text = fs.readFileSync(file, 'latin1');
  const transfers: Transfer[] = [];
  let at = 0;
  while (at < text.length) {
    const header = HEADER.exec(text.slice(at));
    if (header === null) throw new Error(`${file}: no transfer header at offset ${at}`);
    at += header[0].length;
    const length = Number(header[2]);
    const data: number[] = [];
    while (data.length < length) {
      if (at >= text.length)
        throw new Error(`${file}: transfer at offset ${at} ends before its ${length} bytes`);
      if (text.startsWith('\\r', at)) {
        data.push(0x0d);
        at += 2;
      } else {
        data.push(text.charCodeAt(at));
        at += 1;
      }
    }
    transfers.push({ direction: header[1] === '>' ? 'to-plugin' : 'from-plugin', bytes: Buffer.from(data) });
  }
  return transfers;
}

/** A response with its Date value blanked, so recordings compare with live answers. */
export function withoutDate(response: Buffer): string {
  return response.toString('latin1').replace(/^Date: .*\r\n/m, 'Date: *\r\n');
}
