/** Parser behaviours beyond the corpus: Go's key matching, nulls, positions, and hostile input. */
import { describe, expect, it } from 'vitest';
import { parsePconf, socketPathLimit, socketPathProblem } from '../../../src/core/pconf/index.js';
import type { PconfParse, PluginConf } from '../../../src/core/types.js';

const CONF_PATH = '/plugins/test.pconf';

function parse(text: string | Buffer): PconfParse {
  return parsePconf(typeof text === 'string' ? Buffer.from(text) : text, CONF_PATH);
}

function valid(text: string): { conf: PluginConf; warnings: string[] } {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected valid, got: ${result.error.message}`);
  return { conf: result.conf, warnings: result.warnings.map((w) => w.message) };
}

function error(text: string | Buffer) {
  const result = parse(text);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.conf)}`);
  return result;
}

describe('keys, as Go decodes them', () => {
  it('lets the last of two keys for the same field win, as Go does, and says so', () => {
    const { conf, warnings } = valid('{"Name":"first","name":"second","Sock":"/s"}');
    expect(conf.name).toBe('second');
    expect(warnings).toEqual([
      'test.pconf: Name is set twice ("Name" at 1:2 and "name" at 1:17); the last one is used, as Go\'s decoder does',
    ]);
  });

  it('folds keys with Go’s Unicode rules: long s and the Kelvin sign fill Sock', () => {
    expect(valid('{"Name":"a","\u017Fock":"/long-s"}').conf.sock).toBe('/long-s');
    expect(valid('{"Name":"a","Soc\u212A":"/kelvin"}').conf.sock).toBe('/kelvin');
  });

  it('keeps unknown keys unchanged, including awkward ones like __proto__', () => {
    const { conf } = valid(
      '{"Name":"a","Sock":"/s","__proto__":{"x":1},"n":null,"deep":[[{"k":[1.5e3,-0.25]}]]}',
    );
    expect(Object.keys(conf.extras)).toEqual(['__proto__', 'n', 'deep']);
    expect(Object.getPrototypeOf(conf.extras)).toBe(Object.prototype);
    expect(JSON.stringify(conf.extras)).toBe('{"__proto__":{"x":1},"n":null,"deep":[[{"k":[1500,-0.25]}]]}');
  });

  it('treats null as not set, as Go leaves the field untouched', () => {
    expect(valid('{"Name":"a","NameSpace":null,"Url":null,"Sock":"/s","LazyLoad":null}').conf).toMatchObject({
      namespace: '',
      url: 'unix://a',
      lazyLoad: false,
      defaulted: ['NameSpace', 'Url', 'LazyLoad'],
    });
    expect(error('{"Name":null,"Sock":"/s"}').error.message).toBe('test.pconf: Name is required');
  });
});

describe('fields', () => {
  it('names every problem with the fields in one error', () => {
    const result = error('{"NameSpace":7,"Name":""}');
    expect(result.error.message).toBe(
      'test.pconf: wrong types: NameSpace must be a string (found number); Name must not be empty; Sock is required',
    );
    expect(result.error).toMatchObject({ field: 'NameSpace', line: 1, column: 14 });
  });

  it('gives an empty Url the default, with a warning', () => {
    const { conf, warnings } = valid('{"Name":"a","NameSpace":"n","Url":"","Sock":"/s"}');
    expect(conf.url).toBe('unix://na');
    expect(conf.defaulted).toContain('Url');
    expect(warnings).toEqual(['test.pconf: Url is empty, so the default is used']);
  });

  it('warns about a Url that is not unix:// or has no host, and keeps it', () => {
    const http = valid('{"Name":"a","Url":"http://x","Sock":"/s"}');
    expect(http.conf.url).toBe('http://x');
    expect(http.warnings[0]).toMatch(/scheme "http", not "unix"/);
    expect(valid('{"Name":"a","Url":"unix://","Sock":"/s"}').warnings[0]).toMatch(/no host part/);
    expect(valid('{"Name":"a","Url":"TestDo","Sock":"/s"}').warnings[0]).toMatch(
      /not of the form unix:\/\/<host>/,
    );
  });

  it('refuses a Sock holding a NUL character (no socket can have that path)', () => {
    expect(error('{"Name":"a","Sock":"/tmp/a\\u0000b"}').error.message).toMatch(/socket path contains a NUL/);
  });

  it('measures the socket path in UTF-8 bytes, not characters', () => {
    // 55 characters, but 5 + 30 * 2 + 20 * 3 = 125 bytes.
    const sock = `/tmp/${'é'.repeat(30)}${'€'.repeat(20)}`;
    expect(error(JSON.stringify({ Name: 'a', Sock: sock })).error.message).toMatch(
      /socket path is 125 bytes long/,
    );
  });

  it('holds a socket path to the limit of the platform: 104 bytes on macOS, 108 on Linux, with the NUL', () => {
    const sock = `/tmp/${'s'.repeat(100)}`; // 105 bytes
    expect(socketPathProblem(sock, socketPathLimit('linux'))).toBeNull();
    expect(socketPathProblem(sock, socketPathLimit('darwin'))).toBe(
      'the socket path is 105 bytes long; a Unix socket address allows at most 103 bytes on macOS',
    );
    expect(socketPathLimit('freebsd').maxBytes).toBe(103);
    expect(socketPathProblem(`${sock}${'s'.repeat(3)}`, socketPathLimit('linux'))).toMatch(/at most 107 bytes on Linux$/);
  });
});

describe('syntax', () => {
  it('points at the problem with line and column across CRLF lines', () => {
    const result = error('{\r\n  "Name": "a",\r\n  "Sock" "/s"\r\n}');
    expect(result.error).toMatchObject({ line: 3, column: 10 });
    expect(result.error.message).toBe(
      `test.pconf: invalid JSON at line 3 column 10: unexpected character '"'; expected ":" after the key`,
    );
  });

  it('counts columns in characters', () => {
    expect(error('{"Näme€": x}').error).toMatchObject({ line: 1, column: 11 });
  });

  it('is strict JSON apart from trailing commas', () => {
    for (const bad of [
      '{"Name":"a",,}',
      '{,}',
      '[,]',
      "{'Name':'a'}",
      '{"a":01}',
      '{"a":1.}',
      '{"a":"\\x"}',
      '{"a":"\t"}',
      '{} {}',
    ]) {
      expect(parse(bad), bad).toMatchObject({ ok: false, incomplete: false });
    }
    expect(valid('{"Name":"a","Sock":"/s","Tags":[1,2,],}').warnings).toHaveLength(2);
  });

  it('calls every kind of early end incomplete', () => {
    for (const cut of [
      '',
      '   \n',
      '{',
      '{"Na',
      '{"Name"',
      '{"Name":',
      '{"Name":tr',
      '{"Name":-',
      '{"a":1e',
      '{"a":"\\u12',
      '{"a":[1,',
    ]) {
      expect(parse(cut), JSON.stringify(cut)).toMatchObject({ ok: false, incomplete: true });
      expect(error(cut).error.message).toMatch(/^test\.pconf: unexpected end of JSON at line \d+ column \d+/);
    }
  });

  it('refuses deep nesting with an error, not a stack overflow, and not as "incomplete"', () => {
    for (const open of ['[', '{"a":']) {
      const result = error(open.repeat(100_000));
      expect(result.incomplete).toBe(false);
      expect(result.error.message).toMatch(/nested deeper than 1000 levels/);
    }
  });

  it('replaces lone surrogate escapes with U+FFFD, as Go does, and joins escaped pairs', () => {
    const { conf } = valid('{"Name":"\\ud83d\\ude00 \\ud800","Sock":"/s"}');
    expect(conf.name).toBe('\u{1F600} \ufffd');
  });

  it('reports a non-object top level by what it is', () => {
    expect(error('"x"').error.message).toMatch(/found a string$/);
    expect(error(' null').error).toMatchObject({ message: expect.stringMatching(/found null$/), column: 2 });
  });
});

describe('content that is not text', () => {
  it('refuses NUL bytes, invalid UTF-8 and UTF-16 without echoing them', () => {
    const samples = [
      Buffer.from('{"Name":"a\0"}'),
      Buffer.from([0x7b, 0xc3, 0x28, 0x7d]),
      Buffer.from('\ufeff{}', 'utf16le'),
    ];
    for (const bytes of samples) {
      expect(error(bytes).error.message).toBe('test.pconf: not a text file (binary or not UTF-8)');
    }
  });

  it('escapes control characters of a file name in messages', () => {
    const result = parsePconf(Buffer.from(''), '/x/\u001b[31mred.pconf');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.startsWith('\\u001b[31mred.pconf: ')).toBe(true);
  });
});
