// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Splitter } from '../../src/renderer/components/Splitter.js';

afterEach(cleanup);

function Resizable({ reverse = false }: { reverse?: boolean }) {
  const [size, setSize] = useState(300);
  return (
    <Splitter label="Pane size" orientation={reverse ? 'horizontal' : 'vertical'} reverse={reverse} value={size} min={200} max={400} onChange={setSize} />
  );
}

const separator = () => screen.getByRole('separator', { name: 'Pane size' });
const now = () => separator().getAttribute('aria-valuenow');

describe('Splitter', () => {
  it('is a focusable separator that the arrow keys resize, Shift in larger steps, Home and End to the limits', () => {
    render(<Resizable />);
    expect(separator().tabIndex).toBe(0);
    expect([now(), separator().getAttribute('aria-valuemin'), separator().getAttribute('aria-valuemax')]).toEqual(['300', '200', '400']);
    fireEvent.keyDown(separator(), { key: 'ArrowRight' });
    expect(now()).toBe('316');
    fireEvent.keyDown(separator(), { key: 'ArrowLeft', shiftKey: true });
    expect(now()).toBe('252');
    fireEvent.keyDown(separator(), { key: 'End' });
    expect(now()).toBe('400');
    fireEvent.keyDown(separator(), { key: 'ArrowRight' });
    expect(now()).toBe('400');
    fireEvent.keyDown(separator(), { key: 'Home' });
    expect(now()).toBe('200');
  });

  it('grows the pane after it (the activity log below) with ArrowUp', () => {
    render(<Resizable reverse />);
    expect(separator().getAttribute('aria-orientation')).toBe('horizontal');
    fireEvent.keyDown(separator(), { key: 'ArrowUp' });
    expect(now()).toBe('316');
    fireEvent.keyDown(separator(), { key: 'ArrowDown' });
    expect(now()).toBe('300');
  });
});
