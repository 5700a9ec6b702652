/** Launching and supervising plugin processes: manifests, the supervisor, logs, process facts. */
export {
  ProcessSupervisor,
  type LaunchSpec,
  type SupervisorEvent,
  type SupervisorOptions,
} from './processSupervisor.js';
export {
  DEFAULT_MAX_MANIFEST_BYTES,
  formatManifest,
  isManifestFile,
  MANIFEST_SUFFIX,
  manifestFileName,
  parseManifest,
  readManifestFile,
  saveManifestText,
  type ManifestInput,
  type ManifestParse,
  type ManifestRead,
} from './manifest.js';
export { DEFAULT_START_TIMEOUT_MS, DEFAULT_STOP_TIMEOUT_MS } from './manifestSchema.js';
export { LaunchFailure } from './launchFailure.js';
export type { LogPage, LogQuery } from './logBuffer.js';
