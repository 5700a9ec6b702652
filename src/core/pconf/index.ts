/** The .pconf layer: parse, read safely from a folder, write as Go does, inspect. */
export { parsePconf, MAX_PCONF_NESTING } from './parse.js';
export { readPconfFile, DEFAULT_MAX_PCONF_BYTES, type PconfRead, type ReadPconfOptions } from './read.js';
export { writePconfAtomic, pconfFileName, formatPconf, type PconfContent } from './write.js';
export { socketPathLimit, socketPathProblem, type SocketPathLimit } from '../socketPath.js';
export { inspectPconf, formatInspection, MAX_RAW_CHARS, type InspectOptions } from './inspect.js';
export { probeSocket, DEFAULT_CONNECT_TIMEOUT_MS } from './socketStatus.js';
