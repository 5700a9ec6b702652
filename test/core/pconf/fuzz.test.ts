/**
 * Property tests with a fixed seed and bounded runs: whatever bytes a .pconf holds, the parser
 * returns a well-formed answer (never throws, never prints garbage); the scanner agrees with
 * JSON.parse on what is JSON; and what the writer writes parses back to the same fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goFieldFor } from '../../../src/core/pconf/goFields.js';
import { scanJson } from '../../../src/core/pconf/json.js';
import {
  formatPconf,
  MAX_PCONF_NESTING,
  parsePconf,
  socketPathLimit,
} from '../../../src/core/pconf/index.js';
import type { ConfIssue, PconfParse } from '../../../src/core/types.js';

const SEED = 20_251_128;
const RUNS = 2000;
const FIXTURES = fileURLToPath(new URL('../../fixtures/pconf/', import.meta.url));
const CORPUS = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.pconf'))
  .map((name) => readFileSync(join(FIXTURES, name)));
const CONF_PATH = '/plugins/fuzz.pconf';

function hasControlChars(text: string): boolean {
  return [...text].some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
}

function expectWellFormedIssue(issue: ConfIssue): void {
  expect(issue.message.startsWith('fuzz.pconf: ')).toBe(true);
  expect(hasControlChars(issue.message)).toBe(false);
  if (issue.line !== undefined) {
    expect(Number.isInteger(issue.line) && issue.line >= 1).toBe(true);
    expect(Number.isInteger(issue.column) && (issue.column ?? 0) >= 1).toBe(true);
  }
}

function expectWellFormed(result: PconfParse): void {
  result.warnings.forEach(expectWellFormedIssue);
  if (!result.ok) {
    expectWellFormedIssue(result.error);
    return;
  }
  const { conf } = result;
  expect(conf.name).not.toBe('');
  expect(conf.sock.startsWith('/')).toBe(true);
  expect(Buffer.byteLength(conf.sock)).toBeLessThanOrEqual(socketPathLimit().maxBytes);
  expect(typeof conf.lazyLoad).toBe('boolean');
  expect(typeof conf.url).toBe('string');
}

function parseBytes(bytes: Uint8Array): PconfParse {
  return parsePconf(Buffer.from(bytes), CONF_PATH);
}

/** Tokens rather than characters, so the strings come close to JSON often; no lone-surrogate escapes. */
const jsonish = fc.string({
  unit: fc.constantFrom(
    ...[
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      ' ',
      '\n',
      '\r\n',
      '\t',
      'a',
      'é',
      '0',
      '1',
      '-',
      '.',
      'e',
      '+',
    ],
    ...[
      'true',
      'false',
      'null',
      '"Name"',
      '"sock"',
      '"LazyLoad"',
      '"/tmp/s"',
      '\\n',
      '\\u00e9',
      '\\"',
      '\ufeff',
    ],
  ),
  maxLength: 60,
});

const mutation = (byte: fc.Arbitrary<number>) =>
  fc.record({ kind: fc.constantFrom('insert', 'delete', 'replace', 'truncate'), at: fc.nat(), byte });
const anyByte = fc.integer({ min: 0, max: 255 });
/** Bytes that turn JSON into almost-JSON. */
const syntaxByte = fc.constantFrom(...[...'{}[],:"\\ 0-.eE+tnu'].map((ch) => ch.charCodeAt(0)));

function mutate(original: Buffer, mutations: { kind: string; at: number; byte: number }[]): Buffer {
  let bytes = Buffer.from(original);
  for (const { kind, at, byte } of mutations) {
    const i = bytes.length === 0 ? 0 : at % (bytes.length + 1);
    const before = bytes.subarray(0, i);
    const after = bytes.subarray(i);
    if (kind === 'insert') bytes = Buffer.concat([before, Buffer.from([byte]), after]);
    else if (kind === 'delete') bytes = Buffer.concat([before, after.subarray(1)]);
    else if (kind === 'replace') bytes = Buffer.concat([before, Buffer.from([byte]), after.subarray(1)]);
    else bytes = before;
  }
  return bytes;
}

const options = { seed: SEED, numRuns: RUNS };

describe('parsePconf never throws and always answers well-formed', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => expectWellFormed(parseBytes(bytes))),
      options,
    );
  });

  it('on JSON-ish text', () => {
    fc.assert(
      fc.property(jsonish, (text) => expectWellFormed(parseBytes(Buffer.from(text)))),
      options,
    );
  });

  it('on mutated corpus files', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CORPUS),
        fc.array(mutation(anyByte), { minLength: 1, maxLength: 6 }),
        (file, mutations) => expectWellFormed(parseBytes(mutate(file, mutations))),
      ),
      options,
    );
  });

  it('on deep nesting of any shape', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('[', '{"k":', '[1,', ' '), { minLength: 900, maxLength: 1200 }),
        (opens) => expectWellFormed(parseBytes(Buffer.from(opens.join('')))),
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('the scanner is JSON, plus reported trailing commas', () => {
  it('reads any JSON text to the same value as JSON.parse', () => {
    fc.assert(
      fc.property(fc.json({ stringUnit: 'grapheme', maxDepth: 8 }), (text) => {
        const scan = scanJson(text, MAX_PCONF_NESTING);
        expect(scan).toMatchObject({ ok: true, trailingCommas: [] });
        if (scan.ok) expect(scan.value).toEqual(JSON.parse(text));
      }),
      options,
    );
  });

  const nearJson = fc
    .tuple(fc.json({ maxDepth: 4 }), fc.array(mutation(syntaxByte), { minLength: 1, maxLength: 3 }))
    .map(([text, mutations]) => mutate(Buffer.from(text), mutations).toString());

  it('accepts exactly what JSON.parse accepts, apart from trailing commas', () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, nearJson), (text) => {
        let parsed: { value: unknown } | null = null;
        try {
          parsed = { value: JSON.parse(text) };
        } catch {
          // not JSON
        }
        const scan = scanJson(text, MAX_PCONF_NESTING);
        if (parsed) {
          expect(scan.ok).toBe(true);
          if (scan.ok) expect(scan.value).toEqual(parsed.value);
        } else if (scan.ok) {
          expect(scan.trailingCommas.length).toBeGreaterThan(0);
        }
      }),
      options,
    );
  });
});

describe('Go key matching', () => {
  it('maps every mix of upper and lower case of a field name to that field', () => {
    const field = fc.constantFrom('Name', 'NameSpace', 'Url', 'Sock', 'LazyLoad');
    fc.assert(
      fc.property(
        field.chain((name) => fc.tuple(fc.constant(name), fc.mixedCase(fc.constant(name)))),
        ([name, key]) => {
          expect(goFieldFor(key)).toBe(name);
        },
      ),
      options,
    );
  });
});

describe('round trip', () => {
  const limit = socketPathLimit().maxBytes;
  const text = fc.string({ unit: 'grapheme', maxLength: 30 });
  const conf = fc.record({
    name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
    namespace: text,
    url: fc.option(text, { nil: undefined }),
    sock: text
      .map((rest) => `/tmp/${rest}`)
      .filter((sock) => !sock.includes('\0') && Buffer.byteLength(sock) <= limit),
    lazyLoad: fc.boolean(),
  });

  it('parses what formatPconf writes back to the same fields', () => {
    fc.assert(
      fc.property(conf, (written) => {
        const result = parsePconf(Buffer.from(formatPconf(written)), CONF_PATH);
        if (!result.ok) throw new Error(result.error.message);
        expect(result.conf).toMatchObject({
          name: written.name,
          namespace: written.namespace,
          url: written.url || `unix://${written.namespace}${written.name}`,
          sock: written.sock,
          lazyLoad: written.lazyLoad,
          extras: {},
        });
        // The writer always writes every field, Url defaulted or not, as Go does.
        expect(result.conf.defaulted).toEqual([]);
      }),
      options,
    );
  });
});
