import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, formatCsp, HEADER_ONLY_DIRECTIVES } from '../../src/shared/contentSecurityPolicy.js';

describe("the Studio page's own Content-Security-Policy", () => {
  it('is the shared policy (less what a <meta> cannot carry), as the headers of the web server and of our Electron scheme are', async () => {
    const html = await readFile(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta, 'index.html has a CSP <meta>').not.toBeNull();
    const expected = formatCsp(CSP_DIRECTIVES.filter(([name]) => !HEADER_ONLY_DIRECTIVES.includes(name)));
    const normalize = (csp: string) =>
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/).join(' '))
        .filter(Boolean)
        .sort();
    expect(normalize(meta![1]!)).toEqual(normalize(expected));
  });
});
