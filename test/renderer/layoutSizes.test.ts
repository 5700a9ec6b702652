import { describe, expect, it } from 'vitest';
import { paneSizes } from '../../src/renderer/lib/layoutSizes.js';

const auto = { listWidth: null, activityHeight: null, problemsOpen: true, activityOpen: true };

describe('paneSizes', () => {
  it('gives the list a share of the window, more room on a larger one', () => {
    expect(paneSizes(auto, { width: 900, height: 700 })).toMatchObject({ listWidth: 324, activityHeight: 140 });
    expect(paneSizes(auto, { width: 1280, height: 800 })).toMatchObject({ listWidth: 461, activityHeight: 160 });
    expect(paneSizes(auto, { width: 1920, height: 1080 })).toMatchObject({ listWidth: 691, activityHeight: 216 });
  });

  it('keeps a chosen size, within what leaves the detail pane room', () => {
    const chosen = { ...auto, listWidth: 700, activityHeight: 500 };
    expect(paneSizes(chosen, { width: 1920, height: 1080 })).toMatchObject({ listWidth: 700, activityHeight: 500 });
    // 900 wide: the detail pane keeps 480 px; 700 high: it keeps 320 px beside the toolbar.
    expect(paneSizes(chosen, { width: 900, height: 700 })).toEqual({ listWidth: 420, listMax: 420, activityHeight: 332, activityMax: 332 });
  });
});
