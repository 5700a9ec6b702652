/** The core's unit formatting, for the renderer (which imports only src/shared). */
export { formatBytes } from '../core/text/units.js';
