// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ViewBoundary } from '../../src/renderer/components/ViewBoundary.js';

afterEach(cleanup);

let broken = true;
function Fragile({ text }: { text: string }) {
  if (broken) throw new RangeError('Maximum call stack size exceeded');
  return <p>{text}</p>;
}

describe('ViewBoundary', () => {
  it('shows a render error in the view, keeps the rest, and tries again on request or on new data', () => {
    // React reports the caught error on the console; it is expected here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    broken = true;
    const page = (data: string) => (
      <>
        <ViewBoundary label="Response" resetKey={data}>
          <Fragile text={data} />
        </ViewBoundary>
        <button type="button">Send</button>
      </>
    );
    const { rerender } = render(page('one'));
    const alert = screen.getByRole('alert', { name: 'Response could not be shown' });
    expect(alert.textContent).toContain('Maximum call stack size exceeded');
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();

    rerender(page('one'));
    expect(screen.getByRole('alert')).toBeTruthy();
    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('one')).toBeTruthy();

    broken = true;
    rerender(page('two'));
    expect(screen.getByRole('alert')).toBeTruthy();
    broken = false;
    rerender(page('three'));
    expect(screen.getByText('three')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    quiet.mockRestore();
  });
});
