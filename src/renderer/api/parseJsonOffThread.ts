/**
 * JSON.parse for the web mode's API answers, large ones in a worker: a console answer carries
 * its body as base64, and parsing a 40 MB answer blocks the page for about 200 ms. Small answers
 * (nearly all) are parsed at once; without a worker (tests, a refused one) everything is.
 */

/** Answers longer than this (in characters) are parsed in the worker. */
const OFF_THREAD_CHARS = 1024 * 1024;

type Parsed = { ok: true; value: unknown } | { ok: false };

let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, { text: string; resolve: (parsed: Parsed) => void }>();

function parseHere(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const w = new Worker(new URL('./jsonParseWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<{ id: number } & Parsed>) => {
      const { id, ...parsed } = event.data;
      waiting.get(id)?.resolve(parsed);
      waiting.delete(id);
    };
    // A worker that cannot run (refused, failed to load): parse here from now on.
    w.onerror = () => {
      worker = null;
      w.terminate();
      for (const [id, { text, resolve }] of waiting) {
        waiting.delete(id);
        resolve(parseHere(text));
      }
    };
    return w;
  } catch {
    return null;
  }
}

export function parseJsonOffThread(text: string): Promise<Parsed> {
  if (text.length <= OFF_THREAD_CHARS) return Promise.resolve(parseHere(text));
  if (worker === undefined) worker = startWorker();
  const w = worker;
  if (w === null) return Promise.resolve(parseHere(text));
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, { text, resolve });
    w.postMessage({ id, text });
  });
}
