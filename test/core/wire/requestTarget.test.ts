/** The request line and Host header a call gets, and the previews used in error messages. */
import { describe, expect, test } from 'vitest';
import { FALLBACK_HOST, hostFromUrl } from '../../../src/core/wire/index.js';
import { bodyPreview } from '../../../src/core/wire/bodyPreview.js';
import { methodPath } from '../../../src/core/wire/requestTarget.js';

describe('hostFromUrl', () => {
  test.each([
    ['unix://TestDo', 'TestDo'],
    ['unix://TestDo/', 'TestDo'],
    ['http://user@Host.example:8080/x?y#z', 'Host.example:8080'],
    ['unix://[::1]:80', '[::1]:80'],
    ['unix://', FALLBACK_HOST],
    ['', FALLBACK_HOST],
    ['TestDo', FALLBACK_HOST],
    ['unix://Test Do', FALLBACK_HOST],
    ['unix://Test\r\nX-Injected: 1', FALLBACK_HOST],
  ])('%j -> %j', (url, host) => {
    expect(hostFromUrl(url)).toBe(host);
  });
});

describe('methodPath', () => {
  test('plain Go names pass unchanged; others are percent-encoded', () => {
    expect(methodPath('main.Do', 'P')).toBe('/main.Do');
    expect(methodPath('main.(*T).Do', 'P')).toBe('/main.(*T).Do');
    expect(methodPath('main.F[int]?#%', 'P')).toBe('/main.F%5Bint%5D%3F%23%25');
  });

  test.each([
    ['', 'is empty'],
    ['a/b', 'contains "/"'],
    [' main.Do', 'contains whitespace or a control character'],
    ['main.Do\u0000', 'contains whitespace or a control character'],
    ['main.Do\u2028', 'contains whitespace or a control character'],
  ])('%j is refused: %s', (method, why) => {
    expect(() => methodPath(method, 'Test/Do')).toThrow(
      `Plugin Test/Do: method name ${JSON.stringify(method)} ${why}`,
    );
  });
});

describe('bodyPreview', () => {
  test('printable text is kept, the rest escaped', () => {
    expect(bodyPreview(Buffer.from('ok "q" \\ \r\n\t\u0000é'))).toBe(
      '"ok \\"q\\" \\\\ \\r\\n\\t\\x00\\xc3\\xa9"',
    );
  });

  test('long bodies are cut at 80 characters and say how long they were', () => {
    const preview = bodyPreview(Buffer.alloc(1000, 0x01));
    expect(preview).toBe(`"${'\\x01'.repeat(20)}"… (1000 bytes)`);
  });
});
