/**
 * Runs inside the Studio page, before the page's own scripts (playwright's addInitScript), and
 * records what the ui suite measures on the page's own clock (performance.now(), from the
 * navigation's start), so that no figure includes a DevTools-protocol round trip. The suite
 * reads it as `globalThis.__goplugBench` (types in bench/lib/studioPage.ts). Times are taken
 * in the animation frame after the DOM changed: the frame that paints the change.
 */
(() => {
  const {
    document,
    performance,
    requestAnimationFrame,
    MutationObserver,
    PerformanceObserver,
    fetch,
    Response,
    TextDecoderStream,
    CSS,
  } = globalThis;
  /** Plain JavaScript for any page: the selectors are the Studio's own (src/renderer/components). */
  const ROW = '.plugin-row';
  const LIST = '.list-scroll';
  const EMPTY = 'section.empty-state';

  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));

  /**
   * Every Server-Sent Events message as it arrives: the page reads /api/events with fetch(), so
   * its stream is teed and one copy is read here (the `data:` lines of each message).
   */
  const messageListeners = new Set();
  globalThis.fetch = async function (input, init) {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input.url;
    if (!url.endsWith('/api/events') || response.body === null) return response;
    const [mine, page] = response.body.tee();
    void (async () => {
      const reader = mine.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          buffer = buffer.slice(end + 2);
          if (data !== '') for (const listener of messageListeners) listener(data);
        }
      }
    })().catch(() => {});
    return new Response(page, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  /** The page's first text (the Studio's shell), reported a little after it is painted; null if never. */
  const firstContentfulPaint = new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 10_000);
    new PerformanceObserver((entries, observer) => {
      const entry = entries.getEntriesByName('first-contentful-paint')[0];
      if (entry === undefined) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
  });

  /** The first frame showing plugin rows (or, with no plugins, the empty state). */
  const firstPaint = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const what = document.querySelector(ROW) ? 'rows' : document.querySelector(EMPTY) ? 'empty' : undefined;
      if (what === undefined) return;
      observer.disconnect();
      void Promise.all([nextFrame(), firstContentfulPaint]).then(([ms, fcpMs]) => {
        const snapshot = performance
          .getEntriesByType('resource')
          .find((e) => e.name.includes('/api/getSnapshot'));
        resolve({ what, ms, fcpMs, snapshotMs: snapshot?.responseEnd ?? null });
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  });

  let keystroke = Promise.resolve(null);

  /**
   * Arms the measure of the next keystroke: from its keydown (the event's own time stamp) to the
   * frame after the list's DOM changed; null when the list did not change within `timeoutMs`.
   */
  function armKeystroke(timeoutMs) {
    const list = document.querySelector(LIST);
    keystroke = new Promise((resolve) => {
      let pressedAt;
      const observer = new MutationObserver(() => {
        if (pressedAt === undefined) return;
        observer.disconnect();
        clearTimeout(timer);
        void nextFrame().then((ms) => resolve(ms - pressedAt));
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        resolve(null);
      }, timeoutMs);
      document.addEventListener('keydown', (event) => (pressedAt = event.timeStamp), {
        capture: true,
        once: true,
      });
      observer.observe(list, { childList: true, subtree: true, attributes: true, characterData: true });
    });
  }

  /** The plugin rows in the DOM now: [id, display state from the badge's class]. */
  function readRows(list) {
    const rows = [];
    for (const row of list.querySelectorAll(ROW)) {
      const id = row.getAttribute('data-plugin-id');
      const state = /\bbadge-(\w+)/.exec(row.querySelector('.badge')?.className ?? '')?.[1];
      if (id && state) rows.push([id, state]);
    }
    return rows;
  }

  let watch;
  let current;

  /**
   * Starts recording, until stopWatch(): every animation frame (count, longest gap), long tasks,
   * every event batch that arrives (time, size, the plugin states it carries), and each change of
   * a rendered row's state with the frame that shows it.
   */
  function startWatch() {
    const list = document.querySelector(LIST);
    const shown = new Map(readRows(list));
    const w = {
      startedAt: performance.now(),
      rendered: [...shown.keys()],
      frames: 0,
      maxFrameGapMs: 0,
      longTasks: [],
      batches: 0,
      events: 0,
      /** [id, state, ms] as the events arrived, and as the rows showed them. */
      arrivals: [],
      transitions: [],
      running: true,
    };
    const received = new Map();
    let dirty = false;
    let lastFrame = performance.now();
    const frame = () => {
      if (!w.running) return;
      const now = performance.now();
      w.frames += 1;
      w.maxFrameGapMs = Math.max(w.maxFrameGapMs, now - lastFrame);
      lastFrame = now;
      if (dirty) {
        dirty = false;
        for (const [id, state] of readRows(list)) {
          if (shown.get(id) === state) continue;
          shown.set(id, state);
          w.transitions.push([id, state, now]);
        }
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const mutations = new MutationObserver(() => (dirty = true));
    mutations.observe(list, { childList: true, subtree: true, attributes: true, characterData: true });
    const longTasks = new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) w.longTasks.push(entry.duration);
    });
    longTasks.observe({ type: 'longtask' });
    const onBatch = (data) => {
      const at = performance.now();
      const batch = JSON.parse(data);
      w.batches += 1;
      w.events += batch.length;
      for (const event of batch) {
        if (!event.plugin) continue;
        w.arrivals.push([event.plugin.id, event.plugin.state, at]);
        received.set(event.plugin.id, event.plugin.state);
      }
    };
    messageListeners.add(onBatch);
    current = () => ({ received: Object.fromEntries(received), shown: Object.fromEntries(shown) });
    watch = () => {
      w.running = false;
      mutations.disconnect();
      longTasks.disconnect();
      messageListeners.delete(onBatch);
      const { running: _running, ...result } = w;
      return { ...result, endedAt: performance.now() };
    };
  }

  /**
   * Clicks the Console tab of the selected plugin `id`: milliseconds from the click to the frame
   * that shows the request editor.
   */
  function openConsole(id) {
    return new Promise((resolve, reject) => {
      const pane = document.querySelector(`section.detail[aria-label="${CSS.escape(id)}"]`);
      const tab = [...(pane?.querySelectorAll('[role=tab]') ?? [])].find(
        (el) => el.textContent.trim() === 'Console',
      );
      if (!tab) return reject(new Error(`no Console tab for ${id}`));
      const clicked = performance.now();
      tab.click();
      const check = () => {
        if (document.querySelector('[role=textbox][aria-label="Request body"]')) {
          requestAnimationFrame(() => resolve(performance.now() - clicked));
        } else requestAnimationFrame(check);
      };
      check();
    });
  }

  globalThis.__goplugBench = {
    firstPaint: () => firstPaint,
    armKeystroke,
    keystroke: () => keystroke,
    startWatch,
    /** While watching: the newest state per plugin as received, and per rendered row as shown. */
    watchedStates: () => current(),
    stopWatch: () => watch(),
    openConsole,
    /** The page's clock as wall-clock milliseconds, to line it up with the suite's. */
    now: () => performance.timeOrigin + performance.now(),
  };
})();
