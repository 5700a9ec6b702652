// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecuteResult } from '../../src/shared/contract.js';
import { ResponsePane } from '../../src/renderer/components/ResponsePane.js';
import { toBase64 } from './helpers/base64.js';

afterEach(cleanup);

const CURL = "curl --unix-socket /tmp/echo.sock -X POST 'http://unix/Echo' --data-binary @-";

function ok(body: string | Uint8Array, status = 200, headers: Record<string, string> = {}): ExecuteResult {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return {
    ok: true,
    status,
    headers,
    body: { base64: toBase64(body), size: bytes.length },
    durationMs: 12.3,
    curl: CURL,
  };
}

const pane = () => screen.getByRole('region', { name: 'Response' });

describe('ResponsePane', () => {
  it('invites a first request before there is a response', () => {
    render(<ResponsePane result={null} method={null} />);
    expect(within(pane()).getByText(/Send a request/)).toBeTruthy();
  });

  it('pretty-prints a JSON body with folding, status, duration and size', () => {
    const { container } = render(<ResponsePane result={ok('{"greeting":"hi","list":[1,2]}')} method="Echo" />);
    const region = pane();
    expect(within(region).getByText('200').className).toContain('pill-ok');
    expect(within(region).getByText('12 ms')).toBeTruthy();
    expect(within(region).getByText('30 B')).toBeTruthy();
    expect(within(region).getByText('JSON')).toBeTruthy();
    expect(container.querySelector('[data-kind="json"]')).not.toBeNull();
    expect(within(region).getByText('"greeting":')).toBeTruthy();
    expect(within(region).getByText('"hi"')).toBeTruthy();
    // Objects and arrays fold: each is a <details>.
    expect(container.querySelectorAll('details.json-node')).toHaveLength(2);
    expect(within(region).getByRole('button', { name: 'Copy body' })).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Copy as curl' })).toBeTruthy();
  });

  it('shows plain text as text', () => {
    const { container } = render(<ResponsePane result={ok('pong\nsecond line')} method="Ping" />);
    const text = container.querySelector('[data-kind="text"]');
    expect(text?.textContent).toBe('pong\nsecond line');
    expect(within(pane()).getByText('Text')).toBeTruthy();
  });

  it('shows binary as a hex dump', () => {
    const { container } = render(<ResponsePane result={ok(new Uint8Array([0x00, 0xff, 0x47, 0x50]))} method="Blob" />);
    expect(container.querySelector('[data-kind="binary"]')).not.toBeNull();
    expect(container.querySelector('.hex')?.textContent).toBe(
      '00000000  00 ff 47 50                                       |..GP|',
    );
  });

  it('colours 4xx amber and 5xx red', () => {
    const { rerender } = render(<ResponsePane result={ok('no', 404)} method="X" />);
    expect(within(pane()).getByText('404').className).toContain('pill-warn');
    rerender(<ResponsePane result={ok('boom', 500)} method="X" />);
    expect(within(pane()).getByText('500').className).toContain('pill-bad');
  });

  it('lists the headers on their own tab', () => {
    render(<ResponsePane result={ok('{}', 200, { 'content-type': 'application/json' })} method="Echo" />);
    fireEvent.click(screen.getByRole('tab', { name: 'Headers' }));
    expect(screen.getByRole('rowheader', { name: 'content-type' })).toBeTruthy();
    expect(screen.getByText('application/json')).toBeTruthy();
  });

  it('shows a typed error with its code and what to try, and no stack', () => {
    const result: ExecuteResult = {
      ok: false,
      error: {
        code: 'TIMEOUT',
        message: 'demo/echo did not answer Delay within 1000 ms',
        hint: 'Raise the timeout or check the plugin for a hang.',
      },
      durationMs: 1000,
      curl: CURL,
    };
    render(<ResponsePane result={result} method="Delay" />);
    const region = pane();
    expect(within(region).getAllByText('TIMEOUT').length).toBeGreaterThan(0);
    expect(within(region).getByText('demo/echo did not answer Delay within 1000 ms')).toBeTruthy();
    expect(within(region).getByText('Raise the timeout or check the plugin for a hang.')).toBeTruthy();
    expect(region.textContent).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    expect(within(region).getByRole('button', { name: 'Copy as curl' })).toBeTruthy();
  });
});
