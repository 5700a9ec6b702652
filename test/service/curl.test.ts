import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from '../../src/service/curl.js';

const base = { sock: '/tmp/gp/TestDo.sock', url: 'unix://TestDo', method: 'main.Do' };

describe('curlCommand', () => {
  it('sends no body when there is none', () => {
    expect(curlCommand({ ...base, body: Buffer.alloc(0), bodyEncoding: 'utf8' })).toBe(
      'curl --unix-socket /tmp/gp/TestDo.sock -X POST http://TestDo/main.Do',
    );
  });

  it('puts a text body inline, single quotes escaped for the shell', () => {
    const body = `{"say":"it's"}`;
    expect(curlCommand({ ...base, body: Buffer.from(body), bodyEncoding: 'utf8' })).toBe(
      `curl --unix-socket /tmp/gp/TestDo.sock -X POST http://TestDo/main.Do -H 'Content-Type: application/json' --data-binary '{"say":"it'\\''s"}'`,
    );
  });

  it('pipes a binary body through base64 into --data-binary @-', () => {
    const body = Buffer.from([0, 1, 2, 255]);
    expect(curlCommand({ ...base, body, bodyEncoding: 'base64' })).toBe(
      `printf %s AAEC/w== | base64 -d | curl --unix-socket /tmp/gp/TestDo.sock -X POST http://TestDo/main.Do -H 'Content-Type: application/json' --data-binary @-`,
    );
  });

  it('labels the body with the type the request sends: Raw text is no JSON', () => {
    const command = curlCommand({
      ...base,
      body: Buffer.from('hello'),
      bodyEncoding: 'utf8',
      contentType: 'text/plain; charset=utf-8',
    });
    expect(command).toBe(
      `curl --unix-socket /tmp/gp/TestDo.sock -X POST http://TestDo/main.Do -H 'Content-Type: text/plain; charset=utf-8' --data-binary hello`,
    );
  });

  it('never lets curl read a text body starting with @ as a file name', () => {
    const command = curlCommand({ ...base, body: Buffer.from('@/etc/passwd'), bodyEncoding: 'utf8' });
    expect(command).toContain('--data-binary @-');
    expect(command).not.toContain("--data-binary '@");
  });

  it('quotes socket paths with spaces and percent-encodes the method as the wire client does', () => {
    const command = curlCommand({
      sock: "/tmp/my plugins/it's.sock",
      url: 'unix://ns x',
      method: 'main.F[int]',
      body: Buffer.alloc(0),
      bodyEncoding: 'utf8',
    });
    expect(command).toBe(
      `curl --unix-socket '/tmp/my plugins/it'\\''s.sock' -X POST http://localhost/main.F%5Bint%5D`,
    );
  });
});

describe('shellQuote', () => {
  it('round-trips through a real shell', async () => {
    const { execFileSync } = await import('node:child_process');
    for (const text of ["it's", 'a b', '$HOME `x` "q"', '', 'new\nline', "''"]) {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' })).toBe(text);
    }
  });
});
