/**
 * Runs inside the Studio page for ui.big_response_ms (bench/lib/bigResponse.ts evaluates this
 * file, then calls the function): clicks Send and resolves with the time to the frame that shows
 * the answer (null if it did not within `timeoutMs`, with what the response pane said instead)
 * and every long task from the click until `quietMs` after that.
 */
globalThis.__goplugSendAndWatch = async ({ quietMs, timeoutMs }) => {
  const { document, performance, requestAnimationFrame, PerformanceObserver, setTimeout } = globalThis;
  const longTasks = [];
  const observer = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const send = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Send');
  if (!send) throw new Error('no Send button');
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const pane = () => document.querySelector('section[aria-label="Response"]');
  const clicked = performance.now();
  send.click();
  let shownMs = null;
  while (performance.now() - clicked < timeoutMs) {
    if (pane()?.querySelector('[title="HTTP status 200"]')) {
      shownMs = (await frame()) - clicked;
      break;
    }
    await frame();
  }
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  observer.disconnect();
  return { shownMs, longTasks, pane: shownMs === null ? (pane()?.innerText ?? '').slice(0, 300) : '' };
};
