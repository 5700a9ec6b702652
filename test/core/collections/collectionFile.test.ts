/** The collection format: the issue's example, the generated JSON schema, and errors with file:line:column. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCollection, readCollectionFile, writeCollectionFile } from '../../../src/core/collections/collectionFile.js';
import { collectionJsonSchema } from '../../../src/core/collections/collectionSchema.js';
import { REPO_ROOT } from '../../helpers/buildOnce.js';
import { tempFolder } from '../../helpers/tempFolder.js';

const ISSUE_EXAMPLE = `{ "name": "echo smoke",
  "requests": [
    { "name": "upper", "plugin": "demo/echo", "method": "Upper", "body": "hi",
      "expect": { "status": 200, "body": "HI" } } ] }`;

function issueOf(text: string) {
  const parsed = parseCollection(text, 'smoke.collection.json');
  if (parsed.ok) throw new Error('expected the collection to be refused');
  return parsed.issue;
}

describe('collection files', () => {
  it("accepts the issue's example as written", () => {
    const parsed = parseCollection(ISSUE_EXAMPLE, 'smoke.collection.json');
    expect(parsed).toEqual({
      ok: true,
      collection: {
        name: 'echo smoke',
        requests: [{ name: 'upper', plugin: 'demo/echo', method: 'Upper', body: 'hi', expect: { status: 200, body: 'HI' } }],
      },
    });
  });

  it('keeps docs/collection.schema.json as the zod schema generates it (npm run schema)', async () => {
    const committed = JSON.parse(await readFile(join(REPO_ROOT, 'docs/collection.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(collectionJsonSchema());
  });

  it('names the file, line and column of a wrong value deep inside a request', () => {
    const text = ISSUE_EXAMPLE.replace('"status": 200', '"status": "200"');
    const issue = issueOf(text);
    expect(issue).toMatchObject({ line: 4, column: 29, field: 'requests[0].expect.status' });
    expect(issue.message).toBe(
      'smoke.collection.json:4:29: requests[0].expect.status: must be an HTTP status number',
    );
  });

  it('points at an unknown key and lists the fields allowed there', () => {
    const issue = issueOf(ISSUE_EXAMPLE.replace('"body": "hi"', '"bdy": "hi"'));
    expect(issue).toMatchObject({ line: 3, column: 66, field: 'requests[0].bdy' });
    expect(issue.message).toContain('unknown field (the fields here are name, plugin, method, body,');
  });

  it('puts a missing field at the object that lacks it', () => {
    const issue = issueOf('{\n  "name": "x",\n  "requests": [\n    { "name": "a", "method": "M" }\n  ]\n}');
    expect(issue.message).toBe('smoke.collection.json:4:5: requests[0].plugin: is required');
  });

  it('reports JSON syntax errors, trailing commas and an empty file where they are', () => {
    expect(issueOf('{\n  "name": "x",\n  "requests": [}\n').message).toMatch(/^smoke\.collection\.json:3:16: invalid JSON: unexpected character '\}'/);
    expect(issueOf('{ "name": "x", "requests": [], }').message).toBe(
      'smoke.collection.json:1:30: invalid JSON: a comma before a closing bracket',
    );
    expect(issueOf('  ').message).toBe('smoke.collection.json:1:3: invalid JSON: the file is empty');
  });

  it('refuses duplicate request names, a base64 body that is not base64, and a header split in contentType', () => {
    const two = `{"name":"x","requests":[{"name":"a","plugin":"p","method":"M"},\n{"name":"a","plugin":"p","method":"M"}]}`;
    expect(issueOf(two).message).toBe('smoke.collection.json:2:9: requests[1].name: is used by an earlier request: names must be unique');
    const b64 = `{"name":"x","requests":[{"name":"a","plugin":"p","method":"M","bodyEncoding":"base64","body":"no!"}]}`;
    expect(issueOf(b64).message).toContain('requests[0].body: must be a base64 string');
    const header = `{"name":"x","requests":[{"name":"a","plugin":"p","method":"M","contentType":"text/plain\\r\\nX-Evil: 1"}]}`;
    expect(issueOf(header).message).toContain('requests[0].contentType: must be a media type in printable ASCII');
  });

  it('makes hostile text in a file name and an unknown key printable in the message', () => {
    const parsed = parseCollection('{"name":"x","requests":[],"\u202eevil\\u001b[2J":1}', 'a\u001b[31m.json');
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? '' : parsed.issue.message;
    expect(message).not.toContain('\u001b');
    expect(message).not.toContain('\u202e');
    expect(message).toContain('\\u202e');
  });

  it('reads files without trusting them, and writes valid collections only, atomically', async () => {
    const dir = await tempFolder();
    try {
      const read = await readCollectionFile(join(dir.path, 'missing.collection.json'), 'missing.collection.json');
      expect(read).toMatchObject({ ok: false, message: expect.stringContaining('missing.collection.json does not exist') });
      const path = join(dir.path, 'smoke.collection.json');
      await expect(writeCollectionFile(path, { name: 'x', requests: [{ name: 'a' }] })).rejects.toThrow(
        'collection requests[0].plugin',
      );
      await writeCollectionFile(path, { name: 'smoke', requests: [{ name: 'a', plugin: 'demo/echo', method: 'Echo', body: { n: 1 } }] });
      expect(await readCollectionFile(path)).toEqual({
        ok: true,
        collection: { name: 'smoke', requests: [{ name: 'a', plugin: 'demo/echo', method: 'Echo', body: { n: 1 } }] },
      });
      await writeFile(path, Buffer.from([0x7b, 0xff, 0x7d]));
      expect(await readCollectionFile(path, 'smoke.collection.json')).toEqual({
        ok: false,
        message: 'smoke.collection.json:1:1: not a text file (binary or not UTF-8)',
      });
    } finally {
      await dir.remove();
    }
  });
});
