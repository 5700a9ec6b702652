/**
 * One plugin as the registry knows it: its conf, its lifecycle state with history, its health,
 * and the wire client while it is started.
 */
import type { ErrorInfo } from '../errors.js';
import type { ConfIssue, PluginSnapshot, PluginState, StateChange } from '../types.js';
import type { PluginClient } from '../wire/index.js';
import type { ConfRecord } from './claims.js';

const HISTORY_LIMIT = 50;

export class PluginEntry {
  state: PluginState = 'discovered';
  record: ConfRecord;
  methods: string[] = [];
  activationOutput = '';
  error: ErrorInfo | null = null;
  unreachable = false;
  /** Warnings found at run time (e.g. a socket others can write), on top of the conf's own. */
  runtimeWarnings: ConfIssue[] = [];
  client: PluginClient | undefined;
  /** The transition under way, so concurrent start/stop calls join it instead of racing. */
  transition: Promise<unknown> | undefined;
  /** Bumped whenever the conf is replaced or the plugin removed: stale async results are dropped. */
  generation = 0;
  readonly subscriptions = new Set<{ unsubscribe(): void }>();
  private readonly history: StateChange[] = [];

  constructor(record: ConfRecord) {
    this.record = record;
    this.history.push({ state: 'discovered', at: Date.now() });
  }

  get id(): string {
    return this.record.id;
  }

  setState(state: PluginState, reason?: string): void {
    this.state = state;
    this.history.push(reason === undefined ? { state, at: Date.now() } : { state, at: Date.now(), reason });
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
  }

  snapshot(): PluginSnapshot {
    const { conf } = this.record;
    return {
      id: this.record.id,
      namespace: conf.namespace,
      name: conf.name,
      state: this.state,
      lazyLoad: conf.lazyLoad,
      url: conf.url,
      sock: conf.sock,
      confPath: this.record.path,
      methods: [...this.methods],
      activationOutput: this.activationOutput,
      warnings: [...this.record.warnings, ...this.runtimeWarnings],
      extras: conf.extras,
      error: this.error,
      unreachable: this.unreachable,
      history: [...this.history],
    };
  }

  endSubscriptions(): void {
    for (const sub of this.subscriptions) sub.unsubscribe();
    this.subscriptions.clear();
  }
}
