/** Plain data for renderer tests: plugin snapshots and settings as the service would send them. */
import type { PluginSnapshot, ProcessInfo, Settings } from '../../../src/shared/contract.js';

export function plugin(id: string, patch: Partial<PluginSnapshot> = {}): PluginSnapshot {
  const slash = id.lastIndexOf('/');
  const namespace = slash === -1 ? '' : id.slice(0, slash);
  const name = slash === -1 ? id : id.slice(slash + 1);
  return {
    id,
    namespace,
    name,
    state: 'discovered',
    lazyLoad: false,
    url: '',
    sock: `/tmp/goplug-test/${name}.sock`,
    confPath: `/tmp/goplug-test/${name}.pconf`,
    methods: [],
    activationOutput: '',
    warnings: [],
    extras: {},
    error: null,
    unreachable: false,
    history: [{ state: 'discovered', at: 1_700_000_000_000 }],
    ...patch,
  };
}

/** A launched plugin's running process, as the supervisor reports it. */
export function processInfo(patch: Partial<ProcessInfo> = {}): ProcessInfo {
  return {
    state: 'running',
    pid: 4242,
    command: 'node dist/demo/echo.js',
    startedAt: 1_000,
    uptimeMs: 0,
    restarts: 0,
    recentCrashes: 0,
    lastExit: null,
    nextRestartAt: null,
    cpuPercent: null,
    rssBytes: null,
    message: null,
    ...patch,
  };
}

export const settings: Settings = {
  folders: ['/home/dev/plugins'],
  confExtension: '.pconf',
  watchByPolling: false,
  autoDiscover: true,
  requestTimeoutMs: 10_000,
  maxResponseBytes: 16 * 1024 * 1024,
  theme: 'system',
  allowedSocketOwners: [],
};
