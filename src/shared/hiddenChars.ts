/** The core's set of hidden characters, for the renderer (which imports only src/shared). */
export { HIDDEN_CHAR, hiddenChars } from '../core/text/hiddenChars.js';
