import { describe, expect, it } from 'vitest';
import { formatPconf } from '../../../src/core/pconf/write.js';
import { goJson } from '../../../src/core/text/goJson.js';
import { activationBody } from '../../../src/sdk/activation.js';

describe('goJson: JSON as Go encoding/json writes it', () => {
  it('escapes <, >, & and the JavaScript line separators as Go does', () => {
    expect(goJson('a<b>&c\u2028d\u2029')).toBe('"a\\u003cb\\u003e\\u0026c\\u2028d\\u2029"');
  });

  it('writes a lone surrogate as the escape \\ufffd, as Go writes invalid UTF-8', () => {
    expect(goJson('x\ud800y')).toBe('"x\\ufffdy"');
    expect(goJson('\udfffx')).toBe('"\\ufffdx"');
    // A low surrogate before its high one: two lone surrogates, not a pair.
    expect(goJson('\udc00\ud83d')).toBe('"\\ufffd\\ufffd"');
    // A well-formed pair stays the character itself.
    expect(goJson('\ud83d\ude00')).toBe('"\u{1f600}"');
    // Text that only looks like an escape (a backslash, then "ud800") is left as it is.
    expect(goJson('\\ud800')).toBe('"\\\\ud800"');
    expect(goJson('\\\ud800')).toBe('"\\\\\\ufffd"');
    expect(JSON.parse(goJson(['\ud800', 'ok']))).toEqual(['\ufffd', 'ok']);
  });

  it('is what both the .pconf writer and the /Activate body use', () => {
    expect(formatPconf({ name: 'a\ud800', namespace: 'n<s', sock: '/s' })).toBe(
      '{"Name":"a\\ufffd","NameSpace":"n\\u003cs","Url":"unix://n\\u003csa\\ufffd","Sock":"/s","LazyLoad":false}',
    );
    expect(activationBody(['M\udc00', 'a&b'], Buffer.from('tail')).toString('utf8')).toBe(
      '["M\\ufffd","a\\u0026b","","","",""]tail',
    );
  });
});
