/**
 * Names cannot lie in a terminal (issue 13 §5, the CLI part): whatever a .pconf, a file name or a
 * plugin says reaches the terminal with its control and bidi characters escaped, in text and in
 * --json output alike. `goplug` as a user runs it, on a folder holding a hostile .pconf and a
 * file whose very name holds escape sequences.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOPLUG_BIN } from '../helpers/goplugProcess.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import { tempFolder } from '../helpers/tempFolder.js';

/** What must never reach a terminal raw: C0 (but newline), DEL, C1, line separators, bidi controls; as U+XXXX. */
function rawControls(text: string): string[] {
  return [...text]
    .map((c) => c.codePointAt(0)!)
    .filter(
      (c) =>
        (c < 0x20 && c !== 0x0a) ||
        (c >= 0x7f && c <= 0x9f) ||
        c === 0x2028 ||
        c === 0x2029 ||
        (c >= 0x202a && c <= 0x202e) ||
        (c >= 0x2066 && c <= 0x2069),
    )
    .map((c) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
}
const HOSTILE = '\u001b[31mecho\u0007\u202eohce\u009b2J\u2066x';

let dir: Awaited<ReturnType<typeof tempFolder>>;
let conf: string;

beforeAll(async () => {
  // Built once per change of the sources, under a lock: never rewritten under another test's feet.
  await ensureStudioBuilt();
  dir = await tempFolder('gp-cli-');
  conf = join(dir.path, 'demoevil.pconf');
  await writeFile(
    conf,
    JSON.stringify({
      Name: HOSTILE,
      NameSpace: 'demo',
      Sock: join(dir.path, `s\u001b]0;t\u0007.sock`),
      Extra: HOSTILE,
    }),
  );
  // A problem file whose name itself sets the terminal's title and rings its bell.
  await writeFile(join(dir.path, `bad\u001b]0;owned\u0007\u202e.pconf`), '{"Name": 1}');
}, 240_000);
afterAll(() => dir.remove());

async function goplug(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [GOPLUG_BIN, ...args], { timeout: 30_000 }).catch(
    (err: { stdout: string; stderr: string }) => ({ stdout: err.stdout, stderr: err.stderr }),
  );
}

describe('goplug output with hostile plugin text', () => {
  it('list (text and --json) holds no raw control or bidi character, and still names everything', async () => {
    const text = await goplug('list', '--dir', dir.path);
    expect(rawControls(text.stdout + text.stderr)).toEqual([]);
    expect(text.stdout).toContain('demo/\\u001b[31mecho\\u0007\\u202eohce\\u009b2J\\u2066x');
    expect(text.stdout).toContain('bad\\u001b]0;owned\\u0007\\u202e.pconf');

    const json = await goplug('list', '--dir', dir.path, '--json');
    expect(rawControls(json.stdout)).toEqual([]);
    // Escaped, not dropped: the JSON still carries the exact name.
    const parsed = JSON.parse(json.stdout) as {
      plugins: Array<{ name: string }>;
      problems: Array<{ fileName: string }>;
    };
    expect(parsed.plugins.map((p) => p.name)).toEqual([HOSTILE]);
    expect(parsed.problems.map((p) => p.fileName)).toEqual(['bad\u001b]0;owned\u0007\u202e.pconf']);
  }, 60_000);

  it('inspect, start and error messages are escaped too', async () => {
    for (const args of [
      ['inspect', conf],
      ['inspect', conf, '--json'],
      ['start', '--dir', dir.path, `demo/${HOSTILE}`],
    ]) {
      const { stdout, stderr } = await goplug(...args);
      expect(rawControls(stdout + stderr), args.join(' ')).toEqual([]);
      expect(stdout + stderr, args.join(' ')).toContain('\\u202e');
    }
  }, 90_000);
});
