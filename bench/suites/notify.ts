/**
 * notify.rate: one plugin (child process) notifies a subscriber `count` times in one go, as fast
 * as it can; the registry's subscription long-polls them one by one. Counts what arrived, in
 * what order, and what the plugin had to drop.
 */
import { startCallSetup } from '../lib/callSetup.js';
import { median, round } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';

export const notifySuite: Suite = {
  name: 'notify',
  async run({ profile, dir, log }) {
    const setup = await startCallSetup(dir, 1);
    const { registry } = setup;
    const id = setup.plugins.notifier;
    const { count, rounds } = profile.notify;
    const rates: number[] = [];
    let lost = 0;
    let dropped = 0;
    let inOrder = true;
    try {
      for (let r = 0; r < rounds; r++) {
        log(`burst ${r + 1}/${rounds}: ${count} notifications`);
        const callback = `tick${r}`;
        let received = 0;
        let lastAt = 0;
        let allIn: () => void = () => {};
        const done = new Promise<void>((resolve) => (allIn = resolve));
        const unsubscribe = registry.subscribe(id, callback, (body) => {
          if (body.toString('utf8') !== String(received)) inOrder = false;
          received++;
          lastAt = performance.now();
          if (received === count) allIn();
        });
        const t0 = performance.now();
        await registry.execute(id, 'Burst', JSON.stringify({ callback, count }));
        // Bounded: a generous 2 ms per notification, at least 10 s.
        const deadline = Math.max(10_000, count * 2);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline)))]);
        clearTimeout(timer);
        unsubscribe();
        if (received > 0) rates.push(received / ((lastAt - t0) / 1000));
        lost += count - received;
        const answer = await registry.execute(id, 'Dropped', JSON.stringify(callback));
        dropped += Number(answer.body.toString('utf8'));
      }
      return [
        {
          id: 'notify.rate',
          ops_per_s: rates.length > 0 ? round(median(rates)) : 0,
          lost,
          in_order: inOrder,
          dropped_by_plugin: dropped,
          count,
          rounds,
        },
      ];
    } finally {
      await setup.close();
    }
  },
};
