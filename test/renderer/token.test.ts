// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { takeToken } from '../../src/renderer/api/token.js';

beforeEach(() => sessionStorage.clear());

describe('the web access token', () => {
  it('is taken from the address, kept for the tab, and removed from the address bar', () => {
    history.replaceState(null, '', '/?token=s3cret-token&view=1#top');
    expect(takeToken()).toBe('s3cret-token');
    expect(location.search).toBe('?view=1');
    expect(location.hash).toBe('#top');
    expect(location.href).not.toContain('s3cret');

    // A reload has no token in the address any more: the tab still has it.
    expect(takeToken()).toBe('s3cret-token');
  });

  it('is empty when neither the address nor the tab has one (the server then refuses with a hint)', () => {
    history.replaceState(null, '', '/');
    expect(takeToken()).toBe('');
  });
});
