/** Plain data for renderer tests: plugin snapshots and settings as the service would send them. */
import type { PluginSnapshot, Settings } from '../../../src/shared/contract.js';

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
