/**
 * Sample plugin demo/echo: Echo (the body back, byte for byte), Upper (the body upper-cased),
 * Delay (answers after the number of milliseconds in the body, e.g. `250`).
 * Run: node dist/demo/echo.js --dir DIR (or with GOPLUG_PLUGIN_DIR set).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createPlugin, pluginFolderFromArgs, runPlugin } from '../src/sdk/index.js';

const MAX_DELAY_MS = 10 * 60 * 1000;

void runPlugin(() =>
  createPlugin({ folder: pluginFolderFromArgs(), namespace: 'demo', name: 'echo' })
    .method('Echo', (body) => body, {
      description: 'Answers the body back, byte for byte.',
      example: 'Hello, GoPlug!',
    })
    .method('Upper', (body) => body.toString('utf8').toUpperCase(), {
      description: 'Answers the body upper-cased (UTF-8 text).',
      example: 'hello',
    })
    .method(
      'Delay',
      async (body, ctx) => {
        const ms = parseDelay(body.toString('utf8'));
        try {
          // The signal ends the wait when the caller hangs up or the plugin stops.
          await sleep(ms, undefined, { signal: ctx.signal });
        } catch {
          throw new Error(`Delay of ${ms} ms cut short: ${(ctx.signal.reason as Error).message}`);
        }
        return { waitedMs: ms };
      },
      {
        description: `Waits the number of milliseconds in the body (0 to ${MAX_DELAY_MS}), then answers {"waitedMs": n}.`,
        example: '250',
        contentType: 'text/plain',
      },
    ),
);

function parseDelay(text: string): number {
  const trimmed = text.trim();
  const ms = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || ms > MAX_DELAY_MS) {
    throw new Error(
      `Delay needs a whole number of milliseconds from 0 to ${MAX_DELAY_MS} in the body, e.g. 250; got ${JSON.stringify(text.slice(0, 50))}`,
    );
  }
  return ms;
}
