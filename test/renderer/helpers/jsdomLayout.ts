/** jsdom does no layout: stand-ins so that virtualised lists and CodeMirror render in tests. */
import { afterAll, beforeAll } from 'vitest';

const SIZED = ['clientHeight', 'clientWidth'] as const;

/** Every element reports this size, so a virtualiser renders rows (for the file's tests). */
export function giveElementsASize(size: { height: number; width: number }): void {
  beforeAll(() => {
    for (const prop of SIZED) {
      const value = prop === 'clientHeight' ? size.height : size.width;
      Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
    }
  });
  afterAll(() => {
    for (const prop of SIZED) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[prop];
  });
}

/** Empty Range rects: CodeMirror measures text with them (for the file's tests). */
export function giveRangesRects(): void {
  beforeAll(() => {
    Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
    Range.prototype.getBoundingClientRect = () => new DOMRect();
  });
  afterAll(() => {
    delete (Range.prototype as Partial<Range>).getClientRects;
    delete (Range.prototype as Partial<Range>).getBoundingClientRect;
  });
}
