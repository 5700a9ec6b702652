/**
 * Runs inside the Studio page for ui.big_response_ms (bench/lib/bigResponse.ts evaluates this
 * file, then calls the function): clicks Send and resolves with the time to the frame that shows
 * the answer (null if it did not within `timeoutMs`, with what the response pane said instead)
 * and every long task from the click until `quietMs` after that. Then, where the page offers
 * "Show all", the same for it: to the frame after the whole body is laid out, and its long tasks.
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
  const quiet = () => new Promise((resolve) => setTimeout(resolve, quietMs));
  await quiet();
  observer.disconnect();
  const result = { shownMs, longTasks, pane: shownMs === null ? (pane()?.innerText ?? '').slice(0, 300) : '' };
  const showAll = [...(pane()?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Show all');
  if (!showAll) return { ...result, showAll: null };
  const allTasks = [];
  const allObserver = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) allTasks.push(entry.duration);
  });
  allObserver.observe({ type: 'longtask' });
  const clickedAll = performance.now();
  showAll.click();
  let allMs = null;
  while (performance.now() - clickedAll < timeoutMs) {
    const all = pane()?.querySelector('.large-body-all');
    if (all && !all.hasAttribute('aria-busy')) {
      allMs = (await frame()) - clickedAll;
      break;
    }
    await frame();
  }
  await quiet();
  allObserver.disconnect();
  return { ...result, showAll: { ms: allMs, longTasks: allTasks } };
};
