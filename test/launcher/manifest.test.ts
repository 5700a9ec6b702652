/**
 * Launch manifests: defaults, paths resolved against the manifest's folder, and every mistake
 * reported with the file, the field and (where there is one) the line and column.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  formatManifest,
  parseManifest,
  readManifestFile,
  saveManifestText,
} from '../../src/core/launcher/index.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { tempFolder } from '../helpers/tempFolder.js';

const PATH = '/plugins/demoecho.plugin.json';
const parse = (text: string) => parseManifest(Buffer.from(text), PATH);

function error(text: string) {
  const result = parse(text);
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
}

describe('parseManifest', () => {
  it('applies the defaults and resolves cwd and a command with a slash against the folder', () => {
    expect(parse('{"name":"echo","namespace":"demo","command":"node","args":["echo.js"]}')).toEqual({
      ok: true,
      manifest: {
        name: 'echo',
        namespace: 'demo',
        command: 'node',
        args: ['echo.js'],
        cwd: '/plugins',
        env: {},
        autoStart: true,
        restart: 'on-failure',
        stopTimeoutMs: 5_000,
        startTimeoutMs: 15_000,
      },
    });
    expect(
      parse('{"name":"echo","command":"./bin/echo","cwd":"work","autoStart":false,"restart":"always"}'),
    ).toMatchObject({
      ok: true,
      manifest: {
        namespace: '',
        command: '/plugins/bin/echo',
        cwd: '/plugins/work',
        autoStart: false,
        restart: 'always',
      },
    });
    expect(parse('{"name":"echo","command":"/opt/echo","cwd":"/srv"}')).toMatchObject({
      manifest: { command: '/opt/echo', cwd: '/srv' },
    });
  });

  it('names the field, the problem and where it is', () => {
    expect(error('{\n  "name": "echo",\n  "command": "node",\n  "restart": "sometimes"\n}')).toEqual({
      message: 'demoecho.plugin.json: restart must be one of "no", "on-failure", "always"',
      field: 'restart',
      line: 4,
      column: 14,
    });
    expect(error('{"name":"echo"}')).toEqual({
      message: 'demoecho.plugin.json: command is required',
      field: 'command',
    });
    expect(error('{"name":"echo","command":"x","autostart":true}')).toMatchObject({
      message: 'demoecho.plugin.json: unknown field "autostart" (did you mean "autoStart"?)',
      line: 1,
      column: 30,
    });
    // The typo, not the field it leaves missing.
    expect(error('{"name":"echo","commnd":"node"}')).toMatchObject({
      message: 'demoecho.plugin.json: unknown field "commnd" (did you mean "command"?)',
      line: 1,
      column: 16,
    });
    expect(error('{"name":"echo","command":"x","colour":1}').message).toBe(
      'demoecho.plugin.json: unknown field "colour"; the fields are name, namespace, command, args, cwd, env, autoStart, restart, stopTimeoutMs, startTimeoutMs',
    );
    expect(error('{"name":"echo","command":"x","args":["a",3]}').message).toBe(
      'demoecho.plugin.json: args[1] must be a string',
    );
    expect(error('{"name":"echo","command":"x","env":{"PORT":8080}}').message).toBe(
      'demoecho.plugin.json: env["PORT"] must be a string',
    );
    expect(error('{"name":"echo","command":"x","env":{"A=B":"1"}}').message).toBe(
      'demoecho.plugin.json: env["A=B"] has a bad variable name: it must be non-empty and without "="',
    );
    expect(error('{"name":"a/b","command":"x"}').message).toBe(
      'demoecho.plugin.json: name must not contain "/" (it forms the .pconf and socket file names)',
    );
    expect(error('{"name":"","command":"x"}').message).toBe('demoecho.plugin.json: name must not be empty');
    expect(error('{"name":"e","command":"x\\u0000y"}').message).toBe(
      'demoecho.plugin.json: command must not contain NUL',
    );
    expect(error('{"name":"e","command":"x","stopTimeoutMs":-5}').message).toBe(
      'demoecho.plugin.json: stopTimeoutMs must be at least 1 ms',
    );
    expect(error('{"name":"e","command":"x","startTimeoutMs":1.5}').message).toBe(
      'demoecho.plugin.json: startTimeoutMs must be a whole number of milliseconds',
    );
    expect(error('{"name":"e","command":"x","autoStart":"yes"}').message).toBe(
      'demoecho.plugin.json: autoStart must be true or false',
    );
  });

  it('reports JSON mistakes with line and column, and anything that is not an object', () => {
    expect(error('{"name": "echo",\n "command": }')).toEqual({
      message:
        "demoecho.plugin.json line 2, column 13: invalid JSON: unexpected character '}'; expected a value",
      line: 2,
      column: 13,
    });
    expect(error('{"name": "echo", "command":').message).toMatch(
      /^demoecho\.plugin\.json line 1, column 28: unexpected end of JSON/,
    );
    expect(error('').message).toBe(
      'demoecho.plugin.json line 1, column 1: unexpected end of JSON (the file is empty)',
    );
    expect(error('["echo"]').message).toBe('demoecho.plugin.json: a launch manifest must hold a JSON object');
    expect(parseManifest(Buffer.from([0x7b, 0xff, 0x7d]), PATH)).toEqual({
      ok: false,
      error: { message: 'demoecho.plugin.json: not a text file (binary or not UTF-8)' },
    });
  });
});

describe('manifest files', () => {
  let dir: Awaited<ReturnType<typeof tempFolder>>;
  beforeEach(async () => {
    dir = await tempFolder('gp-m-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('reads a file safely: a FIFO or a huge file is a problem, never a hang', async () => {
    const fifo = join(dir.path, 'fifo.plugin.json');
    execFileSync('mkfifo', [fifo]);
    const read = await withDeadline(readManifestFile(fifo), 5_000, 'reading a FIFO');
    expect(read).toMatchObject({
      kind: 'problem',
      problem: { kind: 'not-regular', reason: 'fifo.plugin.json is a FIFO (named pipe), not a regular file' },
    });
    const big = join(dir.path, 'big.plugin.json');
    await writeFile(big, ' '.repeat(300 * 1024));
    expect(await readManifestFile(big)).toMatchObject({
      kind: 'problem',
      problem: {
        kind: 'too-large',
        reason:
          'big.plugin.json is 300 KiB (307200 bytes), more than the 256 KiB (262144 bytes) a launch manifest may have',
      },
    });
    expect(await readManifestFile(join(dir.path, 'none.plugin.json'))).toMatchObject({
      kind: 'problem',
      missing: true,
    });
  });

  it('saves checked text under the name NameSpace and Name give, atomically, and refuses bad text', async () => {
    const text = formatManifest({ name: 'echo', namespace: 'demo', command: 'node', args: ['echo.js'] });
    const path = await saveManifestText(dir.path, text);
    expect(path).toBe(join(dir.path, 'demoecho.plugin.json'));
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(await readManifestFile(path)).toMatchObject({ kind: 'ok', manifest: { cwd: dir.path } });

    await expect(saveManifestText(dir.path, '{"name":"x"}')).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'launch manifest: command is required',
    });
    expect(existsSync(join(dir.path, 'x.plugin.json'))).toBe(false);
    // No temporary file is left behind either way.
    expect(await readdir(dir.path)).toEqual(['demoecho.plugin.json']);
  });

  it('says where in the text a refused manifest is wrong: line and column of the JSON error or the field', async () => {
    const saved = join(dir.path, 'demoecho.plugin.json');
    const good = formatManifest({ name: 'echo', namespace: 'demo', command: 'node' });
    await saveManifestText(dir.path, good);
    const refusal = async (text: string): Promise<string> => {
      const err: unknown = await saveManifestText(dir.path, text).then(
        () => new Error('saved'),
        (e: unknown) => e,
      );
      expect(err).toMatchObject({
        code: 'CONFIG_INVALID',
        hint: expect.stringContaining('nothing was written'),
      });
      return (err as Error).message;
    };
    const lines = (...l: string[]) => l.join('\n') + '\n';

    // JSON syntax: where the parser stopped.
    expect(
      await refusal(lines('{', '  "name": "echo",', '  "namespace": "demo",', '  "command": "node",,', '}')),
    ).toBe(
      "launch manifest line 4, column 21: invalid JSON: unexpected character ','; expected a key in double quotes",
    );
    expect(await refusal(lines('{', '  "name": "echo",', '  "command": "node"'))).toMatch(
      /^launch manifest line 4, column 1: unexpected end of JSON/,
    );
    expect(await refusal('')).toBe(
      'launch manifest line 1, column 1: unexpected end of JSON (the file is empty)',
    );
    // A field's problem: at its value, which is what has to change (an unknown field: at its key).
    expect(
      await refusal(lines('{', '  "name": "echo",', '  "command": "node",', '  "restart": "sometimes"', '}')),
    ).toBe('launch manifest line 4, column 14: restart must be one of "no", "on-failure", "always"');
    expect(
      await refusal(lines('{', '  "name": "echo",', '  "command": "node",', '  "env": { "A=B": "1" }', '}')),
    ).toBe(
      'launch manifest line 4, column 10: env["A=B"] has a bad variable name: it must be non-empty and without "="',
    );
    expect(
      await refusal(lines('{', '  "name": "echo",', '  "command": "node",', '    "autostart": false', '}')),
    ).toBe('launch manifest line 4, column 5: unknown field "autostart" (did you mean "autoStart"?)');
    expect(
      await refusal(lines('{', '\t"name": "echo",', '\t"command": "node",', '\t"stopTimeoutMs": 0', '}')),
    ).toBe('launch manifest line 4, column 19: stopTimeoutMs must be at least 1 ms');
    // CRLF line ends count as one, and a character outside the BMP as one column.
    expect(await refusal('{\r\n  "name": "🔌",\r\n  "command": "node", "args": [1]\r\n}\r\n')).toBe(
      'launch manifest line 3, column 30: args[0] must be a string',
    );
    // A field that is not there has no place.
    expect(await refusal(lines('{', '  "name": "echo"', '}'))).toBe('launch manifest: command is required');
    expect(await refusal('["echo"]')).toBe(
      'launch manifest line 1, column 1: a launch manifest must hold a JSON object',
    );

    // Nothing was written: the good file is as it was, and no temporary file is left.
    expect(await readFile(saved, 'utf8')).toBe(good);
    expect(await readdir(dir.path)).toEqual(['demoecho.plugin.json']);
  });
});
