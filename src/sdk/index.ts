/** The GoPlug plugin SDK: write a plugin in TypeScript that any GoPlug host can drive. */
export { createPlugin, GoPlugPlugin } from './plugin.js';
export type { MethodContext, MethodHandler, PluginOptions, StartedPlugin } from './plugin.js';
export { runPlugin } from './runPlugin.js';
export type { RunOptions } from './runPlugin.js';
export { pluginFolderFromArgs } from './args.js';
export { DEFAULT_MAX_QUEUED_NOTIFICATIONS } from './notificationQueue.js';
export type { JsonValue, Payload } from './toBytes.js';
export type { DescribeOptions } from './describe.js';
