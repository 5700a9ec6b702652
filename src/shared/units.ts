/** The core's unit formatting, for the renderer (which imports only src/shared). */
export { countOf, formatBytes, formatDuration, type DurationStyle } from '../core/text/units.js';
