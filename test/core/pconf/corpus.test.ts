/**
 * Every file in the .pconf corpus gets exactly the outcome EXPECTED.md lists. A fixture without an
 * expectation here fails the run, so a new fixture cannot be forgotten.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePconf, socketPathLimit } from '../../../src/core/pconf/index.js';
import { formatPluginId } from '../../../src/core/pluginId.js';
import type { ConfIssue, PconfParse, PluginConf } from '../../../src/core/types.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/pconf/', import.meta.url));
const FILES = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.pconf'))
  .sort();

type Valid = {
  valid: true;
  id: string;
  /** Fields to compare (subset of PluginConf). */
  conf?: Partial<PluginConf>;
  /** Each must match one warning; no warnings at all when omitted. */
  warnings?: { message: RegExp; line?: number; column?: number }[];
};
type Invalid = {
  valid: false;
  /** Each must appear in the error message. */
  error: (string | RegExp)[];
  incomplete?: boolean;
  line?: number;
  column?: number;
  field?: string;
};

const fixtureSock = (stem: string): string => `/tmp/goplug-fixture/${stem}.sock`;

const EXPECTED: Record<string, Valid | Invalid> = {
  'go-original.pconf': {
    valid: true,
    id: 'Test/Do',
    conf: { url: 'unix://TestDo', sock: fixtureSock('TestDo'), lazyLoad: false, defaulted: [], extras: {} },
  },
  'lowercase-keys.pconf': {
    valid: true,
    id: 'keys/lower',
    conf: { url: 'unix://keyslower', sock: fixtureSock('keyslower'), lazyLoad: true, defaulted: [] },
  },
  'minimal.pconf': {
    valid: true,
    id: 'minimal',
    conf: {
      namespace: '',
      url: 'unix://minimal',
      lazyLoad: false,
      defaulted: ['NameSpace', 'Url', 'LazyLoad'],
    },
  },
  'pretty.pconf': {
    valid: true,
    id: 'fmt/pretty',
    conf: { url: 'unix://fmtpretty', sock: fixtureSock('fmtpretty'), lazyLoad: true, defaulted: [] },
  },
  'extra-fields.pconf': {
    valid: true,
    id: 'meta/extra',
    conf: {
      extras: {
        Version: '1.4.2',
        Description: 'A plugin that says more about itself',
        Tags: ['demo', 'meta'],
      },
      defaulted: ['Url'],
    },
  },
  'bom.pconf': {
    valid: true,
    id: 'enc/bom',
    conf: { sock: fixtureSock('encbom') },
    warnings: [{ message: /^bom\.pconf: .*byte order mark.*skipped/, line: 1, column: 1 }],
  },
  'trailing-comma.pconf': {
    valid: true,
    id: 'NamespaceOfPlugin/NameOfPlugin',
    conf: { url: 'unix://PluginUrl', sock: fixtureSock('unixSockLocation'), lazyLoad: false, defaulted: [] },
    warnings: [
      { message: /^trailing-comma\.pconf: trailing comma at line 6 column 27/, line: 6, column: 27 },
    ],
  },
  'relative-sock.pconf': {
    valid: true,
    id: 'path/rel',
    conf: { sock: join(FIXTURES, 'pathrel.sock') },
    warnings: [
      {
        message: /^relative-sock\.pconf: Sock "pathrel\.sock" is relative; resolved against/,
        line: 1,
        column: 41,
      },
    ],
  },
  'dup-a.pconf': { valid: true, id: 'dup/twin', conf: { sock: fixtureSock('duptwin-a') } },
  'dup-b.pconf': { valid: true, id: 'dup/twin', conf: { sock: fixtureSock('duptwin-b') } },
  'not-json.pconf': {
    valid: false,
    error: ['invalid JSON at line 1 column 1', `unexpected character 'h'`],
    line: 1,
    column: 1,
  },
  'empty.pconf': {
    valid: false,
    incomplete: true,
    error: ['unexpected end of JSON at line 1 column 1', 'empty'],
  },
  'truncated.pconf': {
    valid: false,
    incomplete: true,
    error: ['unexpected end of JSON at line 1 column 29'],
    line: 1,
    column: 29,
  },
  'missing-name.pconf': { valid: false, error: ['Name is required'], field: 'Name' },
  'missing-sock.pconf': { valid: false, error: ['Sock is required'], field: 'Sock' },
  'wrong-types.pconf': {
    valid: false,
    error: [
      'Name must be a string (found number)',
      'Sock must be a string (found boolean)',
      'LazyLoad must be a boolean (found string "yes")',
    ],
    field: 'Name',
    line: 1,
    column: 9,
  },
  'long-sock.pconf': {
    valid: false,
    error: [
      /socket path is 125 bytes long/,
      `at most ${socketPathLimit().maxBytes} bytes`,
      `Sock "/tmp/${'a'.repeat(110)}/long.sock"`,
    ],
    field: 'Sock',
  },
  'array.pconf': { valid: false, error: ['a .pconf must hold a JSON object, found an array'] },
  'binary.pconf': { valid: false, error: ['not a text file (binary or not UTF-8)'] },
};

/** C0/C1 controls or the replacement character: signs of raw garbage in a message. */
function hasGarbage(text: string): boolean {
  return [...text].some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
  });
}

function parseFixture(name: string): PconfParse {
  const path = join(FIXTURES, name);
  return parsePconf(readFileSync(path), path);
}

describe('.pconf corpus (test/fixtures/pconf/EXPECTED.md)', () => {
  it('has an expectation for every fixture, and a fixture for every expectation', () => {
    expect(FILES).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(FILES)('%s', (name) => {
    const expected = EXPECTED[name];
    if (!expected) throw new Error(`${name} has no expectation in corpus.test.ts: add one (see EXPECTED.md)`);
    const result = parseFixture(name);
    const messages = [...result.warnings, ...(result.ok ? [] : [result.error])].map(
      (issue: ConfIssue) => issue.message,
    );
    for (const message of messages) {
      expect(message.startsWith(`${name}: `), message).toBe(true);
      expect(hasGarbage(message), message).toBe(false);
    }

    if (expected.valid) {
      if (!result.ok) throw new Error(`expected ${name} to be valid, got: ${result.error.message}`);
      expect(formatPluginId(result.conf.namespace, result.conf.name)).toBe(expected.id);
      expect(result.conf).toMatchObject(expected.conf ?? {});
      const wanted = expected.warnings ?? [];
      expect(result.warnings).toHaveLength(wanted.length);
      for (const warning of wanted) {
        expect(result.warnings).toContainEqual(
          expect.objectContaining({ ...warning, message: expect.stringMatching(warning.message) }),
        );
      }
      return;
    }

    if (result.ok)
      throw new Error(`expected ${name} to be invalid, it parsed as ${JSON.stringify(result.conf)}`);
    for (const part of expected.error) expect(result.error.message).toMatch(part);
    expect(result.incomplete).toBe(expected.incomplete ?? false);
    if (expected.line !== undefined)
      expect(result.error).toMatchObject({ line: expected.line, column: expected.column });
    if (expected.field !== undefined) expect(result.error.field).toBe(expected.field);
  });

  it('dup-a and dup-b both parse and claim the same id (the conflict is the registry’s to report)', () => {
    const [a, b] = [parseFixture('dup-a.pconf'), parseFixture('dup-b.pconf')];
    if (!a.ok || !b.ok) throw new Error('both must parse');
    expect(formatPluginId(a.conf.namespace, a.conf.name)).toBe(formatPluginId(b.conf.namespace, b.conf.name));
    expect(a.conf.sock).not.toBe(b.conf.sock);
  });
});
