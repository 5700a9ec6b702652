/**
 * A plugin not started has no methods or callbacks to offer yet: say so beside where they would be,
 * and offer to start it there (the same action as the row's switch, so a plugin the Studio cannot
 * start is told about the same way).
 */
import type { PluginSnapshot } from '../../shared/contract.js';
import { useActions, useStudio } from '../store/context.js';

/** What the person came for: the console's methods, or the Callbacks tab's callbacks. */
export type Offered = 'methods' | 'callbacks';

const WHY: Record<Offered, { lazy: string; stopped: string }> = {
  methods: {
    lazy: 'This plugin loads lazily and has not started yet: its methods are known once it runs (sending starts it too). ',
    stopped: 'This plugin is not started; start it to send requests and see its methods. ',
  },
  callbacks: {
    lazy: 'This plugin loads lazily and has not started yet: the callbacks it announces are known once it runs. ',
    stopped: 'This plugin is not started; start it to subscribe and see its callbacks. ',
  },
};

export function StartOffer({ plugin, offered }: { plugin: PluginSnapshot; offered: Offered }) {
  const actions = useActions();
  const pending = useStudio((s) => s.pending[plugin.id]);
  const starting = pending !== undefined || plugin.state === 'starting';
  return (
    <p className="method-note note" role="status">
      {plugin.lazyLoad ? WHY[offered].lazy : WHY[offered].stopped}
      <button
        type="button"
        className="btn btn-small"
        disabled={starting}
        onClick={() => void actions.togglePlugin(plugin.id)}
      >
        {starting ? 'Starting…' : 'Start it'}
      </button>
    </p>
  );
}
