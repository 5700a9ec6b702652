/**
 * Sample plugin demo/clock: Now (the time as a JSON string), and a notification on callback
 * `tick` every second: {"time": "<ISO>", "seq": n}. Ticks nobody polls for are kept, up to the
 * last 60 (older ones are dropped and counted), so a host that polls late gets the last minute.
 * Run: node dist/demo/clock.js --dir DIR (or with GOPLUG_PLUGIN_DIR set).
 */
import { createPlugin, pluginFolderFromArgs, runPlugin } from '../src/sdk/index.js';

const TICK_MS = 1000;

void runPlugin(() => {
  let seq = 0;
  const ticker = setInterval(() => {
    seq += 1;
    plugin.notify('tick', { time: new Date().toISOString(), seq });
  }, TICK_MS);
  const plugin = createPlugin({
    folder: pluginFolderFromArgs(),
    namespace: 'demo',
    name: 'clock',
    maxQueuedNotifications: 60,
    onStop: () => clearInterval(ticker),
  })
    .method('Now', () => JSON.stringify(new Date().toISOString()), {
      description: 'Answers the current time as a JSON string (ISO 8601). Takes no body.',
    })
    .callback('tick', {
      description: `Every second: the time and a sequence number. Up to the last 60 ticks wait for a host that polls late.`,
      example: { time: '2026-01-01T12:00:00.000Z', seq: 1 },
    });
  return plugin;
});
