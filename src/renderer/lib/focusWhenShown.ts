/**
 * Focuses the first element matching `selector` once it is in the page (e.g. the console's body
 * editor, which loads on first use), giving up after `deadlineMs` so that nothing waits forever.
 */
export function focusWhenShown(selector: string, deadlineMs = 5000): void {
  const tryFocus = () => {
    const element = document.querySelector<HTMLElement>(selector);
    if (!element) return false;
    element.focus();
    return true;
  };
  if (tryFocus()) return;
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(() => stop(), deadlineMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
}
