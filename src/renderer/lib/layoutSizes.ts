/**
 * The panes' sizes in a window of a given size: what the person chose, else a share of the window,
 * always within limits that leave the detail pane room (so that nothing in it is clipped).
 */
import { LAYOUT_LIMITS, type Layout } from '../store/types.js';

/** The detail pane never gets narrower than this: the console and the pconf view, which stack their columns when narrow, still fit. */
const CENTRE_MIN_WIDTH = 480;
/** The detail pane keeps at least this much height beside the toolbar and the activity log. */
const MAIN_MIN_HEIGHT = 320;
const TOOLBAR_HEIGHT = 48;

export interface PaneSizes {
  listWidth: number;
  listMax: number;
  activityHeight: number;
  activityMax: number;
}

const clamp = (value: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, value)));

export function paneSizes(layout: Layout, window: { width: number; height: number }): PaneSizes {
  const { listWidth: w, activityHeight: h } = LAYOUT_LIMITS;
  const listMax = Math.max(w.min, Math.min(w.max, window.width - CENTRE_MIN_WIDTH));
  const activityMax = Math.max(h.min, Math.min(h.max, window.height - TOOLBAR_HEIGHT - MAIN_MIN_HEIGHT));
  return {
    listWidth: clamp(layout.listWidth ?? window.width * 0.36, w.min, listMax),
    listMax,
    activityHeight: clamp(layout.activityHeight ?? window.height * 0.2, h.min, activityMax),
    activityMax,
  };
}
